// Run status: the job runs (the one running with its progress, refreshed while it runs), what the
// pipeline has done, per judge, what failed and why, dead letters, LLM cost.
import { get } from './api.js';
import { el, fill, toast } from './dom.js';

// How often the page asks again while a run is running.
const REFRESH_MS = 5000;

export function statusView(root) {
  let timer = null;

  async function load() {
    clearTimeout(timer);
    try {
      const s = await get('/api/status');
      const store = s.store;
      const verdicts = Object.values(store.verdicts_by_label).reduce((a, b) => a + b, 0);
      const card = (name, value, id) => el('div', { class: 'card', id }, el('div', { class: 'card-value' }, Number(value).toLocaleString()), el('div', { class: 'card-name' }, name));
      const p = s.pipeline || {};
      const dead = p.dead_letters_by_reason || {};
      fill(root, el('div', { class: 'page' },
        el('h2', {}, 'Run status'),
        runsSection(s.runs || []),
        el('div', { class: 'cards' },
          card('documents', store.documents, 'st-documents'), card('sentences', store.sentences, 'st-sentences'),
          card('candidate pairs', store.candidate_pairs, 'st-pairs'), card('verdicts', verdicts, 'st-verdicts'),
          card('edges', store.edges, 'st-edges'), card('edges to review', store.flagged_edges, 'st-flagged'),
          card('dead letters', p.dead_letters === undefined ? 0 : p.dead_letters, 'st-dead')),
        el('h3', {}, 'Verdicts by judge'),
        el('table', { class: 'data', id: 'judge-table' },
          el('thead', {}, el('tr', {}, ['Judge', 'Verdicts', 'Causal', 'Failures', 'Tokens in', 'Tokens out', 'Mean latency', 'p95 latency'].map((h) => el('th', {}, h)))),
          el('tbody', {}, s.judges.map((j) => el('tr', {}, el('td', {}, j.judge), el('td', {}, j.verdicts), el('td', {}, j.causal), el('td', {}, j.failures),
            el('td', {}, j.tokens_in), el('td', {}, j.tokens_out), el('td', {}, ms(j.mean_latency_ms)), el('td', {}, ms(j.p95_latency_ms)))))),
        el('h3', {}, 'Judges as analysts found them'),
        (s.judge_reviews || []).length === 0 ? el('p', { class: 'muted', id: 'judge-reviews-empty' }, 'No reviews yet: the judges\u2019 configured error rates stand.')
          : el('table', { class: 'data', id: 'judge-reviews' },
            el('thead', {}, el('tr', {}, ['Judge', 'Right', 'Wrong claim', 'Wrong span', 'Random error now', 'Systematic error'].map((h) => el('th', {}, h)))),
            el('tbody', {}, s.judge_reviews.map((j) => el('tr', { dataset: { judge: j.judge } }, el('td', {}, j.judge), el('td', {}, j.correct),
              el('td', { class: 'incorrect' }, j.incorrect), el('td', { class: 'span-errors' }, j.span_errors),
              el('td', { class: 'random-error' }, j.random_error.toFixed(3)), el('td', {}, j.systematic_error.toFixed(3)))))),
        el('h3', {}, 'Failures by reason'),
        table(store.judge_failures, 'No judge failures.'),
        el('h3', {}, 'Dead letters by reason'),
        p.dead_letters === undefined ? el('p', { class: 'muted' }, p.note || 'Not connected to the pipeline\u2019s broker.') : table(dead, 'No dead letters.'),
        el('h3', {}, 'Verdicts by label'),
        table(store.verdicts_by_label, 'No verdicts yet.')));
      if ((s.runs || []).some((r) => r.outcome === 'running')) {
        timer = setTimeout(() => { if (!root.hidden) load(); }, REFRESH_MS);
      }
    } catch (e) { toast('Status: ' + e.message, 'bad'); }
  }

  function runsSection(runs) {
    const running = runs.filter((r) => r.outcome === 'running');
    return el('div', { id: 'runs' },
      running.map((r) => el('p', { class: 'progress', id: 'run-progress' },
        el('strong', {}, r.command + ' ' + r.id + ': '), r.progress.line || 'starting')),
      el('h3', {}, 'Runs'),
      runs.length ? el('table', { class: 'data', id: 'run-table' },
        el('thead', {}, el('tr', {}, ['Run', 'Command', 'Outcome', 'Started', 'Documents', 'Produced by', 'Code', 'Configuration'].map((h) => el('th', {}, h)))),
        el('tbody', {}, runs.map((r) => el('tr', { dataset: { run: r.id } },
          el('td', {}, r.id), el('td', {}, r.command),
          el('td', { title: r.failure || '' }, r.outcome + (r.resumed_from ? ' (resumed)' : '')),
          el('td', {}, new Date(r.started_at).toLocaleString()),
          el('td', {}, r.progress.documents_done + ' / ' + r.progress.documents_total),
          el('td', {}, r.producers.map((p) => el('div', {}, p.id + ' ' + p.version + ': ' + p.evidence))),
          el('td', {}, r.code_version),
          el('td', { title: Object.entries(r.settings).map(([k, v]) => k + ' = ' + v).join('\n') }, r.config_hash.slice(0, 12))))))
        : el('p', { class: 'muted' }, 'No runs recorded yet: demo and job record theirs.'));
  }

  function ms(v) {
    return v ? Math.round(v).toLocaleString() + ' ms' : '–';
  }

  function table(map, empty) {
    const rows = Object.entries(map || {});
    return rows.length
      ? el('table', { class: 'data narrow' }, el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, Number(v).toLocaleString())))))
      : el('p', { class: 'muted' }, empty);
  }

  return { enter: load };
}

// Run status: what the pipeline has done, per judge, what failed and why, dead letters, LLM cost.
import { get } from './api.js';
import { el, fill, toast } from './dom.js';

export function statusView(root) {
  async function load() {
    try {
      const s = await get('/api/status');
      const store = s.store;
      const verdicts = Object.values(store.verdicts_by_label).reduce((a, b) => a + b, 0);
      const card = (name, value, id) => el('div', { class: 'card', id }, el('div', { class: 'card-value' }, Number(value).toLocaleString()), el('div', { class: 'card-name' }, name));
      const p = s.pipeline || {};
      const dead = p.dead_letters_by_reason || {};
      fill(root, el('div', { class: 'page' },
        el('h2', {}, 'Run status'),
        el('div', { class: 'cards' },
          card('documents', store.documents, 'st-documents'), card('sentences', store.sentences, 'st-sentences'),
          card('candidate pairs', store.candidate_pairs, 'st-pairs'), card('verdicts', verdicts, 'st-verdicts'),
          card('edges', store.edges, 'st-edges'), card('flagged edges', store.flagged_edges, 'st-flagged'),
          card('dead letters', p.dead_letters === undefined ? 0 : p.dead_letters, 'st-dead')),
        el('h3', {}, 'Verdicts by judge'),
        el('table', { class: 'data', id: 'judge-table' },
          el('thead', {}, el('tr', {}, ['Judge', 'Verdicts', 'Causal', 'Failures', 'Tokens in', 'Tokens out', 'Mean latency', 'p95 latency'].map((h) => el('th', {}, h)))),
          el('tbody', {}, s.judges.map((j) => el('tr', {}, el('td', {}, j.judge), el('td', {}, j.verdicts), el('td', {}, j.causal), el('td', {}, j.failures),
            el('td', {}, j.tokens_in), el('td', {}, j.tokens_out), el('td', {}, ms(j.mean_latency_ms)), el('td', {}, ms(j.p95_latency_ms)))))),
        el('h3', {}, 'Failures by reason'),
        table(store.judge_failures, 'No judge failures.'),
        el('h3', {}, 'Dead letters by reason'),
        p.dead_letters === undefined ? el('p', { class: 'muted' }, p.note || 'Not connected to the pipeline\u2019s broker.') : table(dead, 'No dead letters.'),
        el('h3', {}, 'Verdicts by label'),
        table(store.verdicts_by_label, 'No verdicts yet.')));
    } catch (e) { toast('Status: ' + e.message, 'bad'); }
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

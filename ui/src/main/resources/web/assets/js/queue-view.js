// The review queue: one edge at a time, highest priority first; a decision brings up the next at once.
import { get } from './api.js';
import { el, fill, belief, flagChips, toast } from './dom.js';
import { renderEdge } from './edge-panel.js';

export function queueView(root, app) {
  const list = el('ol', { id: 'queue-list', class: 'queue-list' });
  const count = el('span', { id: 'queue-count', class: 'muted' });
  const recalibrating = el('p', { id: 'queue-recalibrating', class: 'muted small', hidden: true });
  const detail = el('div', { id: 'queue-edge', class: 'edge-detail' });
  const help = el('aside', { class: 'shortcuts', id: 'shortcuts' },
    el('h3', {}, 'Keys'),
    el('dl', {},
      el('dt', {}, el('kbd', {}, 'A')), el('dd', {}, 'accept edge'),
      el('dt', {}, el('kbd', {}, 'R')), el('dd', {}, 'reject edge'),
      el('dt', {}, el('kbd', {}, 'V')), el('dd', {}, 'reverse edge'),
      el('dt', {}, el('kbd', {}, 'S')), el('dd', {}, 'skip'),
      el('dt', {}, el('kbd', {}, 'J'), ' ', el('kbd', {}, 'K')), el('dd', {}, 'next / previous sentence'),
      el('dt', {}, el('kbd', {}, '⇧A')), el('dd', {}, 'sentence correct'),
      el('dt', {}, el('kbd', {}, '⇧R')), el('dd', {}, 'sentence wrong'),
      el('dt', {}, el('kbd', {}, 'T')), el('dd', {}, 'toggle reasoning'),
      el('dt', {}, el('kbd', {}, 'N')), el('dd', {}, 'write a note')));
  fill(root,
    el('div', { class: 'queue-layout' },
      el('aside', { class: 'queue-side' }, el('h2', {}, 'Review queue ', count),
        el('p', { class: 'muted small' }, 'Ordered by flags, belief near 0.5, how connected the variables are, and evidence count.'),
        recalibrating, list),
      el('main', { class: 'queue-main' }, detail),
      help));

  let items = [];
  let skipped = new Set();
  let current = null;
  let panel = null;

  let recheck = null;

  async function load() {
    const data = await get('/api/queue', { limit: 100 });
    const before = new Map(items.map((i, k) => [i.edge_id, k]));
    items = data.items.filter((i) => !skipped.has(i.edge_id));
    const status = data.recalibrating || {};
    if (status.recalibrating && before.size) {
      // While other edges' beliefs are being recomputed the list keeps its order; new items go last.
      items.sort((a, b) => (before.has(a.edge_id) ? before.get(a.edge_id) : Infinity)
        - (before.has(b.edge_id) ? before.get(b.edge_id) : Infinity));
    }
    recalibrating.hidden = !status.recalibrating;
    recalibrating.textContent = status.recalibrating
      ? 'Beliefs recalibrating after your reviews (' + status.edges_done + ' of ' + status.edges_total + ' edges); the order holds until it ends.'
      : '';
    clearTimeout(recheck);
    if (status.recalibrating) recheck = setTimeout(() => load().catch(() => {}), 2000);
    count.textContent = '(' + data.waiting + ' waiting)';
    fill(list, items.map((item) => el('li', {
      class: current && item.edge_id === current ? 'current' : '',
      dataset: { edgeId: item.edge_id },
      onclick: () => show(item.edge_id),
    },
    el('div', { class: 'q-title' }, item.cause, ' → ', item.effect),
    el('div', { class: 'q-meta' }, 'belief ' + belief(item.belief), ' · ', item.evidence_count + ' ev.', ' ', flagChips(item.flags)))));
  }

  async function show(edgeId) {
    current = edgeId;
    list.querySelectorAll('li').forEach((li) => li.classList.toggle('current', Number(li.dataset.edgeId) === edgeId));
    const data = await get('/api/edges/' + edgeId);
    panel = renderEdge(detail, data, {
      admin: app.admin,
      onDecided: () => next(edgeId),
      onEvidenceDecided: () => show(edgeId),
      onSkip: () => { skipped.add(edgeId); next(edgeId); },
    });
  }

  async function next(doneId) {
    const rest = items.filter((i) => i.edge_id !== doneId && !skipped.has(i.edge_id));
    if (rest.length) {
      await show(rest[0].edge_id);
    } else {
      current = null;
      panel = null;
      fill(detail, el('p', { class: 'empty' }, 'Nothing waits for review.'));
    }
    load().catch((e) => toast('Queue: ' + e.message, 'bad'));
  }

  return {
    async enter() {
      skipped = new Set();
      await load();
      if (items.length) await show(items[0].edge_id);
      else fill(detail, el('p', { class: 'empty' }, 'Nothing waits for review.'));
    },
    key(event) {
      return panel ? panel.key(event) : false;
    },
  };
}

// The review queue: one edge at a time, highest priority first; a decision brings up the next at once.
import { get, latestOnly, post } from './api.js';
import { el, fill, belief, flagChips, plural, polarityChip, REJECT_REASONS, toast } from './dom.js';
import { renderEdge } from './edge-panel.js';

export function queueView(root, app) {
  const list = el('ol', { id: 'queue-list', class: 'queue-list' });
  const count = el('span', { id: 'queue-count', class: 'muted' });
  const recalibrating = el('p', { id: 'queue-recalibrating', class: 'muted small', hidden: true });
  // Flagged edges by default: those a configured review flag sent here. All undecided ones on request.
  const scope = el('input', { id: 'queue-scope', type: 'checkbox', checked: true, onchange: () => reload() });
  const batchReason = el('select', { id: 'batch-reason', title: 'Reason for rejecting the selected edges' },
    REJECT_REASONS.map(([value, text]) => el('option', { value }, text)));
  const batchCount = el('span', { id: 'batch-count', class: 'muted small' });
  const batch = el('div', { id: 'queue-batch', class: 'batch', hidden: true },
    batchCount,
    el('button', { id: 'batch-accept', class: 'small accept', type: 'button', onclick: () => decideSelected('accept') }, 'Accept selected'),
    el('button', { id: 'batch-reject', class: 'small reject', type: 'button', onclick: () => decideSelected('reject') }, 'Reject selected'),
    batchReason);
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
        el('label', { class: 'small' }, scope, ' only edges flagged for review'),
        el('p', { class: 'muted small' }, 'Ordered by how much a decision would change: a belief near 0.5, evidence'
          + ' that conflicts, judges that disagree, documents and connected variables at stake.'),
        recalibrating, batch, list),
      el('main', { class: 'queue-main' }, detail),
      help));

  let items = [];
  let skipped = new Set();
  const chosen = new Set();
  let current = null;
  let panel = null;

  let recheck = null;
  // Loads overlap (a decision's, the recalibration recheck's): an answer read before a decision
  // could otherwise land after the one read after it and stay on screen.
  const queueReads = latestOnly();

  async function load() {
    const data = await queueReads.get('/api/queue', { limit: 100, scope: scope.checked ? 'flagged' : 'undecided' });
    if (!data) return;
    const before = new Map(items.map((i, k) => [i.edge_id, k]));
    items = data.items.filter((i) => !skipped.has(i.edge_id));
    const status = data.recalibrating || {};
    if (status.recalibrating && before.size) {
      // While other edges' beliefs are being recomputed the list keeps its order; new items go last.
      items.sort((a, b) => (before.has(a.edge_id) ? before.get(a.edge_id) : Infinity)
        - (before.has(b.edge_id) ? before.get(b.edge_id) : Infinity));
    }
    recalibrating.hidden = !status.recalibrating;
    recalibrating.textContent = !status.recalibrating ? ''
      : status.elsewhere ? 'Beliefs recalibrating after reviews or deletions made elsewhere; the order holds until it ends.'
        : 'Beliefs recalibrating after your reviews (' + status.edges_done + ' of ' + plural(status.edges_total, 'edge') + '); the order holds until it ends.';
    clearTimeout(recheck);
    if (status.recalibrating) recheck = setTimeout(() => load().catch(() => {}), 2000);
    count.textContent = '(' + data.flagged + ' flagged · ' + data.undecided + ' undecided)';
    count.dataset.flagged = data.flagged;
    count.dataset.undecided = data.undecided;
    for (const id of [...chosen]) if (!items.some((i) => i.edge_id === id)) chosen.delete(id);
    fill(list, items.map((item) => el('li', {
      class: current && item.edge_id === current ? 'current' : '',
      dataset: { edgeId: item.edge_id, priority: item.priority },
      onclick: () => show(item.edge_id),
    },
    el('div', { class: 'q-title' },
      el('input', { type: 'checkbox', class: 'q-pick', title: 'Select for a batch decision', checked: chosen.has(item.edge_id),
        onclick: (e) => { e.stopPropagation(); pick(item.edge_id, e.target.checked); } }),
      ' ', item.cause, ' → ', item.effect, ' ', polarityChip(item.polarity)),
    el('div', { class: 'q-meta' }, 'priority ' + item.priority.toFixed(1), ' · belief ' + belief(item.belief), ' · ',
      plural(item.document_count, 'document'), ' ', flagChips(item.flags)),
    el('div', { class: 'q-reasons' }, item.reasons.slice(0, 2).map((r) => el('span', { dataset: { term: r.term } }, r.text))))));
    showBatch();
  }

  function pick(edgeId, on) {
    if (on) chosen.add(edgeId); else chosen.delete(edgeId);
    showBatch();
  }

  function showBatch() {
    batch.hidden = chosen.size === 0;
    batchCount.textContent = plural(chosen.size, 'edge') + ' selected';
  }

  // One decision for every selected edge; the server logs each on its own.
  async function decideSelected(decision) {
    const edges = [...chosen];
    try {
      const body = { decision, edges };
      if (decision === 'reject') body.reason = batchReason.value;
      const outcome = await post('/api/reviews', body);
      toast((decision === 'accept' ? 'Accepted ' : 'Rejected ') + plural(outcome.decided, 'edge'), 'ok');
      chosen.clear();
      if (current && edges.includes(current)) await next(current);
      else await load();
    } catch (e) {
      toast('Could not ' + decision + ' the selected edges: ' + e.message, 'bad');
    }
  }

  async function reload() {
    chosen.clear();
    await load();
    if (items.length) await show(items[0].edge_id);
    else fill(detail, el('p', { class: 'empty' }, 'Nothing waits for review.'));
  }

  async function show(edgeId) {
    current = edgeId;
    list.querySelectorAll('li').forEach((li) => li.classList.toggle('current', Number(li.dataset.edgeId) === edgeId));
    const data = await get('/api/edges/' + edgeId);
    if (current !== edgeId) return; // another edge was asked for meanwhile
    panel = renderEdge(detail, data, {
      admin: app.admin,
      onDecided: () => next(edgeId),
      onEvidenceDecided: () => { show(edgeId); load().catch((e) => toast('Queue: ' + e.message, 'bad')); },
      onSpansCorrected: (outcome) => (outcome.old_edge_removed ? next(edgeId) : show(edgeId)),
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
      await reload();
    },
    key(event) {
      return panel ? panel.key(event) : false;
    },
  };
}

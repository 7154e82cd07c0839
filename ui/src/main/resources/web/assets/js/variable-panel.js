// A variable's panel: its surface forms, and the fixes an analyst can make (rename, merge into
// another, split a form out). Every fix is logged by the server with before and after.
import { get, post } from './api.js';
import { el, fill, belief, plural, stateChip, REJECT_REASONS, toast } from './dom.js';

export async function renderVariable(container, id, options) {
  const data = await get('/api/variables/' + id);
  const v = data.variable;
  const onChanged = options.onChanged || (() => {});

  const renameInput = el('input', { id: 'rename-input', value: v.name, maxlength: 200 });
  const mergeSearch = el('input', { id: 'merge-search', placeholder: 'Find the variable to merge into…' });
  const mergeResults = el('ul', { id: 'merge-results', class: 'pick-list' });
  const note = el('input', { class: 'note', placeholder: 'Note for the review log (optional)' });

  async function rename() {
    try {
      const r = await post('/api/variables/' + v.id + '/rename', { name: renameInput.value, note: note.value || null });
      toast('Renamed to “' + r.name + '”', 'ok');
      onChanged(r.variable_id);
    } catch (e) { toast('Rename failed: ' + e.message, 'bad'); }
  }

  async function merge(into) {
    try {
      const r = await post('/api/variables/' + v.id + '/merge', { into, note: note.value || null });
      toast('Merged “' + v.name + '” into “' + r.name + '” (' + plural(r.edges_touched, 'edge') + ' moved)', 'ok');
      onChanged(r.variable_id);
    } catch (e) { toast('Merge failed: ' + e.message, 'bad'); }
  }

  async function split(form) {
    try {
      const r = await post('/api/variables/split', { form, note: note.value || null });
      toast('“' + form + '” is now a variable of its own (' + plural(r.edges_touched, 'edge') + ')', 'ok');
      onChanged(v.id);
    } catch (e) { toast('Split failed: ' + e.message, 'bad'); }
  }

  // One decision for every undecided edge into (or out of) this variable; each is logged on its own.
  async function decideAll(decision, side) {
    const which = side === 'into_variable' ? 'into' : 'out of';
    if (!window.confirm(decision[0].toUpperCase() + decision.slice(1) + ' every undecided edge ' + which + ' “' + v.name + '”?')) return;
    try {
      const body = { decision, [side]: String(v.id), note: note.value || null };
      if (decision === 'reject') body.reason = batchReason.value;
      const r = await post('/api/reviews', body);
      toast((decision === 'accept' ? 'Accepted ' : 'Rejected ') + plural(r.decided, 'edge') + ' ' + which + ' “' + v.name + '”', 'ok');
      onChanged(v.id);
    } catch (e) { toast('Batch decision failed: ' + e.message, 'bad'); }
  }
  const batchReason = el('select', { class: 'batch-reason', title: 'Reason for the rejections' },
    REJECT_REASONS.map(([value, text]) => el('option', { value }, text)));

  let searchTimer = null;
  mergeSearch.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const q = mergeSearch.value.trim();
      if (!q) { fill(mergeResults); return; }
      const found = await get('/api/variables', { q, limit: 8 });
      fill(mergeResults, found.variables.filter((m) => m.id !== v.id).map((m) => el('li', {},
        el('button', { type: 'button', class: 'link merge-target', dataset: { variableId: m.id }, onclick: () => merge(m.id) },
          'Merge into “' + m.name + '”'),
        el('span', { class: 'muted small' }, ' ' + plural(m.edges, 'edge')))));
    }, 200);
  });

  const forms = Object.entries(v.forms);
  fill(container,
    el('header', {}, el('h2', { class: 'variable-name' }, v.name),
      v.merged_into ? el('p', { class: 'muted' }, 'Merged into variable ' + v.merged_into) : null),
    options.onFocus ? el('button', { type: 'button', id: 'focus-variable', onclick: () => options.onFocus(v) }, 'Show neighbourhood') : null,
    el('section', {}, el('h3', {}, 'Surface forms'),
      el('ul', { class: 'forms' }, forms.map(([form, n]) => el('li', {},
        el('span', { class: 'form' }, form), el('span', { class: 'muted small' }, ' ' + n + ' mentions '),
        forms.length > 1 ? el('button', { type: 'button', class: 'small split-form', dataset: { form }, onclick: () => split(form) }, 'Split out') : null)))),
    el('section', {}, el('h3', {}, 'Rename'),
      el('div', { class: 'row' }, renameInput, el('button', { type: 'button', id: 'rename-button', onclick: rename }, 'Rename'))),
    el('section', {}, el('h3', {}, 'Merge'), mergeSearch, mergeResults),
    el('section', {}, el('h3', {}, 'Decide its undecided edges'),
      el('div', { class: 'row' },
        el('button', { type: 'button', class: 'small accept', id: 'accept-into', onclick: () => decideAll('accept', 'into_variable') }, 'Accept all into it'),
        el('button', { type: 'button', class: 'small reject', id: 'reject-into', onclick: () => decideAll('reject', 'into_variable') }, 'Reject all into it'),
        el('button', { type: 'button', class: 'small accept', id: 'accept-from', onclick: () => decideAll('accept', 'from_variable') }, 'Accept all out of it'),
        el('button', { type: 'button', class: 'small reject', id: 'reject-from', onclick: () => decideAll('reject', 'from_variable') }, 'Reject all out of it'),
        batchReason)),
    note,
    el('section', {}, el('h3', {}, 'Edges (' + data.edges.length + ')'),
      el('ul', { class: 'edge-list' }, data.edges.map((e) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => options.onEdge && options.onEdge(e.id) }, e.cause + ' → ' + e.effect),
        ' ', el('span', { class: 'muted small' }, belief(e.belief)), ' ', stateChip(e.review_state))))));
}

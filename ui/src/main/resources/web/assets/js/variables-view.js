// Variables: find one by name or form, then fix it in its panel.
import { get } from './api.js';
import { el, fill, plural, toast } from './dom.js';
import { renderVariable } from './variable-panel.js';

export function variablesView(root, app) {
  const search = el('input', { id: 'variable-search', placeholder: 'name or surface form…', autocomplete: 'off' });
  const results = el('ul', { id: 'variable-results', class: 'pick-list' });
  const panel = el('div', { id: 'variable-panel', class: 'variable-panel' }, el('p', { class: 'empty' }, 'Pick a variable.'));
  fill(root, el('div', { class: 'variables-layout' },
    el('aside', {}, el('h2', {}, 'Variables'),
      el('form', { onsubmit: (e) => { e.preventDefault(); find(); } }, search), results),
    el('main', {}, panel)));

  async function find() {
    try {
      const data = await get('/api/variables', { q: search.value.trim(), limit: 50 });
      fill(results, data.variables.map((v) => el('li', {},
        el('button', { type: 'button', class: 'link variable-result', dataset: { variableId: v.id }, onclick: () => open(v.id) }, v.name),
        el('span', { class: 'muted small' }, ' ' + plural(v.forms, 'form') + ' · ' + plural(v.edges, 'edge')))));
    } catch (e) { toast('Variables: ' + e.message, 'bad'); }
  }

  async function open(id) {
    try {
      await renderVariable(panel, id, {
        onChanged: (newId) => { find(); open(newId); },
        onFocus: (v) => app.go('graph', { variable: v.id }),
        onEdge: (edgeId) => app.go('graph', { edge: edgeId }),
      });
    } catch (e) { toast('Variable: ' + e.message, 'bad'); }
  }

  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(find, 200); });
  return { enter: find };
}

// The review log: who decided what, when, with the state before and after; filterable.
import { get } from './api.js';
import { el, fill, time, toast } from './dom.js';

export function logView(root) {
  const reviewer = el('input', { id: 'log-reviewer', placeholder: 'analyst' });
  const action = el('select', { id: 'log-action' }, el('option', { value: '' }, 'any decision'),
    ['accept', 'reject', 'reverse', 'merge', 'split', 'rename'].map((a) => el('option', { value: a }, a)));
  const since = el('input', { id: 'log-since', type: 'datetime-local' });
  const until = el('input', { id: 'log-until', type: 'datetime-local' });
  const body = el('tbody', { id: 'log-rows' });
  fill(root, el('div', { class: 'page' },
    el('h2', {}, 'Review log'),
    el('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(); } },
      el('label', {}, 'Analyst ', reviewer), el('label', {}, 'Decision ', action),
      el('label', {}, 'From ', since), el('label', {}, 'Until ', until),
      el('button', { type: 'submit', class: 'primary', id: 'log-apply' }, 'Filter')),
    el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['When', 'Analyst', 'Decision', 'On', 'Before', 'After', 'Note'].map((h) => el('th', {}, h)))),
      body)));

  function iso(input) {
    return input.value ? new Date(input.value).toISOString() : null;
  }

  function summary(json) {
    try {
      const o = JSON.parse(json);
      return Object.entries(o).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' · ');
    } catch (e) {
      return json;
    }
  }

  async function load() {
    try {
      const data = await get('/api/log', { reviewer: reviewer.value.trim(), action: action.value, since: iso(since), until: iso(until), limit: 500 });
      fill(body, data.entries.length ? data.entries.map((e) => el('tr', {},
        el('td', { class: 'nowrap' }, time(e.at)), el('td', {}, e.reviewer), el('td', {}, el('span', { class: 'chip action-' + e.action }, e.action)),
        el('td', {}, e.target + ' ' + e.target_id), el('td', { class: 'small' }, summary(e.before)), el('td', { class: 'small' }, summary(e.after)),
        el('td', {}, e.note || ''))) : el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No decisions match.')));
    } catch (e) { toast('Log: ' + e.message, 'bad'); }
  }

  return { enter: load };
}

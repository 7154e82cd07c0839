// The review log: who decided what, when, with the state before and after; filterable.
import { get } from './api.js';
import { el, fill, time, toast } from './dom.js';

export function logView(root) {
  const reviewer = el('input', { id: 'log-reviewer', placeholder: 'analyst' });
  const action = el('select', { id: 'log-action' }, el('option', { value: '' }, 'any decision'),
    ['accept', 'reject', 'reverse', 'polarity', 'merge', 'split', 'rename', 'forget'].map((a) => el('option', { value: a }, a)));
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
      el('thead', {}, el('tr', {}, ['When', 'Analyst', 'Decision', 'On', 'What changed', 'Note'].map((h) => el('th', {}, h)))),
      body)));

  function iso(input) {
    return input.value ? new Date(input.value).toISOString() : null;
  }

  function parse(json) {
    try {
      const o = JSON.parse(json);
      return o && typeof o === 'object' ? o : {};
    } catch (e) {
      return {};
    }
  }

  function shown(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v).replaceAll('_', ' ');
  }

  // Before and after as a diff: what the entry is about, then each field that changed, old → new, rounded.
  function change(e) {
    const before = parse(e.before);
    const after = parse(e.after);
    const about = before.cause && before.effect ? before.cause + ' → ' + before.effect
      : after.cause && after.effect ? after.cause + ' → ' + after.effect : null;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => !['cause', 'effect', 'edge_id'].includes(k) && shown(before[k]) !== shown(after[k]));
    return [
      about ? el('div', { class: 'log-about' }, about) : null,
      keys.map((k) => el('div', { class: 'log-change' }, el('span', { class: 'muted' }, k.replaceAll('_', ' ') + ': '),
        k in before ? el('del', {}, shown(before[k])) : null, k in before && k in after ? ' → ' : '',
        k in after ? el('ins', {}, shown(after[k])) : null)),
    ];
  }

  async function load() {
    try {
      const data = await get('/api/log', { reviewer: reviewer.value.trim(), action: action.value, since: iso(since), until: iso(until), limit: 500 });
      fill(body, data.entries.length ? data.entries.map((e) => el('tr', {},
        el('td', { class: 'nowrap' }, time(e.at)), el('td', {}, e.reviewer), el('td', {}, el('span', { class: 'chip action-' + e.action }, e.action)),
        el('td', {}, e.target + ' ' + e.target_id), el('td', { class: 'small' }, change(e)),
        el('td', {}, e.note || ''))) : el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No decisions match.')));
    } catch (e) { toast('Log: ' + e.message, 'bad'); }
  }

  return { enter: load };
}

// Accounts (admins only): who can sign in, and adding an analyst or admin.
import { get, post } from './api.js';
import { el, fill, time, toast } from './dom.js';

export function accountsView(root) {
  const name = el('input', { id: 'account-name', placeholder: 'name', autocomplete: 'off', required: true });
  const password = el('input', { id: 'account-password', type: 'password', placeholder: 'password (8+ characters)', autocomplete: 'new-password', required: true });
  const role = el('select', { id: 'account-role' }, el('option', { value: 'analyst' }, 'analyst'), el('option', { value: 'admin' }, 'admin'));
  const rows = el('tbody', { id: 'account-rows' });
  fill(root, el('div', { class: 'page' },
    el('h2', {}, 'Accounts'),
    el('form', { class: 'toolbar', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await post('/api/accounts', { name: name.value.trim(), password: password.value, role: role.value });
        toast('Added ' + role.value + ' ' + name.value.trim(), 'ok');
        name.value = '';
        password.value = '';
        load();
      } catch (err) { toast('Could not add: ' + err.message, 'bad'); }
    } },
    el('label', {}, 'Name ', name), el('label', {}, 'Password ', password), el('label', {}, 'Role ', role),
    el('button', { type: 'submit', class: 'primary', id: 'account-add' }, 'Add account')),
    el('p', { class: 'muted small' }, 'Disable an account or change a password with ./workbench user disable|passwd NAME; its sessions end at once.'),
    el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['Name', 'Role', 'Signs in', 'Status', 'Created'].map((h) => el('th', {}, h)))),
      rows)));

  async function load() {
    try {
      const data = await get('/api/accounts');
      fill(rows, data.accounts.map((a) => el('tr', {}, el('td', {}, a.name), el('td', {}, a.role),
        el('td', {}, a.can_sign_in ? 'password' : 'token only'), el('td', {}, a.disabled ? 'disabled' : 'active'),
        el('td', {}, time(a.created_at)))));
    } catch (e) { toast('Accounts: ' + e.message, 'bad'); }
  }

  return { enter: load };
}

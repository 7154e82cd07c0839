// The analyst page: session, navigation between views, keyboard, live updates.
import { session, del } from './api.js';
import { el, fill, toast } from './dom.js';
import { graphView } from './graph-view.js';
import { queueView } from './queue-view.js';
import { variablesView } from './variables-view.js';
import { logView } from './log-view.js';
import { statusView } from './status-view.js';
import { accountsView } from './accounts-view.js';
import { followLive } from './live.js';

const VIEWS = ['graph', 'queue', 'variables', 'log', 'status', 'accounts'];

async function main() {
  const me = await session();
  document.getElementById('who').textContent = me.name + ' · ' + me.role;
  document.getElementById('nav-accounts').hidden = me.role !== 'admin';
  const app = { go, admin: me.role === 'admin' };
  const views = {};
  for (const name of VIEWS) {
    const root = document.getElementById('view-' + name);
    views[name] = { graph: graphView, queue: queueView, variables: variablesView, log: logView, status: statusView,
      accounts: accountsView }[name](root, app);
  }
  let current = null;

  async function go(name, params) {
    const q = params ? '?' + new URLSearchParams(params).toString() : '';
    if (location.hash !== '#' + name + q) history.replaceState(null, '', '#' + name + q);
    current = name;
    for (const v of VIEWS) {
      document.getElementById('view-' + v).hidden = v !== name;
      document.getElementById('nav-' + v).classList.toggle('active', v === name);
    }
    try {
      await views[name].enter(params);
    } catch (e) {
      toast(e.message, 'bad');
    }
  }

  for (const v of VIEWS) document.getElementById('nav-' + v).addEventListener('click', (e) => { e.preventDefault(); go(v); });
  document.getElementById('sign-out').addEventListener('click', async () => {
    await del('/api/session').catch(() => {});
    window.location.assign('/login');
  });

  const counter = document.getElementById('live-counter');
  const live = followLive(
    (event) => { views.graph.live(event); if (current === 'status') views.status.enter(); },
    () => { if (current === 'graph') views.graph.reload(); },
    counter);
  counter.addEventListener('click', () => { live.reset(); if (current === 'graph') views.graph.reload(); else go('graph'); });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const view = views[current];
    if (view && view.key && view.key(event)) event.preventDefault();
  });

  // Links such as #graph?edge=12 or #graph?variable=3 open that edge or neighbourhood.
  function fromHash() {
    const [hashName, hashQuery] = location.hash.slice(1).split('?');
    const params = hashQuery ? Object.fromEntries(new URLSearchParams(hashQuery)) : undefined;
    return go(VIEWS.includes(hashName) ? hashName : 'graph', params);
  }
  window.addEventListener('hashchange', fromHash);
  await fromHash();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e.status !== 401) {
    fill(document.getElementById('view-graph'), el('p', { class: 'error' }, 'The page could not start: ' + e.message));
  }
});

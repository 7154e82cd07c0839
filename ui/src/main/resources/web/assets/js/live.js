// Live updates: the server's event stream of changed edges. New and changed edges go to the
// graph at once; the counter says how many arrived since the analyst last looked.
export function followLive(onEdges, onReload, counter) {
  let seen = new Map();
  let fresh = 0;
  const source = new EventSource('/api/events?since=' + encodeURIComponent(new Date().toISOString()));
  source.addEventListener('edges', (message) => {
    const event = JSON.parse(message.data);
    const changed = event.edges.filter((e) => seen.get(e.id) !== e.updated_at);
    for (const e of changed) {
      if (!seen.has(e.id)) fresh++;
      seen.set(e.id, e.updated_at);
    }
    if (!changed.length) return;
    show();
    onEdges({ edges: changed, nodes: event.nodes, counts: event.counts });
  });
  source.addEventListener('reload', () => { onReload(); });
  source.addEventListener('error', () => { counter.title = 'live updates reconnecting…'; });
  source.addEventListener('open', () => { counter.title = 'live updates on'; });

  function show() {
    counter.textContent = fresh + ' new';
    counter.hidden = fresh === 0;
  }

  return {
    reset() { fresh = 0; show(); },
    close() { source.close(); },
  };
}

// Live updates: the server's event stream of changed edges. New and changed edges go to the
// graph at once; the counter says how many edges are new since the analyst last looked, and,
// apart, how many existing ones were re-scored (after reviews, or on more evidence): a review
// that recalibrates a judge's edges is not news of new edges.
export function followLive(onEdges, onReload, counter) {
  let seen = new Map();
  const fresh = new Set();
  const rescored = new Set();
  const source = new EventSource('/api/events?since=' + encodeURIComponent(new Date().toISOString()));
  source.addEventListener('edges', (message) => {
    const event = JSON.parse(message.data);
    const changed = event.edges.filter((e) => seen.get(e.id) !== e.updated_at);
    for (const e of changed) {
      if (e.id > event.new_after_id) fresh.add(e.id);
      else if (!fresh.has(e.id)) rescored.add(e.id);
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
    const parts = [];
    if (fresh.size) parts.push(fresh.size + ' new');
    if (rescored.size) parts.push(rescored.size + ' re-scored');
    counter.textContent = parts.join(' · ');
    counter.dataset.new = fresh.size;
    counter.dataset.rescored = rescored.size;
    counter.hidden = parts.length === 0;
  }

  return {
    reset() { fresh.clear(); rescored.clear(); show(); },
    close() { source.close(); },
  };
}

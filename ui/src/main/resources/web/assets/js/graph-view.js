// The graph: Cytoscape.js canvas with edge width by belief, colour by review state and a marker on
// flagged edges; filters; a variable's neighbourhood; paths between two variables; exports.
import { get, latestOnly, query } from './api.js';
import { el, fill, toast, belief, plural, FLAG_HELP } from './dom.js';
import { renderEdge } from './edge-panel.js';
import { renderVariable } from './variable-panel.js';

const DEFAULT_LIMIT = 200;
const STATES = ['unreviewed', 'needs_review', 'accepted', 'rejected', 'reversed'];
const FLAGS = Object.keys(FLAG_HELP);
const COLOURS = { unreviewed: '#8a94a6', needs_review: '#d9822b', accepted: '#2f9e62', rejected: '#c9424a', reversed: '#7b5cc4' };

export function graphView(root, app) {
  const f = {
    min: el('input', { id: 'f-min-belief', type: 'number', min: 0, max: 1, step: 0.05, value: 0 }),
    max: el('input', { id: 'f-max-belief', type: 'number', min: 0, max: 1, step: 0.05, value: 1 }),
    state: el('select', { id: 'f-state' }, el('option', { value: '' }, 'any state'), STATES.map((s) => el('option', { value: s }, s.replace('_', ' ')))),
    flag: el('select', { id: 'f-flag' }, el('option', { value: '' }, 'any flags'), FLAGS.map((s) => el('option', { value: s }, s.replaceAll('_', ' ')))),
    judge: el('select', { id: 'f-judge' }, el('option', { value: '' }, 'any judge')),
    document: el('input', { id: 'f-document', placeholder: 'document id or file name' }),
    text: el('input', { id: 'f-text', placeholder: 'variable name contains…' }),
    // The page opens on the strongest edges (by belief, then evidence), not on everything.
    limit: el('input', { id: 'f-limit', type: 'number', min: 1, max: 5000, value: DEFAULT_LIMIT }),
  };
  // Variable names completed as they are typed, in the path and filter fields.
  const names = el('datalist', { id: 'variable-names' });
  const pathFrom = el('input', { id: 'path-from', placeholder: 'from variable', list: 'variable-names', autocomplete: 'off' });
  const pathTo = el('input', { id: 'path-to', placeholder: 'to variable', list: 'variable-names', autocomplete: 'off' });
  f.text.setAttribute('list', 'variable-names');
  let completing = null;
  for (const input of [pathFrom, pathTo, f.text]) {
    input.addEventListener('input', () => {
      clearTimeout(completing);
      const q = input.value.trim();
      if (q.length < 2) return;
      completing = setTimeout(async () => {
        try {
          const found = await get('/api/variables', { q, limit: 12 });
          fill(names, found.variables.map((v) => el('option', { value: v.name })));
        } catch (e) { /* completion is a convenience; the search itself reports errors */ }
      }, 150);
    });
  }
  const pathResult = el('div', { id: 'path-result', class: 'muted small' });
  const side = el('aside', { id: 'side-panel', class: 'side-panel' }, el('p', { class: 'empty' }, 'Click an edge or a variable.'));
  const canvas = el('div', { id: 'cy', class: 'cy' });
  const zoom = (factor) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } });
  const controls = el('div', { class: 'graph-controls' },
    el('button', { type: 'button', id: 'zoom-in', title: 'Zoom in', onclick: () => zoom(1.4) }, '+'),
    el('button', { type: 'button', id: 'zoom-out', title: 'Zoom out', onclick: () => zoom(1 / 1.4) }, '−'),
    el('button', { type: 'button', id: 'zoom-fit', title: 'Fit the graph', onclick: () => cy.fit(undefined, 30) }, 'Fit'));
  const legend = el('div', { id: 'legend', class: 'legend-box' },
    el('ul', { class: 'legend' }, STATES.map((s) => {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = COLOURS[s];
      return el('li', {}, swatch, s.replace('_', ' '));
    }), el('li', {}, el('span', { class: 'swatch flagged' }, '⚑'), 'flagged'),
    el('li', { class: 'small' }, el('span', { class: 'arrowhead' }, '▶'), 'raises'),
    el('li', { class: 'small' }, el('span', { class: 'arrowhead' }, '┤'), 'lowers'),
    el('li', { class: 'small' }, el('span', { class: 'arrowhead' }, '›'), 'not said'),
    el('li', { class: 'muted small' }, 'width: belief')));
  const info = el('div', { id: 'graph-info', class: 'graph-info muted small' });
  const exports = el('div', { class: 'exports', id: 'exports' });
  let focus = null; // variable id whose neighbourhood is shown
  let panel = null;

  fill(root, el('div', { class: 'graph-layout' },
    el('aside', { class: 'filters' },
      el('h2', {}, 'Filters'),
      el('form', { id: 'filter-form', onsubmit: (e) => { e.preventDefault(); focus = null; load(); } },
        el('label', {}, 'Belief from ', f.min, ' to ', f.max),
        el('label', {}, 'State', f.state),
        el('label', {}, 'Flag', f.flag),
        el('label', {}, 'Judge', f.judge),
        el('label', {}, 'Document', f.document),
        el('label', {}, 'Variable', f.text),
        el('label', {}, 'At most ', f.limit, ' edges'),
        el('div', { class: 'row' },
          el('button', { type: 'submit', class: 'primary', id: 'apply-filters' }, 'Apply'),
          el('button', { type: 'button', id: 'reset-filters', onclick: reset }, 'Reset'))),
      el('h2', {}, 'Path'),
      el('form', { id: 'path-form', onsubmit: (e) => { e.preventDefault(); findPath(); } },
        pathFrom, pathTo, el('button', { type: 'submit', id: 'find-path' }, 'Find paths'), pathResult),
      el('h2', {}, 'Export'),
      exports),
    el('main', { class: 'graph-main' }, info, el('div', { class: 'cy-wrap' }, canvas, controls, legend), names),
    side));

  if (window.cytoscapeFcose && !window.cytoscape.__fcose) {
    window.cytoscape.use(window.cytoscapeFcose);
    window.cytoscape.__fcose = true;
  }
  const cy = window.cytoscape({
    container: canvas,
    minZoom: 0.05,
    maxZoom: 3,
    style: [
      { selector: 'node', style: { label: 'data(name)', 'font-size': 11, color: '#1f2933', 'text-valign': 'bottom', 'text-margin-y': 4,
        'background-color': '#3d6fb6', width: 'mapData(degree, 1, 20, 14, 40)', height: 'mapData(degree, 1, 20, 14, 40)',
        'text-wrap': 'ellipsis', 'text-max-width': 140, 'min-zoomed-font-size': 7, 'text-background-color': '#ffffff', 'text-background-opacity': 0.7, 'text-background-padding': 1 } },
      { selector: 'edge', style: { width: 'mapData(belief, 0, 1, 1, 9)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
        'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', opacity: 0.85, label: 'data(mark)', 'font-size': 12,
        color: '#b54708', 'text-rotation': 'autorotate' } },
      { selector: 'edge[state = "rejected"]', style: { 'line-style': 'dashed', opacity: 0.5 } },
      // The arrowhead says the polarity: a triangle raises the effect, a bar lowers it, a chevron does not say.
      { selector: 'edge[polarity = "decreases"]', style: { 'target-arrow-shape': 'tee' } },
      { selector: 'edge[polarity = "unknown"]', style: { 'target-arrow-shape': 'chevron' } },
      { selector: '.live', style: { 'overlay-color': '#f5b700', 'overlay-opacity': 0.35, 'overlay-padding': 4 } },
      { selector: '.path', style: { 'line-color': '#0f62fe', 'target-arrow-color': '#0f62fe', opacity: 1, 'z-index': 10 } },
      { selector: ':selected', style: { 'overlay-color': '#0f62fe', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
      { selector: 'edge:selected', style: { 'line-color': '#0f62fe', 'target-arrow-color': '#0f62fe', opacity: 1, 'z-index': 20 } },
    ],
  });
  cy.on('tap', 'edge', (evt) => showEdge(Number(evt.target.data('edgeId'))));
  cy.on('tap', 'node', (evt) => showVariable(Number(evt.target.data('variableId'))));

  function reset() {
    f.min.value = 0; f.max.value = 1; f.state.value = ''; f.flag.value = ''; f.judge.value = '';
    f.document.value = ''; f.text.value = ''; f.limit.value = DEFAULT_LIMIT; focus = null;
    load();
  }

  function params() {
    return {
      min_belief: f.min.value, max_belief: f.max.value, state: f.state.value, flag: f.flag.value,
      judge: f.judge.value, document: f.document.value.trim(), q: f.text.value.trim(), limit: f.limit.value,
      variable: focus,
    };
  }

  function element(e) {
    return {
      group: 'edges',
      data: { id: 'e' + e.id, edgeId: e.id, source: 'v' + e.cause_id, target: 'v' + e.effect_id, belief: e.belief,
        state: e.review_state, colour: COLOURS[e.review_state] || '#8a94a6', mark: e.flags.length ? '⚑' : '',
        polarity: e.polarity || 'unknown' },
    };
  }

  function node(n) {
    return { group: 'nodes', data: { id: 'v' + n.id, variableId: n.id, name: n.name, degree: n.degree } };
  }

  function draw(data) {
    cy.elements().remove();
    cy.add(data.nodes.map(node));
    cy.add(data.edges.map(element));
    layout();
    fill(info, plural(data.edges.length, 'edge') + ', ' + plural(data.nodes.length, 'variable') + (data.truncated ? ' (the strongest by belief and evidence; more match: raise the limit or narrow the filters)' : '')
      + (focus ? ' · neighbourhood of one variable' : ''));
    root.dataset.edges = String(data.edges.length);
  }

  // A force layout that keeps clusters together and labels apart (fCoSE, sized to its labels);
  // cose where the extension did not load.
  function layout() {
    root.dataset.layout = 'running';
    const options = window.cytoscapeFcose
      ? { name: 'fcose', quality: 'default', randomize: true, animate: false, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: 80, nodeRepulsion: 9000, nodeSeparation: 90, packComponents: true, tile: true,
        tilingPaddingVertical: 20, tilingPaddingHorizontal: 20, numIter: 2500, padding: 30 }
      : { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, idealEdgeLength: 90, nodeRepulsion: 12000,
        componentSpacing: 80, padding: 30, randomize: true };
    if (running) running.stop();
    const run = cy.layout(options);
    running = run;
    run.one('layoutstop', () => {
      if (running === run) running = null;
      root.dataset.layout = 'done';
      if (selected) centre(selected);
    });
    run.run();
  }

  let running = null;

  // The selected edge (a click, a deep link), highlighted and brought to the middle.
  let selected = null;
  function centre(id) {
    const e = cy.getElementById('e' + id);
    if (e.empty()) return;
    cy.elements().unselect();
    e.select();
    cy.animate({ center: { eles: e }, zoom: Math.max(cy.zoom(), 1) }, { duration: 200 });
  }

  // Live additions are placed at once and laid out together when the stream pauses.
  let relayout = null;
  function layoutSoon() {
    clearTimeout(relayout);
    relayout = setTimeout(layout, 1500);
  }

  // Filters and live refreshes overlap: only the last view asked for is drawn.
  const graphReads = latestOnly();
  async function load() {
    try {
      const data = await graphReads.get('/api/graph', params());
      if (!data) return;
      draw(data);
      renderExports();
    } catch (e) {
      toast('Graph: ' + e.message, 'bad');
    }
  }

  function renderExports() {
    const p = { min_belief: f.min.value, state: f.state.value };
    fill(exports, [['graphml', 'GraphML'], ['json', 'Cytoscape JSON'], ['dot', 'DOT'], ['csv', 'Edges CSV'], ['evidence-csv', 'Evidence CSV']]
      .map(([format, name]) => el('a', { class: 'download', id: 'export-' + format, href: '/api/export' + query({ ...p, format }), download: '' }, name)));
  }

  const sideReads = latestOnly(); // the side panel shows what was clicked last
  async function showEdge(id) {
    try {
      const detail = await sideReads.get('/api/edges/' + id);
      if (!detail) return;
      selected = id;
      // A deep link may name an edge the current view does not hold: add it, with its variables.
      if (cy.getElementById('e' + id).empty()) {
        const e = detail.edge;
        for (const [vid, name] of [[e.cause_id, e.cause], [e.effect_id, e.effect]]) {
          if (cy.getElementById('v' + vid).empty()) cy.add(node({ id: vid, name, degree: 1 })).position(cy.extent ? { x: (cy.extent().x1 + cy.extent().x2) / 2, y: (cy.extent().y1 + cy.extent().y2) / 2 } : { x: 0, y: 0 });
        }
        cy.add(element(e));
      }
      centre(id);
      panel = renderEdge(side, detail, {
        admin: app.admin,
        onDecided: () => { load(); },
        onEvidenceDecided: () => showEdge(id),
        onSpansCorrected: (outcome) => { load(); showEdge(outcome.edge_id); },
      });
    } catch (e) { toast('Edge: ' + e.message, 'bad'); }
  }

  async function showVariable(id) {
    sideReads.supersede(); // an edge read still on its way no longer replaces this panel
    panel = null;
    try {
      await renderVariable(side, id, {
        onFocus: (v) => { focus = v.id; load(); },
        onChanged: (newId) => { load(); showVariable(newId); },
        onEdge: (edgeId) => showEdge(edgeId),
      });
    } catch (e) { toast('Variable: ' + e.message, 'bad'); }
  }

  // Paths listed hop by hop, each hop with its belief and a link to its evidence; the strongest drawn in blue.
  async function findPath() {
    try {
      const data = await get('/api/paths', { from: pathFrom.value.trim(), to: pathTo.value.trim(), max_length: 4 });
      if (!data.paths.length) {
        fill(pathResult, 'No path of at most 4 edges.');
        return;
      }
      draw({ nodes: data.nodes, edges: data.edges, truncated: false });
      cy.edges().removeClass('path');
      for (const id of data.paths[0].edge_ids) cy.getElementById('e' + id).addClass('path');
      const byId = new Map(data.edges.map((e) => [e.id, e]));
      fill(pathResult,
        el('p', {}, data.paths.length === 1 ? '1 path' : data.paths.length + ' paths', ', strongest first'),
        el('ol', { class: 'paths' }, data.paths.map((p) => el('li', { class: 'path-item' },
          el('span', { class: 'muted' }, 'strength ' + p.strength.toFixed(3)),
          el('ol', { class: 'hops' }, p.edge_ids.map((id) => {
            const e = byId.get(id);
            return el('li', { class: 'hop', dataset: { edgeId: id } },
              el('button', { type: 'button', class: 'link', title: 'Show its evidence', onclick: () => showEdge(id) },
                e.cause + ' → ' + e.effect), ' ', el('span', { class: 'muted' }, belief(e.belief)));
          }))))));
    } catch (e) {
      fill(pathResult, el('span', { class: 'error', id: 'path-error' }, e.message));
    }
  }

  // Edges that arrived or changed while the page is open: added or updated in place, marked.
  function applyLive(event) {
    const min = Number(f.min.value || 0);
    const max = Number(f.max.value || 1);
    const room = Number(f.limit.value || DEFAULT_LIMIT);
    let touched = 0;
    let added = 0;
    cy.startBatch();
    for (const e of event.edges) {
      const existing = cy.getElementById('e' + e.id);
      const fits = e.belief >= min && e.belief <= max && (!f.state.value || f.state.value === e.review_state)
        && (!f.flag.value || e.flags.includes(f.flag.value)) && !focus && !f.judge.value && !f.document.value && !f.text.value;
      if (existing.nonempty()) {
        existing.data(element(e).data);
        existing.addClass('live');
        touched++;
      } else if (fits && cy.edges().length < room) {
        for (const n of event.nodes) if (cy.getElementById('v' + n.id).empty()) cy.add(node(n)).position({ x: Math.random() * 400, y: Math.random() * 400 });
        if (cy.getElementById('v' + e.cause_id).empty() || cy.getElementById('v' + e.effect_id).empty()) continue;
        cy.add(element(e)).addClass('live');
        touched++;
        added++;
      }
    }
    cy.endBatch();
    if (added) layoutSoon();
    if (touched) {
      root.dataset.edges = String(cy.edges().length);
      fill(info, plural(cy.edges().length, 'edge') + ', ' + plural(cy.nodes().length, 'variable') + ' · live');
    }
  }

  return {
    async enter(params) {
      const status = await get('/api/status').catch(() => null);
      if (status) {
        const current = f.judge.value;
        fill(f.judge, el('option', { value: '' }, 'any judge'), status.judges.map((j) => el('option', { value: j.judge }, j.judge)));
        f.judge.value = current;
      }
      if (params && params.variable) focus = Number(params.variable);
      cy.resize(); // the view was hidden: Cytoscape must measure it again before laying out
      await load();
      selected = null;
      if (params && params.edge) await showEdge(Number(params.edge));
    },
    live: applyLive,
    reload: load,
    key(event) { return panel ? panel.key(event) : false; },
  };
}

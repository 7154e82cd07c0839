// Building the page from data. Corpus text and model output are untrusted: they only ever become
// text nodes (never innerHTML), so markup in a document shows as the characters it is.

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function fill(node, ...children) {
  clear(node);
  append(node, children);
  return node;
}

export function belief(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(2);
}

export function beliefBar(value) {
  const bar = el('span', { class: 'belief-bar', title: 'belief ' + belief(value) });
  const fillEl = el('span', { class: 'belief-fill' });
  fillEl.style.width = Math.round(Math.max(0, Math.min(1, value)) * 100) + '%';
  bar.appendChild(fillEl);
  return el('span', { class: 'belief' }, bar, el('span', { class: 'belief-value' }, belief(value)));
}

export function stateChip(state) {
  return el('span', { class: 'chip state-' + state }, state.replace('_', ' '));
}

export function flagChips(flags) {
  return (flags || []).map((f) => el('span', { class: 'chip flag', title: FLAG_HELP[f] || f }, '⚑ ' + f.replaceAll('_', ' ')));
}

export const FLAG_HELP = {
  low_belief: 'belief under graph.low-belief',
  both_directions: 'the opposite edge exists too',
  in_cycle: 'the edge lies on a cycle',
  single_document: 'all evidence comes from one document',
  cross_sentence_only: 'every evidence spans sentences',
  judges_disagree: 'judges gave opposite answers',
  hedged_or_negated: 'some evidence is hedged or negated',
  reasoning_failed: 'a judge could not answer',
  polarity_conflict: 'some sentences say it raises the effect, others that it lowers it',
};

// Why an edge or a sentence is rejected; wrong_variable counts against the extractor's span, not its claim.
export const REJECT_REASONS = [['not_causal', 'not causal'], ['wrong_direction', 'wrong direction'],
  ['wrong_variable', 'wrong variable'], ['hypothesis_only', 'only hypothesised'], ['negated', 'negated'], ['other', 'other']];

// Which way the cause moves the effect: ↑ raises, ↓ lowers, ? not said.
export const POLARITY_MARK = { increases: '↑ increases', decreases: '↓ decreases', unknown: '? polarity unknown' };

export function polarityChip(polarity) {
  const p = polarity || 'unknown';
  return el('span', { class: 'chip polarity polarity-' + p, dataset: { polarity: p } }, POLARITY_MARK[p] || p);
}

// "1 edge", "3 edges": counts in the page read as sentences.
export function plural(n, noun, nouns) {
  return n + ' ' + (n === 1 ? noun : nouns || noun + 's');
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

let toastTimer = null;
export function toast(message, kind) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = 'toast show ' + (kind || '');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.className = 'toast'; }, 4000);
}

// The text of one evidence unit with cause and effect marked, from the server's offsets.
// The text with its spans marked and, for evidence that crosses sentences, a visible mark where
// each further sentence starts (breaks: offsets into text).
export function highlighted(text, spans, breaks) {
  const kept = [];
  let at = 0;
  for (const s of spans.filter((x) => x.begin >= 0 && x.end <= text.length && x.begin < x.end).sort((a, b) => a.begin - b.begin)) {
    if (s.begin < at) continue; // overlapping spans: keep the first
    kept.push(s);
    at = s.end;
  }
  const starts = new Set((breaks || []).filter((b) => b > 0 && b < text.length));
  const cuts = new Set([0, text.length, ...starts]);
  kept.forEach((s) => { cuts.add(s.begin); cuts.add(s.end); });
  const points = [...cuts].sort((a, b) => a - b);
  const out = el('span', { class: 'evidence-text' });
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    if (starts.has(from)) out.appendChild(el('span', { class: 'sentence-break', title: 'the next sentence starts here' }, '¶ '));
    const piece = text.slice(from, to);
    const mark = kept.find((s) => s.begin <= from && to <= s.end);
    out.appendChild(mark ? el('mark', { class: 'span-' + mark.kind, title: mark.kind }, piece) : document.createTextNode(piece));
  }
  return out;
}

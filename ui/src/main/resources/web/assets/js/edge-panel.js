// One edge as an analyst judges it: cause and effect, belief and why, flags, and every evidence
// sentence with its spans marked, its document and position, the judge's verdict, probability and
// reasoning (behind a toggle). Decisions go to the API; onDecided gets the outcome.
import { get, post } from './api.js';
import { el, fill, belief, beliefBar, stateChip, flagChips, highlighted, plural, polarityChip, POLARITY_MARK, REJECT_REASONS, toast } from './dom.js';

export function renderEdge(container, detail, options) {
  const { edge, why, evidence } = detail;
  const onDecided = options.onDecided || (() => {});
  let selected = 0;

  const evidenceItems = evidence.map((v, i) => evidenceItem(v, i));
  let evidenceNext = detail.evidence_next;
  const evidenceList = el('ol', { class: 'evidence-list' }, evidenceItems);
  const evidenceTitle = el('h3', {}, evidenceHeading());
  const moreEvidence = el('button', { id: 'more-evidence', type: 'button', hidden: !evidenceNext, onclick: loadMoreEvidence },
    'More evidence');

  function evidenceHeading() {
    return 'Evidence (' + (evidenceNext ? evidence.length + ' of ' + edge.evidence_count : evidence.length) + ')';
  }

  // Long edges come a page at a time, most probable first.
  async function loadMoreEvidence() {
    try {
      const page = await get('/api/edges/' + edge.id, { evidence_after: evidenceNext });
      page.evidence.forEach((v) => {
        evidence.push(v);
        const item = evidenceItem(v, evidence.length - 1);
        evidenceItems.push(item);
        evidenceList.append(item);
      });
      evidenceNext = page.evidence_next;
      moreEvidence.hidden = !evidenceNext;
      evidenceTitle.textContent = evidenceHeading();
    } catch (e) {
      toast('Could not load more evidence: ' + e.message, 'bad');
    }
  }
  const note = el('input', { id: 'review-note', class: 'note', placeholder: 'Note for the review log (optional)', maxlength: 2000 });
  // A rejection says why: the belief model counts a wrong variable against the span, the rest against the claim.
  const rejectReason = el('select', { id: 'reject-reason', title: 'Why reject (R rejects with this reason)' },
    REJECT_REASONS.map(([value, text]) => el('option', { value }, text)));
  const polarity = el('select', { id: 'edge-polarity', title: 'Which way the cause moves the effect', onchange: () => setPolarity(polarity.value) },
    el('option', { value: '' }, 'as the evidence says'),
    ['increases', 'decreases', 'unknown'].map((p) => el('option', { value: p }, POLARITY_MARK[p])));
  polarity.value = edge.polarity_set ? edge.polarity : '';
  const polarityShown = el('span', { id: 'edge-polarity-shown' }, polarityChip(edge.polarity));

  async function setPolarity(value) {
    try {
      const outcome = await post('/api/edges/' + edge.id + '/polarity', { polarity: value || null, note: note.value || null });
      fill(polarityShown, polarityChip(outcome.polarity));
      toast('Polarity of ' + edge.cause + ' → ' + edge.effect + ': ' + outcome.polarity + (outcome.set ? '' : ' (as the evidence says)'), 'ok');
    } catch (e) {
      toast('Could not set the polarity: ' + e.message, 'bad');
    }
  }

  async function decideEdge(decision) {
    try {
      const body = { decision, note: note.value || null };
      if (decision === 'reject') body.reason = rejectReason.value;
      const outcome = await post('/api/edges/' + edge.id + '/review', body);
      toast(label(decision) + (body.reason ? ' (' + body.reason.replaceAll('_', ' ') + ')' : '') + ': ' + edge.cause + ' → ' + edge.effect + ' · belief ' + belief(outcome.belief)
        + (outcome.recalibrating ? ' · beliefs of the judges\' other edges recalibrating' : ''), 'ok');
      onDecided({ decision, outcome, edge });
    } catch (e) {
      toast('Could not ' + decision + ': ' + e.message, 'bad');
    }
  }

  // The evidence moves to the edge between the corrected variables; the correction outlives reprocessing.
  async function correctSpans(v, causeWords, causeName, effectWords, effectName) {
    try {
      const outcome = await post('/api/evidence/' + encodeURIComponent(v.id) + '/spans', {
        cause: causeWords.value, effect: effectWords.value, cause_variable: causeName.value || null,
        effect_variable: effectName.value || null, note: note.value || null });
      toast('Spans corrected: the sentence now supports ' + outcome.cause + ' → ' + outcome.effect, 'ok');
      if (options.onSpansCorrected) options.onSpansCorrected(outcome);
    } catch (e) {
      toast('Could not correct the spans: ' + e.message, 'bad');
    }
  }

  async function decideEvidence(decision, index) {
    const v = evidence[index !== undefined ? index : selected];
    if (!v) return;
    try {
      const body = { decision, note: note.value || null };
      if (decision === 'reject') body.reason = rejectReason.value;
      const outcome = await post('/api/evidence/' + encodeURIComponent(v.id) + '/review', body);
      toast('Sentence ' + label(decision).toLowerCase() + ' · edge belief now ' + belief(outcome.belief), 'ok');
      if (options.onEvidenceDecided) options.onEvidenceDecided({ decision, outcome, edge });
    } catch (e) {
      toast('Could not ' + decision + ' the sentence: ' + e.message, 'bad');
    }
  }

  // A document that is no source (an editorial, a retracted paper): every undecided edge it supports, each logged.
  async function rejectDocument(v) {
    const name = v.document_title || v.document_source || v.document_id;
    if (!window.confirm('Reject every undecided edge with evidence from ' + name + ' (' + rejectReason.value.replaceAll('_', ' ') + ')?')) return;
    try {
      const r = await post('/api/reviews', { decision: 'reject', reason: rejectReason.value, from_document: v.document_id, note: note.value || null });
      toast('Rejected ' + plural(r.decided, 'edge') + ' from ' + name, 'ok');
      onDecided({ decision: 'reject', outcome: r, edge });
    } catch (e) {
      toast('Could not reject the document\u2019s edges: ' + e.message, 'bad');
    }
  }

  // Admins only (the server refuses others): the document leaves the store, the topics and the llm's cache.
  async function forgetDocument(v) {
    const name = v.document_source || v.document_id;
    if (!window.confirm('Forget ' + name + '? Its sentences, its evidence and the edges only it supports are removed'
      + ' everywhere, and the review log records that you asked. This cannot be undone.')) return;
    try {
      const outcome = await post('/api/documents/forget', { documents: [v.document_id], note: note.value || null });
      toast('Forgot ' + name + ': ' + outcome.evidence + ' evidence, ' + plural(outcome.edges_removed, 'edge') + ' removed, '
        + outcome.edges_rescored + ' re-scored', 'ok');
      onDecided({ decision: 'forget', outcome, edge });
    } catch (e) {
      toast('Could not forget ' + name + ': ' + e.message, 'bad');
    }
  }

  function select(i) {
    if (!evidenceItems.length) return;
    selected = (i + evidenceItems.length) % evidenceItems.length;
    evidenceItems.forEach((item, j) => item.classList.toggle('selected', j === selected));
    evidenceItems[selected].scrollIntoView({ block: 'nearest' });
  }

  function evidenceItem(v, i) {
    const reasoning = el('pre', { class: 'reasoning', hidden: true }, v.explanation || '(no reasoning given)');
    const toggle = el('button', {
      class: 'link reasoning-toggle',
      type: 'button',
      onclick: () => {
        reasoning.hidden = !reasoning.hidden;
        toggle.textContent = reasoning.hidden ? 'Show reasoning' : 'Hide reasoning';
      },
    }, 'Show reasoning');
    const text = highlighted(v.text || '', [
      { begin: v.cause_begin, end: v.cause_end, kind: 'cause' },
      { begin: v.effect_begin, end: v.effect_end, kind: 'effect' },
    ], v.sentence_starts);
    const causeWords = el('input', { class: 'fix-cause', value: v.cause_text || '', title: 'the cause, as its words stand in the text' });
    const causeName = el('input', { class: 'fix-cause-variable', placeholder: 'cause variable name (optional)' });
    const effectWords = el('input', { class: 'fix-effect', value: v.effect_text || '', title: 'the effect, as its words stand in the text' });
    const effectName = el('input', { class: 'fix-effect-variable', placeholder: 'effect variable name (optional)' });
    const spanForm = el('form', { class: 'span-form', hidden: true, onsubmit: (e) => { e.preventDefault(); correctSpans(v, causeWords, causeName, effectWords, effectName); } },
      el('label', {}, 'Cause ', causeWords, causeName), el('label', {}, 'Effect ', effectWords, effectName),
      el('button', { type: 'submit', class: 'small primary save-spans' }, 'Save spans'));
    const before = el('p', { class: 'context before', hidden: true });
    const after = el('p', { class: 'context after', hidden: true });
    const contextToggle = el('button', { class: 'link context-toggle', type: 'button', onclick: () => toggleContext(v, before, after, contextToggle) },
      'Show context');
    const position = v.sentences.length > 1
      ? 'sentences ' + (v.sentences[0] + 1) + '–' + (v.sentences[v.sentences.length - 1] + 1)
      : 'sentence ' + (v.sentences[0] + 1);
    const item = el('li', { class: 'evidence' + (v.review ? ' reviewed-' + v.review : ''), dataset: { evidenceId: v.id } },
      before, el('blockquote', {}, text), after,
      el('div', { class: 'evidence-meta' },
        documentLabel(v),
        Object.entries(v.document_ids || {}).filter(([k]) => k !== 'url').map(([k, id]) =>
          el('span', { class: 'doc-id', title: k }, (ID_LABEL[k] || k) + ' ' + id)),
        el('span', {}, position),
        el('span', { class: 'verdict label-' + v.label }, v.label.replaceAll('_', ' ')),
        el('span', {}, 'p ' + belief(v.probability)),
        el('span', { class: 'judge', title: v.run ? 'produced by run ' + v.run : null }, v.judge),
        v.qualifiers.length ? el('span', { class: 'chip flag' }, v.qualifiers.join(', ')) : null,
        v.failure ? el('span', { class: 'chip bad' }, 'failed: ' + v.failure) : null,
        v.polarity && v.polarity !== 'unknown' ? polarityChip(v.polarity) : null,
        v.signal ? el('span', { class: 'signal', title: 'the words that signal the relation' }, '“' + v.signal + '”') : null,
        v.review ? el('span', { class: 'chip state-' + v.review }, 'sentence ' + v.review + (v.reject_reason ? ': ' + v.reject_reason.replaceAll('_', ' ') : '')) : null),
      el('div', { class: 'evidence-actions' },
        toggle, contextToggle,
        el('button', { class: 'small correct-spans', type: 'button', title: 'Correct the cause or effect span',
          onclick: () => { spanForm.hidden = !spanForm.hidden; } }, 'Correct spans'),
        el('button', { class: 'small', type: 'button', title: 'Accept this sentence (Shift+A)', onclick: () => decideEvidence('accept', i) }, 'Sentence correct'),
        el('button', { class: 'small', type: 'button', title: 'Reject this sentence only (Shift+R)', onclick: () => decideEvidence('reject', i) }, 'Sentence wrong'),
        el('button', { class: 'small reject-document', type: 'button', title: 'Reject every undecided edge with evidence from this document, with the reason picked above',
          onclick: () => rejectDocument(v) }, 'Reject its document\u2019s edges'),
        options.admin ? el('button', { class: 'small danger', type: 'button', dataset: { action: 'forget' },
          title: 'Honour a deletion request: remove this document and everything derived from it', onclick: () => forgetDocument(v) }, 'Forget document') : null),
      spanForm, reasoning);
    item.addEventListener('click', () => select(i));
    return item;
  }

  const judges = el('table', { class: 'why' },
    el('thead', {}, el('tr', {}, el('th', {}, 'judge'), el('th', {}, 'sentences'), el('th', {}, 'documents'), el('th', {}, 'rejected'))),
    el('tbody', {}, why.by_judge.map((j) => el('tr', {}, el('td', {}, j.judge), el('td', {}, j.sentences), el('td', {}, j.documents), el('td', {}, j.rejected)))));

  fill(container,
    el('header', { class: 'edge-head' },
      el('h2', { class: 'edge-title' },
        el('span', { class: 'var cause' }, edge.cause), el('span', { class: 'arrow' }, ' → '), el('span', { class: 'var effect' }, edge.effect)),
      el('div', { class: 'edge-facts' }, beliefBar(edge.belief), stateChip(edge.review_state),
        el('span', { class: 'muted' }, plural(edge.evidence_count, 'sentence') + ' · ' + plural(edge.document_count, 'document')),
        polarityShown,
        edge.reject_reason ? el('span', { class: 'chip state-rejected' }, 'rejected: ' + edge.reject_reason.replaceAll('_', ' ')) : null,
        flagChips(edge.flags))),
    el('section', { class: 'decide' },
      el('div', { class: 'buttons' },
        el('button', { id: 'accept-edge', class: 'accept', type: 'button', onclick: () => decideEdge('accept') }, 'Accept', el('kbd', {}, 'A')),
        el('button', { id: 'reject-edge', class: 'reject', type: 'button', onclick: () => decideEdge('reject') }, 'Reject', el('kbd', {}, 'R')),
        rejectReason,
        el('button', { id: 'reverse-edge', class: 'reverse', type: 'button', onclick: () => decideEdge('reverse') }, 'Reverse', el('kbd', {}, 'V')),
        options.onSkip ? el('button', { id: 'skip-edge', type: 'button', onclick: options.onSkip }, 'Skip', el('kbd', {}, 'S')) : null),
      el('label', { class: 'small' }, 'Polarity ', polarity),
      note),
    el('section', {}, el('h3', {}, 'Why this belief'),
      el('p', { id: 'why-sentence', class: 'why-sentence' }, why.sentence || ''),
      judges,
      el('p', { class: 'muted small why-documents' }, 'Documents: ',
        why.by_document.map((d, i) => [i ? ' · ' : '', el('span', { title: d.document_id }, (d.source || d.document_id) + ' (' + d.sentences + ')')]),
        why.documents > why.by_document.length ? ' · and ' + (why.documents - why.by_document.length) + ' more' : '')),
    el('section', {}, evidenceTitle, evidenceList, moreEvidence));
  container.dataset.edgeId = edge.id; // the edge the keys act on, for the page's tests
  select(0);

  // Keys the queue (and the graph's side panel) listen for while this edge is shown.
  return {
    edge,
    key(event) {
      if (event.target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) {
        if (event.key === 'Escape') event.target.blur();
        return false;
      }
      const k = event.key;
      if (k === 'a' && !event.shiftKey) decideEdge('accept');
      else if (k === 'r' && !event.shiftKey) decideEdge('reject');
      else if (k === 'v') decideEdge('reverse');
      else if (k === 'A') decideEvidence('accept');
      else if (k === 'R') decideEvidence('reject');
      else if (k === 'j') select(selected + 1);
      else if (k === 'k') select(selected - 1);
      else if (k === 't') evidenceItems[selected] && evidenceItems[selected].querySelector('.reasoning-toggle').click();
      else if (k === 'n') { note.focus(); event.preventDefault(); }
      else if (k === 's' && options.onSkip) options.onSkip();
      else return false;
      return true;
    },
  };
}

const ID_LABEL = { pmid: 'PMID', doi: 'DOI', external_id: 'id' };

// The document by its title (else where it came from), linked where the configured templates give a link.
function documentLabel(v) {
  const name = v.document_title || v.document_source || v.document_id;
  const title = (v.document_source || '') + ' · ' + v.document_id;
  return v.link
    ? el('a', { class: 'doc', href: v.link, target: '_blank', rel: 'noopener noreferrer', title }, name)
    : el('span', { class: 'doc', title }, name);
}

// The sentences before and after the evidence, read on demand.
async function toggleContext(v, before, after, button) {
  if (!before.hidden || !after.hidden) {
    before.hidden = true;
    after.hidden = true;
    button.textContent = 'Show context';
    return;
  }
  try {
    const first = v.sentences[0];
    const last = v.sentences[v.sentences.length - 1];
    const part = await get('/api/documents/' + encodeURIComponent(v.document_id) + '/sentences', { from: Math.max(0, first - 1), to: last + 1 });
    const at = (i) => (part.sentences.find((s) => s.index === i) || {}).text;
    before.textContent = at(first - 1) || '(the document starts here)';
    after.textContent = at(last + 1) || '(the document ends here)';
    before.hidden = false;
    after.hidden = false;
    button.textContent = 'Hide context';
  } catch (e) {
    toast('Could not read the context: ' + e.message, 'bad');
  }
}

function label(decision) {
  return { accept: 'Accepted', reject: 'Rejected', reverse: 'Reversed' }[decision] || decision;
}

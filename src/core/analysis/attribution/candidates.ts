import { NAME_ABBREVIATIONS } from '../lexicon.ts';
import type { Sentence } from '../types.ts';
import type { QuoteContext } from './context.ts';
import { NARRATION_REACH } from './context.ts';
import type { Cue, CueForm, SourceForm } from './cues.ts';
import { type Discourse, fromMember, type PronounClass, type Source, sameSource } from './discourse.ts';
import { governedByQuoteVerb, inObjectPosition, memberOf } from './mentions.ts';
import { firstIndex, MASK, type ParagraphView } from './paragraph.ts';
import {
  clauseOf,
  inIntroduction,
  openingPronoun,
  speakerLabel,
  subjectOf,
  subjectReading,
} from './subjects.ts';

/** Which side of the quote a cue or mention stands on. */
export type Side = 'before' | 'after';
/**
 * Where a cue stands: in the quote's sentence, after it without a sentence end between, in an
 * earlier sentence of the paragraph, or in the paragraph before.
 */
export type CueScope = 'sentence' | 'beyond' | 'paragraph' | 'previous';
/** What stands between a cue and the quote. */
export type Gap = 'adjacent' | 'comma' | 'colon' | 'that' | 'words';
/** How far a cue or mention stands from the quote, in characters. */
export type Distance = 'touching' | 'near' | 'mid' | 'far';
/** A layout that names a speaker without a speech verb. */
export type Pattern =
  | 'label'
  | 'signed'
  | 'colon-paragraph'
  | 'colon-subject'
  | 'trailing-cue'
  | 'named-after'
  | 'named-before-colon';
/** Whose pronoun an antecedent was found for. */
export type AntecedentVia = 'before' | 'after' | 'subject';
/** Which earlier quote a candidate spoke. */
export type SpokeScope = 'paragraph' | 'previous' | 'older';

/** One reason to think a source said a quote. */
export type Evidence =
  | {
      type: 'cue';
      side: Side;
      scope: CueScope;
      /** The nearest attributed cue on its side within its scope. */
      nearest: boolean;
      form: CueForm;
      sourceForm: SourceForm;
      gap: Gap;
      distance: Distance;
    }
  | { type: 'subject'; scope: 'sentence' | 'previous' }
  | {
      type: 'mention';
      side: Side;
      first: boolean;
      object: boolean;
      /** The agent of a passive ("called a “…” by the union", "Asked by a reporter whether …"). */
      agent: boolean;
      /** The object of the verb the quoted words follow ("called Reyes “…”"): the one described, not the speaker. */
      governed: boolean;
      distance: Distance;
    }
  | { type: 'spoke'; scope: SpokeScope }
  | {
      type: 'antecedent';
      /** Whose pronoun: the nearest cue's before or after the quote, or the sentence's subject. */
      via: AntecedentVia;
      /** 1 for the most recent compatible source, 2 for the one before, … */
      rank: number;
      /** It stood as a subject or a speaker. */
      subject: boolean;
      /** Paragraphs back: 0 in the quote's own. */
      paragraphs: number;
      /** Its gender (for "he", "she") or kind (for "they", "it") is known and agrees with the pronoun; else it is unknown. */
      agrees: boolean;
      /** 1 for the most recent compatible source that spoke, 2 for the one before, 0 when it did not speak. */
      speakerRank: number;
      /** The discourse's own reading of the pronoun: the latest compatible subject. */
      preferred: boolean;
      /** 1 for the most mentioned of the pronoun's possible sources, 2 for the next, … */
      salienceRank: number;
    }
  | { type: 'pattern'; pattern: Pattern };

/** A possible speaker of a quote with everything that points at it; `source` null is "no speaker". */
export interface Candidate {
  source: Source | null;
  evidence: Evidence[];
}

/** What earlier quotes and paragraphs tell the next quote. */
export interface AttributionState {
  /** The speaker of the paragraph's previous quote, when it has one. */
  inParagraph: { source: Source | null } | undefined;
  /** The last quote's speaker before this paragraph, and its paragraph. */
  before: { paragraph: number; source: Source | null } | null;
  /** The paragraph before, and its cues. */
  previous: { view: ParagraphView; cues: readonly Cue[] } | null;
  /**
   * What each sentence's subject points at, by sentence index: the same for every quote of the
   * sentence, since what comes before a sentence is settled before its first quote.
   */
  subjects: Map<string, Array<[Source, Evidence]>>;
}

/** The state before an article's first quote. */
export function initialState(): AttributionState {
  return { inParagraph: undefined, before: null, previous: null, subjects: new Map() };
}

/** How many cues on each side of a quote, within its sentence, become candidates. */
const SENTENCE_CUES = 3;
/** How many mentions on each side of a quote become candidates. */
const SENTENCE_MENTIONS = 3;
/** How many attributed cues of earlier sentences, or of the paragraph before, become candidates. */
const EARLIER_CUES = 2;
/** How many quoted names at the start of a sentence are stepped over to find its first name. */
const FIRST_MENTION_REACH = 50;
/** How many cues back the search for attributed ones goes (cues whose source is unknown are passed over). */
const CUE_SCAN = 64;
/** How many sources a pronoun may stand for become candidates. */
const ANTECEDENTS = 4;

/** Collects candidates, one per source. */
class Pool {
  readonly candidates: Candidate[] = [{ source: null, evidence: [] }];

  add(source: Source | null | undefined, evidence: Evidence): void {
    if (!source) return;
    const known = this.candidates.find((c) => c.source !== null && sameSource(c.source, source));
    if (known) known.evidence.push(evidence);
    else this.candidates.push({ source, evidence: [evidence] });
  }
}

function distanceOf(chars: number): Distance {
  if (chars <= 3) return 'touching';
  if (chars <= 40) return 'near';
  if (chars <= 120) return 'mid';
  return 'far';
}

/** What stands between a cue before the quote and the quote. */
function gapBefore(view: ParagraphView, cue: Cue, quoteAt: number): Gap {
  const between = view.masked.slice(cue.end, quoteAt);
  if (/:\s*$/u.test(between)) return 'colon';
  if (/\bthat\s*$/iu.test(between)) return 'that';
  if (/^\s*$/u.test(between)) return 'adjacent';
  if (/,\s*$/u.test(between)) return 'comma';
  return 'words';
}

/** What stands between the quote and a cue after it ("…,” she said): only punctuation, or words. */
function gapAfter(view: ParagraphView, quoteEnd: number, cue: Cue): Gap {
  const to = Math.min(cue.at, cue.sourceAt);
  if (to <= quoteEnd) return 'adjacent';
  const between = view.masked.slice(quoteEnd, to);
  if (/^[\s.!?\u2588]*$/u.test(between)) return 'adjacent';
  if (/^[\s,;\u2014\u2013-]*$/u.test(between)) return 'comma';
  return 'words';
}

/** True when a sentence end stands in the narration between two offsets (titles and initials aside). */
function sentenceEndBetween(view: ParagraphView, from: number, to: number): boolean {
  // Titles and initials ("state Del. Alma Ortiz", "Tomas J. Brenner") end no sentence.
  const between = view.masked
    .slice(from, to)
    .replace(/\b(\p{L}+)\.(?=\s)/gu, (abbreviation, word: string) =>
      /^\p{Lu}$/u.test(word) || (/^\p{Lu}/u.test(word) && NAME_ABBREVIATIONS.has(word.toLowerCase()))
        ? ''
        : abbreviation,
    );
  return /[.!?]/u.test(between.replaceAll(MASK, ''));
}

/**
 * Every source a pronoun may stand for, as candidates, each with the evidence the pronoun gives
 * (its cue, or its being the sentence's subject) and how it stood before the pronoun.
 */
function antecedents(
  pool: Pool,
  context: QuoteContext,
  discourse: Discourse,
  pronoun: { pronoun: PronounClass; at: number; via: AntecedentVia; evidence: Evidence },
): void {
  const { paragraph } = context.view;
  const preferred = discourse.resolve(pronoun.pronoun, paragraph, pronoun.at);
  const found = discourse.antecedents(pronoun.pronoun, paragraph, pronoun.at, ANTECEDENTS);
  const mentions = (source: Source) =>
    source.actorId ? (discourse.cast.byId.get(source.actorId)?.mentions.length ?? 0) : 0;
  found.forEach((antecedent, i) => {
    const own = mentions(antecedent.source);
    pool.add(antecedent.source, pronoun.evidence);
    pool.add(antecedent.source, {
      type: 'antecedent',
      via: pronoun.via,
      rank: i + 1,
      subject: antecedent.subject,
      paragraphs: paragraph - antecedent.paragraph,
      // The discourse offers only sources that may agree: a body always does, a person when their gender is known.
      agrees: antecedent.source.kind !== 'person' || antecedent.source.gender !== null,
      speakerRank: antecedent.speakerRank,
      preferred: preferred !== null && sameSource(preferred, antecedent.source),
      salienceRank: 1 + found.filter((other) => mentions(other.source) > own).length,
    });
  });
}

/** Adds a cue's source, or for the nearest cue read from a pronoun, every source the pronoun may stand for. */
function addCue(
  pool: Pool,
  context: QuoteContext,
  discourse: Discourse,
  cue: Cue,
  evidence: Evidence & { type: 'cue' },
): void {
  if (!evidence.nearest || !cue.pronoun || cue.sourceForm !== 'pronoun') {
    pool.add(cue.source, evidence);
    return;
  }
  antecedents(pool, context, discourse, {
    pronoun: cue.pronoun,
    at: cue.sourceAt,
    via: evidence.side,
    evidence,
  });
}

/** The attributed cues around the quote in its own sentence and just after it. */
function sentenceCues(pool: Pool, context: QuoteContext, cues: readonly Cue[], discourse: Discourse): Cue[] {
  const { view, span, windowStart, windowEnd } = context;
  const firstAfter = firstIndex(cues, (cue) => cue.at >= span.outerEnd);
  const nearest: Cue[] = [];
  let taken = 0;
  for (let i = firstAfter - 1; i >= 0 && taken < SENTENCE_CUES; i--) {
    const cue = cues[i];
    if (!cue || cue.at < windowStart || span.outerStart - cue.end > NARRATION_REACH) break;
    if (cue.end > span.outerStart || !cue.source) continue;
    // "According to CCTV, Xi told Biden that “…”": the words are Xi's, as CCTV reports them; the
    // outer source attributes the clause, not the quote.
    if (taken > 0 && cue.form === 'according') break;
    // "She says Hale’s letters blaming X for … are “unfair”": a participle inside the subject of a
    // clause whose own verb comes before the quote does not attribute it.
    // "Hale saying he was “…”" is no such participle: a name right before it is its own subject.
    const embedded =
      /ing$/u.test(view.text.slice(cue.at, cue.end)) &&
      /\b(?:is|are|was|were)\b/u.test(view.masked.slice(cue.end, span.outerStart)) &&
      !(
        cue.sourceForm === 'name' &&
        /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}$/u.test(view.text.slice(cue.sourceAt, cue.at))
      );
    if (embedded) continue;
    addCue(pool, context, discourse, cue, {
      type: 'cue',
      side: 'before',
      scope: 'sentence',
      nearest: taken === 0,
      form: cue.form,
      sourceForm: cue.sourceForm,
      gap: gapBefore(view, cue, span.outerStart),
      distance: distanceOf(span.outerStart - cue.end),
    });
    if (taken === 0) nearest.push(cue);
    taken++;
  }
  taken = 0;
  for (let i = firstAfter; i < cues.length && taken < SENTENCE_CUES; i++) {
    const cue = cues[i];
    if (!cue || cue.at - span.outerEnd > NARRATION_REACH) break;
    if (!cue.source) continue;
    const inSentence = cue.at <= windowEnd;
    if (!inSentence && (taken > 0 || sentenceEndBetween(view, span.outerEnd, cue.at))) break;
    addCue(pool, context, discourse, cue, {
      type: 'cue',
      side: 'after',
      scope: inSentence ? 'sentence' : 'beyond',
      nearest: taken === 0,
      form: cue.form,
      sourceForm: cue.sourceForm,
      gap: gapAfter(view, span.outerEnd, cue),
      distance: distanceOf(Math.min(cue.at, cue.sourceAt) - span.outerEnd),
    });
    if (taken === 0) nearest.push(cue);
    taken++;
  }
  return nearest;
}

/** Attributed cues of the paragraph's earlier sentences, nearest first. */
function earlierCues(pool: Pool, context: QuoteContext, cues: readonly Cue[]): void {
  let taken = 0;
  const last = firstIndex(cues, (cue) => cue.at >= context.windowStart) - 1;
  for (let i = last; i >= 0 && last - i < CUE_SCAN; i--) {
    const cue = cues[i];
    if (!cue || taken >= EARLIER_CUES) break;
    if (!cue.source) continue;
    pool.add(cue.source, cueEvidence(cue, 'paragraph', taken === 0));
    taken++;
  }
}

function cueEvidence(cue: Cue, scope: CueScope, nearest: boolean): Evidence {
  return {
    type: 'cue',
    side: 'before',
    scope,
    nearest,
    form: cue.form,
    sourceForm: cue.sourceForm,
    gap: 'words',
    distance: 'far',
  };
}

/** True when only blanks stand before the quote in its paragraph, and it continues no quote of the paragraph before. */
function opensWithQuote(context: QuoteContext): boolean {
  const { view, span } = context;
  return !span.continued && view.blanks.startBefore(span.outerStart) === 0;
}

/** The last attributed cues of the paragraph before, and the layouts that hand its speaker on. */
function previousParagraph(
  pool: Pool,
  context: QuoteContext,
  state: AttributionState,
  discourse: Discourse,
): void {
  const previous = state.previous;
  if (!previous || previous.view.paragraph !== context.view.paragraph - 1) return;
  const { span } = context;
  const introduced =
    context.index === 0 && span.outerStart === 0 && !span.continued && /:\s*$/u.test(previous.view.text);
  let taken = 0;
  const last = previous.cues.length - 1;
  for (let i = last; i >= 0 && taken < EARLIER_CUES && last - i < CUE_SCAN; i--) {
    const cue = previous.cues[i];
    if (!cue?.source) continue;
    pool.add(cue.source, cueEvidence(cue, 'previous', taken === 0));
    if (taken === 0 && context.index === 0) {
      const lastQuote = previous.view.spans[previous.view.spans.length - 1];
      // "He said:" closes the paragraph before and the quote opens this one.
      if (introduced) pool.add(cue.source, { type: 'pattern', pattern: 'colon-paragraph' });
      // "Smith said Tuesday." closes the paragraph before; this one opens with the quote.
      else if (opensWithQuote(context) && (!lastQuote || cue.at > lastQuote.outerEnd))
        pool.add(cue.source, { type: 'pattern', pattern: 'trailing-cue' });
    }
    taken++;
  }
  if (introduced) introducedBySubject(pool, previous, discourse);
}

/**
 * "Stone echoed:", "Mayor Voss issued the following statement:" closing the paragraph before: the
 * subject of that sentence introduces the quote, when no speech verb there named a source.
 */
function introducedBySubject(
  pool: Pool,
  previous: { view: ParagraphView; cues: readonly Cue[] },
  discourse: Discourse,
): void {
  const sentence = previous.view.sentences[previous.view.sentences.length - 1];
  const closing = previous.cues[previous.cues.length - 1];
  if (!sentence || (closing?.source && closing.at >= sentence.start)) return;
  pool.add(subjectOf(previous.view, sentence, discourse), { type: 'pattern', pattern: 'colon-subject' });
}

/** "by" right before a name: the agent of a passive. */
const AGENT_BEFORE = /\bby\s+$/iu;

/**
 * Names of the cast in the quote's sentence, nearest first on each side. The sentence's first name
 * is marked as such (often its subject) unless `pronounSubject`: a clause that opens with a pronoun
 * has its subject already ("He accused Lund of …").
 */
function sentenceMentions(
  pool: Pool,
  context: QuoteContext,
  discourse: Discourse,
  pronounSubject: boolean,
): void {
  const { view, span, windowStart, windowEnd } = context;
  const { mentions } = view;
  const firstAfter = firstIndex(mentions, (m) => m.start >= span.outerEnd);
  const firstInWindow = firstIndex(mentions, (m) => m.start >= windowStart);
  let firstUnquoted = pronounSubject ? -1 : firstInWindow;
  while (
    firstUnquoted >= 0 &&
    mentions[firstUnquoted]?.quoted &&
    firstUnquoted < firstInWindow + FIRST_MENTION_REACH
  )
    firstUnquoted++;
  const add = (i: number, side: Side, distance: number): boolean => {
    const mention = mentions[i];
    if (!mention || mention.quoted) return false;
    const member = memberOf(discourse, mention);
    if (!member || member.kind === 'place') return false;
    const first = i === firstUnquoted;
    const object = inObjectPosition(view, mention);
    const agent = AGENT_BEFORE.test(view.masked.slice(Math.max(0, mention.start - 4), mention.start));
    pool.add(fromMember(member), {
      type: 'mention',
      side,
      first,
      object,
      agent,
      governed: governedByQuoteVerb(view, mention, span.outerStart),
      distance: distanceOf(distance),
    });
    return true;
  };
  let taken = 0;
  let i = firstAfter - 1;
  for (; i >= firstInWindow && taken < SENTENCE_MENTIONS; i--) {
    const mention = mentions[i];
    if (!mention || span.outerStart - mention.end > NARRATION_REACH) break;
    if (mention.end <= span.outerStart && add(i, 'before', span.outerStart - mention.end)) taken++;
  }
  // The sentence's first name, however far: often its subject.
  for (let j = firstInWindow; j <= i && j < firstInWindow + SENTENCE_MENTIONS; j++) {
    const mention = mentions[j];
    if (mention && mention.end <= span.outerStart && add(j, 'before', span.outerStart - mention.end)) break;
  }
  taken = 0;
  for (let i = firstAfter; i < mentions.length && taken < SENTENCE_MENTIONS; i++) {
    const mention = mentions[i];
    if (!mention || mention.start >= windowEnd || mention.start - span.outerEnd > NARRATION_REACH) break;
    if (add(i, 'after', mention.start - span.outerEnd)) taken++;
  }
}

/** "“…” ― Nina Castell": a vox-pop or epigraph signed with a dash. */
function signature(context: QuoteContext): Source | null {
  const { view, span } = context;
  const signed = /^[\s.]*[―—–]\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})/u.exec(
    view.text.slice(span.outerEnd, span.outerEnd + 120),
  );
  if (!signed?.[1]) return null;
  const at = span.outerEnd + (signed[0].length - signed[1].length);
  const mention = view.mentions[firstIndex(view.mentions, (m) => m.start >= at)];
  const member = mention?.start === at ? view.cast.byId.get(mention.actorId) : undefined;
  if (member) return fromMember(member);
  return { name: signed[1].replace(/\.$/u, ''), actorId: null, kind: 'person', gender: null, head: null };
}

/** One to three lower-case words (a speech verb in any language) between a quote's end and a name. */
const VERB_AFTER_QUOTE = /^\s*,?\s*(?:\p{Ll}[\p{L}'’-]*\s+){1,3}$/u;
/**
 * "…,” she said of Trump", "…,” he told Smith": a pronoun subject among those words, or "of" or
 * "about" right before the name, makes the name no speaker.
 */
const NOT_INVERTED = /\b(?:he|she|they|it|we|i|you)\s|\b(?:of|about)\s+$/u;
/**
 * "Lee did not hold back: “…”", "More from Patel and Moreau: “…”": a name, at most a few
 * lower-case words (a verb and its adverbs, in any language) and a colon right before the quote.
 */
const NAME_THEN_COLON = /^(?:['’]s)?(?:\s+\p{Ll}[\p{L}'’-]*){0,4}\s*:\s*$/u;
/** How far before the quote's opening mark the name before a colon may end, in characters. */
const COLON_REACH = 60;

/**
 * "“…,” said Smith", "« … », a déclaré Macron", "„…“, sagte Merkel": a name after the quote's
 * closing mark, a comma and a verb of a few lower-case words — the inverted attribution, read from
 * punctuation alone so that it holds in any language written this way.
 */
function namedAfter(context: QuoteContext): Source | null {
  const { view, span } = context;
  const next = view.mentions[firstIndex(view.mentions, (m) => m.start >= span.outerEnd)];
  if (!next || next.quoted || next.start - span.outerEnd > 60) return null;
  const between = view.text.slice(span.outerEnd, next.start);
  // The quote ends its clause: a comma (inside the marks or after them), a question or an exclamation.
  const ends = /[,?!]$/u.test(context.inner) || /^\s*,/u.test(between);
  if (!ends || !VERB_AFTER_QUOTE.test(between) || NOT_INVERTED.test(between)) return null;
  const member = view.cast.byId.get(next.actorId);
  return member && member.kind !== 'place' ? fromMember(member) : null;
}

/** The name right before a colon that opens the quote, with only a few lower-case words between. */
function namedBeforeColon(context: QuoteContext, discourse: Discourse): Source | null {
  const { view, span } = context;
  const last = view.mentions[firstIndex(view.mentions, (m) => m.start >= span.outerStart) - 1];
  if (!last || last.quoted || span.outerStart - last.end > COLON_REACH) return null;
  if (!NAME_THEN_COLON.test(view.text.slice(last.end, span.outerStart))) return null;
  if (inObjectPosition(view, last)) return null;
  const member = memberOf(discourse, last);
  return member && member.kind !== 'place' ? fromMember(member) : null;
}

/** The sources a sentence's subject points at (all a pronoun may stand for), read once per sentence. */
function subjectSources(
  context: QuoteContext,
  sentence: Sentence,
  state: AttributionState,
  discourse: Discourse,
): Array<[Source, Evidence]> {
  const key = `${sentence.index}:${sentence.start}`;
  const known = state.subjects.get(key);
  if (known) return known;
  const pool = new Pool();
  const subject = subjectReading(context.view, sentence, discourse);
  const evidence: Evidence = { type: 'subject', scope: 'sentence' };
  if (subject.pronoun)
    antecedents(pool, context, discourse, {
      pronoun: subject.pronoun,
      at: sentence.start,
      via: 'subject',
      evidence,
    });
  else pool.add(subject.source, evidence);
  const found = pool.candidates.flatMap((c) =>
    c.source ? c.evidence.map((e): [Source, Evidence] => [c.source as Source, e]) : [],
  );
  state.subjects.set(key, found);
  return found;
}

/** The sentence before the quote's own, in its paragraph. */
function sentenceBefore(context: QuoteContext) {
  const { view, first } = context;
  if (!first) return undefined;
  return view.sentences[firstIndex(view.sentences, (s) => s.end > first.start) - 1];
}

/**
 * Every source that may have said the quote, each with the evidence for it, and "no speaker" first.
 * Reading subjects may record descriptions in the discourse, as reading cues does.
 */
export function gatherCandidates(
  context: QuoteContext,
  cues: readonly Cue[],
  state: AttributionState,
  discourse: Discourse,
): Gathered {
  const pool = new Pool();
  const { view, span, first } = context;
  const nearest = sentenceCues(pool, context, cues, discourse);
  pool.add(signature(context), { type: 'pattern', pattern: 'signed' });
  pool.add(namedAfter(context), { type: 'pattern', pattern: 'named-after' });
  pool.add(namedBeforeColon(context, discourse), { type: 'pattern', pattern: 'named-before-colon' });
  if (span.outerStart <= 1) pool.add(speakerLabel(view), { type: 'pattern', pattern: 'label' });
  const clause = first ? clauseOf(view, first, span.outerStart, discourse) : undefined;
  // "As Hale stood by his “…” remark, Vance …": a quote inside the introductory clause is not the subject's.
  if (clause && !inIntroduction(view, clause, span.outerStart))
    for (const [source, evidence] of subjectSources(context, clause, state, discourse))
      pool.add(source, evidence);
  const before = sentenceBefore(context);
  if (before) pool.add(subjectOf(view, before, discourse), { type: 'subject', scope: 'previous' });
  const opening = clause ? openingPronoun(view, clause) : undefined;
  sentenceMentions(pool, context, discourse, opening !== undefined);
  earlierCues(pool, context, cues);
  previousParagraph(pool, context, state, discourse);
  if (state.inParagraph) pool.add(state.inParagraph.source, { type: 'spoke', scope: 'paragraph' });
  else if (state.before) {
    const scope = state.before.paragraph >= view.paragraph - 1 ? 'previous' : 'older';
    pool.add(state.before.source, { type: 'spoke', scope });
  }
  const carried = opening ?? (opensSentence(context) && before ? openingPronoun(view, before) : undefined);
  return { candidates: pool.candidates, pronoun: attributingPronoun(nearest) ?? speakerPronoun(carried) };
}

/** True when the quote opens its sentence: nothing but blanks and masked quotes before its mark. */
function opensSentence(context: QuoteContext): boolean {
  const { view, span, first } = context;
  // The paragraph's blank runs, read as the quotes go by: linear over a paragraph of thousands of quotes.
  return first !== undefined && view.blanks.startBefore(span.outerStart) <= first.start;
}

/** A quote's candidates, and the pronoun its own sentence names the speaker with, if any. */
export interface Gathered {
  candidates: Candidate[];
  /**
   * "She says …", "…,” he said": the pronoun of the quote's attributing cue, which its speaker must
   * fit; without one, the pronoun that opens the quote's clause, or the sentence before a quote that
   * opens its own.
   */
  pronoun: 'he' | 'she' | 'they' | null;
}

/**
 * The pronoun that names the quote's speaker in its own sentence ("She says …", "…,” he said"):
 * the nearest cue on each side of the quote that has one names it with the same pronoun, and none
 * names anyone else.
 */
function attributingPronoun(nearest: readonly Cue[]): Gathered['pronoun'] {
  const pronouns = new Set(nearest.map((cue) => (cue.sourceForm === 'pronoun' ? cue.pronoun : null)));
  const [pronoun] = pronouns;
  return pronouns.size === 1 && (pronoun === 'he' || pronoun === 'she' || pronoun === 'they')
    ? pronoun
    : null;
}

/**
 * "She walked out, waving the plan: “…”", "She walked out. “…”": with no cue naming the speaker by
 * pronoun, the subject pronoun next to the quote does, when a speaker may be named with it.
 */
function speakerPronoun(pronoun: PronounClass | undefined): Gathered['pronoun'] {
  return pronoun === 'he' || pronoun === 'she' || pronoun === 'they' ? pronoun : null;
}

/** Hands a paragraph's last speaker and its cues on to the next paragraph. */
export function endParagraph(state: AttributionState, view: ParagraphView, cues: readonly Cue[]): void {
  if (state.inParagraph) state.before = { paragraph: view.paragraph, source: state.inParagraph.source };
  state.inParagraph = undefined;
  state.previous = { view, cues };
  state.subjects.clear();
}

/** True when a cue in the quote's sentence or a signature attributes it. */
export function attributedInSentence(candidates: readonly Candidate[]): boolean {
  return candidates.some((candidate) =>
    candidate.evidence.some(
      (e) =>
        (e.type === 'cue' && (e.scope === 'sentence' || e.scope === 'beyond')) ||
        (e.type === 'pattern' && e.pattern === 'signed'),
    ),
  );
}

import type { Cast } from './actors.ts';
import {
  type AttributionState,
  attributedInSentence,
  type Candidate,
  type Evidence,
  endParagraph,
  gatherCandidates,
  initialState,
} from './attribution/candidates.ts';
import { NARRATION_REACH, type QuoteContext, quoteContext } from './attribution/context.ts';
import { type Cue, readCues } from './attribution/cues.ts';
import { describedSubjects, documentAntecedents } from './attribution/descriptions.ts';
import { Discourse, fromMember, type Source } from './attribution/discourse.ts';
import { candidateFeatures, type QuoteFacts } from './attribution/features.ts';
import { inObjectPosition } from './attribution/mentions.ts';
import { committedSpeakerModel, type SpeakerModel } from './attribution/model.ts';
import {
  blankBetween,
  firstIndex,
  MASK,
  type ParagraphView,
  paragraphViews,
  sentenceAt,
} from './attribution/paragraph.ts';
import {
  committedQuoteModel,
  type QuoteMark,
  type QuoteModel,
  type SpanFacts,
  spanFeatures,
} from './attribution/spoken.ts';
import { introductionEnd, introductionSubject } from './attribution/subjects.ts';
import { DETERMINERS, PREPOSITIONS, TITLE_CUES, TITLE_MINOR_WORDS } from './attribution/words.ts';
import { NAMING_WORDS, PRONOUNS, REPORTING_WORDS, SPEECH_VERBS } from './lexicon.ts';
import { findQuoteSpans, type QuoteSpan } from './quote-spans.ts';
import type { Quote, QuoteKind, Sentence } from './types.ts';

/** The quotes of an article and the descriptions ("the GOP nominee") its text uses for each actor. */
export interface Attributions {
  quotes: Quote[];
  /** Role descriptions by actor id, read where a definite description resolves to the actor. */
  descriptions: ReadonlyMap<string, readonly string[]>;
}

/** A quote's candidates as the model saw them: for fitting the model and for inspecting it. */
export interface ObservedQuote {
  quote: Quote;
  candidates: readonly Candidate[];
  /** The feature indices of each candidate. */
  features: readonly (readonly number[])[];
  /** The index of the chosen candidate. */
  chosen: number;
}

/** A quoted span as the quote classifier saw it: for fitting the classifier. */
export interface ObservedSpan {
  span: QuoteSpan;
  /** The words inside the marks. */
  inner: string;
  /** The indices of its features (into the classifier's feature names). */
  features: readonly number[];
  /** The classifier read it as a quote. */
  kept: boolean;
}

/** Options of {@link extractAttributions}. */
export interface AttributionOptions {
  /** The speaker model (default: the committed one). */
  model?: SpeakerModel;
  /** The quote classifier (default: the committed one). */
  quoteModel?: QuoteModel;
  /** Receives every quote with its candidates (training reads them here). */
  observe?: (observed: ObservedQuote) => void;
  /** Receives every quoted span, kept or not, with its classifier features (training reads them here). */
  observeSpan?: (observed: ObservedSpan) => void;
}

/** The models of one run and the observers that read what they saw. */
interface Models {
  speaker: SpeakerModel;
  quote: QuoteModel;
  observe: AttributionOptions['observe'];
  observeSpan: AttributionOptions['observeSpan'];
}

/**
 * Reads the attributions of quoted speech: each quote gets the speaker the model scores best among
 * its candidates (the sources its cues name — "…,” X said / X said “…” / said X / according to X —,
 * the subjects and names around it, the previous quote's speaker, or no one).
 */
export function extractQuotes(
  paragraphs: readonly string[],
  sentences: readonly Sentence[],
  cast: Cast,
  spans: readonly QuoteSpan[] = findQuoteSpans(paragraphs),
): Quote[] {
  return extractAttributions(paragraphs, sentences, cast, spans).quotes;
}

/** Like {@link extractQuotes}, and also returns the role descriptions resolved to each actor. */
export function extractAttributions(
  paragraphs: readonly string[],
  sentences: readonly Sentence[],
  cast: Cast,
  spans: readonly QuoteSpan[] = findQuoteSpans(paragraphs),
  options: AttributionOptions = {},
): Attributions {
  const models: Models = {
    speaker: options.model ?? committedSpeakerModel(),
    quote: options.quoteModel ?? committedQuoteModel(),
    observe: options.observe,
    observeSpan: options.observeSpan,
  };
  const discourse = new Discourse(cast);
  const quotes: Quote[] = [];
  const state: AttributionState = initialState();
  for (const view of paragraphViews(paragraphs, sentences, cast, spans)) {
    addNamedAntecedents(view, discourse);
    describedSubjects(view, discourse);
    documentAntecedents(view, discourse);
    const cues = readCues(view, discourse);
    for (const [index, span] of view.spans.entries()) {
      const context = quoteContext(view, span, index);
      const quote = attribute(context, cues, state, discourse, models);
      if (quote) quotes.push(quote);
    }
    endParagraph(state, view, cues);
  }
  return { quotes, descriptions: discourse.descriptions };
}

/**
 * Names of the narration become antecedents; each sentence's first name in subject position is its
 * subject, and so is the name a subordinate clause opening the sentence has as its own ("Though
 * Ms. Ruiz has lived here for years, the rents …"): a pronoun after it takes either up.
 */
function addNamedAntecedents(view: ParagraphView, discourse: Discourse): void {
  const subjectSeen = new Set<number>();
  for (const sentence of view.sentences) {
    // "She says Hale's letters …": a sentence that opens with a pronoun has its subject already.
    const opening = /^[\s\u2588,]*(\p{L}+)/u.exec(view.masked.slice(sentence.start, sentence.start + 40));
    if (opening?.[1] && PRONOUNS.has(opening[1].toLowerCase())) subjectSeen.add(sentence.start);
  }
  for (const mention of view.mentions) {
    if (mention.quoted) continue;
    const member = discourse.cast.byId.get(mention.actorId);
    if (!member || member.kind === 'place') continue;
    const sentence = sentenceAt(view, mention.start);
    const sentenceStart = sentence?.start ?? 0;
    const introEnd = sentence ? introductionEnd(view, sentence) : 0;
    // The subject is the sentence's first name after its introductory phrase ("Asked about her
    // vote, …") that is neither a preposition's object, a possessor nor a modifier of a role.
    const subject =
      !subjectSeen.has(sentenceStart) &&
      mention.start >= introEnd &&
      !inObjectPosition(view, mention) &&
      member.kind === 'person';
    if (subject) subjectSeen.add(sentenceStart);
    const clauseSubject =
      sentence !== undefined &&
      mention.start < introEnd &&
      member.kind === 'person' &&
      introductionSubject(view, sentence) === mention;
    discourse.add(
      {
        paragraph: view.paragraph,
        at: mention.start,
        source: fromMember(member),
        subject: subject || clauseSubject,
      },
      'mention',
    );
  }
}

/**
 * Opening marks of languages other than English (French and German «…», German „…“ and ‚…‘,
 * Japanese 「…」 and 『…』). The English tests of titles and terms do not hold for their words, and
 * their speaker is read only where the quote's own sentence names it.
 */
const FOREIGN_MARKS = new Set(['\u00ab', '\u00bb', '\u201e', '\u201a', '\u300c', '\u300e']);

/** True when a quote opens with a mark of another language than English. */
function inForeignMarks(context: QuoteContext): boolean {
  return FOREIGN_MARKS.has(context.view.text[context.span.outerStart] ?? '');
}

/** True when evidence comes from the quote's own sentence or layout (a cue, a signature, a name after it). */
function isLocal(evidence: Evidence): boolean {
  if (evidence.type === 'cue') return evidence.scope === 'sentence' || evidence.scope === 'beyond';
  return (
    evidence.type === 'pattern' &&
    evidence.pattern !== 'colon-paragraph' &&
    evidence.pattern !== 'trailing-cue'
  );
}

/** True when only blanks and quotes stand in `text` between `from` and the quote. */
function blank(context: QuoteContext, text: string, from: number): boolean {
  const { view, span } = context;
  return text === view.masked
    ? view.blanks.startBefore(span.outerStart) <= from
    : blankBetween(text, from, span.outerStart);
}

/** True when the narration before a quote ends with the word "so-called". */
function endsWithSoCalled(before: string): boolean {
  const text = before.trimEnd();
  if (text.length === before.length || !text.toLowerCase().endsWith('so-called')) return false;
  return !/\p{L}/u.test(text[text.length - 10] ?? '');
}

/** True when a quoted span is a title, a stage direction, a nickname or a so-called term: no one's words. */
function isNoQuote(context: QuoteContext, foreign: boolean): boolean {
  const { view, span, inner, around, windowStart, closeBefore } = context;
  // A title in a sentence that reports words ("Hale called her “Little Sparrow”") is a quote.
  const title =
    !foreign &&
    isTitle(inner, blank(context, around, windowStart)) &&
    !namesIt(closeBefore, view.masked.slice(span.outerEnd, span.outerEnd + 20));
  // "so-called “rainy day” money": a term, whoever coined it.
  return (
    title ||
    (!foreign && isWorkTitle(context)) ||
    isStageDirection(inner) ||
    isNickname(view.text, span) ||
    isSignatureLine(view.text, span) ||
    isBylinedTitle(context) ||
    endsWithSoCalled(closeBefore)
  );
}

/** A title set off by a comma, then its author: "“Harbour museum opens,” by the Courier's Ana Ruiz", "''…,'' by Ruth Okafor". */
function isBylinedTitle(context: QuoteContext): boolean {
  const { view, span, inner } = context;
  if (!/^[\p{Lu}\d‘'"“]/u.test(inner)) return false;
  const after = view.text.slice(span.outerEnd, span.outerEnd + 28);
  return (/,\s*$/u.test(inner) ? /^\s+by\s+(?:the\s+)?\p{Lu}/u : /^,\s*by\s+(?:the\s+)?\p{Lu}/u).test(after);
}

/** Which English double marks enclose the span, or null for single marks. */
function doubleMarkOf(context: QuoteContext): QuoteMark | null {
  const { text } = context.view;
  const at = context.span.outerStart;
  const glyph = text[at] ?? '';
  if (glyph === '\u201c' || glyph === '\u201d') return 'curly';
  if (glyph === '"') return 'straight';
  return glyph === "'" && text[at + 1] === "'" ? 'doubled-single' : null;
}

/** How far past a quote its sentence's end is looked for; a longer run of marks is read as its end. */
const CLOSING_REACH = 200;
/** A blank, a punctuation mark or a masked quote. */
const PUNCTUATION = /[\s\p{P}\u2588]/u;

/**
 * True when only blanks, punctuation and masked quotes stand in `text` from `from` to `to`: read
 * forwards and stopped at the first word, so the quotes of a sentence thousands of characters long
 * are read in linear time.
 */
function onlyPunctuation(text: string, from: number, to: number): boolean {
  for (let i = from; i < Math.min(to, from + CLOSING_REACH); i++) {
    const char = text[i] ?? ' ';
    // Masked quotes and spaces, the common case, without the regular expression.
    if (char !== MASK && char !== ' ' && !PUNCTUATION.test(char)) return false;
  }
  return true;
}

/** What the quote classifier reads about a span. */
function spanFacts(context: QuoteContext, mark: QuoteMark, attributed: boolean, kind: QuoteKind): SpanFacts {
  const { view, span, inner, windowEnd, closeBefore } = context;
  const lastWord = /(\p{L}+)[\s\u2588]*$/u.exec(closeBefore)?.[1]?.toLowerCase() ?? '';
  return {
    inner,
    mark,
    kind,
    attributed,
    reports: reportsWordsAround(context),
    opensSentence: context.opensSentence,
    closesSentence: onlyPunctuation(view.masked, span.outerEnd, windowEnd),
    opensParagraph: !span.continued && view.blanks.startBefore(span.outerStart) === 0,
    afterColon: context.afterColon,
    afterDeterminer: DETERMINERS.has(lastWord) && /\p{L}[\s\u2588]*$/u.test(closeBefore),
    continued: span.continued,
    unclosed: span.unclosed,
  };
}

/** How many words before a work's noun are read for a verb of speaking. */
const TITLE_REACH = 4;
/** How many words a work's title may hold. */
const WORK_TITLE_WORDS = 12;
/** Words that may stand between a work's noun and its title: "a show called “…”", "his new book, “…”". */
const TITLE_LINK = /^(?:called|named|dubbed)$/u;

/**
 * The title of a work right after its noun ("the 1998 movie “…”", "his 1998 book ''…''", "a show
 * called “…”", "a column titled “…”"): a capitalised name of a thing, whatever its punctuation.
 */
function isWorkTitle(context: QuoteContext): boolean {
  const { inner, closeBefore } = context;
  if (!/^[\p{Lu}\d]/u.test(inner) || inner.split(/\s+/u).length > WORK_TITLE_WORDS) return false;
  const words = closeBefore.replaceAll(MASK, ' ').trimEnd();
  if (!/(?:\p{L}|,)$/u.test(words)) return false;
  const tail = words.toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];
  let at = tail.length - 1;
  if (TITLE_LINK.test(tail[at] ?? '') && !/,$/u.test(words)) at--;
  if (!TITLE_CUES.has(tail[at] ?? '')) return false;
  // "told the show, “…”", "said on his podcast: “…”": a medium someone speaks on, not a title.
  return !tail.slice(Math.max(0, at - TITLE_REACH), at).some((word) => SPEECH_VERBS.has(word));
}

/** Actor ids named inside the quote's own words. */
function namedInside(context: QuoteContext): Set<string> {
  const { view, span } = context;
  const ids = new Set<string>();
  for (let i = firstIndex(view.mentions, (m) => m.start >= span.start); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (!mention || mention.start >= span.end) break;
    if (mention.quoted) ids.add(mention.actorId);
  }
  return ids;
}

/**
 * The candidate a layout names beyond doubt, before any scoring: a vox-pop signed with a dash
 * ("“…” ― Nina Castell"), or a transcript's speaker label ("GARBER: …") where no cue in the
 * sentence names another. PolNeAR has almost no signed quotes and credits transcript lines to the
 * transcript, so the model cannot learn these from it; they are conventions of layout, kept as rules.
 */
function layoutChoice(candidates: readonly Candidate[], attributed: boolean): number | null {
  const named = (pattern: string) =>
    candidates.findIndex((c) => c.evidence.some((e) => e.type === 'pattern' && e.pattern === pattern));
  const signed = named('signed');
  if (signed >= 0) return signed;
  const label = named('label');
  return label >= 0 && !attributed ? label : null;
}

/** Most characters of its sentence a quote carries on either side of its quote marks. */
export const SENTENCE_CONTEXT_CHARS = 400;

/**
 * The sentence a quote stands in, from `start` to `end` of `text`, cut to the quote and at most
 * {@link SENTENCE_CONTEXT_CHARS} on either side (at a space, marked "…"). A run-on "sentence" of a
 * page without full stops would otherwise be copied whole into each of its quotes: 20,000 quotes
 * in one 200 KB sentence made a 4 GB analysis.
 */
export function quoteSentence(
  text: string,
  start: number,
  end: number,
  span: { outerStart: number; outerEnd: number },
): string {
  const from = Math.max(start, span.outerStart - SENTENCE_CONTEXT_CHARS);
  const to = Math.min(end, span.outerEnd + SENTENCE_CONTEXT_CHARS);
  const space = from > start ? text.indexOf(' ', from) : -1;
  const cutStart = space >= 0 && space < span.outerStart ? space + 1 : from;
  const lastSpace = to < end ? text.lastIndexOf(' ', to) : -1;
  const cutEnd = lastSpace > span.outerEnd ? lastSpace : to;
  return `${cutStart > start ? '…' : ''}${text.slice(cutStart, cutEnd)}${cutEnd < end ? '…' : ''}`;
}

/** Attributes one quoted span, or returns null when it is no quote. */
function attribute(
  context: QuoteContext,
  cues: readonly Cue[],
  state: AttributionState,
  discourse: Discourse,
  models: Models,
): Quote | null {
  const foreign = inForeignMarks(context);
  if (isNoQuote(context, foreign)) return null;
  const { view, span, inner, first, last } = context;
  const gathered = gatherCandidates(context, cues, state, discourse);
  const candidates = foreign
    ? gathered.candidates.filter((candidate) => candidate.source === null || candidate.evidence.some(isLocal))
    : gathered.candidates;
  const attributed = attributedInSentence(candidates);
  if (!foreign && !attributed && isTerm(context)) return null;
  const kind = quoteKind(inner, view.masked.slice(Math.max(0, span.outerStart - 80), span.outerStart), span);
  // The classifier learnt from English double marks only (the corpus counts no other): a span in
  // single marks or another language's marks stays a quote, as the rules above leave it.
  const mark = foreign ? null : doubleMarkOf(context);
  if (mark) {
    const read = spanFeatures(spanFacts(context, mark, attributed, kind));
    const keep = models.quote.keeps(read);
    models.observeSpan?.({ span, inner, features: read, kept: keep });
    if (!keep) return null;
  }
  const facts: QuoteFacts = {
    context,
    kind,
    attributed,
    namedInside: namedInside(context),
    pronoun: gathered.pronoun,
  };
  const features = candidates.map((candidate) => candidateFeatures(candidate, facts));
  const chosen = layoutChoice(candidates, attributed) ?? Math.max(0, models.speaker.choose(features));
  const source: Source | null = candidates[chosen]?.source ?? null;
  state.inParagraph = { source };
  if (source)
    discourse.add(
      { paragraph: view.paragraph, at: span.outerStart, source, subject: true, spoke: true },
      'speaker',
    );
  const quote: Quote = {
    text: inner,
    speaker: source?.name ?? null,
    actorId: source?.actorId ?? null,
    kind,
    paragraph: view.paragraph,
    sentence: first && last ? quoteSentence(view.text, first.start, last.end, span) : inner,
  };
  models.observe?.({ quote, candidates, features, chosen });
  return quote;
}

/**
 * A word or two in quote marks that the narration uses as a term ("the notorious “midnight
 * rule” clause", "a separate “rainy day” account") rather than as anyone's words: short,
 * in a sentence that names no speaker and reports or judges nothing.
 */
function isTerm(context: QuoteContext): boolean {
  const { inner, closeBefore: before } = context;
  const words = inner.split(/\s+/u).filter((word) => /[\p{L}\d]/u.test(word));
  if (words.length === 0 || words.length > 4) return false;
  if (/[.!?]\s/u.test(inner) || (/^\p{Lu}/u.test(inner) && words.length > 1)) return false;
  // “Absolutely.”: a capitalised word closed by its own full stop is a sentence someone said.
  if (/^\p{Lu}/u.test(inner) && /[.!?]$/u.test(inner)) return false;
  if (/\bas\s+(?:an?\s+|the\s+)?[\s\u2588]*$/iu.test(before)) return false;
  // "“landlords trying to cash in” and vague “zoning issues”": one of a list of quotes.
  if (/\u2588[,\s]*(?:and|or)\s+(?:\p{L}+\s+){0,2}$/u.test(before)) return false;
  return !reportsWordsAround(context);
}

/** Offsets of words that report or judge words, by paragraph text (read once per paragraph). */
const reportingCache = new Map<string, number[]>();

/** Where a paragraph's text (or narration) has a verb or noun that reports or judges words ("said", "called", "slogan"). */
function reportingWords(view: ParagraphView, text: string): number[] {
  const cached = reportingCache.get(text);
  if (cached) return cached;
  const found: number[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const lower = match[0].toLowerCase();
    if (!REPORTING_WORDS.has(lower) && !SPEECH_VERBS.has(lower)) continue;
    // A capitalised word inside a sentence is a name ("The Post ran …").
    if (/^\p{Lu}/u.test(match[0]) && sentenceAt(view, match.index)?.start !== match.index) continue;
    found.push(match.index);
  }
  // One paragraph's lists at a time (text and narration): the quotes of a paragraph come together.
  if (reportingCache.size >= 2) reportingCache.clear();
  reportingCache.set(text, found);
  return found;
}

/** True when `words` (sorted offsets) has one in `from`..`to`. */
function anyWithin(words: readonly number[], from: number, to: number): boolean {
  const first = words[firstIndex(words, (at) => at >= from)];
  return first !== undefined && first < to;
}

/** True when the quote's sentence, within reach of the quote, reports or judges words. */
function reportsWordsAround(context: QuoteContext): boolean {
  const { view, span, windowStart, windowEnd } = context;
  const from = Math.max(windowStart, span.outerStart - NARRATION_REACH);
  const to = Math.min(windowEnd, span.outerEnd + NARRATION_REACH);
  // A quote cut short by this one's opening mark is read as narration, as {@link QuoteContext.around} says.
  const before = reportingWords(view, context.around);
  return (
    anyWithin(before, from, span.outerStart) ||
    anyWithin(reportingWords(view, view.masked), span.outerStart, to)
  );
}

/**
 * True when the words before a capitalised quote give it as someone's words or name for a thing
 * ("called her “Little Sparrow”", "hailed Voss as “The Iron Mayor”", "added the words, “Ana
 * Rusk.”"), rather than naming a show or a book ("on “Face the Nation”").
 */
function namesIt(before: string, after: string): boolean {
  // "as “The Daily Ledger” wrote": the title names who speaks.
  const next = /^[\s,]*(\p{L}+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
  if (SPEECH_VERBS.has(next) || next === 'put') return false;
  const words =
    before
      .replaceAll(MASK, ' ')
      .toLowerCase()
      .match(/[\p{L}'’-]+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 5); i--) {
    const word = words[i] ?? '';
    // "added the words, “Ana Rusk.”", but not "the tune and words of “Paper Moon”".
    if (word === 'words') return i === words.length - 1;
    if (NAMING_WORDS.has(word)) return true;
    if (PREPOSITIONS.has(word) && word !== 'of') return false;
  }
  return false;
}

/** A nickname inside a name: Margaret A. “Peggy” Okafor. */
function isNickname(text: string, span: QuoteSpan): boolean {
  const inner = text.slice(span.start, span.end);
  if (!/^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?$/u.test(inner)) return false;
  return (
    /\p{Lu}[\p{L}.]*\s+$/u.test(text.slice(Math.max(0, span.outerStart - 20), span.outerStart)) &&
    /^\s+\p{Lu}/u.test(text.slice(span.outerEnd, span.outerEnd + 3))
  );
}

/** Most words of a signature line: a name, a role and an organisation ("Dana Reyes, Center for Rural Policy"). */
const SIGNATURE_WORDS = 10;
/**
 * A name, after at most a few words of title or role ("Former council chair Dana Reyes"): the head
 * of a signature line, which ends in two capitalised words.
 */
const SIGNATURE_HEAD = /^(?:[\p{L}.'’-]+\s+){0,4}\p{Lu}[\p{L}.'’-]*\s+\p{Lu}[\p{L}'’-]+$/u;

/**
 * The signature that closes a quoted letter or statement running over several paragraphs: a
 * paragraph that goes on with the open quote without re-opening it and holds only a name, maybe
 * with a role or organisation ("¶ Dana Reyes, Center for Rural Policy.”"). It names who wrote the
 * words before it; it is none of them.
 */
function isSignatureLine(text: string, span: QuoteSpan): boolean {
  if (!span.continued || span.outerStart !== span.start) return false;
  if (text.slice(span.end).trim().length > 1) return false;
  const words = text.slice(span.start, span.end).replace(/[.,]$/u, '');
  if (words.split(/\s+/u).length > SIGNATURE_WORDS || /[!?;:]/u.test(words)) return false;
  const head = (words.split(',')[0] ?? '').trim();
  // "I am Dana Reyes.": a sentence the quote goes on with, not a signature.
  return SIGNATURE_HEAD.test(head) && !head.split(/\s+/u).some((word) => PRONOUNS.has(word.toLowerCase()));
}

/** A transcript's stage direction in quote marks ("(CROSSTALK.)", "[Applause]"): no one's words. */
function isStageDirection(inner: string): boolean {
  return /^(?:\([^()]*\)|\[[^[\]]*\])[.,]?$/u.test(inner);
}

/** A title or name in quote marks (“Dragon Island”, “Cold War”) rather than someone's words. */
function isTitle(inner: string, opensSentence: boolean): boolean {
  const bare = inner.replace(/[.,]$/u, '');
  const words = bare.split(/\s+/u).filter((word) => /\p{L}|\d/u.test(word));
  if (words.length === 0 || words.length > 6) return false;
  if (/[.!?,;:]/u.test(bare)) return false;
  // A capitalised phrase that opens a sentence may be speech ("Fear."); inside one it is a name.
  if (opensSentence) return false;
  return words.every((word, i) => /^[\p{Lu}\d]/u.test(word) || (i > 0 && TITLE_MINOR_WORDS.has(word)));
}

function quoteKind(inner: string, lead: string, span: QuoteSpan): 'direct' | 'partial' {
  if (span.continued) return 'direct';
  const before = lead.trimEnd();
  const opensClause =
    before.length === 0 ||
    /[:,.!?]$/u.test(before) ||
    SPEECH_VERBS.has(before.split(/\s+/u).pop()?.toLowerCase() ?? '') ||
    /\bthat$/u.test(before);
  const startsUtterance = /^(?:[\p{Lu}\d]|\.\s?\.|…|\[)/u.test(inner);
  return opensClause && startsUtterance ? 'direct' : 'partial';
}

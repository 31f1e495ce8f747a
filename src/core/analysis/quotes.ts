import type { Cast } from './actors.ts';
import { type Cue, readCues } from './attribution/cues.ts';
import { describedSubjects } from './attribution/descriptions.ts';
import { Discourse, fromMember, type Source } from './attribution/discourse.ts';
import { inObjectPosition, mentionEndingAt } from './attribution/mentions.ts';
import {
  blankBetween,
  firstIndex,
  MASK,
  type ParagraphView,
  paragraphViews,
  sentenceAt,
} from './attribution/paragraph.ts';
import { speakerLabel, subjectOf } from './attribution/subjects.ts';
import { PREPOSITIONS, TITLE_MINOR_WORDS } from './attribution/words.ts';
import { NAME_ABBREVIATIONS, NAMING_WORDS, PRONOUNS, REPORTING_WORDS, SPEECH_VERBS } from './lexicon.ts';
import { findQuoteSpans, type QuoteSpan } from './quote-spans.ts';
import type { Quote, Sentence } from './types.ts';

/** The quotes of an article and the descriptions ("the GOP nominee") its text uses for each actor. */
export interface Attributions {
  quotes: Quote[];
  /** Role descriptions by actor id, read where a definite description resolves to the actor. */
  descriptions: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads the attributions of quoted speech: each quote gets the speaker named by its cue
 * ("…,” X said / X said “…” / said X / according to X / X told Y that “…”), with pronouns and
 * definite descriptions ("the official") resolved to the last compatible source.
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
): Attributions {
  const discourse = new Discourse(cast);
  const views = paragraphViews(paragraphs, sentences, cast, spans);
  const quotes: Quote[] = [];
  let last: { paragraph: number; source: Source | null } | null = null;
  const cuesOf = new Map<number, Cue[]>();
  for (const view of views) {
    const subjectSeen = new Set<number>();
    for (const sentence of view.sentences) {
      // "She says Trump's tweets …": a sentence that opens with a pronoun has its subject already.
      const opening = /^[\s\u2588,]*(\p{L}+)/u.exec(view.masked.slice(sentence.start, sentence.start + 40));
      if (opening?.[1] && PRONOUNS.has(opening[1].toLowerCase())) subjectSeen.add(sentence.start);
    }
    for (const mention of view.mentions) {
      if (mention.quoted) continue;
      const member = cast.byId.get(mention.actorId);
      if (!member || member.kind === 'place') continue;
      const sentenceStart = sentenceAt(view, mention.start)?.start ?? 0;
      // The subject is the sentence's first name that is neither a preposition's object nor a possessor.
      const subject =
        !subjectSeen.has(sentenceStart) && !inObjectPosition(view, mention) && member.kind === 'person';
      if (subject) subjectSeen.add(sentenceStart);
      discourse.add({ paragraph: view.paragraph, at: mention.start, source: fromMember(member), subject });
    }
    describedSubjects(view, discourse);
    const cues = readCues(view, discourse);
    cuesOf.set(view.paragraph, cues);
    let previousInParagraph: Source | null | undefined;
    let previousQuoteAt = -1;
    for (const [spanIndex, span] of view.spans.entries()) {
      const inner = view.text.slice(span.start, span.end);
      // The sentence holding an offset, else the next one, else the last (sentences are in order).
      const sentenceOf = (offset: number) => {
        const holding = view.sentences[firstIndex(view.sentences, (s) => s.end > offset)];
        if (holding && holding.start <= offset) return holding;
        return (
          view.sentences[firstIndex(view.sentences, (s) => s.end >= offset)] ??
          view.sentences[view.sentences.length - 1]
        );
      };
      const first = sentenceOf(span.outerStart);
      const lastSentence = sentenceOf(Math.max(span.outerStart, span.outerEnd - 1));
      const windowStart = first ? Math.min(first.start, span.outerStart) : 0;
      const windowEnd = lastSentence ? Math.max(lastSentence.end, span.outerEnd) : view.text.length;
      // Whether only quotes and blanks stand between the sentence start and the quote, and the
      // words right before it.
      const opensSentence = blankBetween(view.masked, windowStart, span.outerStart);
      const lead = view.masked.slice(Math.max(windowStart, span.outerStart - 40), span.outerStart);
      // A quote cut short by this one's opening mark ("PENCE: … an episode of “Shark Tank.”") is
      // read as the narration around this one.
      const prior = view.spans[spanIndex - 1];
      const around = prior?.outerEnd === span.outerStart ? view.text : view.masked;
      const closeBefore = around.slice(Math.max(0, span.outerStart - 40), span.outerStart);
      // The sentence around the quote, bounded so that a paragraph-long "sentence" stays cheap.
      const narration =
        around.slice(Math.max(windowStart, span.outerStart - NARRATION_REACH), span.outerStart) +
        view.masked.slice(span.outerStart, Math.min(windowEnd, span.outerEnd + NARRATION_REACH));
      // A title in a sentence that reports words ("Trump called her “Miss Piggy”") is a quote.
      const title =
        isTitle(inner, blankBetween(around, windowStart, span.outerStart)) &&
        !namesIt(closeBefore, view.masked.slice(span.outerEnd, span.outerEnd + 20));
      if (title || isStageDirection(inner) || isNickname(view.text, span)) continue;
      let source = pickCue(view, cues, span, windowStart, windowEnd, opensSentence || /:\s*$/u.test(lead));
      // "so-called “pass through” income": a term, whoever coined it.
      if (/\bso-called\s+$/iu.test(closeBefore)) continue;
      if (source === undefined && isTerm(inner, narration, closeBefore)) continue;
      // "PENCE: Well, look…": a transcript's speaker label opens the quoted paragraph.
      if (source === undefined && span.outerStart <= 1) source = speakerLabel(view);
      if (source === undefined && span.outerStart === 0 && !span.continued) {
        // "He said:" closes the paragraph before; the quote opens this one.
        const previous = views[view.paragraph - 2];
        if (previous && /:\s*$/u.test(previous.text))
          source = (cuesOf.get(previous.paragraph) ?? []).findLast((cue) => cue.source)?.source ?? undefined;
      }
      if (source === undefined && first) source = subjectOf(view, first, discourse);
      if (source === undefined && !span.continued && first)
        source = earlierInParagraph(view, cues, first, previousQuoteAt, previousInParagraph, discourse);
      if (source === undefined && !span.continued && (!last || last.paragraph < view.paragraph)) {
        // "Smith said Tuesday." closes the paragraph before; this one is the quote.
        const previous = views[view.paragraph - 2];
        const lastCue = (cuesOf.get(view.paragraph - 1) ?? []).findLast((cue) => cue.source);
        const lastQuote = previous?.spans[previous.spans.length - 1];
        if (lastCue?.source && (!lastQuote || lastCue.at > lastQuote.outerEnd)) source = lastCue.source;
      }
      if (source === undefined) {
        if (previousInParagraph !== undefined) source = previousInParagraph;
        else if (last && (span.continued || last.paragraph >= view.paragraph - 1)) source = last.source;
        else source = null;
      }
      previousInParagraph = source;
      previousQuoteAt = span.outerStart;
      last = { paragraph: view.paragraph, source };
      if (source) discourse.add({ paragraph: view.paragraph, at: span.outerStart, source, subject: true });
      const kind = quoteKind(
        inner,
        view.masked.slice(Math.max(0, span.outerStart - 80), span.outerStart),
        span,
      );
      quotes.push({
        text: inner,
        speaker: source?.name ?? null,
        actorId: source?.actorId ?? null,
        kind,
        paragraph: view.paragraph,
        sentence: first && lastSentence ? view.text.slice(first.start, lastSentence.end) : inner,
      });
    }
  }
  return { quotes, descriptions: discourse.descriptions };
}

/**
 * For a quote whose own sentence names no speaker ("Schiff said. “…”"): whoever the paragraph last
 * gave words to before it — the source of its latest cue, the speaker of its latest quote, or the
 * subject of the sentence before — whichever stands nearest.
 */
function earlierInParagraph(
  view: ParagraphView,
  cues: readonly Cue[],
  sentence: Sentence,
  previousQuoteAt: number,
  previousSource: Source | null | undefined,
  discourse: Discourse,
): Source | null | undefined {
  let best: { at: number; source: Source | null } | null = null;
  if (previousSource !== undefined && previousQuoteAt >= 0)
    best = { at: previousQuoteAt, source: previousSource };
  for (const cue of cues) {
    if (cue.at >= sentence.start) break;
    if (!cue.source || (best && cue.at <= best.at)) continue;
    // "…,” Mr. Obama said at the gala, where Mrs. Clinton also spoke.": a cue in a trailing
    // subordinate clause is a side remark, not who goes on speaking.
    const opening = view.masked.slice(view.masked.lastIndexOf(',', cue.at - 1) + 1, cue.at).trimStart();
    if (best && /^(?:where|when|while|whereas|although|though)\b/iu.test(opening)) continue;
    best = { at: cue.at, source: cue.source };
  }
  const before = view.sentences[firstIndex(view.sentences, (s) => s.end > sentence.start) - 1];
  if (before && (!best || before.start > best.at)) {
    const subject = subjectOf(view, before, discourse);
    if (subject) best = { at: before.start, source: subject };
  }
  return best ? best.source : undefined;
}

/** How far around a quote the narration is read for words that report or judge it. */
const NARRATION_REACH = 300;

/**
 * A word or two in quote marks that the narration uses as a term ("the notorious “carried
 * interest” loophole", "a separate “liquidating trust”") rather than as anyone's words: short,
 * in a sentence that names no speaker and reports or judges nothing.
 */
function isTerm(inner: string, sentence: string, before: string): boolean {
  const words = inner.split(/\s+/u).filter((word) => /[\p{L}\d]/u.test(word));
  if (words.length === 0 || words.length > 4) return false;
  if (/[.!?]\s/u.test(inner) || (/^\p{Lu}/u.test(inner) && words.length > 1)) return false;
  // “Honestly.”: a capitalised word closed by its own full stop is a sentence someone said.
  if (/^\p{Lu}/u.test(inner) && /[.!?]$/u.test(inner)) return false;
  if (/\bas\s+(?:an?\s+|the\s+)?[\s\u2588]*$/iu.test(before)) return false;
  // "“trial lawyers trying to get rich” and general “legal matters”": one of a list of quotes.
  if (/\u2588[,\s]*(?:and|or)\s+(?:\p{L}+\s+){0,2}$/u.test(before)) return false;
  return !reportsWords(sentence);
}

/** True when a sentence's narration (quotes masked) has a verb or noun that reports or judges words. */
function reportsWords(sentence: string): boolean {
  const narration = sentence.replaceAll(MASK, ' ').match(/\p{L}+/gu) ?? [];
  // A capitalised word inside the sentence is a name ("The Post sent …").
  return narration.some((word, i) => {
    if (i > 0 && /^\p{Lu}/u.test(word)) return false;
    const lower = word.toLowerCase();
    return REPORTING_WORDS.has(lower) || SPEECH_VERBS.has(lower);
  });
}

/**
 * True when the words before a capitalised quote give it as someone's words or name for a thing
 * ("called her “Miss Piggy”", "hailed Trump as “The Comeback Kid”", "added the words, “Hillary
 * Clinton.”"), rather than naming a show or a book ("on “Face the Nation”").
 */
function namesIt(before: string, after: string): boolean {
  // "as “The Wall Street Journal” wrote": the title names who speaks.
  const next = /^[\s,]*(\p{L}+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
  if (SPEECH_VERBS.has(next) || next === 'put') return false;
  const words =
    before
      .replaceAll(MASK, ' ')
      .toLowerCase()
      .match(/[\p{L}'’-]+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 5); i--) {
    const word = words[i] ?? '';
    // "added the words, “Hillary Clinton.”", but not "the music and words of “American Pie”".
    if (word === 'words') return i === words.length - 1;
    if (NAMING_WORDS.has(word)) return true;
    if (PREPOSITIONS.has(word) && word !== 'of') return false;
  }
  return false;
}

/** A nickname inside a name: Robert C. “Bobby” Scott. */
function isNickname(text: string, span: QuoteSpan): boolean {
  const inner = text.slice(span.start, span.end);
  if (!/^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?$/u.test(inner)) return false;
  return (
    /\p{Lu}[\p{L}.]*\s+$/u.test(text.slice(Math.max(0, span.outerStart - 20), span.outerStart)) &&
    /^\s+\p{Lu}/u.test(text.slice(span.outerEnd, span.outerEnd + 3))
  );
}

/** A transcript's stage direction in quote marks ("(CROSSTALK.)", "[Applause]"): no one's words. */
function isStageDirection(inner: string): boolean {
  return /^(?:\([^()]*\)|\[[^[\]]*\])[.,]?$/u.test(inner);
}

/** A title or name in quote marks (“Shark Tank”, “Cold War”) rather than someone's words. */
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

/** Chooses the cue that attributes a quote, or undefined when its sentence names none. */
function pickCue(
  view: ParagraphView,
  cues: readonly Cue[],
  span: QuoteSpan,
  windowStart: number,
  windowEnd: number,
  startsSentence: boolean,
): Source | null | undefined {
  // Cues are in text order: the nearest one before the quote and the first one after it.
  const firstAfter = firstIndex(cues, (cue) => cue.at >= span.outerEnd);
  let nearestBefore: Cue | undefined;
  for (let i = firstAfter - 1; i >= 0; i--) {
    const cue = cues[i];
    if (!cue || cue.at < windowStart) break;
    if (cue.end > span.outerStart || !cue.source) continue;
    // "She says Trump’s tweets accusing X of … are “lies”": a participle inside the subject of a
    // clause whose own verb comes before the quote does not attribute it.
    const participle =
      /ing$/u.test(view.text.slice(cue.at, cue.end)) &&
      /\b(?:is|are|was|were)\b/u.test(view.masked.slice(cue.end, span.outerStart));
    if (participle) continue;
    nearestBefore = cue;
    break;
  }
  // After the quote: the first cue, as long as only quotes and blanks or a clause stand between.
  let after: Cue | undefined;
  for (let i = firstAfter; i < cues.length; i++) {
    const cue = cues[i];
    if (!cue || cue.at < span.outerEnd || !cue.source) continue;
    // Titles and initials ("state Del. Marcia Price", "Robert C. Scott") end no sentence.
    const between = view.masked
      .slice(span.outerEnd, cue.at)
      .replace(/\b(\p{L}+)\.(?=\s)/gu, (abbreviation, word: string) =>
        /^\p{Lu}$/u.test(word) || (/^\p{Lu}/u.test(word) && NAME_ABBREVIATIONS.has(word.toLowerCase()))
          ? ''
          : abbreviation,
      );
    if (cue.at <= windowEnd || !/[.!?]/u.test(between.replaceAll(MASK, ''))) after = cue;
    break;
  }

  // "“…” ― Carla Sanchez": a vox-pop or epigraph signed with a dash.
  const signed = /^[\s.]*[―—–]\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})/u.exec(
    view.text.slice(span.outerEnd, span.outerEnd + 120),
  );
  if (signed?.[1]) {
    const at = span.outerEnd + (signed[0].length - signed[1].length);
    const mention = view.mentions.find((m) => m.start === at);
    if (mention) {
      const member = view.cast.byId.get(mention.actorId);
      if (member) return fromMember(member);
    }
    return { name: signed[1].replace(/\.$/u, ''), actorId: null, kind: 'person', gender: null, head: null };
  }
  // "including the former candidate Mitt Romney -- “…” --": a name set off by a dash before the quote.
  const dash = /\s*(?:--|[—–])\s*$/u.exec(
    view.masked.slice(Math.max(0, span.outerStart - 12), span.outerStart),
  );
  const dashed = dash ? mentionEndingAt(view, span.outerStart - dash[0].length) : null;
  if (dashed && !inObjectPosition(view, dashed)) {
    const member = view.cast.byId.get(dashed.actorId);
    if (member?.kind === 'person') return fromMember(member);
  }
  if (startsSentence && after) return after.source;
  if (nearestBefore) return nearestBefore.source;
  if (after && after.at <= windowEnd) return after.source;
  if (after && startsSentence) return after.source;
  return undefined;
}

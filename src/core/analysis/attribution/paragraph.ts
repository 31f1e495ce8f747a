import type { Cast, Mention } from '../actors.ts';
import { ROLE_NOUNS, SOURCE_NOUNS, STATEMENT_NOUNS } from '../lexicon.ts';
import type { QuoteSpan } from '../quote-spans.ts';
import type { Sentence } from '../types.ts';
import { isFillerWord, SPEAKER_NOUNS } from './words.ts';

/** Stands in for every character of a quote in the masked narration, so cues are read outside quotes. */
export const MASK = '\u2588';

/** A word of a paragraph with its offsets. */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** The context one paragraph gives the attribution stages. */
export interface ParagraphView {
  cast: Cast;
  /** 1-based paragraph. */
  paragraph: number;
  text: string;
  /** The text with every quote (marks included) replaced by {@link MASK}: the narration. */
  masked: string;
  /** The words of the narration. */
  words: Word[];
  mentions: Mention[];
  spans: QuoteSpan[];
  sentences: Sentence[];
  /** Where runs of blanks and masked quotes start in the narration, read as the quotes go by. */
  blanks: BlankRuns;
}

/**
 * Answers "where does the run of blanks and masked quotes that ends at `to` start" for offsets
 * asked in increasing order, scanning each character once over all questions (a paragraph of
 * thousands of back-to-back quotes stays linear).
 */
export class BlankRuns {
  private askedUpTo = 0;
  private runStart = 0;

  constructor(private readonly text: string) {}

  /** The start of the blank run ending at `to` (`to` itself when the character before is no blank). */
  startBefore(to: number): number {
    if (to < this.askedUpTo) return scanBack(this.text, to);
    let i = to;
    while (i > this.askedUpTo && isBlank(this.text[i - 1])) i--;
    const start = i > this.askedUpTo ? i : this.runStart;
    this.askedUpTo = to;
    this.runStart = start;
    return start;
  }
}

function isBlank(char: string | undefined): boolean {
  return char === MASK || (char !== undefined && /\s/u.test(char));
}

function scanBack(text: string, to: number): number {
  let i = to;
  while (i > 0 && isBlank(text[i - 1])) i--;
  return i;
}

const WORD = /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*\.?/gu;
const KEPT_STOP = /^(?:\p{Lu}\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr)\.$/u;

/** The words of a text; a full stop stays only on initials and abbreviated titles. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    if (word.endsWith('.') && !KEPT_STOP.test(word)) word = word.slice(0, -1);
    words.push({ text: word, lower: word.toLowerCase(), start: match.index, end: match.index + word.length });
  }
  return words;
}

/** The paragraph with each quote span (marks included) masked out. */
export function masked(text: string, spans: readonly QuoteSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.outerStart) + MASK.repeat(span.outerEnd - span.outerStart);
    at = span.outerEnd;
  }
  return out + text.slice(at);
}

/** The views of all paragraphs: each with its own quotes, mentions and sentences. */
export function paragraphViews(
  paragraphs: readonly string[],
  sentences: readonly Sentence[],
  cast: Cast,
  spans: readonly QuoteSpan[],
): ParagraphView[] {
  const views = paragraphs.map((text, index): ParagraphView => {
    return {
      cast,
      paragraph: index + 1,
      text,
      masked: text,
      words: [],
      mentions: [],
      spans: [],
      sentences: [],
      blanks: new BlankRuns(''),
    };
  });
  // One pass over each list keeps this linear in the number of paragraphs.
  for (const span of spans) views[span.paragraph - 1]?.spans.push(span);
  for (const mention of cast.mentions) views[mention.paragraph - 1]?.mentions.push(mention);
  for (const sentence of sentences) views[sentence.paragraph - 1]?.sentences.push(sentence);
  for (const view of views) {
    view.masked = masked(view.text, view.spans);
    view.words = wordsOf(view.masked);
    view.blanks = new BlankRuns(view.masked);
  }
  return views;
}

/** A noun in its singular form, by the regular English endings. */
export function singular(noun: string): string {
  if (noun === 'people') return 'person';
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  if (noun.endsWith('s') && !noun.endsWith('ss')) return noun.slice(0, -1);
  return noun;
}

/** An auxiliary or adverb that may stand between a source and its verb ("has also said", "firmly told"). */
export function isFiller(word: Word | undefined): boolean {
  return word !== undefined && isFillerWord(word.text);
}

/** True for a noun that names an unnamed source itself: "official", "sources", "a man", "the newspaper". */
export function isSpeakerNoun(lower: string): boolean {
  const noun = singular(lower);
  return SOURCE_NOUNS.has(lower) || SOURCE_NOUNS.has(noun) || SPEAKER_NOUNS.has(noun);
}

/** True for a noun that can head a described source: "official", "statement", "spokesman". */
export function isSourceNoun(lower: string): boolean {
  const noun = singular(lower);
  return isSpeakerNoun(lower) || STATEMENT_NOUNS.has(lower) || ROLE_NOUNS.has(lower) || ROLE_NOUNS.has(noun);
}

/** How far back {@link blankBetween} looks. */
const BLANK_REACH = 2000;

/**
 * True when only blanks and masked quotes stand in `text` from `from` up to `to`, read backwards
 * from `to` over at most a few thousand characters (a run of back-to-back quotes that long counts
 * as blank).
 */
export function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= Math.max(from, to - BLANK_REACH); i--) {
    const char = text[i] ?? ' ';
    if (char !== MASK && !/\s/u.test(char)) return false;
  }
  return true;
}

/** Binary search: the first index whose item passes `test` (false before it, true from it on), or the length. */
export function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item !== undefined && test(item)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The sentence of the paragraph holding offset `at`, found by binary search. */
export function sentenceAt(view: ParagraphView, at: number): Sentence | undefined {
  const sentence = view.sentences[firstIndex(view.sentences, (s) => s.end > at)];
  return sentence && sentence.start <= at ? sentence : undefined;
}

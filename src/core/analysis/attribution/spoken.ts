/**
 * Whether a span in quote marks is someone's words (a quote) or the narration's own use of the
 * marks (a scare-quoted word, a slogan, an excerpt no one says): a logistic model over general
 * features of the span, fitted on the PolNeAR training split by `npm run train`
 * (`quote-weights.json`). It reads only spans in English double marks (the only ones the corpus
 * counts) that the rules leave: titles, nicknames, stage directions and terms are no quote
 * whatever a corpus marks.
 */
import { err, ok, type Result } from '../../result.ts';
import type { QuoteKind } from '../types.ts';
import { type WeightsFile, weightsOf } from './model.ts';
import weightsFile from './quote-weights.json' with { type: 'json' };
import { FeatureSpace } from './templates.ts';

/** Which English double marks enclose a span (spans in single marks or other languages' marks are not classified). */
export type QuoteMark = 'curly' | 'straight' | 'doubled-single';

/** What the classifier reads about one quoted span. */
export interface SpanFacts {
  /** The words inside the marks. */
  inner: string;
  mark: QuoteMark;
  kind: QuoteKind;
  /** A cue in the span's sentence, or a signature, attributes it. */
  attributed: boolean;
  /** The narration around the span has a word that reports or judges words ("said", "called"). */
  reports: boolean;
  /** Only quotes and blanks stand before the span in its sentence. */
  opensSentence: boolean;
  /** Only punctuation and blanks stand after the span in its sentence. */
  closesSentence: boolean;
  /** Only blanks stand before the span in its paragraph. */
  opensParagraph: boolean;
  /** The narration right before the span ends with a colon. */
  afterColon: boolean;
  /** A determiner stands right before the span ("the “…”", "his “…”"). */
  afterDeterminer: boolean;
  /** The span continues a quote left open in the paragraph before. */
  continued: boolean;
  /** The span is still open at the paragraph's end. */
  unclosed: boolean;
}

const BOOL = ['no', 'yes'] as const;
const WORDS = ['1', '2', '3', '4-6', '7-12', '13+'] as const;
const ENDS = ['stop', 'comma', 'question', 'other'] as const;
const MARKS: readonly QuoteMark[] = ['curly', 'straight', 'doubled-single'];
const KINDS: readonly QuoteKind[] = ['direct', 'partial'];

/** The templates of the quote classifier's features; all are binary. */
const TEMPLATES = {
  bias: [],
  words: [WORDS],
  capitalised: [WORDS, BOOL],
  'title-case': [WORDS, BOOL],
  ends: [ENDS],
  'sentence-inside': [BOOL],
  place: [BOOL, BOOL],
  'opens-paragraph': [BOOL],
  attributed: [BOOL, WORDS],
  reports: [BOOL, WORDS],
  'attributed-reports': [BOOL, BOOL],
  kind: [KINDS],
  mark: [MARKS],
  'mark-words': [MARKS, WORDS],
  'after-colon': [BOOL],
  'after-determiner': [BOOL, WORDS],
  continued: [BOOL],
  unclosed: [BOOL],
} as const;

const SPACE = new FeatureSpace(TEMPLATES);

/** Every feature of the quote classifier, in the order of its weights. */
export const QUOTE_FEATURE_NAMES: readonly string[] = SPACE.names;

/** A run of non-blank characters. */
const WORD = /\S+/gu;
/** Lower-case words a capitalised name may hold ("Face the Nation", "Home of the Brave"). */
const MINOR_WORD = /^(?:a|an|the|of|and|or|in|on|at|to|for|by|with|from|is|are)$/u;

function yes(value: boolean): 'yes' | 'no' {
  return value ? 'yes' : 'no';
}

function wordsOf(count: number): (typeof WORDS)[number] {
  if (count <= 3) return WORDS[Math.max(0, count - 1)] ?? '1';
  if (count <= 6) return '4-6';
  return count <= 12 ? '7-12' : '13+';
}

function endOf(inner: string): (typeof ENDS)[number] {
  const last = inner.trimEnd().slice(-1);
  if (last === '.' || last === '…') return 'stop';
  if (last === ',' || last === ';' || last === ':') return 'comma';
  return last === '?' || last === '!' ? 'question' : 'other';
}

/** Counts the words of a span (runs holding a letter or digit) and tells whether every one is capitalised, as in a name. */
function readWords(inner: string): { count: number; titleCase: boolean } {
  let count = 0;
  let titleCase = true;
  for (const match of inner.matchAll(WORD)) {
    const word = match[0];
    if (!/[\p{L}\d]/u.test(word)) continue;
    // Past a dozen words the size is known and no name runs that long.
    if (++count > 12 && !titleCase) break;
    if (titleCase && !/^[\p{Lu}\d]/u.test(word) && !(count > 1 && MINOR_WORD.test(word))) titleCase = false;
  }
  return { count, titleCase: count > 0 && titleCase };
}

/** The indices (into {@link QUOTE_FEATURE_NAMES}) of one span's features. */
export function spanFeatures(facts: SpanFacts): number[] {
  const { count, titleCase } = readWords(facts.inner);
  const size = wordsOf(count);
  return [
    SPACE.index('bias'),
    SPACE.index('words', size),
    SPACE.index('capitalised', size, yes(/^[\p{Lu}\d]/u.test(facts.inner))),
    SPACE.index('title-case', size, yes(titleCase)),
    SPACE.index('ends', endOf(facts.inner)),
    SPACE.index('sentence-inside', yes(/[.!?]["'”’)]?\s+\S/u.test(facts.inner))),
    SPACE.index('place', yes(facts.opensSentence), yes(facts.closesSentence)),
    SPACE.index('opens-paragraph', yes(facts.opensParagraph)),
    SPACE.index('attributed', yes(facts.attributed), size),
    SPACE.index('reports', yes(facts.reports), size),
    SPACE.index('attributed-reports', yes(facts.attributed), yes(facts.reports)),
    SPACE.index('kind', facts.kind),
    SPACE.index('mark', facts.mark),
    SPACE.index('mark-words', facts.mark, size),
    SPACE.index('after-colon', yes(facts.afterColon)),
    SPACE.index('after-determiner', yes(facts.afterDeterminer), size),
    SPACE.index('continued', yes(facts.continued)),
    SPACE.index('unclosed', yes(facts.unclosed)),
  ];
}

/** The committed weights file of the quote classifier. */
export type QuoteWeightsFile = WeightsFile<'quote-logistic'>;

/** A logistic model over span features: a span is a quote when its score is not below zero. */
export class QuoteModel {
  constructor(readonly weights: Float64Array) {}

  /** The log-odds that the span is someone's words. */
  score(features: readonly number[]): number {
    let total = 0;
    for (const index of features) total += this.weights[index] ?? 0;
    return total;
  }

  /** True when the span is read as a quote (all-zero weights keep every span). */
  keeps(features: readonly number[]): boolean {
    return this.score(features) >= 0;
  }
}

/** Reads a quote weights file, checking that its features are exactly the ones the code computes. */
export function quoteModelOf(file: unknown): Result<QuoteModel, string> {
  const weights = weightsOf(file, 'quote-logistic', QUOTE_FEATURE_NAMES);
  return weights.ok ? ok(new QuoteModel(weights.value)) : err(weights.error);
}

/** Thrown at start-up when the committed quote weights do not fit the feature code: a build defect. */
export class QuoteModelError extends Error {
  readonly code = 'QUOTE_MODEL_INVALID';
}

let committed: QuoteModel | null = null;

/** The quote classifier fitted on the PolNeAR training split (`quote-weights.json`), read once on first use. */
export function committedQuoteModel(): QuoteModel {
  if (committed) return committed;
  const model = quoteModelOf(weightsFile);
  if (!model.ok) throw new QuoteModelError(`quote-weights.json: ${model.error}; run npm run train`);
  committed = model.value;
  return committed;
}

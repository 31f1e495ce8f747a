import type { QuoteSpan } from '../quote-spans.ts';
import type { Sentence } from '../types.ts';
import { firstIndex, type ParagraphView } from './paragraph.ts';

/** Where a quote stands: its sentences, the window around it, and how it opens. */
export interface QuoteContext {
  view: ParagraphView;
  span: QuoteSpan;
  /** Index of the span among its paragraph's spans. */
  index: number;
  /** The words inside the quote marks. */
  inner: string;
  /** The first and last sentence the quote stands in. */
  first: Sentence | undefined;
  last: Sentence | undefined;
  /** The sentences' extent, widened to the quote's marks. */
  windowStart: number;
  windowEnd: number;
  /** Only quotes and blanks stand between the sentence's start and the quote. */
  opensSentence: boolean;
  /** The narration right before the quote ends with a colon ("X said: “…”"). */
  afterColon: boolean;
  /** The narration before the quote, with a quote cut short by this one read as text. */
  closeBefore: string;
  /** The paragraph's text, or its narration when the quote before ran into this one. */
  around: string;
}

/** How far around a quote the narration is read for words that report or judge it. */
export const NARRATION_REACH = 300;
/** How many characters before a quote its lead is read. */
const LEAD_REACH = 40;

/** The sentence holding an offset, else the next one, else the last (sentences are in order). */
function sentenceOf(view: ParagraphView, offset: number): Sentence | undefined {
  const holding = view.sentences[firstIndex(view.sentences, (s) => s.end > offset)];
  if (holding && holding.start <= offset) return holding;
  return (
    view.sentences[firstIndex(view.sentences, (s) => s.end >= offset)] ??
    view.sentences[view.sentences.length - 1]
  );
}

/** Reads where the quote `span` (the `index`-th of its paragraph) stands. */
export function quoteContext(view: ParagraphView, span: QuoteSpan, index: number): QuoteContext {
  const first = sentenceOf(view, span.outerStart);
  const last = sentenceOf(view, Math.max(span.outerStart, span.outerEnd - 1));
  const windowStart = first ? Math.min(first.start, span.outerStart) : 0;
  const windowEnd = last ? Math.max(last.end, span.outerEnd) : view.text.length;
  const lead = view.masked.slice(Math.max(windowStart, span.outerStart - LEAD_REACH), span.outerStart);
  // A quote cut short by this one's opening mark ("GARBER: … an episode of “Dragon Island.”") is
  // read as the narration around this one.
  const prior = view.spans[index - 1];
  const around = prior?.outerEnd === span.outerStart ? view.text : view.masked;
  return {
    view,
    span,
    index,
    inner: view.text.slice(span.start, span.end),
    first,
    last,
    windowStart,
    windowEnd,
    opensSentence: view.blanks.startBefore(span.outerStart) <= windowStart,
    afterColon: /:\s*$/u.test(lead),
    closeBefore: around.slice(Math.max(0, span.outerStart - LEAD_REACH), span.outerStart),
    around,
  };
}

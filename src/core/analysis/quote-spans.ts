/** Where a run of quoted words stands in a paragraph. */
export interface QuoteSpan {
  /** 1-based paragraph. */
  paragraph: number;
  /** Offsets of the quoted words (marks excluded, surrounding blanks trimmed) in the paragraph. */
  start: number;
  end: number;
  /** Offsets of the span including its marks (an unclosed quote runs to the paragraph's end). */
  outerStart: number;
  outerEnd: number;
  /** True when the span continues a quote left open at the end of the previous paragraph. */
  continued: boolean;
  /** True when the quote is still open at the end of the paragraph. */
  unclosed: boolean;
}

const LETTER = /[\p{L}\p{N}]/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013/-]/u;
const CLOSING_CONTEXT = /[\s.,;:!?)\]}\u2014\u2013/-]/u;

type Direction = 'open' | 'close' | 'either';
type Family = 'straight' | 'curly';

function isLetter(char: string | undefined): boolean {
  return char !== undefined && LETTER.test(char);
}

/** Reads which way a quote mark faces from the characters around it. */
function direction(before: string | undefined, after: string | undefined): Direction {
  const canOpen =
    (before === undefined || OPENING_CONTEXT.test(before)) && after !== undefined && !/\s/.test(after);
  const canClose =
    (after === undefined || CLOSING_CONTEXT.test(after)) && before !== undefined && !/\s/.test(before);
  if (canOpen && !canClose) return 'open';
  if (canClose && !canOpen) return 'close';
  return 'either';
}

function trimmedSpan(
  text: string,
  paragraph: number,
  inner: [number, number],
  outer: [number, number],
  flags: { continued: boolean; unclosed: boolean },
): QuoteSpan | null {
  let [start, end] = inner;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (!LETTER.test(text.slice(start, end))) return null;
  return { paragraph, start, end, outerStart: outer[0], outerEnd: outer[1], ...flags };
}

/** Where the next mark of `family` at or after `from` stands (a closing one for curly marks), or -1. */
function nextMark(text: string, from: number, family: Family, closing: boolean): number {
  const found =
    family === 'straight'
      ? [text.indexOf('"', from), text.indexOf("''", from)]
      : closing
        ? [text.indexOf('\u201d', from)]
        : [text.indexOf('\u201c', from), text.indexOf('\u201d', from), text.indexOf('\u201e', from)];
  const at = found.filter((index) => index >= 0);
  return at.length === 0 ? -1 : Math.min(...at);
}

/** True when a quote of family `inner` opened at `from` closes and a mark of `outer` follows it. */
function closesLater(text: string, from: number, inner: Family, outer: Family): boolean {
  const closing = nextMark(text, from, inner, true);
  return closing >= 0 && nextMark(text, closing + 1, outer, false) >= 0;
}

/** True when two closing curly marks follow `from` before any opening one: a nested quote. */
function closesTwice(text: string, from: number): boolean {
  const first = text.indexOf('\u201d', from);
  if (first < 0) return false;
  const second = text.indexOf('\u201d', first + 1);
  const reopen = text.indexOf('\u201c', from);
  return second > 0 && (reopen < 0 || reopen > second);
}

/**
 * Finds every span in double quote marks (“…”, "…", ''…'') and top-level single-quoted span (‘…’)
 * of each paragraph. A quote left open at a paragraph's end runs to that end, and the next paragraph
 * (which by news convention re-opens it) is marked as its continuation.
 */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carried = false;
  paragraphs.forEach((text, index) => {
    const paragraph = index + 1;
    const found: QuoteSpan[] = [];
    let openAt = -1;
    let openMark = -1;
    let sawMark = false;
    let singleOpenAt = -1;
    let singleMark = -1;
    let continued = false;
    // The family of the open quote's mark, and of a quote nested in it ("… calls it “hell” …").
    let openFamily: Family | null = null;
    let nested: Family | null = null;
    // Where a double closing mark stood with no quote open: the paragraph began inside a quote.
    let strayClose = -1;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      let width = 0;
      let glyph: Direction | null = null;
      if (char === '\u201c' || char === '\u201e') {
        width = 1;
        glyph = 'open';
      } else if (char === '\u201d') {
        width = 1;
        glyph = 'close';
      } else if (char === '"') {
        width = 1;
        glyph = 'either';
      } else if (char === "'" && text[i + 1] === "'") {
        // Two apostrophes stand for a double quote mark in some wire and archive text (''Yes,'' he said).
        width = 2;
        glyph = 'either';
      }
      if (width > 0 && glyph !== null) {
        const context = direction(text[i - 1], text[i + width]);
        // The glyph wins unless the context says clearly otherwise (typographers misdirect marks).
        let dir: Direction = glyph === 'either' ? context : glyph;
        if (glyph !== 'either' && context !== 'either' && context !== glyph) dir = context;
        const family: Family = char === '"' || char === "'" ? 'straight' : 'curly';
        if (nested !== null) {
          // Inside a nested quote, only its own family's closing mark counts.
          if (family === nested && (glyph === 'close' || (glyph === 'either' && context !== 'open')))
            nested = null;
          i += width - 1;
          continue;
        }
        if (
          openAt >= 0 &&
          openFamily !== null &&
          family !== openFamily &&
          dir !== 'close' &&
          closesLater(text, i + width, family, openFamily)
        ) {
          // “…” inside "…" (or the other way round): words the speaker quotes, part of the quote.
          nested = family;
          i += width - 1;
          continue;
        }
        if (dir === 'either') dir = openAt >= 0 ? 'close' : 'open';
        if (dir === 'open' && openAt < 0 && text[i - 1] === '=') {
          // A markup attribute (pic="…") left in the text, not a quote: skip to its closing mark.
          const close = text.indexOf(char ?? '"', i + 1);
          i = close < 0 ? i : close;
          continue;
        }
        if (dir === 'close' && openAt < 0 && (sawMark || !carried)) strayClose = i;
        if (dir === 'open' && openAt < 0) {
          openAt = i + width;
          openMark = i;
          openFamily = family;
        } else if (dir === 'close' && openAt >= 0) {
          const span = trimmedSpan(text, paragraph, [openAt, i], [openMark, i + width], {
            continued: false,
            unclosed: false,
          });
          if (span) found.push(span);
          openAt = -1;
        } else if (dir === 'close' && !sawMark && carried) {
          // A paragraph that goes on with the previous one's open quote without re-opening it.
          const span = trimmedSpan(text, paragraph, [0, i], [0, i + width], {
            continued: true,
            unclosed: false,
          });
          if (span) found.push(span);
        } else if (dir === 'open' && openAt >= 0 && char === '\u201c' && closesTwice(text, i + 1)) {
          // “… what he calls “hell” than …”: a quote inside a quote, closed before the outer one.
          nested = 'curly';
        } else if (dir === 'open' && openAt >= 0) {
          // Two opening marks in a row: the first quote was never closed; close it here.
          const span = trimmedSpan(text, paragraph, [openAt, i], [openMark, i], {
            continued: false,
            unclosed: false,
          });
          if (span) found.push(span);
          openAt = i + width;
          openMark = i;
        }
        if (!sawMark && dir === 'open' && i === 0 && carried) continued = true;
        sawMark = true;
        i += width - 1;
        continue;
      }
      if (openAt >= 0) continue;
      if (char === '\u2018' && !isLetter(text[i - 1]) && singleOpenAt < 0) {
        singleOpenAt = i + 1;
        singleMark = i;
      } else if ((char === '\u2019' || char === "'") && singleOpenAt >= 0 && !isLetter(text[i + 1])) {
        if (!/\s/.test(text[i - 1] ?? ' ')) {
          const span = trimmedSpan(text, paragraph, [singleOpenAt, i], [singleMark, i + 1], {
            continued: false,
            unclosed: false,
          });
          if (span) found.push(span);
          singleOpenAt = -1;
        }
      }
    }
    if (openAt >= 0) {
      const span = trimmedSpan(text, paragraph, [openAt, text.length], [openMark, text.length], {
        continued: false,
        unclosed: true,
      });
      if (span) found.push(span);
    }
    // “… calling these groups ‘Islamic terrorists,’ …,” he said: single quotes inside a quote
    // whose opening mark fell before the paragraph are words the speaker quotes.
    if (strayClose >= 0) {
      const kept = found.filter(
        (span) => !(text[span.outerStart] === '\u2018' && span.outerEnd <= strayClose),
      );
      found.length = 0;
      found.push(...kept);
    }
    const first = found[0];
    if (first && continued && first.outerStart === 0) first.continued = true;
    carried = openAt >= 0;
    spans.push(...found);
  });
  return spans;
}

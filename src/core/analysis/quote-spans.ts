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
/** English double marks: straight ("…", ''…'') or curly (“…”, „…“). */
type Family = 'straight' | 'curly';

/**
 * Quote marks whose direction the glyph alone tells (French and German «…» and »…«, Japanese
 * 「…」 and 『…』), each with the mark that closes it. Inside one of them, every other mark is text.
 */
const PAIRED: ReadonlyMap<string, string> = new Map([
  ['\u00ab', '\u00bb'],
  ['\u00bb', '\u00ab'],
  ['\u300c', '\u300d'],
  ['\u300e', '\u300f'],
]);
/** Closing marks of {@link PAIRED} pairs that open nothing when they stand alone. */
const PAIRED_CLOSERS = new Set(['\u300d', '\u300f']);

/** Every character that can be (part of) a quote mark: the reader looks at nothing else. */
const MARK = '["\'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f]';

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

/**
 * Where each kind of English double mark stands in a paragraph, so that "the next closing mark
 * after here" is a binary search rather than a scan to the paragraph's end (which made a paragraph
 * of many unclosed marks quadratic). Built only when a paragraph needs it.
 */
class MarkIndex {
  private readonly positions = new Map<string, number[]>();

  constructor(text: string) {
    for (const mark of ['"', "''", '\u201c', '\u201d', '\u201e']) this.positions.set(mark, []);
    for (let i = 0; i < text.length; i++) {
      const char = text[i] ?? '';
      if (char === "'") {
        if (text[i + 1] === "'") this.positions.get("''")?.push(i);
      } else this.positions.get(char)?.push(i);
    }
  }

  /** The first position at or after `from` of any of `marks`, or -1. */
  next(marks: readonly string[], from: number): number {
    let found = -1;
    for (const mark of marks) {
      const list = this.positions.get(mark) ?? [];
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((list[middle] ?? 0) < from) low = middle + 1;
        else high = middle;
      }
      const at = list[low];
      if (at !== undefined && (found < 0 || at < found)) found = at;
    }
    return found;
  }
}

/** The marks of a family that a search for its next mark looks for (only the closing one of curly marks). */
function marksOf(family: Family, closing: boolean): readonly string[] {
  if (family === 'straight') return ['"', "''"];
  return closing ? ['\u201d'] : ['\u201c', '\u201d', '\u201e'];
}

/** Reads the quoted spans of one paragraph, given whether the paragraph before left a quote open. */
class ParagraphReader {
  readonly found: QuoteSpan[] = [];
  /** Where the open quote's words start, and where its mark stands (-1: none open). */
  openAt = -1;
  openMark = -1;
  /** The family of the open quote's mark, and of a quote nested in it ("… calls it “a mess” …"). */
  openFamily: Family | null = null;
  /** The mark that closes an open {@link PAIRED} quote («…», 「…」), if one is open. */
  pairedCloser: string | null = null;
  nested: Family | null = null;
  sawMark = false;
  continued = false;
  /** Where a double closing mark stood with no quote open: the paragraph began inside a quote. */
  strayClose = -1;
  singleOpenAt = -1;
  singleMark = -1;
  private index: MarkIndex | null = null;

  constructor(
    readonly text: string,
    readonly paragraph: number,
    readonly carried: boolean,
  ) {}

  private guillemet = -2;

  /** Where the paragraph's last « stands (-1: nowhere). */
  private lastGuillemet(): number {
    if (this.guillemet === -2) this.guillemet = this.text.lastIndexOf('\u00ab');
    return this.guillemet;
  }

  private marks(): MarkIndex {
    this.index ??= new MarkIndex(this.text);
    return this.index;
  }

  /** True when a quote of family `inner` opened at `from` closes and a mark of `outer` follows it. */
  closesLater(from: number, inner: Family, outer: Family): boolean {
    const closing = this.marks().next(marksOf(inner, true), from);
    return closing >= 0 && this.marks().next(marksOf(outer, false), closing + 1) >= 0;
  }

  /** True when two closing curly marks follow `from` before any opening one: a nested quote. */
  closesTwice(from: number): boolean {
    const first = this.marks().next(['\u201d'], from);
    if (first < 0) return false;
    const second = this.marks().next(['\u201d'], first + 1);
    const reopen = this.marks().next(['\u201c'], from);
    return second > 0 && (reopen < 0 || reopen > second);
  }

  push(
    inner: [number, number],
    outer: [number, number],
    flags: { continued: boolean; unclosed: boolean },
  ): void {
    const span = trimmedSpan(this.text, this.paragraph, inner, outer, flags);
    if (span) this.found.push(span);
  }

  /** Reads a «…» or 「…」 mark at `i`; returns true when it was one. */
  paired(char: string, i: number): boolean {
    if (this.pairedCloser !== null) {
      if (char !== this.pairedCloser) return false;
      this.push([this.openAt, i], [this.openMark, i + 1], { continued: false, unclosed: false });
      this.openAt = -1;
      this.pairedCloser = null;
      this.sawMark = true;
      return true;
    }
    const closer = PAIRED.get(char);
    if (closer === undefined || this.openAt >= 0 || PAIRED_CLOSERS.has(char)) return PAIRED_CLOSERS.has(char);
    // »…« (German) opens only before a word and with its closing mark still to come; a lone »
    // is an arrow ("News » Politics").
    if (char === '\u00bb' && (!isLetter(this.text[i + 1]) || this.lastGuillemet() <= i)) return true;
    if (!this.sawMark && i === 0 && this.carried) this.continued = true;
    this.openAt = i + 1;
    this.openMark = i;
    this.pairedCloser = closer;
    this.openFamily = null;
    this.sawMark = true;
    return true;
  }

  /** Reads an English double mark (“ ” „ " or '') at `i` of `width` characters. */
  double(char: string, i: number, width: number, glyph: Direction): number {
    const { text } = this;
    const context = direction(text[i - 1], text[i + width]);
    // The glyph wins unless the context says clearly otherwise (typographers misdirect marks).
    let dir: Direction = glyph === 'either' ? context : glyph;
    if (glyph !== 'either' && context !== 'either' && context !== glyph) dir = context;
    // „…“: the German low mark is closed by a high one.
    if (char === '\u201c' && this.openAt >= 0 && text[this.openMark] === '\u201e') dir = 'close';
    const family: Family = char === '"' || char === "'" ? 'straight' : 'curly';
    if (this.nested !== null) {
      // Inside a nested quote, only its own family's closing mark counts.
      if (family === this.nested && (glyph === 'close' || (glyph === 'either' && context !== 'open')))
        this.nested = null;
      return i + width - 1;
    }
    if (
      this.openAt >= 0 &&
      this.openFamily !== null &&
      family !== this.openFamily &&
      dir !== 'close' &&
      this.closesLater(i + width, family, this.openFamily)
    ) {
      // “…” inside "…" (or the other way round): words the speaker quotes, part of the quote.
      this.nested = family;
      return i + width - 1;
    }
    if (dir === 'either') dir = this.openAt >= 0 ? 'close' : 'open';
    if (dir === 'open' && this.openAt < 0 && text[i - 1] === '=') {
      // A markup attribute (pic="…") left in the text, not a quote: skip to its closing mark.
      const close = text.indexOf(char, i + 1);
      return close < 0 ? i : close;
    }
    this.turn(dir, char, i, width, family);
    if (!this.sawMark && dir === 'open' && i === 0 && this.carried) this.continued = true;
    this.sawMark = true;
    return i + width - 1;
  }

  /** Opens or closes a double quote at `i`, once its direction is known. */
  private turn(dir: Direction, char: string, i: number, width: number, family: Family): void {
    if (dir === 'close' && this.openAt < 0 && (this.sawMark || !this.carried)) this.strayClose = i;
    if (dir === 'open' && this.openAt < 0) {
      this.openAt = i + width;
      this.openMark = i;
      this.openFamily = family;
    } else if (dir === 'close' && this.openAt >= 0) {
      this.push([this.openAt, i], [this.openMark, i + width], { continued: false, unclosed: false });
      this.openAt = -1;
    } else if (dir === 'close' && !this.sawMark && this.carried) {
      // A paragraph that goes on with the previous one's open quote without re-opening it.
      this.push([0, i], [0, i + width], { continued: true, unclosed: false });
    } else if (dir === 'open' && this.openAt >= 0 && char === '\u201c' && this.closesTwice(i + 1)) {
      // “… what she calls “a mess” rather than …”: a quote inside a quote, closed before the outer one.
      this.nested = 'curly';
    } else if (dir === 'open' && this.openAt >= 0) {
      // Two opening marks in a row: the first quote was never closed; close it here.
      this.push([this.openAt, i], [this.openMark, i], { continued: false, unclosed: false });
      this.openAt = i + width;
      this.openMark = i;
    }
  }

  /** Reads a single mark (‘ ’ ' or the German low ‚) outside any double quote. */
  single(char: string, i: number): void {
    const { text } = this;
    if ((char === '\u2018' || char === '\u201a') && !isLetter(text[i - 1]) && this.singleOpenAt < 0) {
      this.singleOpenAt = i + 1;
      this.singleMark = i;
      return;
    }
    // ‚…‘: the German low single mark is closed by a high one.
    const closes =
      char === '\u2019' || char === "'" || (char === '\u2018' && text[this.singleMark] === '\u201a');
    if (!closes || this.singleOpenAt < 0 || isLetter(text[i + 1]) || /\s/.test(text[i - 1] ?? ' ')) return;
    this.push([this.singleOpenAt, i], [this.singleMark, i + 1], { continued: false, unclosed: false });
    this.singleOpenAt = -1;
  }

  /** Closes what is still open at the paragraph's end and drops single quotes under a stray closing mark. */
  finish(): QuoteSpan[] {
    const { text, found } = this;
    if (this.openAt >= 0)
      this.push([this.openAt, text.length], [this.openMark, text.length], {
        continued: false,
        unclosed: true,
      });
    // “… calling them ‘lost causes,’ …,” he said: single quotes inside a quote
    // whose opening mark fell before the paragraph are words the speaker quotes.
    const spans =
      this.strayClose < 0
        ? found
        : found.filter((span) => !(text[span.outerStart] === '\u2018' && span.outerEnd <= this.strayClose));
    const first = spans[0];
    if (first && this.continued && first.outerStart === 0) first.continued = true;
    return spans;
  }
}

/** The glyph direction and width of an English double mark at `i`, or null when there is none. */
function doubleMark(text: string, i: number): { glyph: Direction; width: number } | null {
  const char = text[i];
  if (char === '\u201c' || char === '\u201e') return { glyph: 'open', width: 1 };
  if (char === '\u201d') return { glyph: 'close', width: 1 };
  if (char === '"') return { glyph: 'either', width: 1 };
  // Two apostrophes stand for a double quote mark in some wire and archive text (''Yes,'' he said).
  if (char === "'" && text[i + 1] === "'") return { glyph: 'either', width: 2 };
  return null;
}

/** Reads one paragraph's spans; `carried` says the paragraph before left a quote open. */
function paragraphSpans(
  text: string,
  paragraph: number,
  carried: boolean,
): { spans: QuoteSpan[]; open: boolean } {
  const reader = new ParagraphReader(text, paragraph, carried);
  const marks = new RegExp(MARK, 'gu');
  for (let found = marks.exec(text); found !== null; found = marks.exec(text)) {
    let i = found.index;
    const char = found[0];
    if (reader.paired(char, i)) continue;
    if (reader.pairedCloser !== null) continue;
    const mark = doubleMark(text, i);
    if (mark) {
      i = reader.double(char, i, mark.width, mark.glyph);
      marks.lastIndex = i + 1;
      continue;
    }
    if (reader.openAt < 0) reader.single(char, i);
  }
  return { spans: reader.finish(), open: reader.openAt >= 0 };
}

/**
 * Finds every span in double quote marks (“…”, „…“, "…", ''…'', «…», »…«, 「…」, 『…』) and every
 * top-level single-quoted span (‘…’, ‚…‘) of each paragraph. A quote left open at a paragraph's end
 * runs to that end, and the next paragraph (which by news convention re-opens it) is marked as its
 * continuation. Linear in the length of the text.
 */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carried = false;
  paragraphs.forEach((text, index) => {
    const read = paragraphSpans(text, index + 1, carried);
    carried = read.open;
    // One push per span: spreading a paragraph of 100,000 spans into push() overflows the stack.
    for (const span of read.spans) spans.push(span);
  });
  return spans;
}

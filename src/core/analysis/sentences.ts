import type { Sentence } from './types.ts';

/*
 * Sentence splitting as one left-to-right scan per paragraph (no regex backtracking).
 * A boundary is a run of terminal marks (. ? ! …, with closing quotes and brackets after it)
 * followed by whitespace and something that can open a sentence. A lone period is checked
 * against the word before it, so abbreviations, initials and decimals do not end sentences.
 */

/** Abbreviations that stand before a name or number and never end a sentence ("Dr. Fauci"). */
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'gov',
  'sen',
  'sens',
  'rep',
  'reps',
  'gen',
  'gens',
  'lt',
  'col',
  'capt',
  'cmdr',
  'sgt',
  'cpl',
  'pvt',
  'adm',
  'maj',
  'prof',
  'rev',
  'hon',
  'pres',
  'supt',
  'insp',
  'det',
  'atty',
  'messrs',
  'mmes',
  'vs',
  'v',
  'e.g',
  'i.e',
  'cf',
  'fig',
  'figs',
  'mt',
  'ft',
  'gov’t',
  "gov't",
]);

/**
 * Abbreviations that may also end a sentence ("Jan. 6" / "… in Jan. The"): before a number they
 * never do; otherwise only when a typical sentence opener follows.
 */
const AMBIGUOUS = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'nos',
  'vol',
  'p',
  'pp',
  'art',
  'sec',
  'ch',
  'inc',
  'corp',
  'co',
  'ltd',
  'llc',
  'bros',
  'jr',
  'sr',
  'st',
  'ave',
  'blvd',
  'rd',
  'dept',
  'univ',
  'assn',
  'est',
  'approx',
  'etc',
  'al',
  'ca',
  'ph.d',
  'del',
]);

/** Words that typically open a sentence: after "U.S." or "p.m." they mark a boundary. */
const OPENERS = new Set(
  (
    'A An The He She It They We I You His Her Its Their Our My Your This That These Those There Here ' +
    'But And Or So Yet Nor If When While After Before As At In On For From By With Without Since ' +
    'Although Though Because Still However Meanwhile Instead Also Then Now Some Many Most Several Both ' +
    'Each All No Not None One What Who Whom Why How Where Which Whether Officials According Under Over ' +
    'During Despite Even Later Earlier Last Next Only Such Other Another Among Asked Until Unlike Like ' +
    'To Do Does Did Is Are Was Were Has Have Had Will Would Can Could Should May Might Must ' +
    'Mr Mrs Ms Dr Yes Indeed Thus Therefore Moreover Furthermore Nevertheless Otherwise Perhaps ' +
    'Since Whatever Whoever Every Few More Much Its Let'
  ).split(' '),
);

const TERMINAL_SEARCH = /[.!?…。！？]/g;
const TERMINAL = new Set(['.', '?', '!', '…', '。', '！', '？']);
/** Chinese and Japanese full stops: they end a sentence with no space after them. */
const CJK_STOPS = new Set(['。', '！', '？']);
/** Marks that close a quote or bracket and stay with the sentence they end. */
const CLOSING = new Set(['"', "'", '”', '’', ')', ']', '»', '›', '」', '』', '）']);
/** Marks that open a quote or bracket at the start of the next sentence. */
const OPENING = new Set(['"', "'", '“', '‘', '(', '[', '«', '‹']);
/** Continuation punctuation after which a "sentence" is certainly not starting. */
const CONTINUING = new Set([',', ';', ':', ')', ']', '”', '’']);

const NON_ASCII_SPACE = /\s/;
const NON_ASCII_UPPER = /\p{Lu}/u;
const NON_ASCII_LOWER = /\p{Ll}/u;
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return NON_ASCII_SPACE.test(ch);
}

function isUpper(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return NON_ASCII_UPPER.test(ch);
}

function isLower(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return NON_ASCII_LOWER.test(ch);
}

function isDigit(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function isWordChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return NON_ASCII_WORD.test(ch);
}

/** The word (letters and inner dots) that ends right before the period at `dot`. */
function wordBefore(text: string, dot: number): string {
  let from = dot;
  // Bounded look-back: abbreviations are short, so the scan stays linear.
  while (from > 0 && dot - from < 12) {
    const ch = text[from - 1] ?? ' ';
    if (ch === '.' || ch === '’' || ch === "'" || isWordChar(ch)) from--;
    else break;
  }
  // A quote mark that opens the word ("'Mr.") is not part of it.
  while (from < dot && (text[from] === "'" || text[from] === '’' || text[from] === '.')) from++;
  return text.slice(from, dot);
}

/** The word that starts at `at`, after any opening quotes or brackets. */
function wordAfter(text: string, at: number): string {
  let from = at;
  while (from < text.length && OPENING.has(text[from] ?? '')) from++;
  let to = from;
  while (to < text.length && to - from < 16 && isWordChar(text[to] ?? ' ')) to++;
  return text.slice(from, to);
}

type Run = 'strong' | 'period' | 'ellipsis';

/** Whether the period at `dot`, followed by the sentence-like start at `next`, ends a sentence. */
function periodEnds(text: string, dot: number, next: number): boolean {
  const word = wordBefore(text, dot);
  const nextChar = text[next] ?? '';
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  const opensSentence = OPENERS.has(wordAfter(text, next)) || OPENING.has(nextChar);
  // Initials ("John F. Kerry") and dotted abbreviations ("U.S.", "p.m.") end a sentence only
  // before a word that usually opens one.
  const initial = word.length === 1 && isWordChar(word) && !isDigit(word);
  // Margaret A. “Peggy” Tate: a nickname in quote marks between an initial and a surname.
  if (
    (initial || word.includes('.')) &&
    /^["“]\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}["”]\s+\p{Lu}/u.test(text.slice(next, next + 50))
  )
    return false;
  if (initial || word.includes('.')) return !isDigit(nextChar) && opensSentence;
  if (AMBIGUOUS.has(lower)) return !isDigit(nextChar) && opensSentence;
  return true;
}

/** Splits one paragraph, appending its sentences to `out`. */
function splitParagraph(text: string, paragraph: number, out: Sentence[]): void {
  const length = text.length;
  let start = 0;
  while (start < length && isSpace(text[start] ?? '')) start++;
  // Whether the current sentence has a letter or digit yet, checked up to `checked` (so each
  // character is looked at once).
  let hasWord = false;
  let checked = start;
  let i = start;
  while (i < length) {
    // . ! ? and … are the only marks that can end a sentence; jump straight to the next one.
    TERMINAL_SEARCH.lastIndex = i;
    const found = TERMINAL_SEARCH.exec(text);
    if (found === null) break;
    i = found.index;
    const ch = text[i] ?? '';
    // A period inside a token ("31.5", "U.S", "example.com") is not a boundary.
    const after = text[i + 1] ?? ' ';
    if (ch === '.' && !isSpace(after) && !TERMINAL.has(after) && !CLOSING.has(after)) {
      i++;
      continue;
    }
    const runStart = i;
    let dots = 0;
    let strong = false;
    let ellipsisChar = false;
    let cjk = false;
    let j = i;
    while (j < length) {
      const c = text[j] ?? '';
      if (CJK_STOPS.has(c)) cjk = true;
      else if (c === '.') dots++;
      else if (c === '?' || c === '!') strong = true;
      else if (c === '…') ellipsisChar = true;
      else if (CLOSING.has(c)) {
        // A closing mark belongs to the run; an apostrophe-like mark must not glue onto a word.
      } else if (
        isSpace(c) &&
        text[j - 1] === '.' &&
        text[j + 1] === '.' &&
        c !== '\n' // ". . ." written with spaces (plain, thin or no-break) is one ellipsis
      ) {
        // part of a spaced ellipsis
      } else break;
      j++;
    }
    const runEnd = j;
    i = runEnd;
    if (cjk) {
      let next = runEnd;
      while (next < length && isSpace(text[next] ?? ' ')) next++;
      if (next >= length) break;
      out.push({ index: out.length, paragraph, text: text.slice(start, runEnd), start, end: runEnd });
      start = next;
      i = next;
      hasWord = false;
      checked = next;
      continue;
    }
    if (runEnd < length && !isSpace(text[runEnd] ?? ' ')) continue;
    let next = runEnd;
    while (next < length && isSpace(text[next] ?? ' ')) next++;
    if (next >= length) break;
    while (!hasWord && checked < runStart) hasWord = isWordChar(text[checked++] ?? '');
    if (!hasWord) continue;
    const nextChar = text[next] ?? '';
    if (isLower(nextChar) || CONTINUING.has(nextChar)) continue;
    if (!isUpper(nextChar) && !isDigit(nextChar) && !OPENING.has(nextChar) && isWordChar(nextChar)) continue;
    let run: Run;
    if (strong) run = 'strong';
    else if (dots === 1 && !ellipsisChar) run = 'period';
    else if (dots >= 4 || (ellipsisChar && dots >= 1)) run = 'strong';
    else run = 'ellipsis';
    let ends: boolean;
    if (run === 'strong') ends = true;
    else if (run === 'period') ends = periodEnds(text, runStart, next);
    else ends = OPENERS.has(wordAfter(text, next)) || OPENING.has(nextChar);
    if (!ends) continue;
    out.push({ index: out.length, paragraph, text: text.slice(start, runEnd), start, end: runEnd });
    start = next;
    i = next;
    hasWord = false;
    checked = next;
  }
  let end = length;
  while (end > start && isSpace(text[end - 1] ?? '')) end--;
  if (end > start) out.push({ index: out.length, paragraph, text: text.slice(start, end), start, end });
}

/**
 * Splits an article body into sentences, numbering them over the whole article; each sentence's
 * `start`/`end` locate its verbatim text in its paragraph string.
 */
export function splitSentences(paragraphs: readonly string[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const [i, paragraph] of paragraphs.entries()) splitParagraph(paragraph, i + 1, sentences);
  return sentences;
}

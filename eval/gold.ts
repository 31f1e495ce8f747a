/**
 * The PolNeAR gold documents and the pieces of reading them that the quote scorer (`quotes.ts`) and
 * the pronoun-source reading (`pronouns.ts`) share: the documents' types, the double-quoted spans of
 * a text, the pronoun sources, content words, and a source's head word and whether it describes.
 */
import { NATIONALITIES } from '../src/core/analysis/lexicon.ts';

/** A character span of a PolNeAR annotation. */
interface GoldSpan {
  start: number;
  end: number;
  text: string;
}

/** One attribution of a PolNeAR document. */
export interface GoldAttribution {
  kind: string;
  source: GoldSpan[] | null;
  cue: GoldSpan[] | null;
  content: GoldSpan[] | null;
  has_quote_marks: boolean;
}

/** One PolNeAR document (an article as one annotator marked it up). */
export interface GoldDocument {
  id: string;
  annotator: string;
  text: string;
  attributions: GoldAttribution[];
}

export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export const PRONOUN_SOURCES = new Set([
  'he',
  'she',
  'they',
  'it',
  'i',
  'we',
  'him',
  'her',
  'who',
  'which',
  'you',
  'his',
  'their',
  'its',
  'my',
  'our',
  'them',
]);

const GENERIC = new Set([
  'the',
  'a',
  'an',
  'another',
  'of',
  'and',
  'in',
  'at',
  'for',
  'to',
  'on',
  'his',
  'her',
  'their',
  'its',
  'mr',
  'mrs',
  'ms',
  'dr',
  'said',
  'says',
  'one',
  'same',
]);

/** True when the opening mark “ at `at` stands where a closing one belongs: after a word, before a space, punctuation or the line's end. */
function misdirectedCloser(line: string, at: number): boolean {
  const before = line[at - 1];
  const after = line[at + 1];
  return before !== undefined && !/\s/u.test(before) && (after === undefined || /[\s.,;:!?)]/u.test(after));
}

/** The double-quoted spans of each line: the plain reading a regular expression gives (a misdirected “ closes). */
export function goldQuoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let open = -1;
    const marks = line.matchAll(/[“”"]|''/gu);
    for (const mark of marks) {
      const at = mark.index;
      const glyph = mark[0];
      if (open < 0 && glyph !== '”') open = at + glyph.length;
      else if (open >= 0 && (glyph !== '“' || misdirectedCloser(line, at))) {
        spans.push([lineStart + open, lineStart + at]);
        open = -1;
      }
    }
    if (open >= 0) spans.push([lineStart + open, lineStart + line.length]);
    lineStart += line.length + 1;
  }
  return spans.filter(([start, end]) => /\p{L}/u.test(text.slice(start, end)));
}

export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['’]s$/u, '');
    if (!GENERIC.has(word)) words.add(word);
  }
  return words;
}

/** The head word of a source ("official" in "a senior official of the party"). */
export function headOf(source: string): string {
  const words = source.replace(/\s+(?:of|from|at|with|for|in|on|who|that)\s.*$/u, '').match(WORD) ?? [];
  return (words[words.length - 1] ?? '').replace(/['’]s$/u, '');
}

/**
 * True when a source is a description ("the GOP nominee", "the Ohio Republican") rather than a
 * name: its head is a common noun, or a party or nationality word after "the".
 */
export function isDescription(source: string): boolean {
  const head = headOf(source);
  if (head.length === 0) return false;
  const affiliation = /^the\s/iu.test(source.trim()) && NATIONALITIES.has(head.toLowerCase());
  return affiliation || !/^\p{Lu}/u.test(head);
}

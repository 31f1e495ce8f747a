/**
 * Mentions: the names a sentence holds. Tokens, runs of capitalised words (chunks), and the
 * candidate name each chunk gives, with the titles, roles, gender and kind evidence the words
 * around it show. Identity (identity.ts) then makes actors of the candidates.
 */
import { firstIndex } from './attribution/paragraph.ts';
import { BE_FORMS, isFillerWord, PARTY_TAG } from './attribution/words.ts';
import {
  ADDRESS_TITLES,
  CALENDAR_GIVEN_NAMES,
  CLOCK_WORDS,
  COUNTRY_NAMES,
  DATE_LEADS,
  DEMONYMS,
  DESCRIPTORS,
  EVENT_WORDS,
  FEMALE_FIRST_NAMES,
  HONORIFICS,
  INVERTABLE_VERBS,
  MALE_FIRST_NAMES,
  MIXED_SEX_FIRST_NAMES,
  MULTIWORD_PLACES,
  NAME_TITLES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  ORG_ACRONYMS,
  ORG_WORDS,
  PLACE_ALIASES,
  PLACE_NAMES,
  PLACE_WORDS,
  PORTFOLIOS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SOURCE_NOUNS,
  SPEECH_VERBS,
} from './lexicon.ts';
import type { Sentence } from './types.ts';
import {
  addEvidence,
  classify,
  contextEvidence,
  type Evidence,
  type EvidentKind,
  isFirstName,
  noEvidence,
  STRONG,
  WEAK,
} from './typing.ts';

/** A word of a sentence as actor finding reads it. */
export interface Token {
  /** The word without a trailing possessive ("Biden" for "Biden’s"). */
  word: string;
  lower: string;
  start: number;
  end: number;
  capitalised: boolean;
  /** True when the word starts with a letter (not a number). */
  letter: boolean;
  /** Position in the sentence's token list. */
  index: number;
}

/** A run of capitalised words (with "of", "de" inside) that may hold a name. */
export interface Chunk {
  tokens: Token[];
  sentence: Sentence;
  /** Index of the first token in the sentence's token list. */
  at: number;
  quoted: boolean;
  /** The chunk follows a person's full name and "of" ("Ruth Okafor of Acme Freight"): where they work or live. */
  affiliation?: boolean;
}

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’\-&.][\p{L}\p{N}]+)*\.?/gu;

const ABBREVIATIONS = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'sen.',
  'rep.',
  'gov.',
  'gen.',
  'lt.',
  'col.',
  'st.',
  'jr.',
  'sr.',
  'inc.',
  'corp.',
  'co.',
  'ltd.',
  'rev.',
  'prof.',
  'capt.',
  'sgt.',
  'adm.',
  'maj.',
  'ft.',
  'mt.',
]);

const CONNECTORS = new Set([
  'of',
  'de',
  'da',
  'del',
  'della',
  'di',
  'du',
  'van',
  'von',
  'der',
  'bin',
  'al',
  'la',
  'le',
  'y',
]);

const POSSESSIVE = /['’]s$/u;

const INITIAL = /^(?:\p{Lu}\.)+$/u;

/** Compass words that join a demonym ("South Korean", "North American"). */
const COMPASS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
]);

const isCompass = (token: Token) => COMPASS.has(token.lower);

/** A word of birthplace before a name: "Korean-born", "Chicago-born". */
const BORN = /^\p{Lu}[\p{L}.]*-born$/u;

/** Lists of common nouns that, capitalised alone, name no one ("the Group", "the Department"). */
const COMMON_HEADS = [ORG_WORDS, SOURCE_NOUNS, ROLE_NOUNS, PLACE_WORDS];

/** What follows a dateline's place: a dash, a date, or an agency in brackets and a dash. */
const DATELINE_TAIL = /^\s*(?:[—–-]|\d{4}-\d{2}-\d{2}|\([\p{L} .]+\)\s*[—–-])/u;

const HONORIFIC_GENDER: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['mr.', 'male'],
  ['mr', 'male'],
  ['mrs.', 'female'],
  ['mrs', 'female'],
  ['ms.', 'female'],
  ['ms', 'female'],
  ['miss', 'female'],
  ['sir', 'male'],
  ['dame', 'female'],
  ['king', 'male'],
  ['queen', 'female'],
  ['congressman', 'male'],
  ['congresswoman', 'female'],
  ['chairman', 'male'],
  ['chairwoman', 'female'],
  ['spokesman', 'male'],
  ['spokeswoman', 'female'],
]);

const ROLE_STOP = new Set([
  'the',
  'a',
  'an',
  'by',
  'to',
  'with',
  'from',
  'in',
  'on',
  'at',
  'for',
  'as',
  'that',
  'said',
  'says',
  'told',
  'when',
  'and',
  'or',
  'but',
  'is',
  'was',
  'has',
  'had',
  'have',
  'who',
  'which',
  'his',
  'her',
  'their',
  'its',
]);

/** Words that describe a person before the name: a party or nationality, a role, a title. */
function describes(lower: string): boolean {
  return (
    NATIONALITIES.has(lower) || ROLE_NOUNS.has(lower) || NAME_TITLES.has(lower) || DESCRIPTORS.has(lower)
  );
}

/** Auxiliaries and common verbs that, right after a role noun, show a clause rather than an appositive. */
const FINITE_VERBS = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'will',
  'would',
  'can',
  'could',
  'did',
  'does',
  'do',
  'may',
  'might',
  'must',
  'should',
]);

const APPOSITIVE_END = /[,;:()—–]|(?<!\b\p{Lu})\.(?=\s|$)|\s(?:said|says|told|added|who|which|and|but)\s/u;

/** Whether a token's first character is a letter; ASCII without a regex, as this runs per token. */
function startsWithLetter(first: string): boolean {
  const code = first.charCodeAt(0);
  if (code < 128) return !(code >= 48 && code <= 57);
  return LETTER.test(first);
}

const LETTER = /^\p{L}/u;

/** The words of a sentence with their offsets; a trailing possessive is cut off ("Biden’s" gives "Biden"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let word = match[0];
    const start = match.index;
    if (word.endsWith('.')) {
      const keep = INITIAL.test(word) || ABBREVIATIONS.has(word.toLowerCase());
      if (!keep) word = word.slice(0, -1);
    }
    const last = word.charCodeAt(word.length - 1);
    // Only words ending in "s" can carry a possessive ("Biden’s").
    const base = (last === 115 || last === 83) && POSSESSIVE.test(word) ? word.slice(0, -2) : word;
    const first = base[0] ?? '';
    tokens.push({
      word: base,
      lower: base.toLowerCase(),
      start,
      end: start + base.length,
      capitalised: first !== first.toLowerCase(),
      letter: startsWithLetter(first),
      index: tokens.length,
    });
  }
  return tokens;
}

/**
 * How much a line's capitals say: prose; title case (a headline or widget line); shouted (all
 * capitals); results (teams and scores, squad lists). Only prose capitals make new unknown names.
 */
export type LineKind = 'prose' | 'title' | 'shouted' | 'results';

/** Standalone numbers a line needs to read as results ("Harbourside Rovers 2 Millbrook Athletic 1"). */
const RESULT_NUMBERS = 2;

/** What a line's capitals say: prose, title case, shouted (all capitals) or results. */
export function lineKind(tokens: readonly Token[]): LineKind {
  // One pass over the tokens: this runs for every sentence of every article.
  let words = 0;
  let upper = 0;
  let capitalised = 0;
  let titled = 0;
  let speech = false;
  let lowerSpeech = false;
  for (const token of tokens) {
    if (!token.letter) continue;
    words++;
    // Only a capitalised word can be all capitals; the test allocates, so it runs only then.
    if (token.capitalised && token.word === token.word.toUpperCase()) upper++;
    if (token.capitalised) capitalised++;
    if (token.capitalised || CONNECTORS.has(token.lower)) titled++;
    if (SPEECH_VERBS.has(token.lower)) {
      speech = true;
      if (!token.capitalised) lowerSpeech = true;
    }
  }
  const numbers = tokens.length - words;
  if (words >= 3 && upper === words) return 'shouted';
  if (numbers >= RESULT_NUMBERS && capitalised * 2 >= words && !speech) return 'results';
  // A title-case line (a headline or a widget line) has few lower-case words, and no lower-case
  // speech verb ("The New York Times reports:" is a sentence, not a headline).
  return words >= TITLE_MIN_WORDS && !lowerSpeech && titled / words > TITLE_SHARE ? 'title' : 'prose';
}

/** Words a line needs before its capitals can make it a title rather than a short sentence. */
const TITLE_MIN_WORDS = 4;

/** Share of capitalised words (connectors count) above which a line is set in title case. */
const TITLE_SHARE = 0.75;

/** Splits a sentence's tokens into runs of capitalised words (with "of", "de" inside). */
export function chunksOf(
  sentence: Sentence,
  tokens: readonly Token[],
  quotedAt: (offset: number) => boolean,
  shouted: boolean,
): Chunk[] {
  if (shouted) return shoutedChunks(sentence, tokens, quotedAt);
  const chunks: Chunk[] = [];
  let i = 0;
  /** Where the affiliation after a person's "of" starts ("of Acme", "of the Ledger"), or -1. */
  let affiliationAt = -1;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token?.capitalised) {
      i++;
      continue;
    }
    const run: Token[] = [token];
    let j = i + 1;
    let last = token;
    while (j < tokens.length && !/['’]s$/u.test(sentence.text.slice(last.start, last.end + 2))) {
      const next = tokens[j];
      if (!next) break;
      const gap = sentence.text.slice(last.end, next.start);
      // Margaret “Peggy” Okafor, J.P. “The Night Owl” Brenner: a nickname in quote marks inside a
      // name (up to three words) is left out of it.
      if (/^\s+["“]$/u.test(gap) && next.capitalised) {
        let close = j;
        while (
          close < j + 2 &&
          tokens[close + 1]?.capitalised &&
          /^\s+$/u.test(sentence.text.slice(tokens[close]?.end ?? 0, tokens[close + 1]?.start ?? 0))
        )
          close++;
        const surname = tokens[close + 1];
        if (
          surname?.capitalised &&
          /^["”]\s+$/u.test(sentence.text.slice(tokens[close]?.end ?? 0, surname.start))
        ) {
          run.push(surname);
          last = surname;
          j = close + 2;
          continue;
        }
      }
      if (!/^\s+$/u.test(gap)) break;
      if (next.capitalised) {
        run.push(next);
        last = next;
        j++;
        continue;
      }
      const after = tokens[j + 1];
      // "Ruth Okafor of Acme Freight": a person's full name ends before "of"; her employer or home
      // town is a name of its own.
      if (next.lower === 'of' && personBefore(run.filter((t) => !NAME_TITLES.has(t.lower)))) {
        const from = tokens[j + 1]?.lower === 'the' ? j + 2 : j + 1;
        // "Sen. Tomas Brenner of Montana": a home place stays in the chunk (splitTitles drops it).
        if (!isPlace(capitalisedRun(sentence, tokens, from))) {
          affiliationAt = from;
          break;
        }
      }
      if (
        CONNECTORS.has(next.lower) &&
        after?.capitalised &&
        /^\s+$/u.test(sentence.text.slice(next.end, after.start))
      ) {
        run.push(next, after);
        last = after;
        j += 2;
        continue;
      }
      break;
    }
    const quoted = quotedAt(sentence.start + token.start);
    chunks.push({ tokens: run, sentence, at: i, quoted, affiliation: i === affiliationAt });
    i = j;
  }
  return chunks;
}

/** Words of a line in capitals, one chunk each, but for known places of two or three words ("NEW YORK"). */
function shoutedChunks(
  sentence: Sentence,
  tokens: readonly Token[],
  quotedAt: (offset: number) => boolean,
): Chunk[] {
  const chunks: Chunk[] = [];
  for (let i = 0; i < tokens.length; ) {
    let size = 1;
    for (const span of [3, 2]) {
      const words = tokens.slice(i, i + span);
      if (words.length === span && MULTIWORD_PLACES.has(words.map((t) => t.lower).join(' '))) {
        size = span;
        break;
      }
    }
    const run = tokens.slice(i, i + size);
    if (run[0]?.capitalised)
      chunks.push({ tokens: run, sentence, at: i, quoted: quotedAt(sentence.start + (run[0]?.start ?? 0)) });
    i += size;
  }
  return chunks;
}

/** A candidate name read off a chunk, before aliases are merged. */
export interface Candidate {
  name: string;
  tokens: Token[];
  kind: EvidentKind | null;
  roles: string[];
  gender: 'male' | 'female' | null;
  sentence: Sentence;
  quoted: boolean;
  /** True when a title or honorific stood before the name ("President Biden", "Mr. Clarke"). */
  titled: boolean;
  /** True when a speech verb follows the name ("Okafor said"). */
  speaks: boolean;
  /** The name with its titles as written ("President Biden"), when titles stood before it. */
  titledForm: string | null;
  /** What the name and its context say about its kind. */
  evidence: Evidence;
  /** True when read from a line where capitals say little (a headline, a results line): it may name only known actors. */
  careful: boolean;
  /** The gender of the first he/she after the name, in its sentence or the next: who picks the name up (read on demand). */
  pickedUpAs: () => 'male' | 'female' | null;
  /** True when `gender` comes from the first name alone, not from a title or honorific. */
  genderByName: boolean;
  /** True for a lone title word ("King", "Bishop"): only the surname of someone already named, never an actor of its own. */
  aliasOnly: boolean;
}

/**
 * Characters of context read on either side of a name (an appositive, an age, a role in front, a
 * pronoun): enough for any of them, and bounded so a sentence without end costs linear time.
 */
const WINDOW_CHARS = 300;

/** The text of a sentence right after an offset, up to WINDOW_CHARS. */
function after(sentence: Sentence, offset: number): string {
  return sentence.text.slice(offset, offset + WINDOW_CHARS);
}

function roleText(sentence: Sentence, from: number, to: number): string {
  return sentence.text
    .slice(from, to)
    .replace(/^(?:the|a|an|The|A|An)\s+/u, '')
    .replace(/\s+(?:of|and)$/u, '')
    .trim();
}

/** Reads the lower-case role words right before a name: "climate envoy", "veteran diplomat and academic". */
function roleBefore(sentence: Sentence, tokens: readonly Token[], at: number): number | null {
  let k = at - 1;
  let leftmost: number | null = null;
  let sawRoleNoun = false;
  while (k >= 0) {
    const token = tokens[k];
    const right = tokens[k + 1];
    if (!token || !right) break;
    if (!/^\s+$/u.test(sentence.text.slice(token.end, right.start))) break;
    if (ROLE_NOUNS.has(token.lower) || (token.capitalised && NAME_TITLES.has(token.lower))) {
      sawRoleNoun = true;
      leftmost = k;
    } else if (token.lower === 'and' || token.lower === 'of') {
      const before = tokens[k - 1];
      if (!before || !(ROLE_NOUNS.has(before.lower) || before.capitalised)) break;
    } else if (ROLE_STOP.has(token.lower) || SPEECH_VERBS.has(token.lower)) {
      break;
    } else if (sawRoleNoun && k >= at - 6) {
      // A modifier of the role ("climate envoy", "Chinese Foreign Ministry spokesman").
      leftmost = k;
    } else {
      break;
    }
    k--;
  }
  if (leftmost === null || !sawRoleNoun) return null;
  return leftmost;
}

/** Reads an appositive after a name: "Myron Brilliant, executive vice president of the U.S. Chamber". */
function roleAfter(sentence: Sentence, end: number): string | null {
  const rest = after(sentence, end);
  const opened = /^,\s+/u.exec(rest);
  if (!opened) return null;
  const body = rest.slice(opened[0].length);
  const stop = APPOSITIVE_END.exec(body);
  const phrase = stop ? body.slice(0, stop.index) : body;
  const words = phrase.split(/\s+/u).filter((word) => word.length > 0);
  if (words.length === 0 || words.length > 14) return null;
  const first = words[0] ?? '';
  if (/^\p{Lu}/u.test(first) && !/^(?:The|A|An)$/u.test(first)) return null;
  // "Okafor, who has been governor since 2019, said": a relative clause is no appositive role.
  if (/^(?:who|whose|whom|which|that)$/u.test(first)) return null;
  const head = words
    .slice(0, 5)
    .findIndex((word) => ROLE_NOUNS.has(word.toLowerCase().replace(/[’']s$/u, '')));
  if (head < 0) return null;
  // "Like Governor Voss, the senator opposed the bill": a verb after the role noun opens a new
  // clause; the phrase is its subject, not an appositive.
  let last = head;
  while (ROLE_NOUNS.has((words[last + 1] ?? '').toLowerCase())) last++;
  const next = words[last + 1] ?? '';
  if (/^\p{Ll}/u.test(next) && (/ed$/u.test(next) || FINITE_VERBS.has(next) || SPEECH_VERBS.has(next)))
    return null;
  return phrase.replace(/^(?:the|a|an|The|A|An)\s+/u, '').trim();
}

/** Reads a role that stands before a name set off by commas: "The new ambassador to Washington, Qin Gang, said". */
function roleInFront(sentence: Sentence, start: number): string | null {
  const before = sentence.text.slice(Math.max(0, start - WINDOW_CHARS), start);
  if (!/,\s*$/u.test(before)) return null;
  const segment = before.replace(/,\s*$/u, '');
  const cut = Math.max(segment.lastIndexOf(','), segment.lastIndexOf(';'), segment.lastIndexOf('—'));
  // "“…,” the governor's chief of staff, Omar Reyes, told": the quote's closing mark is no part of the role.
  let phrase = segment
    .slice(cut + 1)
    .replace(/^[\s"'“”‘’»«]+/u, '')
    .trim();
  const toBe = /\bto be\s+/u.exec(phrase);
  if (toBe) phrase = phrase.slice(toBe.index + toBe[0].length);
  // "But the energy minister, …": a conjunction that links the sentence is no part of the role.
  phrase = phrase.replace(/^(?:But|And|Yet|So|Still|Meanwhile|Instead)\s+/u, '');
  // "Its president, Gloria Banks,": a possessive pronoun says nothing out of its sentence.
  phrase = phrase.replace(/^(?:the|a|an|The|A|An|its|Its|his|His|her|Her|their|Their)\s+/u, '');
  // "Sheriff Dana Holt and her deputy, Marcus Lee,": the role is the one joined last, not the
  // person named before it.
  const joined = /^(.*\p{Lu}\p{Ll}+.*)\s+and\s+(?:his|her|their|its)\s+(.+)$/u.exec(phrase);
  if (joined) phrase = joined[2] ?? phrase;
  const words = phrase.split(/\s+/u);
  if (words.length === 0 || words.length > 10) return null;
  if (!words.some((word) => ROLE_NOUNS.has(word.toLowerCase()))) return null;
  if (words.some((word) => SPEECH_VERBS.has(word.toLowerCase()))) return null;
  return phrase;
}

function genderOfFirstName(word: string | undefined): 'male' | 'female' | null {
  if (!word) return null;
  const lower = word.toLowerCase();
  const male = MALE_FIRST_NAMES.has(lower);
  const female = FEMALE_FIRST_NAMES.has(lower);
  if (male === female) return null;
  return male ? 'male' : 'female';
}

/**
 * The gender a first name tells, unless it is a name some list records for both sexes and the he
 * or she that picks the name up says otherwise ("Lindsey Graham said he …"): then it tells
 * nothing. The pronoun is read after the name in its sentence, or opening the next when the name
 * opens its own. A name of one sex keeps it ("Hillary Clinton said he …" is about someone else).
 */
function genderOfName(
  first: string,
  chunk: Chunk,
  rest: string,
  context: SentenceContext,
): 'male' | 'female' | null {
  const byName = genderOfFirstName(first);
  if (byName === null || !MIXED_SEX_FIRST_NAMES.has(first.toLowerCase())) return byName;
  const pickedUp =
    pronounGender(rest) ?? (chunk.at === 0 && context.subjectOfNext ? context.followingGender() : null);
  return pickedUp === null || pickedUp === byName ? byName : null;
}

/**
 * Where a person's name starts after an institution's title inside one chunk, or -1: the tokens
 * after the last title word must be a short name with no organisation or place word.
 */
function personAfterTitle(words: readonly Token[]): number {
  // A name after a title is at most four words (and a portfolio), so only the last few positions can hold the title.
  for (let t = words.length - 2; t >= Math.max(0, words.length - 10); t--) {
    const title = words[t];
    if (!title || !NAME_TITLES.has(title.lower) || ORG_WORDS.has(title.lower)) continue;
    if (!ROLE_NOUNS.has(title.lower) && !HONORIFICS.has(title.lower) && !title.word.endsWith('.')) continue;
    // "Chief of Staff Tom Hale", "Director of National Intelligence Ann Pike": the portfolio is the title's.
    const end = portfolioEnd(words, t);
    if (end === t && (t < 1 || t < words.length - 6)) continue;
    const tail = words.slice(end + 1);
    if (tail.length === 0) continue;
    if (tail.length > 4) return -1;
    const plain = tail.every(
      (token) =>
        !ORG_WORDS.has(token.lower) &&
        !PLACE_WORDS.has(token.lower) &&
        !NAME_TITLES.has(token.lower) &&
        /^\p{Lu}/u.test(token.word),
    );
    if (!plain || classify(tail, tail.map((token) => token.word).join(' ')) !== null) return -1;
    return end + 1;
  }
  return -1;
}

/** Longest words a portfolio runs to in a title ("Secretary of Homeland Security"). */
const PORTFOLIO_WORDS = 4;

/** Where a title's "of" and portfolio end ("Chief of Staff": the index of "Staff"), or the title's own index. */
function portfolioEnd(words: readonly Token[], title: number): number {
  if (words[title + 1]?.lower !== 'of') return title;
  for (let size = PORTFOLIO_WORDS; size >= 1; size--) {
    const portfolio = words.slice(title + 2, title + 2 + size);
    if (portfolio.length === size && PORTFOLIOS.has(joined(portfolio).toLowerCase())) return title + 1 + size;
  }
  return title;
}

/**
 * The words of a chunk that can be a name: a common word, a gerund or a heading in capitals that
 * opens the sentence is dropped ("The", "Pulling Hale", "SAVINGS Back when"); null when
 * nothing is left or the chunk is a heading or a common source noun ("Police said").
 */
function nameWords(chunk: Chunk, tokens: readonly Token[]): Token[] | null {
  const { sentence } = chunk;
  let words = chunk.tokens.slice();
  const opening = chunk.at === 0;
  // "The New York Times": a common word that opens a known place's name ("New York") stays.
  const opensPlace = () => MULTIWORD_PLACES.has(`${words[0]?.lower ?? ''} ${words[1]?.lower ?? ''}`);
  const first = words[0];
  const common = () =>
    words[0] !== undefined &&
    NOT_NAME_WORDS.has(words[0].lower) &&
    !opensPlace() &&
    !monthAsGivenName(words, tokens);
  if (opening && common()) words = words.slice(1);
  // "Pulling Hale into …": a gerund that opens a sentence is no part of a name.
  if (words.length > 1 && opening && words[0] === first && /^\p{Lu}\p{Ll}+ing$/u.test(first?.word ?? ''))
    words = words.slice(1);
  while (opening && common()) words = words.slice(1);
  // "Former Ohio governor Ana Rusk": a word that times a role, capitalised only because it
  // opens the sentence, is no part of the place or name after it. Before a title ("Former Ohio
  // Gov. Ana Rusk") it stays with the title's words, as mid-sentence.
  if (opening && words.length > 1 && ROLE_MODIFIERS.has(words[0]?.lower ?? '') && !words.some(isPersonTitle))
    words = words.slice(1);
  if (opening) {
    // "SAVINGS Back when she started …", "FULL TEXT": a section heading in capitals glued to the
    // paragraph's first words is no part of a name.
    let heading = 0;
    while (isHeadingWord(words[heading])) heading++;
    const long = words.slice(0, heading).some((t) => t.word.length >= 5);
    if ((heading >= 2 || long) && heading < words.length) words = words.slice(heading);
    else if (heading >= 2 && heading === words.length) {
      // "FULL TEXT." on a line of its own: a label, where a dateline ("PORT KESTREL —") is a place.
      const last = words[words.length - 1];
      if (last && /^\s*[:.]?\s*$/u.test(after(sentence, last.end))) return null;
    }
  }
  if (words.length === 0) return null;
  // "Police said …", "Authorities say …": a common noun that opens a sentence is no name.
  if (words.length === 1 && opening && SOURCE_NOUNS.has(words[0]?.lower ?? '')) return null;
  // "Speaking at a rally, Hale …": a lone gerund opening the sentence before a lower-case word
  // that is no speech verb ("Manning said") is a participle, not a name.
  if (
    first &&
    words.length === 1 &&
    opening &&
    words[0] === first &&
    /^\p{Lu}\p{Ll}+ing$/u.test(first.word)
  ) {
    const next = /^\s+(\p{Ll}+)/u.exec(after(sentence, first.end))?.[1];
    if (next && !SPEECH_VERBS.has(next)) return null;
  }
  // "COUNCIL HAS QUESTIONED HIM —": a section heading in capitals, not a name.
  if (isShouted(words) && words.length >= 3) return null;
  return words;
}

/** A word in capitals that is no known acronym: part of a heading. */
function isHeadingWord(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    token.word === token.word.toUpperCase() &&
    /\p{Lu}{2}/u.test(token.word) &&
    !ORG_ACRONYMS.has(token.lower)
  );
}

/** Whether every word is printed in capitals. */
function isShouted(words: readonly Token[]): boolean {
  return words.every((t) => t.word === t.word.toUpperCase() && /\p{Lu}{2}/u.test(t.word));
}

const joined = (tokens: readonly Token[]) => tokens.map((t) => t.word).join(' ');

/**
 * A chunk's words split into the titles and descriptions before a name and the name itself
 * ("Nevada Gov. Ana Rusk", "Republican Donald Trump", "Cuban-born Ana Ruiz"); an
 * institution keeps its title words ("State Department"); null when no name is left.
 */
function splitTitles(words: readonly Token[]): { roleTokens: Token[]; nameTokens: Token[] } | null {
  const [title, ...rest] = words;
  if (title && isPersonTitle(title) && placedOnlyByLastWord(rest))
    return { roleTokens: [title], nameTokens: rest };
  const roleTokens: Token[] = [];
  let k = 0;
  const whole = classify(words, joined(words));
  // "Nevada Gov. Ana Rusk", "Reno Mayor Lena Voss": the place belongs to the title.
  const opensPlace = MULTIWORD_PLACES.has(`${words[0]?.lower ?? ''} ${words[1]?.lower ?? ''}`);
  const placeWords = opensPlace ? 2 : PLACE_NAMES.has(words[0]?.lower ?? '') ? 1 : 0;
  const afterPlace = words[placeWords];
  const placeTitle =
    placeWords > 0 &&
    afterPlace !== undefined &&
    NAME_TITLES.has(afterPlace.lower) &&
    words.length > placeWords + 1;
  if (placeTitle) {
    roleTokens.push(...words.slice(0, placeWords));
    k = placeWords;
  } else if (whole === 'organization' || whole === 'place') k = words.length;
  if ((whole === 'organization' || whole === null) && !placeTitle) {
    // "White House Press Secretary Ivo Dunmore", "U.S. Coast Guard Adm. Edda Garber": an institution's
    // title before a person's name.
    const at = personAfterTitle(words);
    if (at > 0) {
      k = at;
      roleTokens.push(...words.slice(0, at));
    }
  }
  while (k < words.length - 1) {
    const word = words[k];
    if (!word) break;
    const isTitle = NAME_TITLES.has(word.lower) || (word.lower === 'of' && k > 0);
    const nationality = NATIONALITIES.has(word.lower) && NAME_TITLES.has(words[k + 1]?.lower ?? '');
    if (!isTitle && !nationality) break;
    roleTokens.push(word);
    k++;
  }
  let nameTokens = k >= words.length ? words.slice() : words.slice(k);
  const describer = describerBefore(nameTokens, whole === null);
  roleTokens.push(...nameTokens.slice(0, describer));
  nameTokens = nameTokens.slice(describer);
  if (roleTokens.length > 0 && classify(nameTokens, joined(nameTokens)) === 'organization') {
    // "State Department", "General Motors": the title words are part of the name.
    nameTokens = words.slice();
    roleTokens.length = 0;
  }
  while (
    nameTokens.length > 0 &&
    (nameTokens[0]?.lower === 'of' || CONNECTORS.has(nameTokens[0]?.lower ?? ''))
  )
    nameTokens = nameTokens.slice(1);
  // "Tomas J. Brenner of Montana": a place after "of" is where the person is from, not their name.
  const of = nameTokens.findIndex((t, i) => i >= 2 && t.lower === 'of');
  if (of > 0 && isPlace(nameTokens.slice(of + 1))) nameTokens = nameTokens.slice(0, of);
  return nameTokens.length > 0 ? { roleTokens, nameTokens } : null;
}

/** The capitalised words from token `from` on, up to the first other word or punctuation. */
function capitalisedRun(sentence: Sentence, tokens: readonly Token[], from: number): Token[] {
  const run: Token[] = [];
  for (let k = from; tokens[k]?.capitalised; k++) {
    const token = tokens[k] as Token;
    const previous = run[run.length - 1];
    if (previous && !/^\s+$/u.test(sentence.text.slice(previous.end, token.start))) break;
    run.push(token);
  }
  return run;
}

function isPlace(words: readonly Token[]): boolean {
  if (words.length === 0) return false;
  return classify(words, joined(words)) === 'place';
}

/** Words that are a person's full name: a known given name, then up to two more names, none an organisation's word. */
function personBefore(words: readonly Token[]): boolean {
  return (
    words.length >= 2 &&
    words.length <= 3 &&
    isFirstName(words[0]?.lower ?? '') &&
    words.every((t) => t.capitalised && !ORG_WORDS.has(t.lower))
  );
}

/** A title only a person bears before their name: "Mayor", "Sen.", "Mrs.", not "State" or "Party". */
function isPersonTitle(token: Token): boolean {
  return (
    NAME_TITLES.has(token.lower) &&
    !ORG_WORDS.has(token.lower) &&
    (ROLE_NOUNS.has(token.lower) || HONORIFICS.has(token.lower) || token.word.endsWith('.'))
  );
}

/**
 * "Ellen Park", "Tom Hill", "Amy Field": a known given name and a surname that is also a word of
 * place names, and nothing else that makes a place. After a person's title ("Mayor Ellen Park")
 * the title outweighs the place word.
 */
function placedOnlyByLastWord(nameTokens: readonly Token[]): boolean {
  const [first, ...rest] = nameTokens;
  const last = rest[rest.length - 1];
  if (!first || !last || rest.length > 2 || !isFirstName(first.lower)) return false;
  if (!PLACE_WORDS.has(last.lower) || !/^\p{Lu}\p{Ll}/u.test(last.word)) return false;
  const name = joined(nameTokens);
  return (
    classify(nameTokens, name) === 'place' &&
    classify(nameTokens.slice(0, -1), joined(nameTokens.slice(0, -1))) === null
  );
}

/**
 * How many words before a name describe the person: "Republican Donald Trump", "Rival Hillary
 * Clinton" (a describing word before a known first name), "South African-born Piet Larkin".
 */
function describerBefore(nameTokens: readonly Token[], untyped: boolean): number {
  const knownFirst = (token: Token | undefined) => token !== undefined && isFirstName(token.lower);
  if (
    untyped &&
    nameTokens.length >= 3 &&
    nameTokens.length <= 4 &&
    knownFirst(nameTokens[1]) &&
    !knownFirst(nameTokens[0]) &&
    !nameTokens.some((token) => token.lower === 'of') &&
    describes(nameTokens[0]?.lower ?? '')
  )
    return 1;
  const born = nameTokens.findIndex((token) => BORN.test(token.word));
  if (
    born >= 0 &&
    born <= 1 &&
    nameTokens.length - born - 1 >= 2 &&
    nameTokens.slice(0, born).every(isCompass)
  )
    return born + 1;
  return 0;
}

/**
 * "the Ohio Democrat", "a Texas Republican", "Senator Ana Rusk, Republican of Ohio,": a home place
 * and a party or nationality describe a person already named; together they name no one.
 */
function placeAndAffiliation(nameTokens: readonly Token[]): boolean {
  const words = nameTokens.map((t) => t.lower);
  const knownPlace = (place: string) => PLACE_NAMES.has(place) || MULTIWORD_PLACES.has(place);
  if (words.length >= 3 && NATIONALITIES.has(words[0] ?? '') && words[1] === 'of')
    return knownPlace(words.slice(2).join(' '));
  const last = words[words.length - 1] ?? '';
  return words.length >= 2 && NATIONALITIES.has(last) && knownPlace(words.slice(0, -1).join(' '));
}

/**
 * "Secretary of Defense", "the former secretary of State", "chief of staff": a portfolio after a
 * title and "of" (in the chunk or before it) is the rest of the title, not an actor of its own.
 */
function officeTail(
  tokens: readonly Token[],
  parts: { roleTokens: readonly Token[]; nameTokens: readonly Token[] },
): boolean {
  const { roleTokens, nameTokens } = parts;
  const first = nameTokens[0];
  if (!first || !PORTFOLIOS.has(joined(nameTokens).toLowerCase())) return false;
  const inChunk = roleTokens.length >= 2 ? roleTokens.slice(-2) : null;
  const [title, of] = inChunk ?? [tokens[first.index - 2], tokens[first.index - 1]];
  const office = (token: Token | undefined) =>
    token !== undefined && (ROLE_NOUNS.has(token.lower) || NAME_TITLES.has(token.lower));
  return of?.lower === 'of' && office(title);
}

/**
 * "Presumptive Democratic (presidential nominee …)", "Middle Eastern (nation)": words ending in
 * a party or nationality adjective describe whoever follows; no first name or initial makes them
 * a person's name ("Walter White" is one).
 */
function describingPhrase(nameTokens: readonly Token[]): boolean {
  const first = nameTokens[0];
  const last = nameTokens[nameTokens.length - 1];
  if (!first || !last || nameTokens.length < 2 || !NATIONALITIES.has(last.lower)) return false;
  return !isFirstName(first.lower) && !INITIAL.test(first.word);
}

/** A name token that is a party-and-state tag ("R-Texas"). */
const PARTY_TAG_TOKEN = new RegExp(`^${PARTY_TAG}$`, 'u');

/**
 * Whether a name is no actor: a clock time's words ("10 AM ET"), an event ("World Cup"), a
 * nationality ("Palestinians") or common words; 'alias' for a lone title word ("King") that may
 * only repeat a named person's surname.
 */
function notAName(
  chunk: Chunk,
  tokens: readonly Token[],
  parts: { roleTokens: readonly Token[]; nameTokens: readonly Token[] },
  kind: EvidentKind | null,
): boolean | 'alias' {
  const { roleTokens, nameTokens } = parts;
  const before = tokens[chunk.at - 1];
  if (/^\d/u.test(before?.word ?? '') && nameTokens.every((t) => CLOCK_WORDS.has(t.lower))) return true;
  // "Rep. Ana Rusk, R-Texas, said": a party-and-state tag, not a name.
  if (nameTokens.length === 1 && PARTY_TAG_TOKEN.test(nameTokens[0]?.word ?? '')) return true;
  const last = nameTokens[nameTokens.length - 1];
  if (kind !== 'place' && last !== undefined && EVENT_WORDS.has(last.lower)) return true;
  if (kind === null && placeAndAffiliation(nameTokens)) return true;
  // "Mr. King", "Ms. Bishop", "Mr. English": after an honorific one word that is no form of address is a surname.
  const honorific = roleTokens[roleTokens.length - 1];
  const afterHonorific =
    nameTokens.length === 1 &&
    honorific !== undefined &&
    HONORIFICS.has(honorific.lower) &&
    !ADDRESS_TITLES.has(nameTokens[0]?.lower ?? '');
  const demonymWord = (t: Token) =>
    DEMONYMS.has(t.lower) || DEMONYMS.has(t.lower.replace(/s$/u, '')) || COMPASS.has(t.lower);
  if (
    !afterHonorific &&
    (DEMONYMS.has(joined(nameTokens).toLowerCase().replace(/s$/u, '')) || nameTokens.every(demonymWord))
  )
    return true;
  if (kind === null && describingPhrase(nameTokens)) return true;
  if (kind !== 'organization' && officeTail(tokens, parts)) return true;
  if (nameTokens.length === 1) {
    const lower = nameTokens[0]?.lower ?? '';
    if (!afterHonorific && (NATIONALITIES.has(lower) || NOT_NAME_WORDS.has(lower))) return true;
    // "Lena Mae King … King says"; but "the King said": a title with an article is a role.
    if (NAME_TITLES.has(lower) && kind === null && !afterHonorific)
      return before?.lower === 'the' ? true : 'alias';
  } else if (
    kind === null &&
    nameTokens.every((t) => NATIONALITIES.has(t.lower) || NOT_NAME_WORDS.has(t.lower))
  )
    return true;
  return (
    kind === null &&
    nameTokens.some(
      (t, i) =>
        NOT_NAME_WORDS.has(t.lower) &&
        t.word.length > 2 &&
        !surnameAfterGivenName(nameTokens, i) &&
        !(i === 0 && monthAsGivenName(nameTokens, tokens)),
    )
  );
}

/**
 * "Jan Okafor", "April Vance": the month that opens `words`, when it is also a given name and a
 * capitalised surname follows, is the name's first word, unless a word that dates it stands before it ("in June Hale said",
 * "since April Vance has", "the August Reno index") or a place follows it.
 */
function monthAsGivenName(words: readonly Token[], tokens: readonly Token[]): boolean {
  const [month, surname] = words;
  return (
    month !== undefined &&
    CALENDAR_GIVEN_NAMES.has(month.lower) &&
    surname !== undefined &&
    /^\p{Lu}\p{Ll}/u.test(surname.word) &&
    !NOT_NAME_WORDS.has(surname.lower) &&
    !PLACE_NAMES.has(surname.lower) &&
    !DATE_LEADS.has(tokens[month.index - 1]?.lower ?? '')
  );
}

/**
 * True when the token at `i` ends a name of two words that a given name opens ("Theresa May", "Ana
 * Will"): a surname, whatever else the word means. Only names of one sex count, not all of
 * {@link isFirstName}: "Clinton" is also a given name, and "Clinton Friday" is no one.
 */
function surnameAfterGivenName(nameTokens: readonly Token[], i: number): boolean {
  const first = nameTokens[0]?.lower ?? '';
  return nameTokens.length === 2 && i === 1 && (MALE_FIRST_NAMES.has(first) || FEMALE_FIRST_NAMES.has(first));
}

/**
 * The roles a person's name carries: titles and role words before it ("climate envoy John Kerry"),
 * an appositive after it ("Myron Brilliant, executive vice president of …") and a role set off in
 * front ("The new ambassador, Qin Gang,").
 */
function rolesOf(
  chunk: Chunk,
  tokens: readonly Token[],
  roleTokens: readonly Token[],
  nameTokens: readonly Token[],
): string[] {
  const { sentence } = chunk;
  const startToken = nameTokens[0];
  const endToken = nameTokens[nameTokens.length - 1];
  if (!startToken || !endToken) return [];
  const roles: string[] = [];
  const roleWords = roleTokens.filter((t) => !HONORIFICS.has(t.lower));
  const firstRole = roleWords[0];
  const lastRole = roleWords[roleWords.length - 1];
  const before = roleBefore(sentence, tokens, chunk.at);
  if (before !== null) {
    const from = tokens[before]?.start ?? 0;
    roles.push(roleText(sentence, from, lastRole ? lastRole.end : startToken.start));
  } else if (firstRole && lastRole) {
    // "former UN Ambassador Ruth Okafor": a lower-case word that times the title belongs to it.
    const modifier = tokens[chunk.at - 1];
    const timed = modifier !== undefined && !modifier.capitalised && ROLE_MODIFIERS.has(modifier.lower);
    const from = timed && firstRole === chunk.tokens[0] ? modifier.start : firstRole.start;
    roles.push(roleText(sentence, from, lastRole.end));
  }
  const appositive = /^['’]s/u.test(after(sentence, endToken.end)) ? null : roleAfter(sentence, endToken.end);
  if (appositive) roles.push(appositive);
  const frontAt = before !== null ? (tokens[before]?.start ?? 0) : (chunk.tokens[0] ?? startToken).start;
  const front = roleInFront(sentence, frontAt);
  if (front && /^\s*,/u.test(after(sentence, endToken.end))) roles.push(front);
  return roles;
}

/**
 * Where a role phrase's own head ends and a phrase about someone or something else begins: "the
 * spokeswoman for the congressman", "the owner of the Miss Pacific pageant".
 */
const ROLE_HEAD_END = /\s(?:of|for|to|at|with|from|on|in|under|and|who|whose|that)\s/u;

/** The gender titles and roles tell ("Mr.", "congresswoman", "spokeswoman"), or null. */
function genderOfRoles(roleTokens: readonly Token[], roles: readonly string[]): 'male' | 'female' | null {
  let gender: 'male' | 'female' | null = null;
  for (const role of roleTokens) gender = HONORIFIC_GENDER.get(role.lower) ?? gender;
  for (const role of roles) {
    const head = role.toLowerCase().split(ROLE_HEAD_END)[0] ?? '';
    for (const word of head.split(/\s+/u)) gender = HONORIFIC_GENDER.get(word) ?? gender;
  }
  return gender;
}

/** How many auxiliaries and adverbs may stand between a name and its speech verb ("Okafor has also said"). */
const FILLERS_BEFORE_VERB = 2;

/**
 * A phrase set off by commas right after a name, before its verb: an age, a role or a relative
 * clause ("Larkin, a Democrat, told", "Okafor, 54, said", "Reyes, who chairs the board, said"). It
 * opens with a digit or a lower-case word: "a voter from Bangor, Maine, said" is not Bangor's.
 */
const SET_OFF = /^,\s+[\p{Ll}\d][^,.;:!?"“”()]{0,79},(?=\s)/u;

/**
 * True when a speech verb comes after offset `end`, where the token at `index` ends or a set-off
 * phrase does, maybe after a few auxiliaries and adverbs, with only spaces between.
 */
function speechVerbAfter(sentence: Sentence, tokens: readonly Token[], index: number, end: number): boolean {
  let from = end;
  for (let i = index + 1; i <= index + 1 + FILLERS_BEFORE_VERB; i++) {
    const next = tokens[i];
    if (next === undefined || !/^\s+$/u.test(sentence.text.slice(from, next.start))) return false;
    if (SPEECH_VERBS.has(next.lower)) return true;
    // "Donations are typically reported": a passive's subject is what is said, not who says it.
    if (next.capitalised || BE_FORMS.has(next.lower) || !isFillerWord(next.word)) return false;
    from = next.end;
  }
  return false;
}

/** True when the name ending at `endToken` is the subject of a speech verb, right after it or past a set-off phrase. */
function speaksNext(sentence: Sentence, tokens: readonly Token[], endToken: Token): boolean {
  if (speechVerbAfter(sentence, tokens, endToken.index, endToken.end)) return true;
  const setOff = SET_OFF.exec(after(sentence, endToken.end));
  // "Rather, he said, continued …": a set-off cue is a parenthesis, not the name's own phrase.
  if (!setOff || (setOff[0].match(/\p{L}+/gu) ?? []).some((word) => SPEECH_VERBS.has(word))) return false;
  const end = endToken.end + setOff[0].length;
  const resume = firstIndex(tokens, (token) => token.start >= end);
  return resume > 0 && speechVerbAfter(sentence, tokens, resume - 1, end);
}

/** "Okafor said", "Okafor openly admitted", "Okafor, a Democrat, said", or "said Larkin" in the inverted order of news copy. */
function speaksAt(sentence: Sentence, tokens: readonly Token[], chunk: Chunk, endToken: Token): boolean {
  const previous = tokens[chunk.at - 1];
  return (
    speaksNext(sentence, tokens, endToken) ||
    (previous !== undefined && !previous.capitalised && INVERTABLE_VERBS.has(previous.lower))
  );
}

/** Whether a line's name in capitals opens a dateline ("PORT KESTREL —", "LONDON 1996-08-30"). */
function isDateline(chunk: Chunk, words: readonly Token[], name: string): boolean {
  const { sentence } = chunk;
  const last = words[words.length - 1];
  if (!isShouted(words) || chunk.at !== 0 || last === undefined) return false;
  const rest = after(sentence, last.end);
  // "ROWING - HARBOURSIDE PULL AHEAD": in a headline a word before a dash is a section label.
  return (
    DATELINE_TAIL.test(rest) &&
    (sentence.paragraph > 0 || /^\s*\d/u.test(rest)) &&
    !ORG_ACRONYMS.has(name.toLowerCase())
  );
}

/** Reads the candidate name a chunk holds: strips titles into roles, drops sentence-start words, weighs its kind. */
export function readChunk(
  chunk: Chunk,
  tokens: readonly Token[],
  context: SentenceContext,
): Candidate | null {
  const { sentence } = chunk;
  const words = nameWords(chunk, tokens);
  const parts = words && splitTitles(words);
  if (!words || !parts) return null;
  const { roleTokens, nameTokens } = parts;
  const startToken = nameTokens[0];
  const endToken = nameTokens[nameTokens.length - 1];
  if (!startToken || !endToken) return null;
  const name = sentence.text.slice(startToken.start, endToken.end);
  const dateline = isDateline(chunk, words, name);
  const title = roleTokens[roleTokens.length - 1];
  // "Mayor Ellen Park": a person's title before a given name outweighs a place word at its end.
  const titledPerson = title !== undefined && isPersonTitle(title) && placedOnlyByLastWord(nameTokens);
  let kind = dateline ? 'place' : titledPerson ? 'person' : classify(nameTokens, name);
  // "Ruth Okafor of Acme Freight said": the words after her "of" name a body or a place, and the
  // speech verb after them is hers.
  if (chunk.affiliation && kind !== 'place') kind = 'organization';
  const rejected = notAName(chunk, tokens, parts, kind);
  if (rejected === true) return null;
  const personLike = kind === null || kind === 'person';
  // Organisations and places carry no roles.
  const roles = personLike ? rolesOf(chunk, tokens, roleTokens, nameTokens) : [];
  const titled = roleTokens.length > 0;
  if (kind === null && (roles.length > 0 || titled)) kind = 'person';
  const roleGender = genderOfRoles(roleTokens, roles);
  const genderByName = nameTokens.length > 1 && roleGender === null;
  const speaks = speaksAt(sentence, tokens, chunk, endToken);
  const evidence = nameEvidence(nameTokens, kind, roles.length > 0 || titled, speaks);
  const rest = after(sentence, endToken.end);
  addEvidence(evidence, personContext(rest, kind, context.subjectOfNext && chunk.at === 0));
  const around = contextEvidence(
    {
      before: tokens[chunk.at - 1]?.lower,
      after: tokens[endToken.index + 1]?.word,
      // "T. Okafor 4-38", "Ana Rusk (Chile) 6-4": a person's score is no team's.
      resultLine: context.line === 'results' && evidence.person === 0,
      dateline,
    },
    nameTokens.length > 1,
  );
  // "the Group of 20", "the Party": a lone common head word takes no kind from its context.
  const common = nameTokens.length === 1 && COMMON_HEADS.some((list) => list.has(startToken.lower));
  if (!common) addEvidence(evidence, around);
  const titledFrom = roleTokens[0];
  return {
    name,
    tokens: nameTokens,
    kind,
    roles,
    gender: genderByName ? genderOfName(startToken.word, chunk, rest, context) : roleGender,
    genderByName,
    sentence,
    quoted: chunk.quoted,
    titled,
    speaks,
    titledForm: titledFrom ? sentence.text.slice(titledFrom.start, endToken.end) : null,
    evidence,
    careful: context.line !== 'prose',
    pickedUpAs: () => pronounGender(rest) ?? context.followingGender(),
    aliasOnly: rejected === 'alias',
  };
}

/** What readChunk needs to know of the sentence around a chunk. */
export interface SentenceContext {
  line: LineKind;
  /** True when the next sentence of the paragraph opens with "He" or "She". */
  subjectOfNext: boolean;
  /** The gender of the first he/she of the next sentence of the paragraph (read on demand). */
  followingGender: () => 'male' | 'female' | null;
}

/** Quoted words (a closing mark may be missing): a pronoun inside them is the speaker's word for someone else. */
export const QUOTED_TEXT = /“[^”]*”?|"[^"]*"?/gu;

const PRONOUN_GENDER = /\b(?:(he|him|his|himself)|(she|her|hers|herself))\b/iu;

/** The gender of the first third-person singular pronoun in a text, or null. */
export function pronounGender(text: string): 'male' | 'female' | null {
  // A pronoun inside quote marks is the speaker's word for someone else.
  const found = PRONOUN_GENDER.exec(text.replace(QUOTED_TEXT, ' '));
  if (!found) return null;
  return found[1] !== undefined ? 'male' : 'female';
}

/** Person evidence after a name: an age ("Ann Lee, 34,"), "who", a country in brackets, "he"/"she" opening the next sentence. */
function personContext(rest: string, kind: EvidentKind | null, pronounNext: boolean): Evidence {
  const evidence = noEvidence();
  if (/^,\s+\d{1,3}(?:,|\.(?:\s|$))/u.test(rest) || /^,\s+who\s/u.test(rest)) evidence.person += STRONG;
  if (kind !== null) return evidence;
  // "Ines Ferrante (Portugal) 11.02": an athlete and the country they run for.
  const bracket = /^\s+\(([\p{L} .]+)\)/u.exec(rest)?.[1]?.toLowerCase();
  if (bracket !== undefined && (COUNTRY_NAMES.has(bracket) || PLACE_ALIASES.has(bracket)))
    evidence.person += STRONG;
  // "Okafor struck 112. He …": the name is the subject, a verb follows it; "Soon, he …" is an
  // adverb set off by a comma, and "Along with …", "Reached by …" open with a preposition after it.
  if (pronounNext && SUBJECT_THEN_VERB.test(rest) && !PREPOSITION_NEXT.test(rest)) evidence.person += WEAK;
  return evidence;
}

/** A name followed by a lower-case word: the shape of a subject and its verb. */
const SUBJECT_THEN_VERB = /^\s+\p{Ll}/u;

/** A word followed by a preposition or an adverb of time: an opening phrase, not a subject. */
const PREPOSITION_NEXT = /^\s+(?:with|by|to|from|of|in|on|at|for|after|before|later|ago|earlier)\b/u;

/** Evidence from the name itself: its kind by form, titles and roles, a known first name, an initial. */
function nameEvidence(
  nameTokens: readonly Token[],
  kind: EvidentKind | null,
  described: boolean,
  speaks: boolean,
): Evidence {
  const evidence = noEvidence();
  if (kind !== null) evidence[kind] += STRONG;
  if (described) evidence.person += STRONG;
  const first = nameTokens[0];
  if (nameTokens.length > 1 && first !== undefined && kind === null) {
    if (isFirstName(first.lower)) evidence.person += STRONG;
    else if (INITIAL.test(first.word)) evidence.person += STRONG;
  }
  // "Okafor said": speech is human, but organisations speak too, so it only tips an untyped name.
  if (speaks && kind === null) evidence.person += WEAK;
  return evidence;
}

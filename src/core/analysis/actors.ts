import {
  ADDRESS_TITLES,
  CLOCK_WORDS,
  COUNTRY_NAMES,
  DEMONYMS,
  DESCRIPTORS,
  EVENT_WORDS,
  FEMALE_FIRST_NAMES,
  HONORIFICS,
  INVERTABLE_VERBS,
  MALE_FIRST_NAMES,
  MULTIWORD_PLACES,
  NAME_TITLES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  ORG_ACRONYMS,
  ORG_WORDS,
  PLACE_ALIASES,
  PLACE_NAMES,
  PLACE_WORDS,
  ROLE_NOUNS,
  SOURCE_NOUNS,
  SPEECH_VERBS,
} from './lexicon.ts';
import type { QuoteSpan } from './quote-spans.ts';
import type { ActorKind, Sentence } from './types.ts';
import {
  addEvidence,
  classify,
  contextEvidence,
  type Evidence,
  type EvidentKind,
  isAcronym,
  isFirstName,
  kindOf,
  noEvidence,
  republicOf,
  STRONG,
  WEAK,
} from './typing.ts';

/** One place in the text where an actor is named. */
export interface Mention {
  actorId: string;
  /** Index of the sentence (Sentence.index). */
  sentence: number;
  /** 1-based paragraph. */
  paragraph: number;
  /** Offsets of the name in the paragraph string. */
  start: number;
  end: number;
  /** The words as written ("President Biden’s" gives "Biden"). */
  text: string;
  /** True when the mention stands inside quote marks (someone's words, not the narrator's). */
  quoted: boolean;
}

/** A person, organisation or place of the story with every way it is named and described. */
export interface CastMember {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  roles: string[];
  /** Grammatical gender where the text shows it (honorific or first name), for "he"/"she". */
  gender: 'male' | 'female' | null;
  mentions: Mention[];
}

/** The actors of an article and all their mentions, in article order. */
export interface Cast {
  members: CastMember[];
  /** Every mention of every member, in article order. */
  mentions: Mention[];
  byId: ReadonlyMap<string, CastMember>;
}

interface Token {
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

interface Chunk {
  tokens: Token[];
  sentence: Sentence;
  /** Index of the first token in the sentence's token list. */
  at: number;
  quoted: boolean;
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
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included.
const ASCII = /^[\u0000-\u007f]*$/u;
const INITIAL = /^(?:\p{Lu}\.)+$/u;
const CONTRIBUTOR_LINE = /contributed (?:to this report|reporting)/i;
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

function tokenize(text: string): Token[] {
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
type LineKind = 'prose' | 'title' | 'shouted' | 'results';

/** Standalone numbers a line needs to read as results ("Sheffield Wednesday 2 Wimbledon 1"). */
const RESULT_NUMBERS = 2;

function lineKind(tokens: readonly Token[]): LineKind {
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
function chunksOf(
  sentence: Sentence,
  tokens: readonly Token[],
  quotedAt: (offset: number) => boolean,
  shouted: boolean,
): Chunk[] {
  if (shouted) return shoutedChunks(sentence, tokens, quotedAt);
  const chunks: Chunk[] = [];
  let i = 0;
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
      // Marcia “Cia” Price, J.P. “The Big Bopper” Richardson: a nickname in quote marks inside a
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
    chunks.push({ tokens: run, sentence, at: i, quoted: quotedAt(sentence.start + token.start) });
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
interface Candidate {
  name: string;
  tokens: Token[];
  kind: EvidentKind | null;
  roles: string[];
  gender: 'male' | 'female' | null;
  sentence: Sentence;
  quoted: boolean;
  /** True when a title or honorific stood before the name ("President Biden", "Mr. Clarke"). */
  titled: boolean;
  /** True when a speech verb follows the name ("Caddell said"). */
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
  const head = words
    .slice(0, 5)
    .findIndex((word) => ROLE_NOUNS.has(word.toLowerCase().replace(/[’']s$/u, '')));
  if (head < 0) return null;
  // "Like President Obama, the senator opposed the bill": a verb after the role noun opens a new
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
  let phrase = segment.slice(cut + 1).trim();
  const toBe = /\bto be\s+/u.exec(phrase);
  if (toBe) phrase = phrase.slice(toBe.index + toBe[0].length);
  phrase = phrase.replace(/^(?:the|a|an|The|A|An)\s+/u, '');
  const words = phrase.split(/\s+/u);
  if (words.length === 0 || words.length > 10) return null;
  if (!words.some((word) => ROLE_NOUNS.has(word.toLowerCase()))) return null;
  if (words.some((word) => SPEECH_VERBS.has(word.toLowerCase()))) return null;
  return phrase;
}

function slug(name: string): string {
  const lower = name.toLowerCase();
  return (ASCII.test(lower) ? lower : lower.normalize('NFKD'))
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/gu, '');
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
 * Where a person's name starts after an institution's title inside one chunk, or -1: the tokens
 * after the last title word must be a short name with no organisation or place word.
 */
function personAfterTitle(words: readonly Token[]): number {
  // A name after a title is at most four words, so only the last few positions can hold the title.
  for (let t = words.length - 2; t >= Math.max(1, words.length - 6); t--) {
    const title = words[t];
    if (!title || !NAME_TITLES.has(title.lower) || ORG_WORDS.has(title.lower)) continue;
    if (!ROLE_NOUNS.has(title.lower) && !HONORIFICS.has(title.lower) && !title.word.endsWith('.')) continue;
    const tail = words.slice(t + 1);
    if (tail.length > 4) return -1;
    const plain = tail.every(
      (token) =>
        !ORG_WORDS.has(token.lower) &&
        !PLACE_WORDS.has(token.lower) &&
        !NAME_TITLES.has(token.lower) &&
        /^\p{Lu}/u.test(token.word),
    );
    if (!plain || classify(tail, tail.map((token) => token.word).join(' ')) !== null) return -1;
    return t + 1;
  }
  return -1;
}

/** Reads the candidate name a chunk holds: strips titles into roles, drops sentence-start words. */
function readChunk(chunk: Chunk, tokens: readonly Token[], context: SentenceContext): Candidate | null {
  const { line, subjectOfNext } = context;
  const { sentence } = chunk;
  let words = chunk.tokens.slice();
  // A capitalised first word of a sentence is only a name when it is not a common word.
  // "The New York Times": a common word that opens a known place's name ("New York") stays.
  const opensPlace = (at: number) =>
    MULTIWORD_PLACES.has(`${words[at]?.lower ?? ''} ${words[at + 1]?.lower ?? ''}`);
  const first = words[0];
  if (first && chunk.at === 0 && NOT_NAME_WORDS.has(first.lower) && !opensPlace(0)) words = words.slice(1);
  // "Injecting Clinton into …": a gerund that opens a sentence is no part of a name.
  if (
    words.length > 1 &&
    chunk.at === 0 &&
    words[0] === first &&
    /^\p{Lu}\p{Ll}+ing$/u.test(first?.word ?? '')
  )
    words = words.slice(1);
  while (words[0] && NOT_NAME_WORDS.has(words[0].lower) && chunk.at === 0 && !opensPlace(0))
    words = words.slice(1);
  // "BORROWING Back when he wrote …", "FULL TEXT": a section heading in capitals glued to the
  // paragraph's first words is no part of a name.
  if (chunk.at === 0) {
    const caps = (t: Token | undefined) =>
      t !== undefined &&
      t.word === t.word.toUpperCase() &&
      /\p{Lu}{2}/u.test(t.word) &&
      !ORG_ACRONYMS.has(t.lower);
    let heading = 0;
    while (caps(words[heading])) heading++;
    const long = words.slice(0, heading).some((t) => t.word.length >= 5);
    if ((heading >= 2 || long) && heading < words.length) words = words.slice(heading);
    else if (heading >= 2 && heading === words.length) {
      // "FULL TEXT." on a line of its own: a label, where a dateline ("MIDWAY ATOLL —") is a place.
      const last = words[words.length - 1];
      if (last && /^\s*[:.]?\s*$/u.test(after(sentence, last.end))) return null;
    }
  }
  // "The" inside a chunk ("The New York Times") is dropped by the lower-case test above only at the start.
  if (words.length === 0) return null;
  // "Police said …", "Authorities say …": a common noun that opens a sentence is no name.
  if (words.length === 1 && chunk.at === 0 && SOURCE_NOUNS.has(words[0]?.lower ?? '')) return null;
  const shouted = words.every((t) => t.word === t.word.toUpperCase() && /\p{Lu}{2}/u.test(t.word));
  // "CONGRESS HAS INVESTIGATED HIM —": a section heading in capitals, not a name.
  if (shouted && words.length >= 3) return null;
  const roleTokens: Token[] = [];
  let gender: 'male' | 'female' | null = null;
  let titled = false;
  let k = 0;
  const whole = classify(words, words.map((t) => t.word).join(' '));
  // "White House", "Chinese Foreign Ministry": title words that are part of an institution's name.
  // "New Jersey Gov. Chris Christie", "Chicago Mayor Rahm Emanuel": the place belongs to the title.
  const placeWords = opensPlace(0) ? 2 : PLACE_NAMES.has(words[0]?.lower ?? '') ? 1 : 0;
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
    // "White House Press Secretary Josh Earnest", "U.S. Air Force Gen. Norman Ham": an institution's
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
  let nameTokens = k >= words.length ? words : words.slice(k);
  // "Republican Donald Trump", "Miss Universe Alicia Machado", "Rival Hillary Clinton": a word
  // before a known first name that opens a three-word chunk describes the person.
  const knownFirst = (token: Token | undefined) => token !== undefined && isFirstName(token.lower);
  if (
    whole === null &&
    nameTokens.length >= 3 &&
    nameTokens.length <= 4 &&
    knownFirst(nameTokens[1]) &&
    !knownFirst(nameTokens[0]) &&
    !nameTokens.some((token) => token.lower === 'of') &&
    describes(nameTokens[0]?.lower ?? '')
  ) {
    roleTokens.push(nameTokens[0] as Token);
    nameTokens = nameTokens.slice(1);
  }
  // "South Korean-born Monte Haines", "Cuban-born Ana Ruiz": where a person was born describes them.
  const born = nameTokens.findIndex((token) => BORN.test(token.word));
  if (
    born >= 0 &&
    born <= 1 &&
    nameTokens.length - born - 1 >= 2 &&
    nameTokens.slice(0, born).every(isCompass)
  ) {
    roleTokens.push(...nameTokens.slice(0, born + 1));
    nameTokens = nameTokens.slice(born + 1);
  }
  if (
    roleTokens.length > 0 &&
    classify(nameTokens, nameTokens.map((t) => t.word).join(' ')) === 'organization'
  ) {
    // "State Department", "General Motors": the title words are part of the name.
    nameTokens = words;
    roleTokens.length = 0;
  }
  while (
    nameTokens.length > 0 &&
    (nameTokens[0]?.lower === 'of' || CONNECTORS.has(nameTokens[0]?.lower ?? ''))
  )
    nameTokens = nameTokens.slice(1);
  if (nameTokens.length === 0) return null;
  for (const role of roleTokens) {
    const known = HONORIFIC_GENDER.get(role.lower);
    if (known) gender = known;
    titled = true;
  }
  // "Charles B. Rangel of New York": a place after "of" is where the person is from, not their name.
  const of = nameTokens.findIndex((t, i) => i >= 2 && t.lower === 'of');
  if (of > 0) {
    const tail = nameTokens.slice(of + 1);
    if (classify(tail, tail.map((t) => t.word).join(' ')) === 'place') nameTokens = nameTokens.slice(0, of);
  }
  const startToken = nameTokens[0];
  const endToken = nameTokens[nameTokens.length - 1];
  if (!startToken || !endToken) return null;
  const name = sentence.text.slice(startToken.start, endToken.end);
  let kind = classify(nameTokens, name);
  // "MIDWAY ATOLL —", "LONDON 1996-08-30": a dateline names the place the story was filed from.
  const lastToken = words[words.length - 1];
  const dateline =
    shouted &&
    chunk.at === 0 &&
    lastToken !== undefined &&
    DATELINE_TAIL.test(after(sentence, lastToken.end)) &&
    // "CRICKET - LEICESTERSHIRE TAKE OVER": in a headline a word before a dash is a section label.
    (sentence.paragraph > 0 || /^\s*\d/u.test(after(sentence, lastToken.end))) &&
    !ORG_ACRONYMS.has(name.toLowerCase());
  if (dateline) kind = 'place';
  // "at 10 AM ET": the words after a clock time tell the time, they name no one.
  if (/^\d/u.test(tokens[chunk.at - 1]?.word ?? '') && nameTokens.every((t) => CLOCK_WORDS.has(t.lower)))
    return null;
  // Events ("World Cup") and nationalities, alone or plural ("Palestinians"), are never actors.
  if (kind !== 'place' && EVENT_WORDS.has(endToken.lower)) return null;
  const demonymWord = (t: Token) =>
    DEMONYMS.has(t.lower) || DEMONYMS.has(t.lower.replace(/s$/u, '')) || COMPASS.has(t.lower);
  if (DEMONYMS.has(name.toLowerCase().replace(/s$/u, '')) || nameTokens.every(demonymWord)) return null;
  // Nationality adjectives and lone common words are never actors.
  let aliasOnly = false;
  if (nameTokens.length === 1) {
    const lower = startToken.lower;
    if (NATIONALITIES.has(lower) || NOT_NAME_WORDS.has(lower)) return null;
    // "Mr. King", "Ms. Bishop": after an honorific a title word that is no role is a surname.
    const surname = roleTokens[roleTokens.length - 1];
    const afterHonorific =
      surname !== undefined && HONORIFICS.has(surname.lower) && !ADDRESS_TITLES.has(lower);
    // "Billie Jean King … King says": a lone title word may still be the surname of someone named.
    if (NAME_TITLES.has(lower) && kind === null && !afterHonorific) {
      // "the King said": a title with an article is a role, not a surname.
      if (tokens[chunk.at - 1]?.lower === 'the') return null;
      aliasOnly = true;
    }
  } else if (
    kind === null &&
    nameTokens.every((t) => NATIONALITIES.has(t.lower) || NOT_NAME_WORDS.has(t.lower))
  ) {
    return null;
  }
  if (kind === null && nameTokens.some((t) => NOT_NAME_WORDS.has(t.lower) && t.word.length > 2)) return null;
  const roles: string[] = [];
  const personLike = kind === null || kind === 'person';
  const roleWords = roleTokens.filter((t) => !HONORIFICS.has(t.lower));
  const firstRole = roleWords[0];
  const lastRole = roleWords[roleWords.length - 1];
  const firstTokenIndex = chunk.at;
  const before = personLike ? roleBefore(sentence, tokens, firstTokenIndex) : null;
  if (!personLike) {
    // Organisations and places carry no roles.
  } else if (before !== null) {
    const from = tokens[before]?.start ?? 0;
    const to = lastRole ? lastRole.end : startToken.start;
    roles.push(roleText(sentence, from, to));
  } else if (firstRole && lastRole) {
    roles.push(roleText(sentence, firstRole.start, lastRole.end));
  }
  if (personLike) {
    const appositive = /^['’]s/u.test(after(sentence, endToken.end))
      ? null
      : roleAfter(sentence, endToken.end);
    if (appositive) roles.push(appositive);
    const frontAt = before !== null ? (tokens[before]?.start ?? 0) : (chunk.tokens[0] ?? startToken).start;
    const front = roleInFront(sentence, frontAt);
    if (front && /^\s*,/u.test(after(sentence, endToken.end))) roles.push(front);
  }
  if (kind === null && (roles.length > 0 || titled)) kind = 'person';
  for (const role of roles) {
    for (const word of role.toLowerCase().split(/\s+/u)) {
      const known = HONORIFIC_GENDER.get(word);
      if (known) gender = known;
    }
  }
  const genderByName = nameTokens.length > 1 && gender === null;
  if (genderByName) gender = genderOfFirstName(startToken.word);
  const next = tokens[endToken.index + 1];
  const previous = tokens[chunk.at - 1];
  // "Caddell said", or "said Haines" in the inverted order of news copy.
  const speaks =
    (next !== undefined &&
      SPEECH_VERBS.has(next.lower) &&
      /^\s+$/u.test(sentence.text.slice(endToken.end, next.start))) ||
    (previous !== undefined && !previous.capitalised && INVERTABLE_VERBS.has(previous.lower));
  const titledFrom = roleTokens[0];
  const titledForm = titledFrom ? sentence.text.slice(titledFrom.start, endToken.end) : null;
  const evidence = nameEvidence(nameTokens, kind, roles.length > 0 || titled, speaks);
  addEvidence(evidence, personContext(after(sentence, endToken.end), kind, subjectOfNext && chunk.at === 0));
  const around = contextEvidence(
    {
      before: tokens[chunk.at - 1]?.lower,
      after: next?.word,
      // "C. Lewis 4-38", "Jiri Novak (Czech Republic) 6-4": a person's score is no team's.
      resultLine: line === 'results' && evidence.person === 0,
      dateline,
    },
    nameTokens.length > 1,
  );
  // "the Group of 20", "the Party": a lone common head word takes no kind from its context.
  const common = nameTokens.length === 1 && COMMON_HEADS.some((list) => list.has(startToken.lower));
  if (!common) addEvidence(evidence, around);
  return {
    name,
    tokens: nameTokens,
    kind,
    roles,
    gender,
    genderByName,
    sentence,
    quoted: chunk.quoted,
    titled,
    speaks,
    titledForm,
    evidence,
    careful: line !== 'prose',
    pickedUpAs: () => pronounGender(after(sentence, endToken.end)) ?? context.followingGender(),
    aliasOnly,
  };
}

/** What readChunk needs to know of the sentence around a chunk. */
interface SentenceContext {
  line: LineKind;
  /** True when the next sentence of the paragraph opens with "He" or "She". */
  subjectOfNext: boolean;
  /** The gender of the first he/she of the next sentence of the paragraph (read on demand). */
  followingGender: () => 'male' | 'female' | null;
}

const QUOTED_TEXT = /“[^”]*”?|"[^"]*"?/gu;
const PRONOUN_GENDER = /\b(?:(he|him|his|himself)|(she|her|hers|herself))\b/iu;

/** The gender of the first third-person singular pronoun in a text, or null. */
function pronounGender(text: string): 'male' | 'female' | null {
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
  // "Merlene Ottey (Jamaica) 10.94": an athlete and the country they run for.
  const bracket = /^\s+\(([\p{L} .]+)\)/u.exec(rest)?.[1]?.toLowerCase();
  if (bracket !== undefined && (COUNTRY_NAMES.has(bracket) || PLACE_ALIASES.has(bracket)))
    evidence.person += STRONG;
  // "Hussain struck 158. He …": the name is the subject, a verb follows it; "Soon, he …" is an
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
  // "Caddell said": speech is human, but organisations speak too, so it only tips an untyped name.
  if (speaks && kind === null) evidence.person += WEAK;
  return evidence;
}

function initials(name: string): string {
  return name
    .split(/\s+/u)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
}

interface Draft {
  name: string;
  /** The kind the name's form gives it, or null while only evidence can tell. */
  kind: ActorKind | null;
  tokens: string[];
  aliases: Set<string>;
  roles: string[];
  gender: 'male' | 'female' | null;
  /** True when `gender` comes from a title or honorific ("Mr.", "congresswoman"), the surest sign. */
  genderByTitle: boolean;
  evidence: Evidence;
  /** Sentences that named it in the narration, in order: full names first, then repeated single words. */
  narrated: number[];
  /** The last sentence whose single word was taken as this draft's name (the second pass runs in order). */
  lastEcho: number;
  /** True once merged into another draft. */
  merged?: boolean;
  /** True when the headline or dateline names it (those names are no mentions). */
  headline?: boolean;
  spans: { sentence: Sentence; start: number; end: number; text: string; quoted: boolean }[];
}

function addRole(roles: string[], role: string): void {
  const lower = role.toLowerCase();
  if (role.length < 3 || roles.some((r) => r.toLowerCase() === lower)) return;
  roles.push(role);
}

/**
 * Finds the people, organisations and places of an article: proper-noun chunks read with titles,
 * appositives and a gazetteer, merged by alias ("President Biden", "Biden", "Joe Biden" are one).
 * Mentions inside `quoted` spans count, but only narration creates new actors.
 */
export function findActors(
  sentences: readonly Sentence[],
  quoted: readonly QuoteSpan[] = [],
  options: ActorOptions = {},
): Cast {
  const quotedAt = quotedSpansByParagraph(quoted);
  const foreign = (options.language ?? 'en') !== 'en';
  const candidates: Candidate[] = [];
  const headerSentences = (options.header ?? []).map(
    (text, i): Sentence => ({ index: -1 - i, paragraph: 0, text, start: 0, end: text.length }),
  );
  for (const sentence of [...sentences, ...headerSentences]) {
    if (CONTRIBUTOR_LINE.test(sentence.text)) continue;
    const tokens = tokenize(sentence.text);
    const header = sentence.paragraph === 0;
    const read = lineKind(tokens);
    // A headline is read with care whatever its capitals: it may name only known or typed names.
    const line = header && read === 'prose' ? 'title' : read;
    const next = sentences[sentence.index + 1];
    const following = next !== undefined && next.paragraph === sentence.paragraph ? next : undefined;
    const context: SentenceContext = {
      line,
      // "Hussain struck 158. He …": a name that opens a sentence and is picked up by he/she.
      subjectOfNext: following !== undefined && /^(?:He|She)\s/u.test(following.text),
      followingGender: () => (following !== undefined ? pronounGender(following.text) : null),
    };
    const inCredit = within(
      [...sentence.text.matchAll(PHOTO_CREDIT)].map((m): Interval => [m.index, m.index + m[0].length]),
    );
    for (const chunk of chunksOf(sentence, tokens, quotedAt(sentence.paragraph), line === 'shouted')) {
      if (inCredit(chunk.tokens[0]?.start ?? 0)) continue;
      const candidate = readChunk(foreign ? withoutOpener(chunk) : chunk, tokens, context);
      if (candidate) candidates.push(candidate);
    }
  }
  const cast = mergeCandidates(candidates);
  if ((options.language ?? 'en') === 'en') return cast;
  return strongOnly(cast, sentences);
}

/** A chunk without the word that opens its sentence: outside English a capital there says nothing ("Selon Marie Dubois"). */
function withoutOpener(chunk: Chunk): Chunk {
  if (chunk.at !== 0 || chunk.tokens.length < 2) return chunk;
  return { ...chunk, tokens: chunk.tokens.slice(1), at: 1 };
}

/** What else findActors reads besides the body. */
export interface ActorOptions {
  /** ISO 639-1 language of the article; outside English only strong evidence makes actors. */
  language?: string;
  /** The headline and dateline: read for names with care, never counted as mentions. */
  header?: readonly string[];
}

/** Repeated names in a language whose capitals we do not know: mentioned mid-sentence at least this often. */
const FOREIGN_MIN_MENTIONS = 2;

/**
 * The actors of an article in a language other than English: only names of two or more words named
 * at least twice, once mid-sentence, so capitalised function words ("Das", "El", "Ce") make none.
 */
function strongOnly(cast: Cast, sentences: readonly Sentence[]): Cast {
  const members = cast.members.filter((member) => {
    if (member.name.split(/\s+/u).length < 2) return false;
    const told = member.mentions.filter((mention) => !mention.quoted);
    return (
      told.length >= FOREIGN_MIN_MENTIONS &&
      told.some((mention) => sentences[mention.sentence]?.start !== mention.start)
    );
  });
  const kept = new Set(members.map((member) => member.id));
  return {
    members,
    mentions: cast.mentions.filter((mention) => kept.has(mention.actorId)),
    byId: new Map(members.map((member) => [member.id, member])),
  };
}

/** A photo credit in brackets ("(Lena Park/Reuters)"): its names are no story actors. */
const PHOTO_CREDIT = /\([^()]*\/[^()]*\)/gu;

/** A half-open range of offsets. */
type Interval = readonly [number, number];

/**
 * Whether an offset falls inside any of the intervals: merged and searched by bisection, so a
 * paragraph with thousands of quotes costs log time per lookup.
 */
function within(intervals: readonly Interval[]): (offset: number) => boolean {
  const merged: [number, number][] = [];
  for (const [from, to] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return (offset) => {
    let low = 0;
    let high = merged.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = merged[middle] as [number, number];
      if (offset < from) high = middle - 1;
      else if (offset >= to) low = middle + 1;
      else return true;
    }
    return false;
  };
}

/** Whether an offset of a paragraph stands inside quote marks, one lookup table per paragraph. */
function quotedSpansByParagraph(
  quoted: readonly QuoteSpan[],
): (paragraph: number) => (offset: number) => boolean {
  const byParagraph = new Map<number, Interval[]>();
  for (const span of quoted) {
    const list = byParagraph.get(span.paragraph);
    if (list) list.push([span.start, span.end]);
    else byParagraph.set(span.paragraph, [[span.start, span.end]]);
  }
  const lookups = new Map<number, (offset: number) => boolean>();
  return (paragraph) => {
    let lookup = lookups.get(paragraph);
    if (!lookup) {
      lookup = within(byParagraph.get(paragraph) ?? []);
      lookups.set(paragraph, lookup);
    }
    return lookup;
  };
}

/** Longest tail of an organisation's name that can stand for it ("Communist Party"). */
const MAX_SUFFIX_WORDS = 6;

/** A lone capitalised word with only weak evidence of its kind is an actor only when named this often. */
const LONE_HINT_MIN_MENTIONS = 2;

/** A lone capitalised word with no evidence is an actor only when it recurs this often mid-sentence. */
const LONE_WORD_MIN_MENTIONS = 3;

/**
 * More drafts than this sharing one word ("New", "Party") make the word no pointer to any one of
 * them, and keep every lookup by word bounded.
 */
const MAX_HOLDERS = 50;

function add<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** The drafts of an article with lookups by name and by word, so merging stays linear in the candidates. */
class DraftBook {
  readonly drafts: Draft[] = [];
  private readonly byName = new Map<string, Draft>();
  /** Multi-word people and organisations by each of their words, lower-cased. */
  private readonly byWord = new Map<string, Draft[]>();
  /** Multi-word drafts by their initials ("CCP" for "Chinese Communist Party"), built as acronyms ask. */
  private readonly byInitials = new Map<string, Draft[]>();
  private initialed = 0;

  start(name: string, kind: ActorKind | null, candidate: Candidate, echo = false): Draft {
    const tokens = name.split(/\s+/u);
    const draft: Draft = {
      name,
      kind,
      tokens,
      aliases: new Set(),
      roles: [],
      gender: null,
      genderByTitle: false,
      evidence: noEvidence(),
      narrated: [],
      lastEcho: -1,
      spans: [],
    };
    absorb(draft, candidate, echo);
    this.drafts.push(draft);
    this.byName.set(name.toLowerCase(), draft);
    if (tokens.length > 1) {
      for (const token of new Set(tokens.map((t) => t.toLowerCase()))) add(this.byWord, token, draft);
    }
    return draft;
  }

  /** The first multi-word draft whose initials spell the acronym. */
  abbreviated(acronym: string): Draft | undefined {
    for (; this.initialed < this.drafts.length; this.initialed++) {
      const draft = this.drafts[this.initialed];
      if (draft && draft.tokens.length > 1) add(this.byInitials, initials(draft.name), draft);
    }
    return this.byInitials.get(acronym)?.find((draft) => !draft.merged);
  }

  named(lower: string): Draft | undefined {
    return this.byName.get(lower);
  }

  /** Multi-word drafts that hold the word; none when too many do for the word to tell one apart. */
  holding(lower: string): readonly Draft[] {
    const list = this.byWord.get(lower) ?? [];
    if (list.length > MAX_HOLDERS) return [];
    return list.filter((draft) => !draft.merged);
  }

  /** Moves `source` into `target` and forgets it. */
  merge(target: Draft, source: Draft): void {
    mergeInto(target, source);
    source.merged = true;
    this.byName.set(source.name.toLowerCase(), target);
  }

  live(): Draft[] {
    return this.drafts.filter((draft) => !draft.merged);
  }
}

function resolveFixed(candidate: Candidate): string {
  const alias = PLACE_ALIASES.get(candidate.name.toLowerCase());
  const name = alias ?? republicOf(candidate.name) ?? candidate.name.replace(/^The\s+/u, '');
  // "LONDON 1996-08-30": a name printed in capitals is shown as a name is written.
  if (candidate.careful && (candidate.kind === 'place' || !isAcronym(name)) && name === name.toUpperCase())
    return name
      .toLowerCase()
      .replace(/(^|[\s'’-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
  return name;
}

/** The kind of a draft once its mentions are read: the form's kind, else the weight of evidence. */
function settle(draft: Draft): void {
  if (draft.kind === null || draft.kind === 'unknown') draft.kind = kindOf(draft.evidence);
}

function mergeCandidates(candidates: readonly Candidate[]): Cast {
  const book = new DraftBook();
  // First pass: multi-word names and names whose own form or context types them make drafts.
  const pending: Candidate[] = [];
  for (const candidate of candidates) {
    const name = resolveFixed(candidate);
    const known = book.named(name.toLowerCase()) ?? surnameOf(book, candidate);
    if (known && !known.merged) {
      absorb(known, candidate);
      continue;
    }
    const evident = kindOf(candidate.evidence) !== 'unknown';
    const opens = candidate.tokens.length > 1 || candidate.kind !== null;
    if (!candidate.quoted && opens && (evident || !candidate.careful)) {
      book.start(name, candidate.kind, candidate);
      continue;
    }
    pending.push(candidate);
  }
  for (const draft of book.drafts) settle(draft);
  joinPeople(book);
  // Second pass: single words become aliases of a person or organisation, or actors of their own.
  const counts = new Map<string, { mentions: number; evidence: Evidence; speaks: boolean }>();
  for (const candidate of pending) {
    if (candidate.quoted || candidate.careful || candidate.aliasOnly) continue;
    const entry = counts.get(candidate.name) ?? { mentions: 0, evidence: noEvidence(), speaks: false };
    entry.mentions++;
    entry.speaks ||= candidate.speaks;
    addEvidence(entry.evidence, candidate.evidence);
    counts.set(candidate.name, entry);
  }
  for (const candidate of pending) {
    const word = candidate.name;
    const lower = word.toLowerCase();
    const target = candidate.aliasOnly
      ? surnameTarget(book, lower)
      : (aliasTarget(book, candidate, word, lower) ?? book.named(lower));
    if (target) {
      absorb(target, candidate, true);
      continue;
    }
    if (candidate.quoted || candidate.careful || candidate.aliasOnly) continue;
    const seen = counts.get(word);
    let kind: ActorKind = candidate.kind ?? kindOf(seen?.evidence ?? candidate.evidence);
    if (kind === 'unknown' && isAcronym(word)) kind = 'organization';
    const mentions = seen?.mentions ?? 0;
    if (kind === 'unknown' && mentions < LONE_WORD_MIN_MENTIONS) continue;
    // "the Paper" once: a lone word with only a hint of a person or organisation must recur, unless it speaks.
    const evidence = seen?.evidence ?? candidate.evidence;
    const hinted = kind !== 'place' && Math.max(evidence.person, evidence.organization) < STRONG;
    if (candidate.kind === null && hinted && !seen?.speaks && mentions < LONE_HINT_MIN_MENTIONS) continue;
    book.start(word, kind, candidate, true);
  }
  // A name of no known kind may have gained evidence from the words that repeat it ("Romney said").
  for (const draft of book.live()) settle(draft);
  // Suffix aliases between organisations: "Communist Party" is the "Chinese Communist Party".
  for (const longer of book.live()) {
    if (longer.kind !== 'organization' || longer.merged) continue;
    for (let k = Math.max(1, longer.tokens.length - MAX_SUFFIX_WORDS); k < longer.tokens.length; k++) {
      const shorter = book.named(longer.tokens.slice(k).join(' ').toLowerCase());
      if (shorter && shorter !== longer && !shorter.merged && shorter.kind === 'organization')
        book.merge(longer, shorter);
    }
  }
  return buildCast(book.live());
}

/** Joins the names of one person: "John Kerry" into "John F. Kerry", a titled "President Biden" into "Joe Biden". */
function joinPeople(book: DraftBook): void {
  for (const draft of book.live()) {
    if (draft.kind !== 'person') continue;
    const first = draft.tokens[0]?.toLowerCase() ?? '';
    const last = draft.tokens.at(-1)?.toLowerCase() ?? '';
    const longer = book
      .holding(last)
      .find(
        (other) =>
          other !== draft &&
          !other.merged &&
          other.kind === 'person' &&
          other.tokens.length > draft.tokens.length &&
          other.tokens[0]?.toLowerCase() === first &&
          other.tokens.at(-1)?.toLowerCase() === last,
      );
    if (longer) book.merge(longer, draft);
  }
  for (const draft of book.live()) {
    if (draft.kind !== 'person' || draft.tokens.length !== 1) continue;
    const word = draft.tokens[0]?.toLowerCase() ?? '';
    const full = book
      .holding(word)
      .filter(
        (other) =>
          !other.merged &&
          other.kind === 'person' &&
          other.tokens.length > 1 &&
          other.tokens.at(-1)?.toLowerCase() === word,
      );
    if (full.length === 1 && full[0]) book.merge(full[0], draft);
  }
}

/**
 * The person a lone word names when it repeats the surname of one already named ("Joe Scarborough"
 * … "Scarborough"), even where the word is also a city: a person's surname outranks the gazetteer.
 */
function surnameOf(book: DraftBook, candidate: Candidate): Draft | undefined {
  if (candidate.tokens.length !== 1 || candidate.kind !== 'place') return undefined;
  const lower = candidate.name.toLowerCase();
  if (COUNTRY_NAMES.has(lower) || PLACE_ALIASES.has(lower)) return undefined;
  const people = book
    .holding(lower)
    .filter(
      (draft) => !draft.merged && draft.kind === 'person' && draft.tokens.at(-1)?.toLowerCase() === lower,
    );
  return people.length === 1 ? people[0] : undefined;
}

/** The one person named before whose surname a lone title word is ("Billie Jean King" for "King"). */
function surnameTarget(book: DraftBook, lower: string): Draft | undefined {
  const people = book
    .holding(lower)
    .filter((draft) => draft.kind === 'person' && draft.tokens.at(-1)?.toLowerCase() === lower);
  return people.length === 1 ? people[0] : undefined;
}

function aliasTarget(book: DraftBook, candidate: Candidate, word: string, lower: string): Draft | null {
  const fixed = PLACE_ALIASES.get(lower);
  if (fixed) return book.named(fixed.toLowerCase()) ?? null;
  const holders = book.holding(lower).filter((draft) => !draft.merged);
  const matches = holders.filter(
    (draft) =>
      (draft.kind === 'person' &&
        (draft.tokens.at(-1)?.toLowerCase() === lower ||
          draft.tokens[0]?.toLowerCase() === lower ||
          draft.tokens.some((t) => t.toLowerCase() === lower && t.length > 2 && !/\.$/u.test(t)))) ||
      // "Mitt Romney" … "Romney": a two-word name of no known kind is read as a person's by its surname.
      (draft.kind === 'unknown' && draft.tokens.length === 2 && draft.tokens.at(-1)?.toLowerCase() === lower),
  );
  const byLast = matches.filter((draft) => draft.tokens.at(-1)?.toLowerCase() === lower);
  const named = byLast.length > 0 ? byLast : matches;
  // Chris and Anne Marie Murphy: the "he" or "she" that picks the surname up tells which one it is.
  const pickedUpAs = named.length > 1 ? candidate.pickedUpAs() : null;
  const agreeing = named.filter((draft) => draft.gender === pickedUpAs);
  const pool =
    pickedUpAs !== null && agreeing.length > 0 && agreeing.length < named.length ? agreeing : named;
  if (pool.length > 0) {
    // Several people share the word (Hillary and Chelsea Clinton): the most recently named, then the most named.
    const position = candidate.sentence.index;
    let best: Draft | null = null;
    let bestScore = -1;
    for (const draft of pool) {
      const score = draft.spans.length + (namedNear(draft, position) ? 100 : 0);
      if (score > bestScore) {
        best = draft;
        bestScore = score;
      }
    }
    return best;
  }
  if (isAcronym(word)) {
    const bare = word.replaceAll('.', '');
    const found = book.abbreviated(bare);
    if (found) return found;
  }
  if (candidate.careful) {
    // "LEICESTERSHIRE" in a headline in capitals: the same name as the story writes it.
    const same = book.named(lower);
    if (same) return same;
  }
  return holders.find((draft) => draft.kind === 'organization' && draft.name.endsWith(` ${word}`)) ?? null;
}

/** Sentences before a lone word within which a namesake counts as just named. */
const RECENT_SENTENCES = 2;

/** Whether the narration named the draft in the few sentences up to `position`. */
function namedNear(draft: Draft, position: number): boolean {
  const from = position - RECENT_SENTENCES;
  if (draft.lastEcho >= from && draft.lastEcho <= position) return true;
  const list = draft.narrated;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] ?? 0) < from) low = middle + 1;
    else high = middle;
  }
  return low < list.length && (list[low] ?? Number.POSITIVE_INFINITY) <= position;
}

/** Two ascending lists as one. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] ?? 0) <= (b[j] ?? 0))) out.push(a[i++] ?? 0);
    else out.push(b[j++] ?? 0);
  }
  return out;
}

/** Adds a candidate to a draft; `echo` when it is a single word read in the second, in-order pass. */
function absorb(draft: Draft, candidate: Candidate, echo = false): void {
  const text = candidate.name;
  const shouted = candidate.careful && text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);
  if (text !== draft.name && !shouted) draft.aliases.add(text);
  if (candidate.titledForm && candidate.titledForm !== draft.name) draft.aliases.add(candidate.titledForm);
  for (const role of candidate.roles) addRole(draft.roles, role);
  if (candidate.gender && !candidate.genderByName && !draft.genderByTitle) {
    draft.gender = candidate.gender;
    draft.genderByTitle = true;
  } else if (candidate.gender && draft.gender === null) draft.gender = candidate.gender;
  if (draft.kind === null && candidate.kind) draft.kind = candidate.kind;
  addEvidence(draft.evidence, candidate.evidence);
  // A name inside someone's quote does not make it the narrator's latest referent.
  const at = candidate.sentence.index;
  if (!candidate.quoted && at >= 0) {
    if (echo) draft.lastEcho = Math.max(draft.lastEcho, at);
    else if (at >= (draft.narrated.at(-1) ?? -1)) draft.narrated.push(at);
  }
  const first = candidate.tokens[0];
  const last = candidate.tokens[candidate.tokens.length - 1];
  if (candidate.sentence.paragraph === 0) draft.headline = true;
  if (!first || !last || candidate.sentence.paragraph === 0) return;
  // Titled forms count as aliases too ("President Biden"), as the article writes them.
  draft.spans.push({
    sentence: candidate.sentence,
    start: candidate.sentence.start + first.start,
    end: candidate.sentence.start + last.end,
    text,
    quoted: candidate.quoted,
  });
}

function mergeInto(target: Draft, source: Draft): void {
  target.aliases.add(source.name);
  for (const alias of source.aliases) target.aliases.add(alias);
  for (const role of source.roles) addRole(target.roles, role);
  if (source.genderByTitle && !target.genderByTitle) {
    target.gender = source.gender;
    target.genderByTitle = true;
  } else if (target.gender === null) target.gender = source.gender;
  addEvidence(target.evidence, source.evidence);
  target.narrated = mergeSorted(target.narrated, source.narrated);
  target.lastEcho = Math.max(target.lastEcho, source.lastEcho);
  if (source.headline) target.headline = true;
  for (const span of source.spans) target.spans.push(span);
}

function buildCast(drafts: readonly Draft[]): Cast {
  const members: CastMember[] = [];
  const mentions: Mention[] = [];
  const used = new Set<string>();
  for (const draft of drafts) {
    if (draft.spans.every((span) => span.quoted) && !(draft.headline && draft.spans.length === 0)) continue;
    let id = slug(draft.name) || 'actor';
    while (used.has(id)) id = `${id}-2`;
    used.add(id);
    const own = draft.spans
      .map(
        (span): Mention => ({
          actorId: id,
          sentence: span.sentence.index,
          paragraph: span.sentence.paragraph,
          start: span.start,
          end: span.end,
          text: span.text,
          quoted: span.quoted,
        }),
      )
      .sort((a, b) => a.sentence - b.sentence || a.start - b.start);
    draft.aliases.delete(draft.name);
    members.push({
      id,
      name: draft.name,
      kind: draft.kind ?? 'unknown',
      aliases: [...draft.aliases],
      roles: draft.roles,
      gender: draft.gender,
      mentions: own,
    });
    for (const mention of own) mentions.push(mention);
  }
  mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
  return { members, mentions, byId: new Map(members.map((member) => [member.id, member])) };
}

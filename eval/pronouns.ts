/**
 * What a gold pronoun source ("he", "she", "they", "who") stands for, for scoring a speaker against
 * it: in PolNeAR's annotated reading, the closest earlier annotated source that agrees with it; in a
 * reader's reading, also a "who"'s head, a sentence-opening he or she taken up again, and the people
 * the narration names as a sentence's subject; else the person named last before it. The quote
 * scorer (`quotes.ts`) and the speaker model's labels (`npm run train`) read pronoun sources here.
 */
import { PHRASE_BREAKS, PREPOSITIONS } from '../src/core/analysis/attribution/words.ts';
import {
  COUNTRY_NAMES,
  DESCRIPTORS,
  FEMALE_FIRST_NAMES,
  HONORIFICS,
  INVERTABLE_VERBS,
  MALE_FIRST_NAMES,
  NAME_SUFFIXES,
  NAME_TITLES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  ORG_WORDS,
  ROLE_NOUNS,
  SOURCE_NOUNS,
  STATEMENT_NOUNS,
} from '../src/core/analysis/lexicon.ts';
import {
  contentWords,
  type GoldDocument,
  goldQuoteSpans,
  headOf,
  isDescription,
  PRONOUN_SOURCES,
} from './gold.ts';

/** An actor as the scoring reads it: for a pronoun source, the person named last before it. */
export interface NamedActor {
  kind: string;
  name: string;
  aliases: readonly string[];
}

const QUANTIFIERS = new Set(['many', 'some', 'all', 'most', 'both', 'several', 'few', 'others', 'whom']);

/** For a pronoun source, the named person nearest before it: the last actor name or alias in the text. */
export function antecedentOf(
  text: string,
  at: number,
  people: readonly NamedActor[],
  quoted: readonly [number, number][],
): string | null {
  let best: { at: number; name: string } | null = null;
  const inQuote = (offset: number) => quoted.some(([start, end]) => offset >= start && offset < end);
  for (const actor of people) {
    if (actor.kind !== 'person') continue;
    for (const name of [actor.name, ...actor.aliases]) {
      let found = text.lastIndexOf(name, at - 1);
      while (found >= 0 && inQuote(found)) found = text.lastIndexOf(name, found - 1);
      if (found >= 0 && (!best || found > best.at)) best = { at: found, name: actor.name };
    }
  }
  return best?.name ?? null;
}

const MALE_WORDS =
  /\b(?:mr|mister|sir|he|spokesman|chairman|congressman|businessman|husband|father|son|brother|king|prince|actor)\b/u;
const FEMALE_WORDS =
  /\b(?:mrs|ms|miss|madam|spokeswoman|chairwoman|congresswoman|businesswoman|wife|mother|daughter|sister|woman|lady|queen|princess|actress)\b/u;
/** Heads of sources that are not one person: organisations, documents, groups. */
const NOT_PERSON = new Set([
  ...ORG_WORDS,
  ...STATEMENT_NOUNS,
  'campaign',
  'camp',
  'team',
  'staff',
  'people',
  'police',
  'public',
  'crowd',
  'audience',
  'percent',
  'majority',
  'poll',
]);
/** Quantity nouns that head a group ("a number of Democrats", "a handful of aides"), which no he or she takes up. */
const GROUP_NOUNS = new Set(['number', 'handful', 'couple', 'pair', 'dozen', 'dozens', 'lot', 'bunch']);

/** A relative clause and what follows it in a source span ("X, who worked with him as he …"): it tells nothing of X's gender. */
const RELATIVE_CLAUSE = /,?\s(?:who|whom|whose|which|that)\s.*$/su;
/** An initial between a given name and a surname ("Donald J. Trump"). */
const INITIAL = /^\p{Lu}\.$/u;

/**
 * The given names of a source: each capitalised word that is no title and stands right before
 * another capitalised word that is no possessive ("Lisa" in "The Associated Press's Lisa Lerer",
 * "Keith" in "GOP strategist Keith Nahigian"), initials between them skipped.
 */
function givenNames(source: string): string[] {
  const tokens = source.split(/\s+/u).filter((token) => !INITIAL.test(token));
  const given: string[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1] ?? '';
    const word = token.toLowerCase().replace(/[,.]$/u, '');
    if (!/^\p{Lu}[\p{L}’'-]+$/u.test(token) || !/^\p{Lu}[\p{L}’'-]+,?$/u.test(next)) return;
    if (/['’]s,?$/u.test(next) || NAME_TITLES.has(word) || NAME_TITLES.has(`${word}.`)) return;
    if (!HONORIFICS.has(word) && !NOT_NAME_WORDS.has(word)) given.push(word);
  });
  return given;
}

/** The gender a source's words or the document show for it ("Mr. Smith", "Hillary Clinton", "a spokeswoman"). */
function genderOf(source: string, text: string, reader = true): 'male' | 'female' | null {
  const own = reader ? source.replace(RELATIVE_CLAUSE, '') : source;
  const lower = own.toLowerCase();
  if (FEMALE_WORDS.test(lower)) return 'female';
  if (MALE_WORDS.test(lower)) return 'male';
  const names = own.match(/\p{Lu}[\p{L}’'-]+/gu) ?? [];
  if (reader) {
    const given = givenNames(own);
    for (const name of given) {
      if (MALE_FIRST_NAMES.has(name)) return 'male';
      if (FEMALE_FIRST_NAMES.has(name)) return 'female';
    }
    // "Bill Clinton": a given name that tells nothing; the surname's other bearers are relatives (the
    // former reading borrowed their gender).
    if (given.length > 0) return null;
  } else {
    // A lone name ("Christie", "Jackson") is a surname: only a name of two words or more opens with a
    // given name, after any titles ("President Barack Obama").
    const given = names
      .slice(0, -1)
      .map((name) => name.toLowerCase())
      .find((name) => !NAME_TITLES.has(name) && !NAME_TITLES.has(`${name}.`) && !HONORIFICS.has(name));
    if (given && MALE_FIRST_NAMES.has(given)) return 'male';
    if (given && FEMALE_FIRST_NAMES.has(given)) return 'female';
  }
  // "Fiorina, 61, a former executive of Acme": the name before an appositive is the person's own.
  const named = reader ? (own.split(',').find((part) => /\p{Lu}/u.test(part)) ?? own) : own;
  const surname = (named.match(/\p{Lu}[\p{L}’'-]+/gu) ?? names).at(-1)?.replace(/['’]s?$/u, '');
  if (!surname) return null;
  // The document names the same person in full or with an honorific elsewhere.
  for (const match of text.matchAll(
    new RegExp(`(\\p{Lu}[\\p{L}]*\\.?)\\s+(?:\\p{Lu}\\.\\s+)?${surname}\\b`, 'gu'),
  )) {
    // "… for ISIS.\n\nTiegen": a word across a stop or a line break is no part of the name.
    if (reader && (match[0].includes('\n') || /^(?!(?:mr|mrs|ms|dr)\.)\S+\./iu.test(match[1] ?? '')))
      continue;
    const word = match[1]?.toLowerCase().replace(/\.$/u, '') ?? '';
    if (word === 'mr' || MALE_FIRST_NAMES.has(word)) return 'male';
    if (word === 'mrs' || word === 'ms' || FEMALE_FIRST_NAMES.has(word)) return 'female';
  }
  return null;
}

/** True when a source can be one person: not an organisation, document or plural group. */
function canBePerson(source: string): boolean {
  const head = headOf(source).toLowerCase();
  if (NOT_PERSON.has(head) || QUANTIFIERS.has(head)) return false;
  // "many Americans", "Several people I've spoken with": a quantifier opens a group.
  const first = source.trim().split(/\s+/u)[0]?.toLowerCase() ?? '';
  if (QUANTIFIERS.has(first) && /\s/u.test(source.trim())) return false;
  // "two out of three Americans", "Democrats": a plural of a nationality or party word is a group.
  if (/[^s]s$/u.test(head) && NATIONALITIES.has(head.slice(0, -1))) return false;
  // "Smith and Jones", "my siblings and I": more than one (an appositive or relative clause aside).
  const core = source.split(/,|\s(?:who|which|that)\s/u)[0] ?? source;
  if (/\sand\s/u.test(core)) return false;
  // "sources", "officials": a plural common noun.
  if (isDescription(source) && /[^s]s$/u.test(head)) return false;
  // "The New York Post": a capitalised name after "The" names an institution.
  if (/^the\s+\p{Lu}/iu.test(source.trim()) && !isDescription(source)) return false;
  return true;
}

/** The gender a pronoun source asks for, or null ("they", "who", "I"). */
function wantedGender(pronoun: string): 'male' | 'female' | null {
  if (pronoun === 'he' || pronoun === 'him' || pronoun === 'his') return 'male';
  return pronoun === 'she' || pronoun === 'her' ? 'female' : null;
}

/** Source words that stand for a clause or a thing, never for someone a pronoun takes up ("that", "whose"). */
const NO_REFERENT = new Set([
  'that',
  'this',
  'these',
  'those',
  'whose',
  'what',
  'there',
  'here',
  'none',
  'nobody',
  'no one',
  'everyone',
  'everybody',
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'each',
  'either',
  'neither',
]);

/** A possible antecedent of a pronoun source: an annotated source, or (named) a person the narration makes a subject. */
interface PossibleReferent {
  start: number;
  words: string;
  named: boolean;
  /** The words before a subject's name in its sentence ("Mrs.", "the agency's director,"), which may show its gender. */
  lead?: string;
}

/** How pronoun sources are read: as PolNeAR's closest agreeing source, or as a reader takes them. */
export type PronounReading = 'annotated' | 'reader';

/** What the reading of a document's pronoun sources knows besides the annotations. */
interface ReadingContext {
  reading: PronounReading;
  /** The names of the people and bodies of the article (the reader's reading only, for "who"). */
  names: readonly NamedActor[];
  /** People the narration names as a sentence's subject (the reader's reading only). */
  subjects: readonly PossibleReferent[];
  /** Lower-cased names of organisations and places (the reader's reading only). */
  things: ReadonlySet<string>;
  /** Lower-cased names, aliases and surnames of people (the reader's reading only). */
  people: ReadonlySet<string>;
}

/**
 * True when an annotated source can be what a pronoun takes up. The reader's reading also rules
 * out words that name no one ("that", "whose"), organisations for he/she ("Politico"), and
 * descriptions no person noun heads ("the result").
 */
function annotatedFits(
  words: string,
  pronoun: string,
  document: GoldDocument,
  context: ReadingContext,
): boolean {
  const lone = words.toLowerCase();
  const reader = context.reading === 'reader';
  if (PRONOUN_SOURCES.has(lone) || contentWords(words).size === 0) return false;
  if (reader && NO_REFERENT.has(lone)) return false;
  const wanted = wantedGender(pronoun);
  const gender = genderOf(words, document.text, reader);
  if (wanted) {
    // "he" or "she" never stands for a country or a nationality ("Russia", "European").
    const known = reader && context.people.has(lone);
    if (!known && (COUNTRY_NAMES.has(lone) || NATIONALITIES.has(lone))) return false;
    if (reader && context.things.has(lone)) return false;
    if (reader && (!headsPerson(words) || GROUP_NOUNS.has(headOf(words).toLowerCase()))) return false;
    return canBePerson(words) && (!gender || gender === wanted);
  }
  const nonPerson = ['they', 'it', 'which', 'their', 'its', 'them'].includes(pronoun);
  return !(nonPerson && (gender || (isDescription(words) && ROLE_NOUNS.has(headOf(words).toLowerCase()))));
}

/** Nouns that head a description of one person besides roles and source nouns ("the woman"). */
const PERSON_NOUNS = new Set([
  'man',
  'woman',
  'boy',
  'girl',
  'wife',
  'husband',
  'son',
  'daughter',
  'mother',
  'father',
  'brother',
  'sister',
  'friend',
]);

/**
 * True when a source names someone (a capitalised word after its first: "Another delegate,
 * Ruth Okafor") or a person noun heads it ("the former president", "the woman"), rather than
 * a thing ("The result", "my mind").
 */
function headsPerson(source: string): boolean {
  if (/\s\p{Lu}/u.test(source.trim())) return true;
  const core = source.split(',')[0] ?? source;
  if (!isDescription(core)) return true;
  const head = headOf(core).toLowerCase();
  return ROLE_NOUNS.has(head) || SOURCE_NOUNS.has(head) || PERSON_NOUNS.has(head);
}

/**
 * For a pronoun source, the closest antecedent before it that agrees with it, among the annotated
 * sources that are not themselves pronouns (he/she: one person of that gender; they/it: not a
 * known man or woman) and, in the reader's reading, for he/she also the people the narration names
 * as a sentence's subject ("Tomas Brenner, a 61-year-old beekeeper, drove in …. “…,” he said"),
 * whom PolNeAR marks as a source only where they speak. Null when there is none.
 */
function readerAntecedentOf(
  document: GoldDocument,
  at: number,
  pronoun: string,
  context: ReadingContext,
): string | null {
  if (context.reading === 'reader' && (pronoun === 'who' || pronoun === 'which')) {
    const head = relativeHead(document.text, at, context.names);
    if (head) return head;
  }
  const wanted = wantedGender(pronoun);
  const other = wanted === 'male' ? 'female' : 'male';
  const candidates: PossibleReferent[] = [];
  for (const attribution of document.attributions) {
    const first = attribution.source?.[0];
    if (!first || first.start >= at) continue;
    const words = first.text.trim();
    // An annotated "who" stands for the person it hangs on ("Bret Stephens, who … said"), whom a later "he" takes up.
    const head = relativeSource(document.text, first.start, words, context);
    if (head) {
      if (subjectGender(head, document.text) !== other) candidates.push(head);
      continue;
    }
    // A source span that took in its cue ("According to") names whoever follows the cue.
    candidates.push({ start: first.start, words: words.replace(/^according to\b\s*/iu, ''), named: false });
  }
  if (wanted) candidates.push(...subjectsBefore(document.text, at, other, context));
  candidates.sort((a, b) => b.start - a.start);
  for (const candidate of candidates)
    if (candidate.named || annotatedFits(candidate.words, pronoun, document, context)) return candidate.words;
  return null;
}

/**
 * The narration's subjects before a he/she at `at` that are not of the `other` gender, leaving out
 * the subject of the words a "…, he said" reports ("Also, the mayor is no builder, he said").
 */
function subjectsBefore(
  text: string,
  at: number,
  other: 'male' | 'female',
  context: ReadingContext,
): PossibleReferent[] {
  const reported = /[^\s”"’'],\s*$/u.test(text.slice(Math.max(0, at - 3), at));
  const sentence = reported ? sentenceStartBefore(text, at, REPORTED_REACH) : -1;
  const before = sentence >= 0 ? sentence : at;
  return context.subjects.filter(
    (subject) => subject.start < before && subjectGender(subject, text) !== other,
  );
}

/**
 * The person an annotated relative source ("who") hangs on, in the reader's reading, with the word
 * before the name ("Mrs." of "Mrs. Clinton, who …"); null for another source, or when no person's
 * name stands before it alone ("Bush and Christie, who say …" are two).
 */
function relativeSource(
  text: string,
  at: number,
  words: string,
  context: ReadingContext,
): PossibleReferent | null {
  if (context.reading !== 'reader' || words.toLowerCase() !== 'who') return null;
  const match = relativeMatch(text, at, context.names);
  if (!match || !context.people.has(match.name.toLowerCase())) return null;
  const lead =
    text
      .slice(Math.max(0, match.start - LEAD_REACH), match.start)
      .split(/\s+/u)
      .at(-2) ?? '';
  if (lead.toLowerCase() === 'and' || lead.toLowerCase() === 'or') return null;
  return { start: at, words: match.name, named: true, lead };
}

/** How far before a name the word before it is looked for. */
const LEAD_REACH = 12;

/**
 * What may stand between a name and the "who" that hangs on it: a possessive, where the person is
 * from ("Sen. Ann Lee of Ohio, who"), a comma and an appositive ("Smith, a lawyer, who").
 */
const RELATIVE_BETWEEN =
  /^(?:['’]s)?(?:\s+(?:of|from)(?:\s+\p{Lu}[\p{L}.'’-]*)+)?\s*,\s*(?:[^,.;:!?“”"]{1,40},\s*)?$/u;
/** How far before "who" its head may end ("Trump, the front-runner, who …"). */
const RELATIVE_REACH = 60;

/**
 * The name a relative "who" hangs on: the last name before it with only a comma, or a comma and an
 * appositive, between ("Hale, who has called …", "Smith, a lawyer, who …").
 */
function relativeHead(text: string, at: number, names: readonly NamedActor[]): string | null {
  return relativeMatch(text, at, names)?.name ?? null;
}

/** Where the name a relative "who" hangs on stands, and whose it is; the longest name ending last wins ("Mrs. Clinton" over "Clinton"). */
function relativeMatch(
  text: string,
  at: number,
  names: readonly NamedActor[],
): { start: number; end: number; name: string } | null {
  let best: { start: number; end: number; name: string } | null = null;
  const before = text.slice(Math.max(0, at - RELATIVE_REACH), at);
  const offset = at - before.length;
  for (const actor of names)
    for (const name of new Set([actor.name, ...actor.aliases])) {
      const found = before.lastIndexOf(name);
      if (found < 0) continue;
      const start = offset + found;
      const end = start + name.length;
      const between = text.slice(end, at);
      if (!RELATIVE_BETWEEN.test(between)) continue;
      if (!best || end > best.end || (end === best.end && start < best.start))
        best = { start, end, name: actor.name };
    }
  return best;
}

/** How far back a sentence's start is looked for before a name (an opening clause may run long: "When a reporter asked him …, Lee said"). */
const SENTENCE_REACH = 250;
/** How far back the start of the words a "…, he said" reports is looked for: a short sentence, not a long opening clause ("When Lee was asked …, he laughed"). */
const REPORTED_REACH = 120;

/** Where the sentence holding `at` starts (after a line break or a stop that is no abbreviation's), or -1 when it is far. */
function sentenceStartBefore(text: string, at: number, reach = SENTENCE_REACH): number {
  for (let i = at - 1; i >= Math.max(0, at - reach); i--) {
    const char = text[i] ?? '';
    if (char === '\n') return i + 1;
    // A colon opens no clause whose subject a name could be ("taking aim at an old rival: Ivo Dunmore.").
    if (!/[.!?;]/u.test(char) || !/^[”"’']?\s/u.test(text.slice(i + 1, i + 3))) continue;
    // "Sen. Ana Rusk", "Ore., drove": an abbreviation's stop ends no sentence.
    if (
      char === '.' &&
      /(?:^|[\s(])(?:\p{Lu}[\p{L}]{0,4}|(?:\p{L}\.)+\p{L})$/u.test(text.slice(Math.max(0, i - 8), i))
    )
      continue;
    return i + 1;
  }
  return at < reach ? 0 : -1;
}

/** Words that may open a sentence before its subject ("But Rusk wasn’t convinced"). */
const OPENING_WORDS = new Set(['but', 'and', 'so', 'yet', 'still', 'then', 'now', 'later', 'meanwhile']);
/** How many title and role words may stand before a name that opens its sentence. */
const TITLE_WORDS = 5;

/** How many words an opening phrase set off by a comma may hold before a subject ("Last week,", "There,"). */
const OPENER_WORDS = 3;
/** How many words a phrase describing a subject may hold before its name ("Kazakhstan's foreign minister,"). */
const DESCRIPTION_WORDS = 6;
/** Articles, after which a name is a modifier ("the Lee campaign"), never a person named. */
const ARTICLES = new Set(['the', 'a', 'an']);
/** Words that open a phrase describing one person ("the agency's director, Ann Lee"). */
const ONE_PERSON_DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'his', 'her', 'their', 'its']);

/**
 * The words before a name at `start` when it is its sentence's subject ("Deputy Mayor", "the
 * agency's director,", "" when it opens the sentence), after an opening phrase set off by a comma
 * at most ("Last week, the director, Ann Lee, said"); null when it is no subject.
 */
function subjectLead(text: string, start: number, end: number): string | null {
  if (/^['’]s\b/u.test(text.slice(end, end + 3))) return null;
  const from = sentenceStartBefore(text, start);
  if (from < 0) return null;
  const words = text
    .slice(from, start)
    .replace(/^[\s”"’']+/u, '')
    .split(/\s+/u)
    .filter((word) => word.length > 0);
  if (OPENING_WORDS.has(words[0]?.toLowerCase().replace(/,$/u, '') ?? '')) words.shift();
  // "The Lee campaign", "a Lee ally": a name right after an article modifies a noun, it is no subject.
  if (ARTICLES.has(words.at(-1)?.toLowerCase() ?? '')) return null;
  if (leadsSubject(words)) return words.join(' ');
  const rest = afterOpeningPhrase(words);
  return rest && leadsSubject(rest) ? rest.join(' ') : null;
}

/**
 * The words after a sentence's opening phrase ("Last week, …", "When a reporter asked him about it,
 * …", "Speaking on Monday, …"), or after the subordinator of an opening clause whose subject the
 * name is ("Though Ms. Lee has lived here …"); null when there is none.
 */
function afterOpeningPhrase(words: readonly string[]): readonly string[] | null {
  const opening = words[0]?.toLowerCase() ?? '';
  // "For Ann Lee, Tom Marsh is …", "To Ann Lee, …": a phrase framing whose view the sentence gives.
  if (VIEWPOINT_WORDS.has(opening)) return null;
  if (SUBORDINATORS.has(opening) && titlesOnly(words.slice(1))) return words.slice(1);
  const first = words.findIndex((word) => word.endsWith(','));
  const last = words.findLastIndex((word) => word.endsWith(','));
  // "Ann Lee's husband, Tom, …" describes Tom; a short opening phrase holds no possessive.
  const short = first < OPENER_WORDS && !words.slice(0, first + 1).some((word) => /['’]s,?$/u.test(word));
  const opener = subordinate(opening) ? last : short ? first : -1;
  return opener >= 0 ? words.slice(opener + 1) : null;
}

/** Prepositions that open a phrase framing someone's view ("For Ann Lee, …"), after which the subject speaks for that person. */
const VIEWPOINT_WORDS = new Set(['for', 'to']);
/** Words that open a subordinate phrase before a sentence's subject ("Although …, Smith said"), besides prepositions. */
const SUBORDINATORS = new Set([
  'after',
  'before',
  'since',
  'although',
  'though',
  'once',
  'until',
  'unless',
  'despite',
  'whether',
  'where',
  'when',
  'while',
  'because',
  'if',
  'as',
]);

/** True when a word opens a phrase that is no subject: a preposition, a subordinator or a participle ("Asked", "Speaking"). */
function subordinate(word: string): boolean {
  const lower = word.toLowerCase().replace(/,$/u, '');
  return (
    PREPOSITIONS.has(lower) ||
    PHRASE_BREAKS.has(lower) ||
    SUBORDINATORS.has(lower) ||
    /\p{L}{3}(?:ing|ed)$/u.test(lower)
  );
}

/** True when the words before a name, after any opening phrase, leave it the subject: titles, or a phrase describing it. */
function leadsSubject(words: readonly string[]): boolean {
  return titlesOnly(words) || describesSubject(words);
}

/** True when a phrase holds a preposition or clause break: a capital after it opens a phrase, not a title ("For Marta Kell, …"). */
function breaksPhrase(words: readonly string[]): boolean {
  return words.some((word) => {
    const lower = word.toLowerCase();
    return PHRASE_BREAKS.has(lower) || PREPOSITIONS.has(lower) || SUBORDINATORS.has(lower);
  });
}

/** True when the words before a name are titles and role words at most ("Deputy Mayor Lena Voss weighed in"). */
function titlesOnly(words: readonly string[]): boolean {
  return (
    !breaksPhrase(words) &&
    words.length <= TITLE_WORDS &&
    words.every(
      (word) => /^\p{Lu}[\p{L}.'’-]*$/u.test(word) || ROLE_NOUNS.has(word.toLowerCase()) || word === 'former',
    )
  );
}

/**
 * True when the words before a name describe it as one person: a determiner or possessive, then
 * words up to a role or person noun, then titles at most ("One local woman,", "Kazakhstan's
 * foreign minister,", "the district GOP Chairman").
 */
function describesSubject(words: readonly string[]): boolean {
  const first = words[0]?.toLowerCase() ?? '';
  if (words.length > DESCRIPTION_WORDS || breaksPhrase(words)) return false;
  // "Ann Lee's husband, …": a name in the possessive opens a description too.
  const owner = words.findIndex((word) => /\p{L}['’]s$/u.test(word));
  const named = owner >= 0 && words.slice(0, owner).every((word) => /^\p{Lu}/u.test(word));
  if (!ONE_PERSON_DETERMINERS.has(first) && !named) return false;
  const bare = words.map((word) => word.toLowerCase().replace(/,$/u, ''));
  const head = bare.findLastIndex(
    (word) =>
      ROLE_NOUNS.has(word) || PERSON_NOUNS.has(word) || SOURCE_NOUNS.has(word) || DESCRIPTORS.has(word),
  );
  return head > 0 && words.slice(head + 1).every((word) => /^\p{Lu}[\p{L}.'’-]*$/u.test(word));
}

/** How far before a name an inverted cue after a quote is looked for ("…,” said Deputy Mayor Ann Lee"). */
const INVERTED_REACH = 60;
/** A quote's close, a verb, and titles at most, before a name: the quote's speaker named after it. */
const INVERTED_CUE = /[,!?]\s*[”"’']\s*(\p{L}+)\s+((?:\p{Lu}[\p{L}.'’-]*\s+)*)$/u;

/**
 * The titles before a name that an inverted cue after a quote makes its speaker ("…,” said Sen. Ann
 * Lee"), whom a later "…,” she said" takes up; null when the name follows no such cue.
 */
function invertedSpeakerLead(text: string, at: number): string | null {
  const match = INVERTED_CUE.exec(text.slice(Math.max(0, at - INVERTED_REACH), at));
  if (!match || !INVERTABLE_VERBS.has(match[1]?.toLowerCase() ?? '')) return null;
  const lead = (match[2] ?? '').trim();
  return lead.split(/\s+/u).length <= TITLE_WORDS ? lead : null;
}

/** A copula that presents a name at a clause's end ("Then there's Tom Reilly", "…, is Ann Lee,"), then titles at most. */
const PRESENTING_COPULA = /\b(?:there['’]s|there\s+is|is)\s+((?:\p{Lu}[\p{L}.'’-]*\s+){0,5})$/u;

/** The titles before a name a copula presents ("Across town, canvassing, is Ann Lee"), a reader's new topic; null otherwise. */
function presentedLead(text: string, at: number): string | null {
  const match = PRESENTING_COPULA.exec(text.slice(Math.max(0, at - INVERTED_REACH), at));
  return match ? (match[1] ?? '').trim() : null;
}

/** The gender a subject's lead shows ("Mrs.", "his wife,"), else its name's. */
function subjectGender(subject: PossibleReferent, text: string): 'male' | 'female' | null {
  const lead = (subject.lead ?? '').toLowerCase();
  if (FEMALE_WORDS.test(lead)) return 'female';
  if (MALE_WORDS.test(lead)) return 'male';
  return genderOf(subject.words, text);
}

/**
 * The names an article calls a person by: its name, its aliases and, when no other person of the
 * article shares it, the surname of a name of two words or more ("Cuban" for Mark Cuban).
 */
function namesOfPerson(actor: NamedActor, people: readonly NamedActor[]): string[] {
  const names = [actor.name, ...actor.aliases];
  const surname = surnameOf(actor.name);
  if (!surname || names.includes(surname)) return names;
  const shared = people.some(
    (other) => other !== actor && other.kind === 'person' && surnameOf(other.name) === surname,
  );
  return shared ? names : [...names, surname];
}

/** The last word of a name of two words or more, suffixes aside ("Dunford" of "Joseph F. Dunford Jr."); null for one word. */
function surnameOf(name: string): string | null {
  const words = name
    .split(/\s+/u)
    .filter((word) => !NAME_SUFFIXES.has(word.toLowerCase().replace(/\.$/u, '')));
  const last = words[words.length - 1];
  return words.length >= 2 && last && /^\p{Lu}[\p{L}’'-]+$/u.test(last) ? last : null;
}

/** True when a one-word name shows a person: a given name ("Melania"), or a name the document gives an honorific or given name. */
function showsPerson(name: string, text: string): boolean {
  const lower = name.toLowerCase();
  return MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower) || genderOf(name, text) !== null;
}

/** True when a given name stands right before `at`: the name there is another's ("Hillary" before "Clinton"). */
function givenNameBefore(text: string, at: number): boolean {
  const word =
    /(\p{Lu}[\p{L}’'-]+)\s+$/u.exec(text.slice(Math.max(0, at - LEAD_REACH), at))?.[1]?.toLowerCase() ?? '';
  return MALE_FIRST_NAMES.has(word) || FEMALE_FIRST_NAMES.has(word);
}

/** The people of `people` named as a sentence's subject in the narration, in text order. */
export function subjectMentions(
  text: string,
  people: readonly NamedActor[],
  quoted: readonly [number, number][],
): PossibleReferent[] {
  const found: PossibleReferent[] = [];
  const inQuote = (offset: number) => quoted.some(([start, end]) => offset >= start && offset < end);
  for (const actor of people) {
    const names = namesOfPerson(actor, people);
    // Only a name of two words or whose honorific shows a person ("Nobody", "Millennials" may be typed as one).
    if (
      actor.kind !== 'person' ||
      (!names.some((name) => /\s/u.test(name)) && !showsPerson(actor.name, text))
    )
      continue;
    for (const name of new Set(names)) {
      if (name.length < 2) continue;
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
        const end = at + name.length;
        if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
        if (inQuote(at) || givenNameBefore(text, at)) continue;
        const lead = subjectLead(text, at, end) ?? invertedSpeakerLead(text, at) ?? presentedLead(text, at);
        if (lead !== null) found.push({ start: at, words: actor.name, named: true, lead });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Finds the person a pronoun source refers to, for scoring. */
export type Referent = (at: number, pronoun: string) => string | null;

/**
 * The referent a reader takes for a pronoun source: the closest annotated source before it that
 * agrees with it, else the person of `people` named last before it.
 */
export function readerReferent(
  document: GoldDocument,
  people: readonly NamedActor[],
  reading: PronounReading = 'reader',
): Referent {
  const quoted = goldQuoteSpans(document.text);
  const context: ReadingContext =
    reading === 'reader'
      ? {
          reading,
          names: people,
          subjects: subjectMentions(document.text, people, quoted),
          things: new Set(
            people
              .filter((actor) => actor.kind === 'organization' || actor.kind === 'place')
              .flatMap((actor) => [actor.name, ...actor.aliases].map((name) => name.toLowerCase())),
          ),
          people: new Set(
            people
              .filter((actor) => actor.kind !== 'organization' && actor.kind !== 'place')
              .flatMap((actor) => namesOfPerson(actor, people).map((name) => name.toLowerCase())),
          ),
        }
      : { reading, names: [], subjects: [], things: new Set(), people: new Set() };
  return (at, pronoun) => {
    const from = reading === 'reader' ? (openingPronounBefore(document.text, at, pronoun, quoted) ?? at) : at;
    return (
      readerAntecedentOf(document, from, pronoun, context) ??
      antecedentOf(document.text, from, people, quoted)
    );
  };
}

/** A he or she that opens a sentence, after a joining word at most ("But she …"). */
const OPENING_PRONOUN = new RegExp(`^\\s*(?:(?:${[...OPENING_WORDS].join('|')}),?\\s+)?(he|she)\\b`, 'iu');

/** How many sentence starts back the last narration sentence before a pronoun source is looked for (quotes split into sentences too). */
const NARRATION_STEPS = 4;

/**
 * Where a he or she that opens the last narration sentence before a pronoun source stands, when it
 * is the same pronoun: the source takes up that subject again ("He says Lee's plan -- a plan the
 * mayor dropped -- is dead. “It is over,” he said"); null when that sentence opens otherwise.
 */
function openingPronounBefore(
  text: string,
  at: number,
  pronoun: string,
  quoted: readonly [number, number][],
): number | null {
  const inQuote = (offset: number) => quoted.some(([from, end]) => offset >= from && offset < end);
  let start = sentenceStartBefore(text, at);
  for (let step = 0; start >= 0 && step < NARRATION_STEPS; step++) {
    const first = start + (/^[\s“”"‘’'«»]*/u.exec(text.slice(start))?.[0].length ?? 0);
    if (first < at && !inQuote(first) && !/[“"‘«]/u.test(text.slice(start, first))) {
      const match = OPENING_PRONOUN.exec(text.slice(start, at));
      if (!match || match[1]?.toLowerCase() !== pronoun) return null;
      const offset = start + match[0].length - pronoun.length;
      return offset < at ? offset : null;
    }
    start = start > 0 ? sentenceStartBefore(text, start - 1) : -1;
  }
  return null;
}

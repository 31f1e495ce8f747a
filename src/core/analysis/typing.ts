/**
 * Typing: whether a name is a person, an organisation or a place, by evidence. The name's form
 * (gazetteer, organisation words, acronyms) and its context (titles, roles, first names, "in X",
 * datelines, "X beat Y", results) each add weight to a kind; a name with no evidence stays
 * `unknown` rather than defaulting to a person.
 */
import {
  COUNTRY_NAMES,
  EITHER_FIRST_NAMES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  MULTIWORD_PLACES,
  NATIONALITIES,
  ORG_ACRONYMS,
  ORG_WORDS,
  PLACE_ALIASES,
  PLACE_NAMES,
  PLACE_WORDS,
  SINGLE_WORD_ORGS,
} from './lexicon.ts';
import type { ActorKind } from './types.ts';

/** The kinds evidence can point to. */
export type EvidentKind = 'person' | 'organization' | 'place';

/** Weights of evidence for each kind a name can be. */
export type Evidence = Record<EvidentKind, number>;

/** Weight of what the name's own words say (a title, a known first name, an organisation word). */
export const STRONG = 2;
/** Weight of a context that usually, not always, goes with a kind ("in X", "X beat Y"). */
export const WEAK = 1;

/** No evidence yet. */
export function noEvidence(): Evidence {
  return { person: 0, organization: 0, place: 0 };
}

/** Adds the weights of `more` into `into`. */
export function addEvidence(into: Evidence, more: Evidence): void {
  into.person += more.person;
  into.organization += more.organization;
  into.place += more.place;
}

/** The kind with the most evidence, or `unknown` when there is none (ties go person, organisation, place). */
export function kindOf(evidence: Evidence): ActorKind {
  const best = Math.max(evidence.person, evidence.organization, evidence.place);
  if (best <= 0) return 'unknown';
  if (evidence.person === best) return 'person';
  return evidence.organization === best ? 'organization' : 'place';
}

/** A word the text capitalises, as typing needs it. */
export interface TypedToken {
  word: string;
  lower: string;
}

/** An acronym: "U.S.", "NATO", "CSKA". */
export function isAcronym(word: string): boolean {
  return /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}\d&-]{1,6}$/u.test(word);
}

/** Whether a lower-cased word is a known given name, of either sex. */
export function isFirstName(lower: string): boolean {
  return MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower) || EITHER_FIRST_NAMES.has(lower);
}

const REPUBLIC_OF = /^(?:People['’]s\s+)?(?:Republic|Kingdom|Commonwealth|State)\s+of\s+(.+)$/u;

/** "Republic of Korea" -> "Korea"; null when the name is not of that form. */
export function republicOf(name: string): string | null {
  return REPUBLIC_OF.exec(name)?.[1] ?? null;
}

/** The kind a name's own words give it (gazetteer, organisation words), or null when they say nothing. */
export function classify(tokens: readonly TypedToken[], name: string): EvidentKind | null {
  const lower = name.toLowerCase();
  if (PLACE_ALIASES.has(lower) || MULTIWORD_PLACES.has(lower) || REPUBLIC_OF.test(name)) return 'place';
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  if (tokens.length === 1) {
    if (PLACE_NAMES.has(last.lower)) return 'place';
    if (ORG_ACRONYMS.has(last.lower.replaceAll('.', ''))) return 'organization';
    if (SINGLE_WORD_ORGS.has(last.lower)) return 'organization';
    // "Democrats", "Americans": a party's or a nation's people, a group rather than a person.
    if (last.lower.endsWith('s') && NATIONALITIES.has(last.lower.slice(0, -1))) return 'organization';
    // A lone "Group" or "Party" names nothing by itself.
    return null;
  }
  if (PLACE_WORDS.has(last.lower)) return 'place';
  if (tokens.some((token) => ORG_WORDS.has(token.lower))) return 'organization';
  // "CSKA Moscow", "Inter Milan": a club is a short name or acronym with a city after it.
  const city = last.lower;
  if (
    tokens.length === 2 &&
    PLACE_NAMES.has(city) &&
    !COUNTRY_NAMES.has(city) &&
    !isFirstName(tokens[0]?.lower ?? '')
  )
    return 'organization';
  return null;
}

/** Verbs of a sporting result between two sides ("Harbourside beat Millbrook"). */
const RESULT_VERBS = new Set([
  'beat',
  'beats',
  'defeated',
  'defeats',
  'drew',
  'draw',
  'edged',
  'thrashed',
  'routed',
  'trounced',
  'overcame',
  'lost',
]);
/** Prepositions of location: "in Kabul", "from Nairobi". */
const LOCATIVES = new Set(['in', 'at', 'from', 'near', 'outside']);

/** What the words around a name say about its kind. */
export interface NameContext {
  /** The lower-cased word before the name, if any. */
  before: string | undefined;
  /** The word after the name as written, if any. */
  after: string | undefined;
  /** True when the name stands in a line of results or a list (mostly capitals and numbers). */
  resultLine: boolean;
  /** True when the name opens a dateline ("LONDON 1996-08-30", "KABUL —"). */
  dateline: boolean;
}

/** Evidence from a name's surroundings: locatives and datelines for places, results and "the X" for organisations. */
export function contextEvidence(context: NameContext, multiword: boolean): Evidence {
  const evidence = noEvidence();
  if (context.dateline) evidence.place += STRONG + WEAK;
  if (context.before !== undefined && LOCATIVES.has(context.before)) evidence.place += WEAK;
  if (context.before === 'the' && !multiword) evidence.organization += WEAK;
  const after = context.after?.toLowerCase();
  if (after !== undefined && RESULT_VERBS.has(after)) evidence.organization += WEAK;
  if (context.before !== undefined && RESULT_VERBS.has(context.before)) evidence.organization += WEAK;
  // "Harbourside Rovers 2 Millbrook Athletic 1": a side followed by its score, more telling than a city's name.
  if (context.resultLine && context.after !== undefined && /^\d{1,3}$/u.test(context.after))
    evidence.organization += STRONG + WEAK;
  return evidence;
}

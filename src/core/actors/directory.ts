/**
 * The actor directory: one identity per person across all stored coverage. Each stored article's
 * actors are sightings; the linker gives every sighting an identity. A full name is its own
 * identity ("Hillary Rodham Clinton" and "Hillary Clinton" are one); a surname alone ("Clinton",
 * "Mr. Clinton") goes to the full name its own article names, else to the person with that
 * surname the coverage of the same weeks and the same company is about, and the link records why.
 * The operator's corrections (merge, split) are applied last, so they survive every relink.
 */
import {
  FEMALE_FIRST_NAMES,
  FEMALE_HONORIFICS,
  MALE_FIRST_NAMES,
  MALE_HONORIFICS,
  NAME_SUFFIXES,
  NAME_TITLES,
} from '../analysis/lexicon.ts';
import type { ActorKind } from '../analysis/types.ts';
import { isFirstName } from '../analysis/typing.ts';
import { nameKey } from '../commands/lookup.ts';

/** One actor of one stored article, as the linker reads it. */
export interface Sighting {
  articleId: string;
  /** The actor's id inside its article's analysis. */
  actorId: string;
  name: string;
  kind: ActorKind;
  /** Other names the article uses for it ("Mr. Clinton"). */
  aliases: readonly string[];
  /** The article's publication (else ingest) time, ISO-8601. */
  date: string;
}

/** Why a sighting links to its identity. */
export type LinkEvidence = 'name' | 'same-article' | 'coverage' | 'own' | 'operator-merge' | 'operator-split';

/** A sighting's identity, and why. */
export interface SightingLink {
  articleId: string;
  actorId: string;
  /** The identity's key: the normalised full name ("hillary clinton"), or the lone name's own key. */
  identity: string;
  evidence: LinkEvidence;
}

/** An operator's correction: fold one identity into another, or keep a name's sightings on their own. */
export type IdentityCorrection =
  | { kind: 'merge'; from: string; into: string }
  | { kind: 'split'; name: string };

/** The sex an honorific (as a name key) tells, or undefined. */
function honorificSex(word: string): Sex | undefined {
  if (MALE_HONORIFICS.has(word)) return 'male';
  return FEMALE_HONORIFICS.has(word) ? 'female' : undefined;
}

/** Days either side of a sighting within which coverage of a namesake counts as the same period. */
const PERIOD_DAYS = 45;
const DAY_MS = 86_400_000;

/** Weight of one shared companion (an identity both articles name) against one article of the same period. */
const COMPANION_WEIGHT = 2;

type Sex = 'male' | 'female';

/** What a sighting's names say: a full name's key, or a lone surname with the sex its title gives. */
interface NameReading {
  full: string | null;
  /** The article's time, ms since the epoch (0 when unknown). */
  date: number;
  surname: string;
  sex: Sex | null;
}

/** The hyphen between two capitalised halves of a name. */
const DOUBLE_BARRELLED = /(\p{Lu}[\p{L}'’]*)[-\u2010\u2011](?=\p{Lu})/gu;

/** The words of a person's name that identify them: given name, surname and a suffix ("donald trump jr"). */
export function identityKeyOf(name: string): string {
  // "Ana Ruiz-Okonkwo", "Ruiz-Okonkwo": a double-barrelled name is one word, so its first half is
  // no given name. A lower-case particle stays apart ("Omar al-Rashed" is "omar rashed").
  const all = nameKey(name.replace(DOUBLE_BARRELLED, '$1'))
    .split(' ')
    .filter((word) => word !== '' && honorificSex(word) === undefined);
  const words = all.slice(afterLastTitle(all));
  const suffix = words.length > 2 && NAME_SUFFIXES.has(words.at(-1) ?? '') ? words.pop() : undefined;
  const named = words.filter((word, i) => i === 0 || i === words.length - 1 || word.length > 1);
  if (named.length < 2) return named.join(' ');
  return [named[0], named.at(-1), ...(suffix ? [suffix] : [])].join(' ');
}

/**
 * Where the name after the last title of a titled form starts ("Reno Mayor Ana Okonkwo", "the
 * Rev. Daniel Okafor": at the given name), or 0. A title word that is also a given name ("Dean")
 * counts as the name, and at least a given name and a surname must follow.
 */
function afterLastTitle(words: readonly string[]): number {
  for (let i = words.length - 3; i >= 0; i--) {
    const word = words[i] ?? '';
    if (NAME_TITLES.has(word) && !isFirstName(word)) return i + 1;
  }
  return 0;
}

function readName(sighting: Sighting): NameReading {
  const person = sighting.kind === 'person' || sighting.kind === 'unknown';
  // Only a person's middle names and initials are dropped: an organisation's words all count.
  const key = sighting.kind === 'person' ? identityKeyOf(sighting.name) : nameKey(sighting.name);
  const words = key.split(' ');
  const surname = words.filter((word) => !NAME_SUFFIXES.has(word)).at(-1) ?? key;
  const full = person && words.length > 1 ? key : null;
  return { full, date: Date.parse(sighting.date) || 0, surname, sex: sexOfTitles(sighting) };
}

function sexOfTitles(sighting: Sighting): Sex | null {
  for (const name of [sighting.name, ...sighting.aliases]) {
    const first = nameKey(name).split(' ')[0] ?? '';
    const sex = honorificSex(first);
    if (sex) return sex;
  }
  return null;
}

/** A full-name identity as the linker weighs it for surname-only sightings. */
interface Namesake {
  key: string;
  sex: Sex | null;
  articles: Set<string>;
  /** Times of its articles, ascending once read. */
  dates: number[];
  /** The identities named beside it in its articles. */
  companions: Set<string>;
}

function sexOfGivenName(key: string, titled: Sex | null): Sex | null {
  const given = key.split(' ')[0] ?? '';
  if (MALE_FIRST_NAMES.has(given)) return 'male';
  if (FEMALE_FIRST_NAMES.has(given)) return 'female';
  return titled;
}

/** Every full-name person identity, by surname. */
function namesakesBySurname(
  readings: readonly [Sighting, NameReading][],
  byArticle: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Namesake[]> {
  const byKey = new Map<string, Namesake>();
  for (const [sighting, reading] of readings) {
    if (reading.full === null) continue;
    let namesake = byKey.get(reading.full);
    if (!namesake) {
      namesake = { key: reading.full, sex: null, articles: new Set(), dates: [], companions: new Set() };
      byKey.set(reading.full, namesake);
    }
    namesake.sex ??= sexOfGivenName(reading.full, reading.sex);
    if (!namesake.articles.has(sighting.articleId)) namesake.dates.push(reading.date);
    namesake.articles.add(sighting.articleId);
  }
  const bySurname = new Map<string, Namesake[]>();
  for (const namesake of byKey.values()) {
    namesake.dates.sort((a, b) => a - b);
    for (const articleId of namesake.articles)
      for (const key of byArticle.get(articleId) ?? [])
        if (key !== namesake.key) namesake.companions.add(key);
    const surname =
      namesake.key
        .split(' ')
        .filter((word) => !NAME_SUFFIXES.has(word))
        .at(-1) ?? '';
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), namesake]);
  }
  return bySurname;
}

/** The identities each article names in full: a surname's own article and its companions. */
function identitiesByArticle(readings: readonly [Sighting, NameReading][]): Map<string, Set<string>> {
  const byArticle = new Map<string, Set<string>>();
  for (const [sighting, reading] of readings) {
    const key = reading.full ?? nameKey(sighting.name);
    const set = byArticle.get(sighting.articleId) ?? new Set<string>();
    set.add(key);
    byArticle.set(sighting.articleId, set);
  }
  return byArticle;
}

/** How strongly the coverage around a sighting is about a namesake: articles of the period, companions shared. */
function coverageScore(namesake: Namesake, date: number, companions: ReadonlySet<string>): number {
  const period = PERIOD_DAYS * DAY_MS;
  const inPeriod = firstAbove(namesake.dates, date + period) - firstAbove(namesake.dates, date - period - 1);
  let shared = 0;
  for (const key of companions) if (namesake.companions.has(key)) shared++;
  return inPeriod + COMPANION_WEIGHT * shared;
}

/** The index of the first value above `limit` in an ascending list. */
function firstAbove(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The namesake a surname-only sighting means, and why; null when no one with the surname fits. */
function linkSurname(
  reading: NameReading,
  namesakes: readonly Namesake[],
  companions: ReadonlySet<string>,
): { identity: string; evidence: LinkEvidence } | null {
  const fitting = namesakes.filter((n) => reading.sex === null || n.sex === null || n.sex === reading.sex);
  const inArticle = fitting.filter((namesake) => companions.has(namesake.key));
  if (inArticle.length === 1 && inArticle[0]) return { identity: inArticle[0].key, evidence: 'same-article' };
  const pool = inArticle.length > 1 ? inArticle : fitting;
  const date = reading.date;
  let best: Namesake | null = null;
  let bestScore = -1;
  for (const namesake of pool) {
    const score = coverageScore(namesake, date, companions) * 1000 + namesake.articles.size;
    if (score > bestScore) [best, bestScore] = [namesake, score];
  }
  return best ? { identity: best.key, evidence: 'coverage' } : null;
}

/**
 * Links every sighting to an identity (see the file comment), then applies the operator's
 * corrections: a split name's sightings keep their own identity, a merged identity becomes the other.
 */
export function linkSightings(
  sightings: readonly Sighting[],
  corrections: readonly IdentityCorrection[] = [],
): SightingLink[] {
  const readings = sightings.map((sighting): [Sighting, NameReading] => [sighting, readName(sighting)]);
  const byArticle = identitiesByArticle(readings);
  const bySurname = namesakesBySurname(readings, byArticle);
  const none = new Set<string>();
  const split = new Set(corrections.flatMap((c) => (c.kind === 'split' ? [identityKeyOf(c.name)] : [])));
  const links = readings.map(([sighting, reading]): SightingLink => {
    const base = { articleId: sighting.articleId, actorId: sighting.actorId };
    if (reading.full !== null) return { ...base, identity: reading.full, evidence: 'name' };
    const person = sighting.kind === 'person' || sighting.kind === 'unknown';
    const own = (sighting.kind === 'person' ? identityKeyOf(sighting.name) : '') || nameKey(sighting.name);
    if (split.has(own)) return { ...base, identity: own, evidence: 'operator-split' };
    const namesakes = person ? (bySurname.get(reading.surname) ?? []) : [];
    const companions = byArticle.get(sighting.articleId) ?? none;
    const linked = linkSurname(reading, namesakes, companions);
    return { ...base, ...(linked ?? { identity: own, evidence: 'own' }) };
  });
  return applyMerges(links, corrections);
}

/** Follows the operator's merges (chains included, cycles cut) from each link's identity. */
function applyMerges(links: SightingLink[], corrections: readonly IdentityCorrection[]): SightingLink[] {
  const into = new Map<string, string>();
  for (const correction of corrections) {
    if (correction.kind !== 'merge') continue;
    const [from, to] = [identityKeyOf(correction.from), identityKeyOf(correction.into)];
    // The later of two opposite merges wins.
    if (into.get(to) === from) into.delete(to);
    into.set(from, to);
  }
  if (into.size === 0) return links;
  return links.map((link) => {
    let identity = link.identity;
    const seen = new Set<string>([identity]);
    for (let next = into.get(identity); next !== undefined && !seen.has(next); next = into.get(next)) {
      identity = next;
      seen.add(next);
    }
    return identity === link.identity ? link : { ...link, identity, evidence: 'operator-merge' };
  });
}

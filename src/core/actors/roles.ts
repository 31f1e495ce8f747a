/**
 * An identity's roles across coverage: cleaned (no fragments of a sentence, no party or nationality
 * label alone), de-duplicated, each with the article it last came from and how many articles give
 * it; the newest article's role leads, then the most frequent.
 */
import { PREPOSITIONS } from '../analysis/attribution/words.ts';
import { DESCRIPTORS, NATIONALITIES, ROLE_PREPOSITIONS } from '../analysis/lexicon.ts';
import { nameKey } from '../commands/lookup.ts';

/** A role as one article gave it. */
export interface RoleSighting<A> {
  role: string;
  /** The article it came from, newest first in the input. */
  article: A;
}

/** A role across coverage: the newest article that gave it and how many did. */
export interface RoleAcrossCoverage<A> {
  role: string;
  article: A;
  articles: number;
}

/** Whether a role is a role: not a label alone ("Republican") and not a piece of a sentence ("clear edge over …"). */
export function isCleanRole(role: string): boolean {
  const words = role
    .toLowerCase()
    .split(/\s+/u)
    .map((word) => word.replace(/[^\p{L}.-]/gu, ''))
    .filter((word) => word !== '');
  if (words.length === 0) return false;
  const label = (word: string) =>
    DESCRIPTORS.has(word) || NATIONALITIES.has(word) || DESCRIPTORS.has(word.replace(/s$/u, ''));
  if (words.every(label)) return false;
  return !words.some((word) => PREPOSITIONS.has(word) && !ROLE_PREPOSITIONS.has(word));
}

/** The roles of `sightings` (newest article first): cleaned, one per wording, the newest's first, then by how many articles give it. */
export function rolesAcrossCoverage<A>(sightings: readonly RoleSighting<A>[]): RoleAcrossCoverage<A>[] {
  const byKey = new Map<string, RoleAcrossCoverage<A> & { first: number; seen: Set<A> }>();
  // Copies of a story repeat its roles: each wording is judged and keyed once, '' when not a role.
  const keys = new Map<string, string>();
  sightings.forEach((sighting, index) => {
    let key = keys.get(sighting.role);
    if (key === undefined) {
      key = isCleanRole(sighting.role) ? nameKey(sighting.role) : '';
      keys.set(sighting.role, key);
    }
    if (key === '') return;
    const known = byKey.get(key);
    if (known) {
      if (!known.seen.has(sighting.article)) known.articles++;
      known.seen.add(sighting.article);
      return;
    }
    byKey.set(key, {
      role: sighting.role,
      article: sighting.article,
      articles: 1,
      first: index,
      seen: new Set([sighting.article]),
    });
  });
  const all = [...byKey.values()];
  const newest = all.find((role) => role.first === Math.min(...all.map((r) => r.first)));
  const rest = all
    .filter((role) => role !== newest)
    .sort((a, b) => b.articles - a.articles || a.first - b.first);
  return (newest ? [newest, ...rest] : rest).map(({ role, article, articles }) => ({
    role,
    article,
    articles,
  }));
}

import type { ActorKind } from '../analysis/types.ts';
import { err, ok, type Result } from '../result.ts';

/** An actor the lookup can pick: its names, the roles it holds and how much coverage it has. */
export interface ActorCandidate {
  name: string;
  kind: ActorKind;
  aliases: readonly string[];
  roles: readonly string[];
  /** Articles (or mentions) covering the actor; breaks ties in suggestions. */
  weight: number;
}

/** How a query found its actor. */
export type ActorMatchKind = 'exact' | 'name-words' | 'role' | 'typo';

/** The actor a query named. */
export interface ActorMatch {
  name: string;
  kind: ActorKind;
  how: ActorMatchKind;
}

/** Why no single actor was picked, with "did you mean" names (at most five). */
export interface ActorLookupFailure {
  reason: 'not_found' | 'ambiguous';
  suggestions: string[];
}

/** Most "did you mean" names a reply offers. */
export const MAX_SUGGESTIONS = 5;

const LEADING_ARTICLES = new Set(['the', 'a', 'an']);

/**
 * The comparable form of a name: accents removed, lower case, possessive "'s" and apostrophes
 * dropped, other punctuation as single spaces ("Zhào Lìjiān’s" -> "zhao lijian").
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(text: string): string[] {
  return nameKey(text)
    .split(' ')
    .filter((word) => word !== '');
}

/** The query's words without a leading "the"/"a" ("the ambassador" -> ["ambassador"]). */
function queryWords(query: string): string[] {
  const all = words(query);
  while (all.length > 1 && LEADING_ARTICLES.has(all[0] ?? '')) all.shift();
  return all;
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions and
 * swaps of neighbours each cost 1 ("gnag" -> "gang" is 1).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  const rows = distanceRows((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) rows[i * width] = i;
  for (let j = 0; j <= b.length; j++) rows[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(
        cell(rows, width, i - 1, j) + 1,
        cell(rows, width, i, j - 1) + 1,
        cell(rows, width, i - 1, j - 1) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        best = Math.min(best, cell(rows, width, i - 2, j - 2) + 1);
      }
      rows[i * width + j] = best;
    }
  }
  return cell(rows, width, a.length, b.length);
}

function cell(rows: Int32Array, width: number, i: number, j: number): number {
  return rows[i * width + j] ?? 0;
}

/** The distance table, reused between calls: a fuzzy lookup compares hundreds of words, and a table each was its garbage. */
let sharedRows = new Int32Array(256);

function distanceRows(size: number): Int32Array {
  if (sharedRows.length < size) sharedRows = new Int32Array(Math.max(size, 2 * sharedRows.length));
  return sharedRows;
}

/** The distance of `a` and `b` when it is at most `limit`, else undefined (the length gap alone can rule a pair out). */
function distanceWithin(a: string, b: string, limit: number): number | undefined {
  if (Math.abs(a.length - b.length) > limit) return undefined;
  const distance = editDistance(a, b);
  return distance <= limit ? distance : undefined;
}

/** How many edits a word of this length may carry and still count as a typo of a name. */
function typoAllowance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** One actor as the lookup compares it: its candidates merged, their names and roles keyed. */
export interface MergedCandidate {
  name: string;
  /** Key of the canonical name. */
  key: string;
  kind: ActorKind;
  /** Keys of the name and every alias. */
  nameKeys: string[];
  /** Words of the name and every alias. */
  nameWords: Set<string>;
  /** Words of each role. */
  roleWords: string[][];
  weight: number;
}

/** Folds candidates with the same name (from several articles) into one, uniting aliases and roles. */
function mergeCandidates(candidates: readonly ActorCandidate[]): MergedCandidate[] {
  const byKey = new Map<string, MergedCandidate>();
  for (const candidate of candidates) {
    const key = nameKey(candidate.name);
    if (key === '') continue;
    let merged = byKey.get(key);
    if (!merged) {
      merged = {
        name: candidate.name,
        key,
        kind: candidate.kind,
        nameKeys: [],
        nameWords: new Set(),
        roleWords: [],
        weight: 0,
      };
      byKey.set(key, merged);
    }
    merged.weight = Math.max(merged.weight, candidate.weight);
    for (const name of [candidate.name, ...candidate.aliases]) {
      const nameKeyText = nameKey(name);
      if (nameKeyText === '' || merged.nameKeys.includes(nameKeyText)) continue;
      merged.nameKeys.push(nameKeyText);
      for (const word of nameKeyText.split(' ')) merged.nameWords.add(word);
    }
    for (const role of candidate.roles) merged.roleWords.push(words(role));
  }
  return [...byKey.values()];
}

/**
 * Candidates prepared once for many lookups: merged by name, their names and roles keyed. The
 * actor directory keeps one per load, so a lookup keys only what was typed.
 */
export class ActorIndex {
  /** The candidates as given. */
  readonly candidates: readonly ActorCandidate[];
  /** One entry per actor name, as {@link lookupActor} compares them. */
  readonly merged: readonly MergedCandidate[];

  constructor(candidates: readonly ActorCandidate[]) {
    this.candidates = candidates;
    this.merged = mergeCandidates(candidates);
  }
}

function matchOf(candidate: MergedCandidate, how: ActorMatchKind): ActorMatch {
  return { name: candidate.name, kind: candidate.kind, how };
}

function byWeight(a: MergedCandidate, b: MergedCandidate): number {
  return b.weight - a.weight || a.name.localeCompare(b.name);
}

function ambiguous(found: readonly MergedCandidate[]): Result<ActorMatch, ActorLookupFailure> {
  return err({
    reason: 'ambiguous',
    suggestions: [...found]
      .sort(byWeight)
      .slice(0, MAX_SUGGESTIONS)
      .map((candidate) => candidate.name),
  });
}

/** Fewest edits turning the query words into words of one of the candidate's names, or undefined. */
function typoCost(query: string[], candidate: MergedCandidate): number | undefined {
  const joined = query.join(' ');
  const wholeLimit = typoAllowance(joined.replace(/ /g, '').length);
  let best: number | undefined;
  for (const key of candidate.nameKeys) {
    const whole = distanceWithin(joined, key, wholeLimit);
    if (whole !== undefined) best = Math.min(best ?? whole, whole);
  }
  let total = 0;
  for (const word of query) {
    const limit = typoAllowance(word.length);
    let wordBest: number | undefined;
    for (const nameWord of candidate.nameWords) {
      const distance = distanceWithin(word, nameWord, limit);
      if (distance !== undefined) wordBest = Math.min(wordBest ?? distance, distance);
    }
    if (wordBest === undefined) return best;
    total += wordBest;
  }
  return Math.min(best ?? total, total);
}

/** How alike the query is to a candidate's closest name or name word, 0 (nothing) to 1 (same). */
function similarity(query: string[], candidate: MergedCandidate): number {
  const joined = query.join(' ');
  let best = 0;
  const score = (a: string, b: string) => 1 - editDistance(a, b) / Math.max(a.length, b.length, 1);
  for (const key of candidate.nameKeys) best = Math.max(best, score(joined, key));
  for (const word of query) {
    if (word.length < 3) continue;
    for (const nameWord of candidate.nameWords) best = Math.max(best, score(word, nameWord));
  }
  return best;
}

/**
 * Finds the one actor a user meant, forgiving case, accents, a surname alone, a typo ("Qin Gnag")
 * and a title ("the ambassador") when only one actor holds it; otherwise up to five suggestions.
 */
export function lookupActor(
  query: string,
  candidates: readonly ActorCandidate[] | ActorIndex,
): Result<ActorMatch, ActorLookupFailure> {
  const { merged } = candidates instanceof ActorIndex ? candidates : new ActorIndex(candidates);
  const wanted = queryWords(query);
  if (wanted.length === 0) return err({ reason: 'not_found', suggestions: [] });
  const joined = wanted.join(' ');

  const exact = merged.filter((candidate) => candidate.nameKeys.includes(joined));
  if (exact.length >= 1) {
    // Two actors sharing an alias: the one whose own name it is wins, else it is ambiguous.
    const own = exact.filter((candidate) => candidate.key === joined);
    if (own.length === 1 && own[0]) return ok(matchOf(own[0], 'exact'));
    if (exact.length === 1 && exact[0]) return ok(matchOf(exact[0], 'exact'));
    return ambiguous(exact);
  }

  const byWords = merged.filter((candidate) => wanted.every((word) => candidate.nameWords.has(word)));
  if (byWords.length === 1 && byWords[0]) return ok(matchOf(byWords[0], 'name-words'));
  if (byWords.length > 1) return ambiguous(byWords);

  const byRole = merged.filter((candidate) =>
    candidate.roleWords.some((role) => wanted.every((word) => role.includes(word))),
  );
  if (byRole.length === 1 && byRole[0]) return ok(matchOf(byRole[0], 'role'));
  if (byRole.length > 1) return ambiguous(byRole);

  const typos = merged
    .map((candidate) => ({ candidate, cost: typoCost(wanted, candidate) }))
    .filter((entry): entry is { candidate: MergedCandidate; cost: number } => entry.cost !== undefined);
  if (typos.length > 0) {
    const least = Math.min(...typos.map((entry) => entry.cost));
    const closest = typos.filter((entry) => entry.cost === least).map((entry) => entry.candidate);
    if (closest.length === 1 && closest[0]) return ok(matchOf(closest[0], 'typo'));
    return ambiguous(closest);
  }

  const suggestions = merged
    .map((candidate) => ({ candidate, score: similarity(wanted, candidate) }))
    .filter((entry) => entry.score >= 0.5)
    .sort((a, b) => b.score - a.score || byWeight(a.candidate, b.candidate))
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.candidate.name);
  return err({ reason: 'not_found', suggestions });
}

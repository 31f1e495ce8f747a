/**
 * Actor names for autocomplete, found the way the commands find actors: what was typed as a
 * prefix, and the same forgiving lookup (`lookupActor`: typos, surnames, titles), so "qin gnag"
 * offers Qin Gang.
 */
import type { ArticleReader, Clock, WorkspaceKey } from '../ports.ts';
import { ActorDirectory } from './actor-directory.ts';
import { type ActorCandidate, lookupActor, nameKey } from './lookup.ts';

/** Shortest typed text the forgiving lookup is tried on: two letters match too much by typo. */
const MIN_FUZZY_CHARS = 3;

/** What the suggestions read: the workspace's articles and the kept directory of names. */
export interface ActorSuggestionDeps {
  articles: ArticleReader;
  clock: Clock;
  workspace: WorkspaceKey;
  actorDirectory?: ActorDirectory | undefined;
}

/** Up to `limit` actor names for what was typed: the forgiving lookup's answer first, then names starting with it. */
export async function suggestActorNames(
  deps: ActorSuggestionDeps,
  typed: string,
  limit: number,
): Promise<string[]> {
  const text = typed.trim();
  const byPrefix = (await deps.articles.listActorNames(text, limit)).map((actor) => actor.name);
  let forgiven: string[] = [];
  if (text.length >= MIN_FUZZY_CHARS) {
    const directory = deps.actorDirectory ?? new ActorDirectory();
    const found = lookupActor(text, await directory.index(deps.articles, deps.clock, deps.workspace));
    forgiven = found.ok ? [found.value.name] : found.error.suggestions;
  }
  const seen = new Set<string>();
  return [...forgiven, ...byPrefix]
    .filter((name) => {
      const key = nameKey(name);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

/** The most covered actor names among `candidates`, people and organisations before places: what to offer when nothing typed resembles a name. */
export function mostCoveredNames(candidates: readonly ActorCandidate[], limit: number): string[] {
  const best = new Map<string, ActorCandidate>();
  for (const candidate of candidates) {
    const key = nameKey(candidate.name);
    const known = best.get(key);
    if (!known || candidate.weight > known.weight) best.set(key, candidate);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        Number(a.kind === 'place') - Number(b.kind === 'place') ||
        b.weight - a.weight ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit)
    .map((candidate) => candidate.name);
}

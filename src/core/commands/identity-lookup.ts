/**
 * Which identity a name asked about means (see `core/actors/directory.ts`): the one its full name
 * is; else, of the people the name leads to, the one most articles call by it, naming the others
 * ("Also: …"); and when two are about as strong, the user is asked which one.
 */
import { identityKeyOf } from '../actors/directory.ts';
import type { IdentityMatch } from '../ports.ts';

/** Two people this close (the weaker named in at least this share of the stronger's articles) are asked about, not guessed. */
export const CLOSE_SHARE = 0.6;

/** Articles an actor of another kind than the strongest needs before it is offered beside it. */
const MIN_OTHER_KIND_ARTICLES = 2;

/** Most people an "Also:" line or a choice names. */
export const MAX_ALTERNATIVES = 5;

/** What a name picks: one identity (with weaker ones to name beside it), or a choice to offer. */
export type IdentityPick =
  | { kind: 'one'; identity: IdentityMatch; also: IdentityMatch[] }
  | { kind: 'ask'; options: IdentityMatch[] };

/** The identity `query` means among `matches` (see the file comment); null when none matched. */
export function pickIdentity(query: string, matches: readonly IdentityMatch[]): IdentityPick | null {
  const wanted = identityKeyOf(query);
  // A full name is its own person; a lone surname is no one's until the coverage says whose.
  const exact = wanted.includes(' ') ? matches.find((match) => match.key === wanted) : undefined;
  if (exact) return { kind: 'one', identity: exact, also: [] };
  const [strongest] = [...matches].sort((a, b) => b.named - a.named);
  // A one-article actor of another kind sharing the name (a place "Trump" a story mistyped) is no rival.
  const rivals = matches.filter(
    (match) =>
      match === strongest || match.kind === strongest?.kind || match.articles >= MIN_OTHER_KIND_ARTICLES,
  );
  const ranked = [...rivals].sort(
    (a, b) => b.named - a.named || b.articles - a.articles || a.key.localeCompare(b.key),
  );
  const [first, second] = ranked;
  if (!first) return null;
  if (second && second.named >= CLOSE_SHARE * first.named)
    return { kind: 'ask', options: ranked.slice(0, MAX_ALTERNATIVES) };
  return { kind: 'one', identity: first, also: ranked.slice(1, MAX_ALTERNATIVES) };
}

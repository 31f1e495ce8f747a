/**
 * `newsdesk actors show NAME | merge A B | split NAME`: the operator reads and corrects the actor
 * directory. Corrections are stored and applied at every relink, so they survive new coverage;
 * each command relinks at once so its effect shows straight away.
 */
import type { IdentityCorrection } from '../core/actors/directory.ts';
import type { IdentityStore } from '../core/ports.ts';
import { withConfiguredStore } from '../store/configured-store.ts';
import { relinkIdentities } from './identity-linker.ts';

/** Usage of the actors subcommand, for the CLI's help text. */
export const ACTORS_USAGE = `  newsdesk actors show NAME
      The identities a name is linked to across all stored coverage, with the evidence of each link.
  newsdesk actors merge NAME INTO
      Treat the identity NAME leads to as INTO's (e.g. merge "Clinton" "Hillary Clinton").
  newsdesk actors split NAME
      Keep the actors called NAME (a surname or title form) on their own, not linked to a full name.`;

/** Where the subcommand writes. */
export interface ActorsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Longest name accepted: no name is longer. */
const MAX_NAME_CHARS = 200;

/** Most links `show` lists. */
const MAX_SHOWN = 40;

/** The correction an argument list asks for, or the line that says why it is not one. */
function correctionOf(args: readonly string[]): IdentityCorrection | string | null {
  const [verb, first, second, ...extra] = args;
  const names = [first, second].filter((name): name is string => name !== undefined);
  if (names.some((name) => name.trim() === '' || name.length > MAX_NAME_CHARS))
    return `names must be 1 to ${MAX_NAME_CHARS} characters`;
  if (verb === 'merge' && first && second && extra.length === 0)
    return { kind: 'merge', from: first, into: second };
  if (verb === 'split' && first && second === undefined) return { kind: 'split', name: first };
  return null;
}

/** Lists the links of the sightings `name` reaches. */
async function show(store: IdentityStore, name: string, io: ActorsIo): Promise<number> {
  const links = await store.sightingLinks(name);
  if (links.length === 0) {
    io.stdout(`No stored actor is called or linked as “${name.slice(0, MAX_NAME_CHARS)}”.\n`);
    return 1;
  }
  const byIdentity = new Map<string, typeof links>();
  for (const link of links) byIdentity.set(link.identity, [...(byIdentity.get(link.identity) ?? []), link]);
  for (const [identity, rows] of byIdentity) {
    io.stdout(`${identity}: ${rows.length} article${rows.length === 1 ? '' : 's'}\n`);
    for (const row of rows.slice(0, MAX_SHOWN))
      io.stdout(`  ${row.name} in “${row.title}” (${row.articleId}): ${row.evidence}\n`);
  }
  return 0;
}

/** Runs one actors command against `store`; returns the exit code. */
export async function runActorsCommand(args: string[], store: IdentityStore, io: ActorsIo): Promise<number> {
  const [verb, name, ...rest] = args;
  if (verb === 'show' && name !== undefined && rest.length === 0) return show(store, name, io);
  const correction = correctionOf(args);
  if (correction === null || typeof correction === 'string') {
    io.stderr(
      `newsdesk actors: ${correction ?? 'expected show NAME, merge NAME INTO or split NAME'}\n${ACTORS_USAGE}\n`,
    );
    return 2;
  }
  await store.addIdentityCorrection(correction);
  const report = await relinkIdentities(store);
  io.stdout(
    correction.kind === 'merge'
      ? `Merged “${correction.from}” into “${correction.into}”.`
      : `“${correction.name}” now stands on its own.`,
  );
  io.stdout(` Relinked ${report.sightings} actors into ${report.identities} identities.\n`);
  return 0;
}

/** Runs `actors` on the configured store; returns the exit code. */
export async function runActorsCli(args: string[], io: ActorsIo): Promise<number> {
  return withConfiguredStore(io, (store) => runActorsCommand(args, store, io));
}

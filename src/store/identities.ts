/**
 * The actor directory's storage: sightings (article actors) and their identity links, and the
 * operator's corrections. Reads for one workspace (findIdentities, identityCoverage) live in
 * article-reads.ts with its visibility filter; these are the operator's and the linker's.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import {
  type IdentityCorrection,
  identityKeyOf,
  linkSightings,
  type Sighting,
  type SightingLink,
} from '../core/actors/directory.ts';
import type { ActorKind, Analysis } from '../core/analysis/types.ts';
import { actorKey } from './keys.ts';
import { bumpReadVersion } from './read-version.ts';
import type { Database } from './schema.ts';

/** Rows per multi-row INSERT, well under both engines' bound-parameter limits. */
const INSERT_CHUNK = 200;

/** Every stored article's actors as sightings, with their aliases (as keys) and the article's time. */
export async function listSightings(db: Kysely<Database>): Promise<Sighting[]> {
  const actors = await db
    .selectFrom('article_actors as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select(['r.article_id', 'r.actor_id', 'r.name', 'r.kind', 'a.sort_key'])
    .execute();
  const keys = await db.selectFrom('actor_keys').select(['article_id', 'actor_id', 'key']).execute();
  const aliases = new Map<string, string[]>();
  for (const row of keys) {
    const id = sightingId(row.article_id, row.actor_id);
    aliases.set(id, [...(aliases.get(id) ?? []), row.key]);
  }
  return actors.map((row) => ({
    articleId: row.article_id,
    actorId: row.actor_id,
    name: row.name,
    kind: row.kind as ActorKind,
    aliases: aliases.get(sightingId(row.article_id, row.actor_id)) ?? [],
    date: row.sort_key,
  }));
}

/** Replaces every link in one transaction, so readers see the old links or the new, never half. */
export async function replaceSightingLinks(
  db: Kysely<Database>,
  links: readonly SightingLink[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await bumpReadVersion(trx);
    await trx.deleteFrom('actor_sightings').execute();
    await trx.deleteFrom('identity_names').execute();
    await insertLinks(trx, links);
    await sql`insert into identity_names (key, identity_key, article_id, actor_id)
      select t.key, s.identity_key, t.article_id, t.actor_id from actor_timeline t
      join actor_sightings s on s.article_id = t.article_id and s.actor_id = t.actor_id`.execute(trx);
  });
}

/** Inserts `links`, the first link of each sighting only; returns the identity each sighting got. */
async function insertLinks(
  trx: Transaction<Database>,
  links: readonly SightingLink[],
): Promise<Map<string, string>> {
  const identities = new Map<string, string>();
  const rows: Database['actor_sightings'][] = [];
  for (const link of links) {
    const id = sightingId(link.articleId, link.actorId);
    if (identities.has(id)) continue;
    identities.set(id, link.identity);
    rows.push({
      article_id: link.articleId,
      actor_id: link.actorId,
      identity_key: link.identity,
      evidence: link.evidence,
    });
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto('actor_sightings')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  return identities;
}

/** One article actor, as a map key. */
function sightingId(articleId: string, actorId: string): string {
  return `${articleId}\u0000${actorId}`;
}

/**
 * Links one article's actors on their own while it is saved (its full names, and its surnames to
 * its own full names), so a new article is found by identity before the next relink places it
 * among all coverage. `keys` are the article's timeline rows (its actors' name keys), `date` its
 * sort key; a `new` article has no old links to delete.
 */
export async function linkArticleSightings(
  trx: Transaction<Database>,
  articleId: string,
  analysis: Analysis,
  date: string,
  keys: readonly { key: string; actor_id: string }[],
  previous: 'new' | 'stored',
): Promise<void> {
  if (previous === 'stored') {
    await trx.deleteFrom('actor_sightings').where('article_id', '=', articleId).execute();
    await trx.deleteFrom('identity_names').where('article_id', '=', articleId).execute();
  }
  const sightings: Sighting[] = analysis.actors.map((actor) => ({
    articleId,
    actorId: actor.id,
    name: actor.name,
    kind: actor.kind,
    aliases: actor.aliases,
    date,
  }));
  const identities = await insertLinks(trx, linkSightings(sightings));
  // Each name key beside its sighting's identity: what the relink's join of keys and sightings makes.
  const names = keys.flatMap(({ key, actor_id }) => {
    const identity = identities.get(sightingId(articleId, actor_id));
    return identity === undefined ? [] : [{ key, identity_key: identity, article_id: articleId, actor_id }];
  });
  for (let i = 0; i < names.length; i += INSERT_CHUNK)
    await trx
      .insertInto('identity_names')
      .values(names.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** The row id of a correction: a later correction of the same kind about the same name replaces it. */
function correctionId(correction: IdentityCorrection): string {
  const name = correction.kind === 'merge' ? correction.from : correction.name;
  return `${correction.kind}:${identityKeyOf(name) || actorKey(name)}`;
}

/** Records an operator's correction (see {@link correctionId}). */
export async function addIdentityCorrection(
  db: Kysely<Database>,
  correction: IdentityCorrection,
  now: string,
): Promise<void> {
  const row = {
    id: correctionId(correction),
    kind: correction.kind,
    name: correction.kind === 'merge' ? correction.from : correction.name,
    target: correction.kind === 'merge' ? correction.into : null,
    created_at: now,
  };
  await db
    .insertInto('identity_corrections')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({ name: row.name, target: row.target, created_at: row.created_at }),
    )
    .execute();
}

/** The operator's corrections, oldest first. */
export async function listIdentityCorrections(db: Kysely<Database>): Promise<IdentityCorrection[]> {
  const rows = await db
    .selectFrom('identity_corrections')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(
    (row): IdentityCorrection =>
      row.kind === 'merge'
        ? { kind: 'merge', from: row.name, into: row.target ?? row.name }
        : { kind: 'split', name: row.name },
  );
}

/** The links of every sighting of the identities `name` (a name or alias) leads to, newest first, with their article titles. */
export async function sightingLinks(
  db: Kysely<Database>,
  name: string,
): Promise<(SightingLink & { name: string; title: string })[]> {
  const key = actorKey(name);
  const identity = identityKeyOf(name);
  const rows = await db
    .selectFrom('actor_sightings as s')
    .innerJoin('article_actors as r', (join) =>
      join.onRef('r.article_id', '=', 's.article_id').onRef('r.actor_id', '=', 's.actor_id'),
    )
    .innerJoin('articles as a', 'a.id', 's.article_id')
    .select(['s.article_id', 's.actor_id', 's.identity_key', 's.evidence', 'r.name', 'a.title', 'a.sort_key'])
    .where((eb) =>
      eb.or([
        eb('s.identity_key', '=', identity),
        eb(
          's.identity_key',
          'in',
          eb
            .selectFrom('actor_keys as k')
            .innerJoin('actor_sightings as n', (join) =>
              join.onRef('n.article_id', '=', 'k.article_id').onRef('n.actor_id', '=', 'k.actor_id'),
            )
            .select('n.identity_key')
            .where('k.key', '=', key),
        ),
      ]),
    )
    .orderBy('a.sort_key', 'desc')
    .execute();
  return rows.map((row) => ({
    articleId: row.article_id,
    actorId: row.actor_id,
    identity: row.identity_key,
    evidence: row.evidence as SightingLink['evidence'],
    name: row.name,
    title: row.title,
  }));
}

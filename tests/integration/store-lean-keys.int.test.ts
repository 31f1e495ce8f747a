/**
 * Migration 0007_lean_keys on the real engines: a database whose actor index was written under the
 * 0006 schema (an `actor_keys` table beside the timeline; rowid key tables on SQLite) keeps every
 * row, answers every read as a database written under today's schema does, and takes new writes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { relinkIdentities } from '../../src/ingest/identity-linker.ts';
import { migrationProvider } from '../../src/store/migrations.ts';
import { openStore, parseStoreUrl } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import {
  analysisOf,
  articleCopy,
  bidenXiAnalysis,
  bidenXiArticle,
  bidenXiExcerpt,
  bidenXiExcerptAnalysis,
} from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const engines = await storeEngines('lean keys migration suite');

const GUILD_A = 'discord:111';
const GUILD_B = 'discord:222';

// biome-ignore lint/suspicious/noExplicitAny: rows written against the schema of migration 0006, not today's `Database`.
type OldSchema = any;

/** The tables that hold articles and their actor index, as 0006 left them, in insert order. */
const ARTICLE_TABLES = [
  'articles',
  'article_owners',
  'article_actors',
  'actor_timeline',
  'actor_sightings',
  'identity_names',
  'actor_name_counts',
] as const;

/** A kysely over the database at `url`, with no migrations run. */
function rawDatabase(url: string): Kysely<OldSchema> {
  const target = parseStoreUrl(url);
  if (!target.ok) throw new Error(target.error);
  if (target.value.kind === 'sqlite') {
    mkdirSync(dirname(target.value.path), { recursive: true });
    return new Kysely<OldSchema>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(target.value.path) }),
    });
  }
  return new Kysely<OldSchema>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.value.url }) }),
  });
}

/** One clock for both databases, so their stored times agree. */
const now = () => new Date('2026-01-02T03:04:05.000Z');

/** Opens today's store at `url` (migrating it), or throws. */
async function open(url: string): Promise<Store> {
  const opened = await openStore(url, { readCacheBytes: 0, now });
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

/** Saves a global article, a second story, and copies held by workspaces, then relinks identities. */
async function seed(store: Store): Promise<void> {
  await store.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
  await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, 1, [GLOBAL_OWNER]);
  for (const [n, owners] of [
    [1, [GUILD_A]],
    [2, [GUILD_B]],
    [3, [GUILD_A, GUILD_B]],
  ] as const) {
    const { article } = articleCopy(n, 'lean');
    await store.saveArticle(article, analysisOf(article), 1, owners);
  }
  await relinkIdentities(store);
}

/**
 * Copies the article rows of `source` (today's schema) into a new database at `url` migrated only
 * to 0006, with `actor_keys` filled as 0006's writer filled it: every timeline row's key.
 */
async function oldCopy(source: string, kind: 'sqlite' | 'postgres', url: string): Promise<void> {
  const from = rawDatabase(source);
  const to = rawDatabase(url);
  try {
    const all = await migrationProvider(kind).getMigrations();
    const old: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(all)) if (name < '0007') old[name] = migration;
    const { error } = await new Migrator({
      db: to,
      provider: { getMigrations: async () => old },
    }).migrateToLatest();
    if (error) throw error;
    for (const table of ARTICLE_TABLES) {
      const rows = await from.selectFrom(table).selectAll().execute();
      for (const row of rows) await to.insertInto(table).values(row).execute();
    }
    const keys = await from.selectFrom('actor_timeline').select(['key', 'article_id', 'actor_id']).execute();
    for (const row of keys) await to.insertInto('actor_keys').values(row).execute();
    for (const row of await from.selectFrom('counters').selectAll().execute())
      await to.updateTable('counters').set({ value: row.value }).where('name', '=', row.name).execute();
  } finally {
    await from.destroy();
    await to.destroy();
  }
}

/** What every article read answers, as the operator and through each workspace. */
async function everyRead(store: Store): Promise<unknown> {
  const readers = [
    ['operator', store],
    [GUILD_A, store.visibleTo(GUILD_A)],
    [GUILD_B, store.visibleTo(GUILD_B)],
  ] as const;
  const answers: Record<string, unknown> = {};
  for (const [who, reader] of readers) {
    const identities = await reader.findIdentities('Xi');
    answers[who] = {
      articles: await reader.listArticles({ limit: 50 }),
      xi: await reader.findActorCoverage('Xi Jinping', 50),
      xiByAlias: await reader.findActorCoverage('Xi', 2, 1),
      qin: await reader.findActorCoverage('Qin Gang'),
      count: await reader.countActorArticles('Xi Jinping'),
      names: await reader.listActorNames('', 50),
      prefix: await reader.listActorNames('x', 50),
      identities,
      identityCoverage: await reader.identityCoverage(identities[0]?.key ?? '', 50),
    };
  }
  answers.sightings = (await store.listSightings()).sort((a, b) =>
    `${a.articleId} ${a.actorId}`.localeCompare(`${b.articleId} ${b.actorId}`),
  );
  answers.links = await store.sightingLinks('Xi');
  return answers;
}

describe.each(engines)(
  '$name: migration 0007_lean_keys on a database written under 0006',
  ({ databases }) => {
    afterAll(() => databases.dropAll());

    it('GIVEN an actor index written under 0006 THEN after the migration every key row is kept and every read answers as before', async () => {
      const today = await databases.fresh();
      const reference = await open(today);
      await seed(reference);
      const oldUrl = await databases.fresh();
      await oldCopy(today, databases.kind, oldUrl);
      const keyRows = await (async () => {
        const raw = rawDatabase(oldUrl);
        try {
          return (await raw.selectFrom('actor_keys').selectAll().execute()).length;
        } finally {
          await raw.destroy();
        }
      })();
      expect(keyRows).toBeGreaterThan(20);

      const migrated = await open(oldUrl);
      try {
        const raw = rawDatabase(oldUrl);
        try {
          expect((await raw.selectFrom('actor_keys').selectAll().execute()).length).toBe(keyRows);
        } finally {
          await raw.destroy();
        }
        expect(await everyRead(migrated)).toEqual(await everyRead(reference));

        // Writes go on as in a database made today: a new article, an edit and a new analysis.
        const { article } = articleCopy(4, 'after');
        for (const store of [reference, migrated]) {
          await store.saveArticle(article, analysisOf(article), 1, [GUILD_B]);
          const edited = { ...bidenXiExcerpt, title: `${bidenXiExcerpt.title} (updated)` };
          await store.saveArticle(edited, bidenXiExcerptAnalysis, 1, [GLOBAL_OWNER]);
          const withoutXi = {
            ...bidenXiAnalysis,
            actors: bidenXiAnalysis.actors.filter((actor) => !actor.name.startsWith('Xi')),
          };
          await store.saveAnalysis(bidenXiArticle.id, withoutXi, 2);
        }
        expect(await everyRead(migrated)).toEqual(await everyRead(reference));
        expect(await migrated.visibleTo(GUILD_B).countActorArticles('Xi Jinping')).toBe(4);
      } finally {
        await migrated.close();
        await reference.close();
      }
    });
  },
);

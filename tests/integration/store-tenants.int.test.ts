import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { migrationProvider } from '../../src/store/migrations.ts';
import { openStore, parseStoreUrl } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { analysisOf, articleCopy, bidenXiAnalysis, bidenXiArticle } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const engines = await storeEngines('tenancy store suite');

const GUILD_A = 'discord:111';
const GUILD_B = 'discord:222';
const TEAM = 'slack:T9';

// biome-ignore lint/suspicious/noExplicitAny: rows written against the schema of migration 0002, not today's `Database`.
type OldSchema = any;

/** Copy `n` of the default article under a telling id and title. */
function copy(n: number, name: string) {
  const { article } = articleCopy(n, name);
  return { article, analysis: analysisOf(article) };
}

describe.each(engines)('$name: who sees what', ({ databases }) => {
  let store: Store;
  afterAll(() => databases.dropAll());
  beforeEach(async () => {
    const opened = await openStore(await databases.fresh());
    if (!opened.ok) throw new Error(opened.error);
    store = opened.value;
  });
  afterEach(() => store.close());

  /** Saves the global default article and one copy per workspace; returns their ids. */
  async function seed() {
    await store.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
    for (const [n, owner] of [
      [1, GUILD_A],
      [2, GUILD_B],
      [3, TEAM],
    ] as const) {
      const { article, analysis } = copy(n, owner.replace(/\W/g, '-'));
      await store.saveArticle(article, analysis, 1, [owner]);
    }
  }

  it('GIVEN a global article and one of each workspace THEN every read of a workspace sees global and own only', async () => {
    await seed();
    const a = store.visibleTo(GUILD_A);
    const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
    expect(ids(await a.listArticles())).toEqual([bidenXiArticle.id, 'discord-111-1']);
    expect(ids(await a.articlesSince(0))).toEqual([bidenXiArticle.id, 'discord-111-1']);
    expect(await a.latestSeq()).toBe(2);
    expect(await a.getArticle('discord-222-2')).toBeUndefined();
    expect(await a.findArticle('discord-222-2')).toBeUndefined();
    expect((await a.findArticle('latest'))?.id).toBe('discord-111-1');
    expect(await a.findArticle('slack T9')).toBeUndefined();
    expect((await a.findActorCoverage('Xi Jinping')).map((row) => row.articleId).sort()).toEqual([
      bidenXiArticle.id,
      'discord-111-1',
    ]);
    expect((await a.listActorNames('xi')).find((name) => name.key === 'xi jinping')?.articles).toBe(2);
    expect((await a.listActorNames()).find((name) => name.key === 'xi jinping')?.articles).toBe(2);
    // The operator sees everything.
    expect(await store.listArticles()).toHaveLength(4);
    expect((await store.listActorNames('xi')).find((name) => name.key === 'xi jinping')?.articles).toBe(4);
  });

  it('GIVEN only another workspace’s article THEN typing a name or an alias offers nothing from it', async () => {
    const { article, analysis } = copy(5, 'other');
    await store.saveArticle(article, analysis, 1, [GUILD_B]);
    for (const prefix of ['xi', 'presid', 'q']) {
      expect(await store.visibleTo(GUILD_A).listActorNames(prefix)).toEqual([]);
      expect((await store.visibleTo(GUILD_B).listActorNames(prefix)).length).toBeGreaterThan(0);
    }
  });

  it('GIVEN a URL two workspaces add THEN it is stored once and both see it; its links follow it', async () => {
    const { article, analysis } = copy(9, 'shared');
    const first = await store.saveArticle({ ...article, url: 'https://news.example/shared' }, analysis, 1, [
      GUILD_A,
    ]);
    const again = await store.saveArticle({ ...article, url: 'https://news.example/shared' }, analysis, 1, [
      TEAM,
    ]);
    expect(again).toMatchObject({ id: first.id, outcome: 'duplicate' });
    expect(await store.articleOwners(first.id)).toEqual([GUILD_A, TEAM].sort());
    expect(await store.visibleTo(TEAM).getArticleByUrl('https://news.example/shared')).toBeDefined();
    expect(await store.visibleTo(GUILD_B).getArticleByUrl('https://news.example/shared')).toBeUndefined();
    expect(await store.shareArticle(first.id, [GUILD_B])).toBe(true);
    expect(await store.visibleTo(GUILD_B).articleLinks(first.id)).toEqual(['https://news.example/shared']);
    expect(await store.shareArticle('no-such-article', [GUILD_B])).toBe(false);
  });

  it('GIVEN feeds held by workspaces THEN each lists its own; a URL is one feed; the last to let go removes it', async () => {
    const url = 'https://news.example/rss.xml';
    expect((await store.addFeed(url, { owner: GUILD_A, addedBy: 'U1' })).created).toBe(true);
    expect((await store.addFeed(url, { owner: GUILD_A })).created).toBe(false);
    const joined = await store.addFeed(url, { owner: TEAM });
    expect(joined).toMatchObject({
      created: true,
      feed: { url, owners: [GUILD_A, TEAM].sort(), addedBy: 'U1' },
    });
    await store.addFeed('https://other.example/atom.xml', { owner: GLOBAL_OWNER });
    expect((await store.listFeeds({ owner: GUILD_B })).map((feed) => feed.url)).toEqual([]);
    expect((await store.listFeeds({ owner: TEAM })).map((feed) => feed.url)).toEqual([url]);
    expect(await store.listFeeds()).toHaveLength(2);
    expect(await store.releaseFeed(url, GUILD_B)).toBe(false);
    expect(await store.releaseFeed(url, GUILD_A)).toBe(true);
    expect((await store.getFeed(url))?.owners).toEqual([TEAM]);
    expect(await store.releaseFeed(url, TEAM)).toBe(true);
    expect(await store.getFeed(url)).toBeUndefined();
  });

  it('GIVEN a workspace policy set THEN it is read back; an unknown workspace has the defaults', async () => {
    expect(await store.workspacePolicy(GUILD_A)).toEqual({ pageDigests: 'everyone' });
    await store.setWorkspacePolicy(GUILD_A, { pageDigests: 'managers' });
    await store.setWorkspacePolicy(GUILD_A, { pageDigests: 'managers' });
    expect(await store.workspacePolicy(GUILD_A)).toEqual({ pageDigests: 'managers' });
    expect(await store.workspacePolicy(GUILD_B)).toEqual({ pageDigests: 'everyone' });
  });
});

describe.each(engines)('$name: migration 0004_tenants on a database from before tenants', ({ databases }) => {
  afterAll(() => databases.dropAll());

  /** A database at migration 0002 with an article, a feed and a claimed slot, as main left them. */
  async function oldDatabase(url: string): Promise<void> {
    const target = parseStoreUrl(url);
    if (!target.ok) throw new Error(target.error);
    if (target.value.kind === 'sqlite') mkdirSync(dirname(target.value.path), { recursive: true });
    const db =
      target.value.kind === 'sqlite'
        ? new Kysely<OldSchema>({
            dialect: new SqliteDialect({ database: new BetterSqlite3(target.value.path) }),
          })
        : new Kysely<OldSchema>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.value.url }) }),
          });
    try {
      const all = await migrationProvider(target.value.kind).getMigrations();
      const old: Record<string, Migration> = {};
      for (const name of ['0001_initial', '0002_article_links']) {
        const migration = all[name];
        if (migration) old[name] = migration;
      }
      const { error } = await new Migrator({
        db,
        provider: { getMigrations: async () => old },
      }).migrateToLatest();
      if (error) throw error;
      const raw = db;
      await raw.updateTable('counters').set({ value: 1 }).where('name', '=', 'article_seq').execute();
      await raw
        .insertInto('articles')
        .values({
          id: 'old-article',
          seq: 1,
          source: null,
          url: 'https://news.example/old',
          title: bidenXiArticle.title,
          title_key: ' biden and chinas xi ',
          published_at: null,
          sort_key: '2021-09-09T00:00:00.000Z',
          content_hash: 'f'.repeat(64),
          ingested_at: '2021-09-09T00:00:00.000Z',
          article: JSON.stringify({ ...bidenXiArticle, id: 'old-article' }),
          analysis: JSON.stringify(bidenXiAnalysis),
          analysis_version: 1,
        })
        .execute();
      await raw
        .insertInto('feeds')
        .values({ url: 'https://news.example/rss.xml', failures: 0, added_at: '2021-09-09T00:00:00.000Z' })
        .execute();
      await raw
        .insertInto('deliveries')
        .values({
          subscription_id: 'sub-1',
          slot: '2021-09-09T07:00:00.000Z',
          instance_id: 'bot-a',
          status: 'completed',
          claimed_at: '2021-09-09T07:00:01.000Z',
          cursor: 1,
          article_count: 1,
        })
        .execute();
    } finally {
      await db.destroy();
    }
  }

  it('GIVEN an article, a feed and a delivery stored before tenants THEN after the migration they are kept, and global', async () => {
    const url = await databases.fresh();
    await oldDatabase(url);
    const opened = await openStore(url);
    if (!opened.ok) throw new Error(opened.error);
    const store = opened.value;
    try {
      expect(await store.articleOwners('old-article')).toEqual([GLOBAL_OWNER]);
      expect((await store.visibleTo(GUILD_A).getArticle('old-article'))?.article.title).toBe(
        bidenXiArticle.title,
      );
      expect((await store.getFeed('https://news.example/rss.xml'))?.owners).toEqual([GLOBAL_OWNER]);
      expect(await store.lastSlot('sub-1')).toMatchObject({
        status: 'completed',
        cursor: 1,
        attemptedAt: null,
      });
      expect(await store.lastDeliveredCursor('sub-1')).toBe(1);
    } finally {
      await store.close();
    }
  });
});

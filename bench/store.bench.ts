/**
 * Store benchmark: ingest N articles (one transaction each, the read model kept up to date, only the
 * saves timed; every tenth is one of ten workspaces' own, the rest global), then time "all quotes and background of
 * actor X across the store" (`findActorCoverage`), the hot actor's first page with its count (what
 * `/quotes` and `/background` read), autocomplete (`listActorNames`), as the operator and through
 * one workspace's view, without the read cache; then the hot page through the read cache; and
 * report the storage per article and the process's RSS. SQLite always (a temp file); PostgreSQL
 * when reachable (a fresh database). 10,000 articles each; `NEWSDESK_BENCH_STORE_ARTICLES` sets
 * SQLite's count and `NEWSDESK_BENCH_POSTGRES_ARTICLES` PostgreSQL's (100,000 takes minutes).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Actor, Analysis, Quote } from '../src/core/analysis/types.ts';
import { type ArticleReader, GLOBAL_OWNER } from '../src/core/ports.ts';
import { seededRandom } from '../src/core/random.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { articleCopy, BIDEN_XI_ACTORS } from '../tests/fixtures/store-articles.ts';

const SQLITE_ARTICLES = Number(process.env.NEWSDESK_BENCH_STORE_ARTICLES ?? 10_000);
const POSTGRES_ARTICLES = Number(process.env.NEWSDESK_BENCH_POSTGRES_ARTICLES ?? 10_000);
/** A page of coverage, as a paged reply reads it. */
const PAGE = 25;
const QUERY_SAMPLES = 300;
/** Workspaces that add their own pages; every `WORKSPACE_EVERY`th article is one's, the rest are global. */
const WORKSPACES = 10;
const WORKSPACE_EVERY = 10;
/** The workspace whose view the tenant columns time. */
const VIEWER = 'discord:bench-0';
/** Share of articles that cover the one "hot" actor (Xi Jinping), as a big story's lead would be. */
const HOT_SHARE = 0.3;

const FIRST = ['Wei', 'Ana', 'James', 'Maria', 'Olena', 'Kwame', 'Priya', 'Lars', 'Fatima', 'Hiroshi'];
const MORE_FIRST = [
  'Elena',
  'Tomás',
  'Aisha',
  'Dmitri',
  'Grace',
  'Mehmet',
  'Sofia',
  'Arjun',
  'Chen',
  'Nadia',
];
const LAST = ['Okafor', 'Lindqvist', 'Haddad', 'Tanaka', 'Moreau', 'Kowalski', 'Ibrahim', 'Novak', 'Reyes'];
const MORE_LAST = ['Schmidt', 'Nguyen', 'Petrov', 'Castillo', 'Mensah', 'Yilmaz'];
const ROLES = [
  'foreign minister',
  'trade envoy',
  'central bank governor',
  'party spokesman',
  'senator',
  'ambassador',
];

/** The pool of actor names: 20 first names x 15 last names = 300 people. */
const POOL = [...FIRST, ...MORE_FIRST].flatMap((first) =>
  [...LAST, ...MORE_LAST].map((last) => `${first} ${last}`),
);

/**
 * Copy `n` of the default article with its own actor mix: the hot actor in ~30% of copies, the
 * other seven actor slots filled from the pool, each keeping the template's quotes and background.
 */
function benchArticle(
  n: number,
  next: () => number,
): { article: ReturnType<typeof articleCopy>['article']; analysis: Analysis } {
  const { article, analysis } = articleCopy(n, 'bench');
  const renamed = new Map<string, Actor>();
  const used = new Set<string>();
  BIDEN_XI_ACTORS.forEach((template, slot) => {
    if (slot === 1 && next() < HOT_SHARE) {
      renamed.set(template.id, template);
      return;
    }
    let name = POOL[Math.floor(next() * POOL.length)] ?? 'Nobody';
    while (used.has(name)) name = POOL[Math.floor(next() * POOL.length)] ?? 'Nobody';
    used.add(name);
    const last = name.split(' ')[1] ?? name;
    renamed.set(template.id, {
      ...template,
      id: `p-${name.toLowerCase().replace(/\W+/g, '-')}`,
      name,
      kind: 'person',
      aliases: [last],
      roles: [ROLES[Math.floor(next() * ROLES.length)] ?? 'official'],
    });
  });
  const quotes: Quote[] = analysis.quotes.map((quote) => {
    const actor = quote.actorId === null ? undefined : renamed.get(quote.actorId);
    return actor ? { ...quote, actorId: actor.id, speaker: actor.name } : quote;
  });
  return { article, analysis: { ...analysis, actors: [...renamed.values()], quotes } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time<T>(
  samples: number,
  work: (i: number) => Promise<T>,
): Promise<{ p50: number; p95: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const result = await work(i);
    times.push(performance.now() - start);
    if (Array.isArray(result)) rows += result.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rows: rows / samples };
}

interface EngineResult {
  engine: string;
  articles: number;
  ingestPerSecond: number;
  coverage: { p50: number; p95: number; rows: number };
  hotCoverage: { p50: number; p95: number; rows: number };
  /** The hot actor's newest {@link PAGE} rows and its article count, from the database, as a workspace sees them. */
  hotPage: { p50: number; p95: number; rows: number };
  /** The same through the read cache (answers kept; the read version checked at each read). */
  hotPageCached: { p50: number; p95: number; rows: number };
  rssMb: number;
  autocomplete: { p50: number; p95: number; rows: number };
  /** The same reads through one workspace's view (global articles and its own). */
  viewCoverage: { p50: number; p95: number; rows: number };
  viewAutocomplete: { p50: number; p95: number; rows: number };
  bytesPerArticle: number;
}

/**
 * The hot actor's first page and its count, alternating its full name and its alias, through one
 * workspace's view (commands always read through one).
 */
async function hotPageRead(reader: ArticleReader, i: number): Promise<unknown[]> {
  const rows = await reader.findActorCoverage(i % 2 === 0 ? 'Xi Jinping' : 'Xi', PAGE);
  await reader.countActorArticles('Xi Jinping');
  return rows;
}

/** `store` reads without a cache; `cached` is a second store on the same database with one. */
async function measure(
  engine: string,
  store: Store,
  cached: Store,
  count: number,
): Promise<Omit<EngineResult, 'bytesPerArticle'>> {
  const next = seededRandom(20210909);
  // Only the saves are timed: making each copy (its word count, its actor mix) is the bench's own work.
  let saving = 0;
  for (let n = 1; n <= count; n++) {
    const { article, analysis } = benchArticle(n, next);
    const workspace =
      n % WORKSPACE_EVERY === 0 ? `discord:bench-${(n / WORKSPACE_EVERY) % WORKSPACES}` : undefined;
    const start = performance.now();
    await store.saveArticle(article, analysis, 1, [workspace ?? GLOBAL_OWNER]);
    saving += performance.now() - start;
  }
  const ingestSeconds = saving / 1000;
  const pick = seededRandom(7);
  const coverage = await time(QUERY_SAMPLES, () =>
    store.findActorCoverage(POOL[Math.floor(pick() * POOL.length)] ?? 'Nobody'),
  );
  // Every record of the hot actor (about 3,000 at 10,000 articles), not just the newest 100.
  const hotCoverage = await time(Math.min(60, QUERY_SAMPLES), (i) =>
    store.findActorCoverage(i % 2 === 0 ? 'Xi Jinping' : 'Xi', count),
  );
  const hotPage = await time(QUERY_SAMPLES, (i) => hotPageRead(store.visibleTo(VIEWER), i));
  const hotPageCached = await time(QUERY_SAMPLES, (i) => hotPageRead(cached.visibleTo(VIEWER), i));
  const prefixes = POOL.map((name) => name.slice(0, 2));
  const autocomplete = await time(QUERY_SAMPLES, (i) =>
    store.listActorNames(prefixes[(i * 37) % prefixes.length], 25),
  );
  const view = store.visibleTo(VIEWER);
  const viewCoverage = await time(QUERY_SAMPLES, () =>
    view.findActorCoverage(POOL[Math.floor(pick() * POOL.length)] ?? 'Nobody'),
  );
  const viewAutocomplete = await time(QUERY_SAMPLES, (i) =>
    view.listActorNames(prefixes[(i * 37) % prefixes.length], 25),
  );
  return {
    engine,
    articles: count,
    ingestPerSecond: count / ingestSeconds,
    coverage,
    hotCoverage,
    hotPage,
    hotPageCached,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    autocomplete,
    viewCoverage,
    viewAutocomplete,
  };
}

async function benchSqlite(): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const path = join(dir, 'newsdesk.db');
  try {
    const opened = await openStore(`sqlite:${path}`, { readCacheBytes: 0 });
    if (!opened.ok) throw new Error(opened.error);
    const cached = await openStore(`sqlite:${path}`);
    if (!cached.ok) throw new Error(cached.error);
    const result = await measure('SQLite', opened.value, cached.value, SQLITE_ARTICLES);
    await cached.value.close();
    await opened.value.close();
    // Closing checkpoints the WAL into the main file, so its size is the whole store.
    const raw = new BetterSqlite3(path, { readonly: true });
    const plan = raw
      .prepare(
        `explain query plan select a.id, r.record from actor_timeline t
         join article_actors r on r.article_id = t.article_id and r.actor_id = t.actor_id
         join articles a on a.id = t.article_id where t.key = ?
         order by t.sort_key desc, t.seq desc, t.actor_id desc limit 25`,
      )
      .all('xi') as { detail: string }[];
    raw.close();
    console.log(`SQLite plan of findActorCoverage: ${plan.map((step) => step.detail).join(' | ')}`);
    return { ...result, bytesPerArticle: statSync(path).size / SQLITE_ARTICLES };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(adminUrl: string): Promise<EngineResult | string> {
  const name = `newsdesk_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL unreachable (${error instanceof Error ? error.message : String(error)}): skipped`;
  }
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const opened = await openStore(url.toString(), { readCacheBytes: 0 });
    if (!opened.ok) return opened.error;
    const cached = await openStore(url.toString());
    if (!cached.ok) return cached.error;
    try {
      const result = await measure('PostgreSQL', opened.value, cached.value, POSTGRES_ARTICLES);
      const size = await admin.query<{ bytes: string }>('select pg_database_size($1) as bytes', [name]);
      return { ...result, bytesPerArticle: Number(size.rows[0]?.bytes) / POSTGRES_ARTICLES };
    } finally {
      await cached.value.close();
      await opened.value.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

const ms = (value: number) => value.toFixed(2);

/** Runs the store benchmark and prints one table row per engine. */
export async function run(): Promise<void> {
  // The bench's own setting, as in the integration tests: where a scratch PostgreSQL database can be made.
  const postgresUrl = process.env.NEWSDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const results: EngineResult[] = [await benchSqlite()];
  const postgres = await benchPostgres(postgresUrl);
  if (typeof postgres === 'string') console.log(postgres);
  else results.push(postgres);
  console.log(
    `\nstore: ingest, then reads without the read cache, then the hot page (${PAGE} rows + count) through it (target: hot page p95 <= 20 ms)`,
  );
  console.table(
    results.map((r) => ({
      engine: r.engine,
      articles: r.articles,
      'ingest/s': Math.round(r.ingestPerSecond),
      'actor p50 ms': ms(r.coverage.p50),
      'actor p95 ms': ms(r.coverage.p95),
      'actor rows': Math.round(r.coverage.rows),
      'hot actor (all) p50 ms': ms(r.hotCoverage.p50),
      'hot actor (all) p95 ms': ms(r.hotCoverage.p95),
      'hot rows': Math.round(r.hotCoverage.rows),
      'hot page p50 ms': ms(r.hotPage.p50),
      'hot page p95 ms': ms(r.hotPage.p95),
      'hot page cached p95 ms': ms(r.hotPageCached.p95),
      'RSS MB': Math.round(r.rssMb),
      'autocomplete p95 ms': ms(r.autocomplete.p95),
      'workspace actor p95 ms': ms(r.viewCoverage.p95),
      'workspace autocomplete p95 ms': ms(r.viewAutocomplete.p95),
      'KiB/article': (r.bytesPerArticle / 1024).toFixed(1),
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

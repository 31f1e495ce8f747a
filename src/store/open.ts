import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import { err, ok, type Result } from '../core/result.ts';
import { ListenedPool, STORE_UNAVAILABLE } from './connection-loss.ts';
import { migrationProvider, type StoreKind } from './migrations.ts';
import { DEFAULT_READ_CACHE_BYTES } from './read-cache.ts';
import type { Database } from './schema.ts';
import { KyselyStore, type Store } from './store.ts';

/** The SQLite file used when no DATABASE_URL is set. */
export const DEFAULT_SQLITE_PATH = 'data/newsdesk.db';

/** How to open a store. */
export interface OpenStoreOptions {
  /** The clock for stored timestamps (default: the system clock). */
  now?: () => Date;
  /** SQLite file when the URL is unset (default {@link DEFAULT_SQLITE_PATH}). */
  defaultSqlitePath?: string;
  /** How long a writer waits for another process's write lock (SQLite, default 5000 ms). */
  busyTimeoutMs?: number;
  /** How long to wait for a PostgreSQL connection (default 5000 ms). */
  connectTimeoutMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * Called with the errors of PostgreSQL connections, idle or in use (default: ignored): the
   * operation on a lost connection fails with a retryable error and the pool opens a new one.
   */
  onPoolError?: (error: Error) => void;
  /** The read cache's budget in bytes (default {@link DEFAULT_READ_CACHE_BYTES}; 0: no cache). */
  readCacheBytes?: number;
}

/** WAL pages after which a commit checkpoints them into the database (SQLite's default: 1,000). */
const WAL_CHECKPOINT_PAGES = 10_000;
/** The WAL file's size kept after a checkpoint: at most one checkpoint's worth of pages (~40 MB). */
const WAL_KEPT_BYTES = WAL_CHECKPOINT_PAGES * 4096;

/** Where a DATABASE_URL points. */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Reads a DATABASE_URL: unset or empty is the default SQLite file, `sqlite:PATH` / `file:PATH` /
 * a plain path is a SQLite file, `postgres://` / `postgresql://` is PostgreSQL; any other scheme fails.
 */
export function parseStoreUrl(
  url: string | undefined,
  defaultSqlitePath = DEFAULT_SQLITE_PATH,
): Result<StoreTarget, string> {
  const text = url?.trim() ?? '';
  if (text === '') return ok({ kind: 'sqlite', path: defaultSqlitePath });
  if (/^postgres(ql)?:\/\//i.test(text)) return ok({ kind: 'postgres', url: text });
  const file = /^(?:sqlite|file):(?:\/\/(?=\/))?(.*)$/i.exec(text);
  if (file) {
    const path = file[1] ?? '';
    if (path === '') return err(`DATABASE_URL ${text} names no file (try sqlite:data/newsdesk.db)`);
    return ok({ kind: 'sqlite', path });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return err(
      `DATABASE_URL ${redactUrl(text)} is not supported: use postgres://…, postgresql://…, sqlite:PATH or file:PATH`,
    );
  }
  return ok({ kind: 'sqlite', path: text });
}

/**
 * Opens the store a DATABASE_URL names and brings its schema up to date. Every expected failure
 * (bad scheme, unreachable host, bad credentials, unreadable file) is one line, never a stack trace.
 */
export async function openStore(
  url: string | undefined,
  options: OpenStoreOptions = {},
): Promise<Result<Store, string>> {
  const connected = await connectStore(url, options);
  return connected.ok ? connected : err(connected.error.reason);
}

/** Why a store could not be opened; `permanent` when trying again cannot help (bad URL, password, file). */
export interface StoreOpenFailure {
  reason: string;
  permanent: boolean;
}

/**
 * {@link openStore} for start-up retries: the failure says whether it may pass (a database that is
 * not up yet, unreachable or still starting) or not (wrong URL, credentials, SQLite file).
 */
export async function connectStore(
  url: string | undefined,
  options: OpenStoreOptions = {},
): Promise<Result<Store, StoreOpenFailure>> {
  const target = parseStoreUrl(url, options.defaultSqlitePath);
  if (!target.ok) return err({ reason: target.error, permanent: true });
  const now = options.now ?? (() => new Date());
  const opened =
    target.value.kind === 'sqlite'
      ? openSqlite(target.value.path, options)
      : await openPostgres(target.value.url, options);
  if (!opened.ok) return opened;
  const { db, kind, location } = opened.value;
  // Parallel branches add migrations under their own names (0003_…, 0004_…); a database that ran a
  // later one first must still take an earlier one that arrives with a merge.
  const migrator = new Migrator({ db, provider: migrationProvider(kind), allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    await db.destroy().catch(() => undefined);
    return err({
      reason: `Cannot prepare the database at ${location}: ${oneLine(error)}`,
      permanent: !isTransient(error),
    });
  }
  const cacheBytes = options.readCacheBytes ?? DEFAULT_READ_CACHE_BYTES;
  return ok(new KyselyStore(db, kind, location, now, cacheBytes));
}

interface OpenedDatabase {
  db: Kysely<Database>;
  kind: StoreKind;
  location: string;
}

function openSqlite(path: string, options: OpenStoreOptions): Result<OpenedDatabase, StoreOpenFailure> {
  const inMemory = path === ':memory:';
  const location = inMemory ? path : resolve(path);
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(location), { recursive: true });
    sqlite = new BetterSqlite3(location, { timeout: options.busyTimeoutMs ?? 5000 });
    // WAL lets readers run beside one writer; NORMAL sync keeps every commit through a process
    // crash (only a power cut can lose the last ones), at a fraction of FULL's fsyncs.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // A checkpoint copies each page once however many commits changed it, and syncs: an article
    // changes ~100 index pages, many of them the same hot pages again, so checkpointing every
    // ~100 articles instead of every ~10 copies and syncs far less. The WAL is cut back after.
    sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  } catch (error) {
    sqlite?.close();
    // A local file that cannot be opened stays so until someone fixes it.
    return err({
      reason: `Cannot open the SQLite database at ${location}: ${describeError(error)}`,
      permanent: true,
    });
  }
  const database = new StatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  return ok({ db, kind: 'sqlite', location });
}

async function openPostgres(
  url: string,
  options: OpenStoreOptions,
): Promise<Result<OpenedDatabase, StoreOpenFailure>> {
  const location = redactUrl(url);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    });
  } catch (error) {
    return err({ reason: `Cannot use DATABASE_URL ${location}: ${describeError(error)}`, permanent: true });
  }
  const listened = new ListenedPool(pool, options.onPoolError ?? (() => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    return err({
      reason: `Cannot connect to PostgreSQL at ${location}: ${describeError(error)}`,
      permanent: !isTransient(error),
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: listened }) });
  return ok({ db, kind: 'postgres', location });
}

/**
 * Codes of expected socket and file failures, in words a user can act on. PostgreSQL's own errors
 * (bad password, unknown role or database) already read well and are shown as they are.
 */
const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening there?)',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_CORRUPT: 'the database file is corrupt',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_PERM: 'permission denied',
};

/**
 * Failures that pass by themselves: the server is not listening, not reachable, not in DNS yet (a
 * container starting beside this one) or still starting (PostgreSQL's 57P03 "the database system
 * is starting up", 57P01 admin shutdown, 53300 too many connections), and a connection dropped
 * mid-way. Wrong credentials (28P01), unknown databases (3D000) and bad URLs are permanent.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P03',
  '53300',
  // A connection the pool lost mid-migration ("terminating connection due to administrator
  // command"): the store's own wrapper of the codes above.
  STORE_UNAVAILABLE,
]);

/**
 * Whether an open failure may pass by itself (see {@link TRANSIENT_CODES}). Server errors carry a
 * SQLSTATE and socket errors a system code; only pg's own connection timeouts and dropped
 * connections carry none, so an error without a code counts as transient.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isTransient);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? TRANSIENT_CODES.has(code) : true;
}

/** One line about an error: known codes in words (with the driver's own message), else the message. */
function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = oneLine(error);
  const words = typeof code === 'string' ? ERROR_WORDS[code] : undefined;
  if (words === undefined) return message;
  return message === '' || message === code ? words : `${words} (${message})`;
}

function oneLine(error: unknown): string {
  const message =
    error instanceof AggregateError && error.errors.length > 0
      ? oneLine(error.errors[0])
      : error instanceof Error
        ? error.message
        : String(error);
  return message.split('\n')[0]?.trim() ?? '';
}

/** The URL with its password replaced by `***`, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Prepared statements kept per SQL text: the store's queries are few and repeat thousands of times. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 behind kysely, preparing each distinct SQL text once (kysely prepares every query
 * afresh, which costs more than running it, and leaves a native statement per query to the GC).
 * The least recently used statement is dropped first; a statement still iterating is not shared.
 */
class StatementCache implements SqliteDatabase {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached && !cached.busy) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#sqlite.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#sqlite.close();
  }
}

/**
 * A SQLite driver whose transactions start with BEGIN IMMEDIATE: the write lock is taken (waiting
 * out the busy timeout) before the first read, so a second process never hits SQLITE_BUSY when a
 * transaction that has read turns into a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** {@link SqliteDialect} with the {@link ImmediateSqliteDriver}. */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * The database may go away (a failover, a restart, `pg_terminate_backend`): every PostgreSQL client
 * gets an error listener (an unheard `error` event would end the process), a lost connection fails
 * only the operation on it, with a {@link StoreUnavailableError}, and the pool opens a new one.
 * Store operations are idempotent, so the store retries them a few times before giving up.
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Stable code of a store operation that failed because the database could not be reached. */
export const STORE_UNAVAILABLE = 'NEWSDESK_STORE_UNAVAILABLE';

/** A store operation that failed because its database connection was lost or could not be made; worth retrying. */
export class StoreUnavailableError extends Error {
  readonly code = STORE_UNAVAILABLE;
  readonly retryable = true;

  constructor(cause: unknown) {
    super(`the database is unreachable for now (${describe(cause)})`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * SQLSTATE codes of a connection that is gone: class 08 (connection exception) and the server
 * shutting a session down (57P01 admin shutdown, as `pg_terminate_backend` sends; 57P02 crash
 * shutdown; 57P03 cannot connect now).
 */
const CONNECTION_SQLSTATES = /^(08\d{3}|57P0[123])$/;
/** Socket errors of a dropped or refused connection. */
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error`, raised by a query, means the connection was lost, by its code or the client's state. */
function isConnectionLoss(error: unknown, clientLost: boolean): boolean {
  const code = codeOf(error);
  return clientLost || (code !== undefined && (CONNECTION_SQLSTATES.test(code) || SOCKET_CODES.has(code)));
}

/** How often and how patiently the store retries an operation whose connection was lost. */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

/**
 * Six tries over about 1.5 s: a dropped connection is replaced within milliseconds, so a retry
 * mostly succeeds at once; a database that stays away is reported to the caller soon after.
 */
export const STORE_RETRY: Readonly<RetryPolicy> = { attempts: 6, firstDelayMs: 50 };

/** Runs `operation`, again after a doubling pause while it fails with {@link StoreUnavailableError}. */
export async function retryWhileUnavailable<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = STORE_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || attempt >= policy.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, policy.firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The pg pool as kysely's PostgresDialect uses it, with every client listened to: a client whose
 * connection fails is marked lost, its failed query becomes a {@link StoreUnavailableError}, and it
 * is discarded on release rather than handed out again.
 */
export class ListenedPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #lost = new WeakSet<pg.PoolClient>();
  readonly #wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  constructor(pool: pg.Pool, onError: (error: Error) => void) {
    this.#pool = pool;
    // Idle clients: the pool removes them itself and reports here.
    pool.on('error', onError);
    // Checked-out clients: without this listener a dropped connection is an uncaught 'error' event.
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        this.#lost.add(client);
        onError(error);
      });
      client.on('end', () => this.#lost.add(client));
    });
  }

  async connect(): Promise<PostgresPoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      // A refused or timed-out connect (pg's timeout error has no code) is an outage; a bad
      // password or unknown database is not, and shows as it is.
      if (isConnectionLoss(error, false) || codeOf(error) === undefined)
        throw new StoreUnavailableError(error);
      throw error;
    }
    let wrapped = this.#wrapped.get(client);
    if (!wrapped) {
      wrapped = this.#wrap(client);
      this.#wrapped.set(client, wrapped);
    }
    return wrapped;
  }

  async end(): Promise<void> {
    await this.#pool.end();
  }

  #wrap(client: pg.PoolClient): PostgresPoolClient {
    const query = async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      try {
        return (await client.query(sql, [...parameters])) as unknown as PostgresQueryResult<R>;
      } catch (error) {
        if (isConnectionLoss(error, this.#lost.has(client))) {
          this.#lost.add(client);
          throw new StoreUnavailableError(error);
        }
        throw error;
      }
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: (discard?: boolean) => client.release(discard === true || this.#lost.has(client)),
    } as PostgresPoolClient;
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() || 'no reason given';
}

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parseStoreUrl } from '../../src/store/open.ts';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

/** A running `crash-writer.ts` process and what it has reported so far. */
export interface WriterProcess {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves when a line satisfies `test` (rejects if the process ends first). */
  waitFor(test: (lines: string[]) => boolean): Promise<void>;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `crash-writer.ts` under node + tsx (the node process itself, so a signal reaches the writer). */
export function spawnWriter(args: string[]): WriterProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  const waiters: { test: (lines: string[]) => boolean; resolve: () => void; reject: (e: Error) => void }[] =
    [];
  const check = () => {
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(lines)) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        for (const waiter of waiters.splice(0)) {
          waiter.reject(new Error(`writer ended (code ${code}, signal ${signal}) first: ${stderr.trim()}`));
        }
        resolve({ code, signal, stderr });
      });
    },
  );
  return {
    child,
    lines,
    exited,
    waitFor: (test) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ test, resolve, reject });
        check();
      }),
  };
}

/** Rows that would show a half-written article, counted straight from the tables. */
export interface IntegrityReport {
  articles: number;
  /** Articles whose actor rows do not match their analysis's actor count. */
  articlesMissingActors: number;
  /** Actor rows or key rows whose article or actor row does not exist. */
  orphanRows: number;
  /** `ok` from SQLite's integrity check; `ok` for PostgreSQL. */
  integrity: string;
}

const ACTOR_MISMATCH = `
  select count(*) as n from articles a
  where (select count(*) from article_actors r where r.article_id = a.id) <> $ACTORS`;
const ORPHANS = `
  select (select count(*) from article_actors r where not exists (select 1 from articles a where a.id = r.article_id))
       + (select count(*) from actor_keys k where not exists
           (select 1 from article_actors r where r.article_id = k.article_id and r.actor_id = k.actor_id)) as n`;

/** Checks the tables directly (not through the store) after a crash; every article has `actorsPerArticle` actors. */
export async function checkIntegrity(url: string, actorsPerArticle: number): Promise<IntegrityReport> {
  const target = parseStoreUrl(url);
  if (!target.ok) throw new Error(target.error);
  const mismatch = ACTOR_MISMATCH.replace('$ACTORS', String(actorsPerArticle));
  if (target.value.kind === 'sqlite') {
    const db = new BetterSqlite3(target.value.path, { readonly: true });
    try {
      const count = (query: string) => Number((db.prepare(query).get() as { n: number }).n);
      return {
        articles: count('select count(*) as n from articles'),
        articlesMissingActors: count(mismatch),
        orphanRows: count(ORPHANS),
        integrity: String(db.pragma('integrity_check', { simple: true })),
      };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.value.url });
  await client.connect();
  try {
    const count = async (query: string) => Number((await client.query<{ n: string }>(query)).rows[0]?.n);
    return {
      articles: await count('select count(*) as n from articles'),
      articlesMissingActors: await count(mismatch),
      orphanRows: await count(ORPHANS),
      integrity: 'ok',
    };
  } finally {
    await client.end();
  }
}

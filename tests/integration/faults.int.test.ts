/**
 * The database may go away: PostgreSQL connections are terminated (`pg_terminate_backend`) every
 * 0.3 s while the real bot ingests its digests folder, and while a scheduler records hundreds of
 * delivered slots. The process survives, nothing is lost, nothing is posted twice.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { realTimers } from '../../src/scheduler/post-queue.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { openStore } from '../../src/store/open.ts';
import { FakeClock, ManualTicker, RecordingChannel } from '../fixtures/scheduler-fakes.ts';
import { articleCopy } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const engines = (await storeEngines('fault tests')).filter((engine) => engine.databases.kind === 'postgres');
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** How often every other connection to the database is terminated. */
const TERMINATE_EVERY_MS = 300;

/** Terminates every other connection to the database of `url` every 0.3 s until stopped; counts them. */
async function terminator(url: string): Promise<{ stop(): Promise<number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let terminated = 0;
  const timer = setInterval(() => {
    client
      .query<{ n: string }>(
        'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
      .then(
        (result) => {
          terminated += Number(result.rows[0]?.n ?? 0);
        },
        () => undefined,
      );
  }, TERMINATE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await client.end();
      return terminated;
    },
  };
}

/** `count` copies of the default article as Markdown files, each its own story (title and lead differ). */
function digestsFolder(count: number): string {
  const dir = join(scratch, 'digests');
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(ROOT, 'digests', '2021-09-09-biden-xi-call.txt'), 'utf8');
  for (let n = 1; n <= count; n++) {
    const front = `---\ntitle: Biden and Xi speak again, call number ${n}\nsource: Test Wire\n---\n\n`;
    writeFileSync(
      join(dir, `call-${String(n).padStart(3, '0')}.md`),
      `${front}This is call number ${n} in the series.\n\n${text}`,
    );
  }
  return dir;
}

describe.each(engines)('$name connections terminated every 0.3 s', ({ databases }) => {
  afterAll(() => databases.dropAll());

  it('GIVEN the real bot ingesting 120 articles THEN it survives, stores all 120 and still answers', async () => {
    const url = await databases.fresh();
    // The schema first, so the drops hit the ingest and not the migration.
    const opened = await openStore(url);
    if (!opened.ok) throw new Error(opened.error);
    await opened.value.close();
    const drops = await terminator(url);
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url,
          DIGESTS_DIR: digestsFolder(120),
          LOG_LEVEL: 'warn',
          INSTANCE_ID: 'faults',
        },
        stdio: 'pipe',
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 90_000;
      while (!pattern.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor(/digests: \d+ new/);
      child.stdin.write('/articles\n');
      await waitFor(/call number 120/);
      const terminated = await drops.stop();
      expect(terminated).toBeGreaterThan(0);
      child.stdin.end();
      expect(await exited).toBe(0);
      // A crash prints the error's stack; a retried start-up only logs the reason ("… (Connection
      // terminated unexpectedly); attempt 1 failed, next try at …"), which is the behaviour wanted.
      expect(output).not.toMatch(
        /Unhandled 'error' event|Error: Connection terminated unexpectedly\s*\n\s+at /,
      );
      expect(output).toContain('digests: 120 new, 0 updated, 0 unchanged, 0 skipped');
    } finally {
      await drops.stop().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const check = await openStore(url);
    if (!check.ok) throw new Error(check.error);
    try {
      expect(await check.value.latestSeq()).toBe(120);
      expect(await check.value.listArticles({ limit: 500 })).toHaveLength(120);
    } finally {
      await check.value.close();
    }
  });

  it('GIVEN 300 due slots posted and recorded THEN every channel gets one post and every slot is completed', async () => {
    const url = await databases.fresh();
    const clock = new FakeClock('2024-05-01T05:10:00.000Z');
    const opened = await openStore(url, { now: () => clock.now() });
    if (!opened.ok) throw new Error(opened.error);
    const store = opened.value;
    try {
      for (let n = 1; n <= 3; n++)
        await store.saveArticle(articleCopy(n).article, articleCopy(n).analysis, 1, [GLOBAL_OWNER]);
      for (let n = 0; n < 300; n++)
        await store.addSubscription({
          platform: 'slack',
          workspaceId: 'T1',
          channelId: `C${n}`,
          cron: '0 * * * *',
          timezone: 'UTC',
          createdBy: 'U1',
        });
      // Real time: posts take 150 ms each, so the run spans many terminations.
      const slack = new RecordingChannel('slack', realTimers, 150);
      const scheduler = createScheduler({
        subscriptions: store,
        deliveries: store,
        articles: store,
        channels: { slack },
        clock,
        instanceId: 'faults',
        ticker: new ManualTicker(),
        postPolicies: { slack: { perChannelIntervalMs: 0, concurrency: 32 } },
        settings: { recordRetryMs: 100 },
      });
      await scheduler.start();
      clock.set('2024-05-01T06:00:00.000Z');
      const drops = await terminator(url);
      const tally = await scheduler.runDue();
      const terminated = await drops.stop();
      await scheduler.stop();
      expect(terminated).toBeGreaterThan(0);
      expect(tally).toMatchObject({ posted: 300, failed: 0 });
      const perChannel = new Map<string, number>();
      for (const post of slack.delivered)
        perChannel.set(post.channel.channelId, (perChannel.get(post.channel.channelId) ?? 0) + 1);
      expect(perChannel.size).toBe(300);
      expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
      expect(await store.unfinishedClaims()).toEqual([]);
      for (const subscription of await store.listSubscriptions())
        expect((await store.lastSlot(subscription.id))?.status).toBe('completed');
    } finally {
      await store.close();
    }
  });
});

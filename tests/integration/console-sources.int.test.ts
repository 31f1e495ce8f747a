import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, serve, startFeedServer } from '../fixtures/feeds/server.ts';
import { articlePage, BIKE_LANES, rssFeed, STORM } from '../fixtures/feeds/stories.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEFAULT_ARTICLE = join(ROOT, 'digests', '2021-09-09-biden-xi-call.txt');
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-sources-'));

/** A running bot whose stdin stays open until the test closes it. */
interface LiveBot {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds `text` (searching from `from`), or rejects after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number, from?: number): Promise<void>;
  exited: Promise<number | null>;
}

function startLiveBot(env: Record<string, string>): LiveBot {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const key of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) {
    delete childEnv[key];
  }
  const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: ROOT, env: childEnv, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor(text, timeoutMs = 20_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (stdout.indexOf(text, from) >= 0) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no "${text}" in stdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route(
    '/world.rss',
    serve(
      'application/rss+xml',
      rssFeed('Harbor Times World', [
        { title: BIKE_LANES.title, link: `${server.origin}/bike-lanes.html`, date: '2024-01-02T08:00:00Z' },
      ]),
    ),
  );
  server.route('/storm.html', serve('text/html; charset=utf-8', articlePage(STORM)));
  server.route('/not-a-feed.html', serve('text/html', articlePage(BIKE_LANES)));
});

afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the running bot with its sources wired', () => {
  it('GIVEN a new article file dropped in while it runs, /feeds add and /digest url: THEN each source is ingested', async () => {
    const digests = join(scratch, 'digests');
    mkdirSync(digests, { recursive: true });
    copyFileSync(DEFAULT_ARTICLE, join(digests, '2021-09-09-biden-xi-call.txt'));
    const bot = startLiveBot({
      DATABASE_URL: `sqlite:${join(scratch, 'newsdesk.db')}`,
      DIGESTS_DIR: digests,
      FETCH_ALLOWED_HOSTS: server.host,
    });
    try {
      bot.child.stdin.write(`/feeds add ${server.origin}/world.rss\n`);
      await bot.waitFor('Feed added');
      expect(server.hits('/world.rss')).toBeGreaterThanOrEqual(1);

      bot.child.stdin.write(`/feeds add ${server.origin}/not-a-feed.html\n`);
      await bot.waitFor('not an RSS or Atom feed');

      // The watcher runs once the prompt answers: a file dropped in now is ingested without a restart.
      const dropped = join(digests, 'storm.txt');
      writeFileSync(dropped, `${STORM.title}\n\n${STORM.paragraphs.join('\n\n')}\n`);
      await bot.waitFor(`${dropped}: created (${STORM.title})`);

      bot.child.stdin.write('/articles\n');
      await bot.waitFor('Articles, newest first:');

      bot.child.stdin.write(`/digest url:${server.origin}/storm.html\n/feeds list\n`);
      await bot.waitFor('Feeds newsdesk polls (1):');
      bot.child.stdin.end();
      expect(await bot.exited, bot.stderr()).toBe(0);

      const out = bot.stdout();
      const articles = out.slice(out.indexOf('> /articles'));
      expect(articles.slice(0, articles.indexOf('\n> '))).toContain(STORM.title);
      // The page is the same story as the dropped file: it comes back as that article's digest.
      const digest = out.slice(out.indexOf('> /digest url:'), out.indexOf('> /feeds list'));
      expect(digest).toContain('“We are asking people to stay away from downed lines');
      expect(out.slice(out.indexOf('> /feeds list'))).toContain(
        `Harbor Times World <${server.origin}/world.rss>`,
      );
      expect(server.hits('/storm.html')).toBe(1);
    } finally {
      bot.child.kill();
    }
  }, 90_000);

  it('GIVEN no allow-list THEN a feed on 127.0.0.1 is refused as a private address', async () => {
    const bot = startLiveBot({
      DATABASE_URL: `sqlite:${join(scratch, 'refused.db')}`,
      DIGESTS_DIR: join(scratch, 'digests'),
    });
    try {
      bot.child.stdin.end(`/feeds add ${server.origin}/world.rss\n/digest url:${server.origin}/storm.html\n`);
      expect(await bot.exited, bot.stderr()).toBe(0);
      const out = bot.stdout();
      const feeds = out.slice(out.indexOf('> /feeds add'), out.indexOf('> /digest url:'));
      expect(feeds).toContain(`refused ${server.host}`);
      expect(out.slice(out.indexOf('> /digest url:'))).toContain('I could not read that page: ');
    } finally {
      bot.child.kill();
    }
  }, 60_000);
});

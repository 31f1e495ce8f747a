import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';
import { watchDigestsFolder } from '../../src/ingest/digests-watcher.ts';
import { createHttpFetcher } from '../../src/ingest/http-fetcher.ts';
import { ingestUrl } from '../../src/ingest/ingest.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type FeedServer, serve, startFeedServer } from '../fixtures/feeds/server.ts';
import { articlePage, BIKE_LANES, bidenXiStory, STORM } from '../fixtures/feeds/stories.ts';

let server: FeedServer;
let dir: string;
let store: Store;
let pool: AnalysisPool;

beforeAll(async () => {
  server = await startFeedServer();
  pool = createAnalysisPool({ threads: 1 });
});
afterAll(async () => {
  await server.close();
  await pool.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-sources-'));
  const opened = await openStore(`sqlite:${join(dir, 'test.db')}`);
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A listener on another loopback address that counts every connection made to it. */
async function connectionCounter(
  host: string,
): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const other = createServer((_req, res) => res.end('should never be reached'));
  other.on('connection', () => count++);
  await new Promise<void>((resolve) => other.listen(0, host, resolve));
  return { server: other, port: (other.address() as AddressInfo).port, connections: () => count };
}

describe('the HTTP fetcher', () => {
  it('GIVEN an allow-listed local page THEN it is fetched with its body and validators', async () => {
    server.route('/ok', serve('text/html; charset=utf-8', articlePage(STORM), { etag: '"v1"' }));
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/ok`, purpose: 'page' });
    expect(outcome).toMatchObject({ status: 'ok', etag: '"v1"', url: `${server.origin}/ok` });
    if (outcome.status === 'ok') expect(outcome.body).toContain(STORM.paragraphs[0]);
  });

  it('GIVEN 127.0.0.1 not on the allow-list THEN the fetch is refused before connecting', async () => {
    server.route('/private', serve('text/html', articlePage(STORM)));
    const fetcher = createHttpFetcher();
    const outcome = await fetcher.fetch({ url: `${server.origin}/private`, purpose: 'page' });
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    if (outcome.status === 'failed') expect(outcome.reason).toContain('loopback');
    expect(server.hits('/private')).toBe(0);
  });

  it.each([
    '::ffff:0:127.0.0.1',
    '::ffff:0:a9fe:a9fe',
    '64:ff9b:1::a00:1',
    '100::1',
    '2001:db8::1',
    '::ffff:0:0:1',
  ])('GIVEN a host that resolves to %s THEN the fetch is refused before any connection', async (address) => {
    const fetcher = createHttpFetcher({ resolve: async () => [{ address, family: 6 }] });
    const outcome = await fetcher.fetch({ url: 'http://news.example/story', purpose: 'page' });
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    // The refusal comes from the address check, which runs before a socket is opened.
    if (outcome.status === 'failed')
      expect(outcome.reason).toMatch(/^refused news\.example: it resolves to /);
  });

  it('GIVEN a redirect to 127.0.0.2 when only 127.0.0.1:port is allowed THEN it is refused without connecting there', async () => {
    const other = await connectionCounter('127.0.0.2');
    try {
      server.route('/to-loopback', (_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.2:${other.port}/secret` }).end();
      });
      const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
      const outcome = await fetcher.fetch({ url: `${server.origin}/to-loopback`, purpose: 'page' });
      expect(outcome.status).toBe('failed');
      if (outcome.status === 'failed') expect(outcome.reason).toMatch(/refused 127\.0\.0\.2:\d+.*loopback/);
      expect(other.connections()).toBe(0);
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
  });

  it('GIVEN a redirect to the private address 10.0.0.1 THEN it is refused at once', async () => {
    server.route('/to-private', (_req, res) => {
      res.writeHead(301, { location: 'http://10.0.0.1/admin' }).end();
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host], timeoutMs: 10_000 });
    const started = Date.now();
    const outcome = await fetcher.fetch({ url: `${server.origin}/to-private`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toContain('private');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('GIVEN a redirect to a host name that resolves to the metadata address THEN it is refused', async () => {
    server.route('/to-name', (_req, res) => {
      res.writeHead(302, { location: 'http://metadata.internal.test/latest/' }).end();
    });
    const fetcher = createHttpFetcher({
      allowedHosts: [server.host],
      // One public and one link-local address: any refused address refuses the host.
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
    });
    const outcome = await fetcher.fetch({ url: `${server.origin}/to-name`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toContain('169.254.169.254');
  });

  it('GIVEN a redirect to a file: URL THEN it is refused', async () => {
    server.route('/to-file', (_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/to-file`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toContain('only http and https');
  });

  it('GIVEN redirects within the allowed host THEN they are followed, at most five', async () => {
    for (let i = 0; i < 7; i++)
      server.route(`/hop/${i}`, (_req, res) => {
        res.writeHead(302, { location: `/hop/${i + 1}` }).end();
      });
    server.route('/hop/3', (_req, res) => res.writeHead(302, { location: '/ok' }).end());
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const followed = await fetcher.fetch({ url: `${server.origin}/hop/0`, purpose: 'page' });
    expect(followed).toMatchObject({ status: 'ok', url: `${server.origin}/ok` });
    server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    const loop = await fetcher.fetch({ url: `${server.origin}/loop`, purpose: 'page' });
    expect(loop.status).toBe('failed');
    if (loop.status === 'failed') expect(loop.reason).toBe('more than 5 redirects');
  });

  it('GIVEN a server that never answers THEN the fetch times out', async () => {
    server.route('/hang', () => {
      // Never answers.
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host], timeoutMs: 300 });
    const started = Date.now();
    const outcome = await fetcher.fetch({ url: `${server.origin}/hang`, purpose: 'feed' });
    expect(outcome).toMatchObject({ status: 'failed', retryable: true, reason: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('GIVEN a 50 MB body streamed without a length THEN the fetch stops soon after 5 MB', async () => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const pump = () => {
        while (written < 50 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/huge`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toBe('too large (over 5 MB)');
    // The server stopped sending soon after the cap (socket buffers hold a few MB at most).
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('GIVEN a declared length of 50 MB THEN the fetch is refused before the body', async () => {
    server.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<html>');
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/declared`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toBe('too large (50 MB, limit 5 MB)');
  });

  it('GIVEN a small gzip body that inflates past 5 MB THEN the cap counts the inflated bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, ' '));
    server.route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb);
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/bomb`, purpose: 'page' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toBe('too large (over 5 MB)');
  });

  const types: [string, string, 'page' | 'feed', string][] = [
    [
      'a PDF asked for as a page',
      'application/pdf',
      'page',
      'not an HTML page (content type application/pdf)',
    ],
    ['an HTML page asked for as a feed', 'text/html', 'feed', 'not an RSS or Atom feed'],
    ['an image asked for as a feed', 'image/png', 'feed', 'not a feed (content type image/png)'],
  ];
  it.each(types)('GIVEN %s THEN it is refused', async (_name, contentType, purpose, reason) => {
    server.route('/typed', serve(contentType, 'body'));
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/typed`, purpose });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.reason).toContain(reason);
  });

  it('GIVEN a 429 with Retry-After THEN the failure is retryable after that long', async () => {
    server.route('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({ url: `${server.origin}/busy`, purpose: 'feed' });
    expect(outcome).toMatchObject({
      status: 'failed',
      retryable: true,
      httpStatus: 429,
      retryAfterMs: 120_000,
    });
  });

  it('GIVEN validators THEN they are sent and a 304 is "not modified"', async () => {
    server.route('/conditional', (req, res) => {
      const fresh =
        req.headers['if-none-match'] === '"abc"' && req.headers['if-modified-since'] !== undefined;
      res
        .writeHead(fresh ? 304 : 200, { 'content-type': 'application/rss+xml' })
        .end(fresh ? undefined : '<rss/>');
    });
    const fetcher = createHttpFetcher({ allowedHosts: [server.host] });
    const outcome = await fetcher.fetch({
      url: `${server.origin}/conditional`,
      purpose: 'feed',
      etag: '"abc"',
      lastModified: 'Wed, 01 May 2024 18:30:00 GMT',
    });
    expect(outcome.status).toBe('not-modified');
  });
});

describe('ingestUrl', () => {
  it('GIVEN a news page THEN its article is stored once, and asking again does not refetch it', async () => {
    server.route('/news/biden-xi', serve('text/html', articlePage(bidenXiStory(), 'The Washington Post')));
    const deps = {
      articles: store,
      owners: [GLOBAL_OWNER],
      pool,
      failures: store,
      fetcher: createHttpFetcher({ allowedHosts: [server.host] }),
    };
    const first = await ingestUrl(`${server.origin}/news/biden-xi?utm_source=share`, deps);
    expect(first.ok && first.value.outcome).toBe('created');
    const stored = await store.getArticleByUrl(`${server.origin}/news/biden-xi`);
    expect(stored?.article.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(stored?.analysis.actors.map((actor) => actor.name)).toContain('Xi Jinping');
    const again = await ingestUrl(`${server.origin}/news/biden-xi`, deps);
    expect(again.ok && again.value).toMatchObject({ outcome: 'duplicate', id: stored?.id });
    expect(server.hits('/news/biden-xi?utm_source=share') + server.hits('/news/biden-xi')).toBe(1);
  });

  it('GIVEN the same page at a second URL THEN it is stored once with both links, and the second is not refetched', async () => {
    const page = articlePage(bidenXiStory(), 'The Washington Post');
    server.route('/politics/biden-xi-call', serve('text/html', page));
    server.route('/amp/politics/biden-xi-call', serve('text/html', page));
    const deps = {
      articles: store,
      owners: [GLOBAL_OWNER],
      pool,
      failures: store,
      fetcher: createHttpFetcher({ allowedHosts: [server.host] }),
    };
    const first = await ingestUrl(`${server.origin}/politics/biden-xi-call`, deps);
    const second = await ingestUrl(`${server.origin}/amp/politics/biden-xi-call`, deps);
    const id = first.ok ? first.value.id : '';
    expect(second.ok && second.value).toMatchObject({ outcome: 'duplicate', id });
    expect(await store.articleLinks(id)).toEqual([
      `${server.origin}/politics/biden-xi-call`,
      `${server.origin}/amp/politics/biden-xi-call`,
    ]);
    const third = await ingestUrl(`${server.origin}/amp/politics/biden-xi-call`, deps);
    expect(third.ok && third.value).toMatchObject({ outcome: 'duplicate', id });
    expect(server.hits('/amp/politics/biden-xi-call')).toBe(1);
    expect(await store.latestSeq()).toBe(1);
  });

  it('GIVEN a page with no article THEN the error says so and nothing is stored', async () => {
    server.route(
      '/empty',
      serve(
        'text/html',
        '<html><head><title>Log in</title></head><body><nav><a href="/">Home</a></nav><form><input name="user"></form></body></html>',
      ),
    );
    const result = await ingestUrl(`${server.origin}/empty`, {
      articles: store,
      owners: [GLOBAL_OWNER],
      pool,
      failures: store,
      fetcher: createHttpFetcher({ allowedHosts: [server.host] }),
    });
    expect(result).toEqual({ ok: false, error: `no article found in ${server.origin}/empty` });
    expect(await store.latestSeq()).toBe(0);
  });

  it('GIVEN a URL on a refused address THEN the error names the refusal', async () => {
    const result = await ingestUrl('http://169.254.169.254/latest/meta-data/', {
      articles: store,
      owners: [GLOBAL_OWNER],
      pool,
      failures: store,
      fetcher: createHttpFetcher(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('link-local (cloud metadata) address');
  });
});

describe('watchDigestsFolder', () => {
  /** Waits until `check` holds, polling, for at most `ms`. */
  async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('GIVEN a file there at start and a new file THEN the first is the start-up tally, the new one stored within seconds; a copy is stored once; an edit replaces it', async () => {
    const digests = join(dir, 'digests');
    rmSync(digests, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(digests));
    writeFileSync(join(digests, 'already-there.txt'), `${STORM.title}\n\n${STORM.paragraphs.join('\n\n')}\n`);
    const events: string[] = [];
    const watcher = watchDigestsFolder(digests, {
      articles: store,
      owners: [GLOBAL_OWNER],
      pool,
      failures: store,
      debounceMs: 100,
      rescanMs: 1000,
      onIngested: (file, result) => events.push(`${file.slice(digests.length + 1)} ${result.outcome}`),
      onError: (file, error) => events.push(`${file} error ${error}`),
    });
    try {
      expect(await watcher.ready).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
      const text = `${BIKE_LANES.title}\n\n${BIKE_LANES.paragraphs.join('\n\n')}\n`;
      writeFileSync(join(digests, 'bike-lanes.txt'), text);
      await eventually(async () => (await store.getArticle('bike-lanes')) !== undefined);
      writeFileSync(join(digests, 'bike-lanes-copy.txt'), text);
      await eventually(async () => events.includes('bike-lanes-copy.txt duplicate'));
      writeFileSync(join(digests, 'bike-lanes.txt'), text.replace('7 to 2', '8 to 1'));
      await eventually(async () => events.includes('bike-lanes.txt updated'));
      expect(events).toEqual([
        'bike-lanes.txt created',
        'bike-lanes-copy.txt duplicate',
        'bike-lanes.txt updated',
      ]);
      expect(await store.getArticle('already-there')).toBeDefined();
      expect(await store.latestSeq()).toBe(2);
    } finally {
      await watcher.stop();
    }
  });
});

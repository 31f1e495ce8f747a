import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';
import { createHttpFetcher } from '../../src/ingest/http-fetcher.ts';
import { runFeedsCommand, runIngestCommand, type SourcesCliDeps } from '../../src/ingest/sources-cli.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type FeedServer, serve, startFeedServer } from '../fixtures/feeds/server.ts';
import { articlePage, RATES, rssFeed } from '../fixtures/feeds/stories.ts';

let server: FeedServer;
let dir: string;
let store: Store;
let deps: SourcesCliDeps;
let pool: AnalysisPool;
let out: string[];
const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(`ERR ${text}`) };

beforeAll(async () => {
  pool = createAnalysisPool({ threads: 1 });
  server = await startFeedServer();
  server.route('/rates', serve('text/html', articlePage(RATES)));
  server.route(
    '/feed.xml',
    serve(
      'application/rss+xml',
      rssFeed('The Harbor Times', [{ title: RATES.title, link: `${server.origin}/rates` }]),
    ),
  );
  server.route('/page-not-feed', serve('text/html', articlePage(RATES)));
});
afterAll(async () => {
  await server.close();
  await pool.close();
});
beforeEach(async () => {
  out = [];
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-sources-cli-'));
  const opened = await openStore(`sqlite:${join(dir, 'test.db')}`);
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
  deps = {
    articles: store,
    feeds: store,
    pool,
    failures: store,
    fetcher: createHttpFetcher({ allowedHosts: [server.host] }),
  };
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('newsdesk ingest URL', () => {
  it('GIVEN a page and then the same page again THEN it is stored, then reported as already stored', async () => {
    expect(await runIngestCommand([`${server.origin}/rates`, `${server.origin}/rates`], deps, io)).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(new RegExp(`^stored: ${RATES.title} \\[127-0-0-1-[0-9a-f]{12}\\]\\n$`)),
      expect.stringMatching(/^already stored: /),
    ]);
  });

  it('GIVEN an ftp URL THEN exit code 1 and the reason', async () => {
    expect(await runIngestCommand(['ftp://example.com/x'], deps, io)).toBe(1);
    expect(out).toEqual([
      'ERR newsdesk: only http and https URLs can be fetched, not ftp: (ftp://example.com/x)\n',
    ]);
  });
});

describe('newsdesk feeds', () => {
  it('GIVEN add, list and remove THEN the feed is checked, named, listed and removed', async () => {
    expect(await runFeedsCommand(['add', `${server.origin}/feed.xml`], deps, io)).toBe(0);
    expect(await runFeedsCommand(['list'], deps, io)).toBe(0);
    expect(await runFeedsCommand(['remove', `${server.origin}/feed.xml`], deps, io)).toBe(0);
    expect(await runFeedsCommand(['remove', `${server.origin}/feed.xml`], deps, io)).toBe(1);
    expect(out).toEqual([
      'added The Harbor Times (1 item now; only stories published from now on are digested)\n',
      `The Harbor Times <${server.origin}/feed.xml>: not fetched yet\n`,
      `removed ${server.origin}/feed.xml\n`,
      `ERR newsdesk: no such feed: ${server.origin}/feed.xml\n`,
    ]);
  });

  it('GIVEN a URL that serves a web page THEN it is not added', async () => {
    expect(await runFeedsCommand(['add', `${server.origin}/page-not-feed`], deps, io)).toBe(1);
    expect(out[0]).toContain('not an RSS or Atom feed');
    expect(await store.listFeeds()).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';
import { createFeedPoller, type FeedPollerDeps } from '../../src/ingest/feed-poller.ts';
import { createHttpFetcher } from '../../src/ingest/http-fetcher.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type FeedServer, serve, serveWithEtag, startFeedServer } from '../fixtures/feeds/server.ts';
import {
  articlePage,
  atomFeed,
  BIKE_LANES,
  type FixtureItem,
  RATES,
  rssFeed,
  STORM,
  storyHtml,
} from '../fixtures/feeds/stories.ts';

const RSS = 'application/rss+xml; charset=utf-8';
const ADDED_AT = '2024-05-02T00:00:00.000Z';
const MINUTE = 60_000;

let server: FeedServer;
let dir: string;
let store: Store;
let pool: AnalysisPool;
let time: number;
const clock: Clock = { now: () => new Date(time) };

beforeAll(async () => {
  server = await startFeedServer();
  pool = createAnalysisPool({ threads: 1 });
});
afterAll(async () => {
  await server.close();
  await pool.close();
});
beforeEach(async () => {
  time = Date.parse(ADDED_AT);
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-feeds-'));
  const opened = await openStore(`sqlite:${join(dir, 'test.db')}`, { now: () => clock.now() });
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A unique path prefix per test, so routes of one test never answer another's requests. */
let prefix = 0;
function paths() {
  prefix++;
  return (name: string) => `/t${prefix}/${name}`;
}

function poller(overrides: Partial<FeedPollerDeps> = {}) {
  return createFeedPoller({
    articles: store,
    pool,
    failures: store,
    feeds: store,
    fetcher: createHttpFetcher({ allowedHosts: [server.host], timeoutMs: 500 }),
    clock,
    hostDelayMs: 0,
    intervalMs: 10 * MINUTE,
    backoffBaseMs: MINUTE,
    ...overrides,
  });
}

describe('feed polling', () => {
  it('GIVEN a new feed THEN its backlog is not ingested, a later item is, and an unchanged feed is a 304', async () => {
    const path = paths();
    const items: FixtureItem[] = [
      { title: STORM.title, link: `${server.origin}${path('storm')}`, date: '2024-05-01T09:00:00Z' },
      { title: RATES.title, link: `${server.origin}${path('rates')}`, date: '2024-05-01T12:00:00Z' },
    ];
    let version = 1;
    server.route(
      path('feed.xml'),
      serveWithEtag(
        RSS,
        () => rssFeed('The Harbor Times', items),
        () => `"v${version}"`,
      ),
    );
    server.route(path('storm'), serve('text/html', articlePage(STORM)));
    server.route(path('rates'), serve('text/html', articlePage(RATES)));
    server.route(path('bike'), serve('text/html', articlePage(BIKE_LANES)));
    await store.addFeed(`${server.origin}${path('feed.xml')}`, { owner: GLOBAL_OWNER });
    const feeds = poller();

    const [first] = await feeds.pollOnce();
    expect(first).toMatchObject({ status: 'ok', created: 0, backlog: 2, errors: [] });
    expect(server.hits(path('storm')) + server.hits(path('rates'))).toBe(0);

    // A story published after the feed was added.
    time += 11 * MINUTE;
    items.unshift({
      title: BIKE_LANES.title,
      link: `${server.origin}${path('bike')}`,
      date: '2024-05-02T00:05:00Z',
    });
    version = 2;
    const [second] = await feeds.pollOnce();
    expect(second).toMatchObject({ status: 'ok', created: 1, backlog: 2, errors: [] });
    const stored = await store.getArticleByUrl(`${server.origin}${path('bike')}`);
    expect(stored?.article.title).toBe(BIKE_LANES.title);
    expect(stored?.article.source).toBe('The Harbor Times');
    expect(stored?.article.paragraphs).toEqual(BIKE_LANES.paragraphs);

    time += 11 * MINUTE;
    const [third] = await feeds.pollOnce();
    expect(third).toMatchObject({ status: 'not-modified', created: 0 });
    const lastRequest = server.requests.filter((request) => request.path === path('feed.xml')).at(-1);
    expect(lastRequest?.headers['if-none-match']).toBe('"v2"');
    expect(server.hits(path('bike'))).toBe(1);
    expect(await store.latestSeq()).toBe(1);
  });

  it('GIVEN a restart (a new poller) and a feed without validators THEN stored items are not stored again', async () => {
    const path = paths();
    const items: FixtureItem[] = [
      { title: STORM.title, guid: 'storm-1', date: '2024-05-02T01:00:00Z', content: storyHtml(STORM) },
    ];
    server.route(path('feed.xml'), serve(RSS, rssFeed('Coast Weather', items)));
    await store.addFeed(`${server.origin}${path('feed.xml')}`, { owner: GLOBAL_OWNER });
    time = Date.parse('2024-05-02T02:00:00Z');
    const [first] = await poller().pollOnce();
    expect(first).toMatchObject({ created: 1 });
    const [afterRestart] = await poller().pollOnce();
    expect(afterRestart).toMatchObject({ status: 'ok', created: 0, duplicates: 1 });
    expect(await store.latestSeq()).toBe(1);
  });

  it('GIVEN an item without a link THEN its own content is digested; with a full text, the link is not fetched', async () => {
    const path = paths();
    server.route(
      path('atom.xml'),
      serve(
        'application/atom+xml',
        atomFeed('Coast Weather', [
          {
            title: STORM.title,
            guid: 'tag:coast,2024:storm',
            date: '2024-05-02T03:00:00Z',
            content: storyHtml(STORM),
          },
          {
            title: BIKE_LANES.title,
            link: `${server.origin}${path('bike')}`,
            date: '2024-05-02T04:00:00Z',
            content: storyHtml(BIKE_LANES),
          },
        ]),
      ),
    );
    await store.addFeed(`${server.origin}${path('atom.xml')}`, { owner: GLOBAL_OWNER });
    const [report] = await poller().pollOnce();
    expect(report).toMatchObject({ status: 'ok', created: 2, errors: [] });
    expect(server.hits(path('bike'))).toBe(0);
    const titles = (await store.listArticles()).map((article) => article.title).sort();
    expect(titles).toEqual([STORM.title, BIKE_LANES.title].sort());
  });

  it('GIVEN the same story in two feeds under two links THEN it is stored once, with both links', async () => {
    const path = paths();
    const { harborLink, wireLink } = await serveOneStoryInTwoFeeds(path);
    const feeds = poller();
    const reports = await feeds.pollOnce();
    expect(reports.reduce((sum, report) => sum + report.created, 0)).toBe(1);
    const stored = await store.listArticles();
    expect(stored).toHaveLength(1);
    const id = stored[0]?.id ?? '';
    const alsoAt = reports.flatMap((report) => report.alsoAt);
    expect(alsoAt).toHaveLength(1);
    expect(alsoAt[0]?.id).toBe(id);
    expect([stored[0]?.url, alsoAt[0]?.link].sort()).toEqual([harborLink, wireLink].sort());
    expect((await store.articleLinks(id)).sort()).toEqual([harborLink, wireLink].sort());
    expect((await store.getArticleByUrl(wireLink))?.id).toBe(id);
    expect((await store.getArticleByUrl(harborLink))?.id).toBe(id);

    // Polled again, the second link is known: its page is not fetched a second time.
    time += 11 * MINUTE;
    await feeds.pollOnce();
    expect(server.hits(path('wire/bike')) + server.hits(path('harbor/bike'))).toBe(2);
    expect(await store.latestSeq()).toBe(1);
  });

  it('GIVEN the second link of a story stored THEN after a restart its page is not fetched again', async () => {
    const path = paths();
    await serveOneStoryInTwoFeeds(path);
    await poller().pollOnce();
    expect(server.hits(path('wire/bike')) + server.hits(path('harbor/bike'))).toBe(2);

    // A restart: the database closed and opened again, a new poller with nothing in memory.
    await store.close();
    const reopened = await openStore(`sqlite:${join(dir, 'test.db')}`, { now: () => clock.now() });
    if (!reopened.ok) throw new Error(reopened.error);
    store = reopened.value;
    time += 11 * MINUTE;
    const reports = await poller().pollOnce();
    expect(reports.map((report) => report.status)).toEqual(['ok', 'ok']);
    expect(reports.reduce((sum, report) => sum + report.duplicates, 0)).toBe(2);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(server.hits(path('wire/bike'))).toBe(1);
    expect(server.hits(path('harbor/bike'))).toBe(1);
    expect(await store.latestSeq()).toBe(1);
  });
});

/**
 * Serves two feeds, The Harbor Times and Coast Wire, each with one item linking to its own copy of
 * the bike-lanes story (the wire's slightly reworded), and adds both feeds; the clock is after both.
 */
async function serveOneStoryInTwoFeeds(
  path: (name: string) => string,
): Promise<{ harborLink: string; wireLink: string }> {
  const harborLink = `${server.origin}${path('harbor/bike')}`;
  const wireLink = `${server.origin}${path('wire/bike')}`;
  server.route(
    path('harbor.xml'),
    serve(
      RSS,
      rssFeed('The Harbor Times', [
        { title: BIKE_LANES.title, link: harborLink, date: '2024-05-02T05:00:00Z' },
      ]),
    ),
  );
  server.route(
    path('wire.xml'),
    serve(
      RSS,
      rssFeed('Coast Wire', [
        { title: 'Harbor Avenue to get protected bike lanes', link: wireLink, date: '2024-05-02T05:30:00Z' },
      ]),
    ),
  );
  server.route(path('harbor/bike'), serve('text/html', articlePage(BIKE_LANES, 'The Harbor Times')));
  const syndicated = {
    title: 'Harbor Avenue to get protected bike lanes',
    paragraphs: BIKE_LANES.paragraphs.map((p) => p.replace('Tuesday night', 'Tuesday evening')),
  };
  server.route(path('wire/bike'), serve('text/html', articlePage(syndicated, 'Coast Wire')));
  await store.addFeed(`${server.origin}${path('harbor.xml')}`, { owner: GLOBAL_OWNER });
  await store.addFeed(`${server.origin}${path('wire.xml')}`, { owner: GLOBAL_OWNER });
  time = Date.parse('2024-05-02T06:00:00Z');
  return { harborLink, wireLink };
}

describe('feed failures', () => {
  it('GIVEN malformed XML THEN the poll fails and the feed records the clear error', async () => {
    const path = paths();
    server.route(
      path('broken.xml'),
      serve(RSS, '<rss version="2.0"><channel><title>Broken</title><item></channel></rss>'),
    );
    const url = `${server.origin}${path('broken.xml')}`;
    await store.addFeed(url, { owner: GLOBAL_OWNER });
    const [report] = await poller().pollOnce();
    expect(report?.status).toBe('failed');
    const feed = await store.getFeed(url);
    expect(feed?.failures).toBe(1);
    expect(feed?.lastError).toMatch(/^malformed XML at line 1: /);
  });

  it('GIVEN a feed that never answers THEN the poll times out and is recorded as a failure', async () => {
    const path = paths();
    server.route(path('slow.xml'), () => {
      // Never answers.
    });
    const url = `${server.origin}${path('slow.xml')}`;
    await store.addFeed(url, { owner: GLOBAL_OWNER });
    const [report] = await poller().pollOnce();
    expect(report).toMatchObject({ status: 'failed', errors: ['timed out after 500 ms'] });
    expect((await store.getFeed(url))?.lastError).toBe('timed out after 500 ms');
  });

  it('GIVEN a 429 with Retry-After THEN the feed is not asked again before that time', async () => {
    const path = paths();
    let busy = true;
    server.route(path('busy.xml'), (_req, res) => {
      if (busy) res.writeHead(429, { 'retry-after': '600' }).end();
      else res.writeHead(200, { 'content-type': RSS }).end(rssFeed('Busy', []));
    });
    await store.addFeed(`${server.origin}${path('busy.xml')}`, { owner: GLOBAL_OWNER });
    const feeds = poller();
    expect((await feeds.pollOnce())[0]?.status).toBe('failed');
    time += 2 * MINUTE;
    expect(await feeds.pollOnce()).toEqual([]);
    expect(server.hits(path('busy.xml'))).toBe(1);
    busy = false;
    time += 9 * MINUTE;
    expect((await feeds.pollOnce())[0]?.status).toBe('ok');
    expect(server.hits(path('busy.xml'))).toBe(2);
  });

  it('GIVEN repeated 5xx answers THEN the feed backs off and is disabled with its reason', async () => {
    const path = paths();
    server.route(path('down.xml'), (_req, res) => res.writeHead(503).end());
    const url = `${server.origin}${path('down.xml')}`;
    await store.addFeed(url, { owner: GLOBAL_OWNER });
    const feeds = poller({ maxFailures: 3 });
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      for (const report of await feeds.pollOnce()) statuses.push(report.status);
      time += 10 * MINUTE;
    }
    expect(statuses).toEqual(['failed', 'failed', 'disabled']);
    const feed = await store.getFeed(url);
    expect(feed?.disabledReason).toBe(`3 failed fetches in a row; last: HTTP 503 from ${server.host}`);
    time += 60 * MINUTE;
    expect(await feeds.pollOnce()).toEqual([]);
  });

  it('GIVEN a feed that redirects to a disallowed address THEN the poll fails without fetching there', async () => {
    const path = paths();
    server.route(path('moved.xml'), (_req, res) =>
      res.writeHead(301, { location: 'http://127.0.0.2/feed.xml' }).end(),
    );
    const url = `${server.origin}${path('moved.xml')}`;
    await store.addFeed(url, { owner: GLOBAL_OWNER });
    const [report] = await poller().pollOnce();
    expect(report?.status).toBe('failed');
    expect((await store.getFeed(url))?.lastError).toContain(
      'refused 127.0.0.2: it resolves to 127.0.0.2, a loopback address',
    );
  });
});

describe('politeness', () => {
  it('GIVEN two feeds on one host THEN they are fetched one at a time with a pause between', async () => {
    const path = paths();
    for (const name of ['a.xml', 'b.xml', 'c.xml']) {
      server.route(path(name), serve(RSS, rssFeed(name, [])));
      await store.addFeed(`${server.origin}${path(name)}`, { owner: GLOBAL_OWNER });
    }
    const reports = await poller({ hostDelayMs: 150, concurrency: 3 }).pollOnce();
    expect(reports.map((report) => report.status)).toEqual(['ok', 'ok', 'ok']);
    const times = server.requests
      .filter((request) => request.path.startsWith(path('')))
      .map((request) => request.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it('GIVEN one slow feed and a good one polled on a schedule THEN the good one is polled again while the slow one hangs, and stop() ends it', async () => {
    const path = paths();
    const slowServer = await startFeedServer();
    // Answers only after 20 s: far longer than the good feed's interval, shorter than its fetch timeout.
    slowServer.route(path('slow.xml'), (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': RSS }).end(rssFeed('Slow', [])), 20_000).unref();
    });
    server.route(path('good.xml'), serve(RSS, rssFeed('Good', [])));
    await store.addFeed(`${slowServer.origin}${path('slow.xml')}`, { owner: GLOBAL_OWNER });
    await store.addFeed(`${server.origin}${path('good.xml')}`, { owner: GLOBAL_OWNER });
    const reports: string[] = [];
    const feeds = poller({
      fetcher: createHttpFetcher({ allowedHosts: [server.host, slowServer.host], timeoutMs: 60_000 }),
      tickMs: 20,
      onReport: (report) => reports.push(report.feed.endsWith('slow.xml') ? 'slow' : 'good'),
    });
    feeds.start();
    try {
      await waitFor(() => reports.includes('good'));
      // The good feed's interval passes: it is due again, and the slow one is still in flight.
      time += 11 * MINUTE;
      await waitFor(() => reports.filter((feed) => feed === 'good').length >= 2);
      expect(reports).not.toContain('slow');
      expect(slowServer.hits(path('slow.xml'))).toBe(1);
    } finally {
      await feeds.stop();
      await slowServer.close();
    }
    // stop() aborted the slow fetch instead of waiting 20 s for it.
    expect(reports.filter((feed) => feed === 'slow')).toHaveLength(1);
  });

  it('GIVEN a feed with more new items than one poll takes THEN each poll ingests its share and the rest waits, not lost to a 304', async () => {
    const path = paths();
    const stories = [STORM, RATES, BIKE_LANES];
    const items: FixtureItem[] = stories.map((story, i) => ({
      title: story.title,
      link: `${server.origin}${path(`story-${i}`)}`,
      date: `2024-05-02T0${i + 1}:00:00Z`,
    }));
    stories.forEach((story, i) => {
      server.route(path(`story-${i}`), serve('text/html', articlePage(story)));
    });
    server.route(
      path('feed.xml'),
      serveWithEtag(
        RSS,
        () => rssFeed('The Harbor Times', items),
        () => '"same"',
      ),
    );
    await store.addFeed(`${server.origin}${path('feed.xml')}`, { owner: GLOBAL_OWNER });
    const feeds = poller({ maxNewItems: 2 });
    const [first] = await feeds.pollOnce();
    expect(first).toMatchObject({ status: 'ok', created: 2, leftover: 1 });
    // Polled again within the minute, not after the whole interval.
    time += 2 * MINUTE;
    const [second] = await feeds.pollOnce();
    expect(second).toMatchObject({ status: 'ok', created: 1, leftover: 0 });
    expect((await store.listArticles()).map((article) => article.title).sort()).toEqual(
      stories.map((story) => story.title).sort(),
    );
  });
});

/** Waits until `check` holds, polling, for at most `ms`. */
async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

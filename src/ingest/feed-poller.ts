import { setTimeout as sleepFor } from 'node:timers/promises';
import { ANALYSIS_VERSION } from '../core/analysis/analyze.ts';
import type { ScrapedArticle } from '../core/article/article.ts';
import type { Clock, Feed, FeedStore, Fetcher, FetchOutcome, FetchRequest } from '../core/ports.ts';
import type { FeedItem, ParsedFeed } from './feed-parse.ts';
import { articleIdFor, canonicalLink, type IngestDeps, ingestArticle } from './ingest.ts';
import { NearDuplicateIndex } from './near-duplicates.ts';

/** Default time between two polls of one feed. */
export const DEFAULT_POLL_INTERVAL_MS = 15 * 60_000;
/** Failed fetches in a row after which a feed is disabled. */
export const DEFAULT_MAX_FAILURES = 5;
/** Longest wait between retries of a failing feed. */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;
/** New items one poll of one feed ingests at most; a huge feed is worked off over several polls. */
export const DEFAULT_MAX_NEW_ITEMS = 100;
/** Time one poll of one feed may take, page fetches included; what is left waits for the next poll. */
export const DEFAULT_FEED_TIMEOUT_MS = 2 * 60_000;
/** A feed with items left over is polled again this soon (not after the whole interval). */
const LEFTOVER_REPOLL_MS = 60_000;
/** How long `stop()` waits for polls in flight to notice they were aborted (an analysis ends within its budget). */
const STOP_GRACE_MS = 5_000;

/** What the feed poller needs: stores, the (safe) fetcher, the clock, and its tuning. */
export interface FeedPollerDeps extends Omit<IngestDeps, 'owners'> {
  feeds: FeedStore;
  fetcher: Fetcher;
  clock: Clock;
  /** Time between two polls of one feed (default 15 minutes; a longer RSS `<ttl>` wins). */
  intervalMs?: number;
  /** How often `start()` looks for due feeds (default 5 s). */
  tickMs?: number;
  /** Pause between two requests to the same host (default 1000 ms); one request per host at a time. */
  hostDelayMs?: number;
  /** Feeds polled at once, over all hosts (default 4); each feed is polled on its own schedule. */
  concurrency?: number;
  /** New items one poll of one feed ingests at most (default 100); the rest are left for later polls. */
  maxNewItems?: number;
  /** Time one poll of one feed may take (default 2 minutes); the items not reached are left for later. */
  feedTimeoutMs?: number;
  /** Failed fetches in a row after which a feed is disabled (default 5). */
  maxFailures?: number;
  /** First wait after a failure, doubling with each further one (default 1 minute). */
  backoffBaseMs?: number;
  /**
   * Item content of at least three paragraphs and this many characters (default 600) is the whole
   * article; shorter content is a teaser, and the item's link is fetched instead.
   */
  fullContentChars?: number;
  /** Waits `ms` (default: a real timer); tests of politeness can watch it. */
  sleep?: (ms: number) => Promise<void>;
  /** Called with each feed's report as its poll ends. */
  onReport?: (report: FeedPollReport) => void;
  /** Called when a scheduled poll fails as a whole (the store is unreachable); polling goes on. */
  onError?: (error: Error) => void;
}

/** The same story found again under another link (stored once, under `id`). */
export interface AlsoAt {
  id: string;
  link: string;
}

/** What one poll of one feed did. */
export interface FeedPollReport {
  feed: string;
  status: 'ok' | 'not-modified' | 'failed' | 'disabled';
  /** Items stored as new articles. */
  created: number;
  /** Items already stored (same guid/link or same content). */
  duplicates: number;
  /** Items that were the same story as a stored article from another link. */
  alsoAt: AlsoAt[];
  /** Items left out as the feed's backlog (published before the feed was added). */
  backlog: number;
  /** New items not reached in this poll (over the per-poll cap or its time), left for the next. */
  leftover: number;
  /** Why the fetch failed, or why single items could not be ingested. */
  errors: string[];
}

/** A running feed poller. */
export interface FeedPoller {
  /** Polls due feeds now and then every `tickMs`, until stopped. */
  start(): void;
  /** Stops polling, aborts the polls in flight, and waits for them to end (a few seconds at most). */
  stop(): Promise<void>;
  /**
   * Polls every enabled feed that is due (all of them, the first time) and is not being polled
   * already, and reports each. Each feed's poll runs on its own: a slow one delays no other.
   */
  pollOnce(): Promise<FeedPollReport[]>;
}

/** One request at a time per host, with a pause after each: politeness towards every server. */
class HostQueue {
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #delayMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(delayMs: number, sleep: (ms: number) => Promise<void>) {
    this.#delayMs = delayMs;
    this.#sleep = sleep;
  }

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    let host: string;
    try {
      // Host and port: a server is one service, whatever else shares its address.
      host = new URL(url).host;
    } catch {
      return task();
    }
    const previous = this.#tails.get(host) ?? Promise.resolve();
    const result = previous.then(task);
    const pause = () => (this.#delayMs > 0 ? this.#sleep(this.#delayMs) : undefined);
    const tail = result.then(pause, pause);
    this.#tails.set(host, tail);
    void tail.then(() => {
      if (this.#tails.get(host) === tail) this.#tails.delete(host);
    });
    return result;
  }
}

function textLength(blocks: readonly string[]): number {
  return blocks.reduce((sum, block) => sum + block.length, 0);
}

/**
 * Polls RSS/Atom feeds: conditional GETs (ETag, Last-Modified), backoff on 429/5xx honouring
 * Retry-After, one request per host at a time, feeds disabled with their reason after repeated
 * failures. New items are ingested once (by guid/link and content); the same story from another
 * feed is recognised by shingled similarity and kept as one article, which keeps both links.
 *
 * Backlog rule: items published before the feed was added are never ingested (adding a feed does
 * not flood a channel); undated items count as new only when they appear after the feed was first
 * read by this process.
 */
export function createFeedPoller(deps: FeedPollerDeps): FeedPoller {
  const intervalMs = deps.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const tickMs = deps.tickMs ?? 5000;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const maxFailures = deps.maxFailures ?? DEFAULT_MAX_FAILURES;
  const backoffBaseMs = deps.backoffBaseMs ?? 60_000;
  const fullContentChars = deps.fullContentChars ?? 600;
  const maxNewItems = deps.maxNewItems ?? DEFAULT_MAX_NEW_ITEMS;
  const feedTimeoutMs = deps.feedTimeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const hosts = new HostQueue(deps.hostDelayMs ?? 1000, deps.sleep ?? ((ms) => sleepFor(ms)));
  const nearDuplicates = deps.nearDuplicates ?? new NearDuplicateIndex();
  const ingestDeps: Omit<IngestDeps, 'owners'> = { ...deps, nearDuplicates };
  /** When each feed is next due (epoch ms); a feed missing here is due. */
  const nextPollAt = new Map<string, number>();
  /** The item keys each feed had at its last fetch by this process (for undated items). */
  const seenKeys = new Map<string, Set<string>>();
  /** The polls in flight, by feed URL: a feed is never polled twice at once. */
  const inFlight = new Map<string, Promise<FeedPollReport>>();
  /** Polls waiting for one of the `concurrency` slots. */
  const waiting: (() => void)[] = [];
  let polling = 0;
  /** Aborted by `stop()`: fetches, page reads and item loops in flight end early. */
  const stopping = new AbortController();
  /** Ingests one at a time, so two copies of a story polled at once cannot both miss each other. */
  let ingesting: Promise<unknown> = Promise.resolve();
  // A feed's items belong to whoever holds the feed.
  const ingestSerially = (scraped: ScrapedArticle, feed: Feed) => {
    const result = ingesting.then(() => ingestArticle(scraped, { ...ingestDeps, owners: feed.owners }));
    ingesting = result.catch(() => undefined);
    return result;
  };
  let seeded: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const now = () => deps.clock.now().getTime();
  const fetchPolitely = (request: FetchRequest): Promise<FetchOutcome> =>
    hosts.run(request.url, () =>
      request.signal?.aborted
        ? Promise.resolve<FetchOutcome>({ status: 'failed', reason: 'cancelled', retryable: true })
        : deps.fetcher.fetch(request),
    );

  function backoffMs(failures: number): number {
    return Math.min(MAX_BACKOFF_MS, backoffBaseMs * 2 ** Math.max(0, failures - 1));
  }

  function isDue(feed: Feed): boolean {
    let due = nextPollAt.get(feed.url);
    if (due === undefined && feed.failures > 0 && feed.lastFetchedAt !== null) {
      // After a restart, a failing feed keeps its backoff.
      due = Date.parse(feed.lastFetchedAt) + backoffMs(feed.failures);
      nextPollAt.set(feed.url, due);
    }
    return due === undefined || due <= now();
  }

  async function recordFailure(feed: Feed, report: FeedPollReport, reason: string, retryAfterMs?: number) {
    report.status = 'failed';
    report.errors.push(reason);
    const updated = await deps.feeds.recordFetchFailure(feed.url, reason);
    const failures = updated?.failures ?? feed.failures + 1;
    if (failures >= maxFailures) {
      await deps.feeds.disableFeed(feed.url, `${failures} failed fetches in a row; last: ${reason}`);
      report.status = 'disabled';
    }
    nextPollAt.set(feed.url, now() + Math.max(retryAfterMs ?? 0, backoffMs(failures)));
  }

  /** The blocks of an item's HTML (content or summary), read in the analysis pool. */
  async function itemBlocks(html: string | null): Promise<string[]> {
    if (!html) return [];
    const blocks = await deps.pool.blocks(html);
    return blocks.ok ? blocks.value : [];
  }

  /** The article text of an item: its own content when full, else the linked page, else its summary. */
  async function scrapeItem(
    item: FeedItem,
    id: string,
    link: string | null,
    source: string | null,
    signal: AbortSignal,
  ): Promise<ScrapedArticle | string> {
    const content = await itemBlocks(item.contentHtml);
    let blocks = content;
    let page: ScrapedArticle | undefined;
    let pageProblem: string | undefined;
    const isFull = content.length >= 3 && textLength(content) >= fullContentChars;
    if (!isFull && link !== null) {
      const fetched = await fetchPolitely({ url: link, purpose: 'page', signal });
      if (fetched.status === 'ok') {
        const parsed = await deps.pool.parse({ id, text: fetched.body, format: 'html', origin: link });
        if (parsed.ok) page = parsed.value;
        else pageProblem = parsed.error.reason;
      } else pageProblem = fetched.status === 'failed' ? fetched.reason : 'not modified';
    }
    if (page) blocks = page.blocks;
    else if (blocks.length === 0) blocks = await itemBlocks(item.summaryHtml);
    if (blocks.length === 0)
      return `item ${item.title ?? item.key}: no text${pageProblem ? ` (page: ${pageProblem})` : ''}`;
    return {
      id,
      meta: {
        title: item.title ?? page?.meta.title ?? null,
        source: page?.meta.source ?? source,
        url: link,
        publishedAt: item.publishedAt ?? page?.meta.publishedAt ?? null,
      },
      blocks,
    };
  }

  /**
   * Whether an item is already stored (then the feed's owners see it too), or recorded as
   * unanalysable: either way it is not fetched again.
   */
  async function isKnown(id: string, link: string | null, feed: Feed): Promise<boolean> {
    // By URL also finds the links a story was found at before (stored by ingest): no refetch.
    const known =
      (await deps.articles.getArticle(id)) ??
      (link === null ? undefined : await deps.articles.getArticleByUrl(link));
    if (known) {
      await deps.articles.shareArticle(known.id, feed.owners);
      return true;
    }
    return (await deps.failures.findAnalysisFailure(id, ANALYSIS_VERSION)) !== undefined;
  }

  /** Ingests one new item into the report; false when it was known already (no work done). */
  async function ingestItem(
    feed: Feed,
    parsed: ParsedFeed,
    item: FeedItem,
    report: FeedPollReport,
    signal: AbortSignal,
  ): Promise<boolean> {
    const link = item.link === null ? null : canonicalLink(item.link);
    const id = articleIdFor(link ?? `${feed.url}#${item.key}`);
    if (await isKnown(id, link, feed)) {
      report.duplicates++;
      return false;
    }
    try {
      const scraped = await scrapeItem(item, id, link, parsed.title ?? feed.title, signal);
      if (typeof scraped === 'string') {
        report.errors.push(scraped);
        return true;
      }
      const result = await ingestSerially(scraped, feed);
      if (!result.ok) report.errors.push(result.error);
      else if (result.value.outcome === 'near-duplicate') {
        if (link !== null) report.alsoAt.push({ id: result.value.id, link });
        report.duplicates++;
      } else if (result.value.outcome === 'created') report.created++;
      else report.duplicates++;
    } catch (error) {
      // One item the pipeline or the store cannot take must not stop the feed.
      report.errors.push(`item ${item.title ?? item.key}: ${(error as Error).message.split('\n')[0]}`);
    }
    return true;
  }

  /**
   * Ingests the feed's new items, oldest first, at most `maxNewItems` and until `signal` ends the
   * poll; the keys of the items not reached are kept out of the seen set, so a later poll takes them.
   */
  async function ingestItems(
    feed: Feed,
    parsed: ParsedFeed,
    report: FeedPollReport,
    signal: AbortSignal,
  ): Promise<void> {
    const watermark = Date.parse(feed.addedAt);
    const previousKeys = seenKeys.get(feed.url);
    const notReached = new Set<string>();
    let taken = 0;
    // Oldest first, so ingest order follows publication.
    for (const item of [...parsed.items].reverse()) {
      const isNew =
        item.publishedAt !== null
          ? Date.parse(item.publishedAt) > watermark
          : previousKeys !== undefined && !previousKeys.has(item.key);
      if (!isNew) {
        report.backlog++;
        continue;
      }
      if (taken >= maxNewItems || signal.aborted) {
        notReached.add(item.key);
        continue;
      }
      if (await ingestItem(feed, parsed, item, report, signal)) taken++;
    }
    report.leftover = notReached.size;
    seenKeys.set(
      feed.url,
      new Set(parsed.items.map((item) => item.key).filter((key) => !notReached.has(key))),
    );
  }

  async function pollFeed(feed: Feed, signal: AbortSignal): Promise<FeedPollReport> {
    const report = emptyReport(feed.url);
    const fetched = await fetchPolitely({
      url: feed.url,
      purpose: 'feed',
      etag: feed.etag,
      lastModified: feed.lastModified,
      signal,
    });
    if (stopping.signal.aborted) return report;
    if (fetched.status === 'failed') {
      await recordFailure(feed, report, fetched.reason, fetched.retryAfterMs);
      return report;
    }
    if (fetched.status === 'not-modified') {
      report.status = 'not-modified';
      await deps.feeds.recordFetchSuccess(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
      nextPollAt.set(feed.url, now() + intervalMs);
      return report;
    }
    const parsed = await deps.pool.parseFeed(fetched.body, fetched.url);
    if (!parsed.ok) {
      await recordFailure(feed, report, parsed.error.reason);
      return report;
    }
    // Items first, validators after: a crash in between refetches the feed instead of skipping it.
    await ingestItems(feed, parsed.value, report, signal);
    // With items left over, the next fetch must not be answered "304 Not Modified".
    const leftover = report.leftover > 0;
    await deps.feeds.recordFetchSuccess(feed.url, {
      etag: leftover ? null : fetched.etag,
      lastModified: leftover ? null : fetched.lastModified,
      title: parsed.value.title,
    });
    const ttlMs = (parsed.value.ttlMinutes ?? 0) * 60_000;
    const wait = leftover ? Math.min(intervalMs, LEFTOVER_REPOLL_MS) : Math.max(intervalMs, ttlMs);
    nextPollAt.set(feed.url, now() + wait);
    return report;
  }

  /** Polls one feed within its time limit; a store error is a failed report, retried after the backoff. */
  async function pollWithinLimit(feed: Feed): Promise<FeedPollReport> {
    if (polling >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else polling++;
    const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout(feedTimeoutMs)]);
    let report: FeedPollReport;
    try {
      report = stopping.signal.aborted ? emptyReport(feed.url) : await pollFeed(feed, signal);
    } catch (error) {
      report = emptyReport(feed.url);
      report.status = 'failed';
      report.errors.push(`poll failed: ${(error as Error).message.split('\n')[0]}`);
      nextPollAt.set(feed.url, now() + backoffMs(1));
    } finally {
      const next = waiting.shift();
      if (next) next();
      else polling--;
    }
    deps.onReport?.(report);
    return report;
  }

  async function pollOnce(): Promise<FeedPollReport[]> {
    seeded ??= nearDuplicates.seedFromStore(deps.articles);
    await seeded;
    const due = (await deps.feeds.listFeeds({ enabledOnly: true })).filter(
      (feed) => !inFlight.has(feed.url) && isDue(feed),
    );
    const polls = due.map((feed) => {
      const poll = pollWithinLimit(feed).finally(() => inFlight.delete(feed.url));
      inFlight.set(feed.url, poll);
      return poll;
    });
    return Promise.all(polls);
  }

  return {
    start() {
      if (timer) return;
      const tick = () => {
        if (stopping.signal.aborted) return;
        pollOnce().catch((error: unknown) => deps.onError?.(error as Error));
      };
      tick();
      timer = setInterval(tick, tickMs);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      stopping.abort();
      const settled = Promise.allSettled([...inFlight.values()]);
      await Promise.race([settled, sleepFor(STOP_GRACE_MS, undefined, { ref: false })]);
    },
    pollOnce,
  };
}

/** A report of a poll that has not done anything yet. */
function emptyReport(feed: string): FeedPollReport {
  return {
    feed,
    status: 'ok',
    created: 0,
    duplicates: 0,
    alsoAt: [],
    backlog: 0,
    leftover: 0,
    errors: [],
  };
}

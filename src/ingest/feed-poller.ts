import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ScrapedArticle } from '../core/article/article.ts';
import type { Clock, Feed, FeedStore, Fetcher, FetchOutcome, FetchRequest } from '../core/ports.ts';
import { type FeedItem, htmlToBlocks, type ParsedFeed, parseFeed } from './feed-parse.ts';
import { articleIdFor, canonicalLink, type IngestDeps, ingestArticle } from './ingest.ts';
import { parseArticleText } from './load-file.ts';
import { NearDuplicateIndex } from './near-duplicates.ts';

/** Default time between two polls of one feed. */
export const DEFAULT_POLL_INTERVAL_MS = 15 * 60_000;
/** Failed fetches in a row after which a feed is disabled. */
export const DEFAULT_MAX_FAILURES = 5;
/** Longest wait between retries of a failing feed. */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

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
  /** Feeds fetched at once, over all hosts (default 4). */
  concurrency?: number;
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
  /** Why the fetch failed, or why single items could not be ingested. */
  errors: string[];
}

/** A running feed poller. */
export interface FeedPoller {
  /** Polls due feeds now and then every `tickMs`, until stopped. */
  start(): void;
  /** Stops polling and waits for a poll in progress to end. */
  stop(): Promise<void>;
  /** Polls every enabled feed that is due (all of them, the first time) and reports each. */
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
      host = new URL(url).hostname;
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
  const hosts = new HostQueue(deps.hostDelayMs ?? 1000, deps.sleep ?? ((ms) => sleepFor(ms)));
  const nearDuplicates = deps.nearDuplicates ?? new NearDuplicateIndex();
  const ingestDeps: Omit<IngestDeps, 'owners'> = { ...deps, nearDuplicates };
  /** When each feed is next due (epoch ms); a feed missing here is due. */
  const nextPollAt = new Map<string, number>();
  /** The item keys each feed had at its last fetch by this process (for undated items). */
  const seenKeys = new Map<string, Set<string>>();
  /** Ingests one at a time, so two copies of a story polled at once cannot both miss each other. */
  let ingesting: Promise<unknown> = Promise.resolve();
  // A feed's items belong to whoever holds the feed.
  const ingestSerially = (scraped: ScrapedArticle, feed: Feed) => {
    const result = ingesting.then(() => ingestArticle(scraped, { ...ingestDeps, owners: feed.owners }));
    ingesting = result.catch(() => undefined);
    return result;
  };
  let seeded: Promise<void> | undefined;
  let running: Promise<FeedPollReport[]> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const now = () => deps.clock.now().getTime();
  const fetchPolitely = (request: FetchRequest): Promise<FetchOutcome> =>
    hosts.run(request.url, () => deps.fetcher.fetch(request));

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

  /** The article text of an item: its own content when full, else the linked page, else its summary. */
  async function scrapeItem(
    item: FeedItem,
    id: string,
    link: string | null,
    source: string | null,
  ): Promise<ScrapedArticle | string> {
    const content = item.contentHtml ? htmlToBlocks(item.contentHtml) : [];
    let blocks = content;
    let page: ScrapedArticle | undefined;
    let pageProblem: string | undefined;
    const isFull = content.length >= 3 && textLength(content) >= fullContentChars;
    if (!isFull && link !== null) {
      const fetched = await fetchPolitely({ url: link, purpose: 'page' });
      if (fetched.status === 'ok') {
        const parsed = parseArticleText(id, fetched.body, 'html', link);
        if (parsed.ok) page = parsed.value;
        else pageProblem = parsed.error;
      } else pageProblem = fetched.status === 'failed' ? fetched.reason : 'not modified';
    }
    if (page) blocks = page.blocks;
    else if (blocks.length === 0 && item.summaryHtml) blocks = htmlToBlocks(item.summaryHtml);
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

  async function ingestItems(feed: Feed, parsed: ParsedFeed, report: FeedPollReport): Promise<void> {
    const watermark = Date.parse(feed.addedAt);
    const previousKeys = seenKeys.get(feed.url);
    // Oldest first, so ingest order follows publication.
    const items = [...parsed.items].reverse();
    for (const item of items) {
      const link = item.link === null ? null : canonicalLink(item.link);
      const isNew =
        item.publishedAt !== null
          ? Date.parse(item.publishedAt) > watermark
          : previousKeys !== undefined && !previousKeys.has(item.key);
      if (!isNew) {
        report.backlog++;
        continue;
      }
      const id = articleIdFor(link ?? `${feed.url}#${item.key}`);
      // By URL also finds the links a story was found at before (stored by ingest): no refetch,
      // but this feed's owners see the story too.
      const known =
        (await deps.articles.getArticle(id)) ??
        (link === null ? undefined : await deps.articles.getArticleByUrl(link));
      if (known) {
        await deps.articles.shareArticle(known.id, feed.owners);
        report.duplicates++;
        continue;
      }
      try {
        const scraped = await scrapeItem(item, id, link, parsed.title ?? feed.title);
        if (typeof scraped === 'string') {
          report.errors.push(scraped);
          continue;
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
    }
    seenKeys.set(feed.url, new Set(parsed.items.map((item) => item.key)));
  }

  async function pollFeed(feed: Feed): Promise<FeedPollReport> {
    const report: FeedPollReport = {
      feed: feed.url,
      status: 'ok',
      created: 0,
      duplicates: 0,
      alsoAt: [],
      backlog: 0,
      errors: [],
    };
    const fetched = await fetchPolitely({
      url: feed.url,
      purpose: 'feed',
      etag: feed.etag,
      lastModified: feed.lastModified,
    });
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
    const parsed = parseFeed(fetched.body, fetched.url);
    if (!parsed.ok) {
      await recordFailure(feed, report, parsed.error);
      return report;
    }
    // Items first, validators after: a crash in between refetches the feed instead of skipping it.
    await ingestItems(feed, parsed.value, report);
    await deps.feeds.recordFetchSuccess(feed.url, {
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      title: parsed.value.title,
    });
    const ttlMs = (parsed.value.ttlMinutes ?? 0) * 60_000;
    nextPollAt.set(feed.url, now() + Math.max(intervalMs, ttlMs));
    return report;
  }

  async function pollDue(): Promise<FeedPollReport[]> {
    seeded ??= nearDuplicates.seedFromStore(deps.articles);
    await seeded;
    const due = (await deps.feeds.listFeeds({ enabledOnly: true })).filter(isDue);
    const reports: FeedPollReport[] = [];
    let next = 0;
    const worker = async () => {
      for (let feed = due[next++]; feed !== undefined; feed = due[next++]) {
        let report: FeedPollReport;
        try {
          report = await pollFeed(feed);
        } catch (error) {
          // A store error on one feed must not stop the others; it is retried after the backoff.
          report = {
            feed: feed.url,
            status: 'failed',
            created: 0,
            duplicates: 0,
            alsoAt: [],
            backlog: 0,
            errors: [`poll failed: ${(error as Error).message.split('\n')[0]}`],
          };
          nextPollAt.set(feed.url, now() + backoffMs(1));
        }
        reports.push(report);
        deps.onReport?.(report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return reports;
  }

  function pollOnce(): Promise<FeedPollReport[]> {
    // Overlapping calls share one poll rather than fetching every feed twice.
    running ??= pollDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      if (timer) return;
      const tick = () => {
        pollOnce().catch((error: unknown) => deps.onError?.(error as Error));
      };
      tick();
      timer = setInterval(tick, tickMs);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    pollOnce,
  };
}

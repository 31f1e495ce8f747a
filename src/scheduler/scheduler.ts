/**
 * The digest scheduler: once a minute it finds the subscriptions with a due slot, claims each
 * (subscription, slot) in the delivery log (only the claim's winner posts, so several processes on
 * one database and restarts never post a slot twice), posts the articles new since the
 * subscription's last delivery through the outgoing {@link PostQueue}, and records the result.
 *
 * Decisions (see also the DST rule in `core/schedule/slots.ts`):
 * - One per-minute tick for all subscriptions; each distinct (cron, time zone) pair is compiled
 *   once and its due slot computed once per tick, so timer and slot cost grow with distinct
 *   schedules, not with subscriptions.
 * - A tick (and the start-up catch-up, which looks back `catchUpWindowMs`) posts only the latest
 *   due slot of each schedule in its window: a slot missed while down goes out once, never a backlog.
 *   A subscription created after a slot's time does not get that slot.
 * - First delivery: the newest `options.articles` matching articles among the newest
 *   `firstDeliveryScan` stored, so a new channel sees something at once; later deliveries post
 *   what came in since the cursor of the last completed one (at most the newest `maxScan`).
 * - Transient post failures are retried with exponential backoff (or after the platform's
 *   retry-after), `maxAttempts` in all; then the slot is failed and its articles go with the next
 *   slot. Permanent failures pause the subscription with the reason and fail the slot.
 * - Start-up: this instance's own unfinished claims (it died mid-delivery) are delivered again
 *   (a crash after the platform took the post but before the record can post that one slot twice);
 *   other instances' claims older than `staleClaimMs` are failed as abandoned, and their articles
 *   go with the next slot (no takeover post, so never a double post).
 * - stop(): no new claims; in-flight posts finish and are recorded; posts still waiting for their
 *   channel's turn and retry waits end at once and their claims are handed back (left open), so this
 *   instance's next start delivers them (another instance fails them once stale, as abandoned).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Metrics } from '../core/metrics.ts';
import type {
  ArticleStore,
  ChatChannel,
  Clock,
  DeliveryLog,
  OutgoingMessage,
  Platform,
  PostOutcome,
  StoredArticle,
  Subscription,
  SubscriptionStore,
} from '../core/ports.ts';
import { composeSlotDelivery } from '../core/schedule/slot-digest.ts';
import { compileSchedule, latestSlot, type Schedule } from '../core/schedule/slots.ts';
import { type PostPolicy, PostQueue, realTimers, Semaphore, type Timers } from './post-queue.ts';

/** Structured log lines with context (a pino logger fits). */
export interface SchedulerLog {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** What calls the scheduler once a minute. */
export interface Ticker {
  start(onTick: () => void): void;
  stop(): void;
}

/** Tunables of the scheduler; every one has a default. */
export interface SchedulerSettings {
  /** How far back the start-up catch-up looks for a missed slot (default 24 h). */
  catchUpWindowMs: number;
  /** Another instance's claim older than this with no result counts as abandoned (default 15 min). */
  staleClaimMs: number;
  /** Post attempts per slot, the first included (default 5). */
  maxAttempts: number;
  /** First retry wait; doubles each attempt (default 2 s). */
  backoffBaseMs: number;
  /** Longest retry wait, retry-after included (default 60 s). */
  backoffMaxMs: number;
  /** Deliveries (claim, read, post, record) running at once (default 256). */
  deliveryConcurrency: number;
  /** How many of the newest stored articles a first delivery looks at (default 100). */
  firstDeliveryScan: number;
  /** At most this many of the newest new articles are looked at per delivery (default 500). */
  maxScan: number;
}

/** The defaults of {@link SchedulerSettings}. */
export const DEFAULT_SCHEDULER_SETTINGS: Readonly<SchedulerSettings> = {
  catchUpWindowMs: 24 * 60 * 60 * 1000,
  staleClaimMs: 15 * 60 * 1000,
  maxAttempts: 5,
  backoffBaseMs: 2000,
  backoffMaxMs: 60_000,
  deliveryConcurrency: 256,
  firstDeliveryScan: 100,
  maxScan: 500,
};

/** What the scheduler works with; everything with side effects comes in here. */
export interface SchedulerDeps {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryLog;
  articles: ArticleStore;
  /** The chat platforms this process posts to; subscriptions of other platforms are left to other processes. */
  channels: Partial<Record<Platform, ChatChannel>>;
  /** Wall time: what slots are due. */
  clock: Clock;
  /** Unique among live processes on one database; stable across restarts to finish own claims. */
  instanceId: string;
  logger?: SchedulerLog;
  /** Monotonic time for pacing and backoff (default real timers). */
  timers?: Timers;
  /** Default: node-cron, every minute at second 0 ({@link minuteTicker}). */
  ticker?: Ticker;
  settings?: Partial<SchedulerSettings>;
  postPolicies?: Partial<Record<Platform, PostPolicy>>;
  /** Counts claims and posts (default: nowhere). */
  metrics?: Pick<Metrics, 'postFinished' | 'slotClaimed'>;
}

/** How one slot of one subscription ended. */
export type DeliveryResult =
  | 'posted'
  | 'empty'
  | 'failed'
  | 'paused'
  /** Another instance (or an earlier run) had the claim. */
  | 'taken'
  /** Not claimed: shutting down, or the subscription's previous delivery still runs. */
  | 'skipped'
  /** Claimed but not posted because newsdesk is stopping: the claim is left for the next start. */
  | 'handed-back';

/** Counts of one run over the due slots. */
export type RunTally = Record<DeliveryResult, number>;

/** The running scheduler. */
export interface Scheduler {
  /** Finishes unfinished claims, posts missed slots once, then ticks every minute; never rejects. */
  start(): Promise<void>;
  /** Delivers every slot due since the last run (the catch-up window on the first); resolves when all are recorded. */
  runDue(): Promise<RunTally>;
  /** Stops ticking and waits until every claimed slot has its result recorded or is handed back. */
  stop(): Promise<void>;
  /** Scheduled posts waiting for or in a platform call. */
  queuedPosts(): number;
}

/** A node-cron task firing at second 0 of every minute: one timer whatever the subscriptions. */
export function minuteTicker(): Ticker {
  let task: ScheduledTask | undefined;
  return {
    start(onTick) {
      task = cron.createTask('* * * * *', () => onTick(), { name: 'newsdesk-digests', noOverlap: false });
      void task.start();
    },
    stop() {
      void task?.destroy();
      task = undefined;
    },
  };
}

/** Builds the scheduler; nothing runs until {@link Scheduler.start}. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  return new DigestScheduler(deps);
}

const silentLog: SchedulerLog = { info() {}, warn() {}, error() {} };

/** Error code of deliveries that ended in an exception (a bug or a store failure). */
const DELIVERY_ERROR = 'NEWSDESK_SCHEDULED_DELIVERY_FAILED';

function emptyTally(): RunTally {
  return { posted: 0, empty: 0, failed: 0, paused: 0, taken: 0, skipped: 0, 'handed-back': 0 };
}

/** Pages of "articles since a cursor", shared by every delivery of one run. */
class ArticleWindow {
  readonly #pages = new Map<number, Promise<StoredArticle[]>>();
  #latest: Promise<number> | undefined;

  constructor(
    private readonly store: ArticleStore,
    private readonly pageSize = 100,
  ) {}

  latestSeq(): Promise<number> {
    this.#latest ??= this.store.latestSeq();
    return this.#latest;
  }

  /** Every article after `cursor` (up to the run's newest), oldest first. */
  async since(cursor: number): Promise<StoredArticle[]> {
    const all: StoredArticle[] = [];
    let at = cursor;
    for (;;) {
      let page = this.#pages.get(at);
      if (!page) {
        page = this.store.articlesSince(at, this.pageSize);
        this.#pages.set(at, page);
      }
      const articles = await page;
      all.push(...articles);
      const last = articles.at(-1);
      if (!last || articles.length < this.pageSize) return all;
      at = last.seq;
    }
  }
}

class DigestScheduler implements Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #settings: SchedulerSettings;
  readonly #log: SchedulerLog;
  readonly #timers: Timers;
  readonly #ticker: Ticker;
  readonly #queue: PostQueue;
  readonly #deliverySlots: Semaphore;
  readonly #schedules = new Map<string, Schedule | null>();
  readonly #busy = new Set<string>();
  readonly #running = new Set<Promise<unknown>>();
  readonly #stopping = new AbortController();
  #checkedUpTo: number | undefined;
  #started = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    this.#settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...deps.settings };
    this.#log = deps.logger ?? silentLog;
    this.#timers = deps.timers ?? realTimers;
    this.#ticker = deps.ticker ?? minuteTicker();
    this.#queue = new PostQueue(deps.channels, {
      timers: this.#timers,
      ...(deps.postPolicies ? { policies: deps.postPolicies } : {}),
    });
    this.#deliverySlots = new Semaphore(this.#settings.deliveryConcurrency);
  }

  async start(): Promise<void> {
    if (this.#started || this.#stopping.signal.aborted) return;
    this.#started = true;
    await this.#track(this.#recoverClaims());
    await this.runDue();
    if (this.#stopping.signal.aborted) return;
    this.#ticker.start(() => {
      void this.runDue();
    });
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#ticker.stop();
    this.#queue.close();
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  async runDue(): Promise<RunTally> {
    return (await this.#track(this.#runDue())) ?? emptyTally();
  }

  queuedPosts(): number {
    return this.#queue.size;
  }

  async #runDue(): Promise<RunTally> {
    const tally = emptyTally();
    if (this.#stopping.signal.aborted) return tally;
    const now = this.#deps.clock.now().getTime();
    const earliest = now - this.#settings.catchUpWindowMs;
    const after = Math.max(this.#checkedUpTo ?? earliest, earliest);
    if (now <= after) return tally;
    // Set before the first await, so overlapping runs look at windows that do not overlap.
    this.#checkedUpTo = now;
    let subscriptions: Subscription[];
    try {
      subscriptions = await this.#deps.subscriptions.listSubscriptions();
    } catch (error) {
      this.#log.error(
        { code: DELIVERY_ERROR, err: error },
        'could not list subscriptions; the next tick tries again',
      );
      this.#checkedUpTo = after;
      return tally;
    }
    const window = new ArticleWindow(this.#deps.articles);
    const work: Promise<void>[] = [];
    for (const [key, group] of this.#groupBySchedule(subscriptions)) {
      const schedule = this.#schedule(key, group[0]);
      if (!schedule) continue;
      const slot = latestSlot(schedule, new Date(after), new Date(now));
      if (!slot) continue;
      const slotIso = slot.toISOString();
      for (const subscription of group) {
        if (Date.parse(subscription.createdAt) > slot.getTime()) continue;
        work.push(
          this.#deliver(subscription, slotIso, { claimed: false }, window).then((result) => {
            tally[result]++;
          }),
        );
      }
    }
    await Promise.all(work);
    if (work.length > 0) this.#log.info({ ...tally }, 'scheduled digests delivered');
    return tally;
  }

  /** Active subscriptions this process can post for, by (cron, time zone). */
  #groupBySchedule(subscriptions: readonly Subscription[]): Map<string, Subscription[]> {
    const groups = new Map<string, Subscription[]>();
    for (const subscription of subscriptions) {
      if (subscription.pausedReason !== null || !this.#queue.serves(subscription.platform)) continue;
      const key = `${subscription.cron}\u0000${subscription.timezone}`;
      const group = groups.get(key);
      if (group) group.push(subscription);
      else groups.set(key, [subscription]);
    }
    return groups;
  }

  #schedule(key: string, example: Subscription | undefined): Schedule | undefined {
    if (!example) return undefined;
    let schedule = this.#schedules.get(key);
    if (schedule === undefined) {
      const compiled = compileSchedule(example.cron, example.timezone);
      schedule = compiled.ok ? compiled.value : null;
      if (!compiled.ok) {
        // Subscribing validates both, so only a hand-edited row gets here; warn once per schedule.
        this.#log.warn(
          { subscription: example.id, cron: example.cron, timezone: example.timezone },
          `subscription schedule skipped: ${compiled.error}`,
        );
      }
      this.#schedules.set(key, schedule);
    }
    return schedule ?? undefined;
  }

  /** Claims (unless already held), delivers and records one slot, inside the one error wrapper. */
  async #deliver(
    subscription: Subscription,
    slotIso: string,
    how: { claimed: boolean },
    window: ArticleWindow,
  ): Promise<DeliveryResult> {
    await this.#deliverySlots.acquire();
    let claimed = how.claimed;
    try {
      if (this.#stopping.signal.aborted && !claimed) return 'skipped';
      // The same subscription's previous slot still retrying: reading its cursor now would post its
      // articles twice, so this slot is left unclaimed and its articles go with the next one.
      if (this.#busy.has(subscription.id)) return 'skipped';
      this.#busy.add(subscription.id);
      try {
        if (!claimed) {
          claimed = await this.#deps.deliveries.claimSlot(subscription.id, slotIso, this.#deps.instanceId);
          if (!claimed) return 'taken';
          this.#deps.metrics?.slotClaimed(subscription.platform);
        }
        return await this.#deliverClaimed(subscription, slotIso, window);
      } finally {
        this.#busy.delete(subscription.id);
      }
    } catch (error) {
      const context = {
        code: DELIVERY_ERROR,
        subscription: subscription.id,
        slot: slotIso,
        platform: subscription.platform,
        channel: subscription.channelId,
        err: error,
      };
      this.#log.error(context, 'scheduled delivery failed');
      if (!claimed) return 'failed';
      const reason = `${DELIVERY_ERROR}: ${error instanceof Error ? error.message : String(error)}`;
      await this.#deps.deliveries.failSlot(subscription.id, slotIso, reason).catch((recordError: unknown) => {
        this.#log.error({ ...context, err: recordError }, 'could not record the failed delivery');
      });
      return 'failed';
    } finally {
      this.#deliverySlots.release();
    }
  }

  async #deliverClaimed(
    subscription: Subscription,
    slotIso: string,
    window: ArticleWindow,
  ): Promise<DeliveryResult> {
    const { deliveries } = this.#deps;
    const previous = await deliveries.lastDeliveredCursor(subscription.id);
    const latest = await window.latestSeq();
    const from =
      previous === null
        ? Math.max(0, latest - this.#settings.firstDeliveryScan)
        : Math.max(previous, latest - this.#settings.maxScan);
    const scanned = await window.since(from);
    const delivery = composeSlotDelivery(scanned, previous ?? from, subscription.options);
    const result = { cursor: delivery.cursor, articleCount: delivery.articleCount };
    if (!delivery.message) {
      await deliveries.completeSlot(subscription.id, slotIso, result);
      return 'empty';
    }
    const outcome = await this.#postWithRetry(subscription, slotIso, delivery.message);
    if (outcome.ok) {
      await deliveries.completeSlot(subscription.id, slotIso, result);
      this.#deps.metrics?.postFinished(subscription.platform, 'delivered');
      return 'posted';
    }
    if (!outcome.permanent && this.#stopping.signal.aborted) {
      // Left open, the claim is this instance's unfinished one: its next start delivers the slot.
      this.#log.info(
        { subscription: subscription.id, slot: slotIso, reason: outcome.reason },
        'delivery handed back: newsdesk is stopping',
      );
      return 'handed-back';
    }
    this.#deps.metrics?.postFinished(subscription.platform, outcome.permanent ? 'paused' : 'failed');
    if (outcome.permanent) {
      await this.#deps.subscriptions.pauseSubscription(subscription.id, outcome.reason);
      await deliveries.failSlot(subscription.id, slotIso, outcome.reason);
      this.#log.warn(
        {
          subscription: subscription.id,
          slot: slotIso,
          platform: subscription.platform,
          reason: outcome.reason,
        },
        'subscription paused: its channel cannot take posts',
      );
      return 'paused';
    }
    await deliveries.failSlot(subscription.id, slotIso, outcome.reason);
    return 'failed';
  }

  async #postWithRetry(
    subscription: Subscription,
    slotIso: string,
    message: OutgoingMessage,
  ): Promise<PostOutcome> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.#settings;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#queue.post(subscription, message);
      if (outcome.ok || outcome.permanent || this.#queue.closed) return outcome;
      if (attempt >= Math.max(1, maxAttempts)) {
        return { ...outcome, reason: `${outcome.reason} (gave up after ${attempt} attempts)` };
      }
      this.#deps.metrics?.postFinished(subscription.platform, 'retried');
      const backoff = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (attempt - 1));
      const wait = Math.min(backoffMaxMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
      this.#log.warn(
        { subscription: subscription.id, slot: slotIso, attempt, retryInMs: wait, reason: outcome.reason },
        'digest post failed; retrying',
      );
      await this.#timers.sleep(wait, this.#stopping.signal);
      if (this.#stopping.signal.aborted) {
        return { ...outcome, reason: `${outcome.reason} (not retried: newsdesk is shutting down)` };
      }
    }
  }

  /** Finishes this instance's unfinished claims and closes other instances' abandoned ones. */
  async #recoverClaims(): Promise<void> {
    const { deliveries, subscriptions, instanceId, clock } = this.#deps;
    const now = clock.now().getTime();
    let open: Awaited<ReturnType<DeliveryLog['unfinishedClaims']>>;
    try {
      open = await deliveries.unfinishedClaims();
    } catch (error) {
      this.#log.error({ code: DELIVERY_ERROR, err: error }, 'could not read unfinished claims');
      return;
    }
    const window = new ArticleWindow(this.#deps.articles);
    const work: Promise<unknown>[] = [];
    for (const claim of open) {
      const age = now - Date.parse(claim.claimedAt);
      if (claim.instanceId !== instanceId) {
        if (age < this.#settings.staleClaimMs) continue;
        const reason = `abandoned by instance ${claim.instanceId} (no result after ${Math.round(age / 60_000)} min); its articles go with the next slot`;
        work.push(deliveries.failSlot(claim.subscriptionId, claim.slot, reason));
        continue;
      }
      work.push(
        (async () => {
          const subscription = await subscriptions.getSubscription(claim.subscriptionId);
          if (!subscription) return;
          const tooOld = now - Date.parse(claim.slot) > this.#settings.catchUpWindowMs;
          if (tooOld || subscription.pausedReason !== null || !this.#queue.serves(subscription.platform)) {
            await deliveries.failSlot(
              claim.subscriptionId,
              claim.slot,
              'interrupted by a restart; not retried',
            );
            return;
          }
          this.#log.info(
            { subscription: subscription.id, slot: claim.slot },
            'finishing a delivery interrupted by a restart',
          );
          await this.#deliver(subscription, claim.slot, { claimed: true }, window);
        })().catch((error: unknown) => {
          this.#log.error(
            { code: DELIVERY_ERROR, subscription: claim.subscriptionId, slot: claim.slot, err: error },
            'could not finish an interrupted delivery',
          );
        }),
      );
    }
    await Promise.all(work);
  }

  #track<T>(work: Promise<T>): Promise<T | undefined> {
    const guarded = work.catch((error: unknown) => {
      this.#log.error({ code: DELIVERY_ERROR, err: error }, 'scheduler run failed');
      return undefined;
    });
    this.#running.add(guarded);
    void guarded.finally(() => this.#running.delete(guarded));
    return guarded;
  }
}

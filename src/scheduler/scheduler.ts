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
 * - Tenants: a subscription's digest reads the articles its workspace sees (global sources and
 *   its own), through the store's view of that workspace.
 * - A digest is of stories (`core/digest/stories.ts`): the matching articles grouped by event, the
 *   top `options.articles` shown. First delivery: among the newest `firstDeliveryScan` stored, so a
 *   new channel sees something at once; later deliveries: what came in since the cursor of the last
 *   completed one (at most the newest `maxScan`). Subscriptions of one workspace at the same cursor
 *   with the same options share one composed digest per run.
 * - A subscription paused by a permanent failure gets one notice in its channel (why, and how to
 *   resume), or a log line where the channel takes no post.
 * - One slot at a time per subscription, across processes: a slot is not claimed while an earlier
 *   one is unfinished (the store checks in the claim), so a long retry never doubles a post.
 * - Exactly once through a crash: before the first post attempt the slot records what it posts
 *   (`posting`, with its cursor); every attempt carries the slot's {@link DeliveryKey} (Discord:
 *   a nonce; Slack: message metadata). A `posting` slot left unfinished (a crash, an error) is
 *   finished by asking the platform for what it already took; where the platform can no longer
 *   tell (past its `repeatWindowMs`), the slot is recorded as posted rather than risk a repeat.
 * - Transient post failures are retried with exponential backoff (or after the platform's
 *   retry-after), `maxAttempts` in all; then the slot is failed and its articles go with the next
 *   slot. Permanent failures pause the subscription with the reason and fail the slot. A slot whose
 *   post was accepted is never failed: its record is retried until it is written, or the process
 *   stops and the next start finishes it.
 * - Every run first finishes this instance's unfinished slots that nothing works on, and takes over
 *   other instances' unfinished slots older than `staleClaimMs` (one taker, by the store): a claim
 *   with nothing posted is failed (its articles go with the next slot), a posting one is finished
 *   as above.
 * - stop(): no new claims; in-flight posts finish and are recorded; posts still waiting for their
 *   channel's turn and retry waits end at once and their slots are handed back (left unfinished),
 *   so this instance's next start delivers them (another instance takes them over once stale). A
 *   slot none of whose attempts reached the platform goes back to `claimed` and is composed and
 *   posted afresh; one the platform may have taken stays `posting` and is finished as above, by
 *   asking the platform first, never posted blindly.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { pauseNotice } from '../core/commands/pause-notice.ts';
import { workspaceOf } from '../core/commands/tenancy.ts';
import type { Metrics } from '../core/metrics.ts';
import type {
  ArticleViews,
  ChatChannel,
  Clock,
  DeliveryKey,
  DeliveryLog,
  DeliverySlot,
  OutgoingMessage,
  Platform,
  PostOutcome,
  SlotPlan,
  Subscription,
  SubscriptionStore,
} from '../core/ports.ts';
import { composeSlotDelivery, DEFAULT_SLOT_SCAN, scanSlot } from '../core/schedule/slot-digest.ts';
import { compileSchedule, latestSlot, type Schedule } from '../core/schedule/slots.ts';
import { WorkspaceWindows } from './article-window.ts';
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
  /** First wait before recording a delivered slot again after the store failed; doubles up to `backoffMaxMs` (default 1 s). */
  recordRetryMs: number;
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
  recordRetryMs: 1000,
  maxAttempts: 5,
  backoffBaseMs: 2000,
  backoffMaxMs: 60_000,
  deliveryConcurrency: 256,
  ...DEFAULT_SLOT_SCAN,
};

/** What the scheduler works with; everything with side effects comes in here. */
export interface SchedulerDeps {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryLog;
  /** Read as each subscription's workspace sees them. */
  articles: ArticleViews;
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

/** The key every post attempt of one slot carries. */
function deliveryKey(subscriptionId: string, slotIso: string, since: string, resume: boolean): DeliveryKey {
  return { key: `${subscriptionId}@${new Date(slotIso).toISOString()}`, since, resume };
}

/** What one delivery works from: a fresh claim, or an unfinished slot found in the log. */
type Unfinished = Pick<DeliverySlot, 'status' | 'cursor' | 'articleCount' | 'attemptedAt'>;

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
    const windows = new WorkspaceWindows(this.#deps.articles);
    await this.#finishUnfinished(windows);
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
          this.#deliver(subscription, slotIso, undefined, windows).then((result) => {
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

  /**
   * Claims (unless `unfinished` says the slot is held already), delivers and records one slot,
   * inside the one error wrapper.
   */
  async #deliver(
    subscription: Subscription,
    slotIso: string,
    unfinished: Unfinished | undefined,
    windows: WorkspaceWindows,
  ): Promise<DeliveryResult> {
    await this.#deliverySlots.acquire();
    let claimed = unfinished !== undefined;
    const progress = { posting: unfinished?.status === 'posting' };
    try {
      if (this.#stopping.signal.aborted && !claimed) return 'skipped';
      // The same subscription's previous slot still retrying in this process.
      if (this.#busy.has(subscription.id)) return 'skipped';
      this.#busy.add(subscription.id);
      try {
        if (!claimed) {
          const claim = await this.#deps.deliveries.claimSlot(
            subscription.id,
            slotIso,
            this.#deps.instanceId,
          );
          // An earlier slot still unfinished (here or in another process): reading the cursor now
          // would post its articles twice, so this slot is left and its articles go with the next.
          if (claim === 'busy') return 'skipped';
          if (claim === 'taken') return 'taken';
          claimed = true;
          this.#deps.metrics?.slotClaimed(subscription.platform);
        }
        return await this.#deliverClaimed(subscription, slotIso, unfinished, windows, progress);
      } finally {
        this.#busy.delete(subscription.id);
      }
    } catch (error) {
      return this.#failed(subscription, slotIso, claimed && !progress.posting, error);
    } finally {
      this.#deliverySlots.release();
    }
  }

  /**
   * A delivery that ended in an exception (a bug, or the store gone for long). A claim with nothing
   * posted (`failClaim`) is failed; a slot already posting is left unfinished, for the next run to
   * finish by asking the platform what it took.
   */
  async #failed(
    subscription: Subscription,
    slotIso: string,
    failClaim: boolean,
    error: unknown,
  ): Promise<DeliveryResult> {
    const context = {
      code: DELIVERY_ERROR,
      subscription: subscription.id,
      slot: slotIso,
      platform: subscription.platform,
      channel: subscription.channelId,
      err: error,
    };
    this.#log.error(context, 'scheduled delivery failed');
    if (!failClaim) return 'failed';
    try {
      const reason = `${DELIVERY_ERROR}: ${error instanceof Error ? error.message : String(error)}`;
      await this.#deps.deliveries.failSlot(subscription.id, slotIso, reason);
    } catch (recordError) {
      this.#log.error({ ...context, err: recordError }, 'could not record the failed delivery');
    }
    return 'failed';
  }

  async #deliverClaimed(
    subscription: Subscription,
    slotIso: string,
    unfinished: Unfinished | undefined,
    windows: WorkspaceWindows,
    progress: { posting: boolean },
  ): Promise<DeliveryResult> {
    const { deliveries } = this.#deps;
    // A slot that began posting posts the same articles again: up to the cursor it recorded.
    const resumed = unfinished?.status === 'posting' && unfinished.cursor !== null ? unfinished : undefined;
    const window = windows.of(workspaceOf({ ...subscription, userId: subscription.createdBy }));
    const previous = await deliveries.lastDeliveredCursor(subscription.id);
    const upTo = resumed?.cursor ?? undefined;
    const digestKey = JSON.stringify([previous, upTo ?? null, subscription.options]);
    const delivery = await window.once(digestKey, async () => {
      const { scanned, from } = await scanSlot(window, previous, this.#settings, upTo);
      return composeSlotDelivery(scanned, previous ?? from, subscription.options);
    });
    const plan: SlotPlan = resumed
      ? {
          cursor: resumed.cursor ?? delivery.cursor,
          articleCount: resumed.articleCount ?? delivery.articleCount,
        }
      : { cursor: delivery.cursor, articleCount: delivery.articleCount };
    if (!delivery.message) {
      await this.#record(subscription, slotIso, plan);
      return 'empty';
    }
    let since = resumed?.attemptedAt ?? undefined;
    if (since === undefined) {
      since = this.#deps.clock.now().toISOString();
      // Not ours any more (taken over as abandoned): the taker posts it.
      if (!(await deliveries.beginPosting(subscription.id, slotIso, plan))) return 'taken';
      progress.posting = true;
    } else if (this.#tooLateToTell(subscription.platform, since)) {
      await this.#record(subscription, slotIso, plan, this.#cannotTellNote(subscription.platform, since));
      return 'posted';
    }
    const key = deliveryKey(subscription.id, slotIso, since, resumed !== undefined);
    const { outcome, reachedPlatform } = await this.#postWithRetry(
      subscription,
      slotIso,
      delivery.message,
      key,
    );
    if (outcome.ok) {
      const note =
        outcome.alreadyPosted && outcome.alreadyPosted > 0
          ? `finished after an interruption: ${outcome.alreadyPosted} message(s) were already posted`
          : undefined;
      await this.#record(subscription, slotIso, plan, note);
      this.#deps.metrics?.postFinished(subscription.platform, 'delivered');
      return 'posted';
    }
    if (!outcome.permanent && this.#stopping.signal.aborted) {
      return this.#handBack(subscription, slotIso, outcome.reason, reachedPlatform || resumed !== undefined);
    }
    this.#deps.metrics?.postFinished(subscription.platform, outcome.permanent ? 'paused' : 'failed');
    if (outcome.permanent) {
      await this.#deps.subscriptions.pauseSubscription(subscription.id, outcome.reason);
      await deliveries.failSlot(subscription.id, slotIso, outcome.reason);
      await this.#tellPaused(subscription, slotIso, outcome.reason);
      return 'paused';
    }
    await deliveries.failSlot(subscription.id, slotIso, outcome.reason);
    return 'failed';
  }

  /**
   * Posts one notice into a channel whose subscription was just paused (the reason, and how to
   * resume); where the channel takes no post, the log says it instead.
   */
  async #tellPaused(subscription: Subscription, slotIso: string, reason: string): Promise<void> {
    const context = { subscription: subscription.id, slot: slotIso, platform: subscription.platform, reason };
    const notice = await this.#queue.post(subscription, {
      kind: 'text',
      text: pauseNotice(subscription, reason),
    });
    if (notice.ok) this.#log.warn(context, 'subscription paused; the channel was told why and how to resume');
    else
      this.#log.warn(
        { ...context, notice: notice.reason },
        'subscription paused: its channel cannot take posts, so the notice is only in this log',
      );
  }

  /**
   * Leaves a slot interrupted by stop() unfinished, this instance's, for its next start. One the
   * platform may have taken (`mayBePosted`: an attempt reached it, here or before a restart) stays
   * `posting`, to be finished by asking the platform; any other goes back to `claimed`, to be
   * composed and posted afresh (left `posting`, a start past the platform's repeat window would
   * record it as posted though nothing was).
   */
  async #handBack(
    subscription: Subscription,
    slotIso: string,
    reason: string,
    mayBePosted: boolean,
  ): Promise<DeliveryResult> {
    const context = { subscription: subscription.id, slot: slotIso, reason };
    if (mayBePosted) {
      this.#log.info(
        context,
        'delivery handed back: newsdesk is stopping; the next start asks the platform first',
      );
      return 'handed-back';
    }
    try {
      await this.#deps.deliveries.handBackSlot(subscription.id, slotIso, this.#deps.instanceId);
      this.#log.info(context, 'delivery handed back unposted: newsdesk is stopping');
    } catch (error) {
      // Still `posting`: the next start asks the platform, which finds nothing and posts it.
      this.#log.warn(
        { ...context, code: DELIVERY_ERROR, err: error },
        'could not hand a delivery back unposted',
      );
    }
    return 'handed-back';
  }

  /** Whether the platform can no longer tell if it took a post attempted at `since`. */
  #tooLateToTell(platform: Platform, since: string): boolean {
    const age = this.#deps.clock.now().getTime() - Date.parse(since);
    return age > this.#queue.repeatWindowMs(platform);
  }

  #cannotTellNote(platform: Platform, since: string): string {
    const minutes = Math.round((this.#deps.clock.now().getTime() - Date.parse(since)) / 60_000);
    return `interrupted after posting began ${minutes} min ago; not posted again, as ${platform} can no longer tell whether it took the post`;
  }

  /**
   * Records a delivered slot, retrying while the store fails: a post that was accepted must never
   * count as undelivered. Gives up only when the process stops; the next start then finishes the
   * slot from the log.
   */
  async #record(subscription: Subscription, slotIso: string, plan: SlotPlan, note?: string): Promise<void> {
    const { recordRetryMs, backoffMaxMs } = this.#settings;
    for (let attempt = 1; ; attempt++) {
      try {
        const recorded = await this.#deps.deliveries.completeSlot(subscription.id, slotIso, plan, note);
        if (!recorded)
          this.#log.warn(
            { subscription: subscription.id, slot: slotIso },
            'delivered slot was finished elsewhere (taken over as abandoned)',
          );
        return;
      } catch (error) {
        const wait = Math.min(backoffMaxMs, recordRetryMs * 2 ** (attempt - 1));
        this.#log.warn(
          {
            code: DELIVERY_ERROR,
            subscription: subscription.id,
            slot: slotIso,
            attempt,
            retryInMs: wait,
            err: error,
          },
          'could not record a delivered slot; retrying',
        );
        await this.#timers.sleep(wait, this.#stopping.signal);
        if (this.#stopping.signal.aborted) {
          this.#log.warn(
            { subscription: subscription.id, slot: slotIso },
            'delivered slot left unrecorded at shutdown; the next start finishes it',
          );
          return;
        }
      }
    }
  }

  async #postWithRetry(
    subscription: Subscription,
    slotIso: string,
    message: OutgoingMessage,
    key: DeliveryKey,
  ): Promise<{ outcome: PostOutcome; reachedPlatform: boolean }> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.#settings;
    let reachedPlatform = false;
    for (let attempt = 1; ; attempt++) {
      // After a failed attempt the platform may still have taken it (a lost answer): resume.
      const outcome = await this.#queue.post(
        subscription,
        message,
        attempt === 1 ? key : { ...key, resume: true },
      );
      // An attempt that failed may still have been taken (a lost answer), unless it was never sent.
      if (outcome.ok || !outcome.notSent) reachedPlatform = true;
      if (outcome.ok || outcome.permanent || this.#queue.closed) return { outcome, reachedPlatform };
      if (attempt >= Math.max(1, maxAttempts)) {
        return {
          outcome: { ...outcome, reason: `${outcome.reason} (gave up after ${attempt} attempts)` },
          reachedPlatform,
        };
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
        return {
          outcome: { ...outcome, reason: `${outcome.reason} (not retried: newsdesk is shutting down)` },
          reachedPlatform,
        };
      }
    }
  }

  /**
   * Finishes unfinished slots nothing in this process works on: this instance's own (left by a
   * crash or an error) and other instances' older than `staleClaimMs` (taken over by one instance).
   */
  async #finishUnfinished(windows: WorkspaceWindows): Promise<void> {
    const { deliveries, instanceId, clock } = this.#deps;
    let open: DeliverySlot[];
    try {
      open = await deliveries.unfinishedClaims();
    } catch (error) {
      this.#log.error({ code: DELIVERY_ERROR, err: error }, 'could not read unfinished claims');
      return;
    }
    const now = clock.now().getTime();
    const work = open
      .filter((claim) => !this.#busy.has(claim.subscriptionId))
      .filter(
        (claim) =>
          claim.instanceId === instanceId || now - Date.parse(claim.claimedAt) >= this.#settings.staleClaimMs,
      )
      .map((claim) =>
        this.#finish(claim, windows).catch((error: unknown) => {
          this.#log.error(
            { code: DELIVERY_ERROR, subscription: claim.subscriptionId, slot: claim.slot, err: error },
            'could not finish an interrupted delivery',
          );
        }),
      );
    await Promise.all(work);
  }

  /** Finishes one unfinished slot (taking it over first when another instance left it). */
  async #finish(claim: DeliverySlot, windows: WorkspaceWindows): Promise<void> {
    const { deliveries, subscriptions, instanceId, clock } = this.#deps;
    const subscription = await subscriptions.getSubscription(claim.subscriptionId);
    if (!subscription || !this.#queue.serves(subscription.platform)) return;
    if (claim.instanceId !== instanceId) {
      if (!(await deliveries.reassignClaim(claim.subscriptionId, claim.slot, claim.instanceId, instanceId)))
        return;
      if (claim.status === 'claimed') {
        const age = Math.round((clock.now().getTime() - Date.parse(claim.claimedAt)) / 60_000);
        const reason = `abandoned by instance ${claim.instanceId} (no result after ${age} min); its articles go with the next slot`;
        await deliveries.failSlot(claim.subscriptionId, claim.slot, reason);
        return;
      }
    }
    const tooOld = clock.now().getTime() - Date.parse(claim.slot) > this.#settings.catchUpWindowMs;
    if (claim.status === 'claimed' && (tooOld || subscription.pausedReason !== null)) {
      await deliveries.failSlot(claim.subscriptionId, claim.slot, 'interrupted by a restart; not retried');
      return;
    }
    if (claim.status === 'posting' && tooOld && claim.cursor !== null) {
      // Posting may have been taken: never failed, but not tried for ever either.
      const plan = { cursor: claim.cursor, articleCount: claim.articleCount ?? 0 };
      await this.#record(
        subscription,
        claim.slot,
        plan,
        'interrupted after posting began and not finished within the catch-up window',
      );
      return;
    }
    this.#log.info(
      { subscription: subscription.id, slot: claim.slot, status: claim.status },
      'finishing an interrupted delivery',
    );
    await this.#deliver(subscription, claim.slot, claim, windows);
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

/**
 * The outgoing post queue: every scheduled post goes through it, so each platform's limits hold
 * however many subscriptions fall due at once. Posts to one channel go out one after another, in
 * order, at most one per `perChannelIntervalMs` (Slack: about one a second); posts to different
 * channels run side by side up to the platform's `concurrency`. Discord's pacing is left to
 * discord.js's REST buckets (interval 0, no sleep loop here).
 */
import type {
  ChannelRef,
  ChatChannel,
  DeliveryKey,
  OutgoingMessage,
  Platform,
  PostOutcome,
} from '../core/ports.ts';

/** How fast one platform may be posted to. */
export interface PostPolicy {
  /** The least time between two posts to the same channel, in ms (0: no pacing here). */
  perChannelIntervalMs: number;
  /** Posts in flight at once on the platform, across channels. */
  concurrency: number;
}

/** The limits newsdesk keeps per platform. */
export const DEFAULT_POST_POLICIES: Readonly<Record<Platform, PostPolicy>> = {
  // Slack allows about one message a second per channel (chat.postMessage special limit).
  slack: { perChannelIntervalMs: 1000, concurrency: 64 },
  // discord.js queues per route bucket and honours Discord's rate-limit headers itself.
  discord: { perChannelIntervalMs: 0, concurrency: 64 },
  console: { perChannelIntervalMs: 0, concurrency: 1 },
};

/** Monotonic time and waiting, passed in so tests run on virtual time. */
export interface Timers {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: `performance.now()` and `setTimeout`. */
export const realTimers: Timers = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** The outcome of a post the queue dropped because it was closed before the post went out. */
export const CLOSED_OUTCOME: PostOutcome = {
  ok: false,
  permanent: false,
  reason: 'not posted: newsdesk is shutting down',
  notSent: true,
};

/** A counting semaphore: at most `limit` holders at once, the others wait in order. */
export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#free = Math.max(1, limit);
  }

  /** Waits for a free place and takes it. */
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Gives a place back, to the longest waiter if any. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

/** Per channel: the end of its chain of posts and the earliest time of its next post. */
interface ChannelLane {
  tail: Promise<void>;
  nextAt: number;
  pending: number;
}

/** One queue for all outgoing scheduled posts, across platforms. */
export class PostQueue {
  readonly #channels: Partial<Record<Platform, ChatChannel>>;
  readonly #policies: Readonly<Record<Platform, PostPolicy>>;
  readonly #timers: Timers;
  readonly #lanes = new Map<string, ChannelLane>();
  readonly #slots = new Map<Platform, Semaphore>();
  readonly #closing = new AbortController();
  #inFlight = 0;
  #posted = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(
    channels: Partial<Record<Platform, ChatChannel>>,
    options: { policies?: Partial<Record<Platform, PostPolicy>>; timers?: Timers } = {},
  ) {
    this.#channels = channels;
    this.#policies = { ...DEFAULT_POST_POLICIES, ...options.policies };
    this.#timers = options.timers ?? realTimers;
  }

  /** Whether the queue can post to `platform` (a channel for it was given). */
  serves(platform: Platform): boolean {
    return this.#channels[platform] !== undefined;
  }

  /** How long `platform` recognises a repeated post by its key (0 when it cannot, or is not served). */
  repeatWindowMs(platform: Platform): number {
    return this.#channels[platform]?.repeatWindowMs ?? 0;
  }

  /**
   * Posts a message in its channel's turn. Resolves with the platform's outcome; a thrown error
   * becomes a transient failure, and a post still waiting when the queue closes gets {@link CLOSED_OUTCOME}.
   */
  post(ref: ChannelRef, message: OutgoingMessage, delivery?: DeliveryKey): Promise<PostOutcome> {
    const channel = this.#channels[ref.platform];
    if (!channel) {
      return Promise.resolve({
        ok: false,
        permanent: true,
        reason: `newsdesk does not run on ${ref.platform} here`,
      });
    }
    const key = `${ref.platform}\u0000${ref.workspaceId}\u0000${ref.channelId}`;
    if (++this.#posted % 1024 === 0) this.#sweepLanes();
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { tail: Promise.resolve(), nextAt: 0, pending: 0 };
      this.#lanes.set(key, lane);
    }
    const current = lane;
    current.pending++;
    this.#inFlight++;
    const outcome = current.tail.then(() => this.#postInTurn(channel, ref, message, current, delivery));
    current.tail = outcome.then(
      () => undefined,
      () => undefined,
    );
    return outcome.finally(() => {
      current.pending--;
      // A lane is dropped once idle and past its interval, so the map holds only busy channels.
      if (current.pending === 0 && this.#timers.now() >= current.nextAt) this.#lanes.delete(key);
      this.#inFlight--;
      if (this.#inFlight === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    });
  }

  async #postInTurn(
    channel: ChatChannel,
    ref: ChannelRef,
    message: OutgoingMessage,
    lane: ChannelLane,
    delivery: DeliveryKey | undefined,
  ): Promise<PostOutcome> {
    const policy = this.#policies[ref.platform];
    const wait = lane.nextAt - this.#timers.now();
    if (wait > 0) await this.#timers.sleep(wait, this.#closing.signal);
    if (this.#closing.signal.aborted) return CLOSED_OUTCOME;
    const slots = this.#semaphore(ref.platform, policy.concurrency);
    await slots.acquire();
    try {
      if (this.#closing.signal.aborted) return CLOSED_OUTCOME;
      lane.nextAt = this.#timers.now() + policy.perChannelIntervalMs;
      return await (delivery ? channel.post(ref, message, delivery) : channel.post(ref, message));
    } catch (error) {
      // ChatChannel promises not to throw for platform errors; anything thrown is a bug or a
      // network failure below the adapter, so it is retried like any transient failure.
      return { ok: false, permanent: false, reason: `post failed: ${describe(error)}` };
    } finally {
      slots.release();
    }
  }

  /** Drops lanes with nothing waiting whose interval has run out. */
  #sweepLanes(): void {
    const now = this.#timers.now();
    for (const [key, lane] of this.#lanes) {
      if (lane.pending === 0 && lane.nextAt <= now) this.#lanes.delete(key);
    }
  }

  #semaphore(platform: Platform, limit: number): Semaphore {
    let slots = this.#slots.get(platform);
    if (!slots) {
      slots = new Semaphore(limit);
      this.#slots.set(platform, slots);
    }
    return slots;
  }

  /** Posts accepted and not yet finished. */
  get size(): number {
    return this.#inFlight;
  }

  /** Channels with posts waiting or a pacing interval still running. */
  get lanes(): number {
    return this.#lanes.size;
  }

  /** Stops taking turns: posts not yet handed to a platform resolve with {@link CLOSED_OUTCOME}. */
  close(): void {
    this.#closing.abort();
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.#closing.signal.aborted;
  }

  /** Resolves when no post is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

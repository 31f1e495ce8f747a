/**
 * A configured chat platform from the process's point of view: started in the background and
 * retried while unreachable (the other platforms run meanwhile), given up on a permanent failure,
 * and stopped with the rest. It is the scheduler's ChatChannel for its platform from the start, so
 * a digest due while the platform is still down is retried like any transient failure.
 */
import type {
  ChannelAccess,
  ChannelRef,
  ChatChannel,
  DeliveryKey,
  OutgoingMessage,
  Platform,
  PostOutcome,
} from '../core/ports.ts';
import type { Result } from '../core/result.ts';
import type { PlatformStartFailure } from '../platforms/connection.ts';
import { type RetryDeps, retryUntilUp } from './backoff.ts';

/** What a started platform offers (Discord's and Slack's running platforms fit). */
export interface RunningPlatform {
  channel: ChatChannel;
  connected(): boolean;
  stop(): Promise<void>;
}

/** One attempt to start a platform; aborting `signal` ends an attempt in progress. */
export type StartPlatform<T extends RunningPlatform> = (
  signal: AbortSignal,
) => Promise<Result<T, PlatformStartFailure>>;

/** Where the slot writes its one-line status changes ("Discord: on"). */
export type StatusLine = (line: string) => void;

/** A configured platform: starting, retrying, on, or off for good. */
export class PlatformSlot<T extends RunningPlatform> implements ChatChannel {
  #running: T | undefined;
  #phase: 'starting' | 'retrying' | 'on' | 'off' = 'starting';
  #detail = 'starting';
  #supervision: Promise<void> = Promise.resolve();

  constructor(
    readonly platform: Platform,
    /** The platform's name in status lines ("Discord"). */
    readonly label: string,
    /**
     * The platform's {@link ChatChannel.repeatWindowMs}, known before it is up: a slot resumed at
     * start-up, while the platform still connects, must not count as too late to tell.
     */
    readonly repeatWindowMs: number,
  ) {}

  /** The running platform, once started. */
  get running(): T | undefined {
    return this.#running;
  }

  /**
   * Starts the platform in the background: transient failures are retried (each logged at warn with
   * the next try's time), a permanent one turns it off with one line. `onRunning` gets it once up
   * (and says so: the "on" line may name details, such as Slack's mode).
   */
  supervise(
    start: StartPlatform<T>,
    deps: RetryDeps,
    say: StatusLine,
    onRunning: (running: T) => void,
  ): void {
    this.#supervision = (async () => {
      let toldRetrying = false;
      const started = await retryUntilUp(
        this.label,
        async () => {
          const attempt = await start(deps.signal);
          if (!attempt.ok && !attempt.error.permanent) {
            this.#phase = 'retrying';
            this.#detail = attempt.error.reason;
            if (!toldRetrying) say(`${this.label}: not reachable yet (${attempt.error.reason}); retrying`);
            toldRetrying = true;
          }
          return attempt;
        },
        deps,
      );
      if (started.ok) {
        this.#running = started.value;
        this.#phase = 'on';
        onRunning(started.value);
      } else if (!deps.signal.aborted) {
        this.#phase = 'off';
        this.#detail = started.error.reason;
        say(`${this.label}: off (${started.error.reason})`);
      }
    })();
  }

  /** Why `/readyz` should not count this platform as ready, or undefined when it is connected. */
  notReady(): string | undefined {
    if (this.#running) return this.#running.connected() ? undefined : 'reconnecting';
    return `${this.#phase}: ${this.#detail}`;
  }

  /** Whether the platform is up and connected now. */
  connected(): boolean {
    return this.#running?.connected() ?? false;
  }

  async post(ref: ChannelRef, message: OutgoingMessage, delivery?: DeliveryKey): Promise<PostOutcome> {
    if (this.#running) return this.#running.channel.post(ref, message, delivery);
    return {
      ok: false,
      permanent: false,
      reason: `${this.label} is not connected (${this.#detail})`,
      notSent: true,
    };
  }

  async checkAccess(ref: ChannelRef): Promise<ChannelAccess> {
    if (this.#running) return this.#running.channel.checkAccess(ref);
    return { ok: false, reason: `${this.label} is not connected just now (${this.#detail})` };
  }

  /** Ends a start still retrying (the retry loop watches the stop signal) and stops the platform. */
  async stop(): Promise<void> {
    await this.#supervision;
    await this.#running?.stop();
  }

  /** What the slot still has in hand, for the abandoned-work line. */
  pending(): string | undefined {
    return this.#running ? undefined : this.#phase;
  }
}

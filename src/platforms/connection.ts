/**
 * What every chat platform tells about its connection: why a start failed (for start-up retries)
 * and, once running, its drops and reconnects (for the log and `/readyz`).
 */

/** Why a platform could not start; `permanent` when trying again cannot help (a refused token). */
export interface PlatformStartFailure {
  reason: string;
  permanent: boolean;
}

/** Interval between two "still reconnecting" warn lines of one outage: visible, yet no flood. */
export const OUTAGE_REMINDER_MS = 60_000;

/**
 * Tracks one platform's outages and logs them as an operator wants to read them: one warn line when
 * the link drops, a reminder each {@link OUTAGE_REMINDER_MS} while it stays down, one info line with
 * the outage's length when it is back.
 */
export class OutageLog {
  #downSince: number | undefined;
  #lastReminder = 0;
  #connected = true;

  constructor(
    private readonly name: string,
    private readonly log: {
      info(context: object, message: string): void;
      warn(context: object, message: string): void;
    },
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the link is up. */
  get connected(): boolean {
    return this.#connected;
  }

  /** The link dropped (or an attempt to restore it failed). */
  down(detail: string): void {
    const at = this.now();
    if (this.#downSince === undefined) {
      this.#downSince = at;
      this.#lastReminder = at;
      this.#connected = false;
      this.log.warn({ detail }, `${this.name} connection lost (${detail}); reconnecting`);
      return;
    }
    if (at - this.#lastReminder >= OUTAGE_REMINDER_MS) {
      this.#lastReminder = at;
      const seconds = Math.round((at - this.#downSince) / 1000);
      this.log.warn(
        { detail, downForS: seconds },
        `${this.name} still reconnecting after ${seconds} s (${detail})`,
      );
    }
  }

  /** The link is up again. */
  up(): void {
    if (this.#downSince !== undefined) {
      const seconds = ((this.now() - this.#downSince) / 1000).toFixed(1);
      this.log.info({ downForS: Number(seconds) }, `${this.name} reconnected after ${seconds} s`);
    }
    this.#downSince = undefined;
    this.#connected = true;
  }

  /** The link is gone for good (the platform will not reconnect by itself). */
  gone(): void {
    this.#connected = false;
  }
}

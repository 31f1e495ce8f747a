/**
 * How newsdesk stops. Every long-lived part (store, platforms, scheduler, poller, watcher, health
 * server) is registered as it starts and stopped in reverse order; a stop request (SIGTERM, SIGINT,
 * the end of the console) starts a grace timer that, if the stop outlasts it, logs what was
 * abandoned and exits anyway. A second signal exits at once.
 */

/** A started part of the process and how to stop it. */
export interface Stoppable {
  /** Names the part in logs ("scheduler", "discord"…). */
  name: string;
  stop(): Promise<void>;
  /** What the part still has in hand, for the abandoned-work line ("2 posts in flight"). */
  pending?(): string | undefined;
}

/** Structured log lines (a pino logger fits). */
export interface LifecycleLog {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** The parts started so far, stopped last-started first. */
export class ServiceParts {
  readonly #parts: Stoppable[] = [];
  readonly #stopped = new Set<Stoppable>();

  /** Registers a started part; it is stopped before every part registered earlier. */
  add(part: Stoppable): void {
    this.#parts.push(part);
  }

  /** The parts not stopped (yet), in the order they will be stopped, each with what it still holds. */
  unfinished(): string[] {
    return this.#parts
      .filter((part) => !this.#stopped.has(part))
      .reverse()
      .map((part) => {
        const pending = part.pending?.();
        return pending ? `${part.name} (${pending})` : part.name;
      });
  }

  /** Stops every part in reverse order; a part whose stop fails is logged and the others still stop. */
  async stopAll(log: LifecycleLog): Promise<void> {
    for (const part of [...this.#parts].reverse()) {
      if (this.#stopped.has(part)) continue;
      try {
        await part.stop();
      } catch (error) {
        log.error({ part: part.name, err: error, code: 'NEWSDESK_STOP_FAILED' }, `${part.name}: stop failed`);
      }
      this.#stopped.add(part);
    }
  }
}

/** Exit codes: a clean stop, a stop past its grace period, and 128 + the signal for a second signal. */
export const EXIT_CODES = { stopped: 0, abandoned: 1, SIGINT: 130, SIGTERM: 143 } as const;

/** The signals that stop newsdesk. */
export type StopSignal = 'SIGTERM' | 'SIGINT';

/** What the stop switch runs with; the process, its exit and timers come in as arguments. */
export interface StopSwitchDeps {
  graceMs: number;
  log: LifecycleLog;
  /** What is still running, for the abandoned-work line. */
  unfinished: () => string[];
  /** Ends the process (process.exit). */
  exit: (code: number) => void;
  /** Starts the grace timer (default: an unref'd setTimeout, so it never keeps the process up). */
  startTimer?: (ms: number, onTimeout: () => void) => void;
}

/** Requests and observes a stop. */
export interface StopSwitch {
  /** Aborted once a stop was requested: every loop and wait of the process watches it. */
  signal: AbortSignal;
  /** Resolves when a stop was requested. */
  requested: Promise<string>;
  /** Requests a stop (a signal, or the console's end); a second signal exits at once. */
  request(reason: string, signal?: StopSignal): void;
}

function unrefTimer(ms: number, onTimeout: () => void): void {
  setTimeout(onTimeout, ms).unref();
}

/** Creates the one stop switch of the process. */
export function createStopSwitch(deps: StopSwitchDeps): StopSwitch {
  const controller = new AbortController();
  let resolveRequested: (reason: string) => void = () => undefined;
  const requested = new Promise<string>((resolve) => {
    resolveRequested = resolve;
  });
  const startTimer = deps.startTimer ?? unrefTimer;
  return {
    signal: controller.signal,
    requested,
    request(reason, signal) {
      if (controller.signal.aborted) {
        if (signal === undefined) return;
        deps.log.warn({ signal, unfinished: deps.unfinished() }, `second ${signal}: exiting now`);
        deps.exit(EXIT_CODES[signal]);
        return;
      }
      deps.log.info({ reason, graceMs: deps.graceMs }, `stopping (${reason})`);
      controller.abort(reason);
      resolveRequested(reason);
      startTimer(deps.graceMs, () => {
        deps.log.error(
          { abandoned: deps.unfinished(), graceMs: deps.graceMs, code: 'NEWSDESK_STOP_ABANDONED' },
          `stop took longer than SHUTDOWN_GRACE_SECONDS; exiting, abandoned: ${deps.unfinished().join(', ') || 'nothing'}`,
        );
        deps.exit(EXIT_CODES.abandoned);
      });
    },
  };
}

/** Routes SIGTERM and SIGINT of `emitter` (the process) to the stop switch. */
export function stopOnSignals(
  emitter: { on(event: StopSignal, listener: () => void): unknown },
  stopSwitch: StopSwitch,
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    emitter.on(signal, () => stopSwitch.request(signal, signal));
  }
}

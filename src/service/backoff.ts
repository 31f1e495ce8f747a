/**
 * Retries of things that may come up later (a platform, the database): capped exponential backoff
 * with jitter, every failed attempt logged at warn with the time of the next one, no retry of a
 * permanent failure (a refused token), and an end as soon as newsdesk is stopping.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { RetryPolicy } from '../config.ts';
import type { Clock } from '../core/ports.ts';
import { err, type Result } from '../core/result.ts';

/** Why one attempt failed; a permanent failure (wrong token, bad URL) ends the retries. */
export interface AttemptFailure {
  reason: string;
  permanent: boolean;
}

/** What {@link retryUntilUp} ends with when it gives up: the last failure, or the stop that ended it. */
export type RetryEnd = AttemptFailure | { reason: 'stopped'; permanent: true; stopped: true };

/** Where failed attempts are logged (a pino logger fits). */
export interface RetryLog {
  warn(context: object, message: string): void;
}

/** What a retry loop runs with; everything with side effects comes in here. */
export interface RetryDeps {
  policy: RetryPolicy;
  log: RetryLog;
  /** Aborted when newsdesk stops: the loop ends at once, mid-wait included. */
  signal: AbortSignal;
  /** Wall time, for the logged time of the next try. */
  clock: Clock;
  /** Waits `ms` or until `signal` aborts (default: a real timer). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in [0, 1) (default Math.random). */
  random?: () => number;
}

/**
 * Share of each wait that is random ("equal jitter"): processes that lost their database together
 * do not all come back in the same instant, and every wait still grows with the attempts.
 */
const JITTER_SHARE = 0.5;

/** The wait before attempt `attempt + 1`: base × 2^(attempt−1), capped, then jittered downwards. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(capped * (1 - JITTER_SHARE + JITTER_SHARE * random()));
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/**
 * Runs `attempt` (1, 2, 3…) until it succeeds, fails permanently, or `deps.signal` aborts. Each
 * transient failure is one warn line naming `what`, the reason and the next try's time.
 */
export async function retryUntilUp<T>(
  what: string,
  attempt: (attemptNumber: number) => Promise<Result<T, AttemptFailure>>,
  deps: RetryDeps,
): Promise<Result<T, RetryEnd>> {
  const sleep = deps.sleep ?? sleepUnlessAborted;
  const random = deps.random ?? Math.random;
  const stopped: RetryEnd = { reason: 'stopped', permanent: true, stopped: true };
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (deps.signal.aborted) return err(stopped);
    const outcome = await attempt(attemptNumber);
    if (outcome.ok || outcome.error.permanent) return outcome;
    if (deps.signal.aborted) return err(stopped);
    const waitMs = backoffDelayMs(attemptNumber, deps.policy, random);
    const nextTryAt = new Date(deps.clock.now().getTime() + waitMs).toISOString();
    deps.log.warn(
      { what, attempt: attemptNumber, reason: outcome.error.reason, retryInMs: waitMs, nextTryAt },
      `${what}: ${outcome.error.reason}; attempt ${attemptNumber} failed, next try at ${nextTryAt}`,
    );
    await sleep(waitMs, deps.signal);
  }
}

/**
 * The metrics port: what newsdesk counts and times, as events. The core, the scheduler, ingest and
 * the feed poller report through it; `main.ts` backs it with prom-client (`service/prom-metrics.ts`),
 * tests with a recorder, and {@link NO_METRICS} drops everything.
 */
import type { CommandContext, CommandReply, CommandRequest } from './commands/types.ts';
import type { Platform } from './ports.ts';

/** How one scheduled post ended: posted, tried again later, given up, or its subscription paused. */
export type PostMetricOutcome = 'delivered' | 'retried' | 'failed' | 'paused';

/** Where an ingested article came from. */
export type IngestSource = 'folder' | 'feed' | 'url';

/** The events newsdesk reports; every method is cheap and never throws. */
export interface Metrics {
  /** A command was answered: its name, `ok` or the error reply's code, and how long it took. */
  commandAnswered(command: string, outcome: string, seconds: number): void;
  /** A scheduled post ended (or is being retried). */
  postFinished(platform: Platform, outcome: PostMetricOutcome): void;
  /** This process won the claim of one subscription's slot. */
  slotClaimed(platform: Platform): void;
  /** One feed was polled: `ok`, `not-modified`, `failed`, `disabled`, or `error` for a whole failed poll. */
  feedPolled(outcome: string): void;
  /** An article went through ingest: created, updated, duplicate, near-duplicate or failed. */
  articleIngested(source: IngestSource, outcome: string): void;
  /** One article was analysed (cleaning included) in `seconds`. */
  articleAnalysed(seconds: number): void;
}

/** Metrics that go nowhere: the default wherever none are given. */
export const NO_METRICS: Metrics = {
  commandAnswered() {},
  postFinished() {},
  slotClaimed() {},
  feedPolled() {},
  articleIngested() {},
  articleAnalysed() {},
};

/** The outcome label of a reply: `ok`, or the stable code of an error reply. */
export function replyOutcome(reply: CommandReply): string {
  return reply.kind === 'error' ? reply.code : 'ok';
}

/** A command dispatcher (the core's handleCommand bound to its dependencies). */
export type CommandHandler = (request: CommandRequest, context: CommandContext) => Promise<CommandReply>;

/**
 * Wraps a dispatcher so each answer is counted and timed. `elapsedSeconds` starts a stopwatch and
 * returns its reading (monotonic time comes in, the core reads no clock).
 */
export function measuredCommands(
  handle: CommandHandler,
  metrics: Metrics,
  startStopwatch: () => () => number,
): CommandHandler {
  return async (request, context) => {
    const elapsedSeconds = startStopwatch();
    try {
      const reply = await handle(request, context);
      metrics.commandAnswered(request.name, replyOutcome(reply), elapsedSeconds());
      return reply;
    } catch (error) {
      metrics.commandAnswered(request.name, 'internal_error', elapsedSeconds());
      throw error;
    }
  };
}

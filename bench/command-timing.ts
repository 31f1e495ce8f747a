/**
 * What the command benches share: the console context they ask in, the dependencies around a
 * store, and the timing of one command (warm-up, then samples, p50 and p99).
 */
import { performance } from 'node:perf_hooks';
import { handleCommand } from '../src/core/commands/handle-command.ts';
import type { CommandContext, CommandDeps, CommandRequest } from '../src/core/commands/types.ts';
import type { Store } from '../src/store/store.ts';
import { percentile } from './stats.ts';

/** Runs before the timed samples, so start-up work and first reads are not timed. */
const WARMUP = 20;
/** Timed runs per command: enough for a p99 of one sample in a hundred. */
const SAMPLES = 200;

/** The operator at the console, allowed everything: the context every bench command is asked in. */
export const BENCH_CONTEXT: CommandContext = {
  platform: 'console',
  workspaceId: '',
  channelId: 'console',
  userId: 'bench',
  directMessage: false,
  canManageChannel: true,
};

/** Command dependencies around `store`, with the real clock and errors printed. */
export function benchDeps(store: Store): CommandDeps {
  return {
    articles: store,
    subscriptions: store,
    clock: { now: () => new Date() },
    defaultTimezone: 'UTC',
    logger: { error: (details, message) => console.error(message, details), warn: () => undefined },
  };
}

/** One command's reply kind and its p50 and p99 in ms over {@link SAMPLES} runs after a warm-up. */
export async function timeCommand(
  request: CommandRequest,
  deps: CommandDeps,
): Promise<{ kind: string; p50: number; p99: number }> {
  let kind = '';
  for (let i = 0; i < WARMUP; i++) kind = (await handleCommand(request, BENCH_CONTEXT, deps)).kind;
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await handleCommand(request, BENCH_CONTEXT, deps);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { kind, p50: percentile(times, 50), p99: percentile(times, 99) };
}

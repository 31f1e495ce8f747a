import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../src/config.ts';
import { err, ok } from '../../src/core/result.ts';
import { type AttemptFailure, backoffDelayMs, retryUntilUp } from '../../src/service/backoff.ts';
import { createStopSwitch, ServiceParts, stopOnSignals } from '../../src/service/lifecycle.ts';

/** A log that keeps its lines, for asserting what an operator would read. */
function recordingLog() {
  const lines: { level: string; context: object; message: string }[] = [];
  const at = (level: string) => (context: object, message: string) => {
    lines.push({ level, context, message });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const POLICY: RetryPolicy = { baseMs: 1000, maxMs: 60_000 };
const fixedClock = { now: () => new Date('2024-05-01T08:00:00.000Z') };

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999_999, 1000],
    [2, 0, 1000],
    [4, 0.5, 6000],
    [7, 0.999_999, 60_000],
    [40, 0, 30_000],
    [2000, 0.5, 45_000],
  ])('GIVEN attempt %i and random %f THEN the wait is %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, POLICY, () => random)).toBe(expected);
  });
});

describe('retryUntilUp', () => {
  const transient: AttemptFailure = { reason: 'connection refused', permanent: false };

  it('GIVEN two refused attempts THEN each is one warn line with the next try, and the third succeeds', async () => {
    const log = recordingLog();
    const waits: number[] = [];
    let attempts = 0;
    const result = await retryUntilUp(
      'PostgreSQL',
      async () => (++attempts < 3 ? err(transient) : ok('connected')),
      {
        policy: POLICY,
        log,
        clock: fixedClock,
        signal: new AbortController().signal,
        random: () => 0,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(result).toEqual(ok('connected'));
    expect(waits).toEqual([500, 1000]);
    expect(log.lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'PostgreSQL: connection refused; attempt 1 failed, next try at 2024-05-01T08:00:00.500Z'],
      ['warn', 'PostgreSQL: connection refused; attempt 2 failed, next try at 2024-05-01T08:00:01.000Z'],
    ]);
  });

  it('GIVEN a permanent failure THEN it is returned at once, without a retry or a warn line', async () => {
    const log = recordingLog();
    let attempts = 0;
    const refused: AttemptFailure = { reason: 'Discord refused the token', permanent: true };
    const result = await retryUntilUp(
      'Discord',
      async () => {
        attempts++;
        return err(refused);
      },
      { policy: POLICY, log, clock: fixedClock, signal: new AbortController().signal },
    );
    expect(result).toEqual(err(refused));
    expect(attempts).toBe(1);
    expect(log.lines).toEqual([]);
  });

  it('GIVEN a stop during the wait THEN the loop ends without another attempt', async () => {
    const stop = new AbortController();
    let attempts = 0;
    const result = await retryUntilUp(
      'Slack',
      async () => {
        attempts++;
        return err(transient);
      },
      {
        policy: POLICY,
        log: recordingLog(),
        clock: fixedClock,
        signal: stop.signal,
        sleep: async () => stop.abort(),
      },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && 'stopped' in result.error).toBe(true);
    expect(attempts).toBe(1);
  });
});

describe('ServiceParts', () => {
  it('GIVEN parts started in order THEN they stop in reverse, a failing stop is logged and the rest still stop', async () => {
    const stopped: string[] = [];
    const log = recordingLog();
    const parts = new ServiceParts();
    for (const name of ['store', 'discord', 'scheduler']) {
      parts.add({
        name,
        stop: async () => {
          stopped.push(name);
          if (name === 'discord') throw new Error('gateway gone');
        },
      });
    }
    expect(parts.unfinished()).toEqual(['scheduler', 'discord', 'store']);
    await parts.stopAll(log);
    expect(stopped).toEqual(['scheduler', 'discord', 'store']);
    expect(parts.unfinished()).toEqual([]);
    expect(log.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([
      'discord: stop failed',
    ]);
  });

  it('GIVEN a part that still holds work THEN the unfinished list says what', () => {
    const parts = new ServiceParts();
    parts.add({ name: 'scheduler', stop: async () => undefined, pending: () => '2 posts in flight' });
    expect(parts.unfinished()).toEqual(['scheduler (2 posts in flight)']);
  });
});

describe('createStopSwitch', () => {
  function harness() {
    const log = recordingLog();
    const exits: number[] = [];
    let fireGrace: () => void = () => undefined;
    const graceTimers: number[] = [];
    const stopSwitch = createStopSwitch({
      graceMs: 10_000,
      log,
      unfinished: () => ['discord (reconnecting)'],
      exit: (code) => exits.push(code),
      startTimer: (ms, onTimeout) => {
        graceTimers.push(ms);
        fireGrace = onTimeout;
      },
    });
    const process = new EventEmitter();
    stopOnSignals(process, stopSwitch);
    return { log, exits, graceTimers, stopSwitch, process, fireGrace: () => fireGrace() };
  }

  it('GIVEN SIGTERM THEN the stop is requested once and the grace timer starts; nothing exits yet', async () => {
    const { stopSwitch, process, exits, graceTimers } = harness();
    process.emit('SIGTERM');
    expect(await stopSwitch.requested).toBe('SIGTERM');
    expect(stopSwitch.signal.aborted).toBe(true);
    expect(graceTimers).toEqual([10_000]);
    expect(exits).toEqual([]);
  });

  it('GIVEN a stop past its grace period THEN what was abandoned is logged and it exits 1', () => {
    const { process, exits, log, fireGrace } = harness();
    process.emit('SIGINT');
    fireGrace();
    expect(exits).toEqual([1]);
    const line = log.lines.find((entry) => entry.level === 'error');
    expect(line?.message).toContain('abandoned: discord (reconnecting)');
  });

  it('GIVEN a second signal THEN it exits at once with 128 + the signal', () => {
    const { process, exits } = harness();
    process.emit('SIGTERM');
    process.emit('SIGTERM');
    expect(exits).toEqual([143]);
  });

  it('GIVEN the console ended and then a signal came THEN the signal exits at once', () => {
    const { stopSwitch, process, exits } = harness();
    stopSwitch.request('end of console input');
    stopSwitch.request('end of console input');
    expect(exits).toEqual([]);
    process.emit('SIGINT');
    expect(exits).toEqual([130]);
  });
});

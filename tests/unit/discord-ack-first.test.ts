import { describe, expect, it } from 'vitest';
import { AcknowledgementsFirst } from '../../src/platforms/discord/ack-first.ts';

/** A deferral the test completes by hand. */
function manualAck() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { send: () => done, finish };
}

describe('AcknowledgementsFirst', () => {
  it('GIVEN no deferral in flight THEN an answer goes ahead at once', async () => {
    const acks = new AcknowledgementsFirst(1_000);
    const started = performance.now();
    await acks.settled();
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('GIVEN two deferrals in flight THEN answers wait until both are sent', async () => {
    const acks = new AcknowledgementsFirst(5_000);
    const first = manualAck();
    const second = manualAck();
    const events: string[] = [];
    void acks.acknowledge(first.send).then(() => events.push('ack 1'));
    void acks.acknowledge(second.send).then(() => events.push('ack 2'));
    const answer = acks.settled().then(() => events.push('answer'));
    first.finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['ack 1']);
    second.finish();
    await answer;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(new Set(events)).toEqual(new Set(['ack 1', 'ack 2', 'answer']));
  });

  it('GIVEN a deferral that never finishes THEN answers go ahead after the bound', async () => {
    const acks = new AcknowledgementsFirst(30);
    void acks.acknowledge(() => new Promise<void>(() => undefined));
    const started = performance.now();
    await acks.settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('GIVEN a deferral that fails THEN it no longer holds answers back', async () => {
    const acks = new AcknowledgementsFirst(5_000);
    await expect(acks.acknowledge(() => Promise.reject(new Error('interaction expired')))).rejects.toThrow();
    const started = performance.now();
    await acks.settled();
    expect(performance.now() - started).toBeLessThan(50);
  });
});

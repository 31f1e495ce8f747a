import { afterEach, describe, expect, it } from 'vitest';
import type {
  DeliveryLog,
  PostOutcome,
  SourceOwner,
  Subscription,
  SubscriptionOptions,
} from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import type { Timers } from '../../src/scheduler/post-queue.ts';
import {
  createScheduler,
  type Scheduler,
  type SchedulerDeps,
  type SchedulerSettings,
} from '../../src/scheduler/scheduler.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import {
  FakeClock,
  ManualTicker,
  RecordingChannel,
  RecordingLog,
  VirtualTimers,
} from '../fixtures/scheduler-fakes.ts';
import { articleCopy } from '../fixtures/store-articles.ts';

const MINUTE = 60_000;
const TRANSIENT: PostOutcome = { ok: false, permanent: false, reason: 'Slack HTTP 503' };

/** One in-memory SQLite store, a fake clock and a recording Slack channel; schedulers made on demand. */
async function setup(startIso: string) {
  const clock = new FakeClock(startIso);
  const opened = await openStore(':memory:', { now: () => clock.now() });
  if (!opened.ok) throw new Error(opened.error);
  const store: Store = opened.value;
  const timers = new VirtualTimers();
  const slack = new RecordingChannel('slack', timers);
  const log = new RecordingLog();
  const running: Scheduler[] = [];
  const scheduler = (
    instanceId = 'instance-a',
    options: {
      settings?: Partial<SchedulerSettings>;
      timers?: Timers;
      ticker?: ManualTicker;
      deliveries?: DeliveryLog;
      channel?: RecordingChannel;
      metrics?: SchedulerDeps['metrics'];
    } = {},
  ) => {
    const created = createScheduler({
      subscriptions: store,
      deliveries: options.deliveries ?? store,
      articles: store,
      channels: { slack: options.channel ?? slack },
      clock,
      instanceId,
      logger: log,
      timers: options.timers ?? timers,
      ticker: options.ticker ?? new ManualTicker(),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    running.push(created);
    return created;
  };
  const subscribe = async (
    cron: string,
    timezone: string,
    options: SubscriptionOptions = {},
    channelId = 'C1',
  ) =>
    (
      await store.addSubscription({
        platform: 'slack',
        workspaceId: 'T1',
        channelId,
        cron,
        timezone,
        options,
        createdBy: 'U1',
      })
    ).subscription;
  let copies = 0;
  const ingest = async (count = 1, owner: SourceOwner = GLOBAL_OWNER) => {
    for (let i = 0; i < count; i++) {
      const { article, analysis } = articleCopy(++copies);
      await store.saveArticle(article, analysis, 1, [owner]);
    }
  };
  const close = async () => {
    for (const s of running) await s.stop();
    await store.close();
  };
  return { clock, store, timers, slack, log, scheduler, subscribe, ingest, close };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let current: Setup | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});
async function given(startIso: string): Promise<Setup> {
  current = await setup(startIso);
  return current;
}

/** Runs the scheduler once a minute from the clock's time to `untilIso`; the times a post went out. */
async function minuteByMinute(t: Setup, scheduler: Scheduler, untilIso: string): Promise<string[]> {
  const postedAt: string[] = [];
  while (t.clock.now().getTime() < Date.parse(untilIso)) {
    t.clock.advance(MINUTE);
    const before = t.slack.posts.length;
    await scheduler.runDue();
    if (t.slack.posts.length > before) postedAt.push(t.clock.now().toISOString());
  }
  return postedAt;
}

/** Every article a posted digest covers: each story's own and its "also reported by", sorted. */
function digestIds(t: Setup, index: number): string[] {
  const message = t.slack.posts[index]?.message;
  if (message?.kind !== 'digest') return [];
  return message.digest.items
    .flatMap((item) => [item.articleId, ...item.alsoReportedBy.map((other) => other.articleId)])
    .sort();
}

describe('scheduler: DST in the subscription time zone', () => {
  it.each([
    {
      change: 'spring forward (Berlin, 2024-03-31; 02:30 does not exist)',
      created: '2024-03-30T12:00:00Z',
      from: '2024-03-30T22:00:00Z',
      until: '2024-03-31T03:00:00Z',
      // The rule: read with the offset before the jump, so 03:30 CEST = 01:30 UTC, once.
      expected: ['2024-03-31T01:30:00.000Z'],
    },
    {
      change: 'fall back (Berlin, 2024-10-27; 02:30 happens twice)',
      created: '2024-10-26T12:00:00Z',
      from: '2024-10-26T22:00:00Z',
      until: '2024-10-27T03:00:00Z',
      // The first occurrence (02:30 CEST = 00:30 UTC) only.
      expected: ['2024-10-27T00:30:00.000Z'],
    },
  ])(
    'GIVEN a 02:30 daily digest and the $change THEN it is posted once, at $expected',
    async ({ created, from, until, expected }) => {
      const t = await given(created);
      const subscription = await t.subscribe('30 2 * * *', 'Europe/Berlin', { postWhenEmpty: true });
      t.clock.set(from);
      const scheduler = t.scheduler();
      await scheduler.start();
      expect(await minuteByMinute(t, scheduler, until)).toEqual(expected);
      expect((await t.store.lastSlot(subscription.id))?.slot).toBe(expected[0]);
    },
  );
});

describe('scheduler: restarts', () => {
  it('GIVEN the bot was down across the 8:00 slot THEN the next start posts it once, and a later start does not', async () => {
    const t = await given('2024-05-01T05:00:00Z');
    const subscription = await t.subscribe('0 8 * * *', 'Europe/Berlin');
    await t.ingest(2);
    const first = t.scheduler();
    await first.start();
    t.clock.set('2024-05-01T05:59:00Z');
    await first.runDue();
    await first.stop();
    expect(t.slack.posts).toHaveLength(0);

    t.clock.set('2024-05-01T06:20:00Z');
    await t.scheduler().start();
    expect(t.slack.posts).toHaveLength(1);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({
      slot: '2024-05-01T06:00:00.000Z',
      status: 'completed',
      articleCount: 2,
    });

    t.clock.set('2024-05-01T06:30:00Z');
    await t.scheduler('instance-b').start();
    expect(t.slack.posts).toHaveLength(1);
  });

  it('GIVEN the bot was down for three days THEN only the latest missed slot is posted', async () => {
    const t = await given('2024-05-01T05:00:00Z');
    const subscription = await t.subscribe('0 8 * * *', 'Europe/Berlin');
    await t.ingest(1);
    t.clock.set('2024-05-04T09:00:00Z');
    await t.scheduler().start();
    expect(t.slack.posts).toHaveLength(1);
    expect((await t.store.lastSlot(subscription.id))?.slot).toBe('2024-05-04T06:00:00.000Z');
  });

  it('GIVEN a subscription made after the day’s slot THEN the start-up does not post that slot', async () => {
    const t = await given('2024-05-01T06:30:00Z');
    await t.subscribe('0 8 * * *', 'Europe/Berlin');
    await t.ingest(1);
    await t.scheduler().start();
    expect(t.slack.posts).toHaveLength(0);
  });

  it('GIVEN its own claim left unfinished by a crash THEN the restarted instance delivers and records it', async () => {
    const t = await given('2024-05-01T05:00:00Z');
    const subscription = await t.subscribe('0 8 * * *', 'Europe/Berlin');
    await t.ingest(1);
    t.clock.set('2024-05-01T06:00:01Z');
    expect(await t.store.claimSlot(subscription.id, '2024-05-01T06:00:00.000Z', 'instance-a')).toBe(
      'claimed',
    );
    t.clock.set('2024-05-01T06:01:00Z');
    await t.scheduler('instance-a').start();
    expect(t.slack.posts).toHaveLength(1);
    expect(await t.store.unfinishedClaims()).toEqual([]);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'completed', articleCount: 1 });
  });

  it.each([
    {
      age: '20 min',
      at: '2024-05-01T06:20:01Z',
      status: 'failed',
      error: /^abandoned by instance instance-b/,
    },
    { age: '5 min', at: '2024-05-01T06:05:01Z', status: 'claimed', error: null },
  ])(
    'GIVEN another instance’s claim $age old THEN it is $status and not posted',
    async ({ at, status, error }) => {
      const t = await given('2024-05-01T05:00:00Z');
      const subscription = await t.subscribe('0 8 * * *', 'Europe/Berlin');
      await t.ingest(1);
      t.clock.set('2024-05-01T06:00:01Z');
      await t.store.claimSlot(subscription.id, '2024-05-01T06:00:00.000Z', 'instance-b');
      t.clock.set(at);
      await t.scheduler('instance-a').start();
      expect(t.slack.posts).toHaveLength(0);
      const slot = await t.store.lastSlot(subscription.id);
      expect(slot?.status).toBe(status);
      if (error) expect(slot?.error).toMatch(error);
    },
  );
});

describe('scheduler: what a slot posts', () => {
  it('GIVEN a new subscription THEN the first slot posts the stored story, the next only what came in since', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(3);
    await t.subscribe('0 * * * *', 'UTC', { articles: 2 });
    const scheduler = t.scheduler();
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    await scheduler.runDue();
    // Three copies of one story are one story.
    expect(digestIds(t, 0)).toEqual(['copy-1', 'copy-2', 'copy-3']);
    await t.ingest(1);
    t.clock.set('2024-05-01T07:00:00Z');
    await scheduler.runDue();
    expect(digestIds(t, 1)).toEqual(['copy-4']);
  });

  it('GIVEN no new articles THEN nothing is posted and the slot is completed with the same cursor', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const scheduler = t.scheduler();
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    await scheduler.runDue();
    t.clock.set('2024-05-01T07:00:00Z');
    expect(await scheduler.runDue()).toMatchObject({ posted: 0, empty: 1 });
    expect(t.slack.posts).toHaveLength(1);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({
      slot: '2024-05-01T07:00:00.000Z',
      status: 'completed',
      cursor: 1,
      articleCount: 0,
    });
  });

  it('GIVEN many subscriptions on a few schedules THEN one minute timer serves them all', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    for (let n = 0; n < 30; n++)
      await t.subscribe(['0 * * * *', '30 * * * *', '0 8 * * *'][n % 3] ?? '', 'UTC', {}, `C${n}`);
    const ticker = new ManualTicker();
    const scheduler = t.scheduler('instance-a', { ticker });
    await scheduler.start();
    expect(ticker.starts).toBe(1);
    t.clock.set('2024-05-01T05:30:00Z');
    expect(await scheduler.runDue()).toMatchObject({ posted: 10 });
    t.clock.set('2024-05-01T06:00:00Z');
    ticker.tick();
    for (let turns = 0; t.slack.posts.length < 20 && turns < 1000; turns++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(t.slack.posts).toHaveLength(20);
    await scheduler.stop();
    expect(ticker.running).toBe(false);
  });
});

describe('scheduler: platform errors', () => {
  async function oneDueSlot(answers: (PostOutcome | 'throw')[]) {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    t.slack.answers.push(...answers);
    const scheduler = t.scheduler();
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    const tally = await scheduler.runDue();
    return { t, subscription, scheduler, tally };
  }

  it('GIVEN two transient failures THEN the post is retried with doubling waits and delivered', async () => {
    const { t, subscription, tally } = await oneDueSlot([TRANSIENT, 'throw']);
    expect(tally).toMatchObject({ posted: 1 });
    expect(t.slack.posts).toHaveLength(3);
    expect(t.timers.sleeps).toEqual([2000, 4000]);
    expect((await t.store.lastSlot(subscription.id))?.status).toBe('completed');
  });

  it('GIVEN a transient failure, then a delivery, and a deleted channel THEN the metrics count claims, retry, delivery and pause', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    await t.subscribe('0 * * * *', 'UTC', {}, 'C1');
    await t.subscribe('0 * * * *', 'UTC', {}, 'C2');
    const counted: string[] = [];
    const scheduler = t.scheduler('instance-a', {
      metrics: {
        slotClaimed: (platform) => counted.push(`claimed ${platform}`),
        postFinished: (platform, outcome) => counted.push(`${outcome} ${platform}`),
      },
    });
    t.slack.answers.push(
      TRANSIENT,
      { ok: true },
      { ok: false, permanent: true, reason: 'channel_not_found' },
    );
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    expect(await scheduler.runDue()).toMatchObject({ posted: 1, paused: 1 });
    expect(counted.sort()).toEqual([
      'claimed slack',
      'claimed slack',
      'delivered slack',
      'paused slack',
      'retried slack',
    ]);
  });

  it('GIVEN a rate limit with retry-after 7 s THEN the retry waits 7 s', async () => {
    const { t } = await oneDueSlot([{ ...TRANSIENT, reason: 'Slack ratelimited', retryAfterMs: 7000 }]);
    expect(t.timers.sleeps).toEqual([7000]);
    expect(t.slack.delivered).toHaveLength(1);
  });

  it('GIVEN a deleted channel THEN the subscription is paused with the reason and the slot failed, with no retry', async () => {
    const reason = 'Slack channel_not_found: the channel was deleted, or newsdesk cannot see it';
    const { t, subscription, scheduler, tally } = await oneDueSlot([
      { ok: false, permanent: true, reason },
      { ok: false, permanent: true, reason },
    ]);
    expect(tally).toMatchObject({ paused: 1 });
    // The digest, then the one pause notice (which fails too, so only the log has it).
    expect(t.slack.posts).toHaveLength(2);
    expect(t.slack.posts[1]?.message).toEqual({ kind: 'text', text: expect.stringContaining(reason) });
    expect((await t.store.getSubscription(subscription.id))?.pausedReason).toBe(reason);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'failed', error: reason });
    t.clock.set('2024-05-01T07:00:00Z');
    await scheduler.runDue();
    expect(t.slack.posts).toHaveLength(2);
  });

  it('GIVEN a permission the digest needs is missing but a plain notice gets through THEN the channel is told how to resume', async () => {
    const reason = 'Discord 403 (50013): newsdesk lacks a permission there';
    const { t, subscription, tally } = await oneDueSlot([{ ok: false, permanent: true, reason }]);
    expect(tally).toMatchObject({ paused: 1 });
    expect(t.slack.delivered.map((post) => post.message)).toEqual([
      {
        kind: 'text',
        text: `newsdesk paused this channel's digest subscription ${subscription.id} ("0 * * * *", UTC): ${reason}. When that is fixed, someone who may manage the channel can run /newsdesk resume ${subscription.id} to resume it.`,
      },
    ]);
  });

  it('GIVEN failures on every attempt THEN the slot fails after 5 and the next slot carries its articles', async () => {
    const { t, subscription, scheduler, tally } = await oneDueSlot(Array(5).fill(TRANSIENT));
    expect(tally).toMatchObject({ failed: 1 });
    expect(t.timers.sleeps).toEqual([2000, 4000, 8000, 16000]);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({
      status: 'failed',
      error: 'Slack HTTP 503 (gave up after 5 attempts)',
    });
    const active: Subscription | undefined = await t.store.getSubscription(subscription.id);
    expect(active?.pausedReason).toBeNull();
    t.clock.set('2024-05-01T07:00:00Z');
    await scheduler.runDue();
    expect(t.slack.delivered).toHaveLength(1);
    expect(digestIds(t, 5)).toEqual(['copy-1']);
  });
});

describe('scheduler: graceful stop', () => {
  it('GIVEN a post in flight WHEN stopping THEN stop waits for it and its slot is recorded', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const scheduler = t.scheduler();
    await scheduler.start();
    t.slack.closeGate();
    t.clock.set('2024-05-01T06:00:00Z');
    const run = scheduler.runDue();
    while (t.slack.posts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    t.slack.openGate();
    await stopping;
    expect(await run).toMatchObject({ posted: 1 });
    expect((await t.store.lastSlot(subscription.id))?.status).toBe('completed');
  });

  it('GIVEN a retry waiting WHEN stopping THEN the wait ends, the claim is handed back and the next start posts it', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    // Waits that only an abort ends: the retry would otherwise sleep past the stop.
    const stuck: Timers = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    };
    const scheduler = t.scheduler('instance-a', { timers: stuck });
    await scheduler.start();
    t.slack.answers.push(TRANSIENT);
    t.clock.set('2024-05-01T06:00:00Z');
    const run = scheduler.runDue();
    while (t.slack.posts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await scheduler.stop();
    expect(await run).toMatchObject({ failed: 0, 'handed-back': 1 });
    // The failed attempt reached the platform: the slot stays posting, its articles fixed.
    expect(await t.store.unfinishedClaims()).toMatchObject([
      {
        subscriptionId: subscription.id,
        slot: '2024-05-01T06:00:00.000Z',
        instanceId: 'instance-a',
        status: 'posting',
        cursor: 1,
      },
    ]);

    const restarted = t.scheduler('instance-a');
    await restarted.start();
    await restarted.stop();
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'completed' });
    expect(t.slack.delivered).toHaveLength(1);
    expect(t.slack.delivered[0]?.delivery?.resume).toBe(true);
  });

  it('GIVEN a post the platform took but whose answer was lost WHEN stopping during its retry wait THEN the next start finds it and posts nothing again', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const stuck: Timers = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    };
    // The platform posts it, then the answer is lost: the channel records a delivery and says 503.
    let answersLost = 1;
    const lossy = Object.assign(new RecordingChannel('slack', t.timers), {
      async post(...args: Parameters<RecordingChannel['post']>): Promise<PostOutcome> {
        const outcome = await RecordingChannel.prototype.post.apply(lossy, args);
        return answersLost-- > 0 ? TRANSIENT : outcome;
      },
    });
    const scheduler = t.scheduler('instance-a', { timers: stuck, channel: lossy });
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    const run = scheduler.runDue();
    while (lossy.posts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await scheduler.stop();
    expect(await run).toMatchObject({ 'handed-back': 1 });

    t.clock.set('2024-05-01T06:05:00Z');
    const restarted = t.scheduler('instance-a', { channel: lossy });
    await restarted.start();
    await restarted.stop();
    expect(lossy.delivered).toHaveLength(1);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'completed', cursor: 1 });
    expect((await t.store.lastSlot(subscription.id))?.error).toMatch(/already posted/);
  });

  it('GIVEN a platform not connected yet WHEN stopping during the retry wait THEN the slot goes back to claimed, as nothing can have been posted', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const stuck: Timers = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    };
    const scheduler = t.scheduler('instance-a', { timers: stuck });
    await scheduler.start();
    t.slack.answers.push({ ...TRANSIENT, reason: 'Slack is not connected (starting)', notSent: true });
    t.clock.set('2024-05-01T06:00:00Z');
    const run = scheduler.runDue();
    while (t.slack.posts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await scheduler.stop();
    expect(await run).toMatchObject({ 'handed-back': 1 });
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'claimed', cursor: null });
  });

  it('GIVEN a post still waiting for its channel’s turn WHEN stopping THEN its slot goes back to claimed and a start past the nonce window posts it afresh', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const first = await t.subscribe('0 * * * *', 'UTC');
    const second = await t.subscribe('0 6 * * *', 'UTC');
    const scheduler = t.scheduler('instance-a');
    await scheduler.start();
    t.slack.closeGate();
    t.clock.set('2024-05-01T06:00:00Z');
    const run = scheduler.runDue();
    // One post held by the platform; the other, in the same channel, waits behind it.
    while (t.slack.posts.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const stopping = scheduler.stop();
    t.slack.openGate();
    await stopping;
    expect(await run).toMatchObject({ posted: 1, 'handed-back': 1 });
    expect(t.slack.posts).toHaveLength(1);
    const waiting = t.slack.posts[0]?.delivery?.key.startsWith(first.id) ? second : first;
    expect(await t.store.lastSlot(waiting.id)).toMatchObject({
      status: 'claimed',
      cursor: null,
      attemptedAt: null,
    });

    // Discord recognises a repeat for two minutes only; a posting slot would be recorded unposted.
    const discordLike = Object.assign(new RecordingChannel('slack', t.timers), {
      repeatWindowMs: 2 * MINUTE,
    });
    t.clock.set('2024-05-01T06:30:00Z');
    const restarted = t.scheduler('instance-a', { channel: discordLike });
    await restarted.start();
    await restarted.stop();
    expect(discordLike.delivered).toHaveLength(1);
    expect(discordLike.delivered[0]?.delivery).toMatchObject({
      resume: false,
      since: '2024-05-01T06:30:00.000Z',
    });
    expect(await t.store.lastSlot(waiting.id)).toMatchObject({ status: 'completed', cursor: 1, error: null });
  });
});

/** The store as a delivery log whose `completeSlot` throws the first `failures` times, as a dropped connection would. */
function flakyRecords(store: Store, failures: number): DeliveryLog & { attempts: number } {
  let left = failures;
  const log = {
    attempts: 0,
    claimSlot: store.claimSlot.bind(store),
    beginPosting: store.beginPosting.bind(store),
    handBackSlot: store.handBackSlot.bind(store),
    reassignClaim: store.reassignClaim.bind(store),
    failSlot: store.failSlot.bind(store),
    lastDeliveredCursor: store.lastDeliveredCursor.bind(store),
    lastSlot: store.lastSlot.bind(store),
    unfinishedClaims: store.unfinishedClaims.bind(store),
    async completeSlot(...args: Parameters<DeliveryLog['completeSlot']>) {
      log.attempts++;
      if (left-- > 0)
        throw Object.assign(new Error('the database is unreachable for now'), { retryable: true });
      return store.completeSlot(...args);
    },
  };
  return log;
}

describe('scheduler: exactly once when recording fails or the process dies', () => {
  it('GIVEN recording a delivered slot fails three times THEN it is retried until written, and the next slot posts nothing again', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(2);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const deliveries = flakyRecords(t.store, 3);
    const scheduler = t.scheduler('instance-a', { deliveries });
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    expect(await scheduler.runDue()).toMatchObject({ posted: 1, failed: 0 });
    expect(deliveries.attempts).toBe(4);
    expect(t.timers.sleeps).toEqual([1000, 2000, 4000]);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'completed', articleCount: 2 });
    t.clock.set('2024-05-01T07:00:00Z');
    expect(await scheduler.runDue()).toMatchObject({ posted: 0, empty: 1 });
    expect(t.slack.posts).toHaveLength(1);
  });

  it('GIVEN the store stays away until shutdown after a post THEN the slot stays posting, never failed, and the next start finishes it without posting again', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    const stuck: Timers = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    };
    const first = t.scheduler('instance-a', { deliveries: flakyRecords(t.store, 1_000), timers: stuck });
    await first.start();
    t.clock.set('2024-05-01T06:00:00Z');
    const run = first.runDue();
    while (t.slack.delivered.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await first.stop();
    await run;
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'posting', cursor: 1 });

    t.clock.set('2024-05-01T06:02:00Z');
    await t.scheduler('instance-a').start();
    expect(t.slack.delivered).toHaveLength(1);
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({ status: 'completed', cursor: 1 });
    expect((await t.store.lastSlot(subscription.id))?.error).toMatch(/already posted/);
  });

  it.each([
    {
      platform: 'that can look it up (Slack history)',
      window: Number.POSITIVE_INFINITY,
      restart: '06:30',
      note: /already posted/,
    },
    {
      platform: 'within its nonce window (Discord)',
      window: 2 * MINUTE,
      restart: '06:01',
      note: /already posted/,
    },
    {
      platform: 'past its nonce window (Discord)',
      window: 2 * MINUTE,
      restart: '06:30',
      note: /can no longer tell/,
    },
  ])(
    'GIVEN a crash after the platform took a post and before the record, on a platform $platform THEN the restart posts it no second time',
    async ({ window, restart, note }) => {
      const t = await given('2024-05-01T05:10:00Z');
      await t.ingest(2);
      const subscription = await t.subscribe('0 * * * *', 'UTC');
      const channel = Object.assign(new RecordingChannel('slack', t.timers), { repeatWindowMs: window });
      // What the crashed process left: the slot posting, the platform holding the post.
      t.clock.set('2024-05-01T06:00:01Z');
      await t.store.claimSlot(subscription.id, '2024-05-01T06:00:00Z', 'instance-a');
      await t.store.beginPosting(subscription.id, '2024-05-01T06:00:00Z', { cursor: 2, articleCount: 2 });
      const key = `${subscription.id}@2024-05-01T06:00:00.000Z`;
      await channel.post(
        subscription,
        { kind: 'text', text: 'digest' },
        { key, since: '2024-05-01T06:00:01.000Z', resume: false },
      );

      t.clock.set(`2024-05-01T${restart}:00Z`);
      await t.scheduler('instance-a', { channel }).start();
      expect(channel.delivered).toHaveLength(1);
      const slot = await t.store.lastSlot(subscription.id);
      expect(slot).toMatchObject({ status: 'completed', cursor: 2, articleCount: 2 });
      expect(slot?.error).toMatch(note);
      await t.ingest(1);
      t.clock.set('2024-05-01T07:00:00Z');
      await t.scheduler('instance-b', { channel }).runDue();
      expect(channel.delivered.map((post) => post.delivery?.key)).toEqual([
        key,
        `${subscription.id}@2024-05-01T07:00:00.000Z`,
      ]);
    },
  );

  it('GIVEN a crash before anything was posted THEN the restart posts the slot once', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    t.clock.set('2024-05-01T06:00:01Z');
    await t.store.claimSlot(subscription.id, '2024-05-01T06:00:00Z', 'instance-a');
    await t.store.beginPosting(subscription.id, '2024-05-01T06:00:00Z', { cursor: 1, articleCount: 1 });
    t.clock.set('2024-05-01T06:05:00Z');
    await t.scheduler('instance-a').start();
    expect(t.slack.delivered).toHaveLength(1);
    expect(t.slack.delivered[0]?.delivery).toMatchObject({ resume: true, since: '2024-05-01T06:00:01.000Z' });
    expect(await t.store.lastSlot(subscription.id)).toMatchObject({
      status: 'completed',
      cursor: 1,
      error: null,
    });
  });

  it('GIVEN another instance gone for 20 minutes mid-post THEN one instance takes its slot over and finishes it once', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    const subscription = await t.subscribe('0 * * * *', 'UTC');
    t.clock.set('2024-05-01T06:00:01Z');
    await t.store.claimSlot(subscription.id, '2024-05-01T06:00:00Z', 'instance-gone');
    await t.store.beginPosting(subscription.id, '2024-05-01T06:00:00Z', { cursor: 1, articleCount: 1 });
    await t.slack.post(
      subscription,
      { kind: 'text', text: 'digest' },
      {
        key: `${subscription.id}@2024-05-01T06:00:00.000Z`,
        since: '2024-05-01T06:00:02.000Z',
        resume: false,
      },
    );
    t.clock.set('2024-05-01T06:20:01Z');
    await Promise.all([t.scheduler('instance-a').start(), t.scheduler('instance-b').start()]);
    expect(t.slack.delivered).toHaveLength(1);
    const slot = await t.store.lastSlot(subscription.id);
    expect(slot).toMatchObject({ status: 'completed', cursor: 1 });
    expect(['instance-a', 'instance-b']).toContain(slot?.instanceId);
  });
});

describe('scheduler: tenants', () => {
  it('GIVEN articles of two workspaces and global ones THEN each workspace’s subscription posts global and its own only', async () => {
    const t = await given('2024-05-01T05:10:00Z');
    await t.ingest(1);
    await t.ingest(1, 'slack:T1');
    await t.ingest(1, 'slack:T2');
    await t.subscribe('0 * * * *', 'UTC', {}, 'C1');
    await t.store.addSubscription({
      platform: 'slack',
      workspaceId: 'T2',
      channelId: 'C2',
      cron: '0 * * * *',
      timezone: 'UTC',
      createdBy: 'U2',
    });
    const scheduler = t.scheduler();
    await scheduler.start();
    t.clock.set('2024-05-01T06:00:00Z');
    await scheduler.runDue();
    const posted = (channelId: string) => {
      const post = t.slack.posts.find((entry) => entry.channel.channelId === channelId);
      return post?.message.kind === 'digest'
        ? post.message.digest.items
            .flatMap((item) => [item.articleId, ...item.alsoReportedBy.map((other) => other.articleId)])
            .sort()
        : [];
    };
    expect(posted('C1')).toEqual(['copy-1', 'copy-2']);
    expect(posted('C2')).toEqual(['copy-1', 'copy-3']);
  });
});

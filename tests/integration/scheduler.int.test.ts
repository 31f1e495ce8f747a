import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { compileSchedule, slotsBetween } from '../../src/core/schedule/slots.ts';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { FakeClock, ManualTicker, RecordingChannel, VirtualTimers } from '../fixtures/scheduler-fakes.ts';
import { articleCopy } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const engines = await storeEngines('two-scheduler test', 'SQLite (one file, two connections)');

const START = '2024-10-27T00:00:00.000Z';
const MINUTES = 150;
/** Schedules in three time zones; the Berlin ones run across the fall-back change (01:00 UTC). */
const SCHEDULES = [
  { cron: '*/5 * * * *', timezone: 'Europe/Berlin' },
  { cron: '30 2 * * *', timezone: 'Europe/Berlin' },
  { cron: '*/15 * * * *', timezone: 'America/New_York' },
  { cron: '0 * * * *', timezone: 'Asia/Kolkata' },
];
const SUBSCRIPTIONS = 24;

describe.each(engines)('$name: two scheduler instances on one database', ({ databases }) => {
  afterAll(() => databases.dropAll());

  it('GIVEN two instances ticking at once, one of them restarting THEN every slot is posted exactly once', async () => {
    const clock = new FakeClock('2024-10-26T23:50:00.000Z');
    const url = await databases.fresh();
    const stores: Store[] = [];
    const open = async () => {
      const opened = await openStore(url, { now: () => clock.now() });
      if (!opened.ok) throw new Error(opened.error);
      stores.push(opened.value);
      return opened.value;
    };
    const timers = new VirtualTimers();
    const channels = {
      'instance-a': new RecordingChannel('slack', timers),
      'instance-b': new RecordingChannel('slack', timers),
    };
    const instance = (store: Store, instanceId: 'instance-a' | 'instance-b'): Scheduler =>
      createScheduler({
        subscriptions: store,
        deliveries: store,
        articles: store,
        channels: { slack: channels[instanceId] },
        clock,
        instanceId,
        timers,
        ticker: new ManualTicker(),
      });
    try {
      const storeA = await open();
      const storeB = await open();
      for (let n = 0; n < SUBSCRIPTIONS; n++) {
        const schedule = SCHEDULES[n % SCHEDULES.length];
        if (!schedule) throw new Error('no schedule');
        await storeA.addSubscription({
          platform: 'slack',
          workspaceId: 'T1',
          channelId: `C${n}`,
          ...schedule,
          options: { postWhenEmpty: true },
          createdBy: 'U1',
        });
      }
      await storeA.saveArticle(articleCopy(0).article, articleCopy(0).analysis, 1, [GLOBAL_OWNER]);
      clock.set(START);
      let a: Scheduler | undefined = instance(storeA, 'instance-a');
      const b = instance(storeB, 'instance-b');
      await Promise.all([a.start(), b.start()]);

      for (let minute = 1; minute <= MINUTES; minute++) {
        clock.advance(60_000);
        if (minute % 20 === 0)
          await storeB.saveArticle(articleCopy(minute).article, articleCopy(minute).analysis, 1, [
            GLOBAL_OWNER,
          ]);
        // Instance A goes down for 20 minutes and comes back (with the same id) while B runs on.
        if (minute === 60) {
          await a?.stop();
          a = undefined;
        }
        if (minute === 80) {
          a = instance(storeA, 'instance-a');
          await Promise.all([a.start(), b.runDue()]);
          continue;
        }
        await Promise.all([a?.runDue(), b.runDue()]);
      }
      await Promise.all([a?.stop(), b.stop()]);

      const end = new Date(Date.parse(START) + MINUTES * 60_000);
      const perChannel = new Map<string, number>();
      const posts = [...channels['instance-a'].posts, ...channels['instance-b'].posts];
      for (const post of posts) {
        perChannel.set(post.channel.channelId, (perChannel.get(post.channel.channelId) ?? 0) + 1);
      }
      const expected = new Map<string, number>();
      for (let n = 0; n < SUBSCRIPTIONS; n++) {
        const schedule = SCHEDULES[n % SCHEDULES.length];
        if (!schedule) throw new Error('no schedule');
        const compiled = compileSchedule(schedule.cron, schedule.timezone);
        if (!compiled.ok) throw new Error(compiled.error);
        // The start-up catch-up covers the slot at START itself, then every slot up to the end.
        expected.set(`C${n}`, slotsBetween(compiled.value, new Date(Date.parse(START) - 1), end).length);
      }
      expect(Object.fromEntries(perChannel)).toEqual(Object.fromEntries(expected));
      // The 02:30 Berlin subscriptions posted once on the fall-back night, not twice.
      expect(expected.get('C1')).toBe(1);
      expect(posts).toHaveLength([...expected.values()].reduce((sum, count) => sum + count, 0));
      // Both instances won claims: the race was real.
      expect(channels['instance-a'].posts.length).toBeGreaterThan(0);
      expect(channels['instance-b'].posts.length).toBeGreaterThan(0);
      expect(await storeA.unfinishedClaims()).toEqual([]);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});

describe.each(engines)('$name: a retry that outlives its slot, across two instances', ({ databases }) => {
  afterAll(() => databases.dropAll());

  it('GIVEN A retrying a 429 (Retry-After 45 s) past the next slot WHEN B reaches that slot THEN B leaves it and every article is posted once', async () => {
    const clock = new FakeClock('2024-05-01T05:10:00.000Z');
    const url = await databases.fresh();
    const stores: Store[] = [];
    const open = async () => {
      const opened = await openStore(url, { now: () => clock.now() });
      if (!opened.ok) throw new Error(opened.error);
      stores.push(opened.value);
      return opened.value;
    };
    try {
      const storeA = await open();
      const storeB = await open();
      for (let n = 1; n <= 3; n++)
        await storeA.saveArticle(articleCopy(n).article, articleCopy(n).analysis, 1, [GLOBAL_OWNER]);
      clock.set('2024-05-01T05:59:30.000Z');
      await storeA.addSubscription({
        platform: 'slack',
        workspaceId: 'T1',
        channelId: 'C1',
        cron: '* * * * *',
        timezone: 'UTC',
        createdBy: 'U1',
      });
      const timers = new VirtualTimers();
      const slack = new RecordingChannel('slack', timers);
      slack.answers.push({ ok: false, permanent: false, reason: 'Slack ratelimited', retryAfterMs: 45_000 });
      // A's retry wait ends only once B has had its turn at the next slot.
      let endWait: () => void = () => undefined;
      const waiting = new Promise<void>((resolve) => {
        endWait = resolve;
      });
      const slowTimers = { now: () => 0, sleep: () => waiting };
      const scheduler = (store: Store, instanceId: string, own: typeof timers | typeof slowTimers) =>
        createScheduler({
          subscriptions: store,
          deliveries: store,
          articles: store,
          channels: { slack },
          clock,
          instanceId,
          timers: own,
          ticker: new ManualTicker(),
        });
      const a = scheduler(storeA, 'instance-a', slowTimers);
      const b = scheduler(storeB, 'instance-b', timers);
      await Promise.all([a.start(), b.start()]);

      clock.set('2024-05-01T06:00:00.000Z');
      const runA = a.runDue();
      while (slack.posts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      clock.set('2024-05-01T06:01:00.000Z');
      expect(await b.runDue()).toMatchObject({ skipped: 1, posted: 0 });
      endWait();
      expect(await runA).toMatchObject({ posted: 1 });
      clock.set('2024-05-01T06:02:00.000Z');
      await storeB.saveArticle(articleCopy(4).article, articleCopy(4).analysis, 1, [GLOBAL_OWNER]);
      await Promise.all([a.runDue(), b.runDue()]);
      await Promise.all([a.stop(), b.stop()]);

      const posted = slack.delivered.flatMap((post) =>
        post.message.kind === 'digest'
          ? post.message.digest.items.flatMap((item) => [
              item.articleId,
              ...item.alsoReportedBy.map((other) => other.articleId),
            ])
          : [],
      );
      expect(posted.sort()).toEqual(['copy-1', 'copy-2', 'copy-3', 'copy-4']);
      expect(await storeA.unfinishedClaims()).toEqual([]);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});

/**
 * Scheduler benchmark: 10,000 subscriptions, each in its own Slack channel, all due at 08:00, on one
 * SQLite file shared by two scheduler instances (two connections, as two processes would be). The
 * fake Slack answers after a realistic latency and rejects a second post to a channel within a
 * second, as Slack does. Reports the time until every slot is recorded, peak memory, and checks
 * that every subscription got exactly one post.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelRef, ChatChannel, Clock, OutgoingMessage, PostOutcome } from '../src/core/ports.ts';
import { GLOBAL_OWNER } from '../src/core/ports.ts';
import { createScheduler, type RunTally, type Ticker } from '../src/scheduler/scheduler.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { articleCopy } from '../tests/fixtures/store-articles.ts';

const SUBSCRIPTIONS = 10_000;
const ARTICLES = 3;
/** A Slack chat.postMessage round trip. */
const POST_LATENCY_MS = 80;
/** Slack's per-channel limit: about one message a second. */
const CHANNEL_INTERVAL_MS = 1000;
const TARGET_SECONDS = 60;
const TARGET_MB = 300;

/** A Slack stand-in shared by both instances: latency, and Slack's per-channel rate limit. */
class RateLimitedSlack {
  readonly lastPostAt = new Map<string, number>();
  readonly posts = new Map<string, number>();
  rateLimited = 0;

  /** The channel one scheduler instance posts through. */
  channelFor(): ChatChannel {
    return {
      platform: 'slack',
      repeatWindowMs: Number.POSITIVE_INFINITY,
      post: (channel: ChannelRef, _message: OutgoingMessage) => this.#post(channel),
      checkAccess: async () => ({ ok: true }),
    };
  }

  async #post(channel: ChannelRef): Promise<PostOutcome> {
    const now = performance.now();
    const last = this.lastPostAt.get(channel.channelId);
    if (last !== undefined && now - last < CHANNEL_INTERVAL_MS) {
      this.rateLimited++;
      return {
        ok: false,
        permanent: false,
        reason: 'Slack ratelimited',
        retryAfterMs: CHANNEL_INTERVAL_MS - (now - last),
      };
    }
    this.lastPostAt.set(channel.channelId, now);
    await new Promise((resolve) => setTimeout(resolve, POST_LATENCY_MS));
    this.posts.set(channel.channelId, (this.posts.get(channel.channelId) ?? 0) + 1);
    return { ok: true };
  }
}

/** A ticker that never fires: the bench calls runDue itself at 08:00. */
const noTicks: Ticker = { start() {}, stop() {} };

function addTallies(a: RunTally, b: RunTally): RunTally {
  return {
    posted: a.posted + b.posted,
    empty: a.empty + b.empty,
    failed: a.failed + b.failed,
    paused: a.paused + b.paused,
    taken: a.taken + b.taken,
    skipped: a.skipped + b.skipped,
    'handed-back': a['handed-back'] + b['handed-back'],
  };
}

/** Runs the scheduler benchmark and prints one table. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-scheduler-bench-'));
  let now = Date.parse('2024-05-01T05:59:00.000Z');
  const clock: Clock = { now: () => new Date(now) };
  const stores: Store[] = [];
  try {
    const url = `sqlite:${join(dir, 'newsdesk.db')}`;
    for (let i = 0; i < 2; i++) {
      const opened = await openStore(url, { now: () => clock.now() });
      if (!opened.ok) throw new Error(opened.error);
      stores.push(opened.value);
    }
    const [storeA, storeB] = stores as [Store, Store];
    for (let n = 1; n <= ARTICLES; n++) {
      const { article, analysis } = articleCopy(n, 'bench');
      await storeA.saveArticle(article, analysis, 1, [GLOBAL_OWNER]);
    }
    const setupStarted = performance.now();
    for (let n = 0; n < SUBSCRIPTIONS; n++) {
      await storeA.addSubscription({
        platform: 'slack',
        workspaceId: 'T0BENCH',
        channelId: `C${n.toString().padStart(5, '0')}`,
        cron: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
        options: { articles: 3 },
        createdBy: 'U0BENCH',
      });
    }
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const slack = new RateLimitedSlack();
    const schedulers = [storeA, storeB].map((store, index) =>
      createScheduler({
        subscriptions: store,
        deliveries: store,
        articles: store,
        channels: { slack: slack.channelFor() },
        clock,
        instanceId: `bench-${index}`,
        ticker: noTicks,
      }),
    );
    for (const scheduler of schedulers) await scheduler.start();

    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 25);

    now = Date.parse('2024-05-01T06:00:00.200Z');
    const started = performance.now();
    const tallies = await Promise.all(schedulers.map((scheduler) => scheduler.runDue()));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    for (const scheduler of schedulers) await scheduler.stop();

    const total = tallies.reduce(addTallies);
    const twice = [...slack.posts.values()].filter((count) => count > 1).length;
    const unfinished = (await storeA.unfinishedClaims()).length;
    let completed = 0;
    for (const subscription of await storeA.listSubscriptions()) {
      if ((await storeA.lastSlot(subscription.id))?.status === 'completed') completed++;
    }
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    const ok = slack.posts.size === SUBSCRIPTIONS && twice === 0 && completed === SUBSCRIPTIONS;

    console.log(
      `\nscheduler: ${SUBSCRIPTIONS} subscriptions due at 08:00 Europe/Berlin, each its own Slack channel ` +
        `(${POST_LATENCY_MS} ms per post, 1 post/s per channel), two instances on one SQLite file ` +
        `(target < ${TARGET_SECONDS} s, < ${TARGET_MB} MB)`,
    );
    console.table([
      {
        subscriptions: SUBSCRIPTIONS,
        'setup s (subscribe)': setupSeconds.toFixed(1),
        'deliver s': seconds.toFixed(2),
        'posts/s': Math.round(SUBSCRIPTIONS / seconds),
        'channels posted': slack.posts.size,
        'posted twice': twice,
        'slots completed': completed,
        unfinished,
        'won by A / B': `${tallies[0]?.posted ?? 0} / ${tallies[1]?.posted ?? 0}`,
        'rate-limited answers': slack.rateLimited,
        'RSS before MB': mb(baseline.rss),
        'peak RSS MB': mb(peakRss),
        'peak heap MB': mb(peakHeap),
        verdict: ok && seconds < TARGET_SECONDS && mb(peakRss) < TARGET_MB ? 'pass' : 'FAIL',
      },
    ]);
    if (total.failed > 0 || total.paused > 0) console.log(`failed ${total.failed}, paused ${total.paused}`);
  } finally {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

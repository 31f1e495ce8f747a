import { describe, expect, it } from 'vitest';
import type { ChannelRef, OutgoingMessage } from '../../src/core/ports.ts';
import { CLOSED_OUTCOME, PostQueue } from '../../src/scheduler/post-queue.ts';
import { RecordingChannel, VirtualTimers } from '../fixtures/scheduler-fakes.ts';

const text = (n: number): OutgoingMessage => ({ kind: 'text', text: `newsdesk digest ${n}` });
const slackChannel = (id: string): ChannelRef => ({ platform: 'slack', workspaceId: 'T1', channelId: id });
const discordChannel = (id: string): ChannelRef => ({
  platform: 'discord',
  workspaceId: 'G1',
  channelId: id,
});

describe('PostQueue', () => {
  it('GIVEN three posts to one Slack channel THEN they go out in order, a second apart', async () => {
    const timers = new VirtualTimers();
    const slack = new RecordingChannel('slack', timers);
    const queue = new PostQueue({ slack }, { timers });
    const outcomes = await Promise.all([1, 2, 3].map((n) => queue.post(slackChannel('C1'), text(n))));
    expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(slack.posts.map((post) => [post.message, post.at])).toEqual([
      [text(1), 0],
      [text(2), 1000],
      [text(3), 2000],
    ]);
  });

  it('GIVEN posts to three Slack channels THEN they go out at once, side by side', async () => {
    const timers = new VirtualTimers();
    const slack = new RecordingChannel('slack', timers, 50);
    const queue = new PostQueue({ slack }, { timers });
    await Promise.all(['C1', 'C2', 'C3'].map((id, n) => queue.post(slackChannel(id), text(n))));
    expect(slack.posts.map((post) => post.at)).toEqual([0, 0, 0]);
    expect(slack.maxInFlight).toBe(3);
  });

  it('GIVEN a platform concurrency of 2 THEN no more than 2 posts are in flight', async () => {
    const timers = new VirtualTimers();
    const slack = new RecordingChannel('slack', timers, 50);
    const queue = new PostQueue(
      { slack },
      { timers, policies: { slack: { perChannelIntervalMs: 1000, concurrency: 2 } } },
    );
    await Promise.all(['C1', 'C2', 'C3', 'C4', 'C5'].map((id, n) => queue.post(slackChannel(id), text(n))));
    expect(slack.posts).toHaveLength(5);
    expect(slack.maxInFlight).toBe(2);
  });

  it('GIVEN posts to one Discord channel THEN the queue does not pace them (discord.js buckets do)', async () => {
    const timers = new VirtualTimers();
    const discord = new RecordingChannel('discord', timers);
    const queue = new PostQueue({ discord }, { timers });
    await Promise.all([1, 2, 3].map((n) => queue.post(discordChannel('D1'), text(n))));
    expect(discord.posts.map((post) => post.at)).toEqual([0, 0, 0]);
    expect(timers.sleeps).toEqual([]);
  });

  it('GIVEN a channel that throws THEN the post ends as a transient failure', async () => {
    const timers = new VirtualTimers();
    const slack = new RecordingChannel('slack', timers);
    slack.answers.push('throw');
    const queue = new PostQueue({ slack }, { timers });
    expect(await queue.post(slackChannel('C1'), text(1))).toEqual({
      ok: false,
      permanent: false,
      reason: 'post failed: socket hang up',
    });
  });

  it('GIVEN a platform without a channel here THEN the post fails permanently', async () => {
    const queue = new PostQueue({}, { timers: new VirtualTimers() });
    const outcome = await queue.post(slackChannel('C1'), text(1));
    expect(outcome).toEqual({ ok: false, permanent: true, reason: 'newsdesk does not run on slack here' });
  });

  it('GIVEN posts waiting for their channel turn WHEN the queue closes THEN they are not posted', async () => {
    const timers = new VirtualTimers();
    const slack = new RecordingChannel('slack', timers);
    slack.closeGate();
    const queue = new PostQueue({ slack }, { timers });
    const first = queue.post(slackChannel('C1'), text(1));
    const second = queue.post(slackChannel('C1'), text(2));
    await new Promise((resolve) => setImmediate(resolve));
    queue.close();
    slack.openGate();
    expect(await Promise.all([first, second])).toEqual([{ ok: true }, CLOSED_OUTCOME]);
    expect(slack.posts).toHaveLength(1);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});

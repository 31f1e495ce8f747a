import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/digest/digest.ts';
import type { ChannelRef } from '../../src/core/ports.ts';
import { FAKE_BOT, type FakeSlack, startFakeSlack, type WebApiCall } from '../fixtures/fake-slack.ts';
import {
  ingestMarkdown,
  type SlackTestBot,
  startSlackTestBot,
  TEST_TOKENS,
} from '../fixtures/fake-slack-bot.ts';

/** A news story (written for this test) whose quote holds Slack broadcast syntax. */
const BROADCAST_STORY = `---
title: Chat outage leaves office workers shouting across the room
source: Denver Ledger
published: 2024-03-12
---

Thousands of office workers in Denver lost their team chat for most of Tuesday morning, after an update at a regional hosting company went wrong.

"Someone typed <!channel> and then @here into every room we had, and for two hours nothing happened," said Maria Lopez, an operations manager at a logistics firm downtown.

The hosting company, Front Range Cloud, said service was restored shortly before noon and that no messages were lost.

Lopez said her team went back to a whiteboard and a bell. "It was the quietest morning we have had in years," she said.
`;

let fake: FakeSlack;
let bot: SlackTestBot;
let commandCount = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startSlackTestBot(fake, 'socket');
  await ingestMarkdown(bot.store, 'chat-outage', BROADCAST_STORY);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** Sends `/newsdesk <text>` and waits for the first `respond` post; returns the ack and the answer. */
async function slash(text: string, who: { user?: string; channel?: string } = {}) {
  commandCount += 1;
  const responseId = `cmd-${commandCount}`;
  const sentAt = performance.now();
  const ack = await fake.sendEnvelope('slash_commands', {
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    team_domain: 'newsdesk-test',
    channel_id: who.channel ?? 'C0NEWS0001',
    channel_name: 'news',
    user_id: who.user ?? 'U0READER01',
    user_name: 'reader',
    command: '/newsdesk',
    text,
    api_app_id: FAKE_BOT.appId,
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(responseId),
    trigger_id: `trigger-${commandCount}`,
  });
  await fake.waitUntil(
    () => fake.responses.some((r) => r.responseId === responseId),
    5_000,
    `answer to ${text}`,
  );
  const answers = fake.responses.filter((r) => r.responseId === responseId).map((r) => r.body);
  return { ackMs: ack.at - sentAt, answer: answers[0] as Record<string, unknown>, answers };
}

function blockText(message: Record<string, unknown>): string {
  return JSON.stringify(message.blocks ?? []);
}

/** Sends an Events API envelope for a mention or DM. */
function eventEnvelope(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    api_app_id: FAKE_BOT.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_710_000_000,
    authorizations: [{ team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true }],
  };
}

const postsInThread = (channel: string, threadTs: string): WebApiCall[] =>
  fake
    .callsOf('chat.postMessage')
    .filter((c) => c.params.channel === channel && c.params.thread_ts === threadTs);

describe('GIVEN the real Bolt app in Socket Mode against a fake Slack', () => {
  it('THEN it checked the bot token once and opened the socket with the app token', () => {
    expect(fake.callsOf('auth.test').map((c) => c.token)).toEqual([TEST_TOKENS.bot]);
    expect(fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual([TEST_TOKENS.app]);
    expect(fake.socketConnected()).toBe(true);
  });

  it('WHEN /newsdesk help is sent THEN it acks at once and answers only the asker, with the umbrella usage', async () => {
    const { ackMs, answer } = await slash('help');
    expect(ackMs).toBeLessThan(3_000);
    expect(answer.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('/newsdesk quotes [actor] [article]');
    expect(blockText(answer)).toContain('/newsdesk subscribe \\"0 8 * * 1-5\\" Europe/Berlin');
    expect(typeof answer.text).toBe('string');
  });

  it('WHEN /newsdesk digest is sent THEN the channel gets a Block Kit digest with a text fallback', async () => {
    const { answer } = await slash('digest biden xi');
    expect(answer.response_type).toBe('in_channel');
    const blocks = answer.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.type).toBe('header');
    expect(blockText(answer)).toContain('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(answer.text).toContain('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('WHEN /newsdesk quotes Xi is sent THEN the channel gets Xi Jinping’s verbatim quotes with paragraphs', async () => {
    const { answer } = await slash('quotes Xi');
    expect(answer.response_type).toBe('in_channel');
    expect(blockText(answer)).toContain('“caused serious difficulties” — *Xi Jinping* _(¶12');
  });

  it('WHEN /newsdesk background Qin Gang is sent THEN the channel learns who he is, grounded in the text', async () => {
    const { answer } = await slash('background Qin Gang');
    expect(answer.response_type).toBe('in_channel');
    const text = blockText(answer);
    expect(text).toContain('Qin Gang');
    expect(text).toContain('wrong beliefs');
  });

  it('WHEN /newsdesk actors and /newsdesk articles are sent THEN they list the story’s actors and the stored articles', async () => {
    const actors = await slash('actors biden xi');
    expect(blockText(actors.answer)).toContain('*Xi Jinping*');
    const articles = await slash('articles');
    expect(blockText(articles.answer)).toContain(
      'Chat outage leaves office workers shouting across the room',
    );
    expect(blockText(articles.answer)).toContain('Biden and China’s Xi speak');
  });

  it('WHEN the command word is misspelt THEN only the asker sees "did you mean"', async () => {
    const { answer } = await slash('qoutes Xi');
    expect(answer.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('Did you mean */newsdesk quotes*');
  });

  it('WHEN an unknown actor is asked about THEN the error is shown only to the asker', async () => {
    const { answer } = await slash('background Angela Merkel');
    expect(answer.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain(':warning:');
  });

  describe('WHEN /newsdesk subscribe "0 8 * * 1-5" Europe/Berlin is sent', () => {
    it('by a member who neither created the channel nor administers the workspace THEN it is refused, ephemerally', async () => {
      fake.users.set('U0MEMBER01', { id: 'U0MEMBER01' });
      fake.channels.set('C0SUBS0001', { id: 'C0SUBS0001', creator: 'U0CREATOR1' });
      const { answer } = await slash('subscribe "0 8 * * 1-5" Europe/Berlin', {
        user: 'U0MEMBER01',
        channel: 'C0SUBS0001',
      });
      expect(answer.response_type).toBe('ephemeral');
      expect(fake.callsOf('users.info').at(-1)?.params.user).toBe('U0MEMBER01');
      expect(fake.callsOf('conversations.info').at(-1)?.params.channel).toBe('C0SUBS0001');
      expect(
        await bot.store.listSubscriptions({
          platform: 'slack',
          workspaceId: FAKE_BOT.teamId,
          channelId: 'C0SUBS0001',
        }),
      ).toEqual([]);
    });

    it('by the channel creator THEN the subscription is stored', async () => {
      fake.users.set('U0CREATOR1', { id: 'U0CREATOR1' });
      const { answer } = await slash('subscribe "0 8 * * 1-5" Europe/Berlin', {
        user: 'U0CREATOR1',
        channel: 'C0SUBS0001',
      });
      expect(blockText(answer)).toContain('0 8 * * 1-5');
      const subs = await bot.store.listSubscriptions({
        platform: 'slack',
        workspaceId: FAKE_BOT.teamId,
        channelId: 'C0SUBS0001',
      });
      expect(subs.map((s) => [s.cron, s.timezone, s.createdBy])).toEqual([
        ['0 8 * * 1-5', 'Europe/Berlin', 'U0CREATOR1'],
      ]);
    });

    it('by a workspace admin in a channel newsdesk is not in THEN it asks to be invited first', async () => {
      fake.users.set('U0ADMIN001', { id: 'U0ADMIN001', isAdmin: true });
      fake.channels.set('C0NOTIN001', { id: 'C0NOTIN001', creator: 'U0CREATOR1', isMember: false });
      const { answer } = await slash('subscribe "30 17 * * *"', {
        user: 'U0ADMIN001',
        channel: 'C0NOTIN001',
      });
      expect(answer.response_type).toBe('ephemeral');
      expect(blockText(answer)).toContain('/invite @newsdesk');
    });

    it('THEN /newsdesk subscriptions lists it and /newsdesk unsubscribe by the admin removes it', async () => {
      const listed = await slash('subscriptions', { channel: 'C0SUBS0001' });
      expect(blockText(listed.answer)).toContain('0 8 * * 1-5');
      const removed = await slash('unsubscribe', { user: 'U0ADMIN001', channel: 'C0SUBS0001' });
      expect(blockText(removed.answer)).toContain('0 8 * * 1-5');
      expect(
        await bot.store.listSubscriptions({
          platform: 'slack',
          workspaceId: FAKE_BOT.teamId,
          channelId: 'C0SUBS0001',
        }),
      ).toEqual([]);
    });
  });

  describe('WHEN an admin steers a subscription with /newsdesk', () => {
    const where = { user: 'U0ADMIN002', channel: 'C0STEER001' };
    const channel = { platform: 'slack' as const, workspaceId: FAKE_BOT.teamId, channelId: where.channel };

    it('THEN key:value options are stored and the reply shows them, with the next times as Slack dates', async () => {
      fake.users.set(where.user, { id: where.user, isAdmin: true });
      fake.channels.set(where.channel, { id: where.channel, creator: 'U0CREATOR1' });
      const { answer } = await slash(
        'subscribe "0 8 * * 1-5" Europe/Berlin keywords:"Xi, Afghanistan" articles:2 summary:1 quiet:off',
        where,
      );
      const [subscription] = await bot.store.listSubscriptions(channel);
      expect(subscription?.options).toEqual({
        keywords: ['Xi', 'Afghanistan'],
        articles: 2,
        summarySentences: 1,
        postWhenEmpty: true,
      });
      const text = blockText(answer);
      expect(text).toContain('2 stories · 1 summary sentence · keywords: Xi, Afghanistan');
      expect(
        text.match(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+\(Europe\/Berlin\)>/g),
      ).toHaveLength(3);
    });

    it('THEN /newsdesk subscriptions edit changes an option and a bad one is refused in one line', async () => {
      const edited = await slash('subscriptions edit sources:"Northland Wire" quiet:on', where);
      expect(blockText(edited.answer)).toContain('Changed the subscription');
      const [subscription] = await bot.store.listSubscriptions(channel);
      expect(subscription?.options).toMatchObject({ sources: ['Northland Wire'] });
      expect(subscription?.options.postWhenEmpty).toBeUndefined();
      const bad = await slash('subscriptions edit articles:many', where);
      expect(bad.answer.response_type).toBe('ephemeral');
      expect(blockText(bad.answer)).toContain('articles takes a whole number from 1 to 10, not “many”');
    });

    it('THEN /newsdesk digest-now says what the next slot would post, and moves no cursor', async () => {
      await slash('subscriptions edit sources:none keywords:none', where);
      const { answer } = await slash('digest-now', where);
      expect(answer.response_type).toBe('in_channel');
      expect(blockText(answer)).toContain('Preview of subscription');
      const [subscription] = await bot.store.listSubscriptions(channel);
      expect(await bot.store.lastDeliveredCursor(subscription?.id ?? '')).toBeNull();
    });

    it('THEN /newsdesk resume refuses while newsdesk is not in the channel, and resumes once it is', async () => {
      const [subscription] = await bot.store.listSubscriptions(channel);
      const id = subscription?.id ?? '';
      await bot.store.pauseSubscription(id, 'Slack not_in_channel: newsdesk is not a member of the channel');
      fake.channels.set(where.channel, { id: where.channel, creator: 'U0CREATOR1', isMember: false });
      const listed = await slash('subscriptions', where);
      expect(blockText(listed.answer)).toContain(`/newsdesk resume ${id}`);
      const refused = await slash(`resume ${id}`, where);
      expect(blockText(refused.answer)).toContain(
        'still cannot post here (newsdesk is not a member of the channel',
      );
      expect((await bot.store.getSubscription(id))?.pausedReason).not.toBeNull();
      fake.channels.set(where.channel, { id: where.channel, creator: 'U0CREATOR1' });
      const resumed = await slash(`resume ${id}`, where);
      expect(blockText(resumed.answer)).toContain('Resumed the subscription');
      expect((await bot.store.getSubscription(id))?.pausedReason).toBeNull();
    });

    it('THEN hints speak Slack: a missing actor suggests /newsdesk background, not /background', async () => {
      const { answer } = await slash('background');
      expect(blockText(answer)).toContain('Name an actor, e.g. /newsdesk background \\"Qin Gang\\".');
    });
  });

  it('WHEN the bot is mentioned THEN it answers in a thread under the mention', async () => {
    await fake.sendEnvelope(
      'events_api',
      eventEnvelope('Ev0MENTION1', {
        type: 'app_mention',
        user: 'U0READER01',
        text: `<@${FAKE_BOT.userId}> who is Qin Gang?`,
        ts: '1710000001.000100',
        channel: 'C0MENTION1',
        event_ts: '1710000001.000100',
      }),
    );
    await fake.waitUntil(() => postsInThread('C0MENTION1', '1710000001.000100').length > 0);
    const [reply] = postsInThread('C0MENTION1', '1710000001.000100');
    expect(JSON.stringify(reply?.params.blocks)).toContain('Qin Gang');
    expect(reply?.params.link_names).toBe('false');
  });

  it('WHEN Slack redelivers a mention (retry_attempt 1) THEN it is answered once; a retry of an unseen event is still answered', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0READER01',
      text: `<@${FAKE_BOT.userId}> what did Xi say?`,
      ts: '1710000002.000200',
      channel: 'C0MENTION2',
      event_ts: '1710000002.000200',
    };
    await fake.sendEnvelope('events_api', eventEnvelope('Ev0RETRY01', event));
    await fake.sendEnvelope('events_api', eventEnvelope('Ev0RETRY01', event), { retryAttempt: 1 });
    await fake.sendEnvelope('events_api', eventEnvelope('Ev0RETRY01', event), { retryAttempt: 2 });
    // Only first deliveries were lost here: the retry is the first the bot sees, so it must answer.
    const lost = { ...event, ts: '1710000003.000300', event_ts: '1710000003.000300' };
    await fake.sendEnvelope('events_api', eventEnvelope('Ev0LOST001', lost), { retryAttempt: 1 });
    await fake.waitUntil(() => postsInThread('C0MENTION2', '1710000003.000300').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(postsInThread('C0MENTION2', '1710000002.000200')).toHaveLength(1);
    expect(postsInThread('C0MENTION2', '1710000003.000300')).toHaveLength(1);
  });

  it('WHEN someone DMs the bot THEN it answers in a thread; its own messages and edits get no answer', async () => {
    const dm = { type: 'message', channel_type: 'im', channel: 'D0READER01', user: 'U0READER01' };
    await fake.sendEnvelope(
      'events_api',
      eventEnvelope('Ev0DM00001', { ...dm, text: 'quotes Xi', ts: '1710000010.000100' }),
    );
    await fake.sendEnvelope(
      'events_api',
      eventEnvelope('Ev0DM00002', {
        ...dm,
        user: FAKE_BOT.userId,
        text: 'quotes Xi',
        ts: '1710000011.000100',
      }),
    );
    await fake.sendEnvelope(
      'events_api',
      eventEnvelope('Ev0DM00003', {
        ...dm,
        subtype: 'message_changed',
        text: 'quotes Xi',
        ts: '1710000012.000100',
      }),
    );
    await fake.waitUntil(() => postsInThread('D0READER01', '1710000010.000100').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const dmPosts = fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'D0READER01');
    expect(dmPosts.map((c) => c.params.thread_ts)).toEqual(['1710000010.000100']);
    expect(JSON.stringify(dmPosts[0]?.params.blocks)).toContain('caused serious difficulties');
  });

  describe('WHEN the scheduler posts a digest through the Slack ChatChannel', () => {
    const channel = (channelId: string): ChannelRef => ({
      platform: 'slack',
      workspaceId: FAKE_BOT.teamId,
      channelId,
    });

    async function latestDigest() {
      const stored = await bot.store.articlesSince(0);
      return buildDigest(stored.map((s) => s.analysis));
    }

    it('THEN chat.postMessage carries the blocks, with mention parsing off', async () => {
      const outcome = await bot.platform.channel.post(channel('C0DIGEST01'), {
        kind: 'digest',
        digest: await latestDigest(),
      });
      expect(outcome).toEqual({ ok: true });
      const [post] = fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0DIGEST01');
      expect(post?.token).toBe(TEST_TOKENS.bot);
      expect(JSON.stringify(post?.params.blocks)).toContain('Biden and China’s Xi speak');
      expect(post?.params.parse).toBe('none');
    });

    it('THEN an article quoting "<!channel>" and "@here" is posted inert', async () => {
      await bot.platform.channel.post(channel('C0DIGEST02'), {
        kind: 'digest',
        digest: await latestDigest(),
      });
      const [post] = fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0DIGEST02');
      const everything = JSON.stringify(post?.params);
      expect(everything).toContain('Someone typed &lt;!channel&gt; and then @\u2060here');
      expect(everything).not.toContain('<!channel>');
      expect(everything).not.toMatch(/@here/);
      const mrkdwn = ((post?.params.blocks ?? []) as { text?: { type: string; verbatim?: boolean } }[])
        .map((b) => b.text)
        .filter((t) => t?.type === 'mrkdwn');
      expect(mrkdwn.every((t) => t?.verbatim === true)).toBe(true);
    });

    it('WHEN Slack says channel_not_found or is_archived THEN the outcome is permanent, with the reason', async () => {
      fake.handle('chat.postMessage', (params) =>
        params.channel === 'C0GONE0001'
          ? { body: { ok: false, error: 'channel_not_found' } }
          : params.channel === 'C0ARCHIVED'
            ? { body: { ok: false, error: 'is_archived' } }
            : undefined,
      );
      const gone = await bot.platform.channel.post(channel('C0GONE0001'), {
        kind: 'text',
        text: 'Nothing new today.',
      });
      expect(gone).toMatchObject({ ok: false, permanent: true });
      expect(gone.ok ? '' : gone.reason).toContain('channel_not_found');
      const archived = await bot.platform.channel.post(channel('C0ARCHIVED'), {
        kind: 'text',
        text: 'Nothing new.',
      });
      expect(archived).toMatchObject({ ok: false, permanent: true });
      expect(archived.ok ? '' : archived.reason).toContain('archived');
    });

    it('WHEN Slack answers 429 with Retry-After THEN the outcome is transient with retryAfterMs, and not retried by the client', async () => {
      fake.handle('chat.postMessage', (params) =>
        params.channel === 'C0BUSY0001'
          ? { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } }
          : undefined,
      );
      const outcome = await bot.platform.channel.post(channel('C0BUSY0001'), {
        kind: 'text',
        text: 'Nothing new.',
      });
      expect(outcome).toMatchObject({ ok: false, permanent: false, retryAfterMs: 7000 });
      expect(fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0BUSY0001')).toHaveLength(
        1,
      );
    });

    it('WHEN two messages go to one channel THEN they are at least a second apart', async () => {
      const ref = channel('C0PACED001');
      await Promise.all([
        bot.platform.channel.post(ref, { kind: 'text', text: 'First notice.' }),
        bot.platform.channel.post(ref, { kind: 'text', text: 'Second notice.' }),
      ]);
      const [first, second] = fake
        .callsOf('chat.postMessage')
        .filter((c) => c.params.channel === 'C0PACED001');
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    });
  });
});

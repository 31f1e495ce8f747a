/**
 * The real discord.js bot against a fake Discord on 127.0.0.1 (REST + gateway), with a real SQLite
 * store holding the default article: slash commands, autocomplete, mentions, scheduled posts,
 * command registration and a wrong token, asserted on the REST calls the bot made.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import { buildDigest } from '../../src/core/digest/digest.ts';
import type { ChannelRef } from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { relinkIdentities } from '../../src/ingest/identity-linker.ts';
import { startDiscordPlatform } from '../../src/platforms/discord/bot.ts';
import { DISCORD_COMMANDS } from '../../src/platforms/discord/commands.ts';
import {
  buttonPayload,
  FAKE_DISCORD,
  type FakeDiscord,
  type FakeMember,
  type FakeOption,
  interactionPayload,
  MEMBER_PERMISSIONS,
  mentionPayload,
  type RestCall,
  startFakeDiscord,
} from '../fixtures/fake-discord.ts';
import {
  type DiscordTestBot,
  ingestMarkdown,
  startDiscordTestBot,
  testDiscordConfig,
} from '../fixtures/fake-discord-bot.ts';
import { NAMESAKE_ARTICLES } from '../fixtures/namesake-articles.ts';

/** A news story (written for this test) whose quotes hold Discord mention syntax. */
const PING_STORY = `---
title: Gaming server owners fight a wave of mass pings
source: Bay Area Wire
published: 2024-04-02
---

Owners of large gaming communities on Discord spent the weekend cleaning up after spammers found a way around their moderation bots.

"Someone posted @everyone and then <@123> in every channel, and half the server got woken up at three in the morning," said Priya Raman, who runs a community of forty thousand players.

Raman said her volunteers deleted more than two thousand messages before the attack stopped. "We have never had to lock the whole server before," she said.
`;

const GUILD_CHANNEL: ChannelRef = {
  platform: 'discord',
  workspaceId: FAKE_DISCORD.guildId,
  channelId: FAKE_DISCORD.channelId,
};

let fake: FakeDiscord;
let bot: DiscordTestBot;
let pingArticleId: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startDiscordTestBot(fake);
  pingArticleId = await ingestMarkdown(bot.store, 'mass-pings', PING_STORY);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** The REST calls that belong to one interaction (its callback and its webhook), in order. */
function callsOf(token: string): RestCall[] {
  return fake.calls.filter((call) => call.path.includes(`/${token}`));
}

/** Asserts a message body disables every ping: no parsed mentions, no ping of a replied-to author. */
function expectNoPings(body: unknown): void {
  const allowed = (body as { allowed_mentions?: { parse?: unknown; replied_user?: unknown } })
    .allowed_mentions;
  expect(allowed?.parse).toEqual([]);
  expect(allowed?.replied_user).not.toBe(true);
}

/** A payload's embeds as one searchable string. */
function embedText(body: unknown): string {
  return JSON.stringify((body as { embeds?: unknown[] }).embeds ?? []);
}

/** Dispatches a slash command and waits until its answer (edit of @original or an ephemeral follow-up) arrived. */
async function slash(
  name: string,
  options: FakeOption[] = [],
  who: FakeMember & { channelId?: string } = {},
) {
  const payload = interactionPayload(name, options, who);
  fake.dispatch('INTERACTION_CREATE', payload);
  const answered = () =>
    callsOf(payload.token).some(
      (call) =>
        (call.method === 'PATCH' && call.path.endsWith('/messages/@original')) ||
        (call.method === 'POST' && call.path.startsWith('/webhooks/')),
    );
  await fake.waitUntil(answered, 5_000, `answer to /${name}`);
  const calls = callsOf(payload.token);
  const callback = calls.find((call) => call.path.endsWith('/callback'));
  const edit = calls.find((call) => call.method === 'PATCH');
  const followUps = calls.filter((call) => call.method === 'POST' && call.path.startsWith('/webhooks/'));
  return { payload, calls, callback, edit, followUps };
}

describe('GIVEN the bot logged in to the fake Discord', () => {
  it('THEN it identified with Guilds + GuildMessages + DirectMessages only (no privileged Message Content)', () => {
    const identify = fake.frames.find((frame) => frame.op === 2)?.d as { intents: number; token: string };
    expect(identify.intents).toBe(1 | 512 | 4096);
    expect(identify.intents & (1 << 15)).toBe(0);
    expect(identify.token).toBe(FAKE_DISCORD.token);
  });

  it('THEN it registered the twelve slash commands in the configured guild, once', () => {
    const route = `/applications/${FAKE_DISCORD.applicationId}/guilds/${FAKE_DISCORD.guildId}/commands`;
    const puts = fake.calls.filter((call) => call.method === 'PUT' && call.path === route);
    expect(puts).toHaveLength(1);
    const names = ((puts[0]?.body ?? []) as { name: string }[]).map((command) => command.name);
    expect(names).toEqual([
      'digest',
      'quotes',
      'background',
      'actors',
      'articles',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'resume',
      'digest-now',
      'feeds',
      'help',
    ]);
  });
});

describe('GIVEN slash commands', () => {
  it('WHEN /digest THEN the bot defers publicly and edits @original with the newest article as an embed', async () => {
    const { callback, edit } = await slash('digest');
    expect(callback?.method).toBe('POST');
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
    const body = edit?.body as {
      content: string;
      embeds: { title: string; description: string; fields: { name: string }[] }[];
    };
    expectNoPings(body);
    expect(body.content).toBe('newsdesk digest: 1 article');
    expect(body.embeds[0]?.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(body.embeds[0]?.description).toMatch(/^• President Biden spoke with Chinese President Xi Jinping/);
    expect(body.embeds[0]?.description).toMatch(/\*\(¶1\)\*/);
    expect(body.embeds[0]?.fields.map((field) => field.name)).toContain('Actors');
  });

  it('WHEN /digest names an article by title words THEN that article comes back', async () => {
    const { edit } = await slash('digest', [{ name: 'article', value: 'mass pings' }]);
    expect(embedText(edit?.body)).toContain('"title":"Gaming server owners fight a wave of mass pings"');
  });

  it('WHEN /quotes actor:Xi THEN the quotes are Xi’s, verbatim with their paragraphs', async () => {
    const { callback, edit } = await slash('quotes', [{ name: 'actor', value: 'Xi' }]);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 0 } });
    const text = embedText(edit?.body);
    expect(text).toMatch(/Quotes of Xi Jinping/);
    expect(text).toContain('caused serious difficulties');
  });

  it('WHEN /background actor:Qin Gang THEN the embed names him and his role as ambassador', async () => {
    const { edit } = await slash('background', [{ name: 'actor', value: 'Qin Gang' }]);
    const text = embedText(edit?.body);
    expect(text).toContain('"title":"Qin Gang"');
    expect(text).toMatch(/ambassador/i);
  });

  it('WHEN /actors THEN the newest story’s actors are listed', async () => {
    const { edit } = await slash('actors', [{ name: 'article', value: 'biden xi' }]);
    expect(embedText(edit?.body)).toMatch(/Xi Jinping/);
  });

  it('WHEN /articles THEN both stored articles are listed with their ids', async () => {
    const { edit } = await slash('articles');
    const text = embedText(edit?.body);
    expect(text).toContain(pingArticleId);
    expect(text).toMatch(/Biden/);
  });

  it('WHEN /help THEN the deferral is ephemeral (flag 64) and every command is listed', async () => {
    const { callback, edit } = await slash('help');
    expect(callback?.body).toEqual({ type: 5, data: { flags: 64 } });
    const text = embedText(edit?.body);
    for (const command of DISCORD_COMMANDS) expect(text).toContain(`/${command.name}`);
  });

  it('WHEN an unknown actor is asked for THEN the public deferral is removed and the answer is ephemeral', async () => {
    const { calls, followUps } = await slash('background', [{ name: 'actor', value: 'Angela Merkel' }]);
    expect(calls.some((call) => call.method === 'DELETE' && call.path.endsWith('/messages/@original'))).toBe(
      true,
    );
    const body = followUps[0]?.body as { flags: number; allowed_mentions: unknown };
    expect(body.flags).toBe(64);
    expectNoPings(body);
    expect(embedText(body)).toContain('Angela Merkel');
  });

  it('WHEN a typo’d actor is asked for THEN the bot still finds him', async () => {
    const { edit } = await slash('background', [{ name: 'actor', value: 'Qin Gnag' }]);
    expect(embedText(edit?.body)).toContain('"title":"Qin Gang"');
  });

  it('WHEN a member without Manage Channels runs /subscribe THEN an ephemeral refusal names the permission', async () => {
    const { callback, edit } = await slash('subscribe', [{ name: 'schedule', value: '0 8 * * 1-5' }], {
      permissions: MEMBER_PERMISSIONS.reader,
    });
    expect(callback?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(embedText(edit?.body)).toContain('Manage Channels');
    expect(await bot.store.listSubscriptions(GUILD_CHANNEL)).toHaveLength(0);
  });

  it('WHEN a moderator subscribes, lists and unsubscribes THEN the store follows each step', async () => {
    const moderator = { permissions: MEMBER_PERMISSIONS.moderator };
    const subscribed = await slash(
      'subscribe',
      [
        { name: 'schedule', value: '0 8 * * 1-5' },
        { name: 'timezone', value: 'Europe/Berlin' },
      ],
      moderator,
    );
    expect(embedText(subscribed.edit?.body)).toContain('Subscribed this channel');
    const stored = await bot.store.listSubscriptions(GUILD_CHANNEL);
    expect(stored.map((sub) => [sub.cron, sub.timezone, sub.createdBy])).toEqual([
      ['0 8 * * 1-5', 'Europe/Berlin', FAKE_DISCORD.userId],
    ]);

    const listed = await slash('subscriptions');
    expect(listed.callback?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(embedText(listed.edit?.body)).toContain('Europe/Berlin');

    const removed = await slash('unsubscribe', [], moderator);
    expect(embedText(removed.edit?.body)).toContain('Removed the subscription');
    expect(await bot.store.listSubscriptions(GUILD_CHANNEL)).toHaveLength(0);
  });

  it('WHEN the story holds "@everyone" and "<@123>" THEN its digest is posted with mentions disabled and the text escaped', async () => {
    const { edit } = await slash('digest', [{ name: 'article', value: pingArticleId }]);
    const body = edit?.body as { content: string; allowed_mentions: unknown };
    expectNoPings(body);
    expect(body.content).not.toMatch(/@everyone|<@/);
    const text = embedText(body);
    expect(text).toContain('@everyone');
    expect(text).toContain('\\\\<@123\\\\>');
  });
});

describe('GIVEN a moderator steering subscriptions', () => {
  const moderator = { permissions: MEMBER_PERMISSIONS.moderator };
  const locked = { ...GUILD_CHANNEL, channelId: FAKE_DISCORD.lockedChannelId };

  it('WHEN /subscribe carries options THEN they are stored, and the reply lists them with the next times as Discord timestamps', async () => {
    const { edit } = await slash(
      'subscribe',
      [
        { name: 'schedule', value: '0 8 * * 1-5' },
        { name: 'timezone', value: 'Europe/Berlin' },
        { name: 'keywords', value: 'Xi, Afghanistan' },
        { name: 'articles', value: 2, type: 4 },
        { name: 'quiet', value: false, type: 5 },
      ],
      moderator,
    );
    const [subscription] = await bot.store.listSubscriptions(GUILD_CHANNEL);
    expect(subscription?.options).toEqual({
      keywords: ['Xi', 'Afghanistan'],
      articles: 2,
      postWhenEmpty: true,
    });
    const text = embedText(edit?.body);
    expect(text).toContain('2 stories');
    expect(text).toContain('keywords: Xi, Afghanistan');
    expect(text.match(/<t:\d+:F>/g)).toHaveLength(3);

    const edited = await slash(
      'subscriptions',
      [
        { name: 'action', value: 'edit' },
        { name: 'articles', value: 4, type: 4 },
        { name: 'keywords', value: 'none' },
      ],
      moderator,
    );
    expect(embedText(edited.edit?.body)).toContain('Changed the subscription');
    expect((await bot.store.getSubscription(subscription?.id ?? ''))?.options).toEqual({
      articles: 4,
      postWhenEmpty: true,
    });
  });

  it('WHEN /digest-now runs THEN the next digest is posted in the channel and its cursor has not moved', async () => {
    const [subscription] = await bot.store.listSubscriptions(GUILD_CHANNEL);
    const { edit } = await slash('digest-now', [{ name: 'id', value: subscription?.id ?? '' }], moderator);
    expect(edit?.body).toMatchObject({
      content: expect.stringContaining(`Preview of subscription ${subscription?.id}`),
    });
    expect(embedText(edit?.body)).toContain('Biden and China');
    expect(await bot.store.lastDeliveredCursor(subscription?.id ?? '')).toBeNull();
  });

  it('WHEN a paused subscription is resumed where the bot can post THEN it is active again', async () => {
    const [subscription] = await bot.store.listSubscriptions(GUILD_CHANNEL);
    await bot.store.pauseSubscription(
      subscription?.id ?? '',
      'Discord 403 (50013): newsdesk lacks a permission there',
    );
    const listed = await slash('subscriptions', [], moderator);
    expect(embedText(listed.edit?.body)).toContain(`/resume id:${subscription?.id}`);
    const { edit } = await slash('resume', [], moderator);
    expect(embedText(edit?.body)).toContain('Resumed the subscription');
    expect((await bot.store.getSubscription(subscription?.id ?? ''))?.pausedReason).toBeNull();
    await bot.store.removeSubscription(subscription?.id ?? '');
  });

  it('WHEN /resume runs in a channel the bot cannot see THEN it stays paused and the reply says why', async () => {
    const { subscription } = await bot.store.addSubscription({
      ...locked,
      cron: '0 8 * * *',
      timezone: 'UTC',
      createdBy: FAKE_DISCORD.userId,
    });
    await bot.store.pauseSubscription(
      subscription.id,
      'Discord 403 (50001): newsdesk cannot see the channel',
    );
    const { followUps } = await slash('resume', [], {
      ...moderator,
      channelId: FAKE_DISCORD.lockedChannelId,
    });
    // An error is for the asker only: the public "thinking…" gives way to an ephemeral follow-up.
    expect(followUps[0]?.body).toMatchObject({ flags: 64 });
    expect(embedText(followUps[0]?.body)).toContain('still cannot post here (newsdesk lacks ViewChannel');
    expect((await bot.store.getSubscription(subscription.id))?.pausedReason).not.toBeNull();
    await bot.store.removeSubscription(subscription.id);
  });
});

describe('GIVEN two people sharing a surname', () => {
  beforeAll(async () => {
    for (const article of NAMESAKE_ARTICLES)
      await bot.store.saveArticle(article, analyze(article), 1, [GLOBAL_OWNER]);
    await relinkIdentities(bot.store);
  });

  it('WHEN /quotes names the surname alone THEN the asker gets a button per person, and a click answers with that one’s quotes', async () => {
    const asked = await slash('quotes', [{ name: 'actor', value: 'Okonkwo' }]);
    const choice = asked.followUps[0]?.body as {
      flags?: number;
      components?: { components: { custom_id: string; label: string }[] }[];
    };
    expect(choice.flags).toBe(64);
    expect(embedText(choice)).toContain('could mean more than one person');
    const buttons = choice.components?.[0]?.components ?? [];
    expect(buttons.map((button) => button.label)).toEqual(['Daniel Okonkwo', 'Margaret Okonkwo']);
    expectNoPings(choice);

    const click = buttonPayload(buttons[1]?.custom_id ?? '');
    fake.dispatch('INTERACTION_CREATE', click);
    await fake.waitUntil(
      () => callsOf(click.token).some((call) => call.method === 'PATCH'),
      5_000,
      'answer to the button',
    );
    const answer = callsOf(click.token).find((call) => call.method === 'PATCH');
    expect(embedText(answer?.body)).toContain('Quotes of Margaret Okonkwo');
    expect(embedText(answer?.body)).toContain('This budget keeps every school open');
    expect(embedText(answer?.body)).not.toContain('Every chapter');
    expectNoPings(answer?.body);
  });

  it('WHEN /quotes asks for "Mr. Okonkwo" THEN the man’s quotes come from every article, the one without his full name too', async () => {
    const { edit } = await slash('quotes', [{ name: 'actor', value: 'Mr. Okonkwo' }]);
    expect(embedText(edit?.body)).toContain('Quotes of Daniel Okonkwo');
    expect(embedText(edit?.body)).toContain('Every chapter is a lesson I learned the hard way');
  });
});

describe('GIVEN autocomplete', () => {
  async function autocomplete(command: string, options: FakeOption[]) {
    const payload = interactionPayload(command, options, { type: 4 });
    fake.dispatch('INTERACTION_CREATE', payload);
    await fake.waitUntil(() => callsOf(payload.token).length > 0, 5_000, 'autocomplete answer');
    const body = callsOf(payload.token)[0]?.body as {
      type: number;
      data: { choices: { name: string; value: string }[] };
    };
    return body;
  }

  it('WHEN the user types "Qi" into actor THEN the choices (at most 25) hold Qin Gang', async () => {
    const body = await autocomplete('background', [{ name: 'actor', value: 'Qi', focused: true }]);
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    expect(body.data.choices.map((choice) => choice.value)).toContain('Qin Gang');
  });

  it('WHEN the user types "qin gnag" into actor THEN the same forgiving lookup as the commands offers Qin Gang first', async () => {
    const body = await autocomplete('background', [{ name: 'actor', value: 'qin gnag', focused: true }]);
    expect(body.data.choices[0]).toEqual({ name: 'Qin Gang', value: 'Qin Gang' });
  });

  it('WHEN the user types "pings" into article THEN the choice’s value is that article’s id', async () => {
    const body = await autocomplete('digest', [{ name: 'article', value: 'pings', focused: true }]);
    expect(body.data.choices).toEqual([
      { name: 'Gaming server owners fight a wave of mass pings (2024-04-02)', value: pingArticleId },
    ]);
  });
});

describe('GIVEN a mention of the bot', () => {
  it('WHEN asked "who is Qin Gang?" in a thread THEN the bot replies in that thread, referencing the message, pinging no one', async () => {
    const message = mentionPayload('who is Qin Gang?', { channelId: FAKE_DISCORD.threadId });
    fake.dispatch('MESSAGE_CREATE', message);
    const route = `/channels/${FAKE_DISCORD.threadId}/messages`;
    await fake.waitUntil(() => fake.calls.some((call) => call.path === route), 5_000, 'mention reply');
    const body = fake.calls.find((call) => call.path === route)?.body as {
      message_reference: { message_id: string };
      allowed_mentions: unknown;
    };
    expect(body.message_reference.message_id).toBe(message.id);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedText(body)).toContain('"title":"Qin Gang"');
  });

  it('WHEN someone asks in a direct message, without a mention THEN the bot answers in that DM', async () => {
    const { guild_id: _guild, member: _member, ...inGuild } = mentionPayload('who is Qin Gang?');
    const dmChannelId = '1200000000000000077';
    // Discord marks DM messages with channel_type 1, which discord.js needs to build the uncached DM channel.
    const message = {
      ...inGuild,
      channel_id: dmChannelId,
      channel_type: 1,
      content: 'who is Qin Gang?',
      mentions: [],
    };
    fake.dispatch('MESSAGE_CREATE', message);
    const route = `/channels/${dmChannelId}/messages`;
    await fake.waitUntil(() => fake.calls.some((call) => call.path === route), 5_000, 'DM reply');
    const body = fake.calls.find((call) => call.path === route)?.body as { allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embedText(body)).toContain('"title":"Qin Gang"');
  });

  it('WHEN a message does not mention the bot THEN it stays silent', async () => {
    const message = { ...mentionPayload('who is Qin Gang?'), content: 'who is Qin Gang?', mentions: [] };
    const before = fake.calls.length;
    fake.dispatch('MESSAGE_CREATE', message);
    // A mention dispatched after it is answered; by then the silent one would have been too.
    const follow = mentionPayload('help');
    fake.dispatch('MESSAGE_CREATE', follow);
    const replied = (id: string) =>
      fake.calls
        .slice(before)
        .some(
          (call) =>
            (call.body as { message_reference?: { message_id: string } })?.message_reference?.message_id ===
            id,
        );
    await fake.waitUntil(() => replied(follow.id), 5_000, 'reply to the second message');
    expect(replied(message.id)).toBe(false);
  });
});

describe('GIVEN scheduled posts through the ChatChannel', () => {
  it('WHEN a digest is posted THEN it lands in the channel as embeds with mentions disabled', async () => {
    const stored = await bot.store.getArticle(pingArticleId);
    const outcome = await bot.platform.channel.post(GUILD_CHANNEL, {
      kind: 'digest',
      digest: buildDigest(stored ? [stored.analysis] : []),
    });
    expect(outcome).toEqual({ ok: true });
    const post = fake.calls
      .filter((call) => call.path === `/channels/${FAKE_DISCORD.channelId}/messages`)
      .at(-1);
    const body = post?.body as { allowed_mentions: unknown; embeds: unknown[]; message_reference?: unknown };
    expectNoPings(body);
    expect(body.message_reference).toBeUndefined();
    expect(embedText(body)).toContain('Gaming server owners');
  });

  it('WHEN the channel answers 403 Missing Access THEN the outcome is permanent with the reason', async () => {
    const outcome = await bot.platform.channel.post(
      { ...GUILD_CHANNEL, channelId: FAKE_DISCORD.lockedChannelId },
      { kind: 'text', text: 'Digest paused?' },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.permanent).toBe(true);
    expect(outcome.reason).toContain('Missing Access');
  });

  it('WHEN Discord answers 503 THEN the outcome is transient', async () => {
    fake.route((call) =>
      call.path === '/channels/900000000000000999/messages'
        ? { status: 503, body: { message: 'upstream' } }
        : undefined,
    );
    try {
      const outcome = await bot.platform.channel.post(
        { ...GUILD_CHANNEL, channelId: '900000000000000999' },
        { kind: 'text', text: 'Digest soon' },
      );
      expect(outcome).toMatchObject({ ok: false, permanent: false });
    } finally {
      fake.clearRoutes();
    }
  });
});

describe('GIVEN a second start with unchanged commands', () => {
  it('THEN the bot reads the registration and writes nothing', async () => {
    const route = `/applications/${FAKE_DISCORD.applicationId}/guilds/${FAKE_DISCORD.guildId}/commands`;
    const before = fake.calls.length;
    const second = await startDiscordTestBot(fake);
    await second.stop();
    const calls = fake.calls.slice(before).filter((call) => call.path === route);
    expect(calls.map((call) => call.method)).toEqual(['GET']);
  });
});

describe('GIVEN a wrong token', () => {
  it('THEN start fails with one clear line, logs nothing else and never opens the gateway', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const identifiesBefore = fake.frames.filter((frame) => frame.op === 2).length;
    const started = await startDiscordPlatform(
      testDiscordConfig(fake, { token: 'not-the-token' }),
      {
        handleCommand: () => Promise.reject(new Error('not reached')),
        parseMention: () => ({ name: 'help', options: {} }),
        lookups: bot.store,
      },
      logger,
      { readyTimeoutMs: 5_000 },
    );
    expect(started).toEqual({
      ok: false,
      error: {
        reason: 'Discord did not start: Discord refused the token (401 on /gateway/bot); check DISCORD_TOKEN',
        permanent: true,
      },
    });
    expect(lines.filter((line) => /"level":(40|50|60)/.test(line))).toEqual([]);
    expect(fake.frames.filter((frame) => frame.op === 2)).toHaveLength(identifiesBefore);
    // The running bot is untouched.
    const { edit } = await slash('help');
    expect(edit).toBeDefined();
  });
});

/**
 * Tenants through the real clients: one process serves two Discord servers (real discord.js
 * against the fake Discord) and a Slack workspace (real Bolt in Socket Mode against the fake
 * Slack). Each adds its own page (Slack from a DM) and feed from a local web server through the
 * fetch allow-list; every read and every scheduled digest holds global articles and the
 * workspace's own, never another's; the permission table holds on both platforms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyze } from '../../src/core/analysis/analyze.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { handleCommand } from '../../src/core/commands/handle-command.ts';
import { parseMention } from '../../src/core/commands/mention.ts';
import type { CommandDeps } from '../../src/core/commands/types.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { ok } from '../../src/core/result.ts';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';
import { addCheckedFeed } from '../../src/ingest/feed-admin.ts';
import { createFeedPoller, type FeedPoller } from '../../src/ingest/feed-poller.ts';
import { createHttpFetcher } from '../../src/ingest/http-fetcher.ts';
import { ingestUrl } from '../../src/ingest/ingest.ts';
import { loadArticleFile } from '../../src/ingest/load-file.ts';
import { type RunningDiscordPlatform, startDiscordPlatform } from '../../src/platforms/discord/bot.ts';
import { type RunningSlackPlatform, startSlackPlatform } from '../../src/platforms/slack/app.ts';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import {
  FAKE_DISCORD,
  type FakeDiscord,
  type FakeMember,
  type FakeOption,
  interactionPayload,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
} from '../fixtures/fake-discord.ts';
import { testDiscordConfig } from '../fixtures/fake-discord-bot.ts';
import { FAKE_BOT, type FakeSlack, startFakeSlack } from '../fixtures/fake-slack.ts';
import { TEST_TOKENS } from '../fixtures/fake-slack-bot.ts';
import { type FeedServer, serve, startFeedServer } from '../fixtures/feeds/server.ts';
import {
  articlePage,
  BIKE_LANES,
  RATES,
  rssFeed,
  STORM as STORM_AT_SEA,
  type Story,
} from '../fixtures/feeds/stories.ts';
import { FakeClock, ManualTicker } from '../fixtures/scheduler-fakes.ts';
import { FERRY, LIBRARY, MARATHON, OBSERVATORY, ORCHARD, WATCHES } from '../fixtures/tenant-stories.ts';

const GUILD_A = FAKE_DISCORD.guildId;
const GUILD_B = '900000000000000031';
const CHANNEL_B = '900000000000000032';
const TEAM = FAKE_BOT.teamId;
const SLACK_CHANNEL = 'C0TEAMNEWS';
const SLACK_DM = 'D0READERDM';
const GLOBAL_TITLE = 'Biden and China’s Xi speak for a second time amid rising tensions';
/** Every workspace's own stories, by who added them. */
const OWN: Record<'a' | 'b' | 'slack', Story[]> = {
  a: [LIBRARY, MARATHON],
  b: [FERRY, ORCHARD],
  slack: [WATCHES, OBSERVATORY],
};
/** Items published after the feeds are added, so they are news, not backlog. */
const NEWS_DATE = new Date(Date.now() + 60 * 60_000).toISOString();

let dir: string;
let store: Store;
let pool: AnalysisPool;
let web: FeedServer;
let fakeDiscord: FakeDiscord;
let fakeSlack: FakeSlack;
let discord: RunningDiscordPlatform;
let slack: RunningSlackPlatform;
let poller: FeedPoller;
let scheduler: Scheduler;
const schedulerClock = new FakeClock(new Date(Date.now() + 2 * 60 * 60_000).toISOString());

/** The command deps main.ts builds: store, safe fetcher (the local server allowed), feeds, policies. */
function commandDeps(): CommandDeps {
  const fetcher = createHttpFetcher({ allowedHosts: [web.host] });
  return {
    articles: store,
    subscriptions: store,
    clock: { now: () => new Date() },
    defaultTimezone: 'UTC',
    logger: pino({ level: 'silent' }),
    policies: store,
    async ingestUrl(url, owner) {
      const ingested = await ingestUrl(url, {
        articles: store,
        pool,
        failures: store,
        owners: [owner],
        fetcher,
      });
      return ingested.ok ? ok({ id: ingested.value.id, outcome: ingested.value.outcome }) : ingested;
    },
    feeds: {
      async add(url, addedBy, owner) {
        const added = await addCheckedFeed(url, { feeds: store, fetcher }, owner, addedBy);
        if (!added.ok) return added;
        return ok({
          feed: { url, title: added.value.feed.title, status: 'added' },
          created: added.value.created,
        });
      },
      async remove(url, owner) {
        return (await store.releaseFeed(url, owner)) ? { url, title: null, status: 'removed' } : undefined;
      },
      async list(owner) {
        return (await store.listFeeds({ owner })).map((feed) => ({
          url: feed.url,
          title: feed.title,
          status: '',
        }));
      },
    },
  };
}

function route(story: Story, path: string): string {
  web.route(path, serve('text/html; charset=utf-8', articlePage(story)));
  return `${web.origin}${path}`;
}

function feed(path: string, story: Story, itemPath: string): string {
  const link = route(story, itemPath);
  web.route(
    path,
    serve(
      'application/rss+xml',
      rssFeed(`${story.title} feed`, [{ title: story.title, link, date: NEWS_DATE }]),
    ),
  );
  return `${web.origin}${path}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-tenants-'));
  const opened = await openStore(`sqlite:${join(dir, 'newsdesk.db')}`);
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
  pool = createAnalysisPool({ threads: 1 });
  const scraped = await loadArticleFile('digests/2021-09-09-biden-xi-call.txt');
  if (!scraped.ok) throw new Error(scraped.error);
  const article = cleanArticle(scraped.value);
  await store.saveArticle(article, analyze(article), ANALYSIS_VERSION, [GLOBAL_OWNER]);

  web = await startFeedServer();
  fakeDiscord = await startFakeDiscord();
  fakeSlack = await startFakeSlack();
  const deps = commandDeps();
  const logger = pino({ level: process.env.NEWSDESK_TEST_LOG ?? 'silent' });
  const startedDiscord = await startDiscordPlatform(
    testDiscordConfig(fakeDiscord),
    {
      handleCommand: (request, context) => handleCommand(request, context, deps),
      parseMention: (text) => parseMention(text, ['newsdesk']),
      lookups: store,
    },
    logger,
    { readyTimeoutMs: 5_000 },
  );
  if (!startedDiscord.ok) throw new Error(startedDiscord.error.reason);
  discord = startedDiscord.value;
  const startedSlack = await startSlackPlatform(
    { mode: 'socket', botToken: TEST_TOKENS.bot, appToken: TEST_TOKENS.app, apiUrl: fakeSlack.apiUrl },
    {
      handleCommand: (request, context) => handleCommand(request, context, deps),
      parseMention: (text) => parseMention(text, ['newsdesk']),
    },
    logger,
    { postIntervalMs: 0 },
  );
  if (!startedSlack.ok) throw new Error(startedSlack.error.reason);
  slack = startedSlack.value;
  poller = createFeedPoller({
    articles: store,
    pool,
    failures: store,
    feeds: store,
    fetcher: createHttpFetcher({ allowedHosts: [web.host] }),
    clock: { now: () => new Date() },
    hostDelayMs: 0,
  });
  scheduler = createScheduler({
    subscriptions: store,
    deliveries: store,
    articles: store,
    channels: { discord: discord.channel, slack: slack.channel },
    clock: schedulerClock,
    instanceId: 'tenants-test',
    ticker: new ManualTicker(),
  });
  fakeSlack.users.set('U0ADMIN001', { id: 'U0ADMIN001', isAdmin: true });
  fakeSlack.users.set('U0MEMBER01', { id: 'U0MEMBER01' });
  fakeSlack.channels.set(SLACK_CHANNEL, { id: SLACK_CHANNEL, creator: 'U0SOMEONE' });
});

afterAll(async () => {
  await scheduler?.stop();
  await poller?.stop();
  await discord?.stop();
  await slack?.stop();
  await fakeDiscord?.close();
  await fakeSlack?.close();
  await web?.close();
  await pool?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a Discord slash command and returns the text of its answer (the edited reply and any follow-ups). */
async function discordCommand(name: string, options: FakeOption[], who: FakeMember & { channelId?: string }) {
  const payload = interactionPayload(name, options, who);
  fakeDiscord.dispatch('INTERACTION_CREATE', payload);
  const answers = () =>
    fakeDiscord.calls.filter(
      (call) =>
        call.path.includes(`/${payload.token}`) &&
        ((call.method === 'PATCH' && call.path.endsWith('/messages/@original')) ||
          (call.method === 'POST' && call.path.startsWith('/webhooks/'))),
    );
  await fakeDiscord.waitUntil(() => answers().length > 0, 15_000, `answer to /${name}`);
  return JSON.stringify(answers().map((call) => call.body));
}

/** Autocomplete choices Discord would show for `typed` in the article option. */
async function discordArticleChoices(typed: string, who: FakeMember) {
  const payload = interactionPayload('digest', [{ name: 'article', value: typed, focused: true }], {
    ...who,
    type: 4,
  });
  fakeDiscord.dispatch('INTERACTION_CREATE', payload);
  const answer = () => fakeDiscord.calls.find((call) => call.path.includes(`/${payload.token}/callback`));
  await fakeDiscord.waitUntil(() => answer() !== undefined, 5_000, 'autocomplete answer');
  const body = answer()?.body as { data?: { choices?: { name: string }[] } } | undefined;
  return (body?.data?.choices ?? []).map((choice) => choice.name);
}

let slackCount = 0;
/** Runs `/newsdesk <text>` in Slack and returns the text of its answers. */
async function slackCommand(text: string, who: { user: string; channel: string }) {
  slackCount += 1;
  const responseId = `tenants-${slackCount}`;
  await fakeSlack.sendEnvelope('slash_commands', {
    team_id: TEAM,
    channel_id: who.channel,
    channel_name: who.channel.startsWith('D') ? 'directmessage' : 'news',
    user_id: who.user,
    command: '/newsdesk',
    text,
    api_app_id: FAKE_BOT.appId,
    response_url: fakeSlack.responseUrl(responseId),
    trigger_id: `trigger-tenants-${slackCount}`,
  });
  await fakeSlack.waitUntil(() => fakeSlack.responses.some((r) => r.responseId === responseId), 15_000, text);
  return JSON.stringify(fakeSlack.responses.filter((r) => r.responseId === responseId).map((r) => r.body));
}

const readerA: FakeMember = { userId: '900000000000000041' };
const moderatorA: FakeMember = { userId: '900000000000000042', permissions: MEMBER_PERMISSIONS.moderator };
const readerB: FakeMember = { userId: '900000000000000043', guildId: GUILD_B };
const moderatorB: FakeMember = {
  userId: '900000000000000044',
  guildId: GUILD_B,
  permissions: MEMBER_PERMISSIONS.moderator,
};
const inB = { channelId: CHANNEL_B };

describe('GIVEN two Discord servers and a Slack workspace on one bot', () => {
  it('WHEN each digests its own page (Slack from a DM, by a member without rights) THEN each page is its workspace’s alone', async () => {
    expect(
      await discordCommand('digest', [{ name: 'url', value: route(LIBRARY, '/library.html') }], readerA),
    ).toContain('Eastside');
    expect(
      await discordCommand('digest', [{ name: 'url', value: route(FERRY, '/ferry.html') }], {
        ...readerB,
        ...inB,
      }),
    ).toContain('ferry');
    expect(
      await slackCommand(`digest ${route(WATCHES, '/watches.html')}`, {
        user: 'U0MEMBER01',
        channel: SLACK_DM,
      }),
    ).toContain('Watchmaker');
    const owners = async (title: string) => {
      const [listing] = await store.listArticles({ titleWords: title });
      return listing ? store.articleOwners(listing.id) : [];
    };
    expect(await owners(LIBRARY.title)).toEqual([`discord:${GUILD_A}`]);
    expect(await owners(FERRY.title)).toEqual([`discord:${GUILD_B}`]);
    expect(await owners(WATCHES.title)).toEqual([`slack:${TEAM}`]);
  });

  it('WHEN both servers digest the same URL THEN it is fetched and stored once, and both see it', async () => {
    const url = route(RATES, '/rates.html');
    expect(await discordCommand('digest', [{ name: 'url', value: url }], readerA)).toContain(
      'interest rates',
    );
    expect(await discordCommand('digest', [{ name: 'url', value: url }], { ...readerB, ...inB })).toContain(
      'interest rates',
    );
    expect(web.hits('/rates.html')).toBe(1);
    const [listing] = await store.listArticles({ titleWords: RATES.title });
    expect(await store.articleOwners(listing?.id ?? '')).toEqual([
      `discord:${GUILD_A}`,
      `discord:${GUILD_B}`,
    ]);
  });

  it('WHEN members without rights add feeds THEN both platforms refuse; with rights each workspace adds its own (Slack admins included)', async () => {
    const feedA = feed('/a.rss', MARATHON, '/marathon.html');
    const feedB = feed('/b.rss', ORCHARD, '/orchard.html');
    const feedSlack = feed('/slack.rss', OBSERVATORY, '/observatory.html');
    expect(
      await discordCommand(
        'feeds',
        [
          { name: 'action', value: 'add' },
          { name: 'url', value: feedA },
        ],
        readerA,
      ),
    ).toContain('needs the right to manage the channel');
    expect(
      await slackCommand(`feeds add ${feedSlack}`, { user: 'U0MEMBER01', channel: SLACK_CHANNEL }),
    ).toContain('needs the right to manage the channel');
    expect(await store.listFeeds()).toEqual([]);
    await discordCommand(
      'feeds',
      [
        { name: 'action', value: 'add' },
        { name: 'url', value: feedA },
      ],
      moderatorA,
    );
    await discordCommand(
      'feeds',
      [
        { name: 'action', value: 'add' },
        { name: 'url', value: feedB },
      ],
      { ...moderatorB, ...inB },
    );
    await slackCommand(`feeds add ${feedSlack}`, { user: 'U0ADMIN001', channel: SLACK_CHANNEL });
    expect((await store.listFeeds()).map((f) => f.owners)).toEqual([
      [`discord:${GUILD_A}`],
      [`discord:${GUILD_B}`],
      [`slack:${TEAM}`],
    ]);
    const listedInB = await discordCommand('feeds', [{ name: 'action', value: 'list' }], {
      ...readerB,
      ...inB,
    });
    expect(listedInB).toContain('/b.rss');
    expect(listedInB).not.toMatch(/\/a\.rss|\/slack\.rss/);
    // A server cannot remove another's feed.
    expect(
      await discordCommand(
        'feeds',
        [
          { name: 'action', value: 'remove' },
          { name: 'url', value: feedA },
        ],
        { ...moderatorB, ...inB },
      ),
    ).toContain('has no feed');

    const reports = await poller.pollOnce();
    expect(reports.map((report) => report.created)).toEqual([1, 1, 1]);
  });

  it('WHEN a server lists articles or autocompletes THEN it sees global and its own only', async () => {
    const listedB = await discordCommand('articles', [], { ...readerB, ...inB });
    for (const story of [...OWN.b, RATES]) expect(listedB).toContain(story.title);
    for (const story of [...OWN.a, ...OWN.slack]) expect(listedB).not.toContain(story.title);
    expect(await discordArticleChoices('eastside library', { ...readerB, ...inB })).toEqual([]);
    expect((await discordArticleChoices('eastside library', readerA)).join()).toContain('Eastside');
    const background = await discordCommand('background', [{ name: 'actor', value: 'Odile Ferreira' }], {
      ...readerB,
      ...inB,
    });
    expect(background).not.toContain('Eastside');
  });

  it('WHEN a Discord user digests a page in a DM THEN it is that user’s alone, seen in no server', async () => {
    const dm = { userId: '900000000000000045', guildId: null, channelId: '900000000000000046' };
    expect(
      await discordCommand('digest', [{ name: 'url', value: route(STORM_AT_SEA, '/storm.html') }], dm),
    ).toContain('Storm');
    const [listing] = await store.listArticles({ titleWords: STORM_AT_SEA.title });
    expect(await store.articleOwners(listing?.id ?? '')).toEqual([`discord:dm:${dm.userId}`]);
    expect(await discordCommand('articles', [], readerA)).not.toContain(STORM_AT_SEA.title);
    expect(await discordCommand('articles', [], dm)).toContain(STORM_AT_SEA.title);
  });

  it('WHEN a workspace keeps page digests to its managers THEN a member is refused in a channel, not in a DM, on both platforms', async () => {
    await store.setWorkspacePolicy(`discord:${GUILD_B}`, { pageDigests: 'managers' });
    await store.setWorkspacePolicy(`slack:${TEAM}`, { pageDigests: 'managers' });
    const page = route(BIKE_LANES, '/bike-lanes.html');
    const refusal = 'digesting a web page in a channel needs the right to manage the channel';
    expect(await discordCommand('digest', [{ name: 'url', value: page }], { ...readerB, ...inB })).toContain(
      refusal,
    );
    expect(await discordCommand('digest', [{ name: 'url', value: page }], readerA)).not.toContain(refusal);
    expect(
      await discordCommand('digest', [{ name: 'url', value: page }], { ...moderatorB, ...inB }),
    ).not.toContain(refusal);
    expect(await slackCommand(`digest ${page}`, { user: 'U0MEMBER01', channel: SLACK_CHANNEL })).toContain(
      refusal,
    );
    expect(await slackCommand(`digest ${page}`, { user: 'U0MEMBER01', channel: SLACK_DM })).not.toContain(
      refusal,
    );
    await store.setWorkspacePolicy(`discord:${GUILD_B}`, { pageDigests: 'everyone' });
    await store.setWorkspacePolicy(`slack:${TEAM}`, { pageDigests: 'everyone' });
  });

  it('WHEN each subscribed channel’s digest falls due THEN it holds the global article and its workspace’s own, never another’s', async () => {
    await discordCommand('subscribe', [{ name: 'schedule', value: '0 * * * *' }], moderatorA);
    await discordCommand('subscribe', [{ name: 'schedule', value: '0 * * * *' }], { ...moderatorB, ...inB });
    await slackCommand('subscribe "0 * * * *" UTC', { user: 'U0ADMIN001', channel: SLACK_CHANNEL });
    expect(await store.listSubscriptions()).toHaveLength(3);

    expect(await scheduler.runDue()).toMatchObject({ posted: 3, failed: 0 });
    const discordDigest = (channelId: string) =>
      JSON.stringify(fakeDiscord.messages.filter((m) => m.channelId === channelId).map((m) => m.body));
    const slackDigest = JSON.stringify(fakeSlack.messages.filter((m) => m.channel === SLACK_CHANNEL));
    const digests = {
      a: discordDigest(FAKE_DISCORD.channelId),
      b: discordDigest(CHANNEL_B),
      slack: slackDigest,
    };
    for (const [workspace, digest] of Object.entries(digests) as [keyof typeof OWN, string][]) {
      expect(digest, workspace).toContain(GLOBAL_TITLE.slice(0, 40));
      for (const story of OWN[workspace]) expect(digest, workspace).toContain(story.title);
      for (const [other, stories] of Object.entries(OWN))
        if (other !== workspace)
          for (const story of stories) expect(digest, `${workspace} ⊅ ${other}`).not.toContain(story.title);
    }
    expect(digests.a).toContain(RATES.title);
    expect(digests.b).toContain(RATES.title);
    expect(digests.slack).not.toContain(RATES.title);
    // Every scheduled post carried its delivery key: a nonce on Discord, metadata on Slack.
    expect(
      fakeDiscord.messages.filter((m) => m.channelId === CHANNEL_B).every((m) => m.nonce !== undefined),
    ).toBe(true);
    expect(
      fakeSlack.messages.filter((m) => m.channel === SLACK_CHANNEL).every((m) => m.metadata !== undefined),
    ).toBe(true);
  });
});

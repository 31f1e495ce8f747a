/**
 * The composition root: reads the config, opens the store, ingests the digests folder, starts the
 * platforms (the console always; Discord and Slack when their tokens are set) and wires every real
 * part together. Nothing else in newsdesk builds concrete classes.
 */

import { type Config, loadConfig } from './config.ts';
import { ActorDirectory } from './core/commands/actor-directory.ts';
import { handleCommand } from './core/commands/handle-command.ts';
import { parseMention } from './core/commands/mention.ts';
import type { CommandContext, CommandDeps, FeedLine } from './core/commands/types.ts';
import { buildDigest } from './core/digest/digest.ts';
import type { ChatChannel, Clock, Feed, Platform } from './core/ports.ts';
import { ok } from './core/result.ts';
import { createAnalysisPool } from './ingest/analysis-pool.ts';
import { watchDigestsFolder } from './ingest/digests-watcher.ts';
import { addCheckedFeed, describeFeed } from './ingest/feed-admin.ts';
import { createFeedPoller } from './ingest/feed-poller.ts';
import { createHttpFetcher } from './ingest/http-fetcher.ts';
import { type IngestDeps, ingestUrl } from './ingest/ingest.ts';
import { NearDuplicateIndex } from './ingest/near-duplicates.ts';
import { reanalyzeStale } from './ingest/reanalyze.ts';
import { createLogger, type Logger } from './logger.ts';
import { CONSOLE_CHANNEL, ConsoleChannel } from './platforms/console/channel.ts';
import { startConsolePrompt } from './platforms/console/prompt.ts';
import { type RunningDiscordPlatform, startDiscordPlatform } from './platforms/discord/bot.ts';
import { type RunningSlackPlatform, startSlackPlatform } from './platforms/slack/app.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { openStore } from './store/open.ts';

/** The names the bot answers to in mentions. */
const BOT_NAMES = ['newsdesk'];
/** How many of the newest articles the start-up digest shows. */
const STARTUP_DIGEST_ARTICLES = 3;

const systemClock: Clock = { now: () => new Date() };

/** A stored feed as `/feeds` shows it. */
function feedLine(feed: Feed): FeedLine {
  return { url: feed.url, title: feed.title, status: describeFeedState(feed) };
}

/** The state half of {@link describeFeed}: everything after the feed's name. */
function describeFeedState(feed: Feed): string {
  const name = feed.title ? `${feed.title} <${feed.url}>` : feed.url;
  return describeFeed(feed).slice(name.length + 2);
}

/** One line per chat platform: on, or off and why. */
function platformStatus(config: Config, interactive: boolean): string[] {
  const lines = [`Console: on (${interactive ? 'interactive prompt' : 'reading commands from stdin'})`];
  lines.push(config.discord ? 'Discord: starting' : 'Discord: off (DISCORD_TOKEN not set)');
  lines.push(
    config.slack ? `Slack: starting (${config.slack.mode} mode)` : 'Slack: off (SLACK_BOT_TOKEN not set)',
  );
  return lines;
}

/** Starts newsdesk; resolves with the exit code once the console input ends or a signal stops it. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.ok) {
    process.stderr.write(`newsdesk: ${config.error}\n`);
    return 1;
  }
  const settings = config.value;
  const logger: Logger = createLogger(settings.logLevel);
  const opened = await openStore(settings.databaseUrl);
  if (!opened.ok) {
    process.stderr.write(`newsdesk: ${opened.error}\n`);
    return 1;
  }
  const store = opened.value;
  const write = (text: string) => process.stdout.write(text);
  const warn = (line: string) => process.stderr.write(`newsdesk: ${line}\n`);

  // Parsing and analysis run in worker threads, each article within its budget: no input stalls the bot.
  const pool = createAnalysisPool({
    timeoutMs: settings.analysisTimeoutMs,
    onWorkerError: (error) => logger.error({ err: error }, 'analysis worker failed; replaced'),
  });
  // The digests folder is the user's own: every file there is stored, however alike two of them are.
  const folderIngest: IngestDeps = {
    articles: store,
    pool,
    failures: store,
    summarySentences: settings.summarySentences,
  };
  // The watcher's first scan is the start-up ingest, so no file dropped meanwhile is missed.
  const watcher = watchDigestsFolder(settings.digestsDir, {
    ...folderIngest,
    onIngested: (file, result) =>
      write(
        `newsdesk: ${file}: ${result.outcome === 'duplicate' ? 'unchanged' : result.outcome} (${result.title})\n`,
      ),
    onError: (file, error) =>
      warn(`warning: ${error.includes(file) ? error : `${file}: ${error}`} (skipped)`),
  });
  const tally = await watcher.ready;
  // Articles analysed under older rules are analysed again in the background, oldest first.
  const stopReanalysis = new AbortController();
  const reanalysis = reanalyzeStale({ ...folderIngest, signal: stopReanalysis.signal }).then(
    (done) => {
      if (done.updated + done.unanalysable > 0) logger.info({ ...done }, 're-analysed stored articles');
    },
    (error: unknown) => logger.error({ err: error }, 're-analysis failed'),
  );
  write(`newsdesk: store ${store.kind} at ${store.location}\n`);
  write(
    `newsdesk: ${settings.digestsDir}: ${tally.created} new, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.failed} skipped\n`,
  );
  const interactive = process.stdin.isTTY === true;
  for (const line of platformStatus(settings, interactive)) write(`${line}\n`);
  write('\n');

  const consoleChannel = new ConsoleChannel(write);
  const newest = await store.listArticles({ limit: STARTUP_DIGEST_ARTICLES });
  const analyses = [];
  for (const listing of newest) {
    const stored = await store.getArticle(listing.id);
    if (stored) analyses.push(stored.analysis);
  }
  if (analyses.length > 0) {
    await consoleChannel.post(CONSOLE_CHANNEL, { kind: 'digest', digest: buildDigest(analyses) });
  } else {
    write(`No articles yet: put .txt, .md or .html files in ${settings.digestsDir}/ and restart.\n\n`);
  }

  // Pages and feed items share one near-duplicate index: the same story from two sources is kept once.
  const fetcher = createHttpFetcher({ allowedHosts: settings.fetchAllowedHosts });
  const nearDuplicates = new NearDuplicateIndex();
  let seeded: Promise<void> | undefined;
  const webIngest = { ...folderIngest, nearDuplicates, fetcher };

  const deps: CommandDeps = {
    articles: store,
    subscriptions: store,
    clock: systemClock,
    defaultTimezone: settings.defaultTimezone,
    logger,
    // The directory reloads itself when the store's latest ingest number moves, so new articles show.
    actorDirectory: new ActorDirectory(),
    async ingestUrl(url) {
      seeded ??= nearDuplicates.seedFromStore(store);
      await seeded;
      const ingested = await ingestUrl(url, webIngest);
      return ingested.ok ? ok({ id: ingested.value.id, outcome: ingested.value.outcome }) : ingested;
    },
    feeds: {
      async add(url, addedBy) {
        const added = await addCheckedFeed(url, { feeds: store, fetcher }, addedBy);
        return added.ok ? ok({ feed: feedLine(added.value.feed), created: added.value.created }) : added;
      },
      async remove(url) {
        const known = await store.getFeed(url);
        if (!known || !(await store.removeFeed(url))) return undefined;
        return feedLine(known);
      },
      async list() {
        return (await store.listFeeds()).map(feedLine);
      },
    },
  };

  // Listing every actor name scans the actor index; doing it now keeps the first typo lookup quick.
  await deps.actorDirectory?.candidates(store, systemClock);

  // Slack runs beside the console (and Discord); if it cannot start, one line says why and the rest runs on.
  let slack: RunningSlackPlatform | undefined;
  if (settings.slack) {
    const started = await startSlackPlatform(
      settings.slack,
      {
        handleCommand: (request, slackContext) => handleCommand(request, slackContext, deps),
        parseMention: (text) => parseMention(text, BOT_NAMES),
      },
      logger,
    );
    if (started.ok) slack = started.value;
    write(started.ok ? `Slack: on (${started.value.mode} mode)\n` : `Slack: off (${started.error})\n`);
  }

  // Discord likewise: a wrong token or an unreachable API is one line, and the other platforms run on.
  let discord: RunningDiscordPlatform | undefined;
  if (settings.discord) {
    const started = await startDiscordPlatform(
      settings.discord,
      {
        handleCommand: (request, discordContext) => handleCommand(request, discordContext, deps),
        parseMention: (text) => parseMention(text, BOT_NAMES),
        lookups: store,
      },
      logger,
    );
    if (started.ok) discord = started.value;
    write(started.ok ? 'Discord: on\n' : `Discord: off (${started.error})\n`);
  }

  // One scheduler per process; the delivery log's unique claims keep several processes from double posts.
  const channels: Partial<Record<Platform, ChatChannel>> = { console: consoleChannel };
  if (slack) channels.slack = slack.channel;
  if (discord) channels.discord = discord.channel;
  const scheduler = createScheduler({
    subscriptions: store,
    deliveries: store,
    articles: store,
    channels,
    clock: systemClock,
    instanceId: settings.instanceId,
    logger,
    // The Slack adapter already paces each channel to about one message a second.
    postPolicies: { slack: { perChannelIntervalMs: 0, concurrency: 64 } },
  });
  void scheduler.start();

  const poller = createFeedPoller({
    ...webIngest,
    feeds: store,
    clock: systemClock,
    intervalMs: settings.feedPollMinutes * 60_000,
    onReport: (report) => {
      if (report.created > 0 || report.status === 'failed' || report.status === 'disabled')
        logger.info({ ...report }, 'feed polled');
    },
    onError: (error) => logger.error({ err: error }, 'feed poll failed'),
  });
  poller.start();

  const context: CommandContext = {
    platform: 'console',
    workspaceId: CONSOLE_CHANNEL.workspaceId,
    channelId: CONSOLE_CHANNEL.channelId,
    userId: 'console',
    // Whoever runs the process owns its console channel.
    canManageChannel: true,
  };
  const prompt = startConsolePrompt({
    input: process.stdin,
    output: process.stdout,
    interactive,
    botNames: BOT_NAMES,
    answer: (request) => handleCommand(request, context, deps),
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    prompt.close();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  try {
    await prompt.done;
  } finally {
    // The prompt has stopped reading; an open pipe or terminal must not keep the process alive.
    process.stdin.destroy();
    await watcher.stop();
    await poller.stop();
    stopReanalysis.abort();
    await reanalysis;
    await pool.close();
    await scheduler.stop();
    await slack?.stop();
    await discord?.stop();
    await store.close();
  }
  return 0;
}

process.exitCode = await main();

/**
 * The composition root: reads the config, opens the store, ingests the digests folder, starts the
 * platforms (the console always; Discord and Slack when their tokens are set) and wires every real
 * part together. Nothing else in newsdesk builds concrete classes.
 */

import { type Config, loadConfig } from './config.ts';
import { ActorDirectory } from './core/commands/actor-directory.ts';
import { handleCommand } from './core/commands/handle-command.ts';
import { parseMention } from './core/commands/mention.ts';
import { CONSOLE_WORKSPACE } from './core/commands/tenancy.ts';
import type { CommandContext, CommandDeps, FeedLine } from './core/commands/types.ts';
import { buildDigest } from './core/digest/digest.ts';
import { type ChatChannel, type Clock, type Feed, GLOBAL_OWNER, type Platform } from './core/ports.ts';
import { ok } from './core/result.ts';
import { watchDigestsFolder } from './ingest/digests-watcher.ts';
import { addCheckedFeed, describeFeed } from './ingest/feed-admin.ts';
import { createFeedPoller } from './ingest/feed-poller.ts';
import { createHttpFetcher } from './ingest/http-fetcher.ts';
import { type IngestDeps, ingestArticle, ingestUrl } from './ingest/ingest.ts';
import { listArticleFiles, loadArticleFile } from './ingest/load-file.ts';
import { NearDuplicateIndex } from './ingest/near-duplicates.ts';
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

/** What ingesting the digests folder did. */
interface IngestTally {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/**
 * Ingests every article file in `dir` through the one ingest pipeline; a file that cannot be read
 * or analysed gets a one-line warning and the others go on.
 */
async function ingestDigestsFolder(
  dir: string,
  deps: IngestDeps,
  warn: (line: string) => void,
): Promise<IngestTally> {
  const tally: IngestTally = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const files = await listArticleFiles(dir);
  if (!files.ok) {
    warn(`warning: DIGESTS_DIR ${files.error}; no articles ingested from it`);
    return tally;
  }
  for (const file of files.value) {
    const loaded = await loadArticleFile(file);
    if (!loaded.ok) {
      warn(`warning: ${loaded.error} (skipped)`);
      tally.failed++;
      continue;
    }
    try {
      const ingested = await ingestArticle(loaded.value, deps);
      if (!ingested.ok) {
        warn(`warning: ${file}: ${ingested.error} (skipped)`);
        tally.failed++;
      } else if (ingested.value.outcome === 'created') tally.created++;
      else if (ingested.value.outcome === 'updated') tally.updated++;
      else tally.unchanged++;
    } catch (error) {
      // One article the pipeline or the store cannot take must not stop the others.
      warn(`warning: ${file}: could not be ingested (${(error as Error).message.split('\n')[0]}) (skipped)`);
      tally.failed++;
    }
  }
  return tally;
}

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

  // The digests folder is the user's own: every file there is stored, however alike two of them are.
  // The operator's own sources are global: every workspace sees them.
  const folderIngest: IngestDeps = {
    articles: store,
    owners: [GLOBAL_OWNER],
    summarySentences: settings.summarySentences,
  };
  const tally = await ingestDigestsFolder(settings.digestsDir, folderIngest, warn);
  write(`newsdesk: store ${store.kind} at ${store.location}\n`);
  write(
    `newsdesk: ${settings.digestsDir}: ${tally.created} new, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.failed} skipped\n`,
  );
  const interactive = process.stdin.isTTY === true;
  for (const line of platformStatus(settings, interactive)) write(`${line}\n`);
  write('\n');

  const consoleChannel = new ConsoleChannel(write);
  const consoleView = store.visibleTo(CONSOLE_WORKSPACE);
  const newest = await consoleView.listArticles({ limit: STARTUP_DIGEST_ARTICLES });
  const analyses = [];
  for (const listing of newest) {
    const stored = await consoleView.getArticle(listing.id);
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
  const webIngest = { articles: store, summarySentences: settings.summarySentences, nearDuplicates, fetcher };

  const deps: CommandDeps = {
    articles: store,
    subscriptions: store,
    clock: systemClock,
    defaultTimezone: settings.defaultTimezone,
    logger,
    // The directory reloads itself when the store's latest ingest number moves, so new articles show.
    actorDirectory: new ActorDirectory(),
    policies: store,
    async ingestUrl(url, owner) {
      seeded ??= nearDuplicates.seedFromStore(store);
      await seeded;
      const ingested = await ingestUrl(url, { ...webIngest, owners: [owner] });
      return ingested.ok ? ok({ id: ingested.value.id, outcome: ingested.value.outcome }) : ingested;
    },
    feeds: {
      async add(url, addedBy, owner) {
        const added = await addCheckedFeed(url, { feeds: store, fetcher }, owner, addedBy);
        return added.ok ? ok({ feed: feedLine(added.value.feed), created: added.value.created }) : added;
      },
      async remove(url, owner) {
        const known = await store.getFeed(url);
        if (!known || !(await store.releaseFeed(url, owner))) return undefined;
        return feedLine(known);
      },
      async list(owner) {
        return (await store.listFeeds({ owner })).map(feedLine);
      },
    },
  };

  // Listing every actor name scans the actor index; doing it now keeps the first typo lookup quick.
  await deps.actorDirectory?.candidates(consoleView, systemClock, CONSOLE_WORKSPACE);

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

  const watcher = watchDigestsFolder(settings.digestsDir, {
    ...folderIngest,
    onIngested: (file, result) =>
      write(
        `newsdesk: ${file}: ${result.outcome === 'duplicate' ? 'unchanged' : result.outcome} (${result.title})\n`,
      ),
    onError: (file, error) => warn(`warning: ${file}: ${error}`),
  });
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
    directMessage: false,
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
    await scheduler.stop();
    await slack?.stop();
    await discord?.stop();
    await store.close();
  }
  return 0;
}

process.exitCode = await main();

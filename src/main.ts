/**
 * The composition root: reads the config, starts every part in order (health endpoint, store,
 * digests folder, Discord and Slack in the background with retries, scheduler, watcher, feed poller,
 * console where it belongs) and stops them in reverse on SIGTERM/SIGINT (or at the end of the
 * console's input when the console is the only platform). Nothing else in newsdesk builds concrete
 * classes.
 */

import { type Config, loadConfig } from './config.ts';
import { ActorDirectory } from './core/commands/actor-directory.ts';
import { suggestActorNames } from './core/commands/actor-suggestions.ts';
import { handleCommand } from './core/commands/handle-command.ts';
import { parseMention } from './core/commands/mention.ts';
import { CONSOLE_WORKSPACE } from './core/commands/tenancy.ts';
import type { CommandContext, CommandDeps, FeedLine } from './core/commands/types.ts';
import { buildDigest } from './core/digest/digest.ts';
import { type CommandHandler, measuredCommands } from './core/metrics.ts';
import { type ChatChannel, type Clock, type Feed, GLOBAL_OWNER, type Platform } from './core/ports.ts';
import { ok } from './core/result.ts';
import { createAnalysisPool } from './ingest/analysis-pool.ts';
import { watchDigestsFolder } from './ingest/digests-watcher.ts';
import { addCheckedFeed, describeFeed } from './ingest/feed-admin.ts';
import { createFeedPoller } from './ingest/feed-poller.ts';
import { createHttpFetcher } from './ingest/http-fetcher.ts';
import { createIdentityLinker, type IdentityLinker } from './ingest/identity-linker.ts';
import { type IngestDeps, ingestUrl } from './ingest/ingest.ts';
import { NearDuplicateIndex } from './ingest/near-duplicates.ts';
import { reanalyzeStale } from './ingest/reanalyze.ts';
import { createLogger, type Logger } from './logger.ts';
import { CONSOLE_CHANNEL, ConsoleChannel } from './platforms/console/channel.ts';
import { consoleRuns, startConsolePrompt } from './platforms/console/prompt.ts';
import { type RunningDiscordPlatform, startDiscordPlatform } from './platforms/discord/bot.ts';
import { DISCORD_NONCE_WINDOW_MS } from './platforms/discord/channel.ts';
import { type RunningSlackPlatform, startSlackPlatform } from './platforms/slack/app.ts';
import { SLACK_REPEAT_WINDOW_MS } from './platforms/slack/channel.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { type RetryDeps, retryUntilUp } from './service/backoff.ts';
import { type ReadinessCheck, startHealthServer } from './service/health-server.ts';
import {
  createStopSwitch,
  EXIT_CODES,
  ServiceParts,
  type StopSwitch,
  stopOnSignals,
} from './service/lifecycle.ts';
import { PlatformSlot } from './service/platform-slot.ts';
import { createPromMetrics, type PromMetrics } from './service/prom-metrics.ts';
import { connectStore } from './store/open.ts';
import type { Store } from './store/store.ts';

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

/** The running service: what main() builds once and hands to the steps below. */
interface Service {
  settings: Config;
  logger: Logger;
  parts: ServiceParts;
  stop: StopSwitch;
  prom: PromMetrics;
  /** A status line on stdout ("Discord: on"), as an operator reads them in the journal. */
  say: (line: string) => void;
  warn: (line: string) => void;
}

/** The retry settings every start-up retry of this process shares. */
function retryDeps(service: Service): RetryDeps {
  return {
    policy: service.settings.retry,
    log: service.logger,
    signal: service.stop.signal,
    clock: systemClock,
  };
}

/** The line saying whether the console runs, and why when it does not. */
function consoleStatus(settings: Config, runs: boolean, interactive: boolean): string {
  if (runs) return `Console: on (${interactive ? 'interactive prompt' : 'reading commands from stdin'})`;
  if (settings.console === 'off') return 'Console: off (CONSOLE=off)';
  return 'Console: off (Discord or Slack is on and stdin is not a terminal; CONSOLE=on reads it anyway)';
}

/** Opens the store, retrying while the database is unreachable; undefined when stopped or it cannot be. */
async function openStoreRetrying(service: Service): Promise<Store | undefined> {
  const opened = await retryUntilUp(
    'database',
    () =>
      connectStore(service.settings.databaseUrl, {
        readCacheBytes: service.settings.readCacheBytes,
        // A dropped connection fails only its operation, which the store retries on a new one: an
        // info line (the error carries the whole pg client, so only its code and message).
        onPoolError: (error) =>
          service.logger.info(
            { code: (error as { code?: unknown }).code, reason: error.message },
            'database connection lost; the store retries on a new one',
          ),
      }),
    retryDeps(service),
  );
  if (opened.ok) return opened.value;
  if (!service.stop.signal.aborted) process.stderr.write(`newsdesk: ${opened.error.reason}\n`);
  return undefined;
}

/** What `/readyz` looks at; filled in as the store opens and the platforms are configured. */
interface ReadinessSources {
  store: Store | undefined;
  slots: readonly PlatformSlot<RunningPlatformOf>[];
}

/** The `/readyz` checks: the store answers, and every configured platform is connected. */
function readinessChecks(sources: ReadinessSources): ReadinessCheck[] {
  const { store } = sources;
  return [
    {
      name: 'store',
      check: async () => {
        if (!store) return 'connecting';
        await store.latestSeq();
        return undefined;
      },
    },
    ...sources.slots.map((slot) => ({ name: slot.platform, check: async () => slot.notReady() })),
  ];
}

type RunningPlatformOf = RunningDiscordPlatform | RunningSlackPlatform;

/** Starts the health endpoint when HEALTH_PORT is set; false when its port cannot be used. */
async function startHealth(service: Service, checks: () => readonly ReadinessCheck[]): Promise<boolean> {
  const health = service.settings.health;
  if (!health) return true;
  const started = await startHealthServer({
    ...health,
    checks,
    metrics: { contentType: service.prom.registry.contentType, text: () => service.prom.registry.metrics() },
    stopping: service.stop.signal,
  });
  if (!started.ok) {
    process.stderr.write(`newsdesk: ${started.error}\n`);
    return false;
  }
  service.parts.add({ name: 'health endpoint', stop: started.value.stop });
  service.logger.info(
    { port: started.value.port, host: health.host },
    `health: listening on http://${health.host}:${started.value.port} (/healthz, /readyz, /metrics)`,
  );
  return true;
}

/** The dependencies of every command handler, on the real store and fetcher. */
function commandDeps(
  service: Service,
  store: Store,
  webIngest: WebIngest,
  channels: Partial<Record<Platform, ChatChannel>>,
): CommandDeps {
  let seeded: Promise<void> | undefined;
  const { fetcher, nearDuplicates } = webIngest;
  return {
    articles: store,
    subscriptions: store,
    deliveries: store,
    // The platforms start later; `channels` is filled in as they are configured.
    async checkAccess(channel) {
      const platform = channels[channel.platform];
      if (!platform) return { ok: false, reason: `${channel.platform} is not on in this newsdesk` };
      return platform.checkAccess(channel);
    },
    clock: systemClock,
    defaultTimezone: service.settings.defaultTimezone,
    logger: service.logger,
    // The directory reloads itself when the store's latest ingest number moves, so new articles show.
    actorDirectory: new ActorDirectory(),
    policies: store,
    async ingestUrl(url, owner) {
      seeded ??= nearDuplicates.seedFromStore(store);
      await seeded;
      // A page is its workspace's: other workspaces do not see it unless they add it too.
      const ingested = await ingestUrl(url, { ...webIngest, owners: [owner] });
      service.prom.metrics.articleIngested('url', ingested.ok ? ingested.value.outcome : 'failed');
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
}

/**
 * Pages and feed items share one near-duplicate index: the same story from two sources is kept once.
 * Their owners come per page (the asking workspace) and per feed (whoever holds it).
 */
type WebIngest = Omit<IngestDeps, 'owners'> & {
  articles: Store;
  nearDuplicates: NearDuplicateIndex;
  fetcher: ReturnType<typeof createHttpFetcher>;
};

/** Discord and Slack as configured: each started in the background, retried while unreachable. */
function startChatPlatforms(
  service: Service,
  answer: CommandHandler,
  store: Store,
  actorDirectory: ActorDirectory | undefined,
) {
  const { settings, logger } = service;
  const slots: PlatformSlot<RunningPlatformOf>[] = [];
  const parseBotMention = (text: string) => parseMention(text, BOT_NAMES);
  if (settings.slack) {
    const slackConfig = settings.slack;
    const slot = new PlatformSlot<RunningSlackPlatform>('slack', 'Slack', SLACK_REPEAT_WINDOW_MS);
    slot.supervise(
      (signal) =>
        startSlackPlatform(slackConfig, { handleCommand: answer, parseMention: parseBotMention }, logger, {
          signal,
          reconnect: settings.retry,
        }),
      retryDeps(service),
      service.say,
      (running) => service.say(`Slack: on (${running.mode} mode)`),
    );
    slots.push(slot);
  }
  if (settings.discord) {
    const discordConfig = settings.discord;
    const slot = new PlatformSlot<RunningDiscordPlatform>('discord', 'Discord', DISCORD_NONCE_WINDOW_MS);
    slot.supervise(
      (signal) =>
        startDiscordPlatform(
          discordConfig,
          {
            handleCommand: answer,
            parseMention: parseBotMention,
            lookups: store,
            suggestActors: (workspace, typed, limit) =>
              suggestActorNames(
                { articles: store.visibleTo(workspace), clock: systemClock, workspace, actorDirectory },
                typed,
                limit,
              ),
          },
          logger,
          { signal },
        ),
      retryDeps(service),
      service.say,
      () => service.say('Discord: on'),
    );
    slots.push(slot);
  }
  for (const slot of slots)
    service.parts.add({ name: slot.platform, stop: () => slot.stop(), pending: () => slot.pending() });
  return slots;
}

/** Prints the digest of the newest articles to the console, as a newcomer's first sight of the bot. */
async function printStartupDigest(
  store: Store,
  consoleChannel: ConsoleChannel,
  digestsDir: string,
  say: (line: string) => void,
) {
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
    say(`No articles yet: put .txt, .md or .html files in ${digestsDir}/ and restart.\n`);
  }
}

/** The scheduler, the digests folder watcher and the feed poller, each registered to stop. */
function startBackgroundWork(
  service: Service,
  store: Store,
  channels: Partial<Record<Platform, ChatChannel>>,
  web: WebIngest,
) {
  const { settings, logger, prom } = service;
  // One scheduler per process; the delivery log's unique claims keep several processes from double posts.
  const scheduler = createScheduler({
    subscriptions: store,
    deliveries: store,
    articles: store,
    channels,
    clock: systemClock,
    instanceId: settings.instanceId,
    logger,
    metrics: prom.metrics,
    // The Slack adapter already paces each channel to about one message a second.
    postPolicies: { slack: { perChannelIntervalMs: 0, concurrency: 64 } },
  });
  void scheduler.start();
  service.parts.add({
    name: 'scheduler',
    stop: () => scheduler.stop(),
    pending: () => `${scheduler.queuedPosts()} posts in flight`,
  });

  const poller = createFeedPoller({
    ...web,
    feeds: store,
    clock: systemClock,
    intervalMs: settings.feedPollMinutes * 60_000,
    onReport: (report) => {
      prom.metrics.feedPolled(report.status);
      for (let i = 0; i < report.created; i++) prom.metrics.articleIngested('feed', 'created');
      if (report.created > 0 || report.status === 'failed' || report.status === 'disabled')
        logger.info({ ...report }, 'feed polled');
    },
    onError: (error) => {
      prom.metrics.feedPolled('error');
      logger.error({ err: error }, 'feed poll failed');
    },
  });
  poller.start();
  service.parts.add({ name: 'feed poller', stop: () => poller.stop() });
  return scheduler;
}

/**
 * Runs the console prompt. Alone, its end stops newsdesk; beside Discord or Slack only "exit" or
 * Ctrl+C does, and the end of input leaves the bot running until a signal.
 */
function runConsole(service: Service, answer: CommandHandler, interactive: boolean, alone: boolean) {
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
    answer: (request) => answer(request, context),
  });
  service.parts.add({ name: 'console', stop: async () => prompt.close() });
  void prompt.done.then((end) => {
    // The prompt has stopped reading; an open pipe or terminal must not keep the process alive.
    process.stdin.destroy();
    if (end === 'closed') return;
    if (alone || end !== 'end of input') service.stop.request(`console: ${end}`);
    else service.logger.info('console: end of input; newsdesk runs on until SIGTERM or SIGINT');
  });
}

/** Starts newsdesk and runs it until a stop; resolves with the exit code. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.ok) {
    process.stderr.write(`newsdesk: ${config.error}\n`);
    return 1;
  }
  const settings = config.value;
  const logger: Logger = createLogger(settings.logLevel);
  const parts = new ServiceParts();
  const stop = createStopSwitch({
    graceMs: settings.shutdownGraceMs,
    log: logger,
    unfinished: () => parts.unfinished(),
    exit: (code) => process.exit(code),
  });
  stopOnSignals(process, stop);
  // A library's stray rejection (a reconnect loop's, say) is logged, never the end of the bot.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason, code: 'NEWSDESK_UNHANDLED_REJECTION' }, 'unhandled promise rejection'),
  );
  const service: Service = {
    settings,
    logger,
    parts,
    stop,
    prom: createPromMetrics(),
    say: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`newsdesk: ${line}\n`),
  };

  const readiness: ReadinessSources = { store: undefined, slots: [] };
  // Health first: a probe sees "live, not ready" while the database is still awaited.
  if (!(await startHealth(service, () => readinessChecks(readiness)))) return 1;
  parts.add({
    name: 'store',
    stop: async () => readiness.store?.close(),
    pending: () => (readiness.store ? undefined : 'still connecting'),
  });
  const store = await openStoreRetrying(service);
  if (!store) return stop.signal.aborted ? await stopAll(service) : 1;
  readiness.store = store;
  return run(service, store, (slots) => {
    readiness.slots = slots;
  });
}

/** Stops every started part; the exit code of a clean stop. */
async function stopAll(service: Service): Promise<number> {
  await service.parts.stopAll(service.logger);
  service.logger.info('stopped');
  return EXIT_CODES.stopped;
}

/**
 * Watches the digests folder; its first scan is the start-up ingest, so no file dropped meanwhile
 * is missed. Resolves with what that first scan did.
 */
async function startDigestsWatcher(service: Service, folder: IngestDeps) {
  const { metrics } = service.prom;
  const watcher = watchDigestsFolder(service.settings.digestsDir, {
    ...folder,
    onIngested: (file, result) => {
      metrics.articleIngested('folder', result.outcome);
      service.say(
        `newsdesk: ${file}: ${result.outcome === 'duplicate' ? 'unchanged' : result.outcome} (${result.title})`,
      );
    },
    onError: (file, error) =>
      service.warn(`warning: ${error.includes(file) ? error : `${file}: ${error}`} (skipped)`),
  });
  service.parts.add({ name: 'digests watcher', stop: () => watcher.stop() });
  const tally = await watcher.ready;
  const outcomes = {
    created: tally.created,
    updated: tally.updated,
    duplicate: tally.unchanged,
    failed: tally.failed,
  };
  for (const [outcome, count] of Object.entries(outcomes))
    for (let i = 0; i < count; i++) metrics.articleIngested('folder', outcome);
  return tally;
}

/** The actor directory's background linker: one identity per person across all coverage, relinked as new articles arrive. */
function startIdentityLinker(service: Service, store: Store): IdentityLinker {
  const linker = createIdentityLinker({
    store,
    onRelinked: (report) => service.logger.debug({ ...report }, 'actor identities relinked'),
    onError: (error) => service.logger.error({ err: error }, 'actor identity relink failed'),
  });
  linker.start();
  service.parts.add({ name: 'identity linker', stop: () => linker.stop() });
  return linker;
}

/** Re-analyses, in the background and oldest first, the articles analysed under older rules. */
function startReanalysis(service: Service, folder: IngestDeps): void {
  const stopReanalysis = new AbortController();
  const reanalysis = reanalyzeStale({ ...folder, signal: stopReanalysis.signal }).then(
    (done) => {
      if (done.updated + done.unanalysable > 0)
        service.logger.info({ ...done }, 're-analysed stored articles');
    },
    (error: unknown) => service.logger.error({ err: error }, 're-analysis failed'),
  );
  service.parts.add({
    name: 're-analysis',
    stop: async () => {
      stopReanalysis.abort();
      await reanalysis;
    },
  });
}

/** Everything after the store is open: ingest, platforms, background work, console; then waits for a stop. */
async function run(
  service: Service,
  store: Store,
  onPlatforms: (slots: PlatformSlot<RunningPlatformOf>[]) => void,
): Promise<number> {
  const { settings, prom } = service;
  // Parsing and analysis run in worker threads, each article within its budget: no input stalls the bot.
  const pool = createAnalysisPool({
    timeoutMs: settings.analysisTimeoutMs,
    onWorkerError: (error) => service.logger.error({ err: error }, 'analysis worker failed; replaced'),
  });
  service.parts.add({ name: 'analysis pool', stop: () => pool.close() });
  const analysis = {
    articles: store,
    pool,
    failures: store,
    summarySentences: settings.summarySentences,
    metrics: prom.metrics,
  };
  // The digests folder is the user's own: every file there is stored, however alike two of them are.
  // The operator's own sources are global: every workspace sees them.
  const folder: IngestDeps & { articles: Store } = { ...analysis, owners: [GLOBAL_OWNER] };
  const tally = await startDigestsWatcher(service, folder);
  if (service.stop.signal.aborted) return stopAll(service);
  startReanalysis(service, folder);
  const linker = startIdentityLinker(service, store);
  service.say(`newsdesk: store ${store.kind} at ${store.location}`);
  service.say(
    `newsdesk: ${settings.digestsDir}: ${tally.created} new, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.failed} skipped`,
  );
  const interactive = process.stdin.isTTY === true;
  const chatConfigured = settings.discord !== undefined || settings.slack !== undefined;
  const withConsole = consoleRuns(settings.console, chatConfigured, interactive);
  service.say(consoleStatus(settings, withConsole, interactive));
  service.say(settings.discord ? 'Discord: starting' : 'Discord: off (DISCORD_TOKEN not set)');
  service.say(
    settings.slack ? `Slack: starting (${settings.slack.mode} mode)` : 'Slack: off (SLACK_BOT_TOKEN not set)',
  );

  const consoleChannel = new ConsoleChannel((text) => process.stdout.write(text));
  if (withConsole) {
    service.say('');
    await printStartupDigest(store, consoleChannel, settings.digestsDir, service.say);
  }
  const web: WebIngest = {
    ...analysis,
    nearDuplicates: new NearDuplicateIndex(),
    fetcher: createHttpFetcher({ allowedHosts: settings.fetchAllowedHosts }),
  };
  const channels: Partial<Record<Platform, ChatChannel>> = {};
  const deps = commandDeps(service, store, web, channels);
  // Listing every actor name scans the actor index: begun now, beside start-up, so the first typo
  // lookup finds it ready or shares the load in flight, and the platforms start without waiting.
  deps.actorDirectory
    ?.index(store.visibleTo(CONSOLE_WORKSPACE), systemClock, CONSOLE_WORKSPACE)
    .catch((error: unknown) => service.logger.warn({ err: error }, 'actor directory warm-up failed'));
  const answer = measuredCommands(
    (request, context) => handleCommand(request, context, deps),
    prom.metrics,
    () => {
      const started = performance.now();
      return () => (performance.now() - started) / 1000;
    },
  );

  const slots = startChatPlatforms(service, answer, store, deps.actorDirectory);
  onPlatforms(slots);
  if (withConsole) channels.console = consoleChannel;
  for (const slot of slots) channels[slot.platform] = slot;
  const scheduler = startBackgroundWork(service, store, channels, web);
  prom.readFrom({
    postQueueDepth: () => scheduler.queuedPosts(),
    platforms: () => slots.map((slot) => ({ platform: slot.platform, connected: slot.connected() })),
  });
  if (withConsole) {
    // The console's first question must find people across the start-up ingest's articles.
    await linker.ready;
    runConsole(service, answer, interactive, !chatConfigured);
  }

  await service.stop.requested;
  return stopAll(service);
}

// Exit explicitly: a library's reconnect timer (discord.js retries its gateway every half second)
// must not keep a stopped bot alive.
process.exit(await main());

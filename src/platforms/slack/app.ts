/**
 * The Slack platform: a Bolt app in Socket Mode (SLACK_APP_TOKEN) or HTTP mode (SLACK_SIGNING_SECRET)
 * that turns `/newsdesk …`, @mentions and DMs into core commands and core replies into Block Kit,
 * plus the ChatChannel the scheduler posts digests through.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, LogLevel, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import { mayNeedManageRights } from '../../core/commands/permissions.ts';
import type { CommandContext, CommandReply, CommandRequest } from '../../core/commands/types.ts';
import type { ChatChannel } from '../../core/ports.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Logger } from '../../logger.ts';
import { renderReplyForSlack, type SlackReply } from './blocks.ts';
import { ChannelPacer, createSlackChatChannel, postSlackMessage } from './channel.ts';
import { parseUmbrellaText } from './command-text.ts';
import { SeenEvents } from './event-dedupe.ts';
import { unescapeSlackText } from './mrkdwn.ts';
import { slackChannelAccess } from './permissions.ts';

/** The umbrella slash command (see slack-manifest.yml). */
export const SLACK_COMMAND = '/newsdesk';

/** What the Slack platform runs on; main.ts binds the core handlers to the store. */
export interface SlackPlatformDeps {
  /** The core dispatcher: a request in a context -> a reply (expected failures are replies). */
  handleCommand(request: CommandRequest, context: CommandContext): Promise<CommandReply>;
  /** Mention or DM text (bot mention removed) -> a request; unrecognised text -> help. */
  parseMention(text: string): CommandRequest;
}

/** Knobs for tests and benchmarks; production uses the defaults. */
export interface SlackPlatformOptions {
  /** HTTP mode: answer Slack only after the listener ran (Bolt's FaaS setting; tests use it). */
  processBeforeResponse?: boolean;
  /** Minimum gap between two messages to one channel (default 1000 ms: Slack's ~1/s). */
  postIntervalMs?: number;
}

/** A started Slack platform. */
export interface RunningSlackPlatform {
  mode: SlackConfig['mode'];
  /** What the scheduler posts digests through. */
  channel: ChatChannel;
  /** The bot's own user id, from `auth.test`. */
  botUserId: string;
  /** HTTP mode: the port the events endpoint (`/slack/events`) listens on. */
  httpPort: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the Slack app: checks the bot token (`auth.test`), connects over Socket Mode or listens
 * for HTTP, and returns the running platform, or one line saying why Slack could not start.
 */
export async function startSlackPlatform(
  config: SlackConfig,
  deps: SlackPlatformDeps,
  logger: Logger,
  options: SlackPlatformOptions = {},
): Promise<Result<RunningSlackPlatform, string>> {
  const log = logger.child({ platform: 'slack' });
  const clientOptions: webApi.WebClientOptions = config.apiUrl
    ? { slackApiUrl: withSlash(config.apiUrl) }
    : {};
  // The scheduler owns retries and backoff, so its client neither waits out rate limits nor retries.
  const postingClient = new webApi.WebClient(config.botToken, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: boltLogger(log),
  });
  // One auth.test up front: a bad token is one clear line, and Bolt is handed the bot's ids.
  let botUserId: string;
  let botId: string | undefined;
  try {
    const auth = await postingClient.auth.test();
    botUserId = auth.user_id ?? '';
    botId = auth.bot_id;
  } catch (error) {
    return err(`Slack did not start (${config.mode} mode): ${describeStartError(error)}`);
  }
  const common = {
    token: config.botToken,
    botUserId,
    ...(botId === undefined ? {} : { botId }),
    tokenVerificationEnabled: false,
    logger: boltLogger(log),
    clientOptions,
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.appToken })
      : new App({
          ...common,
          signingSecret: config.signingSecret,
          processBeforeResponse: options.processBeforeResponse ?? false,
        });

  const pacer = new ChannelPacer(options.postIntervalMs ?? 1000);
  const seen = new SeenEvents();

  app.error(async (error) => {
    log.error({ code: error.code, err: error }, 'slack: unhandled error in a listener');
  });

  // Events API redeliveries (retry_num / X-Slack-Retry-Num) of an event already taken are dropped here,
  // before any listener: Bolt has already acked them.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.firstSighting(eventId)) {
      log.debug({ eventId }, 'slack: dropped a redelivered event');
      return;
    }
    await next();
  });

  const contextFor = async (
    request: CommandRequest,
    where: { workspaceId: string; channelId: string; userId: string },
  ): Promise<{ context: CommandContext; refusal?: CommandReply }> => {
    // A DM with the bot is a conversation whose id starts with D; it belongs to the user's team.
    const directMessage = where.channelId.startsWith('D');
    const context: CommandContext = { platform: 'slack', ...where, directMessage, canManageChannel: false };
    // The rights cost a Web API round trip, so they are looked up only when the permission table may ask.
    if (!mayNeedManageRights(request, directMessage)) return { context };
    const access = await slackChannelAccess(app.client, where.channelId, where.userId);
    context.canManageChannel = access.canManage;
    if (request.name === 'subscribe' && access.canManage && !access.botIsMember) {
      return {
        context,
        refusal: {
          kind: 'error',
          ephemeral: true,
          code: 'not_allowed',
          text: 'newsdesk is not in this channel, so it could not post digests here. Invite it first: /invite @newsdesk',
          suggestions: [],
        },
      };
    }
    return { context };
  };

  const answer = async (
    request: CommandRequest,
    where: { workspaceId: string; channelId: string; userId: string },
  ): Promise<SlackReply> => {
    const { context, refusal } = await contextFor(request, where);
    const reply = refusal ?? (await deps.handleCommand(request, context));
    return renderReplyForSlack(reply, SLACK_COMMAND);
  };

  app.command(SLACK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const where = { workspaceId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    const started = performance.now();
    try {
      const parsed = parseUmbrellaText(unescapeSlackText(command.text));
      let rendered: SlackReply;
      if (parsed.ok) {
        rendered = await answer(parsed.request, where);
      } else if (parsed.suggestions.length > 0) {
        rendered = renderReplyForSlack({
          kind: 'notice',
          ephemeral: true,
          text: `There is no \`${SLACK_COMMAND} ${parsed.word}\` command.`,
          suggestions: parsed.suggestions.map((name) => `${SLACK_COMMAND} ${name}`),
        });
      } else {
        rendered = await answer({ name: 'help', options: {}, unrecognized: command.text }, where);
      }
      for (const message of rendered.messages) {
        await respond({
          response_type: rendered.ephemeral ? 'ephemeral' : 'in_channel',
          replace_original: false,
          ...message,
        });
      }
      log.debug(
        { command: command.text, ms: Math.round(performance.now() - started) },
        'slack: answered command',
      );
    } catch (error) {
      log.error({ err: error, command: command.text, ...where }, 'slack: command failed');
      await respond({
        response_type: 'ephemeral',
        text: 'Sorry, something went wrong answering that. Please try again in a moment.',
      }).catch(() => undefined);
    }
  });

  const answerInThread = async (message: {
    text: string;
    channel: string;
    user: string;
    team: string;
    ts: string;
    threadTs: string | undefined;
  }): Promise<void> => {
    const where = { workspaceId: message.team, channelId: message.channel, userId: message.user };
    const threadTs = message.threadTs ?? message.ts;
    try {
      const request = deps.parseMention(stripBotMention(unescapeSlackText(message.text), botUserId));
      const rendered = await answer(request, where);
      for (const part of rendered.messages) {
        await postSlackMessage(app.client, pacer, { channel: message.channel, thread_ts: threadTs, ...part });
      }
    } catch (error) {
      log.error({ err: error, text: message.text, ...where }, 'slack: mention failed');
      await postSlackMessage(app.client, pacer, {
        channel: message.channel,
        thread_ts: threadTs,
        text: 'Sorry, something went wrong answering that. Please try again in a moment.',
        blocks: [],
      }).catch(() => undefined);
    }
  };

  app.event('app_mention', async ({ event, body }) => {
    if (event.user === undefined || event.bot_id !== undefined) return;
    await answerInThread({
      text: event.text,
      channel: event.channel,
      user: event.user,
      team: event.team ?? body.team_id,
      ts: event.ts,
      threadTs: event.thread_ts,
    });
  });

  app.message(async ({ message, body }) => {
    // Only people's own DMs: no edits, joins or other bots (which could loop with us).
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined)
      return;
    if (message.user === botUserId) return;
    await answerInThread({
      text: message.text ?? '',
      channel: message.channel,
      user: message.user,
      team: message.team ?? body.team_id,
      ts: message.ts,
      threadTs: message.thread_ts,
    });
  });

  try {
    const started: unknown = config.mode === 'socket' ? await app.start() : await app.start(config.port);
    const httpPort =
      config.mode === 'http' ? ((started as Server).address() as AddressInfo | null)?.port : undefined;
    log.info({ mode: config.mode, botUserId, httpPort }, 'slack: connected');
    return ok({
      mode: config.mode,
      channel: createSlackChatChannel(postingClient, pacer, botId),
      botUserId,
      httpPort,
      stop: async () => {
        await app.stop();
      },
    });
  } catch (error) {
    await app.stop().catch(() => undefined);
    return err(`Slack did not start (${config.mode} mode): ${describeStartError(error)}`);
  }
}

/** Removes the leading "<@BOT>" (or "<@BOT|name>") of a mention, keeping what the user asked. */
export function stripBotMention(text: string, botUserId: string): string {
  const own = botUserId === '' ? '[A-Z0-9]+' : botUserId;
  return text
    .replace(new RegExp(`<@${own}(\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One line for a failed start, from the Web API client's coded errors. */
function describeStartError(error: unknown): string {
  const coded = error as { code?: unknown; data?: { error?: unknown }; message?: unknown };
  if (coded?.code === 'slack_webapi_platform_error') {
    const slackError = String(coded.data?.error);
    if (slackError === 'invalid_auth' || slackError === 'not_authed')
      return `Slack refused the token (${slackError}); check SLACK_BOT_TOKEN and SLACK_APP_TOKEN`;
    return `Slack answered ${slackError}`;
  }
  if (coded?.code === 'slack_webapi_request_error')
    return 'Slack is unreachable (check SLACK_API_URL and the network)';
  return String(coded?.message ?? error);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Bolt's logger interface over pino, so Bolt's and Socket Mode's lines land in the same log. */
function boltLogger(log: Logger): BoltLogger {
  const line = (parts: unknown[]): string =>
    parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
  const levels: Record<string, LogLevel> = {
    trace: LogLevel.DEBUG,
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
  };
  return {
    debug: (...parts) => log.debug(line(parts)),
    info: (...parts) => log.info(line(parts)),
    warn: (...parts) => log.warn(line(parts)),
    error: (...parts) => log.error(line(parts)),
    // The level is pino's, set from LOG_LEVEL; Bolt's setter is a no-op.
    setLevel: () => undefined,
    getLevel: () => levels[log.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

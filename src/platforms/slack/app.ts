/**
 * The Slack platform: a Bolt app in Socket Mode (SLACK_APP_TOKEN) or HTTP mode (SLACK_SIGNING_SECRET)
 * that turns `/newsdesk …`, @mentions and DMs into core commands and core replies into Block Kit,
 * plus the ChatChannel the scheduler posts digests through.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type Logger as BoltLogger,
  LogLevel,
  type RespondFn,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import type { RetryPolicy, SlackConfig } from '../../config.ts';
import { requestOfMoreToken } from '../../core/commands/paging.ts';
import { mayNeedManageRights } from '../../core/commands/permissions.ts';
import type { CommandContext, CommandReply, CommandRequest } from '../../core/commands/types.ts';
import type { ChatChannel } from '../../core/ports.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Logger } from '../../logger.ts';
import { retryUntilUp } from '../../service/backoff.ts';
import { OutageLog, type PlatformStartFailure } from '../connection.ts';
import { CHOICE_ACTION_PREFIX, MORE_ACTION, renderReplyForSlack, type SlackReply } from './blocks.ts';
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
  /** Aborting it ends a start in progress and any reconnect loop (newsdesk is stopping). */
  signal?: AbortSignal;
  /** Backoff of Socket Mode reconnects (default 1 s doubling up to 60 s). */
  reconnect?: RetryPolicy;
}

/** Socket Mode reconnect backoff when none is given. */
const DEFAULT_RECONNECT: RetryPolicy = { baseMs: 1000, maxMs: 60_000 };

/** A started Slack platform. */
export interface RunningSlackPlatform {
  mode: SlackConfig['mode'];
  /** What the scheduler posts digests through. */
  channel: ChatChannel;
  /** The bot's own user id, from `auth.test`. */
  botUserId: string;
  /** HTTP mode: the port the events endpoint (`/slack/events`) listens on. */
  httpPort: number | undefined;
  /** Whether Slack can reach the bot now (Socket Mode: the socket is open; HTTP: listening). */
  connected(): boolean;
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
): Promise<Result<RunningSlackPlatform, PlatformStartFailure>> {
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
    return err(startFailure(config.mode, error));
  }
  const common = {
    token: config.botToken,
    botUserId,
    ...(botId === undefined ? {} : { botId }),
    tokenVerificationEnabled: false,
    logger: boltLogger(log),
    clientOptions,
  };
  let receiver: SocketModeReceiver | undefined;
  let app: App;
  if (config.mode === 'socket') {
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger(log),
      // newsdesk reconnects itself (below): Socket Mode's own loop gives up for good on a network
      // error, and its connections.open client would first retry a hundred times.
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: { ...clientOptions, retryConfig: { retries: 0 } } },
    });
    app = new App({ ...common, receiver });
  } else {
    app = new App({
      ...common,
      signingSecret: config.signingSecret,
      processBeforeResponse: options.processBeforeResponse ?? false,
    });
  }
  const stopping = new AbortController();
  const outages = new OutageLog('slack: socket', log);

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

  /** Answers a button's request as new messages beside the one it sits on (`label` names it in logs). */
  const answerButton = async (
    request: CommandRequest | undefined,
    where: { workspaceId: string; channelId: string; userId: string },
    respond: RespondFn,
    label: string,
  ): Promise<void> => {
    try {
      const rendered = request
        ? await answer(request, where)
        : renderReplyForSlack({
            kind: 'notice',
            ephemeral: true,
            text: 'That button is no longer used.',
            suggestions: [],
          });
      for (const message of rendered.messages) {
        await respond({
          response_type: rendered.ephemeral ? 'ephemeral' : 'in_channel',
          replace_original: false,
          ...message,
        });
      }
    } catch (error) {
      log.error({ err: error, action: label, ...where }, `slack: ${label} failed`);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Sorry, something went wrong answering that. Please try again in a moment.',
      }).catch(() => undefined);
    }
  };
  const whereOf = (body: {
    team?: { id: string } | null;
    channel?: { id: string };
    user: { id: string };
  }) => ({
    workspaceId: body.team?.id ?? '',
    channelId: body.channel?.id ?? '',
    userId: body.user.id,
  });

  // A button of a "which one did you mean?" choice: the command it carries, answered like the slash command.
  app.action(new RegExp(`^${CHOICE_ACTION_PREFIX}`), async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    await answerButton(choiceRequest(action.value ?? ''), whereOf(body), respond, 'choice');
  });

  // A paged reply's "More": the button's value is the next page's request, answered as a new message.
  app.action(MORE_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const value = action.type === 'button' ? action.value : undefined;
    await answerButton(
      value === undefined ? undefined : requestOfMoreToken(value),
      whereOf(body),
      respond,
      'more',
    );
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

  const abandon = () => void app.stop().catch(() => undefined);
  options.signal?.addEventListener('abort', abandon, { once: true });
  let httpPort: number | undefined;
  try {
    const started: unknown = config.mode === 'socket' ? await app.start() : await app.start(config.port);
    httpPort =
      config.mode === 'http' ? ((started as Server).address() as AddressInfo | null)?.port : undefined;
    log.info({ mode: config.mode, botUserId, httpPort }, 'slack: connected');
  } catch (error) {
    await app.stop().catch(() => undefined);
    return err(startFailure(config.mode, error));
  } finally {
    options.signal?.removeEventListener('abort', abandon);
  }
  if (receiver !== undefined) {
    keepSocketOpen(receiver, outages, {
      log,
      signal: AbortSignal.any([stopping.signal, ...(options.signal ? [options.signal] : [])]),
      policy: options.reconnect ?? DEFAULT_RECONNECT,
    });
  }
  return ok({
    mode: config.mode,
    channel: createSlackChatChannel(postingClient, pacer, botId),
    botUserId,
    httpPort,
    connected: () => outages.connected,
    stop: async () => {
      stopping.abort();
      await app.stop();
    },
  });
}

/**
 * Reopens the Socket Mode connection whenever it closes (Slack recycles connections now and then;
 * networks drop), with capped backoff and jitter, until newsdesk stops.
 */
function keepSocketOpen(
  receiver: SocketModeReceiver,
  outages: OutageLog,
  how: { log: Logger; signal: AbortSignal; policy: RetryPolicy },
): void {
  const socket = receiver.client;
  let reconnecting = false;
  socket.on('disconnected', () => {
    if (how.signal.aborted || reconnecting) return;
    reconnecting = true;
    outages.down('socket closed');
    void retryUntilUp(
      'slack: socket',
      async () => {
        try {
          await socket.start();
          return ok(undefined);
        } catch (error) {
          const failure = startFailure('socket', error);
          outages.down(failure.reason);
          return err(failure);
        }
      },
      { policy: how.policy, log: how.log, signal: how.signal, clock: { now: () => new Date() } },
    ).then((result) => {
      reconnecting = false;
      if (result.ok) outages.up();
      else if (!how.signal.aborted) {
        how.log.error(
          { reason: result.error.reason },
          'slack: socket not reopened: Slack refused it for good',
        );
        outages.gone();
      }
    });
  });
}

/** Removes the leading "<@BOT>" (or "<@BOT|name>") of a mention, keeping what the user asked. */
export function stripBotMention(text: string, botUserId: string): string {
  const own = botUserId === '' ? '[A-Z0-9]+' : botUserId;
  return text
    .replace(new RegExp(`<@${own}(\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Web API errors of a token Slack will keep refusing. */
const REFUSED_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** A failed start as one line, and whether it may pass (Slack unreachable, 5xx, rate limited). */
function startFailure(mode: SlackConfig['mode'], error: unknown): PlatformStartFailure {
  const coded = error as { code?: unknown; data?: { error?: unknown }; message?: unknown };
  const prefix = `Slack did not start (${mode} mode)`;
  if (coded?.code === 'slack_webapi_platform_error') {
    const slackError = String(coded.data?.error);
    if (REFUSED_TOKEN_ERRORS.has(slackError))
      return {
        reason: `${prefix}: Slack refused the token (${slackError}); check SLACK_BOT_TOKEN and SLACK_APP_TOKEN`,
        permanent: true,
      };
    return { reason: `${prefix}: Slack answered ${slackError}`, permanent: false };
  }
  if (coded?.code === 'slack_webapi_request_error')
    return {
      reason: `${prefix}: Slack is unreachable (check SLACK_API_URL and the network)`,
      permanent: false,
    };
  if (coded?.code === 'slack_webapi_http_error' || coded?.code === 'slack_webapi_rate_limited_error')
    return { reason: `${prefix}: ${String(coded.message)}`, permanent: false };
  return { reason: `${prefix}: ${String(coded?.message ?? error)}`, permanent: false };
}

/** The command a choice button carries (see `blocks.ts`), or undefined for a value that is not one. */
export function choiceRequest(value: string): CommandRequest | undefined {
  try {
    const parsed = JSON.parse(value) as { command?: unknown; actor?: unknown };
    if ((parsed.command !== 'quotes' && parsed.command !== 'background') || typeof parsed.actor !== 'string')
      return undefined;
    return { name: parsed.command, options: { actor: parsed.actor } };
  } catch {
    return undefined;
  }
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

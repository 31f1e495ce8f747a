/**
 * The Discord platform: a discord.js client (intents Guilds + GuildMessages + DirectMessages, no privileged intent)
 * that turns slash commands, autocomplete and @mentions into core commands and core replies into
 * embeds, registers the slash commands when they changed, and gives the scheduler its ChatChannel.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Channel,
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  type Message,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
} from 'discord.js';
import type { DiscordConfig } from '../../config.ts';
import { MORE_PREFIX, requestOfMoreToken } from '../../core/commands/paging.ts';
import { needsManageRights, subscriptionsAction } from '../../core/commands/permissions.ts';
import { workspaceOf } from '../../core/commands/tenancy.ts';
import type { CommandContext, CommandReply, CommandRequest } from '../../core/commands/types.ts';
import {
  type ArticleViews,
  type ChannelAccess,
  type ChatChannel,
  DEFAULT_WORKSPACE_POLICY,
  type WorkspaceKey,
} from '../../core/ports.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Logger } from '../../logger.ts';
import { OutageLog, type PlatformStartFailure } from '../connection.ts';
import { AcknowledgementsFirst } from './ack-first.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { classifyDiscordError, createDiscordChatChannel, NO_MENTIONS } from './channel.ts';
import {
  AUTOCOMPLETE_OPTIONS,
  commandRequest,
  commandScope,
  type DiscordOptionName,
  syncCommands,
} from './commands.ts';
import { choiceOfCustomId, type DiscordReply, renderReplyForDiscord } from './embeds.ts';
import { InteractionReplies } from './interaction-replies.ts';
import { inviteUrl } from './invite.ts';

/**
 * Whether a command's answer is for the asker only, so its deferral is ephemeral from the start:
 * help, and the list of subscriptions (its edit and test answer the channel).
 */
function answersAskerOnly(request: CommandRequest): boolean {
  return (
    request.name === 'help' ||
    (request.name === 'subscriptions' && subscriptionsAction(request.options) === 'list')
  );
}
const APOLOGY = 'Sorry, something went wrong answering that. Please try again in a moment.';

/** What the Discord platform runs on; main.ts binds the core handlers to the store. */
export interface DiscordPlatformDeps {
  /** The core dispatcher: a request in a context -> a reply (expected failures are replies). */
  handleCommand(request: CommandRequest, context: CommandContext): Promise<CommandReply>;
  /** Mention text -> a request; unrecognised text -> help. */
  parseMention(text: string): CommandRequest;
  /** Actor and article lookups for autocomplete, as the asking server (or DM user) sees them. */
  lookups: ArticleViews;
  /** Actor names for what was typed, as the commands' forgiving lookup finds them, in a workspace. */
  suggestActors?(workspace: WorkspaceKey, typed: string, limit: number): Promise<string[]>;
}

/** Knobs for tests; production uses the defaults. */
export interface DiscordPlatformOptions {
  /** How long to wait for READY and the guilds after login (default 30 s). */
  readyTimeoutMs?: number;
  /** Register the slash commands at start when they changed (default true). */
  syncCommands?: boolean;
  /** Aborting it ends a start in progress (newsdesk is stopping): the client is destroyed. */
  signal?: AbortSignal;
}

/** A started Discord platform. */
export interface RunningDiscordPlatform {
  /** What the scheduler posts digests through. */
  channel: ChatChannel;
  /** The bot's own user id, from READY. */
  botUserId: string;
  /** The invite URL logged at start. */
  inviteUrl: string;
  /** Whether the gateway is connected now (false while discord.js reconnects). */
  connected(): boolean;
  stop(): Promise<void>;
}

/** The discord.js client options newsdesk runs with (exported so the invariants can be tested). */
export function discordClientOptions(config: Pick<DiscordConfig, 'apiUrl'>): ClientOptions {
  return {
    // Mentions and DMs carry their content without the privileged Message Content intent.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message; without this partial their messages are dropped.
    partials: [Partials.Channel],
    ...(config.apiUrl ? { rest: { api: config.apiUrl.replace(/\/+$/, '') } } : {}),
    allowedMentions: { parse: [], repliedUser: false },
    // A reply to a mention deleted in the meantime is still posted, just without the reference.
    failIfNotExists: false,
  };
}

/** HTTP statuses of /gateway/bot that may pass: rate limited, or Discord itself failing. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** One line for a login that failed, from discord.js's error codes and the REST status; network trouble may pass. */
function describeLoginError(error: unknown, apiUrl: string | undefined): PlatformStartFailure {
  const coded = error as { code?: unknown; status?: unknown; name?: unknown; cause?: { code?: unknown } };
  if (coded?.code === 'TokenInvalid' || coded?.status === 401)
    return {
      reason: 'Discord refused the token (401 on /gateway/bot); check DISCORD_TOKEN',
      permanent: true,
    };
  if (coded?.code === 'TokenMissing') return { reason: 'DISCORD_TOKEN is empty', permanent: true };
  if (typeof coded?.status === 'number')
    return {
      reason: `Discord answered HTTP ${coded.status} on /gateway/bot`,
      permanent: !isTransientStatus(coded.status),
    };
  // Network failures carry a system error code (ECONNREFUSED, ENOTFOUND…) on the error or its cause.
  const systemCode = [coded?.code, coded?.cause?.code].find(
    (code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
  );
  if (systemCode !== undefined || coded?.name === 'AbortError')
    return {
      reason: `Discord is unreachable at ${apiUrl ?? 'https://discord.com/api'} (${systemCode ?? 'timeout'})`,
      permanent: false,
    };
  // Anything else (a gateway that closed during login) is worth another try.
  return { reason: String((error as Error)?.message ?? error), permanent: false };
}

function waitForReady(client: Client, timeoutMs: number): { ready: Promise<boolean>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let settle: (value: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => {
    settle = resolve;
    timer = setTimeout(() => resolve(false), timeoutMs);
    client.once(Events.ClientReady, () => resolve(true));
  });
  return {
    ready: ready.finally(() => clearTimeout(timer)),
    cancel: () => settle(false),
  };
}

/**
 * Logs in to Discord, waits for the guilds, registers the slash commands if they changed, logs the
 * invite URL and returns the running platform, or one line saying why Discord could not start (the
 * client is then destroyed; nothing else in the process is touched).
 */
export async function startDiscordPlatform(
  config: DiscordConfig,
  deps: DiscordPlatformDeps,
  logger: Logger,
  options: DiscordPlatformOptions = {},
): Promise<Result<RunningDiscordPlatform, PlatformStartFailure>> {
  const log = logger.child({ platform: 'discord' });
  const client = new Client(discordClientOptions(config));

  client.on(Events.Error, (error) => log.error({ err: error }, 'discord: client error'));
  const outages = watchGateway(client, log);
  const acks = new AcknowledgementsFirst();
  const replies = new InteractionReplies(config.applicationId, config.apiUrl);
  client.on(Events.InteractionCreate, (interaction) => {
    const answering = { deps, acks, replies, log };
    if (interaction.isChatInputCommand()) void answerCommand(interaction, answering);
    else if (interaction.isButton() && interaction.customId.startsWith(MORE_PREFIX))
      void answerMoreButton(interaction, answering);
    else if (interaction.isButton() && choiceOfCustomId(interaction.customId))
      void answerChoiceButton(interaction, answering);
    else if (interaction.isAutocomplete()) void answerAutocomplete(interaction, deps, acks, log);
  });
  client.on(Events.MessageCreate, (message) => {
    const me = client.user;
    if (!me || message.author.bot) return;
    // In a server the bot answers when mentioned; a direct message is always addressed to it.
    if (message.inGuild() && !message.mentions.users.has(me.id)) return;
    void answerMention(message, deps, log);
  });

  const waiting = waitForReady(client, options.readyTimeoutMs ?? 30_000);
  const abandon = () => {
    waiting.cancel();
    void client.destroy();
  };
  options.signal?.addEventListener('abort', abandon, { once: true });
  try {
    await client.login(config.token);
  } catch (error) {
    waiting.cancel();
    replies.stop();
    await client.destroy();
    const failure = describeLoginError(error, config.apiUrl);
    return err({ ...failure, reason: `Discord did not start: ${failure.reason}` });
  } finally {
    options.signal?.removeEventListener('abort', abandon);
  }
  if (!(await waiting.ready) || !client.user) {
    replies.stop();
    await client.destroy();
    const reason = options.signal?.aborted
      ? 'Discord did not start: newsdesk is stopping'
      : 'Discord did not start: the gateway sent no READY with the guilds in time';
    return err({ reason, permanent: options.signal?.aborted === true });
  }

  const invite = inviteUrl(config.applicationId);
  log.info({ inviteUrl: invite }, `discord: connected as ${client.user.tag}; invite newsdesk with ${invite}`);
  if (options.syncCommands ?? true) {
    const synced = await syncCommands(client.rest, config.applicationId, commandScope(config.guildId));
    if (synced.ok) {
      const where = synced.value.scope.kind === 'guild' ? `guild ${synced.value.scope.guildId}` : 'global';
      log.info(
        { action: synced.value.action, count: synced.value.count, scope: where },
        synced.value.action === 'registered'
          ? `discord: registered ${synced.value.count} slash commands (${where})`
          : `discord: slash commands up to date (${where})`,
      );
    } else {
      // The bot still answers mentions and posts digests; commands keep their last registration.
      log.warn(`discord: ${synced.error}`);
    }
  }

  return ok({
    channel: createDiscordChatChannel(client.rest, (ref) => channelAccess(client, ref.channelId)),
    botUserId: client.user.id,
    inviteUrl: invite,
    connected: () => outages.connected,
    stop: async () => {
      replies.stop();
      await client.destroy();
    },
  });
}

/** What the bot needs in a channel to post digests there. */
const POSTING_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];

/**
 * Whether the bot can post into a channel now: it can see it (cache, else REST) and holds View
 * Channel and Send Messages there (Send Messages in Threads in a thread).
 */
async function channelAccess(client: Client, channelId: string): Promise<ChannelAccess> {
  let channel: Channel | null;
  try {
    channel = await client.channels.fetch(channelId);
  } catch (error) {
    return { ok: false, reason: classifyDiscordError(error).reason };
  }
  if (!channel) return { ok: false, reason: 'newsdesk cannot see the channel' };
  if (channel.isDMBased()) return { ok: true };
  if (!channel.isSendable()) return { ok: false, reason: 'the channel does not take messages' };
  const needed = channel.isThread()
    ? [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessagesInThreads]
    : POSTING_PERMISSIONS;
  const missing = client.user ? channel.permissionsFor(client.user)?.missing(needed) : undefined;
  if (!missing) return { ok: false, reason: 'newsdesk cannot tell its permissions there' };
  if (missing.length > 0) return { ok: false, reason: `newsdesk lacks ${missing.join(', ')} there` };
  return { ok: true };
}

/**
 * Logs gateway drops and reconnects (discord.js reconnects by itself, every half second while the
 * gateway is unreachable) and keeps the connection state for `/readyz`.
 */
function watchGateway(client: Client, log: Logger): OutageLog {
  const outages = new OutageLog('discord: gateway', log);
  client.on(Events.ShardReconnecting, () => outages.down('closed'));
  client.on(Events.ShardError, (error) => {
    const code = (error as { code?: unknown }).code;
    log.debug({ err: error }, 'discord: gateway error');
    outages.down(typeof code === 'string' ? code : (error.message.split('\n')[0] ?? 'error'));
  });
  client.on(Events.ShardReady, () => outages.up());
  client.on(Events.ShardResume, () => outages.up());
  client.on(Events.ShardDisconnect, (event, shardId) => {
    log.error({ code: event.code, shardId }, 'discord: gateway closed and will not reconnect');
    outages.gone();
  });
  return outages;
}

/**
 * The core context of an interaction or message. A DM has no guild: its workspace id is "" and
 * it is a tenant of its own, the user's (see `workspaceOf`), since one user shares the bot with
 * many servers and no server owns their DMs.
 */
function contextOf(
  where: { guildId: string | null; channelId: string; userId: string },
  canManageChannel: boolean,
): CommandContext {
  return {
    platform: 'discord',
    workspaceId: where.guildId ?? '',
    channelId: where.channelId,
    userId: where.userId,
    directMessage: where.guildId === null,
    canManageChannel,
  };
}

/** Sends a rendered reply into a deferred interaction: edits the original, follows up with the rest. */
async function sendInteractionReply(
  replies: InteractionReplies,
  token: string,
  rendered: DiscordReply,
  deferredEphemeral: boolean,
): Promise<void> {
  let rest = rendered.messages;
  if (rendered.ephemeral && !deferredEphemeral) {
    // A public "thinking…" cannot turn ephemeral: remove it and answer the asker alone.
    await replies.deleteOriginal(token);
  } else {
    const [first, ...others] = rendered.messages;
    if (first) await replies.editOriginal(token, first);
    rest = others;
  }
  for (const message of rest) await replies.followUp(token, message, rendered.ephemeral);
}

/** What answering an interaction runs on. */
interface Answering {
  deps: DiscordPlatformDeps;
  acks: AcknowledgementsFirst;
  replies: InteractionReplies;
  log: Logger;
}

async function answerCommand(interaction: ChatInputCommandInteraction, answering: Answering): Promise<void> {
  const request = commandRequest(interaction.commandName, (name) => {
    const value = interaction.options.get(name)?.value;
    return value === undefined ? null : String(value);
  });
  await answerRequest(interaction, request, `/${interaction.commandName}`, answering);
}

/** A "More" button: its custom id carries the next page's request, answered as a new reply. */
async function answerMoreButton(interaction: ButtonInteraction, answering: Answering): Promise<void> {
  await answerRequest(interaction, requestOfMoreToken(interaction.customId), 'More', answering);
}

/**
 * Defers, runs the request as the interaction's user in its channel and sends the reply; an
 * unknown request (a command or button newsdesk no longer has) gets a short error.
 */
async function answerRequest(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  request: CommandRequest | undefined,
  asked: string,
  { deps, acks, replies, log }: Answering,
): Promise<void> {
  const started = performance.now();
  const where = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
  try {
    // Interactions carry the member's permissions in the channel; in DMs there are none.
    const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
    // Refusals are for the asker only, so the deferral is ephemeral when the table refuses under the
    // default policy; a workspace's stricter policy refuses later, and the reply then turns ephemeral.
    const place = { directMessage: where.guildId === null, policy: DEFAULT_WORKSPACE_POLICY };
    const refused = request !== undefined && needsManageRights(request, place) && !canManage;
    const ephemeral = request === undefined || refused || answersAskerOnly(request);
    await acks.acknowledge(() => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}));
    await acks.settled();
    const reply: CommandReply =
      request === undefined
        ? {
            kind: 'error',
            ephemeral: true,
            code: 'missing_option',
            text: `${asked} is not a newsdesk command (any more). Try /help.`,
            suggestions: [],
          }
        : await deps.handleCommand(request, contextOf(where, canManage));
    await sendInteractionReply(replies, interaction.token, renderReplyForDiscord(reply), ephemeral);
    log.debug({ command: asked, ms: Math.round(performance.now() - started) }, 'discord: answered command');
  } catch (error) {
    log.error({ err: error, command: asked, ...where }, 'discord: command failed');
    const apology = { content: APOLOGY, allowedMentions: NO_MENTIONS };
    const answered = interaction.deferred || interaction.replied;
    await (answered
      ? interaction.followUp({ ...apology, flags: MessageFlags.Ephemeral })
      : interaction.reply({ ...apology, flags: MessageFlags.Ephemeral })
    ).catch(() => undefined);
  }
}

/** A choice button ("which Clinton?"): its custom id names the command and the person picked. */
async function answerChoiceButton(interaction: ButtonInteraction, answering: Answering): Promise<void> {
  const choice = choiceOfCustomId(interaction.customId);
  const request: CommandRequest | undefined = choice
    ? { name: choice.command, options: { actor: choice.actor } }
    : undefined;
  await answerRequest(interaction, request, 'Choice', answering);
}

async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  deps: DiscordPlatformDeps,
  acks: AcknowledgementsFirst,
  log: Logger,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const name = focused.name as DiscordOptionName;
  try {
    const workspace = workspaceOf({
      platform: 'discord',
      workspaceId: interaction.guildId ?? '',
      userId: interaction.user.id,
    });
    const choices = AUTOCOMPLETE_OPTIONS.has(name)
      ? await autocompleteChoices(
          name,
          String(focused.value),
          deps.lookups.visibleTo(workspace),
          deps.suggestActors &&
            ((typed, limit) => deps.suggestActors?.(workspace, typed, limit) ?? Promise.resolve([])),
        )
      : [];
    await acks.acknowledge(() => interaction.respond(choices));
  } catch (error) {
    log.warn({ err: error, command: interaction.commandName, option: name }, 'discord: autocomplete failed');
    await interaction.respond([]).catch(() => undefined);
  }
}

async function answerMention(message: Message, deps: DiscordPlatformDeps, log: Logger): Promise<void> {
  const where = { guildId: message.guildId, channelId: message.channelId, userId: message.author.id };
  try {
    const request = deps.parseMention(message.content);
    let canManage = false;
    if (message.inGuild() && message.member) {
      canManage = message.member.permissionsIn(message.channel).has(PermissionFlagsBits.ManageChannels);
    }
    const reply = await deps.handleCommand(request, contextOf(where, canManage));
    const [first, ...others] = renderReplyForDiscord(reply).messages;
    if (first) await message.reply({ ...first, allowedMentions: NO_MENTIONS });
    for (const part of others) {
      if (message.channel.isSendable()) await message.channel.send({ ...part, allowedMentions: NO_MENTIONS });
    }
  } catch (error) {
    log.error({ err: error, text: message.content, ...where }, 'discord: mention failed');
    await message.reply({ content: APOLOGY, allowedMentions: NO_MENTIONS }).catch(() => undefined);
  }
}

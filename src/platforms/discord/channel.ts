/**
 * The Discord ChatChannel: scheduled digests and notices posted to `POST /channels/{id}/messages`
 * through discord.js's REST client (its buckets handle rate limits), with Discord's errors sorted
 * into permanent (pause the subscription, with the reason) and transient (retry later).
 */

import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import type {
  ChannelAccess,
  ChannelRef,
  ChatChannel,
  DeliveryKey,
  OutgoingMessage,
  PostOutcome,
} from '../../core/ports.ts';
import {
  DISCORD_LIMITS,
  type DiscordMessage,
  discordText,
  renderDigestForDiscord,
  truncate,
} from './embeds.ts';

/** Nothing newsdesk posts may ping anyone, including the author of a message it replies to. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false } as const;

/** Discord JSON error codes that no retry can fix, each with the reason shown in `/subscriptions`. */
const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'newsdesk cannot see the channel (Missing Access)'],
  [RESTJSONErrorCodes.UnknownChannel, 'the channel was deleted (Unknown Channel)'],
  [
    RESTJSONErrorCodes.MissingPermissions,
    'newsdesk lacks a permission there: it needs View Channel, Send Messages and Embed Links (Missing Permissions)',
  ],
  [RESTJSONErrorCodes.UnknownGuild, 'newsdesk is no longer in the server (Unknown Guild)'],
  [RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, 'the channel does not take messages'],
  [RESTJSONErrorCodes.ThreadLocked, 'the thread is locked'],
  [RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'the thread is archived'],
]);

/**
 * Sorts an error thrown by discord.js's REST client into a {@link PostOutcome} by its HTTP status and
 * Discord's numeric error code (never by message text): access and existence errors are permanent,
 * 5xx, timeouts, network errors and rate limits are transient.
 */
export function classifyDiscordError(error: unknown): PostOutcome & { ok: false } {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number.NaN;
    const why = PERMANENT_CODES.get(code);
    if (why) return { ok: false, permanent: true, reason: `Discord ${error.status} (${code}): ${why}` };
    if (error.status === 401)
      return { ok: false, permanent: false, reason: 'Discord 401: the bot token was refused' };
    if (error.status === 403 || error.status === 404)
      return {
        ok: false,
        permanent: true,
        reason: `Discord ${error.status} (${String(error.code)}): no access`,
      };
    if (error.status >= 500) return { ok: false, permanent: false, reason: `Discord ${error.status}` };
    return { ok: false, permanent: false, reason: `Discord ${error.status} (code ${String(error.code)})` };
  }
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      permanent: false,
      reason: `Discord rate limit on ${error.route}`,
      retryAfterMs: error.retryAfter,
    };
  }
  if (error instanceof HTTPError)
    return { ok: false, permanent: false, reason: `Discord HTTP ${error.status}` };
  if ((error as { name?: unknown })?.name === 'AbortError')
    return { ok: false, permanent: false, reason: 'Discord did not answer in time' };
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  return {
    ok: false,
    permanent: false,
    reason: `Discord unreachable (${typeof cause === 'string' ? cause : String(error)})`,
  };
}

/**
 * Renders an outgoing message as Discord messages: a digest as embeds, a notice as plain content
 * (a pause notice must get through where the bot lacks Embed Links).
 */
export function renderOutgoingForDiscord(message: OutgoingMessage): DiscordMessage[] {
  if (message.kind === 'digest') return renderDigestForDiscord(message.digest);
  return [{ content: truncate(discordText(message.text), DISCORD_LIMITS.content), embeds: [] }];
}

/**
 * How long Discord recognises a repeated nonce: "the past few minutes" (its docs give no figure),
 * so newsdesk counts on two; after that a repeat could post twice, and the scheduler does not try.
 */
export const DISCORD_NONCE_WINDOW_MS = 2 * 60_000;

/** Discord's longest nonce. */
const NONCE_CHARS = 25;

/** The nonce of one message of a scheduled post: the same for every attempt at that slot and part. */
export function deliveryNonce(key: string, part: number): string {
  return createHash('sha256').update(`${key}#${part}`).digest('hex').slice(0, NONCE_CHARS);
}

/**
 * The REST body of one message: embeds and content, with every mention disabled; a scheduled
 * post's message carries its nonce with `enforce_nonce`, so Discord answers a repeat (within its
 * window) with the message it already created instead of creating another.
 */
export function messageBody(message: DiscordMessage, nonce?: string): Record<string, unknown> {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    allowed_mentions: { parse: [] },
    ...(nonce === undefined ? {} : { nonce, enforce_nonce: true }),
  };
}

/**
 * Creates the Discord ChatChannel over discord.js's REST client. A digest split into several
 * messages stops at the first failure and reports it; a repeat of the same delivery sends the
 * same nonces, so the parts Discord already took are not posted again.
 */
export function createDiscordChatChannel(
  rest: REST,
  checkAccess: (channel: ChannelRef) => Promise<ChannelAccess>,
): ChatChannel {
  return {
    platform: 'discord',
    repeatWindowMs: DISCORD_NONCE_WINDOW_MS,
    checkAccess,
    async post(channel: ChannelRef, message: OutgoingMessage, delivery?: DeliveryKey): Promise<PostOutcome> {
      const parts = renderOutgoingForDiscord(message);
      for (const [index, part] of parts.entries()) {
        const nonce = delivery && deliveryNonce(delivery.key, index);
        try {
          await rest.post(Routes.channelMessages(channel.channelId), { body: messageBody(part, nonce) });
        } catch (error) {
          return classifyDiscordError(error);
        }
      }
      return { ok: true };
    },
  };
}

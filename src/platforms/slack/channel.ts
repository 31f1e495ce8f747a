/**
 * The Slack ChatChannel: scheduled digests and notices posted with `chat.postMessage`, Slack's
 * errors sorted into permanent (pause the subscription, with the reason) and transient (retry,
 * after Retry-After when Slack gives one), and about one message a second per channel.
 */
import type { webApi } from '@slack/bolt';
import type {
  ChannelAccess,
  ChannelRef,
  ChatChannel,
  DeliveryKey,
  OutgoingMessage,
  PostOutcome,
} from '../../core/ports.ts';
import { renderDigestForSlack, type SlackMessage } from './blocks.ts';
import { slackText, truncateText } from './mrkdwn.ts';

/** Slack errors that no retry can fix, each with the reason shown in `/subscriptions`. */
const PERMANENT_ERRORS: Readonly<Record<string, string>> = {
  channel_not_found: 'the channel was deleted, or newsdesk cannot see it',
  not_in_channel: 'newsdesk is not a member of the channel (invite it with /invite @newsdesk)',
  is_archived: 'the channel is archived',
  channel_is_archived: 'the channel is archived',
  account_inactive: 'the newsdesk bot was deactivated or uninstalled',
  restricted_action: 'a workspace setting stops newsdesk from posting there',
};

/**
 * Sorts an error thrown by the Slack Web API client into a {@link PostOutcome}, by its stable
 * `code` and Slack's `error` string, never by message text.
 */
export function classifySlackError(error: unknown): PostOutcome & { ok: false } {
  const coded = error as {
    code?: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
  };
  switch (coded?.code) {
    case 'slack_webapi_platform_error': {
      const slackError = String(coded.data?.error ?? 'unknown_error');
      const why = PERMANENT_ERRORS[slackError];
      if (why) return { ok: false, permanent: true, reason: `Slack ${slackError}: ${why}` };
      if (slackError === 'ratelimited') return { ok: false, permanent: false, reason: 'Slack ratelimited' };
      return { ok: false, permanent: false, reason: `Slack ${slackError}` };
    }
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof coded.retryAfter === 'number' ? coded.retryAfter : 1;
      return {
        ok: false,
        permanent: false,
        reason: `Slack ratelimited (retry after ${seconds} s)`,
        retryAfterMs: seconds * 1000,
      };
    }
    case 'slack_webapi_http_error':
      return { ok: false, permanent: false, reason: `Slack HTTP ${String(coded.statusCode)}` };
    case 'slack_webapi_request_error':
      return { ok: false, permanent: false, reason: 'Slack unreachable (request failed)' };
    default:
      return { ok: false, permanent: false, reason: `Slack post failed: ${String(error)}` };
  }
}

/** Keeps messages to one channel at least `intervalMs` apart (Slack allows about one a second). */
export class ChannelPacer {
  readonly #next = new Map<string, number>();

  /** `now` and `sleep` are passed in so tests can run on a fake clock. */
  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for the channel's next free moment and books the one after it. */
  async turn(channelId: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.#next.get(channelId) ?? now);
    this.#next.set(channelId, at + this.intervalMs);
    if (at > now) await this.sleep(at - now);
  }
}

/** The fields of `chat.postMessage` newsdesk sends. */
export interface SlackPostArgs extends SlackMessage {
  channel: string;
  thread_ts?: string;
  /** A scheduled post's mark, found again in `conversations.history` ({@link SLOT_EVENT_TYPE}). */
  metadata?: { event_type: string; event_payload: Record<string, string | number> };
}

/** The metadata event type of newsdesk's scheduled posts. */
export const SLOT_EVENT_TYPE = 'newsdesk_digest_posted';

/** How far before a delivery's first attempt the history look-up starts, for clock differences. */
const HISTORY_MARGIN_MS = 60_000;
/** History pages (200 messages each) read when looking for an earlier attempt's messages. */
const HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 200;

/**
 * Posts one Slack message through the pacer, with mention parsing off (`parse: none`,
 * `link_names: false`, `unfurl_links: false`): the text is escaped already and must stay inert.
 */
export async function postSlackMessage(
  client: webApi.WebClient,
  pacer: ChannelPacer,
  args: SlackPostArgs,
): Promise<void> {
  await pacer.turn(args.channel);
  await client.chat.postMessage({
    ...args,
    parse: 'none',
    link_names: false,
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** Renders an outgoing message (digest or plain notice) as Slack messages. */
export function renderOutgoingForSlack(message: OutgoingMessage): SlackMessage[] {
  if (message.kind === 'digest') return renderDigestForSlack(message.digest);
  const text = truncateText(slackText(message.text), 3000);
  return [{ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }] }];
}

/** The metadata of part `part` (of `parts`) of a scheduled post. */
export function slotMetadata(
  key: string,
  part: number,
  parts: number,
): NonNullable<SlackPostArgs['metadata']> {
  return { event_type: SLOT_EVENT_TYPE, event_payload: { slot_key: key, part, parts } };
}

/** A Slack message timestamp ("1714546800.000000") for an ISO-8601 time. */
function slackTs(iso: string, marginMs: number): string {
  return ((Date.parse(iso) - marginMs) / 1000).toFixed(6);
}

/** One message of `conversations.history`, as far as newsdesk reads it. */
interface HistoryMessage {
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { slot_key?: unknown; part?: unknown } };
}

/**
 * The parts of a scheduled post that an earlier attempt already put in the channel: the bot's own
 * messages since the attempt began whose metadata carries the delivery's key.
 */
export async function postedParts(
  client: webApi.WebClient,
  channel: string,
  delivery: DeliveryKey,
  botId: string | undefined,
): Promise<Set<number>> {
  const found = new Set<number>();
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const answer = await client.conversations.history({
      channel,
      oldest: slackTs(delivery.since, HISTORY_MARGIN_MS),
      include_all_metadata: true,
      limit: HISTORY_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of (answer.messages ?? []) as HistoryMessage[]) {
      const payload = message.metadata?.event_payload;
      const ours = botId === undefined || message.bot_id === botId;
      if (ours && message.metadata?.event_type === SLOT_EVENT_TYPE && payload?.slot_key === delivery.key)
        found.add(Number(payload.part));
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return found;
}

/**
 * How long Slack recognises a repeated delivery: the history keeps the bot's messages (and their
 * metadata) as long as the workspace keeps messages, so always.
 */
export const SLACK_REPEAT_WINDOW_MS = Number.POSITIVE_INFINITY;

/**
 * Whether newsdesk can post into a Slack channel now (`conversations.info`): a member of it, and it
 * is not archived; a DM with the bot always takes posts.
 */
export async function slackPostingAccess(
  client: webApi.WebClient,
  channelId: string,
): Promise<ChannelAccess> {
  if (channelId.startsWith('D')) return { ok: true };
  try {
    const info = await client.conversations.info({ channel: channelId });
    if (info.channel?.is_archived) return { ok: false, reason: 'the channel is archived' };
    if (info.channel?.is_member !== true)
      return {
        ok: false,
        reason: 'newsdesk is not a member of the channel (invite it with /invite @newsdesk)',
      };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: classifySlackError(error).reason };
  }
}

/**
 * Creates the Slack ChatChannel over a Web API client that rejects rate-limited calls and does not
 * retry on its own (the scheduler owns retries and backoff). A digest split into several messages
 * stops at the first failure and reports it. A scheduled post carries its delivery key in each
 * message's metadata; a resumed delivery first reads the channel's history and posts only the
 * parts that are not there yet.
 */
export function createSlackChatChannel(
  client: webApi.WebClient,
  pacer: ChannelPacer,
  botId?: string,
): ChatChannel {
  return {
    platform: 'slack',
    repeatWindowMs: SLACK_REPEAT_WINDOW_MS,
    checkAccess: (channel) => slackPostingAccess(client, channel.channelId),
    async post(channel: ChannelRef, message: OutgoingMessage, delivery?: DeliveryKey): Promise<PostOutcome> {
      const parts = renderOutgoingForSlack(message);
      let already = new Set<number>();
      if (delivery?.resume) {
        try {
          already = await postedParts(client, channel.channelId, delivery, botId);
        } catch (error) {
          const failure = classifySlackError(error);
          return { ...failure, reason: `could not check what was already posted: ${failure.reason}` };
        }
      }
      for (const [index, part] of parts.entries()) {
        if (already.has(index)) continue;
        const metadata = delivery && slotMetadata(delivery.key, index, parts.length);
        try {
          await postSlackMessage(client, pacer, {
            channel: channel.channelId,
            ...part,
            ...(metadata ? { metadata } : {}),
          });
        } catch (error) {
          return classifySlackError(error);
        }
      }
      return already.size > 0 ? { ok: true, alreadyPosted: already.size } : { ok: true };
    },
  };
}

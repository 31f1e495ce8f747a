/**
 * The Slack ChatChannel: scheduled digests and notices posted with `chat.postMessage`, Slack's
 * errors sorted into permanent (pause the subscription, with the reason) and transient (retry,
 * after Retry-After when Slack gives one), and about one message a second per channel.
 */
import type { webApi } from '@slack/bolt';
import type { ChannelRef, ChatChannel, OutgoingMessage, PostOutcome } from '../../core/ports.ts';
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
}

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

/**
 * Creates the Slack ChatChannel over a Web API client that rejects rate-limited calls and does not
 * retry on its own (the scheduler owns retries and backoff). A digest split into several messages
 * stops at the first failure and reports it.
 */
export function createSlackChatChannel(client: webApi.WebClient, pacer: ChannelPacer): ChatChannel {
  return {
    platform: 'slack',
    async post(channel: ChannelRef, message: OutgoingMessage): Promise<PostOutcome> {
      for (const part of renderOutgoingForSlack(message)) {
        try {
          await postSlackMessage(client, pacer, { channel: channel.channelId, ...part });
        } catch (error) {
          return classifySlackError(error);
        }
      }
      return { ok: true };
    },
  };
}

import { renderDigestAsText } from '../../core/digest/render-text.ts';
import type {
  ChannelAccess,
  ChannelRef,
  ChatChannel,
  OutgoingMessage,
  PostOutcome,
} from '../../core/ports.ts';

/** The one channel of the console platform. */
export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', workspaceId: '', channelId: 'console' };

/**
 * The console platform's ChatChannel: posts are printed as plain text to a writer (stdout by
 * default), each framed by the channel it went to.
 */
export class ConsoleChannel implements ChatChannel {
  readonly platform = 'console' as const;
  /** Printed lines cannot be looked up, so a post interrupted mid-way is never printed again. */
  readonly repeatWindowMs = 0;
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void = (text) => process.stdout.write(text)) {
    this.#write = write;
  }

  async checkAccess(channel: ChannelRef): Promise<ChannelAccess> {
    return channel.platform === 'console'
      ? { ok: true }
      : { ok: false, reason: `the console cannot post to a ${channel.platform} channel` };
  }

  async post(channel: ChannelRef, message: OutgoingMessage): Promise<PostOutcome> {
    if (channel.platform !== 'console') {
      return {
        ok: false,
        permanent: true,
        reason: `the console cannot post to a ${channel.platform} channel`,
      };
    }
    const body = message.kind === 'digest' ? renderDigestAsText(message.digest) : message.text;
    const where = channel.channelId === CONSOLE_CHANNEL.channelId ? '' : ` #${channel.channelId}`;
    this.#write(`── newsdesk${where} ──\n${body}\n\n`);
    return { ok: true };
  }
}

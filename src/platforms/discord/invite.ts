/**
 * The bot's invite link: exactly the OAuth2 scopes (`bot applications.commands`) and channel
 * permissions newsdesk needs to read commands and post digests, nothing more.
 */
import { PermissionFlagsBits } from 'discord.js';

/** The OAuth2 scopes of the invite: the bot user, and its slash commands. */
export const INVITE_SCOPES = ['bot', 'applications.commands'] as const;

/** What newsdesk does with each permission it asks for. */
export const BOT_PERMISSIONS: Readonly<Record<string, bigint>> = {
  /** See the channels it posts digests in and answers mentions in. */
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  /** Answer mentions inside threads. */
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
  /** Digests and replies are embeds. */
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  /** Replying to a message references it, which needs its history. */
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
};

/** The permission integer of the invite: the bits of {@link BOT_PERMISSIONS} combined. */
export const BOT_PERMISSION_BITS: bigint = Object.values(BOT_PERMISSIONS).reduce((all, bit) => all | bit, 0n);

/** The URL a server owner opens to add newsdesk to a server. */
export function inviteUrl(applicationId: string): string {
  const query = [
    `client_id=${encodeURIComponent(applicationId)}`,
    `scope=${INVITE_SCOPES.map(encodeURIComponent).join('%20')}`,
    `permissions=${BOT_PERMISSION_BITS.toString()}`,
  ].join('&');
  return `https://discord.com/oauth2/authorize?${query}`;
}

/**
 * Who may change a Slack channel's subscriptions: workspace admins and owners, and the channel's
 * creator (Slack's "channel manager" role is not exposed to bots, so the creator stands in for it).
 */
import type { webApi } from '@slack/bolt';

/** What the Web API says about a user and a channel, for `/newsdesk subscribe` and friends. */
export interface SlackChannelAccess {
  /** Admin, owner or channel creator (or the user's own DM with the bot). */
  canManage: boolean;
  /** Whether the bot is a member and can therefore post scheduled digests there. */
  botIsMember: boolean;
}

/**
 * Asks `users.info` (is_admin / is_owner) and `conversations.info` (creator, is_member) in
 * parallel. Any failure of those calls denies management: the check fails closed.
 */
export async function slackChannelAccess(
  client: webApi.WebClient,
  channelId: string,
  userId: string,
): Promise<SlackChannelAccess> {
  // A DM with the bot belongs to the user alone, and the bot is in it by definition.
  if (channelId.startsWith('D')) return { canManage: true, botIsMember: true };
  const [user, channel] = await Promise.all([
    client.users.info({ user: userId }).catch(() => undefined),
    client.conversations.info({ channel: channelId }).catch(() => undefined),
  ]);
  const isAdmin = user?.user?.is_admin === true || user?.user?.is_owner === true;
  const isCreator = channel?.channel?.creator === userId;
  return { canManage: isAdmin || isCreator, botIsMember: channel?.channel?.is_member === true };
}

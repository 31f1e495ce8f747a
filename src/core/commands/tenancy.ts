/**
 * Tenancy: which workspace a command or subscription acts for. A Discord server and a Slack
 * workspace are each one tenant, the console is one; a Discord DM has no server, so it is a
 * tenant of its own, the user's (a Slack DM carries its team, and belongs to that workspace).
 */
import type { Platform, WorkspaceKey } from '../ports.ts';

/** The console's one workspace. */
export const CONSOLE_WORKSPACE: WorkspaceKey = 'console';

/** Where something happens: the platform, its workspace id ("" in a Discord DM) and the user. */
export interface TenantRef {
  platform: Platform;
  /** Slack team id or Discord guild id; "" where there is none (a Discord DM). */
  workspaceId: string;
  /** Who asked (or, for a subscription, who subscribed). */
  userId: string;
}

/**
 * The {@link WorkspaceKey} of a place: "discord:<guild>", "slack:<team>", "console", or for a
 * DM without a workspace "discord:dm:<user>", so what a user adds in a DM reaches no server.
 */
export function workspaceOf(where: TenantRef): WorkspaceKey {
  if (where.platform === 'console') return CONSOLE_WORKSPACE;
  if (where.workspaceId === '') return `${where.platform}:dm:${where.userId}`;
  return `${where.platform}:${where.workspaceId}`;
}

/**
 * The one permission table: which commands need the right to manage the channel, the same on
 * Discord (Manage Channels), Slack (workspace admin or owner, or the channel's creator) and the
 * console (its operator). Platforms only say whether the user holds the right; this decides.
 */
import { DEFAULT_WORKSPACE_POLICY, type WorkspacePolicy } from '../ports.ts';
import type { CommandName, CommandOptions, CommandRequest } from './types.ts';

/** Where a command is asked: in a direct message or a channel, under the workspace's policy. */
export interface PermissionPlace {
  directMessage: boolean;
  policy: WorkspacePolicy;
}

/** Whether a command with these options, asked here, needs channel-manage rights. */
type ManageRule = (options: CommandOptions, place: PermissionPlace) => boolean;

const always: ManageRule = () => true;

/** The `/feeds` action as the handler reads it ("list" when none is given). */
export function feedsAction(options: CommandOptions): string {
  return options.action?.trim().toLowerCase() || 'list';
}

/** The `/subscriptions` action as the handler reads it ("list" when none is given). */
export function subscriptionsAction(options: CommandOptions): string {
  return options.action?.trim().toLowerCase() || 'list';
}

/**
 * Commands that need channel-manage rights, and when. Commands not listed need none; a command
 * that changes what a channel receives joins here.
 */
export const MANAGE_RULES: Readonly<Partial<Record<CommandName, ManageRule>>> = {
  subscribe: always,
  unsubscribe: always,
  resume: always,
  // A test digest is posted into the channel for everyone to see.
  'digest-now': always,
  // Listing is for anyone; editing a subscription or posting its test digest is for its managers.
  subscriptions: (options) => subscriptionsAction(options) !== 'list',
  // Listing shows the workspace's feeds to anyone; adding and removing change its digests.
  feeds: (options) => feedsAction(options) !== 'list',
  // A page digested in a channel joins the workspace's sources, so a workspace may keep that to
  // its managers; in a DM anyone may.
  digest: (options, place) =>
    (options.url?.trim() ?? '') !== '' && !place.directMessage && place.policy.pageDigests === 'managers',
};

/** Whether `request`, asked at `place`, needs the right to manage the channel. */
export function needsManageRights(request: CommandRequest, place: PermissionPlace): boolean {
  return MANAGE_RULES[request.name]?.(request.options, place) ?? false;
}

/** The strictest policy a workspace can choose: what "may need" assumes. */
const STRICTEST: WorkspacePolicy = { ...DEFAULT_WORKSPACE_POLICY, pageDigests: 'managers' };

/**
 * Whether `request` could need manage rights under some workspace policy: a platform looks the
 * user's rights up (a Web API round trip on Slack) only then.
 */
export function mayNeedManageRights(request: CommandRequest, directMessage: boolean): boolean {
  return needsManageRights(request, { directMessage, policy: STRICTEST });
}

/** What a refusal says, per command. */
export function refusalText(request: CommandRequest): string {
  switch (request.name) {
    case 'feeds':
      return 'Adding or removing feeds needs the right to manage the channel.';
    case 'digest-now':
    case 'subscriptions':
      return 'Previewing or changing this channel’s subscriptions needs the right to manage the channel.';
    case 'digest':
      return 'In this workspace, digesting a web page in a channel needs the right to manage the channel; a direct message to newsdesk works for anyone.';
    default:
      return 'Changing this channel’s subscriptions needs the right to manage the channel.';
  }
}

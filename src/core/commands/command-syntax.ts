/**
 * How a user types a command on each platform, so help, hints and errors speak its syntax:
 * Discord's slash commands take named options (`/quotes actor:Xi`), Slack's one umbrella command
 * takes words (`/newsdesk quotes Xi`), the console takes typed lines (`/quotes Xi`).
 */
import type { Platform } from '../ports.ts';
import type { CommandName, CommandOptions } from './types.ts';

/** The Slack umbrella command every newsdesk command sits under (see slack-manifest.yml). */
export const SLACK_UMBRELLA = '/newsdesk';

/** One option of a typed command, in order: `['schedule', '0 8 * * 1-5']`. */
export type CommandArg = readonly [option: keyof CommandOptions, value: string];

/** Options read by position in typed text (see `parseCommandArguments`); the rest are `key:value`. */
const POSITIONAL: Partial<Record<CommandName, readonly (keyof CommandOptions)[]>> = {
  digest: ['article'],
  quotes: ['actor'],
  background: ['actor'],
  actors: ['article'],
  subscribe: ['schedule', 'timezone'],
  unsubscribe: ['id'],
  resume: ['id'],
  'digest-now': ['id'],
  subscriptions: ['action', 'id'],
  feeds: ['action', 'url'],
};

/** A value as typed: quoted when it holds a space. */
function typedValue(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}

/** The command name as the platform's user types it: `/quotes` or `/newsdesk quotes`. */
export function commandWord(platform: Platform, name: CommandName): string {
  return platform === 'slack' ? `${SLACK_UMBRELLA} ${name}` : `/${name}`;
}

/**
 * A whole command as the platform's user types it: `typedCommand('slack', 'quotes', [['actor', 'Xi']])`
 * is `/newsdesk quotes Xi`; on Discord `/quotes actor:Xi`.
 */
export function typedCommand(
  platform: Platform,
  name: CommandName,
  args: readonly CommandArg[] = [],
): string {
  const positional = POSITIONAL[name] ?? [];
  let inOrder = platform !== 'discord';
  const words = args.map(([option, value], index) => {
    inOrder &&= positional[index] === option;
    return inOrder ? typedValue(value) : `${option}:${platform === 'discord' ? value : typedValue(value)}`;
  });
  return [commandWord(platform, name), ...words].join(' ');
}

/** A usage line ("/quotes [actor] [article]") in the platform's syntax. */
export function usageFor(platform: Platform, usage: string): string {
  return platform === 'slack' ? usage.replace(/^\/(?=[a-z])/, `${SLACK_UMBRELLA} `) : usage;
}

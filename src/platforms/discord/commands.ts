/**
 * newsdesk's slash commands as data (names, typed options, autocomplete), the mapping from an
 * interaction's options to a core CommandRequest, and their registration: guild commands when a
 * guild id is given, global otherwise, skipped when Discord already has the same definitions.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  DiscordAPIError,
  PermissionFlagsBits,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import { helpFor } from '../../core/commands/help.ts';
import { OPTION_LIMITS } from '../../core/commands/limits.ts';
import { MAX_PAGE } from '../../core/commands/paging.ts';
import { needsManageRights } from '../../core/commands/permissions.ts';
import { MAX_STORIES, MAX_SUMMARY_SENTENCES } from '../../core/commands/subscription-options.ts';
import type { CommandName, CommandOptions, CommandRequest } from '../../core/commands/types.ts';
import { COMMAND_NAMES } from '../../core/commands/types.ts';
import { DEFAULT_WORKSPACE_POLICY } from '../../core/ports.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** Discord's limit on command and option descriptions. */
const DESCRIPTION_LIMIT = 100;

/** The options newsdesk's commands take; each maps to the {@link CommandOptions} key of the same name. */
export type DiscordOptionName = Exclude<keyof CommandOptions, 'topic'>;

/** Options whose values Discord asks the bot to suggest while the user types. */
export const AUTOCOMPLETE_OPTIONS: ReadonlySet<DiscordOptionName> = new Set(['article', 'actor', 'timezone']);

const OPTION_TEXT: Readonly<Record<DiscordOptionName, string>> = {
  article: 'Article id, title words or "latest" (default: the newest)',
  actor: 'A person or organisation in the news, e.g. Qin Gang or "the ambassador"',
  schedule: 'Five-field cron: minute hour day month weekday, e.g. 0 8 * * 1-5',
  timezone: 'IANA time zone the schedule is read in, e.g. Europe/Berlin (default: the bot’s)',
  id: 'A subscription id, as /subscriptions lists it (default: this channel’s only one, or all)',
  url: 'A web address: the page to digest, or the RSS/Atom feed to add or remove',
  action: 'What to do (default: list)',
  keywords: 'Only stories mentioning one of these words, comma-separated ("none" clears)',
  sources: 'Only stories from these outlets, comma-separated ("none" clears)',
  articles: 'How many stories a digest shows (default 5)',
  summary: 'Summary sentences per story',
  quiet: 'Post nothing when nothing is new (default on); off posts a short "nothing new"',
  page: 'Which page of a long list (default 1; the More button turns the pages)',
};

/** Options Discord takes as numbers (with their range) or on/off; the rest are strings. */
const OPTION_TYPES: Partial<
  Record<DiscordOptionName, { type: 'integer'; min: number; max: number } | { type: 'boolean' }>
> = {
  articles: { type: 'integer', min: 1, max: MAX_STORIES },
  summary: { type: 'integer', min: 1, max: MAX_SUMMARY_SENTENCES },
  quiet: { type: 'boolean' },
  page: { type: 'integer', min: 1, max: MAX_PAGE },
};

/** One option of one command: its name, whether it is required, and its fixed choices if any. */
type OptionSpec = readonly [name: DiscordOptionName, required: boolean, choices?: readonly string[]];

/** The options that shape a subscription's digest. */
const DIGEST_OPTIONS: readonly OptionSpec[] = [
  ['keywords', false],
  ['sources', false],
  ['articles', false],
  ['summary', false],
  ['quiet', false],
];

/** Each command's options in order. */
const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionSpec[]>> = {
  digest: [
    ['article', false],
    ['url', false],
  ],
  quotes: [
    ['actor', false],
    ['article', false],
    ['page', false],
  ],
  background: [
    ['actor', true],
    ['article', false],
    ['page', false],
  ],
  actors: [['article', false]],
  articles: [['page', false]],
  // No option is required: `/subscribe id:… articles:3` edits an existing subscription.
  subscribe: [['schedule', false], ['timezone', false], ...DIGEST_OPTIONS, ['id', false]],
  unsubscribe: [['id', false]],
  subscriptions: [['action', false, ['list', 'edit', 'test']], ['id', false], ...DIGEST_OPTIONS],
  resume: [['id', false]],
  'digest-now': [['id', false]],
  feeds: [
    ['action', true, ['add', 'remove', 'list']],
    ['url', false],
  ],
  help: [],
};

/**
 * Commands Discord shows only to members with Manage Channels: those the core permission table
 * always refuses without it (the bot checks again at run time, for every command).
 */
const MANAGE_CHANNEL_COMMANDS: ReadonlySet<CommandName> = new Set(
  COMMAND_NAMES.filter((name) =>
    needsManageRights({ name, options: {} }, { directMessage: false, policy: DEFAULT_WORKSPACE_POLICY }),
  ),
);

function option([name, required, choices]: OptionSpec): APIApplicationCommandOption {
  const typed = OPTION_TYPES[name];
  const common = {
    name,
    description: OPTION_TEXT[name].slice(0, DESCRIPTION_LIMIT),
    ...(required ? { required: true } : {}),
  };
  if (typed?.type === 'boolean') return { ...common, type: ApplicationCommandOptionType.Boolean };
  if (typed?.type === 'integer')
    return {
      ...common,
      type: ApplicationCommandOptionType.Integer,
      min_value: typed.min,
      max_value: typed.max,
    };
  return {
    ...common,
    type: ApplicationCommandOptionType.String,
    ...(AUTOCOMPLETE_OPTIONS.has(name) ? { autocomplete: true } : {}),
    // The core's caps, so Discord stops an over-long value before it is sent.
    ...(choices
      ? { choices: choices.map((value) => ({ name: value, value })) }
      : { max_length: OPTION_LIMITS[name].max }),
  } as APIApplicationCommandOption;
}

/** The slash commands newsdesk registers, built from the core's command list and help texts. */
export const DISCORD_COMMANDS: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = COMMAND_NAMES.map(
  (name) => ({
    name,
    description: helpFor(name).description.slice(0, DESCRIPTION_LIMIT),
    options: COMMAND_OPTIONS[name].map(option),
    ...(MANAGE_CHANNEL_COMMANDS.has(name)
      ? { default_member_permissions: String(PermissionFlagsBits.ManageChannels) }
      : {}),
  }),
);

/**
 * The core request of a slash command, from its name and options as text (blank ones left out; a
 * number or a boolean as typed, "true"/"false"), or undefined for a command newsdesk does not
 * define (an outdated registration).
 */
export function commandRequest(
  name: string,
  getOption: (option: DiscordOptionName) => string | null,
): CommandRequest | undefined {
  const command = COMMAND_NAMES.find((candidate) => candidate === name);
  if (command === undefined) return undefined;
  const options: CommandOptions = {};
  for (const [optionName] of COMMAND_OPTIONS[command]) {
    const value = getOption(optionName)?.trim();
    if (value) options[optionName] = value;
  }
  return { name: command, options };
}

/** Where commands are registered: one guild (instant updates while developing) or every guild. */
export type CommandScope = { kind: 'guild'; guildId: string } | { kind: 'global' };

/** The scope for a guild id setting: guild commands when it is set, global otherwise. */
export function commandScope(guildId: string | undefined): CommandScope {
  return guildId ? { kind: 'guild', guildId } : { kind: 'global' };
}

/** The REST route of the application's commands in a scope. */
export function commandsRoute(applicationId: string, scope: CommandScope): `/${string}` {
  return scope.kind === 'guild'
    ? Routes.applicationGuildCommands(applicationId, scope.guildId)
    : Routes.applicationCommands(applicationId);
}

/** The parts of a command that newsdesk defines, in a canonical form (Discord adds ids, versions, defaults). */
function comparable(command: Record<string, unknown>): unknown {
  const options = (command.options as Record<string, unknown>[] | undefined) ?? [];
  return {
    name: command.name,
    description: command.description,
    type: command.type ?? 1,
    default_member_permissions: command.default_member_permissions ?? null,
    options: options.map((entry) => ({
      type: entry.type,
      name: entry.name,
      description: entry.description,
      required: entry.required === true,
      autocomplete: entry.autocomplete === true,
      max_length: entry.max_length ?? null,
      min_value: entry.min_value ?? null,
      max_value: entry.max_value ?? null,
      choices: entry.choices ?? [],
    })),
  };
}

function canonical(commands: readonly unknown[]): string {
  return JSON.stringify(
    (commands as Record<string, unknown>[])
      .map(comparable)
      .sort((a, b) =>
        String((a as { name: unknown }).name).localeCompare(String((b as { name: unknown }).name)),
      ),
  );
}

/** Whether what Discord has registered (`GET …/commands`) already matches the definitions. */
export function sameCommands(defined: readonly unknown[], registered: readonly unknown[]): boolean {
  return canonical(defined) === canonical(registered);
}

/** What a registration did. */
export interface CommandSync {
  action: 'registered' | 'unchanged';
  count: number;
  scope: CommandScope;
}

/** A short description of a failed Discord REST call, by status and Discord's JSON error code. */
export function describeRestFailure(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return 'Discord refused the token (401); check DISCORD_TOKEN';
    if (error.code === 50001)
      return 'Missing Access (50001): invite the bot with the applications.commands scope';
    return `Discord answered ${error.status} (code ${String(error.code)})`;
  }
  const named = error as { name?: unknown; status?: unknown };
  if (typeof named?.status === 'number') return `Discord answered HTTP ${named.status}`;
  if (named?.name === 'AbortError') return 'Discord did not answer in time';
  return `Discord is unreachable (${String((error as { cause?: { code?: unknown } })?.cause?.code ?? error)})`;
}

/**
 * Registers the commands in a scope with one bulk overwrite (PUT). Unless `force` is set it first
 * reads what Discord has (GET) and writes nothing when the definitions are the same.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  scope: CommandScope,
  options: { force?: boolean; commands?: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] } = {},
): Promise<Result<CommandSync, string>> {
  const commands = options.commands ?? DISCORD_COMMANDS;
  const route = commandsRoute(applicationId, scope);
  try {
    if (!options.force) {
      const registered = (await rest.get(route)) as unknown[];
      if (sameCommands(commands, registered))
        return ok({ action: 'unchanged', count: commands.length, scope });
    }
    await rest.put(route, { body: commands });
    return ok({ action: 'registered', count: commands.length, scope });
  } catch (error) {
    return err(`could not register the slash commands: ${describeRestFailure(error)}`);
  }
}

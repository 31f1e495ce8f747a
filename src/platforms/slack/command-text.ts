/**
 * The text of the umbrella slash command (`/newsdesk quotes Xi`, `/newsdesk subscribe "0 8 * * 1-5"
 * Europe/Berlin`) -> a core CommandRequest. One umbrella command keeps newsdesk's names from
 * clashing with other apps' `/digest` or `/subscribe`; the arguments are read by core, as on
 * every platform.
 */
import { isCommandName, parseCommandArguments } from '../../core/commands/command-text.ts';
import { editDistance } from '../../core/commands/lookup.ts';
import { COMMAND_NAMES, type CommandName, type CommandRequest } from '../../core/commands/types.ts';

/** The umbrella text, understood: a request, or an unknown command word with close matches. */
export type UmbrellaParse =
  | { ok: true; request: CommandRequest }
  | { ok: false; word: string; suggestions: CommandName[] };

/**
 * Parses the umbrella command's text: the first word names the command (a leading "/" is forgiven;
 * no text at all means help), the rest are its arguments (`parseCommandArguments`).
 */
export function parseUmbrellaText(text: string): UmbrellaParse {
  const match = /^\s*\/?(\S*)\s*([\s\S]*)$/.exec(text);
  const word = (match?.[1] ?? '').toLowerCase();
  if (word === '') return { ok: true, request: { name: 'help', options: {} } };
  if (!isCommandName(word)) return { ok: false, word, suggestions: closeCommands(word) };
  return { ok: true, request: parseCommandArguments(word, match?.[2] ?? '') };
}

/** Command names within two edits of `word`, or starting with it, closest first. */
export function closeCommands(word: string): CommandName[] {
  return COMMAND_NAMES.map((name) => ({
    name,
    distance: name.startsWith(word) ? 0 : editDistance(word, name),
  }))
    .filter((entry) => word !== '' && entry.distance <= 2)
    .sort((a, b) => a.distance - b.distance)
    .map((entry) => entry.name);
}

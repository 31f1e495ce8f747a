/**
 * Paging of replies that list many items (an actor's quotes across coverage, their background,
 * the stored articles): each reply shows one page and, when there is more, carries the request of
 * the next page. Platforms offer it as a "More" button (Discord), a "more" action (Slack) or the
 * typed line `more` (console); the button carries the request as a short token.
 */
import { err, ok, type Result } from '../result.ts';
import { COMMAND_NAMES, type CommandName, type CommandOptions, type CommandRequest } from './types.ts';

/** The commands whose replies are paged. */
export const PAGED_COMMANDS: readonly CommandName[] = ['quotes', 'background', 'articles'];
/** The last page anyone can ask for: deep enough for any reader, and it bounds the reads of one reply. */
export const MAX_PAGE = 50;
/** What a "More" token starts with, so a platform tells it from other buttons. */
export const MORE_PREFIX = 'more:';
/** Discord's limit on a button's custom id; a longer token gets no button (the reply names the page option). */
export const MAX_MORE_TOKEN = 100;

/** The page a request asks for (1 when it names none), or why the page option is not one. */
export function requestedPage(options: CommandOptions): Result<number, string> {
  const text = options.page?.trim() ?? '';
  if (text === '') return ok(1);
  const page = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    return err(`The page must be a whole number from 1 to ${MAX_PAGE}.`);
  return ok(page);
}

/** The request for the page after `page` of the same command and options. */
export function nextPageRequest(name: CommandName, options: CommandOptions, page: number): CommandRequest {
  return { name, options: { ...options, page: String(page + 1) } };
}

/** Whether a reply that showed `page` may offer another. */
export function morePagesAllowed(page: number): boolean {
  return page < MAX_PAGE;
}

/**
 * The token of a next-page request for a button: `more:` and the command with its options as
 * compact JSON; undefined when it would be longer than {@link MAX_MORE_TOKEN}.
 */
export function moreToken(request: CommandRequest): string | undefined {
  const options = Object.fromEntries(
    Object.entries(request.options).filter(([, value]) => value !== undefined && value !== ''),
  );
  const token = `${MORE_PREFIX}${JSON.stringify([request.name, options])}`;
  return token.length <= MAX_MORE_TOKEN ? token : undefined;
}

/**
 * The request a "More" token carries, or undefined for anything else. The token comes back from
 * a client, so it is read strictly: a paged command, string options with known names only; the
 * request then passes the same caps and permission table as a typed command.
 */
export function requestOfMoreToken(token: string): CommandRequest | undefined {
  if (!token.startsWith(MORE_PREFIX) || token.length > MAX_MORE_TOKEN) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(token.slice(MORE_PREFIX.length));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [name, options] = parsed as [unknown, unknown];
  if (typeof name !== 'string' || !PAGED_COMMANDS.includes(name as CommandName)) return undefined;
  if (!COMMAND_NAMES.includes(name as CommandName)) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  const known = new Set<string>(PAGE_OPTION_NAMES);
  const entries = Object.entries(options as Record<string, unknown>);
  if (!entries.every(([key, value]) => known.has(key) && typeof value === 'string')) return undefined;
  return { name: name as CommandName, options: Object.fromEntries(entries) as CommandOptions };
}

/** The options a paged command's token may carry. */
const PAGE_OPTION_NAMES: readonly (keyof CommandOptions)[] = ['actor', 'article', 'topic', 'page'];

import { COMMAND_NAMES, type CommandName, type CommandOptions, type CommandRequest } from './types.ts';

/** One word of a command line; `quoted` when any part of it stood in quote marks. */
interface Token {
  text: string;
  quoted: boolean;
}

const CLOSING: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

/** Splits a command line into words the way a shell would: quote marks group words ("0 8 * * 1-5"). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let inToken = false;
  let closing: string | undefined;
  for (const char of text) {
    if (closing !== undefined) {
      if (char === closing) closing = undefined;
      else current += char;
      continue;
    }
    const close = CLOSING[char];
    // An apostrophe inside a word ("Xi's") is a letter, not a quote mark.
    if (close !== undefined && !(char === "'" && inToken && current !== '')) {
      closing = close;
      quoted = true;
      inToken = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inToken) tokens.push({ text: current, quoted });
      current = '';
      quoted = false;
      inToken = false;
      continue;
    }
    current += char;
    inToken = true;
  }
  if (inToken) tokens.push({ text: current, quoted });
  return tokens;
}

const OPTION_KEYS: Record<string, keyof CommandOptions> = {
  actor: 'actor',
  article: 'article',
  schedule: 'schedule',
  cron: 'schedule',
  timezone: 'timezone',
  tz: 'timezone',
  id: 'id',
  topic: 'topic',
  about: 'topic',
  url: 'url',
  link: 'url',
  action: 'action',
  keywords: 'keywords',
  keyword: 'keywords',
  sources: 'sources',
  source: 'sources',
  articles: 'articles',
  stories: 'articles',
  summary: 'summary',
  sentences: 'summary',
  quiet: 'quiet',
  page: 'page',
};

/** A web address as typed, or as Slack wraps it (`<https://…>` or `<https://…|label>`). */
const WEB_ADDRESS = /^<?(https?:\/\/[^\s|>]+)(?:\|[^>]*)?>?$/i;

/** The address in a word that is one, else undefined. */
export function webAddress(text: string): string | undefined {
  return WEB_ADDRESS.exec(text.trim())?.[1];
}

/** Whether `name` is one of the commands. */
export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * Reads a command's argument text into options: `key:value` pairs (`actor:"Qin Gang"`) and, for the
 * rest, the command's natural positional reading (`/quotes Xi`, `/subscribe "0 8 * * 1-5" Europe/Berlin`).
 */
export function parseCommandArguments(name: CommandName, text: string): CommandRequest {
  const options: CommandOptions = {};
  const positional: Token[] = [];
  for (const token of tokenize(text)) {
    const pair = /^([a-z]+):(.*)$/is.exec(token.text);
    const key = pair ? OPTION_KEYS[(pair[1] ?? '').toLowerCase()] : undefined;
    if (pair && key)
      options[key] =
        key === 'url' ? (webAddress(pair[2] ?? '') ?? (pair[2] ?? '').trim()) : (pair[2] ?? '').trim();
    else positional.push(token);
  }
  const rest = positional.map((token) => token.text).join(' ');
  switch (name) {
    case 'digest': {
      const address = webAddress(rest);
      if (address !== undefined && options.url === undefined) options.url = address;
      else if (rest !== '' && options.article === undefined) options.article = rest;
      break;
    }
    case 'feeds': {
      const words = positional.map((token) => token.text);
      const first = words[0];
      if (first !== undefined && webAddress(first) === undefined && options.action === undefined) {
        options.action = first;
        words.shift();
      }
      const address = words[0] === undefined ? undefined : (webAddress(words[0]) ?? words[0]);
      if (address !== undefined && options.url === undefined) options.url = address;
      break;
    }
    case 'actors':
      if (rest !== '' && options.article === undefined) options.article = rest;
      break;
    case 'quotes':
    case 'background':
      if (rest !== '' && options.actor === undefined) options.actor = rest;
      break;
    case 'subscribe': {
      if (options.schedule !== undefined || positional.length === 0) {
        if (positional[0] && options.timezone === undefined) options.timezone = positional[0].text;
        break;
      }
      // A quoted schedule is one token; an unquoted one is its five fields, then the time zone.
      const fields = positional[0]?.quoted ? 1 : Math.min(5, positional.length);
      options.schedule = positional
        .slice(0, fields)
        .map((token) => token.text)
        .join(' ');
      const zone = positional[fields];
      if (zone && options.timezone === undefined) options.timezone = zone.text;
      break;
    }
    case 'unsubscribe':
    case 'resume':
    case 'digest-now':
      if (positional[0] && options.id === undefined) options.id = positional[0].text;
      break;
    case 'subscriptions': {
      const [first, second] = positional;
      if (first && options.action === undefined) options.action = first.text;
      if (second && options.id === undefined) options.id = second.text;
      break;
    }
    default:
      break;
  }
  return { name, options };
}

/**
 * Reads a typed slash command ("/quotes Xi"); an unknown command becomes help that names it.
 * Undefined when the line is not a slash command at all.
 */
export function parseSlashCommand(line: string): CommandRequest | undefined {
  const match = /^\s*\/([a-z-]+)(?:\s+(.*))?$/is.exec(line);
  if (!match) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  if (!isCommandName(name)) return { name: 'help', options: {}, unrecognized: line.trim() };
  return parseCommandArguments(name, match[2] ?? '');
}

import { isCommandName, parseCommandArguments, webAddress } from './command-text.ts';
import type { CommandRequest } from './types.ts';

type Rule = readonly [pattern: RegExp, build: (match: RegExpExecArray) => CommandRequest];

/** Trims an actor or topic a sentence captured: quote marks, a possessive, stray punctuation. */
function cleanPhrase(text: string | undefined): string {
  return (text ?? '')
    .trim()
    .replace(/^["“‘']+|["”’']+$/g, '')
    .replace(/[?!.,;:]+$/g, '')
    .trim();
}

function actorRequest(
  name: 'quotes' | 'background',
  actor: string | undefined,
  topic?: string,
): CommandRequest {
  const options: CommandRequest['options'] = { actor: cleanPhrase(actor) };
  const about = cleanPhrase(topic);
  if (about !== '') options.topic = about;
  return { name, options };
}

/** The mention grammar, tried in order; the first pattern that matches the whole text wins. */
const RULES: readonly Rule[] = [
  [/^(?:help|commands|\?|what can you do|how does this work)$/i, () => ({ name: 'help', options: {} })],
  [
    /^(?:summary|summarise|summarize|digest|read)(?:\s+(?:of|for|on))?\s+(<?https?:\/\/\S+)$/i,
    (m) => ({ name: 'digest', options: { url: webAddress(m[1] ?? '') ?? m[1] ?? '' } }),
  ],
  [
    /^(?:summary|summarise|summarize|digest|news|latest|what['’]?s new|what is new)(?:\s+(?:of|for|on)\s+(.+))?$/i,
    (m) =>
      m[1] ? { name: 'digest', options: { article: cleanPhrase(m[1]) } } : { name: 'digest', options: {} },
  ],
  [
    /^(?:actors|people|who is in the news|who['’]?s in the news|who is in it|who are the actors)(?:\s+(?:of|in|for)\s+(.+))?$/i,
    (m) =>
      m[1] ? { name: 'actors', options: { article: cleanPhrase(m[1]) } } : { name: 'actors', options: {} },
  ],
  [
    /^(?:articles|stories|what do you have|what articles do you have|list articles)$/i,
    () => ({ name: 'articles', options: {} }),
  ],
  [/^(?:subscriptions|list subscriptions)$/i, () => ({ name: 'subscriptions', options: {} })],
  [
    /^what (?:did|does|has|have) (.+?) (?:say|said|tell|told|to say)(?: about (.+))?$/i,
    (m) => actorRequest('quotes', m[1], m[2]),
  ],
  [
    /^(?:key\s+)?quotes?\s+(?:from|by|of)\s+(.+?)(?:\s+about\s+(.+))?$/i,
    (m) => actorRequest('quotes', m[1], m[2]),
  ],
  [/^(?:key\s+)?quotes?$/i, () => ({ name: 'quotes', options: {} })],
  [
    /^(?:who is|who['’]s|who was|who are|what is|tell me about|tell me more about|background (?:on|for|of|about)?)\s*(.+)$/i,
    (m) => actorRequest('background', m[1]),
  ],
];

/** Removes every way of addressing the bot: `<@123>` / `<@!123>` / `<@U0ABC>` tags and "@name" / "name," prefixes. */
function stripAddress(text: string, botNames: readonly string[]): string {
  let rest = text.replace(/<@!?[A-Z0-9]+(?:\|[^>]*)?>/gi, ' ');
  for (const name of botNames) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rest = rest.replace(new RegExp(`(^|\\s)@${escaped}\\b`, 'gi'), ' ');
    rest = rest.replace(new RegExp(`^\\s*${escaped}\\s*[,:]`, 'i'), ' ');
  }
  return rest
    .replace(/^[\s,:;-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Maps the free text of a mention ("@newsdesk who is Qin Gang?") to a command; text that matches
 * nothing becomes a short help request that echoes it, so the bot never stays silent.
 */
export function parseMention(text: string, botNames: readonly string[]): CommandRequest {
  const body = stripAddress(text, botNames);
  const question = body.replace(/[?!.\s]+$/g, '').trim();
  if (question === '') return { name: 'help', options: {} };
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(question);
    if (!match) continue;
    const request = build(match);
    if (request.options.actor !== '') return request;
  }
  // "@newsdesk quotes Xi" or "@newsdesk /digest latest" read like the slash command of that name.
  const command = /^\/?([a-z][a-z-]*)(?:\s+(.*))?$/is.exec(question);
  const name = command?.[1]?.toLowerCase() ?? '';
  if (isCommandName(name)) return parseCommandArguments(name, command?.[2] ?? '');
  return { name: 'help', options: {}, unrecognized: body };
}

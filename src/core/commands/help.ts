import type { CommandName, HelpEntry } from './types.ts';

/** Every command with its usage, one-line description and examples; platforms register commands from it. */
export const COMMAND_HELP: readonly HelpEntry[] = [
  {
    name: 'digest',
    usage: '/digest [article] [url]',
    description: 'The digest of the newest article, of the one named, or of a web page (url:).',
    examples: ['/digest', '/digest biden xi', '/digest url:https://apnews.com/article/…'],
  },
  {
    name: 'quotes',
    usage: '/quotes [actor] [article]',
    description: 'Key quotes with speaker and paragraph, optionally only one actor’s.',
    examples: ['/quotes', '/quotes Xi', '/quotes actor:"Qin Gang" article:latest'],
  },
  {
    name: 'background',
    usage: '/background actor [article]',
    description: 'Who an actor is, what they said and did, across all stored coverage.',
    examples: ['/background Qin Gang', '/background the spokesman'],
  },
  {
    name: 'actors',
    usage: '/actors [article]',
    description: 'The actors of a story, most central first.',
    examples: ['/actors', '/actors latest'],
  },
  {
    name: 'articles',
    usage: '/articles',
    description: 'The articles newsdesk has, newest first.',
    examples: ['/articles'],
  },
  {
    name: 'subscribe',
    usage: '/subscribe schedule [timezone]',
    description: 'Post digests of new articles here on a cron schedule (needs channel-manage rights).',
    examples: ['/subscribe "0 8 * * 1-5" Europe/Berlin', '/subscribe "30 17 * * *"'],
  },
  {
    name: 'unsubscribe',
    usage: '/unsubscribe [id]',
    description: 'Stop this channel’s scheduled digests (one by id, or all).',
    examples: ['/unsubscribe'],
  },
  {
    name: 'subscriptions',
    usage: '/subscriptions',
    description: 'This channel’s schedules, and why any is paused.',
    examples: ['/subscriptions'],
  },
  {
    name: 'feeds',
    usage: '/feeds add|remove|list [url]',
    description:
      'The RSS/Atom feeds newsdesk polls for new articles (add/remove need channel-manage rights).',
    examples: ['/feeds list', '/feeds add https://feeds.bbci.co.uk/news/world/rss.xml'],
  },
  {
    name: 'help',
    usage: '/help',
    description: 'These commands, with examples.',
    examples: ['/help'],
  },
];

/** What mentioning the bot understands, for the help reply. */
export const MENTION_EXAMPLES: readonly string[] = [
  '@newsdesk who is Qin Gang?',
  '@newsdesk what did Xi say about Afghanistan?',
  '@newsdesk quotes from Zhao Lijian',
  '@newsdesk summary',
  '@newsdesk summarize https://apnews.com/article/…',
];

/** The help entry of one command. */
export function helpFor(name: CommandName): HelpEntry {
  const entry = COMMAND_HELP.find((candidate) => candidate.name === name);
  // COMMAND_HELP lists every CommandName; the fallback only keeps the type total.
  return entry ?? { name, usage: `/${name}`, description: '', examples: [] };
}

import type { Platform } from '../ports.ts';
import { type CommandArg, typedCommand, usageFor } from './command-syntax.ts';
import type { CommandName, HelpEntry } from './types.ts';

/** One command's help before it is put in a platform's syntax: examples are the options they set. */
export interface HelpSpec {
  name: CommandName;
  /** "/quotes [actor] [article]" */
  usage: string;
  description: string;
  examples: readonly (readonly CommandArg[])[];
}

/** Every command with its usage, one-line description and examples; platforms register commands from it. */
export const COMMAND_HELP: readonly HelpSpec[] = [
  {
    name: 'digest',
    usage: '/digest [article] [url]',
    description: 'The digest of the newest article, of the one named, or of a web page (url:).',
    examples: [[], [['article', 'biden xi']], [['url', 'https://apnews.com/article/…']]],
  },
  {
    name: 'quotes',
    usage: '/quotes [actor] [article]',
    description: 'Key quotes with speaker and paragraph, optionally only one actor’s.',
    examples: [
      [],
      [['actor', 'Xi']],
      [
        ['actor', 'Qin Gang'],
        ['article', 'latest'],
      ],
    ],
  },
  {
    name: 'background',
    usage: '/background actor [article]',
    description: 'Who an actor is, what they said and did, across all stored coverage.',
    examples: [[['actor', 'Qin Gang']], [['actor', 'the spokesman']]],
  },
  {
    name: 'actors',
    usage: '/actors [article]',
    description: 'The actors of a story, most central first.',
    examples: [[], [['article', 'latest']]],
  },
  {
    name: 'articles',
    usage: '/articles',
    description: 'The articles newsdesk has, newest first.',
    examples: [[]],
  },
  {
    name: 'subscribe',
    usage: '/subscribe schedule [timezone] [keywords] [sources] [articles] [summary] [quiet]',
    description: 'Post a digest of the day’s stories here on a cron schedule (needs channel-manage rights).',
    examples: [
      [
        ['schedule', '0 8 * * 1-5'],
        ['timezone', 'Europe/Berlin'],
      ],
      [
        ['schedule', '30 17 * * *'],
        ['keywords', 'China,Taiwan'],
        ['articles', '3'],
        ['quiet', 'off'],
      ],
    ],
  },
  {
    name: 'unsubscribe',
    usage: '/unsubscribe [id]',
    description: 'Stop this channel’s scheduled digests (one by id, or all).',
    examples: [[], [['id', '3f9c2a1b7d4e']]],
  },
  {
    name: 'subscriptions',
    usage: '/subscriptions [list|edit|test] [id] [options]',
    description: 'This channel’s schedules with their next times; edit one’s options or post a test digest.',
    examples: [
      [],
      [
        ['action', 'edit'],
        ['id', '3f9c2a1b7d4e'],
        ['sources', 'Reuters,AP'],
      ],
      [['action', 'test']],
    ],
  },
  {
    name: 'resume',
    usage: '/resume [id]',
    description:
      'Resume a paused subscription once newsdesk can post here again (needs channel-manage rights).',
    examples: [[], [['id', '3f9c2a1b7d4e']]],
  },
  {
    name: 'digest-now',
    usage: '/digest-now [id]',
    description: 'Post what a subscription’s next digest would hold, now, without marking it sent.',
    examples: [[], [['id', '3f9c2a1b7d4e']]],
  },
  {
    name: 'feeds',
    usage: '/feeds add|remove|list [url]',
    description:
      'The RSS/Atom feeds newsdesk polls for new articles (add/remove need channel-manage rights).',
    examples: [
      [['action', 'list']],
      [
        ['action', 'add'],
        ['url', 'https://feeds.bbci.co.uk/news/world/rss.xml'],
      ],
    ],
  },
  {
    name: 'help',
    usage: '/help',
    description: 'These commands, with examples.',
    examples: [[]],
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

/** The help of one command. */
export function helpFor(name: CommandName): HelpSpec {
  const entry = COMMAND_HELP.find((candidate) => candidate.name === name);
  // COMMAND_HELP lists every CommandName; the fallback only keeps the type total.
  return entry ?? { name, usage: `/${name}`, description: '', examples: [] };
}

/** Every command's help in the platform's syntax (`/newsdesk quotes Xi` on Slack, `/quotes actor:Xi` on Discord). */
export function helpEntries(platform: Platform): HelpEntry[] {
  return COMMAND_HELP.map((spec) => ({
    name: spec.name,
    usage: usageFor(platform, spec.usage),
    description: spec.description,
    examples: spec.examples.map((args) => typedCommand(platform, spec.name, args)),
  }));
}

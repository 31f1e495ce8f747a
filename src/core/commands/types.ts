import type { ActorKind, GroundedLine, QuoteKind } from '../analysis/types.ts';
import type { Digest } from '../digest/digest.ts';
import type {
  ArticleReader,
  ArticleViews,
  ChannelAccess,
  ChannelRef,
  Clock,
  DeliveryLog,
  Platform,
  SourceOwner,
  SubscriptionOptions,
  SubscriptionStore,
  WorkspaceKey,
  WorkspacePolicies,
} from '../ports.ts';
import type { Result } from '../result.ts';
import type { SlotScan } from '../schedule/slot-digest.ts';
import type { ActorDirectory } from './actor-directory.ts';

/** The commands every platform offers (DESIGN.md, "Commands"). */
export type CommandName =
  | 'digest'
  | 'quotes'
  | 'background'
  | 'actors'
  | 'articles'
  | 'subscribe'
  | 'unsubscribe'
  | 'subscriptions'
  | 'resume'
  | 'digest-now'
  | 'feeds'
  | 'help';

/** Every {@link CommandName}, in the order help lists them. */
export const COMMAND_NAMES: readonly CommandName[] = [
  'digest',
  'quotes',
  'background',
  'actors',
  'articles',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'resume',
  'digest-now',
  'feeds',
  'help',
];

/** Who asks, and where: the platform adapter fills it from its event. */
export interface CommandContext {
  platform: Platform;
  /** Slack team id or Discord guild id ("" for the console and DMs). */
  workspaceId: string;
  channelId: string;
  /** Platform user id of who asked. */
  userId: string;
  /** Asked in a direct message with the bot rather than in a channel. */
  directMessage: boolean;
  /** Whether the user may manage the channel (Discord Manage Channels, Slack admin…); see `permissions.ts`. */
  canManageChannel: boolean;
}

/** The options a command takes; which ones apply depends on the command. */
export interface CommandOptions {
  /** Article id, title words or "latest". */
  article?: string;
  /** Actor name, alias, surname, title ("the ambassador"), typos forgiven. */
  actor?: string;
  /** Five-field cron expression ("0 8 * * 1-5"). */
  schedule?: string;
  /** IANA time zone ("Europe/Berlin"). */
  timezone?: string;
  /** Subscription id (`/unsubscribe`, `/resume`, `/digest-now`, `/subscriptions edit`). */
  id?: string;
  /** Words a quote's sentence must hold ("what did Xi say about Afghanistan?"). */
  topic?: string;
  /** A web page (`/digest url:`) or feed (`/feeds add`) address. */
  url?: string;
  /** What `/feeds` does (add, remove, list) or `/subscriptions` (list, edit, test). */
  action?: string;
  /** A subscription's keywords, comma-separated ("none" clears them). */
  keywords?: string;
  /** A subscription's sources, comma-separated ("none" clears them). */
  sources?: string;
  /** Stories per digest, a whole number. */
  articles?: string;
  /** Summary sentences per story, a whole number. */
  summary?: string;
  /** "on" (the default): no post when nothing is new; "off": a "nothing new" post. */
  quiet?: string;
  /** Which page of a long list (1-based; `/quotes`, `/background`, `/articles`). */
  page?: string;
}

/** One command as the user asked it, platform-free. */
export interface CommandRequest {
  name: CommandName;
  options: CommandOptions;
  /** Mention text that matched no command; the help reply then says so briefly. */
  unrecognized?: string;
}

/** The header of an article a reply refers to. */
export interface ArticleRef {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
}

/** A verbatim quote as a reply shows it: speaker, paragraph and the article it is from. */
export interface QuoteLine {
  text: string;
  speaker: string | null;
  kind: QuoteKind;
  /** 1-based paragraph of the article. */
  paragraph: number;
  article: ArticleRef;
}

/** One article's coverage of an actor in a background reply. */
export interface BackgroundEntry {
  article: ArticleRef;
  /** The roles this article gives the actor. */
  roles: string[];
  /** What the actor said there (verbatim, with ¶). */
  quotes: QuoteLine[];
  /** Sentences saying who the actor is and what they did, with ¶. */
  lines: GroundedLine[];
}

/** Another person a name could mean: named beside an answer, or offered when asked which one. */
export interface ActorAlternative {
  /** The identity's name as the reader's articles give it in full ("Bill Clinton"). */
  name: string;
  /** How many of the reader's articles cover it. */
  articles: number;
  /** The command that asks about it, as the platform types it ("/quotes actor:Bill Clinton"). */
  command: string;
}

/** A role across coverage: the newest article that gives it and how many do. */
export interface RoleLine {
  role: string;
  article: ArticleRef;
  articles: number;
}

/** An actor as `/actors` lists it. */
export interface ActorLine {
  name: string;
  kind: ActorKind;
  roles: string[];
  mentions: number;
  quotes: number;
}

/** A subscription as `/subscriptions` lists it. */
export interface SubscriptionLine {
  id: string;
  cron: string;
  timezone: string;
  options: SubscriptionOptions;
  /** The next three due times, ISO-8601 UTC (renderers show them in local time). */
  nextRuns: string[];
  /** Why deliveries stopped, or null while active. */
  pausedReason: string | null;
  createdBy: string;
  createdAt: string;
}

/** One command in the help reply. */
export interface HelpEntry {
  name: CommandName;
  /** "/quotes [actor] [article]" */
  usage: string;
  description: string;
  examples: string[];
}

/** A feed as `/feeds` shows it: address, title and one line of state (last fetch, failures, disabled). */
export interface FeedLine {
  url: string;
  title: string | null;
  status: string;
}

/** What ingesting one web page did, as `/digest url:` needs it. */
export interface IngestedPage {
  /** The stored article's id (an earlier copy's for a duplicate). */
  id: string;
  outcome: 'created' | 'updated' | 'duplicate' | 'near-duplicate';
}

/**
 * The feed list operations `/feeds` runs, each for one owner (the asking workspace); main.ts backs
 * them with the feed store and the safe fetcher.
 */
export interface FeedCommands {
  /** Checks (fetches once, unless another owner polls it already) and adds a feed for `owner`; an error value says why not. */
  add(
    url: string,
    addedBy: string,
    owner: SourceOwner,
  ): Promise<Result<{ feed: FeedLine; created: boolean }, string>>;
  /** Removes `owner`'s feed; undefined when the owner holds no such feed. */
  remove(url: string, owner: SourceOwner): Promise<FeedLine | undefined>;
  /** The feeds `owner` holds. */
  list(owner: SourceOwner): Promise<FeedLine[]>;
}

/** Expected failures a handler renders (never thrown), plus `internal_error` for the unexpected. */
export type CommandErrorCode =
  | 'no_articles'
  | 'article_not_found'
  | 'actor_not_found'
  | 'actor_ambiguous'
  | 'missing_option'
  | 'bad_schedule'
  | 'bad_timezone'
  | 'not_allowed'
  | 'subscription_not_found'
  | 'bad_action'
  | 'fetch_failed'
  | 'feed_not_found'
  | 'not_available'
  | 'too_long'
  | 'bad_option'
  | 'cannot_post'
  | 'internal_error';

/**
 * What a command answers, platform-free; Discord, Slack and text renderers turn it into messages.
 * `ephemeral` replies are shown only to the user who asked, where the platform can.
 */
export type CommandReply =
  | { kind: 'digest'; ephemeral: boolean; digest: Digest }
  | {
      kind: 'quotes';
      ephemeral: boolean;
      /** The actor asked about (canonical name), or null for every speaker. */
      actor: string | null;
      /** The one article the quotes are from, or null when drawn from all coverage of the actor. */
      article: ArticleRef | null;
      quotes: QuoteLine[];
      /** The topic words the quotes were narrowed to, or null. */
      topic: string | null;
      /** How many quotes matched before the list was cut to a readable length. */
      total: number;
      /** Others the name could mean, weaker in coverage ("Also: Bill Clinton — /quotes Bill Clinton"). */
      also?: ActorAlternative[];
      /** The page shown (1-based) and the request of the next one, or null when this is the last. */
      page: number;
      more: CommandRequest | null;
    }
  | {
      kind: 'background';
      ephemeral: boolean;
      actor: { name: string; kind: ActorKind; aliases: string[]; roles: string[] };
      /** One entry per article covering the actor, newest first. */
      coverage: BackgroundEntry[];
      /** How many stored articles cover the actor (coverage may show fewer). */
      articleCount: number;
      /** Its roles across coverage, the newest and most frequent first, each with its article. */
      roleLines?: RoleLine[];
      /** Others the name could mean, weaker in coverage. */
      also?: ActorAlternative[];
      /** The page of coverage shown (1-based) and the request of the next one, or null. */
      page: number;
      more: CommandRequest | null;
    }
  | {
      kind: 'choice';
      ephemeral: boolean;
      /** The question ("“Clinton” could mean either of these:"). */
      text: string;
      /** The command each option runs. */
      command: 'quotes' | 'background';
      /** The people the name could mean, most covered first; the user picks one (button, menu or number). */
      options: ActorAlternative[];
    }
  | { kind: 'actors'; ephemeral: boolean; article: ArticleRef; actors: ActorLine[] }
  | {
      kind: 'articles';
      ephemeral: boolean;
      articles: (ArticleRef & { ingestedAt: string })[];
      /** The page shown (1-based) and the request of the next one, or null. */
      page: number;
      more: CommandRequest | null;
    }
  | {
      kind: 'subscribed';
      ephemeral: boolean;
      subscription: SubscriptionLine;
      /** A new subscription, one that existed as asked, or an existing one whose options changed. */
      outcome: 'created' | 'unchanged' | 'updated';
    }
  | { kind: 'resumed'; ephemeral: boolean; resumed: SubscriptionLine[] }
  | { kind: 'unsubscribed'; ephemeral: boolean; removed: SubscriptionLine[] }
  | { kind: 'subscriptions'; ephemeral: boolean; channel: ChannelRef; subscriptions: SubscriptionLine[] }
  | {
      kind: 'help';
      ephemeral: boolean;
      commands: HelpEntry[];
      mentionExamples: string[];
      /** Mention text that matched no command, echoed in a short "I did not get that" line. */
      unrecognized: string | null;
    }
  | {
      kind: 'feeds';
      ephemeral: boolean;
      /** What changed: a feed added (or found already added), removed, or nothing (a list). */
      action: 'added' | 'already-added' | 'removed' | 'list';
      /** The feed added or removed, or every feed for `list`. */
      feeds: FeedLine[];
    }
  | { kind: 'notice'; ephemeral: boolean; text: string; suggestions: string[] }
  | {
      kind: 'error';
      ephemeral: boolean;
      code: CommandErrorCode;
      /** One or two sentences for the user; never a stack trace. */
      text: string;
      /** "Did you mean …" candidates (actor names, article titles), at most five. */
      suggestions: string[];
    };

/** The reply kinds, for renderers' exhaustive switches. */
export type CommandReplyKind = CommandReply['kind'];

/** The logger a handler needs; pino satisfies it, core never imports pino. */
export interface CommandLogger {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** The ports and settings the command handlers run on; main.ts builds it. */
export interface CommandDeps {
  /** The articles, read only as the asking workspace sees them (see {@link TenantDeps}). */
  articles: ArticleViews;
  subscriptions: SubscriptionStore;
  clock: Clock;
  /** The time zone `/subscribe` uses when none is given. */
  defaultTimezone: string;
  logger: CommandLogger;
  /** Known actor names, kept between commands (default: loaded afresh for each forgiving lookup). */
  actorDirectory?: ActorDirectory;
  /** Fetches a web page through the safe fetcher and ingests it for `owner` (`/digest url:`); absent: not offered. */
  ingestUrl?: (url: string, owner: SourceOwner) => Promise<Result<IngestedPage, string>>;
  /** The feed list (`/feeds`); absent: not offered. */
  feeds?: FeedCommands;
  /** What each workspace decided (who may digest pages); absent: every workspace has the defaults. */
  policies?: Pick<WorkspacePolicies, 'workspacePolicy'>;
  /** Where each subscription's next digest starts (`/digest-now`); absent: not offered. */
  deliveries?: Pick<DeliveryLog, 'lastDeliveredCursor'>;
  /** Whether newsdesk can post into a channel now (`/resume` checks before resuming); absent: assumed. */
  checkAccess?: (channel: ChannelRef) => Promise<ChannelAccess>;
  /** How many articles a slot reads (the scheduler's `firstDeliveryScan` and `maxScan`). */
  slotScan?: SlotScan;
}

/**
 * What one command's handler runs on: the deps with the articles as the asking workspace sees them
 * (global sources and its own) and that workspace's key; `handleCommand` builds it from the context.
 */
export interface TenantDeps extends Omit<CommandDeps, 'articles'> {
  articles: ArticleReader;
  workspace: WorkspaceKey;
  /** Where the command was asked, so hints speak its syntax (see `command-syntax.ts`). */
  platform: Platform;
}

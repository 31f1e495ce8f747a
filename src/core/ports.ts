import type { IdentityCorrection, Sighting, SightingLink } from './actors/directory.ts';
import type { Actor, ActorKind, Analysis, Quote } from './analysis/types.ts';
import type { Article } from './article/article.ts';
import type { Digest } from './digest/digest.ts';

/** An article as stored: the cleaned article, its analysis and where it stands in ingest order. */
export interface StoredArticle {
  id: string;
  /** Ingest sequence number: strictly increasing in commit order, the cursor of "new since". */
  seq: number;
  /** SHA-256 of title and paragraphs; the same content is stored once. */
  contentHash: string;
  /** ISO-8601 time the article was first stored. */
  ingestedAt: string;
  article: Article;
  analysis: Analysis;
  /** The analysis rules version that produced `analysis` (see `ANALYSIS_VERSION`). */
  analysisVersion: number;
}

/** One line of an article list: what `/articles` and autocomplete show, without the body. */
export interface ArticleListing {
  id: string;
  seq: number;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  ingestedAt: string;
}

/** What saving an article did: stored it anew, found the same content, or replaced a changed one. */
export type SaveOutcome = 'created' | 'duplicate' | 'updated';

/** The answer of {@link ArticleStore.saveArticle}: the id the content is stored under. */
export interface SavedArticle {
  /** The stored article's id; for a duplicate, the id the content was first stored under. */
  id: string;
  seq: number;
  /** True only when a new article row was written. */
  created: boolean;
  outcome: SaveOutcome;
}

/** One article's coverage of an actor: the actor as that article describes it, and its quotes there. */
export interface ActorCoverage {
  articleId: string;
  seq: number;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  /** Name, aliases, roles and background lines, as the article's analysis has them. */
  actor: Actor;
  /** The quotes the article attributes to this actor, in article order. */
  quotes: Quote[];
}

/** An actor name known to the store, for lookup and autocomplete. */
export interface ActorName {
  /** Normalised key: lower case, no accents, punctuation as spaces ("xi jinping"). */
  key: string;
  name: string;
  kind: ActorKind;
  /** How many stored articles cover the actor. */
  articles: number;
}

/** A person (or other actor) across coverage, as one reader sees it: see `core/actors/directory.ts`. */
export interface IdentityMatch {
  /** The identity's key ("hillary clinton"). */
  key: string;
  /** The name the reader's articles most often give it, in full where they do. */
  name: string;
  kind: ActorKind;
  /**
   * How many of the reader's articles it is in; for any but the match most articles call by the
   * name, only those that do (counting every article of every namesake would read them all).
   */
  articles: number;
  /** How many of those call it by the name that was asked. */
  named: number;
}

/** Options of {@link ArticleReader.listArticles}. */
export interface ListArticlesOptions {
  /** At most this many (default 25). */
  limit?: number;
  /** After skipping this many (default 0): a later page. */
  offset?: number;
  /** Only articles whose title holds every word of this text (case and accents ignored). */
  titleWords?: string;
}

/**
 * A tenant: the Discord server ("discord:<guild id>"), Slack workspace ("slack:<team id>") or
 * console ("console") whose users added a source; a Discord DM is its user's ("discord:dm:<user id>").
 */
export type WorkspaceKey = string;

/** The owner of what the operator adds (`digests/`, `newsdesk ingest`, `newsdesk feeds`): every workspace sees it. */
export const GLOBAL_OWNER = '*';

/** Who a source belongs to: {@link GLOBAL_OWNER}, or the {@link WorkspaceKey} of the workspace that added it. */
export type SourceOwner = WorkspaceKey;

/**
 * The reads of stored articles as one reader may see them. The store's own reads are the
 * operator's (every source); a workspace reads through {@link ArticleViews.visibleTo}, which sees
 * global sources and the workspace's own, in the query itself.
 */
export interface ArticleReader {
  /** The article stored under `id`, if any. */
  getArticle(id: string): Promise<StoredArticle | undefined>;
  /**
   * The article stored from `url` or found again at it (see {@link ArticleStore.addArticleLink}),
   * if any; lets ingestion skip what it already has.
   */
  getArticleByUrl(url: string): Promise<StoredArticle | undefined>;
  /** Every URL an article is known at, its own first, then the other links by URL; [] if unknown. */
  articleLinks(articleId: string): Promise<string[]>;
  /**
   * Finds one article by what a user typed: "" or "latest" is the newest, else an exact id, else
   * the newest article whose title holds all the words.
   */
  findArticle(query: string): Promise<StoredArticle | undefined>;
  /** Articles newest first (by publication date, then ingest order). */
  listArticles(options?: ListArticlesOptions): Promise<ArticleListing[]>;
  /** Articles with `seq` greater than `cursor`, oldest first, at most `limit` (default 100): new since a delivery. */
  articlesSince(cursor: number, limit?: number): Promise<StoredArticle[]>;
  /** The highest `seq` stored so far (0 when empty). */
  latestSeq(): Promise<number>;
  /**
   * Every stored article's record of one actor, found by canonical name or any alias
   * ("Xi" or "Xi Jinping"), newest first, at most `limit` (default 100) after skipping `offset`
   * (default 0): a page of a hot actor's coverage is one index range, never all of it.
   */
  findActorCoverage(nameOrKey: string, limit?: number, offset?: number): Promise<ActorCoverage[]>;
  /** How many stored articles name the actor whose canonical name is `name`. */
  countActorArticles(name: string): Promise<number>;
  /** Actor names whose name or an alias starts with `prefix` (all when empty), most covered first, default 25. */
  listActorNames(prefix?: string, limit?: number): Promise<ActorName[]>;
  /** The identities whose actors this reader's articles call `name` (a name or alias), most covered first, default 5. */
  findIdentities(name: string, limit?: number): Promise<IdentityMatch[]>;
  /** Every visible article's record of one identity (by key), newest first, at most `limit` (default 100) after skipping `offset`. */
  identityCoverage(identity: string, limit?: number, offset?: number): Promise<ActorCoverage[]>;
}

/** What chat-facing code holds: the articles only as one workspace sees them. */
export interface ArticleViews {
  /** The reads of `workspace`: global sources and the workspace's own, never another's. */
  visibleTo(workspace: WorkspaceKey): ArticleReader;
}

/** Articles, their analyses, the actor index across them, and who owns each (see {@link SourceOwner}). */
export interface ArticleStore extends ArticleReader, ArticleViews {
  /**
   * Stores an article with its analysis and owners in one transaction. Content already stored (same
   * title and paragraphs) is not stored again but gains the owners; a known id with changed content
   * replaces the old content.
   */
  saveArticle(
    article: Article,
    analysis: Analysis,
    analysisVersion: number,
    owners: readonly SourceOwner[],
  ): Promise<SavedArticle>;
  /** Replaces the analysis of a stored article (and its actor index rows); false if there is no such id. */
  saveAnalysis(id: string, analysis: Analysis, analysisVersion: number): Promise<boolean>;
  /**
   * Records that an article's story is also at `url`, so the page is not fetched again. Idempotent;
   * false if there is no such article or `url` already leads to another article.
   */
  addArticleLink(articleId: string, url: string): Promise<boolean>;
  /** Lets more owners see a stored article (a URL two workspaces add is stored once); false if unknown. */
  shareArticle(articleId: string, owners: readonly SourceOwner[]): Promise<boolean>;
  /** Who may see an article ({@link GLOBAL_OWNER} and workspace keys, sorted); [] if unknown. */
  articleOwners(articleId: string): Promise<SourceOwner[]>;
  /** Articles analysed by another rules version than `version`, oldest first, at most `limit` (default 100). */
  staleAnalyses(version: number, limit?: number): Promise<StoredArticle[]>;
}

/** The actor directory's storage: every article's actors as sightings, their links, the operator's corrections. */
export interface IdentityStore {
  /** Every stored article's actors, as the linker reads them. */
  listSightings(): Promise<Sighting[]>;
  /** Replaces every sighting's link with `links` (one relink of the whole directory). */
  replaceSightingLinks(links: readonly SightingLink[]): Promise<void>;
  /** Records an operator's correction; a later one about the same name replaces it. */
  addIdentityCorrection(correction: IdentityCorrection): Promise<void>;
  /** The operator's corrections, oldest first. */
  listIdentityCorrections(): Promise<IdentityCorrection[]>;
  /** The links of the sightings called `name` (operator's view): for `newsdesk actors show`. */
  sightingLinks(name: string): Promise<(SightingLink & { name: string; title: string })[]>;
}

/** An input the analysis could not finish within its budget, recorded so it is not tried at every start. */
export interface AnalysisFailure {
  /** What the input is known by before it is read: an article id (file name, URL or feed item hash). */
  key: string;
  /** SHA-256 of the input that failed; an edited file has another and is tried again. */
  contentHash: string;
  /** The analysis rules version that failed on it; new rules try it again. */
  analysisVersion: number;
  /** Why, in one line ("analysis took over 3000 ms"). */
  reason: string;
  /** ISO-8601 time of the failure. */
  failedAt: string;
}

/** The record of unanalysable inputs. */
export interface AnalysisFailureLog {
  /** Records (or replaces) the failure of the input known as `failure.key`. */
  recordAnalysisFailure(failure: Omit<AnalysisFailure, 'failedAt'>): Promise<void>;
  /** The recorded failure of `key` under the rules `analysisVersion`, if any. */
  findAnalysisFailure(key: string, analysisVersion: number): Promise<AnalysisFailure | undefined>;
  /** Forgets the failure of `key` (the input was analysed after all). */
  clearAnalysisFailure(key: string): Promise<void>;
}

/** The chat platforms a subscription can live on. */
export type Platform = 'discord' | 'slack' | 'console';

/** One chat channel: a platform, its workspace (Slack team or Discord guild) and the channel. */
export interface ChannelRef {
  platform: Platform;
  /** Slack team id or Discord guild id ("" for the console). */
  workspaceId: string;
  channelId: string;
}

/** What a subscription's digest holds, beyond the defaults. */
export interface SubscriptionOptions {
  /** At most this many stories per digest. */
  articles?: number;
  /** Summary sentences per story. */
  summarySentences?: number;
  /** Only articles from these sources. */
  sources?: string[];
  /** Only articles mentioning one of these words. */
  keywords?: string[];
  /** Post a "nothing new" message when no article is new. */
  postWhenEmpty?: boolean;
}

/** A channel's standing order for digests on a cron schedule. */
export interface Subscription extends ChannelRef {
  id: string;
  /** Five-field cron expression ("0 9 * * 1-5"). */
  cron: string;
  /** IANA time zone the cron is read in. */
  timezone: string;
  options: SubscriptionOptions;
  /** Why deliveries stopped (channel gone, no access), or null while active. */
  pausedReason: string | null;
  /** Platform user id of who subscribed. */
  createdBy: string;
  createdAt: string;
}

/** What it takes to create a {@link Subscription}. */
export interface NewSubscription extends ChannelRef {
  cron: string;
  timezone: string;
  options?: SubscriptionOptions;
  createdBy: string;
}

/** Subscriptions per channel; paused ones keep the reason for `/subscriptions`. */
export interface SubscriptionStore {
  /**
   * Adds a subscription; the same channel, cron and time zone twice gives back the existing one
   * with `created: false`.
   */
  addSubscription(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes a subscription and its delivery log; false if there was none. */
  removeSubscription(id: string): Promise<boolean>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  /** The subscriptions of one channel, or of every channel when none is given, oldest first. */
  listSubscriptions(channel?: ChannelRef): Promise<Subscription[]>;
  /** Stops deliveries and keeps the reason; false if there is no such subscription. */
  pauseSubscription(id: string, reason: string): Promise<boolean>;
  /** Clears the pause; false if there is no such subscription. */
  resumeSubscription(id: string): Promise<boolean>;
  /** Replaces a subscription's options; the changed subscription, or undefined if there is none. */
  updateSubscriptionOptions(id: string, options: SubscriptionOptions): Promise<Subscription | undefined>;
}

/**
 * Where a delivery slot stands: `claimed` (nothing posted yet), `posting` (what to post is fixed
 * and the platform may have taken it), then `completed` or `failed`.
 */
export type DeliveryStatus = 'claimed' | 'posting' | 'completed' | 'failed';

/** One due time of one subscription, claimed by exactly one bot instance. */
export interface DeliverySlot {
  subscriptionId: string;
  /** The due time, ISO-8601 UTC ("2024-05-01T07:00:00.000Z"). */
  slot: string;
  instanceId: string;
  status: DeliveryStatus;
  claimedAt: string;
  finishedAt: string | null;
  /** Highest article `seq` the delivery covers (fixed when posting begins). */
  cursor: number | null;
  articleCount: number | null;
  /** When the first post attempt began (posting slots), ISO-8601. */
  attemptedAt: string | null;
  error: string | null;
}

/** How a claim ended: this caller holds the slot, another had it, or the subscription's earlier slot is unfinished. */
export type ClaimOutcome = 'claimed' | 'taken' | 'busy';

/** What a slot posts: the cursor it covers and how many articles its digest holds. */
export interface SlotPlan {
  cursor: number;
  articleCount: number;
}

/**
 * The delivery log: claims that make every slot post at most once, across instances and restarts,
 * and one slot at a time per subscription.
 */
export interface DeliveryLog {
  /**
   * Claims a slot: `claimed` for exactly one caller per (subscription, slot), however many race
   * (and again for a retried call of the instance that holds it), `taken` for the others, `busy`
   * while another slot of the subscription is unfinished (claimed or posting).
   */
  claimSlot(subscriptionId: string, slotIso: string, instanceId: string): Promise<ClaimOutcome>;
  /**
   * Fixes what a claimed slot posts and when its first post attempt began (kept by a repeated
   * call); false unless the slot is claimed or posting.
   */
  beginPosting(subscriptionId: string, slotIso: string, plan: SlotPlan): Promise<boolean>;
  /**
   * Puts a `posting` slot of `instanceId` back to `claimed`, its plan dropped: none of its post
   * attempts reached the platform (newsdesk stopped first), so it may be composed and posted
   * afresh; false unless the slot is posting and that instance's.
   */
  handBackSlot(subscriptionId: string, slotIso: string, instanceId: string): Promise<boolean>;
  /**
   * Hands an unfinished slot of an instance that went away to another; true for exactly one
   * caller, however many race.
   */
  reassignClaim(
    subscriptionId: string,
    slotIso: string,
    fromInstance: string,
    toInstance: string,
  ): Promise<boolean>;
  /**
   * Records a delivered slot and the cursor it covered; false unless the slot is claimed, posting,
   * or already completed with that cursor (a retried call). `note` says how it was recorded when
   * that is not plain (found already posted after a restart).
   */
  completeSlot(subscriptionId: string, slotIso: string, plan: SlotPlan, note?: string): Promise<boolean>;
  /** Records a slot that could not be posted, with the reason; false unless the slot is claimed or posting. */
  failSlot(subscriptionId: string, slotIso: string, error: string): Promise<boolean>;
  /** Where the subscription's next delivery starts: the highest cursor of a completed or posting slot, or null before the first. */
  lastDeliveredCursor(subscriptionId: string): Promise<number | null>;
  /** The latest slot of a subscription in any state, for "missed while down" checks. */
  lastSlot(subscriptionId: string): Promise<DeliverySlot | undefined>;
  /** Claims never completed or failed (an instance died mid-delivery), optionally of one instance. */
  unfinishedClaims(instanceId?: string): Promise<DeliverySlot[]>;
}

/** Who may use `/digest url:` in a workspace's channels: anyone, or those who may manage the channel. */
export type PageDigestRule = 'everyone' | 'managers';

/** What a workspace has decided for itself; every field has a default. */
export interface WorkspacePolicy {
  /** Default `everyone`; in direct messages anyone may, whatever the rule. */
  pageDigests: PageDigestRule;
}

/** The policy of a workspace that decided nothing. */
export const DEFAULT_WORKSPACE_POLICY: Readonly<WorkspacePolicy> = { pageDigests: 'everyone' };

/** Per-workspace policies, kept in the store. */
export interface WorkspacePolicies {
  /** The workspace's policy ({@link DEFAULT_WORKSPACE_POLICY} when it decided nothing). */
  workspacePolicy(workspace: WorkspaceKey): Promise<WorkspacePolicy>;
  /** Records a workspace's policy. */
  setWorkspacePolicy(workspace: WorkspaceKey, policy: WorkspacePolicy): Promise<void>;
}

/** A news feed (RSS/Atom) and the state of fetching it. */
export interface Feed {
  url: string;
  title: string | null;
  /** HTTP validators from the last successful fetch, sent back to get 304s. */
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  /** Failed fetches in a row since the last success. */
  failures: number;
  lastError: string | null;
  /** Why the feed is no longer fetched, or null while enabled. */
  disabledReason: string | null;
  addedAt: string;
  addedBy: string | null;
  /** Who the feed's items belong to ({@link GLOBAL_OWNER} and workspace keys, sorted). */
  owners: SourceOwner[];
}

/** Feeds, their fetch state and who holds each; one URL is polled once, whoever added it. */
export interface FeedStore {
  /**
   * Adds a feed for `owner`; `created` is false when the owner held it already (another owner's
   * feed of the same URL gains this owner and is not polled twice).
   */
  addFeed(
    url: string,
    options: { owner: SourceOwner; title?: string; addedBy?: string },
  ): Promise<{ feed: Feed; created: boolean }>;
  /** Removes a feed for every owner (the operator's `newsdesk feeds remove`); false if unknown. */
  removeFeed(url: string): Promise<boolean>;
  /** Lets go of one owner's hold on a feed, removing the feed when no one holds it; false if the owner did not hold it. */
  releaseFeed(url: string, owner: SourceOwner): Promise<boolean>;
  getFeed(url: string): Promise<Feed | undefined>;
  /** Feeds in the order they were added; `enabledOnly` leaves out disabled ones, `owner` keeps that owner's only. */
  listFeeds(options?: { enabledOnly?: boolean; owner?: SourceOwner }): Promise<Feed[]>;
  /** Records a successful fetch (resets failures); undefined if the feed is unknown. */
  recordFetchSuccess(
    url: string,
    state: { etag: string | null; lastModified: string | null; title?: string | null },
  ): Promise<Feed | undefined>;
  /** Records a failed fetch (counts failures in a row); undefined if the feed is unknown. */
  recordFetchFailure(url: string, error: string): Promise<Feed | undefined>;
  /** Stops fetching a feed and keeps the reason; false if the feed is unknown. */
  disableFeed(url: string, reason: string): Promise<boolean>;
  /** Fetches a disabled feed again, with its failure count reset; false if the feed is unknown. */
  enableFeed(url: string): Promise<boolean>;
}

/** What the bot posts into a channel on its own (scheduled digests, notices), platform-free. */
export type OutgoingMessage = { kind: 'digest'; digest: Digest } | { kind: 'text'; text: string };

/**
 * How a post ended. `permanent` failures (channel gone, no access) pause a subscription;
 * transient ones (timeouts, 5xx, rate limits) are retried, after `retryAfterMs` when the platform says.
 */
export type PostOutcome =
  | {
      ok: true;
      /** Messages an earlier attempt had already posted (found by the {@link DeliveryKey}), not posted again. */
      alreadyPosted?: number;
    }
  | {
      ok: false;
      permanent: boolean;
      reason: string;
      retryAfterMs?: number;
      /** The post never reached the platform (not connected, newsdesk stopping): nothing of it can be posted. */
      notSent?: boolean;
    };

/** Marks a scheduled post so its platform can tell a repeat of it (after a crash or a lost answer). */
export interface DeliveryKey {
  /** The same for every attempt at one slot: "<subscription id>@<slot ISO>". */
  key: string;
  /** When the slot's first post attempt began, ISO-8601: a look-up for earlier attempts starts there. */
  since: string;
  /** An earlier attempt may have been taken: post only what the platform does not have yet. */
  resume: boolean;
}

/** Whether newsdesk can post into a channel now, or the reason it cannot. */
export type ChannelAccess = { ok: true } | { ok: false; reason: string };

/** One chat platform's way of posting into its channels; each platform adapter implements it. */
export interface ChatChannel {
  readonly platform: Platform;
  /**
   * How long after an attempt a repeat with the same {@link DeliveryKey} is still recognised and
   * not posted again (Slack: as long as the history keeps it; Discord: its nonce window; 0: never).
   */
  readonly repeatWindowMs: number;
  /** Posts a message into a channel of this platform; never throws for platform errors. */
  post(channel: ChannelRef, message: OutgoingMessage, delivery?: DeliveryKey): Promise<PostOutcome>;
  /** Asks the platform whether newsdesk can post into the channel now (member, allowed); never throws. */
  checkAccess(channel: ChannelRef): Promise<ChannelAccess>;
}

/** The time, passed in so schedules and "new since" can be tested with a fake clock. */
export interface Clock {
  now(): Date;
}

/** What a fetch is for: a web page (HTML only) or a feed (RSS/Atom XML). */
export type FetchPurpose = 'page' | 'feed';

/** One HTTP GET, optionally conditional on the validators of the last fetch. */
export interface FetchRequest {
  url: string;
  purpose: FetchPurpose;
  /** Sent as If-None-Match. */
  etag?: string | null;
  /** Sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Aborts the fetch (the poller stopping); it then fails as retryable. */
  signal?: AbortSignal;
}

/**
 * How a fetch ended: a body, "not modified" (304), or a failure with its reason. `retryable`
 * failures (timeouts, 429, 5xx) are worth another try, after `retryAfterMs` when the server says.
 */
export type FetchOutcome =
  | {
      status: 'ok';
      /** The URL the body came from, after redirects. */
      url: string;
      body: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { status: 'not-modified'; url: string }
  | { status: 'failed'; reason: string; retryable: boolean; httpStatus?: number; retryAfterMs?: number };

/** Fetches pages and feeds from the web; never throws for network or HTTP errors. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchOutcome>;
}

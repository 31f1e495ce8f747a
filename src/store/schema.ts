/** Row of `articles`: one cleaned article, its analysis as JSON, and its place in ingest order. */
export interface ArticlesTable {
  id: string;
  /** Strictly increasing in commit order (taken from `counters` under its row lock). */
  seq: number;
  source: string | null;
  url: string | null;
  title: string;
  /** Normalised title between spaces (" biden and chinas xi ") for word-prefix search. */
  title_key: string;
  published_at: string | null;
  /** Publication time as ISO-8601 UTC, else the ingest time: the "newest first" order. */
  sort_key: string;
  content_hash: string;
  ingested_at: string;
  /** JSON of the `Article`. */
  article: string;
  /** JSON of the `Analysis`. */
  analysis: string;
  analysis_version: number;
}

/** Row of `article_actors`: one actor of one article, as that article's analysis describes it. */
export interface ArticleActorsTable {
  article_id: string;
  /** The actor's id inside the analysis. */
  actor_id: string;
  /** Normalised canonical name ("xi jinping"). */
  actor_key: string;
  name: string;
  kind: string;
  /** JSON of `{ actor, quotes }`: the actor record and the quotes attributed to it. */
  record: string;
}

/**
 * Row of `actor_keys`: one normalised name or alias pointing to an `article_actors` row. A view of
 * `actor_timeline` since migration 0007 (read only; the timeline is what is written).
 */
export interface ActorKeysTable {
  key: string;
  article_id: string;
  actor_id: string;
}

/**
 * Row of `actor_timeline`: one normalised name or alias of an `article_actors` row at its article's
 * place in reading order, so one actor's coverage is read newest first, a page at a time, straight
 * from the primary key (a WITHOUT ROWID table on SQLite).
 */
export interface ActorTimelineTable {
  key: string;
  sort_key: string;
  seq: number;
  article_id: string;
  actor_id: string;
}

/**
 * Row of `actor_name_counts`: how many articles name an actor (by canonical key) under one owner.
 * A global article counts under '*' only; any other under each workspace that holds it.
 */
export interface ActorNameCountsTable {
  owner: string;
  actor_key: string;
  name: string;
  kind: string;
  articles: number;
}

/** Row of `counters`: named counters whose row lock orders writers (`article_seq`). */
export interface CountersTable {
  name: string;
  value: number;
}

/** Row of `subscriptions`. */
export interface SubscriptionsTable {
  id: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  cron: string;
  timezone: string;
  /** JSON of `SubscriptionOptions`. */
  options: string;
  paused_reason: string | null;
  paused_at: string | null;
  created_by: string;
  created_at: string;
}

/** Row of `deliveries`: one (subscription, slot) claim, unique. */
export interface DeliveriesTable {
  subscription_id: string;
  slot: string;
  instance_id: string;
  status: string;
  claimed_at: string;
  finished_at: string | null;
  cursor: number | null;
  article_count: number | null;
  /** When the latest post attempt began (status `posting`). */
  attempted_at: string | null;
  error: string | null;
}

/** Row of `feeds`: a feed and its fetch state. */
export interface FeedsTable {
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: string | null;
  last_success_at: string | null;
  failures: number;
  last_error: string | null;
  disabled_reason: string | null;
  added_at: string;
  added_by: string | null;
}

/** Row of `article_links`: another URL the same story was found at; a URL leads to one article. */
export interface ArticleLinksTable {
  article_id: string;
  url: string;
}

/** Row of `article_owners`: who may see an article, `*` (global) or a workspace key; one row per owner. */
export interface ArticleOwnersTable {
  article_id: string;
  owner: string;
}

/** Row of `feed_owners`: who holds a feed (and owns its items), `*` (global) or a workspace key. */
export interface FeedOwnersTable {
  url: string;
  owner: string;
}

/** Row of `workspace_settings`: what one workspace decided for itself. */
export interface WorkspaceSettingsTable {
  workspace: string;
  /** `everyone` or `managers`: who may use `/digest url:` in its channels. */
  page_digests: string;
}

/** Row of `analysis_failures`: an input the analysis could not finish within its budget. */
export interface AnalysisFailuresTable {
  key: string;
  content_hash: string;
  analysis_version: number;
  reason: string;
  failed_at: string;
}

/** Row of `actor_sightings`: the identity one article actor is linked to (see `core/actors/directory.ts`). */
export interface ActorSightingsTable {
  article_id: string;
  actor_id: string;
  identity_key: string;
  /** Why: a `LinkEvidence` ("name", "same-article", "coverage", "own", "operator-merge", "operator-split"). */
  evidence: string;
}

/** Row of `identity_names`: one name or alias key of a sighting, beside the identity it is linked to. */
export interface IdentityNamesTable {
  key: string;
  identity_key: string;
  article_id: string;
  actor_id: string;
}

/** Row of `identity_corrections`: an operator's merge or split; `id` is kind and name, so a later one replaces it. */
export interface IdentityCorrectionsTable {
  id: string;
  kind: string;
  name: string;
  /** The identity merged into (merge only). */
  target: string | null;
  created_at: string;
}

/** The whole schema, as kysely sees it. */
export interface Database {
  articles: ArticlesTable;
  article_links: ArticleLinksTable;
  article_owners: ArticleOwnersTable;
  feed_owners: FeedOwnersTable;
  workspace_settings: WorkspaceSettingsTable;
  article_actors: ArticleActorsTable;
  actor_keys: ActorKeysTable;
  actor_timeline: ActorTimelineTable;
  actor_name_counts: ActorNameCountsTable;
  counters: CountersTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
  feeds: FeedsTable;
  analysis_failures: AnalysisFailuresTable;
  actor_sightings: ActorSightingsTable;
  identity_names: IdentityNamesTable;
  identity_corrections: IdentityCorrectionsTable;
}

import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Actor, ActorKind, Analysis, Quote } from '../core/analysis/types.ts';
import type { Article } from '../core/article/article.ts';
import type {
  ActorCoverage,
  ActorName,
  AnalysisFailure,
  AnalysisFailureLog,
  ArticleListing,
  ArticleStore,
  ChannelRef,
  DeliveryLog,
  DeliverySlot,
  DeliveryStatus,
  Feed,
  FeedStore,
  ListArticlesOptions,
  NewSubscription,
  Platform,
  SavedArticle,
  StoredArticle,
  Subscription,
  SubscriptionOptions,
  SubscriptionStore,
} from '../core/ports.ts';
import { clearAnalysisFailure, findAnalysisFailure, recordAnalysisFailure } from './analysis-failures.ts';
import { actorKey, contentHash, normalizeSlot, sortKey, titleKey } from './keys.ts';
import type { StoreKind } from './migrations.ts';
import type { ArticlesTable, Database, DeliveriesTable, FeedsTable, SubscriptionsTable } from './schema.ts';

/** Every port the store implements, plus its lifecycle. */
export interface Store extends ArticleStore, SubscriptionStore, DeliveryLog, FeedStore, AnalysisFailureLog {
  readonly kind: StoreKind;
  /** Where the data lives (SQLite path, or PostgreSQL URL with the password hidden). */
  readonly location: string;
  /** Closes the database connection(s). */
  close(): Promise<void>;
}

/** What is kept per actor row: the record and its quotes in that article. */
interface ActorRecord {
  actor: Actor;
  quotes: Quote[];
}

/** Rows per multi-row INSERT, well under both engines' bound-parameter limits. */
const INSERT_CHUNK = 200;
const DEFAULT_LIST_LIMIT = 25;
const DEFAULT_COVERAGE_LIMIT = 100;
const LATEST_WORDS = new Set(['', 'latest', 'newest', 'last']);

/**
 * The kysely implementation of every store port, one class for SQLite and PostgreSQL: the SQL is
 * the portable subset both run the same (`ON CONFLICT`, `RETURNING`, plain indexes).
 */
export class KyselyStore implements Store {
  readonly kind: StoreKind;
  readonly location: string;
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, kind: StoreKind, location: string, now: () => Date) {
    this.#db = db;
    this.kind = kind;
    this.location = location;
    this.#now = now;
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  // --- articles ---------------------------------------------------------------------------

  async saveArticle(article: Article, analysis: Analysis, analysisVersion: number): Promise<SavedArticle> {
    const hash = contentHash(article);
    const now = this.#now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      await lockArticleWrites(trx);
      const same = await trx
        .selectFrom('articles')
        .select(['id', 'seq'])
        .where('content_hash', '=', hash)
        .executeTakeFirst();
      if (same) return { id: same.id, seq: same.seq, created: false, outcome: 'duplicate' };

      const content = {
        source: article.source,
        url: article.url,
        title: article.title,
        title_key: titleKey(article.title),
        published_at: article.publishedAt,
        content_hash: hash,
        article: JSON.stringify(article),
        analysis: JSON.stringify(analysis),
        analysis_version: analysisVersion,
      };
      const known = await trx
        .selectFrom('articles')
        .select(['seq', 'ingested_at'])
        .where('id', '=', article.id)
        .executeTakeFirst();
      if (known) {
        // Changed content under a known id (an edited file): replace it, keep its place in the
        // ingest order so an edit is not announced as news again.
        await trx
          .updateTable('articles')
          .set({ ...content, sort_key: sortKey(article.publishedAt, known.ingested_at) })
          .where('id', '=', article.id)
          .execute();
        // A link that is now the article's own URL would be listed twice.
        if (article.url !== null)
          await trx
            .deleteFrom('article_links')
            .where('article_id', '=', article.id)
            .where('url', '=', article.url)
            .execute();
        await replaceActorRows(trx, article.id, analysis);
        return { id: article.id, seq: known.seq, created: false, outcome: 'updated' };
      }

      const { value: seq } = await trx
        .updateTable('counters')
        .set({ value: sql`value + 1` })
        .where('name', '=', 'article_seq')
        .returning('value')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('articles')
        .values({
          ...content,
          id: article.id,
          seq,
          ingested_at: now,
          sort_key: sortKey(article.publishedAt, now),
        })
        .execute();
      await replaceActorRows(trx, article.id, analysis);
      return { id: article.id, seq, created: true, outcome: 'created' };
    });
  }

  async saveAnalysis(id: string, analysis: Analysis, analysisVersion: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await lockArticleWrites(trx);
      const result = await trx
        .updateTable('articles')
        .set({ analysis: JSON.stringify(analysis), analysis_version: analysisVersion })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await replaceActorRows(trx, id, analysis);
      return true;
    });
  }

  async getArticle(id: string): Promise<StoredArticle | undefined> {
    const row = await this.#db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStoredArticle(row);
  }

  async getArticleByUrl(url: string): Promise<StoredArticle | undefined> {
    const row = await this.#db
      .selectFrom('articles')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('url', '=', url),
          eb('id', 'in', eb.selectFrom('article_links').select('article_id').where('url', '=', url)),
        ]),
      )
      .orderBy('seq', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row && toStoredArticle(row);
  }

  async addArticleLink(articleId: string, url: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      // The same lock as saveArticle: a link is never added to an article being replaced.
      await lockArticleWrites(trx);
      const article = await trx
        .selectFrom('articles')
        .select('url')
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (!article) return false;
      if (article.url === url) return true;
      const owner = await trx
        .selectFrom('articles')
        .select('id')
        .where('url', '=', url)
        .orderBy('seq', 'asc')
        .limit(1)
        .executeTakeFirst();
      if (owner) return false;
      await trx
        .insertInto('article_links')
        .values({ article_id: articleId, url })
        .onConflict((conflict) => conflict.column('url').doNothing())
        .execute();
      const link = await trx
        .selectFrom('article_links')
        .select('article_id')
        .where('url', '=', url)
        .executeTakeFirstOrThrow();
      return link.article_id === articleId;
    });
  }

  async articleLinks(articleId: string): Promise<string[]> {
    const article = await this.#db
      .selectFrom('articles')
      .select('url')
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (!article) return [];
    const links = await this.#db
      .selectFrom('article_links')
      .select('url')
      .where('article_id', '=', articleId)
      .orderBy('url', 'asc')
      .execute();
    return [...(article.url === null ? [] : [article.url]), ...links.map((link) => link.url)];
  }

  async findArticle(query: string): Promise<StoredArticle | undefined> {
    const text = query.trim();
    if (LATEST_WORDS.has(text.toLowerCase())) {
      const [newest] = await this.listArticles({ limit: 1 });
      return newest && this.getArticle(newest.id);
    }
    const byId = await this.getArticle(text);
    if (byId) return byId;
    if (/^https?:\/\//i.test(text)) return this.getArticleByUrl(text);
    const [match] = await this.listArticles({ limit: 1, titleWords: text });
    return match && this.getArticle(match.id);
  }

  async listArticles(options: ListArticlesOptions = {}): Promise<ArticleListing[]> {
    const words = actorKey(options.titleWords ?? '')
      .split(' ')
      .filter((word) => word !== '');
    let query = this.#db
      .selectFrom('articles')
      .select(['id', 'seq', 'title', 'source', 'url', 'published_at', 'ingested_at']);
    // Keys hold only letters, digits and spaces, so no word can carry a LIKE wildcard.
    for (const word of words) query = query.where('title_key', 'like', `% ${word}%`);
    const rows = await query
      .orderBy('sort_key', 'desc')
      .orderBy('seq', 'desc')
      .limit(options.limit ?? DEFAULT_LIST_LIMIT)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      title: row.title,
      source: row.source,
      url: row.url,
      publishedAt: row.published_at,
      ingestedAt: row.ingested_at,
    }));
  }

  async articlesSince(cursor: number, limit = 100): Promise<StoredArticle[]> {
    const rows = await this.#db
      .selectFrom('articles')
      .selectAll()
      .where('seq', '>', cursor)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toStoredArticle);
  }

  async latestSeq(): Promise<number> {
    const row = await this.#db
      .selectFrom('articles')
      .select(sql<number>`coalesce(max(seq), 0)`.as('seq'))
      .executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  async staleAnalyses(version: number, limit = 100): Promise<StoredArticle[]> {
    const rows = await this.#db
      .selectFrom('articles')
      .selectAll()
      .where('analysis_version', '<>', version)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toStoredArticle);
  }

  async findActorCoverage(nameOrKey: string, limit = DEFAULT_COVERAGE_LIMIT): Promise<ActorCoverage[]> {
    const key = actorKey(nameOrKey);
    if (key === '') return [];
    const rows = await this.#db
      .selectFrom('actor_keys as k')
      .innerJoin('article_actors as r', (join) =>
        join.onRef('r.article_id', '=', 'k.article_id').onRef('r.actor_id', '=', 'k.actor_id'),
      )
      .innerJoin('articles as a', 'a.id', 'k.article_id')
      .select(['a.id', 'a.seq', 'a.title', 'a.source', 'a.url', 'a.published_at', 'r.record'])
      .where('k.key', '=', key)
      .orderBy('a.sort_key', 'desc')
      .orderBy('a.seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const record = JSON.parse(row.record) as ActorRecord;
      return {
        articleId: row.id,
        seq: row.seq,
        title: row.title,
        source: row.source,
        url: row.url,
        publishedAt: row.published_at,
        actor: record.actor,
        quotes: record.quotes,
      };
    });
  }

  async listActorNames(prefix = '', limit = DEFAULT_LIST_LIMIT): Promise<ActorName[]> {
    const key = actorKey(prefix);
    const articles = sql<number>`cast(count(distinct r.article_id) as integer)`;
    const rows =
      key === ''
        ? await this.#db
            .selectFrom('article_actors as r')
            .select(['r.actor_key', sql<string>`min(r.name)`.as('name'), sql<string>`min(r.kind)`.as('kind')])
            .select(articles.as('articles'))
            .groupBy('r.actor_key')
            .orderBy('articles', 'desc')
            .orderBy('r.actor_key', 'asc')
            .limit(limit)
            .execute()
        : await this.#db
            .selectFrom('actor_keys as k')
            .innerJoin('article_actors as r', (join) =>
              join.onRef('r.article_id', '=', 'k.article_id').onRef('r.actor_id', '=', 'k.actor_id'),
            )
            .select(['r.actor_key', sql<string>`min(r.name)`.as('name'), sql<string>`min(r.kind)`.as('kind')])
            .select(articles.as('articles'))
            // A range, not LIKE: both engines compare these keys byte-wise, so the index serves it.
            .where('k.key', '>=', key)
            .where('k.key', '<', `${key}\uffff`)
            .groupBy('r.actor_key')
            .orderBy('articles', 'desc')
            .orderBy('r.actor_key', 'asc')
            .limit(limit)
            .execute();
    return rows.map((row) => ({
      key: row.actor_key,
      name: row.name,
      kind: row.kind as ActorKind,
      articles: Number(row.articles),
    }));
  }

  // --- subscriptions ----------------------------------------------------------------------

  async addSubscription(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }> {
    const inserted = await this.#db
      .insertInto('subscriptions')
      .values({
        id: randomBytes(6).toString('hex'),
        platform: input.platform,
        workspace_id: input.workspaceId,
        channel_id: input.channelId,
        cron: input.cron,
        timezone: input.timezone,
        options: JSON.stringify(input.options ?? {}),
        paused_reason: null,
        paused_at: null,
        created_by: input.createdBy,
        created_at: this.#now().toISOString(),
      })
      .onConflict((conflict) =>
        conflict.columns(['platform', 'workspace_id', 'channel_id', 'cron', 'timezone']).doNothing(),
      )
      .executeTakeFirst();
    const row = await this.#db
      .selectFrom('subscriptions')
      .selectAll()
      .where('platform', '=', input.platform)
      .where('workspace_id', '=', input.workspaceId)
      .where('channel_id', '=', input.channelId)
      .where('cron', '=', input.cron)
      .where('timezone', '=', input.timezone)
      .executeTakeFirstOrThrow();
    return { subscription: toSubscription(row), created: inserted.numInsertedOrUpdatedRows === 1n };
  }

  async removeSubscription(id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('deliveries').where('subscription_id', '=', id).execute();
      const result = await trx.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const row = await this.#db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSubscription(row);
  }

  async listSubscriptions(channel?: ChannelRef): Promise<Subscription[]> {
    let query = this.#db.selectFrom('subscriptions').selectAll();
    if (channel) {
      query = query
        .where('platform', '=', channel.platform)
        .where('workspace_id', '=', channel.workspaceId)
        .where('channel_id', '=', channel.channelId);
    }
    const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(toSubscription);
  }

  async pauseSubscription(id: string, reason: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('subscriptions')
      .set({ paused_reason: reason, paused_at: this.#now().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async resumeSubscription(id: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('subscriptions')
      .set({ paused_reason: null, paused_at: null })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  // --- delivery log -----------------------------------------------------------------------

  async claimSlot(subscriptionId: string, slotIso: string, instanceId: string): Promise<boolean> {
    const result = await this.#db
      .insertInto('deliveries')
      .values({
        subscription_id: subscriptionId,
        slot: normalizeSlot(slotIso),
        instance_id: instanceId,
        status: 'claimed',
        claimed_at: this.#now().toISOString(),
        finished_at: null,
        cursor: null,
        article_count: null,
        error: null,
      })
      .onConflict((conflict) => conflict.columns(['subscription_id', 'slot']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async completeSlot(
    subscriptionId: string,
    slotIso: string,
    result: { cursor: number; articleCount: number },
  ): Promise<boolean> {
    const update = await this.#db
      .updateTable('deliveries')
      .set({
        status: 'completed',
        finished_at: this.#now().toISOString(),
        cursor: result.cursor,
        article_count: result.articleCount,
      })
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', normalizeSlot(slotIso))
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    return update.numUpdatedRows > 0n;
  }

  async failSlot(subscriptionId: string, slotIso: string, error: string): Promise<boolean> {
    const update = await this.#db
      .updateTable('deliveries')
      .set({ status: 'failed', finished_at: this.#now().toISOString(), error })
      .where('subscription_id', '=', subscriptionId)
      .where('slot', '=', normalizeSlot(slotIso))
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    return update.numUpdatedRows > 0n;
  }

  async lastDeliveredCursor(subscriptionId: string): Promise<number | null> {
    const row = await this.#db
      .selectFrom('deliveries')
      .select(sql<number | null>`max(cursor)`.as('cursor'))
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'completed')
      .executeTakeFirst();
    return row?.cursor === null || row?.cursor === undefined ? null : Number(row.cursor);
  }

  async lastSlot(subscriptionId: string): Promise<DeliverySlot | undefined> {
    const row = await this.#db
      .selectFrom('deliveries')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('slot', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toDeliverySlot(row);
  }

  async unfinishedClaims(instanceId?: string): Promise<DeliverySlot[]> {
    let query = this.#db.selectFrom('deliveries').selectAll().where('status', '=', 'claimed');
    if (instanceId !== undefined) query = query.where('instance_id', '=', instanceId);
    const rows = await query.orderBy('slot', 'asc').orderBy('subscription_id', 'asc').execute();
    return rows.map(toDeliverySlot);
  }

  // --- feeds ------------------------------------------------------------------------------

  async addFeed(
    url: string,
    options: { title?: string; addedBy?: string } = {},
  ): Promise<{ feed: Feed; created: boolean }> {
    const inserted = await this.#db
      .insertInto('feeds')
      .values({
        url,
        title: options.title ?? null,
        etag: null,
        last_modified: null,
        last_fetched_at: null,
        last_success_at: null,
        failures: 0,
        last_error: null,
        disabled_reason: null,
        added_at: this.#now().toISOString(),
        added_by: options.addedBy ?? null,
      })
      .onConflict((conflict) => conflict.column('url').doNothing())
      .executeTakeFirst();
    const feed = await this.getFeed(url);
    if (!feed) throw new Error(`Feed ${url} vanished right after it was added`);
    return { feed, created: inserted.numInsertedOrUpdatedRows === 1n };
  }

  async removeFeed(url: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('feeds').where('url', '=', url).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async getFeed(url: string): Promise<Feed | undefined> {
    const row = await this.#db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
    return row && toFeed(row);
  }

  async listFeeds(options: { enabledOnly?: boolean } = {}): Promise<Feed[]> {
    let query = this.#db.selectFrom('feeds').selectAll();
    if (options.enabledOnly) query = query.where('disabled_reason', 'is', null);
    const rows = await query.orderBy('added_at', 'asc').orderBy('url', 'asc').execute();
    return rows.map(toFeed);
  }

  async recordFetchSuccess(
    url: string,
    state: { etag: string | null; lastModified: string | null; title?: string | null },
  ): Promise<Feed | undefined> {
    const now = this.#now().toISOString();
    await this.#db
      .updateTable('feeds')
      .set({
        etag: state.etag,
        last_modified: state.lastModified,
        last_fetched_at: now,
        last_success_at: now,
        failures: 0,
        last_error: null,
        ...(state.title ? { title: state.title } : {}),
      })
      .where('url', '=', url)
      .execute();
    return this.getFeed(url);
  }

  async recordFetchFailure(url: string, error: string): Promise<Feed | undefined> {
    await this.#db
      .updateTable('feeds')
      .set({ failures: sql`failures + 1`, last_error: error, last_fetched_at: this.#now().toISOString() })
      .where('url', '=', url)
      .execute();
    return this.getFeed(url);
  }

  async disableFeed(url: string, reason: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('feeds')
      .set({ disabled_reason: reason })
      .where('url', '=', url)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async enableFeed(url: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('feeds')
      .set({ disabled_reason: null, failures: 0 })
      .where('url', '=', url)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  // --- analysis failures (queries in analysis-failures.ts) --------------------------------

  async recordAnalysisFailure(failure: Omit<AnalysisFailure, 'failedAt'>): Promise<void> {
    await recordAnalysisFailure(this.#db, failure, this.#now().toISOString());
  }

  async findAnalysisFailure(key: string, analysisVersion: number): Promise<AnalysisFailure | undefined> {
    return findAnalysisFailure(this.#db, key, analysisVersion);
  }

  async clearAnalysisFailure(key: string): Promise<void> {
    await clearAnalysisFailure(this.#db, key);
  }
}

/**
 * Takes the `article_seq` counter's row lock for the rest of the transaction. Every article write
 * takes it first, so writers queue in one order (no deadlocks) and `seq` values become visible in
 * the order they were handed out: a reader at cursor N never later sees a commit below N.
 */
async function lockArticleWrites(trx: Transaction<Database>): Promise<void> {
  await trx.updateTable('counters').set({ value: sql`value` }).where('name', '=', 'article_seq').execute();
}

/** Rewrites an article's actor index: one row per actor, one key row per distinct name or alias. */
async function replaceActorRows(
  trx: Transaction<Database>,
  articleId: string,
  analysis: Analysis,
): Promise<void> {
  await trx.deleteFrom('actor_keys').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_actors').where('article_id', '=', articleId).execute();
  const actors: Database['article_actors'][] = [];
  const keys: Database['actor_keys'][] = [];
  const seen = new Set<string>();
  for (const actor of analysis.actors) {
    if (seen.has(actor.id)) continue;
    seen.add(actor.id);
    const record: ActorRecord = {
      actor,
      quotes: analysis.quotes.filter((quote) => quote.actorId === actor.id),
    };
    actors.push({
      article_id: articleId,
      actor_id: actor.id,
      actor_key: actorKey(actor.name),
      name: actor.name,
      kind: actor.kind,
      record: JSON.stringify(record),
    });
    const names = new Set([actor.name, ...actor.aliases].map(actorKey).filter((key) => key !== ''));
    for (const key of names) keys.push({ key, article_id: articleId, actor_id: actor.id });
  }
  for (let i = 0; i < actors.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('article_actors')
      .values(actors.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('actor_keys')
      .values(keys.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

function toStoredArticle(row: Selectable<ArticlesTable>): StoredArticle {
  return {
    id: row.id,
    seq: row.seq,
    contentHash: row.content_hash,
    ingestedAt: row.ingested_at,
    article: JSON.parse(row.article) as Article,
    analysis: JSON.parse(row.analysis) as Analysis,
    analysisVersion: row.analysis_version,
  };
}

function toSubscription(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    cron: row.cron,
    timezone: row.timezone,
    options: JSON.parse(row.options) as SubscriptionOptions,
    pausedReason: row.paused_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toDeliverySlot(row: Selectable<DeliveriesTable>): DeliverySlot {
  return {
    subscriptionId: row.subscription_id,
    slot: row.slot,
    instanceId: row.instance_id,
    status: row.status as DeliveryStatus,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
    cursor: row.cursor,
    articleCount: row.article_count,
    error: row.error,
  };
}

function toFeed(row: Selectable<FeedsTable>): Feed {
  return {
    url: row.url,
    title: row.title,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    failures: row.failures,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}

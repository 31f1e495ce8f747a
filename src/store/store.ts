import { randomBytes } from 'node:crypto';
import { type CompiledQuery, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { IdentityCorrection, Sighting, SightingLink } from '../core/actors/directory.ts';
import type { Analysis } from '../core/analysis/types.ts';
import type { Article } from '../core/article/article.ts';
import {
  type ActorCoverage,
  type ActorName,
  type AnalysisFailure,
  type AnalysisFailureLog,
  type ArticleListing,
  type ArticleReader,
  type ArticleStore,
  type ChannelRef,
  type ClaimOutcome,
  DEFAULT_WORKSPACE_POLICY,
  type DeliveryLog,
  type DeliverySlot,
  type DeliveryStatus,
  type Feed,
  type FeedStore,
  GLOBAL_OWNER,
  type IdentityMatch,
  type IdentityStore,
  type ListArticlesOptions,
  type NewSubscription,
  type PageDigestRule,
  type Platform,
  type SavedArticle,
  type SlotPlan,
  type SourceOwner,
  type StoredArticle,
  type Subscription,
  type SubscriptionOptions,
  type SubscriptionStore,
  type WorkspaceKey,
  type WorkspacePolicies,
  type WorkspacePolicy,
} from '../core/ports.ts';
import { clearAnalysisFailure, findAnalysisFailure, recordAnalysisFailure } from './analysis-failures.ts';
import { type ActorRecord, ArticleQueries, toStoredArticle as toStoredArticleRow } from './article-reads.ts';
import { retryWhileUnavailable } from './connection-loss.ts';
import {
  addIdentityCorrection,
  linkArticleSightings,
  listIdentityCorrections,
  listSightings,
  replaceSightingLinks,
  sightingLinks,
} from './identities.ts';
import { actorKey, contentHash, normalizeSlot, sortKey, titleKey } from './keys.ts';
import type { StoreKind } from './migrations.ts';
import { CachedArticleReader, ReadCache } from './read-cache.ts';
import { bumpReadVersion } from './read-version.ts';
import type { Database, DeliveriesTable, FeedsTable, SubscriptionsTable } from './schema.ts';

/** Every port the store implements, plus its lifecycle. */
export interface Store
  extends ArticleStore,
    SubscriptionStore,
    DeliveryLog,
    FeedStore,
    WorkspacePolicies,
    AnalysisFailureLog,
    IdentityStore {
  readonly kind: StoreKind;
  /** Where the data lives (SQLite path, or PostgreSQL URL with the password hidden). */
  readonly location: string;
  /** Bytes of answers the read cache holds (at most its budget; 0 without a cache). */
  readonly readCacheBytes: number;
  /** Closes the database connection(s). */
  close(): Promise<void>;
}

/** Rows per multi-row INSERT, well under both engines' bound-parameter limits. */
const INSERT_CHUNK = 200;
/** Delivery states of a slot that is not finished: its subscription's next slot waits. */
const UNFINISHED: readonly DeliveryStatus[] = ['claimed', 'posting'];

/**
 * The kysely implementation of every store port, one class for SQLite and PostgreSQL: the SQL is
 * the portable subset both run the same (`ON CONFLICT`, `RETURNING`, plain indexes). Every
 * operation is idempotent, so one whose connection was lost is retried ({@link retryWhileUnavailable}).
 */
export class KyselyStore implements Store {
  readonly kind: StoreKind;
  readonly location: string;
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;
  /** The operator's reads: every article. */
  readonly #everything: ArticleReader;
  /** The read model's memory, shared by the operator's and every workspace's reads. */
  readonly #cache: ReadCache;
  /** The version check, compiled once: every cached read runs it, and building it each time was much of a cached read. */
  readonly #readVersionQuery: CompiledQuery<{ value: number }>;

  /** `readCacheBytes` is the read cache's budget (0: no cache). */
  constructor(
    db: Kysely<Database>,
    kind: StoreKind,
    location: string,
    now: () => Date,
    readCacheBytes: number,
  ) {
    this.#db = db;
    this.kind = kind;
    this.location = location;
    this.#now = now;
    this.#readVersionQuery = db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'read_version')
      .compile();
    this.#cache = new ReadCache(() => this.#readVersion(), readCacheBytes);
    this.#everything = new CachedArticleReader(new ArticleQueries(db, undefined), this.#cache, '');
  }

  /** The `read_version` counter, moved by every article write (see `read-cache.ts`). */
  #readVersion(): Promise<number> {
    return retryWhileUnavailable(async () => {
      const { rows } = await this.#db.executeQuery(this.#readVersionQuery);
      return Number(rows[0]?.value ?? 0);
    });
  }

  /** Runs an article write; afterwards this process's next read checks the read version afresh. */
  async #write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await retryWhileUnavailable(work);
    } finally {
      this.#cache.forgetVersion();
    }
  }

  /** Bytes of answers the read cache holds. */
  get readCacheBytes(): number {
    return this.#cache.bytes;
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  // --- reads --------------------------------------------------------------------------------

  visibleTo(workspace: WorkspaceKey): ArticleReader {
    if (workspace === '') throw new RangeError('visibleTo needs a workspace key');
    return new CachedArticleReader(new ArticleQueries(this.#db, workspace), this.#cache, workspace);
  }

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.#everything.getArticle(id);
  }

  getArticleByUrl(url: string): Promise<StoredArticle | undefined> {
    return this.#everything.getArticleByUrl(url);
  }

  articleLinks(articleId: string): Promise<string[]> {
    return this.#everything.articleLinks(articleId);
  }

  findArticle(query: string): Promise<StoredArticle | undefined> {
    return this.#everything.findArticle(query);
  }

  listArticles(options?: ListArticlesOptions): Promise<ArticleListing[]> {
    return this.#everything.listArticles(options);
  }

  articlesSince(cursor: number, limit?: number): Promise<StoredArticle[]> {
    return this.#everything.articlesSince(cursor, limit);
  }

  latestSeq(): Promise<number> {
    return this.#everything.latestSeq();
  }

  findActorCoverage(nameOrKey: string, limit?: number, offset?: number): Promise<ActorCoverage[]> {
    return this.#everything.findActorCoverage(nameOrKey, limit, offset);
  }

  countActorArticles(name: string): Promise<number> {
    return this.#everything.countActorArticles(name);
  }

  listActorNames(prefix?: string, limit?: number): Promise<ActorName[]> {
    return this.#everything.listActorNames(prefix, limit);
  }
  findIdentities(name: string, limit?: number): Promise<IdentityMatch[]> {
    return this.#everything.findIdentities(name, limit);
  }

  identityCoverage(identity: string, limit?: number, offset?: number): Promise<ActorCoverage[]> {
    return this.#everything.identityCoverage(identity, limit, offset);
  }

  // --- actor directory (queries in identities.ts) --------------------------------------------

  listSightings(): Promise<Sighting[]> {
    return retryWhileUnavailable(() => listSightings(this.#db));
  }

  replaceSightingLinks(links: readonly SightingLink[]): Promise<void> {
    return retryWhileUnavailable(() => replaceSightingLinks(this.#db, links));
  }

  addIdentityCorrection(correction: IdentityCorrection): Promise<void> {
    const now = this.#now().toISOString();
    return retryWhileUnavailable(() => addIdentityCorrection(this.#db, correction, now));
  }

  listIdentityCorrections(): Promise<IdentityCorrection[]> {
    return retryWhileUnavailable(() => listIdentityCorrections(this.#db));
  }

  sightingLinks(name: string): Promise<(SightingLink & { name: string; title: string })[]> {
    return retryWhileUnavailable(() => sightingLinks(this.#db, name));
  }

  // --- article writes -----------------------------------------------------------------------

  saveArticle(
    article: Article,
    analysis: Analysis,
    analysisVersion: number,
    owners: readonly SourceOwner[],
  ): Promise<SavedArticle> {
    if (owners.length === 0) throw new RangeError(`saveArticle(${article.id}) needs at least one owner`);
    return this.#write(() => this.#saveArticle(article, analysis, analysisVersion, owners));
  }

  async #saveArticle(
    article: Article,
    analysis: Analysis,
    analysisVersion: number,
    owners: readonly SourceOwner[],
  ): Promise<SavedArticle> {
    const hash = contentHash(article);
    const now = this.#now().toISOString();
    return this.#db.transaction().execute(async (trx) => {
      await lockArticleWrites(trx);
      // The stored article with this content and the one under this id (often neither), in one read.
      const matches = await trx
        .selectFrom('articles')
        .select(['id', 'seq', 'ingested_at', 'content_hash'])
        .where((eb) => eb.or([eb('content_hash', '=', hash), eb('id', '=', article.id)]))
        .execute();
      const same = matches.find((row) => row.content_hash === hash);
      if (same) {
        await addOwners(trx, same.id, owners);
        return { id: same.id, seq: same.seq, created: false, outcome: 'duplicate' };
      }

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
      const known = matches.find((row) => row.id === article.id);
      if (known) {
        // Changed content under a known id (an edited file): replace it, keep its place in the
        // ingest order so an edit is not announced as news again.
        const place = { seq: known.seq, sortKey: sortKey(article.publishedAt, known.ingested_at) };
        await trx
          .updateTable('articles')
          .set({ ...content, sort_key: place.sortKey })
          .where('id', '=', article.id)
          .execute();
        // A link that is now the article's own URL would be listed twice.
        if (article.url !== null)
          await trx
            .deleteFrom('article_links')
            .where('article_id', '=', article.id)
            .where('url', '=', article.url)
            .execute();
        await replaceActorRows(trx, article.id, analysis, place);
        await addOwners(trx, article.id, owners);
        return { id: article.id, seq: known.seq, created: false, outcome: 'updated' };
      }

      const { value: seq } = await trx
        .updateTable('counters')
        .set({ value: sql`value + 1` })
        .where('name', '=', 'article_seq')
        .returning('value')
        .executeTakeFirstOrThrow();
      const place = { seq, sortKey: sortKey(article.publishedAt, now) };
      await trx
        .insertInto('articles')
        .values({ ...content, id: article.id, seq, ingested_at: now, sort_key: place.sortKey })
        .execute();
      // A new article has no rows to replace and no counts to take back: its rows are only
      // written, and its names counted once under the owners it arrives with.
      const rows = actorRows(article.id, analysis, place);
      await insertActorRows(trx, article.id, rows, analysis, place, 'new');
      await insertOwners(trx, article.id, owners);
      await countActorNames(trx, countingOwnersOf(owners), rows.names, 1);
      return { id: article.id, seq, created: true, outcome: 'created' };
    });
  }

  saveAnalysis(id: string, analysis: Analysis, analysisVersion: number): Promise<boolean> {
    return this.#write(() =>
      this.#db.transaction().execute(async (trx) => {
        await lockArticleWrites(trx);
        const updated = await trx
          .updateTable('articles')
          .set({ analysis: JSON.stringify(analysis), analysis_version: analysisVersion })
          .where('id', '=', id)
          .returning(['seq', 'sort_key'])
          .executeTakeFirst();
        if (!updated) return false;
        await replaceActorRows(trx, id, analysis, { seq: updated.seq, sortKey: updated.sort_key });
        return true;
      }),
    );
  }

  addArticleLink(articleId: string, url: string): Promise<boolean> {
    return this.#write(() =>
      this.#db.transaction().execute(async (trx) => {
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
      }),
    );
  }

  shareArticle(articleId: string, owners: readonly SourceOwner[]): Promise<boolean> {
    return this.#write(() =>
      this.#db.transaction().execute(async (trx) => {
        // The article lock again: an article is never shared while it is being replaced.
        await lockArticleWrites(trx);
        const article = await trx
          .selectFrom('articles')
          .select('id')
          .where('id', '=', articleId)
          .executeTakeFirst();
        if (!article) return false;
        await addOwners(trx, articleId, owners);
        return true;
      }),
    );
  }

  articleOwners(articleId: string): Promise<SourceOwner[]> {
    return retryWhileUnavailable(async () => {
      const rows = await this.#db
        .selectFrom('article_owners')
        .select('owner')
        .where('article_id', '=', articleId)
        .orderBy('owner', 'asc')
        .execute();
      return rows.map((row) => row.owner);
    });
  }

  staleAnalyses(version: number, limit = 100): Promise<StoredArticle[]> {
    return retryWhileUnavailable(async () => {
      const rows = await this.#db
        .selectFrom('articles')
        .selectAll()
        .where('analysis_version', '<>', version)
        .orderBy('seq', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toStoredArticleRow);
    });
  }

  // --- subscriptions ----------------------------------------------------------------------

  addSubscription(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }> {
    return retryWhileUnavailable(async () => {
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
    });
  }

  removeSubscription(id: string): Promise<boolean> {
    return retryWhileUnavailable(() =>
      this.#db.transaction().execute(async (trx) => {
        await trx.deleteFrom('deliveries').where('subscription_id', '=', id).execute();
        const result = await trx.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
    );
  }

  getSubscription(id: string): Promise<Subscription | undefined> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSubscription(row);
    });
  }

  listSubscriptions(channel?: ChannelRef): Promise<Subscription[]> {
    return retryWhileUnavailable(async () => {
      let query = this.#db.selectFrom('subscriptions').selectAll();
      if (channel) {
        query = query
          .where('platform', '=', channel.platform)
          .where('workspace_id', '=', channel.workspaceId)
          .where('channel_id', '=', channel.channelId);
      }
      const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
      return rows.map(toSubscription);
    });
  }

  pauseSubscription(id: string, reason: string): Promise<boolean> {
    return retryWhileUnavailable(async () => {
      const result = await this.#db
        .updateTable('subscriptions')
        .set({ paused_reason: reason, paused_at: this.#now().toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  resumeSubscription(id: string): Promise<boolean> {
    return retryWhileUnavailable(async () => {
      const result = await this.#db
        .updateTable('subscriptions')
        .set({ paused_reason: null, paused_at: null })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  updateSubscriptionOptions(id: string, options: SubscriptionOptions): Promise<Subscription | undefined> {
    return retryWhileUnavailable(async () => {
      await this.#db
        .updateTable('subscriptions')
        .set({ options: JSON.stringify(options) })
        .where('id', '=', id)
        .execute();
      const row = await this.#db
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSubscription(row);
    });
  }

  // --- delivery log -----------------------------------------------------------------------

  async claimSlot(subscriptionId: string, slotIso: string, instanceId: string): Promise<ClaimOutcome> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      // PostgreSQL: one claim at a time per subscription, under a transaction lock on its id (its
      // row may be gone, or never have been there). SQLite: the one statement runs under the
      // database's write lock, and no transaction is held across awaits (a second connection in
      // the same process would block the event loop waiting for it).
      const inserted =
        this.kind === 'postgres'
          ? await this.#db.transaction().execute(async (trx) => {
              await sql`select pg_advisory_xact_lock(hashtext(${subscriptionId}))`.execute(trx);
              return this.#insertClaim(trx, subscriptionId, slot, instanceId);
            })
          : await this.#insertClaim(this.#db, subscriptionId, slot, instanceId);
      if (inserted) return 'claimed';
      const existing = await this.#db
        .selectFrom('deliveries')
        .select(['instance_id', 'status'])
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .executeTakeFirst();
      if (!existing) return 'busy';
      // A retried call whose first try committed: the claim is this instance's, untouched.
      return existing.instance_id === instanceId && existing.status === 'claimed' ? 'claimed' : 'taken';
    });
  }

  /**
   * Inserts a claim unless the slot is claimed already or another slot of the subscription is
   * unfinished, in one statement; true when it inserted.
   */
  async #insertClaim(
    db: Kysely<Database>,
    subscriptionId: string,
    slot: string,
    instanceId: string,
  ): Promise<boolean> {
    const claimedAt = this.#now().toISOString();
    // One hand-written statement: it runs at every due slot, and the query builder's version
    // (a select without from, a not-exists) cost more to build than to run.
    const result = await sql`
      insert into deliveries (subscription_id, slot, instance_id, status, claimed_at)
      select ${subscriptionId}, ${slot}, ${instanceId}, 'claimed', ${claimedAt}
      where not exists (
        select 1 from deliveries where subscription_id = ${subscriptionId} and status in ('claimed', 'posting')
      )
      on conflict (subscription_id, slot) do nothing`.execute(db);
    return result.numAffectedRows === 1n;
  }

  async beginPosting(subscriptionId: string, slotIso: string, plan: SlotPlan): Promise<boolean> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      // Hand-written, like the claim: it runs at every delivered slot.
      const update = await sql`
        update deliveries
        set status = 'posting', cursor = ${plan.cursor}, article_count = ${plan.articleCount},
          attempted_at = coalesce(attempted_at, ${this.#now().toISOString()})
        where subscription_id = ${subscriptionId} and slot = ${slot} and status in ('claimed', 'posting')`.execute(
        this.#db,
      );
      return update.numAffectedRows === 1n;
    });
  }

  async handBackSlot(subscriptionId: string, slotIso: string, instanceId: string): Promise<boolean> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      const update = await this.#db
        .updateTable('deliveries')
        .set({ status: 'claimed', cursor: null, article_count: null, attempted_at: null })
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .where('instance_id', '=', instanceId)
        .where('status', '=', 'posting')
        .executeTakeFirst();
      return update.numUpdatedRows > 0n;
    });
  }

  async reassignClaim(
    subscriptionId: string,
    slotIso: string,
    fromInstance: string,
    toInstance: string,
  ): Promise<boolean> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      const update = await this.#db
        .updateTable('deliveries')
        .set({ instance_id: toInstance })
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .where('instance_id', 'in', [fromInstance, toInstance])
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      return update.numUpdatedRows > 0n;
    });
  }

  async completeSlot(
    subscriptionId: string,
    slotIso: string,
    plan: SlotPlan,
    note?: string,
  ): Promise<boolean> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      const update = await this.#db
        .updateTable('deliveries')
        .set({
          status: 'completed',
          finished_at: this.#now().toISOString(),
          cursor: plan.cursor,
          article_count: plan.articleCount,
          error: note ?? null,
        })
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      if (update.numUpdatedRows > 0n) return true;
      // A retried call whose first try committed.
      const row = await this.#db
        .selectFrom('deliveries')
        .select(['status', 'cursor'])
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .executeTakeFirst();
      return row?.status === 'completed' && Number(row.cursor) === plan.cursor;
    });
  }

  async failSlot(subscriptionId: string, slotIso: string, error: string): Promise<boolean> {
    const slot = normalizeSlot(slotIso);
    return retryWhileUnavailable(async () => {
      const update = await this.#db
        .updateTable('deliveries')
        .set({ status: 'failed', finished_at: this.#now().toISOString(), error })
        .where('subscription_id', '=', subscriptionId)
        .where('slot', '=', slot)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      return update.numUpdatedRows > 0n;
    });
  }

  lastDeliveredCursor(subscriptionId: string): Promise<number | null> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('deliveries')
        .select(sql<number | null>`max(cursor)`.as('cursor'))
        .where('subscription_id', '=', subscriptionId)
        .where('status', '=', 'completed')
        .executeTakeFirst();
      return row?.cursor === null || row?.cursor === undefined ? null : Number(row.cursor);
    });
  }

  lastSlot(subscriptionId: string): Promise<DeliverySlot | undefined> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('deliveries')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('slot', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toDeliverySlot(row);
    });
  }

  unfinishedClaims(instanceId?: string): Promise<DeliverySlot[]> {
    return retryWhileUnavailable(async () => {
      let query = this.#db.selectFrom('deliveries').selectAll().where('status', 'in', UNFINISHED);
      if (instanceId !== undefined) query = query.where('instance_id', '=', instanceId);
      const rows = await query.orderBy('slot', 'asc').orderBy('subscription_id', 'asc').execute();
      return rows.map(toDeliverySlot);
    });
  }

  // --- feeds ------------------------------------------------------------------------------

  addFeed(
    url: string,
    options: { owner: SourceOwner; title?: string; addedBy?: string },
  ): Promise<{ feed: Feed; created: boolean }> {
    return retryWhileUnavailable(async () => {
      const held = await this.#db.transaction().execute(async (trx) => {
        await trx
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
          .execute();
        const inserted = await trx
          .insertInto('feed_owners')
          .values({ url, owner: options.owner })
          .onConflict((conflict) => conflict.columns(['url', 'owner']).doNothing())
          .executeTakeFirst();
        return inserted.numInsertedOrUpdatedRows === 1n;
      });
      const feed = await this.getFeed(url);
      if (!feed) throw new Error(`Feed ${url} vanished right after it was added`);
      return { feed, created: held };
    });
  }

  removeFeed(url: string): Promise<boolean> {
    return retryWhileUnavailable(() =>
      this.#db.transaction().execute(async (trx) => {
        await trx.deleteFrom('feed_owners').where('url', '=', url).execute();
        const result = await trx.deleteFrom('feeds').where('url', '=', url).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
    );
  }

  releaseFeed(url: string, owner: SourceOwner): Promise<boolean> {
    return retryWhileUnavailable(() =>
      this.#db.transaction().execute(async (trx) => {
        const released = await trx
          .deleteFrom('feed_owners')
          .where('url', '=', url)
          .where('owner', '=', owner)
          .executeTakeFirst();
        if (released.numDeletedRows === 0n) return false;
        const left = await trx
          .selectFrom('feed_owners')
          .select('owner')
          .where('url', '=', url)
          .limit(1)
          .execute();
        if (left.length === 0) await trx.deleteFrom('feeds').where('url', '=', url).execute();
        return true;
      }),
    );
  }

  getFeed(url: string): Promise<Feed | undefined> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
      if (!row) return undefined;
      return toFeed(row, await this.#feedOwners([url]));
    });
  }

  listFeeds(options: { enabledOnly?: boolean; owner?: SourceOwner } = {}): Promise<Feed[]> {
    return retryWhileUnavailable(async () => {
      let query = this.#db.selectFrom('feeds').selectAll();
      if (options.enabledOnly) query = query.where('disabled_reason', 'is', null);
      const { owner } = options;
      if (owner !== undefined)
        query = query.where('url', 'in', (eb) =>
          eb.selectFrom('feed_owners').select('feed_owners.url').where('feed_owners.owner', '=', owner),
        );
      const rows = await query.orderBy('added_at', 'asc').orderBy('url', 'asc').execute();
      const owners = await this.#feedOwners(owner === undefined ? undefined : rows.map((row) => row.url));
      return rows.map((row) => toFeed(row, owners));
    });
  }

  /** The owners of the given feeds (of every feed when none are given), sorted per feed. */
  async #feedOwners(urls: readonly string[] | undefined): Promise<Map<string, SourceOwner[]>> {
    const owners = new Map<string, SourceOwner[]>();
    if (urls?.length === 0) return owners;
    const chunks = urls === undefined ? [undefined] : chunked(urls, INSERT_CHUNK);
    for (const chunk of chunks) {
      let query = this.#db.selectFrom('feed_owners').select(['url', 'owner']);
      if (chunk !== undefined) query = query.where('url', 'in', chunk);
      for (const row of await query.orderBy('owner', 'asc').execute()) {
        const list = owners.get(row.url);
        if (list) list.push(row.owner);
        else owners.set(row.url, [row.owner]);
      }
    }
    return owners;
  }

  recordFetchSuccess(
    url: string,
    state: { etag: string | null; lastModified: string | null; title?: string | null },
  ): Promise<Feed | undefined> {
    const now = this.#now().toISOString();
    return retryWhileUnavailable(async () => {
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
    });
  }

  recordFetchFailure(url: string, error: string): Promise<Feed | undefined> {
    return retryWhileUnavailable(async () => {
      await this.#db
        .updateTable('feeds')
        .set({ failures: sql`failures + 1`, last_error: error, last_fetched_at: this.#now().toISOString() })
        .where('url', '=', url)
        .execute();
      return this.getFeed(url);
    });
  }

  disableFeed(url: string, reason: string): Promise<boolean> {
    return retryWhileUnavailable(async () => {
      const result = await this.#db
        .updateTable('feeds')
        .set({ disabled_reason: reason })
        .where('url', '=', url)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  enableFeed(url: string): Promise<boolean> {
    return retryWhileUnavailable(async () => {
      const result = await this.#db
        .updateTable('feeds')
        .set({ disabled_reason: null, failures: 0 })
        .where('url', '=', url)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  // --- workspace policies -----------------------------------------------------------------

  workspacePolicy(workspace: WorkspaceKey): Promise<WorkspacePolicy> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('workspace_settings')
        .select('page_digests')
        .where('workspace', '=', workspace)
        .executeTakeFirst();
      if (!row) return { ...DEFAULT_WORKSPACE_POLICY };
      return { pageDigests: row.page_digests === 'managers' ? 'managers' : 'everyone' };
    });
  }

  setWorkspacePolicy(workspace: WorkspaceKey, policy: WorkspacePolicy): Promise<void> {
    const pageDigests: PageDigestRule = policy.pageDigests;
    return retryWhileUnavailable(async () => {
      await this.#db
        .insertInto('workspace_settings')
        .values({ workspace, page_digests: pageDigests })
        .onConflict((conflict) => conflict.column('workspace').doUpdateSet({ page_digests: pageDigests }))
        .execute();
    });
  }

  // --- analysis failures (queries in analysis-failures.ts) --------------------------------

  recordAnalysisFailure(failure: Omit<AnalysisFailure, 'failedAt'>): Promise<void> {
    const failedAt = this.#now().toISOString();
    return retryWhileUnavailable(() => recordAnalysisFailure(this.#db, failure, failedAt));
  }

  findAnalysisFailure(key: string, analysisVersion: number): Promise<AnalysisFailure | undefined> {
    return retryWhileUnavailable(() => findAnalysisFailure(this.#db, key, analysisVersion));
  }

  clearAnalysisFailure(key: string): Promise<void> {
    return retryWhileUnavailable(() => clearAnalysisFailure(this.#db, key));
  }
}

/**
 * Takes the `article_seq` counter's row lock for the rest of the transaction. Every article write
 * takes it first, so writers queue in one order (no deadlocks) and `seq` values become visible in
 * the order they were handed out: a reader at cursor N never later sees a commit below N.
 */
async function lockArticleWrites(trx: Transaction<Database>): Promise<void> {
  await trx.updateTable('counters').set({ value: sql`value` }).where('name', '=', 'article_seq').execute();
  await bumpReadVersion(trx);
}

/** Lets `owners` see an article (owners it already has are skipped). */
async function addOwners(
  trx: Transaction<Database>,
  articleId: string,
  owners: readonly SourceOwner[],
): Promise<void> {
  const before = await countingOwners(trx, articleId);
  await insertOwners(trx, articleId, owners);
  const after = await countingOwners(trx, articleId);
  const gone = before.filter((owner) => !after.includes(owner));
  const added = after.filter((owner) => !before.includes(owner));
  if (gone.length === 0 && added.length === 0) return;
  const names = await articleActorNames(trx, articleId);
  await countActorNames(trx, gone, names, -1);
  await countActorNames(trx, added, names, 1);
}

/** Adds `owners` to an article's owners (owners it already has are skipped). */
async function insertOwners(
  trx: Transaction<Database>,
  articleId: string,
  owners: readonly SourceOwner[],
): Promise<void> {
  for (const chunk of chunked([...new Set(owners)], INSERT_CHUNK)) {
    await trx
      .insertInto('article_owners')
      .values(chunk.map((owner) => ({ article_id: articleId, owner })))
      .onConflict((conflict) => conflict.columns(['article_id', 'owner']).doNothing())
      .execute();
  }
}

/**
 * The owners an article's actors count under in `actor_name_counts`: '*' alone when the article
 * is global (every workspace sees it once), else each workspace that holds it.
 */
async function countingOwners(trx: Transaction<Database>, articleId: string): Promise<SourceOwner[]> {
  const rows = await trx
    .selectFrom('article_owners')
    .select('owner')
    .where('article_id', '=', articleId)
    .execute();
  return countingOwnersOf(rows.map((row) => row.owner));
}

/** {@link countingOwners} of an article whose owners are `owners`. */
function countingOwnersOf(owners: readonly SourceOwner[]): SourceOwner[] {
  return owners.includes(GLOBAL_OWNER) ? [GLOBAL_OWNER] : [...new Set(owners)];
}

/** An actor an article names, once per canonical key. */
interface ActorNameRow {
  actor_key: string;
  name: string;
  kind: string;
}

async function articleActorNames(trx: Transaction<Database>, articleId: string): Promise<ActorNameRow[]> {
  const rows = await trx
    .selectFrom('article_actors')
    .select(['actor_key', 'name', 'kind'])
    .where('article_id', '=', articleId)
    .orderBy('actor_id', 'asc')
    .execute();
  const byKey = new Map<string, ActorNameRow>();
  for (const row of rows) if (!byKey.has(row.actor_key)) byKey.set(row.actor_key, row);
  return [...byKey.values()];
}

/** Adds `delta` (one article more or fewer) to each name's count under each owner; drops counts that reach 0. */
async function countActorNames(
  trx: Transaction<Database>,
  owners: readonly SourceOwner[],
  names: readonly ActorNameRow[],
  delta: 1 | -1,
): Promise<void> {
  if (owners.length === 0 || names.length === 0) return;
  const rows = owners.flatMap((owner) => names.map((name) => ({ owner, ...name, articles: delta })));
  for (const chunk of chunked(rows, INSERT_CHUNK)) {
    await trx
      .insertInto('actor_name_counts')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['owner', 'actor_key']).doUpdateSet({
          articles: sql`actor_name_counts.articles + excluded.articles`,
          name: sql`excluded.name`,
          kind: sql`excluded.kind`,
        }),
      )
      .execute();
  }
  if (delta < 0)
    await trx
      .deleteFrom('actor_name_counts')
      .where('owner', 'in', owners)
      .where('articles', '<=', 0)
      .execute();
}

/** Where an article stands in reading order (newest first by `sortKey`, then `seq`). */
interface ReadingPlace {
  seq: number;
  sortKey: string;
}

/** An article's rows in the actor index, made from its analysis (nothing read back). */
interface ActorRows {
  /** One row per actor id (the first actor of an id wins, as the analysis lists them). */
  actors: Database['article_actors'][];
  /** One row per distinct name or alias key of each actor, at the article's reading place. */
  timeline: Database['actor_timeline'][];
  /** What `actor_name_counts` counts: one name per canonical key, the lowest actor id's. */
  names: ActorNameRow[];
}

/** The rows {@link insertActorRows} writes for an article's analysis. */
function actorRows(articleId: string, analysis: Analysis, place: ReadingPlace): ActorRows {
  const actors: Database['article_actors'][] = [];
  const timeline: Database['actor_timeline'][] = [];
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
    for (const key of names)
      timeline.push({
        key,
        sort_key: place.sortKey,
        seq: place.seq,
        article_id: articleId,
        actor_id: actor.id,
      });
  }
  // As `articleActorNames` reads them back, by actor id: JavaScript's order is the engines' byte
  // order for every id without characters beyond U+FFFF (and only picks which name is shown).
  const byId = [...actors].sort((a, b) => (a.actor_id < b.actor_id ? -1 : a.actor_id > b.actor_id ? 1 : 0));
  const names = new Map<string, ActorNameRow>();
  for (const row of byId)
    if (!names.has(row.actor_key))
      names.set(row.actor_key, { actor_key: row.actor_key, name: row.name, kind: row.kind });
  return { actors, timeline, names: [...names.values()] };
}

/**
 * Writes an article's actor index (see {@link ActorRows}) and links its sightings; `previous`
 * says whether the article may have rows already (`stored`: they are deleted first) or is `new`.
 */
async function insertActorRows(
  trx: Transaction<Database>,
  articleId: string,
  rows: ActorRows,
  analysis: Analysis,
  place: ReadingPlace,
  previous: 'new' | 'stored',
): Promise<void> {
  for (const chunk of chunked(rows.actors, INSERT_CHUNK))
    await trx.insertInto('article_actors').values(chunk).execute();
  for (const chunk of chunked(rows.timeline, INSERT_CHUNK))
    await trx.insertInto('actor_timeline').values(chunk).execute();
  await linkArticleSightings(trx, articleId, analysis, place.sortKey, rows.timeline, previous);
}

/**
 * Rewrites a stored article's actor index: its old rows and their counts out, the rows of
 * `analysis` and their counts in, under the owners the article has.
 */
async function replaceActorRows(
  trx: Transaction<Database>,
  articleId: string,
  analysis: Analysis,
  place: ReadingPlace,
): Promise<void> {
  const owners = await countingOwners(trx, articleId);
  await countActorNames(trx, owners, await articleActorNames(trx, articleId), -1);
  await trx.deleteFrom('actor_timeline').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_actors').where('article_id', '=', articleId).execute();
  const rows = actorRows(articleId, analysis, place);
  await insertActorRows(trx, articleId, rows, analysis, place, 'stored');
  await countActorNames(trx, owners, rows.names, 1);
}

/** `items` in runs of at most `size`. */
function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
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
    cursor: row.cursor === null ? null : Number(row.cursor),
    articleCount: row.article_count === null ? null : Number(row.article_count),
    attemptedAt: row.attempted_at,
    error: row.error,
  };
}

function toFeed(row: Selectable<FeedsTable>, owners: ReadonlyMap<string, SourceOwner[]>): Feed {
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
    owners: owners.get(row.url) ?? [],
  };
}

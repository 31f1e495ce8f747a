/**
 * The reads of stored articles, for one reader: the operator (every article) or one workspace
 * (global articles and its own). The workspace's filter is part of every query, so no read path
 * can leave it out, and every query binds its values and has a bounded number of terms.
 */
import { type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Actor, ActorKind, Analysis, Quote } from '../core/analysis/types.ts';
import type { Article } from '../core/article/article.ts';
import {
  type ActorCoverage,
  type ActorName,
  type ArticleListing,
  type ArticleReader,
  GLOBAL_OWNER,
  type IdentityMatch,
  type ListArticlesOptions,
  type StoredArticle,
  type WorkspaceKey,
} from '../core/ports.ts';
import { retryWhileUnavailable } from './connection-loss.ts';
import { actorKey } from './keys.ts';
import type { ArticlesTable, Database } from './schema.ts';

/** What is kept per actor row: the record and its quotes in that article. */
export interface ActorRecord {
  actor: Actor;
  quotes: Quote[];
}

const DEFAULT_LIST_LIMIT = 25;
const DEFAULT_COVERAGE_LIMIT = 100;
/** Sightings from which an identity is read walking the newest articles rather than from its index. */
const BUSY_IDENTITY = 200;
/** Sightings read to name an identity: enough to see its usual full name, bounded however busy it is. */
const NAME_SAMPLE = 50;
/** Identities one name lookup returns by default: a surname rarely names more people worth offering. */
const DEFAULT_IDENTITY_LIMIT = 5;
/**
 * Most title words one search matches: a title rarely has more distinct words, and each is one
 * LIKE term, so a pasted paragraph cannot grow the query past the engines' expression limits.
 */
export const MAX_TITLE_WORDS = 12;
/** Distinct alias keys one prefix lookup walks: a short prefix starts thousands, and a choice list shows 25. */
const MAX_PREFIX_ALIASES = 100;
/** Longest actor key looked up: no name is longer, and an index key stays small. */
const MAX_KEY_CHARS = 200;
const LATEST_WORDS = new Set(['', 'latest', 'newest', 'last']);

/** The operator's view: no filter. */
type Viewer = WorkspaceKey | undefined;

/** Table aliases whose `id` or `article_id` column names an article. */
type ArticleColumn =
  | 'articles.id'
  | 'a.id'
  | 'k.article_id'
  | 'r.article_id'
  | 's.article_id'
  | 'n.article_id'
  | 't.article_id';

/** Reads articles as one viewer sees them; see the file comment. */
export class ArticleQueries implements ArticleReader {
  readonly #db: Kysely<Database>;
  readonly #viewer: Viewer;

  constructor(db: Kysely<Database>, viewer: Viewer) {
    this.#db = db;
    this.#viewer = viewer;
  }

  /**
   * `exists (select 1 from article_owners where article_id = <column> and owner in ('*', viewer))`,
   * with both owners bound; always true for the operator.
   */
  #visible(column: ArticleColumn): RawBuilder<SqlBool> {
    const viewer = this.#viewer;
    if (viewer === undefined) return sql<SqlBool>`1 = 1`;
    return sql<SqlBool>`exists (select 1 from article_owners o where o.article_id = ${sql.ref(column)} and o.owner in (${GLOBAL_OWNER}, ${viewer}))`;
  }

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .where(this.#visible('articles.id'))
        .executeTakeFirst();
      return row && toStoredArticle(row);
    });
  }

  getArticleByUrl(url: string): Promise<StoredArticle | undefined> {
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('articles')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('url', '=', url),
            eb('id', 'in', eb.selectFrom('article_links').select('article_id').where('url', '=', url)),
          ]),
        )
        .where(this.#visible('articles.id'))
        .orderBy('seq', 'asc')
        .limit(1)
        .executeTakeFirst();
      return row && toStoredArticle(row);
    });
  }

  articleLinks(articleId: string): Promise<string[]> {
    return retryWhileUnavailable(async () => {
      const article = await this.#db
        .selectFrom('articles')
        .select('url')
        .where('id', '=', articleId)
        .where(this.#visible('articles.id'))
        .executeTakeFirst();
      if (!article) return [];
      const links = await this.#db
        .selectFrom('article_links')
        .select('url')
        .where('article_id', '=', articleId)
        .orderBy('url', 'asc')
        .execute();
      return [...(article.url === null ? [] : [article.url]), ...links.map((link) => link.url)];
    });
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

  listArticles(options: ListArticlesOptions = {}): Promise<ArticleListing[]> {
    return retryWhileUnavailable(async () => {
      let query = this.#db
        .selectFrom('articles')
        .select(['id', 'seq', 'title', 'source', 'url', 'published_at', 'ingested_at'])
        .where(this.#visible('articles.id'));
      // Keys hold only letters, digits and spaces, so no word can carry a LIKE wildcard.
      for (const word of titleSearchWords(options.titleWords ?? ''))
        query = query.where('title_key', 'like', `% ${word}%`);
      const rows = await query
        .orderBy('sort_key', 'desc')
        .orderBy('seq', 'desc')
        .limit(options.limit ?? DEFAULT_LIST_LIMIT)
        .offset(options.offset ?? 0)
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
    });
  }

  articlesSince(cursor: number, limit = 100): Promise<StoredArticle[]> {
    return retryWhileUnavailable(async () => {
      const rows = await this.#db
        .selectFrom('articles')
        .selectAll()
        .where('seq', '>', cursor)
        .where(this.#visible('articles.id'))
        .orderBy('seq', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toStoredArticle);
    });
  }

  latestSeq(): Promise<number> {
    return retryWhileUnavailable(async () => {
      // The newest visible row down the seq index: `max(seq)` under the visibility filter made
      // SQLite test every article (30 ms at 10,000), where this stops at the first visible one.
      const row = await this.#db
        .selectFrom('articles')
        .select('seq')
        .where(this.#visible('articles.id'))
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return Number(row?.seq ?? 0);
    });
  }

  findActorCoverage(nameOrKey: string, limit = DEFAULT_COVERAGE_LIMIT, offset = 0): Promise<ActorCoverage[]> {
    const key = actorKey(nameOrKey.slice(0, MAX_KEY_CHARS));
    if (key === '') return Promise.resolve([]);
    return retryWhileUnavailable(async () => {
      // One range of the timeline's primary key, newest first: no sort, however many articles.
      const rows = await this.#db
        .selectFrom('actor_timeline as t')
        .innerJoin('article_actors as r', (join) =>
          join.onRef('r.article_id', '=', 't.article_id').onRef('r.actor_id', '=', 't.actor_id'),
        )
        .innerJoin('articles as a', 'a.id', 't.article_id')
        .select(['a.id', 'a.seq', 'a.title', 'a.source', 'a.url', 'a.published_at', 'r.record'])
        .where('t.key', '=', key)
        .where(this.#visible('t.article_id'))
        .orderBy('t.sort_key', 'desc')
        .orderBy('t.seq', 'desc')
        .orderBy('t.actor_id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toCoverage);
    });
  }

  findIdentities(name: string, limit = DEFAULT_IDENTITY_LIMIT): Promise<IdentityMatch[]> {
    const key = actorKey(name.slice(0, MAX_KEY_CHARS));
    if (key === '') return Promise.resolve([]);
    return retryWhileUnavailable(async () => {
      const named = await this.#db
        .selectFrom('identity_names as n')
        .select(['n.identity_key', sql<number>`cast(count(distinct n.article_id) as integer)`.as('articles')])
        .where('n.key', '=', key)
        .where(this.#visible('n.article_id'))
        .groupBy('n.identity_key')
        .orderBy('articles', 'desc')
        .orderBy('n.identity_key', 'asc')
        .limit(limit)
        .execute();
      if (named.length === 0) return [];
      const identities = named.map((row) => row.identity_key);
      // Only the one most articles call by the name is counted in full (it is the one answered
      // about); the others are counted by the articles that call them so, which ranks them alike.
      const [totals, names] = await Promise.all([
        this.#identityTotals(identities.slice(0, 1)),
        this.#identityNames(identities),
      ]);
      return named
        .map((row): IdentityMatch => {
          const best = names.get(row.identity_key);
          return {
            key: row.identity_key,
            name: best?.name ?? name,
            kind: best?.kind ?? 'unknown',
            articles: totals.get(row.identity_key) ?? Number(row.articles),
            named: Number(row.articles),
          };
        })
        .sort((a, b) => b.articles - a.articles || a.key.localeCompare(b.key));
    });
  }

  /** How many visible articles each identity is in. */
  async #identityTotals(identities: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.#db
      .selectFrom('actor_sightings as s')
      .select(['s.identity_key', sql<number>`cast(count(distinct s.article_id) as integer)`.as('articles')])
      .where('s.identity_key', 'in', identities)
      .where(this.#visible('s.article_id'))
      .groupBy('s.identity_key')
      .execute();
    return new Map(rows.map((row) => [row.identity_key, Number(row.articles)]));
  }

  /** Each identity's most used name among a sample of its visible sightings, a full (several-word) name before a lone one. */
  async #identityNames(
    identities: readonly string[],
  ): Promise<Map<string, { name: string; kind: ActorKind }>> {
    const best = new Map<string, { name: string; kind: ActorKind }>();
    for (const identity of identities) {
      const rows = await this.#db
        .selectFrom('actor_sightings as s')
        .innerJoin('article_actors as r', (join) =>
          join.onRef('r.article_id', '=', 's.article_id').onRef('r.actor_id', '=', 's.actor_id'),
        )
        .select(['r.name', 'r.kind'])
        .where('s.identity_key', '=', identity)
        .where(this.#visible('s.article_id'))
        .limit(NAME_SAMPLE)
        .execute();
      const uses = new Map<string, { name: string; kind: ActorKind; score: number }>();
      for (const row of rows) {
        const known = uses.get(row.name) ?? { name: row.name, kind: row.kind as ActorKind, score: 0 };
        known.score += row.name.includes(' ') ? 1_000 : 1;
        uses.set(row.name, known);
      }
      const [top] = [...uses.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
      if (top) best.set(identity, { name: top.name, kind: top.kind });
    }
    return best;
  }

  identityCoverage(identity: string, limit = DEFAULT_COVERAGE_LIMIT, offset = 0): Promise<ActorCoverage[]> {
    const key = identity.slice(0, MAX_KEY_CHARS);
    if (key === '') return Promise.resolve([]);
    return retryWhileUnavailable(async () => {
      // The newest sightings first, by their small columns only: sorting thousands of rows that
      // carried their records (kilobytes each) was what made a busy identity slow.
      const newest = await this.#newestSightings(key, limit, offset);
      if (newest.length === 0) return [];
      const rows = await this.#db
        .selectFrom('article_actors as r')
        .innerJoin('articles as a', 'a.id', 'r.article_id')
        .select(['a.id', 'a.seq', 'a.title', 'a.source', 'a.url', 'a.published_at', 'r.actor_id', 'r.record'])
        .where((eb) =>
          eb.or(
            newest.map((row) =>
              eb.and([eb('r.article_id', '=', row.article_id), eb('r.actor_id', '=', row.actor_id)]),
            ),
          ),
        )
        .execute();
      const byId = new Map(rows.map((row) => [`${row.id}\u0000${row.actor_id}`, row]));
      return newest.flatMap((sighting) => {
        const row = byId.get(`${sighting.article_id}\u0000${sighting.actor_id}`);
        return row ? [toCoverage(row)] : [];
      });
    });
  }

  countActorArticles(name: string): Promise<number> {
    const key = actorKey(name.slice(0, MAX_KEY_CHARS));
    if (key === '') return Promise.resolve(0);
    const viewer = this.#viewer;
    if (viewer !== undefined)
      return retryWhileUnavailable(async () => {
        // Two rows of the per-owner counts written at ingest: the global articles and the workspace's own.
        const row = await this.#db
          .selectFrom('actor_name_counts')
          .select(sql<number>`coalesce(sum(articles), 0)`.as('articles'))
          .where('actor_key', '=', key)
          .where('owner', 'in', [GLOBAL_OWNER, viewer])
          .executeTakeFirstOrThrow();
        return Number(row.articles);
      });
    return retryWhileUnavailable(async () => {
      const row = await this.#db
        .selectFrom('article_actors as r')
        .select(sql<number>`count(distinct r.article_id)`.as('articles'))
        .where('r.actor_key', '=', key)
        .where(this.#visible('r.article_id'))
        .executeTakeFirstOrThrow();
      return Number(row.articles);
    });
  }

  /**
   * The newest visible sightings of an identity, by their small columns only. A busy identity is
   * found walking the articles newest first (a cross join keeps SQLite on that order) and stops at
   * `limit`; a rare one is read from its own index and sorted, rather than walking every article.
   */
  async #newestSightings(
    key: string,
    limit: number,
    offset: number,
  ): Promise<{ article_id: string; actor_id: string }[]> {
    const { sightings } = await this.#db
      .selectFrom('actor_sightings')
      .select(sql<number>`count(*)`.as('sightings'))
      .where('identity_key', '=', key)
      .executeTakeFirstOrThrow();
    if (Number(sightings) >= BUSY_IDENTITY)
      return this.#db
        .selectFrom('articles as a')
        .crossJoin('actor_sightings as s')
        .select(['s.article_id', 's.actor_id'])
        .whereRef('s.article_id', '=', 'a.id')
        .where('s.identity_key', '=', key)
        .where(this.#visible('a.id'))
        .orderBy('a.sort_key', 'desc')
        .orderBy('a.seq', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
    return this.#db
      .selectFrom('actor_sightings as s')
      .innerJoin('articles as a', 'a.id', 's.article_id')
      .select(['s.article_id', 's.actor_id'])
      .where('s.identity_key', '=', key)
      .where(this.#visible('s.article_id'))
      .orderBy('a.sort_key', 'desc')
      .orderBy('a.seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  listActorNames(prefix = '', limit = DEFAULT_LIST_LIMIT): Promise<ActorName[]> {
    const key = actorKey(prefix.slice(0, MAX_KEY_CHARS));
    const articles = sql<number>`cast(count(distinct r.article_id) as integer)`;
    const viewer = this.#viewer;
    if (key === '' && viewer !== undefined) return this.#countedActorNames(viewer, limit);
    if (viewer !== undefined) return this.#prefixedActorNames(viewer, key, limit);
    return retryWhileUnavailable(async () => {
      const rows =
        key === ''
          ? await this.#db
              .selectFrom('article_actors as r')
              .select([
                'r.actor_key',
                sql<string>`min(r.name)`.as('name'),
                sql<string>`min(r.kind)`.as('kind'),
              ])
              .select(articles.as('articles'))
              .where(this.#visible('r.article_id'))
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
              .select([
                'r.actor_key',
                sql<string>`min(r.name)`.as('name'),
                sql<string>`min(r.kind)`.as('kind'),
              ])
              .select(articles.as('articles'))
              // A range, not LIKE: both engines compare these keys byte-wise, so the index serves it.
              .where('k.key', '>=', key)
              .where('k.key', '<', `${key}\uffff`)
              .where(this.#visible('k.article_id'))
              .groupBy('r.actor_key')
              .orderBy('articles', 'desc')
              .orderBy('r.actor_key', 'asc')
              .limit(limit)
              .execute();
      return rows.map(toActorName);
    });
  }

  /**
   * The actors a workspace sees whose name or an alias starts with `key`, most covered first, by
   * index ranges only: canonical names from the per-owner counts' range, and each distinct alias
   * key of the range ({@link MAX_PREFIX_ALIASES} at most, found one index seek apiece rather than
   * over every article's row) with the actor of its first visible row. Counting every row of
   * the range was 51 ms at 10,000 articles and 672 ms at 100,000.
   */
  #prefixedActorNames(viewer: WorkspaceKey, key: string, limit: number): Promise<ActorName[]> {
    const end = `${key}\uffff`;
    return retryWhileUnavailable(async () => {
      const { rows } = await sql<{ actor_key: string; name: string; kind: string; articles: number }>`
        with recursive alias_keys (key, n) as (
          select min(key), 1 from actor_keys where key >= ${key} and key < ${end}
          union all
          select (select min(k.key) from actor_keys k where k.key > a.key and k.key < ${end}), a.n + 1
          from alias_keys a where a.key is not null and a.n < ${MAX_PREFIX_ALIASES}
        ),
        named (actor_key) as (
          select (select r.actor_key from actor_keys k
              join article_actors r on r.article_id = k.article_id and r.actor_id = k.actor_id
              where k.key = a.key and ${this.#visible('k.article_id')} limit 1)
          from alias_keys a where a.key is not null
          union
          select actor_key from actor_name_counts
          where owner in (${GLOBAL_OWNER}, ${viewer}) and actor_key >= ${key} and actor_key < ${end}
        )
        select c.actor_key, min(c.name) as name, min(c.kind) as kind, cast(sum(c.articles) as integer) as articles
        from actor_name_counts c
        where c.owner in (${GLOBAL_OWNER}, ${viewer}) and c.actor_key in (select actor_key from named)
        group by c.actor_key
        order by articles desc, c.actor_key asc
        limit ${limit}`.execute(this.#db);
      return rows.map(toActorName);
    });
  }

  /**
   * Every actor a workspace sees, most covered first, from the per-owner counts written at ingest
   * (the global articles' and the workspace's own), not from the actor rows of every article.
   */
  #countedActorNames(viewer: WorkspaceKey, limit: number): Promise<ActorName[]> {
    return retryWhileUnavailable(async () => {
      const rows = await this.#db
        .selectFrom('actor_name_counts')
        .select([
          'actor_key',
          sql<string>`min(name)`.as('name'),
          sql<string>`min(kind)`.as('kind'),
          sql<number>`cast(sum(articles) as integer)`.as('articles'),
        ])
        .where('owner', 'in', [GLOBAL_OWNER, viewer])
        .groupBy('actor_key')
        .orderBy('articles', 'desc')
        .orderBy('actor_key', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toActorName);
    });
  }
}

/** A row of actor name counts as the port's {@link ActorName}. */
function toActorName(row: { actor_key: string; name: string; kind: string; articles: number }): ActorName {
  return { key: row.actor_key, name: row.name, kind: row.kind as ActorKind, articles: Number(row.articles) };
}

/** One article's record of an actor, as a coverage query selects it. */
interface CoverageRow {
  id: string;
  seq: number;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
  record: string;
}

function toCoverage(row: CoverageRow): ActorCoverage {
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
}

/**
 * The distinct words a title search matches, at most {@link MAX_TITLE_WORDS}, longest first (the
 * most telling), whatever the length of what was typed.
 */
export function titleSearchWords(text: string): string[] {
  const words = new Set(
    actorKey(text.slice(0, MAX_TITLE_WORDS * MAX_KEY_CHARS))
      .split(' ')
      .filter((word) => word !== ''),
  );
  return [...words].sort((a, b) => b.length - a.length).slice(0, MAX_TITLE_WORDS);
}

/** A stored article row as the port's {@link StoredArticle}. */
export function toStoredArticle(row: Selectable<ArticlesTable>): StoredArticle {
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

import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

/** The two database engines newsdesk runs on. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * The migrations, in code, for both engines. Column types are the portable `text` and `integer`;
 * the one engine difference is that PostgreSQL compares key columns byte-wise (`collate "C"`), as
 * SQLite does, so prefix ranges and ISO-8601 ordering behave the same and use the indexes.
 */
export function migrationProvider(kind: StoreKind): MigrationProvider {
  const key = kind === 'postgres' ? sql`text collate "C"` : sql`text`;
  const migrations: Record<string, Migration> = {
    '0001_initial': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('counters')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'integer', (c) => c.notNull())
          .execute();
        await db.insertInto('counters').values({ name: 'article_seq', value: 0 }).execute();

        await db.schema
          .createTable('articles')
          .addColumn('id', key, (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull().unique())
          .addColumn('source', 'text')
          .addColumn('url', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('title_key', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text')
          .addColumn('sort_key', key, (c) => c.notNull())
          .addColumn('content_hash', key, (c) => c.notNull().unique())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .addColumn('article', 'text', (c) => c.notNull())
          .addColumn('analysis', 'text', (c) => c.notNull())
          .addColumn('analysis_version', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_newest').on('articles').columns(['sort_key', 'seq']).execute();
        await db.schema.createIndex('articles_url').on('articles').column('url').execute();
        await db.schema
          .createIndex('articles_analysis_version')
          .on('articles')
          .column('analysis_version')
          .execute();

        await db.schema
          .createTable('article_actors')
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('actor_id', key, (c) => c.notNull())
          .addColumn('actor_key', key, (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('article_actors_pk', ['article_id', 'actor_id'])
          .execute();
        await db.schema.createIndex('article_actors_key').on('article_actors').column('actor_key').execute();

        await db.schema
          .createTable('actor_keys')
          .addColumn('key', key, (c) => c.notNull())
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('actor_id', key, (c) => c.notNull())
          .addPrimaryKeyConstraint('actor_keys_pk', ['key', 'article_id', 'actor_id'])
          .execute();
        await db.schema.createIndex('actor_keys_article').on('actor_keys').column('article_id').execute();

        await db.schema
          .createTable('subscriptions')
          .addColumn('id', key, (c) => c.primaryKey())
          .addColumn('platform', key, (c) => c.notNull())
          .addColumn('workspace_id', key, (c) => c.notNull())
          .addColumn('channel_id', key, (c) => c.notNull())
          .addColumn('cron', key, (c) => c.notNull())
          .addColumn('timezone', key, (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('paused_reason', 'text')
          .addColumn('paused_at', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', key, (c) => c.notNull())
          .addUniqueConstraint('subscriptions_schedule', [
            'platform',
            'workspace_id',
            'channel_id',
            'cron',
            'timezone',
          ])
          .execute();

        await db.schema
          .createTable('deliveries')
          .addColumn('subscription_id', key, (c) => c.notNull())
          .addColumn('slot', key, (c) => c.notNull())
          .addColumn('instance_id', 'text', (c) => c.notNull())
          .addColumn('status', key, (c) => c.notNull())
          .addColumn('claimed_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('cursor', 'integer')
          .addColumn('article_count', 'integer')
          .addColumn('error', 'text')
          .addPrimaryKeyConstraint('deliveries_pk', ['subscription_id', 'slot'])
          .execute();
        await db.schema.createIndex('deliveries_status').on('deliveries').column('status').execute();

        await db.schema
          .createTable('feeds')
          .addColumn('url', key, (c) => c.primaryKey())
          .addColumn('title', 'text')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('last_fetched_at', 'text')
          .addColumn('last_success_at', 'text')
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_error', 'text')
          .addColumn('disabled_reason', 'text')
          .addColumn('added_at', key, (c) => c.notNull())
          .addColumn('added_by', 'text')
          .execute();
      },
    },
    '0002_article_links': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('article_links')
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull().unique())
          .execute();
        await db.schema
          .createIndex('article_links_article')
          .on('article_links')
          .column('article_id')
          .execute();
      },
    },
    '0003_analysis_failures': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('analysis_failures')
          .addColumn('key', key, (c) => c.primaryKey())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('analysis_version', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('failed_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0004_tenants': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('article_owners')
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('owner', key, (c) => c.notNull())
          .addPrimaryKeyConstraint('article_owners_pk', ['article_id', 'owner'])
          .execute();
        await db.schema
          .createIndex('article_owners_owner')
          .on('article_owners')
          .columns(['owner', 'article_id'])
          .execute();
        // Everything stored before tenants came from the operator or was shared by all: global
        // ('*', the GLOBAL_OWNER of this migration's time, written out so the history cannot move).
        await sql`insert into article_owners (article_id, owner) select id, '*' from articles`.execute(db);

        await db.schema
          .createTable('feed_owners')
          .addColumn('url', key, (c) => c.notNull())
          .addColumn('owner', key, (c) => c.notNull())
          .addPrimaryKeyConstraint('feed_owners_pk', ['url', 'owner'])
          .execute();
        await db.schema
          .createIndex('feed_owners_owner')
          .on('feed_owners')
          .columns(['owner', 'url'])
          .execute();
        await sql`insert into feed_owners (url, owner) select url, '*' from feeds`.execute(db);

        await db.schema
          .createTable('workspace_settings')
          .addColumn('workspace', key, (c) => c.primaryKey())
          .addColumn('page_digests', 'text', (c) => c.notNull())
          .execute();

        await db.schema.alterTable('deliveries').addColumn('attempted_at', 'text').execute();
        // "Is another slot of this subscription unfinished?" is asked at every claim.
        await db.schema
          .createIndex('deliveries_subscription_status')
          .on('deliveries')
          .columns(['subscription_id', 'status'])
          .execute();
      },
    },
    '0005_identities': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        // One row per article actor: the identity the actor directory links it to, and why.
        // Rows appear as articles are saved; the background linker relinks them all.
        await db.schema
          .createTable('actor_sightings')
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('actor_id', key, (c) => c.notNull())
          .addColumn('identity_key', key, (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('actor_sightings_pk', ['article_id', 'actor_id'])
          .execute();
        await db.schema
          .createIndex('actor_sightings_identity')
          .on('actor_sightings')
          .columns(['identity_key', 'article_id'])
          .execute();
        // Every name or alias key of a sighting beside its identity: "which people does this
        // name lead to" is then one covering-index range, however busy the identity.
        await db.schema
          .createTable('identity_names')
          .addColumn('key', key, (c) => c.notNull())
          .addColumn('identity_key', key, (c) => c.notNull())
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('actor_id', key, (c) => c.notNull())
          .addPrimaryKeyConstraint('identity_names_pk', ['key', 'identity_key', 'article_id', 'actor_id'])
          .execute();
        await db.schema
          .createIndex('identity_names_article')
          .on('identity_names')
          .column('article_id')
          .execute();
        await db.schema
          .createTable('identity_corrections')
          .addColumn('id', key, (c) => c.primaryKey())
          .addColumn('kind', key, (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('created_at', key, (c) => c.notNull())
          .execute();
      },
    },
    '0006_read_model': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        // Each actor key's coverage in reading order (newest first), so a page of a hot actor is
        // one range of this index, not a sort of every article that names it.
        await db.schema
          .createTable('actor_timeline')
          .addColumn('key', key, (c) => c.notNull())
          .addColumn('sort_key', key, (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('article_id', key, (c) => c.notNull())
          .addColumn('actor_id', key, (c) => c.notNull())
          .addPrimaryKeyConstraint('actor_timeline_pk', ['key', 'sort_key', 'seq', 'actor_id'])
          .execute();
        await db.schema
          .createIndex('actor_timeline_article')
          .on('actor_timeline')
          .column('article_id')
          .execute();
        await sql`insert into actor_timeline (key, sort_key, seq, article_id, actor_id)
          select k.key, a.sort_key, a.seq, k.article_id, k.actor_id
          from actor_keys k join articles a on a.id = k.article_id`.execute(db);
        // How many articles name each actor, per owner they count under: '*' for a global article,
        // else each workspace that holds it. A workspace sees the sum of '*' and its own rows.
        await db.schema
          .createTable('actor_name_counts')
          .addColumn('owner', key, (c) => c.notNull())
          .addColumn('actor_key', key, (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('articles', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('actor_name_counts_pk', ['owner', 'actor_key'])
          .execute();
        await sql`insert into actor_name_counts (owner, actor_key, name, kind, articles)
          select '*', r.actor_key, min(r.name), min(r.kind), count(distinct r.article_id)
          from article_actors r
          where exists (select 1 from article_owners o where o.article_id = r.article_id and o.owner = '*')
          group by r.actor_key`.execute(db);
        await sql`insert into actor_name_counts (owner, actor_key, name, kind, articles)
          select o.owner, r.actor_key, min(r.name), min(r.kind), count(distinct r.article_id)
          from article_actors r join article_owners o on o.article_id = r.article_id
          where o.owner <> '*' and not exists
            (select 1 from article_owners g where g.article_id = r.article_id and g.owner = '*')
          group by o.owner, r.actor_key`.execute(db);
        // Moves at every article write: a process serves cached reads only while it is unchanged.
        await db.insertInto('counters').values({ name: 'read_version', value: 0 }).execute();
      },
    },
    '0007_lean_keys': {
      // biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its own time, not today's `Database`.
      async up(db: Kysely<any>): Promise<void> {
        // `actor_timeline` holds every row of `actor_keys` (with the article's reading place), so
        // the key rows are written once: `actor_keys` becomes a view of the timeline.
        await db.schema.dropTable('actor_keys').execute();
        // No query can use it: the one that reads the column asks for `analysis_version <> ?`,
        // which both engines answer walking `seq`. Every article paid a write into it.
        await db.schema.dropIndex('articles_analysis_version').execute();
        if (kind === 'sqlite') {
          // Key rows live in their primary key's B-tree (WITHOUT ROWID): one write per row, not a
          // row plus an index entry on another page.
          await rebuildWithoutRowid(
            db,
            'actor_timeline',
            ['key', 'sort_key', 'seq', 'actor_id'],
            [['actor_timeline_article', ['article_id']]],
          );
          await rebuildWithoutRowid(
            db,
            'identity_names',
            ['key', 'identity_key', 'article_id', 'actor_id'],
            [['identity_names_article', ['article_id']]],
          );
          await rebuildWithoutRowid(
            db,
            'actor_sightings',
            ['article_id', 'actor_id'],
            [['actor_sightings_identity', ['identity_key', 'article_id']]],
          );
        }
        await db.schema
          .createView('actor_keys')
          .as(db.selectFrom('actor_timeline').select(['key', 'article_id', 'actor_id']))
          .execute();
      },
    },
  };
  return { getMigrations: async () => migrations };
}

/** The columns of the key tables 0007 rebuilds, as 0005 and 0006 made them. */
const KEY_TABLE_COLUMNS: Record<string, readonly [string, 'text' | 'integer'][]> = {
  actor_timeline: [
    ['key', 'text'],
    ['sort_key', 'text'],
    ['seq', 'integer'],
    ['article_id', 'text'],
    ['actor_id', 'text'],
  ],
  identity_names: [
    ['key', 'text'],
    ['identity_key', 'text'],
    ['article_id', 'text'],
    ['actor_id', 'text'],
  ],
  actor_sightings: [
    ['article_id', 'text'],
    ['actor_id', 'text'],
    ['identity_key', 'text'],
    ['evidence', 'text'],
  ],
};

/**
 * Rebuilds a SQLite table as WITHOUT ROWID on `primaryKey`, rows and secondary `indexes` carried
 * over (a table cannot change that in place: a copy is made, the old table dropped, the copy renamed).
 */
async function rebuildWithoutRowid(
  // biome-ignore lint/suspicious/noExplicitAny: written against the schema of migration 0007's time.
  db: Kysely<any>,
  table: string,
  primaryKey: string[],
  indexes: readonly [string, string[]][],
): Promise<void> {
  const columns = KEY_TABLE_COLUMNS[table];
  if (!columns) throw new Error(`No columns known for ${table}`);
  const copy = `${table}_0007`;
  const definitions = columns.map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)} not null`);
  const key = sql.join(primaryKey.map((name) => sql.ref(name)));
  await sql`create table ${sql.table(copy)} (${sql.join(definitions)},
    constraint ${sql.ref(`${table}_pk`)} primary key (${key})) without rowid`.execute(db);
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  await sql`insert into ${sql.table(copy)} (${names}) select ${names} from ${sql.table(table)}`.execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(copy).renameTo(table).execute();
  for (const [name, indexColumns] of indexes)
    await db.schema.createIndex(name).on(table).columns(indexColumns).execute();
}

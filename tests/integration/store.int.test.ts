import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article/article.ts';
import type { ChannelRef, NewSubscription } from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { StoreUnavailableError } from '../../src/store/connection-loss.ts';
import { actorKey } from '../../src/store/keys.ts';
import { DEFAULT_SQLITE_PATH, isTransient, openStore, parseStoreUrl } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import {
  analysisOf,
  bidenXiAnalysis,
  bidenXiArticle,
  bidenXiExcerpt,
  bidenXiExcerptAnalysis,
} from '../fixtures/store-articles.ts';
import {
  DEFAULT_TEST_POSTGRES_URL,
  postgresDatabases,
  probePostgres,
  sqliteDatabases,
  type TestDatabases,
} from '../fixtures/store-databases.ts';

// The test's own settings, read here and nowhere in src/.
const postgresUrl = process.env.NEWSDESK_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL;
const requirePostgres = process.env.NEWSDESK_REQUIRE_POSTGRES === '1';
const postgresDown = await probePostgres(postgresUrl);
if (postgresDown !== undefined && !requirePostgres) {
  console.warn(
    `\n*** PostgreSQL unreachable: skipped the PostgreSQL store suite (${postgresDown}).` +
      ' Start PostgreSQL on 127.0.0.1:5432 or set NEWSDESK_TEST_DATABASE_URL; CI sets NEWSDESK_REQUIRE_POSTGRES=1. ***\n',
  );
}

interface Engine {
  name: string;
  databases: () => TestDatabases;
}

const engines: Engine[] = [
  { name: 'SQLite', databases: sqliteDatabases },
  ...(postgresDown === undefined || requirePostgres
    ? [{ name: 'PostgreSQL', databases: () => postgresDatabases(postgresUrl) }]
    : []),
];

const VERSION = 1;
const CHANNEL: ChannelRef = { platform: 'slack', workspaceId: 'T024BE7LD', channelId: 'C01NEWS' };
const OTHER_CHANNEL: ChannelRef = {
  platform: 'discord',
  workspaceId: '81384788765712384',
  channelId: '381870553235193857',
};
const WEEKDAYS_AT_NINE: NewSubscription = {
  ...CHANNEL,
  cron: '0 9 * * 1-5',
  timezone: 'Europe/Berlin',
  options: { articles: 5, keywords: ['China'], postWhenEmpty: false },
  createdBy: 'U012AB3CD',
};

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** An article with no publication date: it sorts by the time it was stored. */
const undated: Article = {
  ...bidenXiArticle,
  id: 'undated-call-note',
  title: 'Biden initiated the conversation',
  publishedAt: null,
  paragraphs: [
    'Biden initiated the conversation Thursday, to “test the proposition that doing so at the leader level will be more effective than what we have found below him,” the U.S. official said.',
  ],
};

describe.each(engines)('$name store', ({ databases }) => {
  const dbs = databases();
  let store: Store;
  let url: string;
  let time = 0;
  const clock = () => {
    time += 1000;
    return new Date(time);
  };

  beforeEach(async () => {
    if (dbs.kind === 'postgres' && postgresDown !== undefined) {
      throw new Error(
        `PostgreSQL unreachable at ${postgresUrl} and NEWSDESK_REQUIRE_POSTGRES=1: ${postgresDown}`,
      );
    }
    time = Date.parse('2024-05-01T07:00:00Z');
    url = await dbs.fresh();
    store = unwrap(await openStore(url, { now: clock }));
  });
  afterEach(async () => {
    await store?.close();
  });
  afterAll(async () => {
    await dbs.dropAll();
  });

  describe('articles', () => {
    it('GIVEN an article saved THEN it reads back whole, with sequence number 1', async () => {
      const saved = await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      expect(saved).toEqual({ id: bidenXiArticle.id, seq: 1, created: true, outcome: 'created' });
      const stored = await store.getArticle(bidenXiArticle.id);
      expect(stored?.article).toEqual(bidenXiArticle);
      expect(stored?.analysis).toEqual(bidenXiAnalysis);
      expect(stored?.analysisVersion).toBe(VERSION);
      expect(stored?.ingestedAt).toBe('2024-05-01T07:00:01.000Z');
      expect(stored?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('GIVEN the same content saved again, even under another id THEN it is stored once', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      const again = await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      const reKeyed = { ...bidenXiArticle, id: 'same-story-from-url', url: 'https://example.org/story' };
      const elsewhere = await store.saveArticle(reKeyed, analysisOf(reKeyed), VERSION, [GLOBAL_OWNER]);
      expect(again).toEqual({ id: bidenXiArticle.id, seq: 1, created: false, outcome: 'duplicate' });
      expect(elsewhere).toEqual({ id: bidenXiArticle.id, seq: 1, created: false, outcome: 'duplicate' });
      expect(await store.listArticles()).toHaveLength(1);
      expect(await store.latestSeq()).toBe(1);
    });

    it('GIVEN a known id with changed content THEN the content and actor index are replaced and the seq kept', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      const edited = { ...bidenXiExcerpt, id: bidenXiArticle.id };
      const saved = await store.saveArticle(
        edited,
        analysisOf(edited, bidenXiExcerptAnalysis.actors),
        VERSION,
        [GLOBAL_OWNER],
      );
      expect(saved).toEqual({ id: bidenXiArticle.id, seq: 1, created: false, outcome: 'updated' });
      expect((await store.getArticle(bidenXiArticle.id))?.article.paragraphs).toEqual(
        bidenXiExcerpt.paragraphs,
      );
      // Joe Biden is not an actor of the excerpt, so the edited article no longer covers him.
      expect(await store.findActorCoverage('Joe Biden')).toEqual([]);
    });

    it('GIVEN articles with and without dates THEN they list newest first, undated by when stored', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(undated, analysisOf(undated, []), VERSION, [GLOBAL_OWNER]);
      const listed = await store.listArticles();
      expect(listed.map((a) => a.id)).toEqual([undated.id, bidenXiExcerpt.id, bidenXiArticle.id]);
      expect(listed[1]).toEqual({
        id: bidenXiExcerpt.id,
        seq: 2,
        title: bidenXiExcerpt.title,
        source: 'Wire excerpt',
        url: bidenXiExcerpt.url,
        publishedAt: '2021-09-10T08:00:00Z',
        ingestedAt: '2024-05-01T07:00:02.000Z',
      });
      expect(await store.listArticles({ limit: 1 })).toHaveLength(1);
    });

    it.each([
      ['latest', 'wire-xi-qin-warnings'],
      ['', 'wire-xi-qin-warnings'],
      ['2021-09-09-biden-xi-call', '2021-09-09-biden-xi-call'],
      ['https://example.org/wire/xi-qin-warnings', 'wire-xi-qin-warnings'],
      ['biden xi', 'wire-xi-qin-warnings'],
      ['BIDEN china’s rising', '2021-09-09-biden-xi-call'],
      ['tensions', '2021-09-09-biden-xi-call'],
      ['tens', '2021-09-09-biden-xi-call'],
      ['ensions', undefined],
      ['Qin Gang ambassador', undefined],
    ])('GIVEN two stored articles WHEN a user asks for "%s" THEN the answer is %s', async (query, id) => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      expect((await store.findArticle(query))?.article.id).toBe(id);
    });

    it('GIVEN a delivery cursor THEN only articles stored after it come back, oldest first', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      const cursor = await store.latestSeq();
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(undated, analysisOf(undated, []), VERSION, [GLOBAL_OWNER]);
      expect((await store.articlesSince(cursor)).map((a) => [a.seq, a.id])).toEqual([
        [2, bidenXiExcerpt.id],
        [3, undated.id],
      ]);
      expect(await store.articlesSince(3)).toEqual([]);
      expect(await store.latestSeq()).toBe(3);
    });

    it('GIVEN analyses of an older rules version THEN they are listed stale until re-analysed', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, 2, [GLOBAL_OWNER]);
      expect((await store.staleAnalyses(2)).map((a) => a.id)).toEqual([bidenXiArticle.id]);
      const reanalysed = { ...bidenXiAnalysis, actors: bidenXiAnalysis.actors.slice(0, 2) };
      expect(await store.saveAnalysis(bidenXiArticle.id, reanalysed, 2)).toBe(true);
      expect(await store.staleAnalyses(2)).toEqual([]);
      expect((await store.getArticle(bidenXiArticle.id))?.analysis.actors).toHaveLength(2);
      expect(await store.findActorCoverage('Qin Gang')).toHaveLength(1);
      expect(await store.saveAnalysis('no-such-article', reanalysed, 2)).toBe(false);
    });
  });

  describe('article links', () => {
    const WIRE = bidenXiExcerpt.url ?? '';
    const MIRROR = 'https://news.example.com/2021/09/10/xi-warns-on-taiwan';
    const SYNDICATED = 'https://daily.example.net/world/xi-qin-warnings?ref=wire';

    it('GIVEN a second link added to an article THEN the article is found by either link, its own listed first', async () => {
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      expect(await store.getArticleByUrl(MIRROR)).toBeUndefined();
      expect(await store.addArticleLink(bidenXiExcerpt.id, MIRROR)).toBe(true);
      expect((await store.getArticleByUrl(MIRROR))?.id).toBe(bidenXiExcerpt.id);
      expect((await store.getArticleByUrl(WIRE))?.id).toBe(bidenXiExcerpt.id);
      expect((await store.findArticle(MIRROR))?.id).toBe(bidenXiExcerpt.id);
      expect(await store.addArticleLink(bidenXiExcerpt.id, SYNDICATED)).toBe(true);
      expect(await store.articleLinks(bidenXiExcerpt.id)).toEqual([WIRE, SYNDICATED, MIRROR]);
    });

    it('GIVEN the same link added twice, or the own link THEN it is listed once', async () => {
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      expect(await store.addArticleLink(bidenXiExcerpt.id, MIRROR)).toBe(true);
      expect(await store.addArticleLink(bidenXiExcerpt.id, MIRROR)).toBe(true);
      expect(await store.addArticleLink(bidenXiExcerpt.id, WIRE)).toBe(true);
      expect(await store.articleLinks(bidenXiExcerpt.id)).toEqual([WIRE, MIRROR]);
    });

    it('GIVEN no such article, or a link that leads to another article THEN the link is not added', async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      expect(await store.addArticleLink('no-such-article', MIRROR)).toBe(false);
      expect(await store.getArticleByUrl(MIRROR)).toBeUndefined();
      expect(await store.articleLinks('no-such-article')).toEqual([]);

      expect(await store.addArticleLink(bidenXiExcerpt.id, MIRROR)).toBe(true);
      expect(await store.addArticleLink(bidenXiArticle.id, MIRROR)).toBe(false);
      expect(await store.addArticleLink(bidenXiArticle.id, WIRE)).toBe(false);
      expect((await store.getArticleByUrl(MIRROR))?.id).toBe(bidenXiExcerpt.id);
      expect((await store.getArticleByUrl(WIRE))?.id).toBe(bidenXiExcerpt.id);
      // The call note has no URL of its own, and was given none.
      expect(await store.articleLinks(bidenXiArticle.id)).toEqual([]);
    });

    it('GIVEN an article replaced by an edit THEN its links stay, and its new own link is not listed twice', async () => {
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.addArticleLink(bidenXiExcerpt.id, MIRROR);
      await store.addArticleLink(bidenXiExcerpt.id, SYNDICATED);
      const edited = {
        ...bidenXiExcerpt,
        url: MIRROR,
        paragraphs: [...bidenXiExcerpt.paragraphs.slice(0, -1)],
      };
      const saved = await store.saveArticle(
        edited,
        analysisOf(edited, bidenXiExcerptAnalysis.actors),
        VERSION,
        [GLOBAL_OWNER],
      );
      expect(saved.outcome).toBe('updated');
      expect(await store.articleLinks(bidenXiExcerpt.id)).toEqual([MIRROR, SYNDICATED]);
      expect((await store.getArticleByUrl(SYNDICATED))?.article.paragraphs).toEqual(edited.paragraphs);
      expect((await store.getArticleByUrl(MIRROR))?.id).toBe(bidenXiExcerpt.id);
    });

    it('GIVEN a link stored THEN it is still there after the store is closed and opened again', async () => {
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.addArticleLink(bidenXiExcerpt.id, MIRROR);
      await store.close();
      store = unwrap(await openStore(url, { now: clock }));
      expect((await store.getArticleByUrl(MIRROR))?.id).toBe(bidenXiExcerpt.id);
    });
  });

  describe('actor index', () => {
    beforeEach(async () => {
      await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
      await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER]);
    });

    it.each([
      'Xi Jinping',
      'Xi',
      'xi',
      '  XI   jinping ',
      'President Xi Jinping',
      'Chinese President Xi Jinping',
    ])(
      'GIVEN two articles covering Xi WHEN asked for "%s" THEN both records come back, newest first',
      async (name) => {
        const coverage = await store.findActorCoverage(name);
        expect(coverage.map((c) => c.articleId)).toEqual([bidenXiExcerpt.id, bidenXiArticle.id]);
        expect(
          coverage.every((c) => c.actor.name === 'Xi Jinping' && c.actor.roles.includes('Chinese President')),
        ).toBe(true);
        expect(coverage[1]?.quotes.map((q) => q.text)).toEqual([
          'caused serious difficulties',
          'bring disaster to both countries and the world.',
          'relations back on the right track',
        ]);
        expect(coverage[1]?.actor.background.map((line) => line.paragraph)).toEqual([1, 12, 13]);
        expect(coverage[0]?.title).toBe(bidenXiExcerpt.title);
      },
    );

    it.each([
      ['Qin', 'Qin Gang', 2],
      ['Zhào Lìjiān', 'Zhao Lijian', 2],
      ['Blinken', 'Antony Blinken', 1],
      ['President Biden', 'Joe Biden', 1],
    ])('GIVEN the name "%s" THEN it finds %s in %i article(s)', async (name, canonical, count) => {
      const coverage = await store.findActorCoverage(name);
      expect(coverage.map((c) => c.actor.name)).toEqual(Array(count).fill(canonical));
    });

    it('GIVEN a descriptive source or an unknown name THEN no actor is found', async () => {
      expect(await store.findActorCoverage('a senior U.S. official')).toEqual([]);
      expect(await store.findActorCoverage('Wendy Sherman')).toEqual([]);
      expect(await store.findActorCoverage('  ')).toEqual([]);
    });

    it('GIVEN a coverage limit THEN only the newest records come back', async () => {
      expect((await store.findActorCoverage('Xi', 1)).map((c) => c.articleId)).toEqual([bidenXiExcerpt.id]);
    });

    it('GIVEN a prefix of a name or alias THEN the actors are listed, most covered first', async () => {
      expect(await store.listActorNames('q')).toEqual([
        { key: 'qin gang', name: 'Qin Gang', kind: 'person', articles: 2 },
      ]);
      expect((await store.listActorNames('presid')).map((a) => [a.name, a.articles])).toEqual([
        ['Xi Jinping', 2],
        ['Joe Biden', 1],
      ]);
      expect((await store.listActorNames('WH')).map((a) => a.name)).toEqual(['White House']);
      expect(await store.listActorNames('nobody')).toEqual([]);
    });

    it('GIVEN a prefix typed in a workspace THEN its names and aliases are listed as the operator sees them', async () => {
      const view = store.visibleTo('discord:1');
      for (const prefix of ['q', 'presid', 'WH', 'xi', 'c', 'nobody'])
        expect(await view.listActorNames(prefix)).toEqual(await store.listActorNames(prefix));
      expect((await view.listActorNames('c', 1)).map((a) => a.name)).toEqual(['CCTV']);
    });

    it('GIVEN no prefix THEN every actor is listed, most covered first, up to the limit', async () => {
      const names = await store.listActorNames();
      expect(names.map((a) => [a.name, a.articles])).toEqual([
        ['CCTV', 2],
        ['Qin Gang', 2],
        ['Xi Jinping', 2],
        ['Zhao Lijian', 2],
        ['Antony Blinken', 1],
        ['Joe Biden', 1],
        ['Myron Brilliant', 1],
        ['White House', 1],
      ]);
      expect(await store.listActorNames('', 3)).toHaveLength(3);
    });
  });

  describe('subscriptions', () => {
    it('GIVEN a subscription added THEN its channel lists it with its options, other channels do not', async () => {
      const { subscription, created } = await store.addSubscription(WEEKDAYS_AT_NINE);
      expect(created).toBe(true);
      expect(subscription).toEqual({
        ...WEEKDAYS_AT_NINE,
        id: subscription.id,
        pausedReason: null,
        createdAt: '2024-05-01T07:00:01.000Z',
      });
      expect(await store.listSubscriptions(CHANNEL)).toEqual([subscription]);
      expect(await store.listSubscriptions(OTHER_CHANNEL)).toEqual([]);
      expect(await store.getSubscription(subscription.id)).toEqual(subscription);
    });

    it('GIVEN the same schedule added twice THEN the channel keeps one subscription', async () => {
      const first = await store.addSubscription(WEEKDAYS_AT_NINE);
      const second = await store.addSubscription({ ...WEEKDAYS_AT_NINE, createdBy: 'U999' });
      expect(second).toEqual({ subscription: first.subscription, created: false });
      const other = await store.addSubscription({ ...WEEKDAYS_AT_NINE, ...OTHER_CHANNEL, options: {} });
      expect(other.created).toBe(true);
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([
        first.subscription.id,
        other.subscription.id,
      ]);
    });

    it('GIVEN a paused subscription THEN the reason is kept until it is resumed', async () => {
      const { subscription } = await store.addSubscription(WEEKDAYS_AT_NINE);
      expect(
        await store.pauseSubscription(subscription.id, 'channel_not_found: the channel was deleted'),
      ).toBe(true);
      expect((await store.getSubscription(subscription.id))?.pausedReason).toBe(
        'channel_not_found: the channel was deleted',
      );
      expect(await store.resumeSubscription(subscription.id)).toBe(true);
      expect((await store.getSubscription(subscription.id))?.pausedReason).toBeNull();
      expect(await store.pauseSubscription('no-such-id', 'gone')).toBe(false);
      expect(await store.resumeSubscription('no-such-id')).toBe(false);
    });

    it('GIVEN a subscription removed THEN it and its delivery log are gone', async () => {
      const { subscription } = await store.addSubscription(WEEKDAYS_AT_NINE);
      await store.claimSlot(subscription.id, '2024-05-01T07:00:00Z', 'bot-a');
      expect(await store.removeSubscription(subscription.id)).toBe(true);
      expect(await store.listSubscriptions(CHANNEL)).toEqual([]);
      expect(await store.unfinishedClaims()).toEqual([]);
      expect(await store.removeSubscription(subscription.id)).toBe(false);
    });
  });

  describe('delivery log', () => {
    it('GIVEN a slot claimed THEN no one else claims it, however the time is written', async () => {
      expect(await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a')).toBe('claimed');
      expect(await store.claimSlot('sub-1', '2024-05-01T07:00:00.000Z', 'bot-b')).toBe('taken');
      expect(await store.claimSlot('sub-1', '2024-05-01T09:00:00+02:00', 'bot-c')).toBe('taken');
      // The holder asking again (a call retried after a lost answer) still holds it.
      expect(await store.claimSlot('sub-1', '2024-05-01T09:00:00+02:00', 'bot-a')).toBe('claimed');
      expect(await store.claimSlot('sub-2', '2024-05-01T07:00:00Z', 'bot-b')).toBe('claimed');
    });

    it('GIVEN a slot unfinished (claimed or posting) THEN the subscription’s next slot waits until it is finished', async () => {
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      expect(await store.claimSlot('sub-1', '2024-05-02T07:00:00Z', 'bot-b')).toBe('busy');
      expect(await store.beginPosting('sub-1', '2024-05-01T07:00:00Z', { cursor: 4, articleCount: 2 })).toBe(
        true,
      );
      expect(await store.claimSlot('sub-1', '2024-05-02T07:00:00Z', 'bot-a')).toBe('busy');
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', { cursor: 4, articleCount: 2 })).toBe(
        true,
      );
      expect(await store.claimSlot('sub-1', '2024-05-02T07:00:00Z', 'bot-b')).toBe('claimed');
      expect(await store.lastDeliveredCursor('sub-1')).toBe(4);
    });

    it('GIVEN twelve instances racing for one slot, or for two slots of one subscription THEN exactly one wins', async () => {
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.claimSlot('sub-1', `2024-05-0${1 + (i % 2)}T07:00:00Z`, `bot-${i}`),
        ),
      );
      expect(claims.filter((claim) => claim === 'claimed')).toHaveLength(1);
      expect(await store.unfinishedClaims()).toHaveLength(1);
    });

    it('GIVEN a posting slot THEN its plan and first attempt are kept, and a repeated record of it is accepted', async () => {
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      await store.beginPosting('sub-1', '2024-05-01T07:00:00Z', { cursor: 5, articleCount: 3 });
      time = Date.parse('2024-05-01T07:03:00Z');
      await store.beginPosting('sub-1', '2024-05-01T07:00:00Z', { cursor: 5, articleCount: 3 });
      expect(await store.lastSlot('sub-1')).toMatchObject({
        status: 'posting',
        cursor: 5,
        articleCount: 3,
        attemptedAt: '2024-05-01T07:00:02.000Z',
      });
      const plan = { cursor: 5, articleCount: 3 };
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', plan, 'found already posted')).toBe(
        true,
      );
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', plan)).toBe(true);
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', { cursor: 6, articleCount: 3 })).toBe(
        false,
      );
      expect(await store.failSlot('sub-1', '2024-05-01T07:00:00Z', 'late')).toBe(false);
      expect(await store.lastSlot('sub-1')).toMatchObject({
        status: 'completed',
        error: 'found already posted',
      });
    });

    it('GIVEN a posting slot nothing reached the platform for THEN only its own instance hands it back to a plain claim, once', async () => {
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      expect(await store.handBackSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a')).toBe(false);
      await store.beginPosting('sub-1', '2024-05-01T07:00:00Z', { cursor: 5, articleCount: 3 });
      expect(await store.handBackSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-b')).toBe(false);
      expect(await store.handBackSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a')).toBe(true);
      expect(await store.lastSlot('sub-1')).toMatchObject({
        status: 'claimed',
        instanceId: 'bot-a',
        cursor: null,
        articleCount: null,
        attemptedAt: null,
      });
      expect(await store.handBackSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a')).toBe(false);
      // Still the subscription's unfinished slot: the next one waits for it.
      expect(await store.claimSlot('sub-1', '2024-05-01T08:00:00Z', 'bot-a')).toBe('busy');
      expect(await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a')).toBe('claimed');
    });

    it('GIVEN an instance gone with an unfinished slot THEN exactly one other instance takes it over', async () => {
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-gone');
      const takers = await Promise.all(
        ['bot-a', 'bot-b', 'bot-c'].map((bot) =>
          store.reassignClaim('sub-1', '2024-05-01T07:00:00Z', 'bot-gone', bot),
        ),
      );
      expect(takers.filter(Boolean)).toHaveLength(1);
      const [taker] = await store.unfinishedClaims();
      expect(takers[['bot-a', 'bot-b', 'bot-c'].indexOf(taker?.instanceId ?? '')]).toBe(true);
    });

    it('GIVEN completed deliveries THEN the cursor is the latest completed one', async () => {
      expect(await store.lastDeliveredCursor('sub-1')).toBeNull();
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', { cursor: 3, articleCount: 3 })).toBe(
        true,
      );
      await store.claimSlot('sub-1', '2024-05-02T07:00:00Z', 'bot-a');
      expect(await store.failSlot('sub-1', '2024-05-02T07:00:00Z', 'missing_access')).toBe(true);
      expect(await store.lastDeliveredCursor('sub-1')).toBe(3);
      await store.claimSlot('sub-1', '2024-05-03T07:00:00Z', 'bot-b');
      await store.completeSlot('sub-1', '2024-05-03T07:00:00Z', { cursor: 7, articleCount: 4 });
      expect(await store.lastDeliveredCursor('sub-1')).toBe(7);
      expect(await store.lastDeliveredCursor('sub-2')).toBeNull();
      expect(await store.lastSlot('sub-1')).toMatchObject({
        slot: '2024-05-03T07:00:00.000Z',
        status: 'completed',
        instanceId: 'bot-b',
        cursor: 7,
        articleCount: 4,
      });
    });

    it('GIVEN a slot that is not an open claim THEN it cannot be completed or failed', async () => {
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', { cursor: 1, articleCount: 1 })).toBe(
        false,
      );
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      await store.failSlot('sub-1', '2024-05-01T07:00:00Z', 'channel_not_found');
      expect(await store.completeSlot('sub-1', '2024-05-01T07:00:00Z', { cursor: 1, articleCount: 1 })).toBe(
        false,
      );
      expect(await store.lastSlot('sub-1')).toMatchObject({ status: 'failed', error: 'channel_not_found' });
    });

    it('GIVEN an instance that died mid-delivery THEN its claims are listed as unfinished', async () => {
      await store.claimSlot('sub-1', '2024-05-01T07:00:00Z', 'bot-a');
      await store.claimSlot('sub-2', '2024-05-01T07:00:00Z', 'bot-b');
      await store.claimSlot('sub-3', '2024-05-01T07:00:00Z', 'bot-a');
      await store.completeSlot('sub-3', '2024-05-01T07:00:00Z', { cursor: 2, articleCount: 2 });
      expect((await store.unfinishedClaims()).map((c) => c.subscriptionId)).toEqual(['sub-1', 'sub-2']);
      expect(await store.unfinishedClaims('bot-a')).toEqual([
        {
          subscriptionId: 'sub-1',
          slot: '2024-05-01T07:00:00.000Z',
          instanceId: 'bot-a',
          status: 'claimed',
          claimedAt: '2024-05-01T07:00:01.000Z',
          finishedAt: null,
          cursor: null,
          articleCount: null,
          attemptedAt: null,
          error: null,
        },
      ]);
    });

    it('GIVEN a slot that is not a time THEN claiming it is a programming error', async () => {
      await expect(store.claimSlot('sub-1', 'tomorrow at nine', 'bot-a')).rejects.toThrow(RangeError);
    });
  });

  describe('feeds', () => {
    const FEED = 'https://feeds.washingtonpost.com/rss/world';

    it('GIVEN a feed added twice THEN it is stored once with an empty fetch state', async () => {
      const first = await store.addFeed(FEED, { owner: GLOBAL_OWNER, title: 'World', addedBy: 'U012AB3CD' });
      expect(first.created).toBe(true);
      expect(first.feed).toEqual({
        url: FEED,
        title: 'World',
        etag: null,
        lastModified: null,
        lastFetchedAt: null,
        lastSuccessAt: null,
        failures: 0,
        lastError: null,
        disabledReason: null,
        addedAt: '2024-05-01T07:00:01.000Z',
        addedBy: 'U012AB3CD',
        owners: [GLOBAL_OWNER],
      });
      expect(await store.addFeed(FEED, { owner: GLOBAL_OWNER })).toEqual({
        feed: first.feed,
        created: false,
      });
    });

    it('GIVEN failed fetches THEN failures count up, and a success resets them and keeps the validators', async () => {
      await store.addFeed(FEED, { owner: GLOBAL_OWNER });
      await store.recordFetchFailure(FEED, 'HTTP 503');
      const failed = await store.recordFetchFailure(FEED, 'HTTP 503');
      expect(failed).toMatchObject({ failures: 2, lastError: 'HTTP 503', lastSuccessAt: null });
      const fetched = await store.recordFetchSuccess(FEED, {
        etag: 'W/"5f2b"',
        lastModified: 'Thu, 09 Sep 2021 22:15:00 GMT',
        title: 'World News',
      });
      expect(fetched).toMatchObject({
        failures: 0,
        lastError: null,
        etag: 'W/"5f2b"',
        lastModified: 'Thu, 09 Sep 2021 22:15:00 GMT',
        title: 'World News',
      });
      expect(fetched?.lastSuccessAt).toBe(fetched?.lastFetchedAt);
      expect(await store.recordFetchFailure('https://example.org/unknown.xml', 'HTTP 404')).toBeUndefined();
    });

    it('GIVEN a disabled feed THEN it is left out of the enabled list until enabled again', async () => {
      await store.addFeed(FEED, { owner: GLOBAL_OWNER });
      await store.addFeed('https://www.theguardian.com/world/china/rss', { owner: GLOBAL_OWNER });
      await store.recordFetchFailure(FEED, 'HTTP 410');
      expect(await store.disableFeed(FEED, 'HTTP 410 Gone')).toBe(true);
      expect((await store.listFeeds({ enabledOnly: true })).map((f) => f.url)).toEqual([
        'https://www.theguardian.com/world/china/rss',
      ]);
      expect((await store.getFeed(FEED))?.disabledReason).toBe('HTTP 410 Gone');
      expect(await store.enableFeed(FEED)).toBe(true);
      expect(await store.getFeed(FEED)).toMatchObject({ disabledReason: null, failures: 0 });
      expect(await store.listFeeds()).toHaveLength(2);
      expect(await store.removeFeed(FEED)).toBe(true);
      expect(await store.removeFeed(FEED)).toBe(false);
    });
  });

  describe('analysis failures', () => {
    const FAILURE = {
      key: 'example-com-3f9c2a1b7d4e',
      contentHash: 'a'.repeat(64),
      analysisVersion: 4,
      reason: 'analysis took over 3000 ms',
    };

    it('GIVEN a failure recorded THEN it is found under its rules version with its time, and not under others', async () => {
      await store.recordAnalysisFailure(FAILURE);
      expect(await store.findAnalysisFailure(FAILURE.key, 4)).toEqual({
        ...FAILURE,
        failedAt: '2024-05-01T07:00:01.000Z',
      });
      expect(await store.findAnalysisFailure(FAILURE.key, 5)).toBeUndefined();
      expect(await store.findAnalysisFailure('another-key', 4)).toBeUndefined();
    });

    it('GIVEN the same input failing again THEN one record holds the latest reason, hash and version', async () => {
      await store.recordAnalysisFailure(FAILURE);
      await store.recordAnalysisFailure({
        ...FAILURE,
        contentHash: 'b'.repeat(64),
        analysisVersion: 5,
        reason: 'analysis needed over 512 MB',
      });
      expect(await store.findAnalysisFailure(FAILURE.key, 4)).toBeUndefined();
      expect(await store.findAnalysisFailure(FAILURE.key, 5)).toMatchObject({
        contentHash: 'b'.repeat(64),
        reason: 'analysis needed over 512 MB',
      });
    });

    it('GIVEN a failure cleared THEN it is gone, and it survives closing and reopening until then', async () => {
      await store.recordAnalysisFailure(FAILURE);
      await store.close();
      store = unwrap(await openStore(url, { now: clock }));
      expect(await store.findAnalysisFailure(FAILURE.key, 4)).toMatchObject({ reason: FAILURE.reason });
      await store.clearAnalysisFailure(FAILURE.key);
      expect(await store.findAnalysisFailure(FAILURE.key, 4)).toBeUndefined();
    });
  });

  it('GIVEN a store closed and opened again THEN everything is still there and the schema is not rebuilt', async () => {
    await store.saveArticle(bidenXiArticle, bidenXiAnalysis, VERSION, [GLOBAL_OWNER]);
    const { subscription } = await store.addSubscription(WEEKDAYS_AT_NINE);
    await store.claimSlot(subscription.id, '2024-05-01T07:00:00Z', 'bot-a');
    await store.close();
    store = unwrap(await openStore(url, { now: clock }));
    expect((await store.getArticle(bidenXiArticle.id))?.analysis).toEqual(bidenXiAnalysis);
    expect(await store.findActorCoverage('Xi')).toHaveLength(1);
    expect(await store.listSubscriptions(CHANNEL)).toEqual([subscription]);
    expect(await store.claimSlot(subscription.id, '2024-05-01T07:00:00Z', 'bot-b')).toBe('taken');
    expect(
      (await store.saveArticle(bidenXiExcerpt, bidenXiExcerptAnalysis, VERSION, [GLOBAL_OWNER])).seq,
    ).toBe(2);
  });
});

describe('actor keys', () => {
  it.each([
    ['Xi Jinping', 'xi jinping'],
    ['  XI   Jinping ', 'xi jinping'],
    ['Zhào Lìjiān', 'zhao lijian'],
    ['China’s', 'chinas'],
    ['U.S. Chamber of Commerce', 'u s chamber of commerce'],
    ['John F. Kerry', 'john f kerry'],
  ])('GIVEN the name "%s" THEN its key is "%s"', (name, key) => {
    expect(actorKey(name)).toBe(key);
  });
});

describe('opening a store', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-open-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('GIVEN no DATABASE_URL THEN the default SQLite file and its folder are created', async () => {
    expect(DEFAULT_SQLITE_PATH).toBe('data/newsdesk.db');
    const path = join(scratch, 'fresh-clone', 'data', 'newsdesk.db');
    const store = unwrap(await openStore(undefined, { defaultSqlitePath: path }));
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path);
    expect(await store.latestSeq()).toBe(0);
    await store.close();
  });

  it.each([
    [undefined, { kind: 'sqlite', path: 'data/newsdesk.db' }],
    ['', { kind: 'sqlite', path: 'data/newsdesk.db' }],
    ['sqlite:data/other.db', { kind: 'sqlite', path: 'data/other.db' }],
    ['sqlite:///var/lib/newsdesk/newsdesk.db', { kind: 'sqlite', path: '/var/lib/newsdesk/newsdesk.db' }],
    ['file:/tmp/newsdesk.db', { kind: 'sqlite', path: '/tmp/newsdesk.db' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    [
      'postgresql://bot:secret@db.internal:5432/newsdesk',
      { kind: 'postgres', url: 'postgresql://bot:secret@db.internal:5432/newsdesk' },
    ],
  ])('GIVEN DATABASE_URL %s THEN the target is %o', (url, target) => {
    expect(parseStoreUrl(url)).toEqual({ ok: true, value: target });
  });

  async function unusedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  it('GIVEN a connection the pool lost while the schema was checked THEN the open failure may pass and is retried; a refused password is not', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(isTransient(new StoreUnavailableError(terminated))).toBe(true);
    const refused = Object.assign(new Error('password authentication failed'), { code: '28P01' });
    expect(isTransient(refused)).toBe(false);
  });

  it('GIVEN a bad DATABASE_URL THEN opening fails with one line naming the cause, password hidden', async () => {
    const notADatabase = join(scratch, 'notes.db');
    writeFileSync(
      notADatabase,
      'President Biden spoke with Chinese President Xi Jinping for the second time.\n'.repeat(50),
    );
    const port = await unusedPort();
    const cases: [string, RegExp][] = [
      [
        'mysql://bot:hunter2@127.0.0.1/newsdesk',
        /^DATABASE_URL mysql:\/\/bot:\*\*\*@127\.0\.0\.1\/newsdesk is not supported/,
      ],
      [
        `postgres://bot:hunter2@127.0.0.1:${port}/newsdesk`,
        /^Cannot connect to PostgreSQL at .*bot:\*\*\*@.*connection refused/,
      ],
      [
        'postgres://bot@no-such-host.invalid:5432/newsdesk',
        /^Cannot connect to PostgreSQL at .*: unknown host/,
      ],
      [
        `sqlite:${notADatabase}`,
        /^Cannot open the SQLite database at .*notes\.db: the file is not a SQLite database/,
      ],
    ];
    for (const [url, expected] of cases) {
      const result = await openStore(url, { connectTimeoutMs: 3000 });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error).toMatch(expected);
      expect(result.error).not.toContain('\n');
      expect(result.error).not.toContain('hunter2');
    }
  });

  it.runIf(postgresDown === undefined)(
    'GIVEN PostgreSQL credentials it refuses THEN opening fails with one line, not a stack trace',
    async () => {
      const url = new URL(postgresUrl);
      url.username = 'newsdesk_no_such_role';
      url.password = 'hunter2';
      const result = await openStore(url.toString());
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatch(
        /^Cannot connect to PostgreSQL at .*newsdesk_no_such_role:\*\*\*@.*newsdesk_no_such_role/,
      );
      expect(result.error).not.toContain('\n');
      expect(result.error).not.toContain('hunter2');
    },
  );
});

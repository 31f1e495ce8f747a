/**
 * The read model on the real engines (SQLite file and PostgreSQL): cached answers are per reader,
 * a write (in this process or through another store on the same database) is seen by the next
 * read, the byte budget holds, and an actor's coverage is read a page at a time, newest first.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { analysisOf, articleCopy, bidenXiAnalysis, bidenXiArticle } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const engines = await storeEngines('read model suite');

const GUILD_A = 'discord:111';
const GUILD_B = 'discord:222';

/** Copy `n` of the default article, published on day `n` of May 2021 (later copies are newer). */
function copy(n: number, name: string) {
  const { article } = articleCopy(n, name);
  const dated = { ...article, publishedAt: `2021-05-${String(n).padStart(2, '0')}` };
  return { article: dated, analysis: analysisOf(dated) };
}

describe.each(engines)('$name: the read model', ({ databases }) => {
  let url: string;
  const opened: Store[] = [];

  async function open(readCacheBytes?: number): Promise<Store> {
    const store = await openStore(url, readCacheBytes === undefined ? {} : { readCacheBytes });
    if (!store.ok) throw new Error(store.error);
    opened.push(store.value);
    return store.value;
  }

  afterAll(() => databases.dropAll());
  beforeEach(async () => {
    url = await databases.fresh();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('GIVEN one workspace read its list THEN another workspace is never served that answer', async () => {
    const store = await open();
    await store.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
    const own = copy(1, 'guild-a');
    await store.saveArticle(own.article, own.analysis, 1, [GUILD_A]);
    const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
    // Read twice each, so the second read of each is served from memory.
    for (let i = 0; i < 2; i++) {
      expect(ids(await store.visibleTo(GUILD_A).listArticles())).toEqual([bidenXiArticle.id, own.article.id]);
      expect(ids(await store.visibleTo(GUILD_B).listArticles())).toEqual([bidenXiArticle.id]);
      expect(await store.visibleTo(GUILD_B).getArticle(own.article.id)).toBeUndefined();
      expect(await store.visibleTo(GUILD_B).countActorArticles('Xi Jinping')).toBe(1);
      expect(await store.visibleTo(GUILD_A).countActorArticles('Xi Jinping')).toBe(2);
    }
  });

  it('GIVEN an article that becomes global and is analysed again THEN each workspace counts every actor once per article it sees', async () => {
    const store = await open(0);
    const xiCount = async (workspace: string) =>
      (await store.visibleTo(workspace).listActorNames('', 50)).find((name) => name.key === 'xi jinping')
        ?.articles ?? 0;
    await store.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
    const own = copy(1, 'owned');
    await store.saveArticle(own.article, own.analysis, 1, [GUILD_A]);
    expect([await xiCount(GUILD_A), await xiCount(GUILD_B)]).toEqual([2, 1]);
    // Held by both workspaces, then by everyone: never counted twice.
    await store.shareArticle(own.article.id, [GUILD_B]);
    expect([await xiCount(GUILD_A), await xiCount(GUILD_B)]).toEqual([2, 2]);
    await store.shareArticle(own.article.id, [GLOBAL_OWNER]);
    expect([await xiCount(GUILD_A), await xiCount(GUILD_B), await xiCount('slack:T1')]).toEqual([2, 2, 2]);
    expect(await store.visibleTo('slack:T1').countActorArticles('Xi Jinping')).toBe(2);
    // A new analysis without Xi takes the article out of his count.
    const withoutXi = {
      ...own.analysis,
      actors: own.analysis.actors.filter((actor) => !actor.name.startsWith('Xi')),
    };
    await store.saveAnalysis(own.article.id, withoutXi, 2);
    expect([await xiCount(GUILD_A), await xiCount('slack:T1')]).toEqual([1, 1]);
    expect(await store.countActorArticles('Xi Jinping')).toBe(1);
  });

  it('GIVEN an answer in memory THEN a write through this store, or through another store on the same database, is seen by the next read', async () => {
    const reader = await open();
    const writer = await open();
    await reader.saveArticle(bidenXiArticle, bidenXiAnalysis, 1, [GLOBAL_OWNER]);
    expect((await reader.findActorCoverage('Xi')).length).toBe(1);
    expect((await reader.findActorCoverage('Xi')).length).toBe(1);

    const second = copy(2, 'elsewhere');
    await writer.saveArticle(second.article, second.analysis, 1, [GLOBAL_OWNER]);
    // The default article (September 2021) is newer than the copy (May 2021).
    expect((await reader.findActorCoverage('Xi')).map((row) => row.articleId)).toEqual([
      bidenXiArticle.id,
      second.article.id,
    ]);

    // A change that adds no article (an owner, a link) is a write too.
    const own = copy(3, 'shared-later');
    await reader.saveArticle(own.article, own.analysis, 1, [GUILD_A]);
    expect(await reader.visibleTo(GUILD_B).getArticle(own.article.id)).toBeUndefined();
    await writer.shareArticle(own.article.id, [GUILD_B]);
    expect((await reader.visibleTo(GUILD_B).getArticle(own.article.id))?.id).toBe(own.article.id);
    await writer.addArticleLink(own.article.id, 'https://example.org/shared-later');
    expect(await reader.articleLinks(own.article.id)).toContain('https://example.org/shared-later');
  });

  it('GIVEN a small budget THEN the answers kept stay within it, and every read still answers', async () => {
    const budget = 64 * 1024;
    const store = await open(budget);
    for (let n = 1; n <= 6; n++) {
      const { article, analysis } = copy(n, 'budget');
      await store.saveArticle(article, analysis, 1, [GLOBAL_OWNER]);
    }
    for (let n = 1; n <= 6; n++) expect((await store.getArticle(`budget-${n}`))?.id).toBe(`budget-${n}`);
    expect(store.readCacheBytes).toBeGreaterThan(0);
    expect(store.readCacheBytes).toBeLessThanOrEqual(budget);

    const uncached = await open(0);
    expect((await uncached.getArticle('budget-6'))?.id).toBe('budget-6');
    expect(uncached.readCacheBytes).toBe(0);
  });

  it('GIVEN an actor in twelve articles THEN pages of coverage come newest first, without overlap, and the count is all twelve', async () => {
    const store = await open();
    for (let n = 1; n <= 12; n++) {
      const { article, analysis } = copy(n, 'timeline');
      await store.saveArticle(article, analysis, 1, [GLOBAL_OWNER]);
    }
    const pages = [
      await store.findActorCoverage('Xi Jinping', 5, 0),
      await store.findActorCoverage('Xi Jinping', 5, 5),
      await store.findActorCoverage('Xi', 5, 10),
    ];
    const ids = pages.flat().map((row) => row.articleId);
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `timeline-${12 - i}`));
    expect(await store.countActorArticles('Xi Jinping')).toBe(12);

    // A re-analysis keeps the article's place in the timeline.
    await store.saveAnalysis('timeline-12', analysisOf(copy(12, 'timeline').article), 2);
    expect((await store.findActorCoverage('Xi Jinping', 1))[0]?.articleId).toBe('timeline-12');
  });
});

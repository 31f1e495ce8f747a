import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyze } from '../../src/core/analysis/analyze.ts';
import type { Article } from '../../src/core/article/article.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';
import { parseArticleText } from '../../src/ingest/load-file.ts';
import { reanalyzeStale } from '../../src/ingest/reanalyze.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

const OLDER_RULES = ANALYSIS_VERSION - 1;

/** The default article as stored by an older newsdesk: its analysis lacks every actor. */
function defaultArticle(): Article {
  const text = readFileSync('digests/2021-09-09-biden-xi-call.txt', 'utf8');
  const scraped = parseArticleText('2021-09-09-biden-xi-call', text, 'text');
  if (!scraped.ok) throw new Error(scraped.error);
  return cleanArticle(scraped.value);
}

/** About 4.5 MB of one story's paragraphs: seconds of analysis, far over a 1 s budget. */
const HUGE: Article = {
  id: 'wall-of-text',
  title: 'Budget talks',
  source: null,
  url: null,
  publishedAt: null,
  byline: [],
  paragraphs: Array.from(
    { length: 30_000 },
    (_, i) => `“The committee will meet again on Thursday to discuss the budget, the chair said (${i}).`,
  ),
};

let dir: string;
let store: Store;
let pool: AnalysisPool;
beforeAll(() => {
  pool = createAnalysisPool({ threads: 1, timeoutMs: 1000 });
});
afterAll(async () => {
  await pool.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-reanalyze-'));
  const opened = await openStore(`sqlite:${join(dir, 'test.db')}`);
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reanalyzeStale', () => {
  it('GIVEN a workspace’s article analysed under older rules THEN it is analysed again in the pool, is no longer stale and stays that workspace’s', async () => {
    const article = defaultArticle();
    await store.saveArticle(article, { ...analyze(article), actors: [] }, OLDER_RULES, ['slack:T1']);
    expect(await reanalyzeStale({ articles: store, pool, failures: store })).toEqual({
      updated: 1,
      unanalysable: 0,
    });
    expect(await store.staleAnalyses(ANALYSIS_VERSION)).toEqual([]);
    const stored = await store.getArticle(article.id);
    expect(stored?.analysis.actors.map((actor) => actor.name)).toContain('Xi Jinping');
    expect(await store.findActorCoverage('Qin Gang')).toHaveLength(1);
    expect(await store.articleOwners(article.id)).toEqual(['slack:T1']);
    expect(await store.visibleTo('slack:T2').getArticle(article.id)).toBeUndefined();
  });

  it('GIVEN a stale article over its budget THEN it keeps its old analysis, is recorded once, and is not tried at the next run', async () => {
    const article = defaultArticle();
    await store.saveArticle(HUGE, { ...analyze(article), actors: [] }, OLDER_RULES, [GLOBAL_OWNER]);
    await store.saveArticle(article, { ...analyze(article), actors: [] }, OLDER_RULES, [GLOBAL_OWNER]);
    expect(await reanalyzeStale({ articles: store, pool, failures: store })).toEqual({
      updated: 1,
      unanalysable: 1,
    });
    const recorded = await store.findAnalysisFailure(HUGE.id, ANALYSIS_VERSION);
    expect(recorded?.reason).toBe('analysis took over 1000 ms');
    expect((await store.staleAnalyses(ANALYSIS_VERSION)).map((stale) => stale.id)).toEqual([HUGE.id]);
    // The second run finds the record and does not send the article to the pool again.
    expect(await reanalyzeStale({ articles: store, pool, failures: store })).toEqual({
      updated: 0,
      unanalysable: 1,
    });
    expect(await store.findAnalysisFailure(HUGE.id, ANALYSIS_VERSION)).toEqual(recorded);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnalysisPool, createAnalysisPool } from '../../src/ingest/analysis-pool.ts';

const DEFAULT_ARTICLE = readFileSync('digests/2021-09-09-biden-xi-call.txt', 'utf8');
const defaultArticle = {
  id: 'biden-xi',
  text: DEFAULT_ARTICLE,
  format: 'text' as const,
  origin: 'biden-xi.txt',
};
/** A 5 MB article (the file and page cap): over 850,000 words, seconds of work even in linear time. */
const FIVE_MEGABYTES = Array.from(
  { length: 40_000 },
  (_, i) =>
    `“The council will vote on plan ${i} next week, the mayor said, and the budget stays balanced. Officials agreed.`,
).join('\n\n');
const hugeArticle = { id: 'huge', text: FIVE_MEGABYTES, format: 'text' as const, origin: 'huge.txt' };
/** The same 5 MB as one paragraph: a page without paragraph breaks. */
const ONE_PARAGRAPH = FIVE_MEGABYTES.replaceAll('\n\n', ' ');

const pools: AnalysisPool[] = [];
function pool(options: Parameters<typeof createAnalysisPool>[0]): AnalysisPool {
  const created = createAnalysisPool(options);
  pools.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(pools.map((each) => each.close()));
});

describe('the analysis pool', () => {
  it('GIVEN an article THEN it is parsed, cleaned and analysed in a worker thread', async () => {
    const read = await pool({ threads: 1 }).read(defaultArticle);
    expect(read.ok && read.value.article.title).toBe(
      'Biden and China’s Xi speak for a second time amid rising tensions',
    );
    expect(read.ok && read.value.analysis.actors.map((actor) => actor.name)).toContain('Xi Jinping');
  });

  it('GIVEN an article over its time budget THEN it ends unanalysable, and the next article is analysed by a fresh worker', async () => {
    const budgeted = pool({ threads: 1, timeoutMs: 1000 });
    const huge = await budgeted.read(hugeArticle);
    expect(huge).toEqual({
      ok: false,
      error: { kind: 'unanalysable', reason: 'analysis took over 1000 ms' },
    });
    const next = await budgeted.read(defaultArticle);
    expect(next.ok).toBe(true);
  });

  it('GIVEN an article that needs more memory than the heap cap THEN it ends unanalysable with the cap named', async () => {
    const capped = pool({ threads: 1, timeoutMs: 120_000, heapMb: 32 });
    const huge = await capped.read(hugeArticle);
    expect(huge).toEqual({
      ok: false,
      error: { kind: 'unanalysable', reason: 'analysis needed over 32 MB' },
    });
    expect((await capped.read(defaultArticle)).ok).toBe(true);
  });

  it('GIVEN an article whose one paragraph is 5 MB THEN it ends unanalysable with the paragraph and the limit named', async () => {
    const read = await pool({ threads: 1 }).read({
      id: 'wall',
      text: `Council vote\n\n${ONE_PARAGRAPH}`,
      format: 'text',
      origin: 'wall.txt',
    });
    expect(read).toEqual({
      ok: false,
      error: {
        kind: 'unanalysable',
        reason: `paragraph 1 has ${ONE_PARAGRAPH.length.toLocaleString('en-US')} characters, over the 500,000 a paragraph may have`,
      },
    });
  });

  it('GIVEN a page without an article THEN the analysis’s own answer comes back as refused', async () => {
    const page =
      '<html><head><title>Log in</title></head><body><form><input name="user"></form></body></html>';
    const read = await pool({ threads: 1 }).read({
      id: 'login',
      text: page,
      format: 'html',
      origin: 'login.html',
    });
    expect(read).toEqual({ ok: false, error: { kind: 'refused', reason: 'no article found in login.html' } });
  });

  it('GIVEN the pool closed THEN a task ends as stopped, not as unanalysable', async () => {
    const closing = pool({ threads: 1 });
    await closing.close();
    expect(await closing.read(defaultArticle)).toEqual({
      ok: false,
      error: { kind: 'stopped', reason: 'the analysis pool is closed' },
    });
  });
});

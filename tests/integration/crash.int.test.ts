import { afterAll, describe, expect, it } from 'vitest';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { openStore } from '../../src/store/open.ts';
import { BIDEN_XI_ACTORS, BIDEN_XI_QUOTES } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';
import { checkIntegrity, spawnWriter } from './crash-writer-process.ts';

const engines = await storeEngines('crash test');

describe.each(engines)('$name after a SIGKILL mid-batch', ({ databases }) => {
  afterAll(() => databases.dropAll());

  it('GIVEN a writer killed while ingesting THEN the database opens with every committed article whole', async () => {
    const url = await databases.fresh();
    const writer = spawnWriter(['--url', url, '--prefix', 'batch', '--own', '2000']);
    // Let it commit a good part of the batch, then kill it without warning, wherever it is.
    await writer.waitFor((lines) => lines.filter((line) => line.startsWith('saved ')).length >= 40);
    writer.child.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal).toBe('SIGKILL');
    const committed = writer.lines
      .filter((line) => line.startsWith('saved '))
      .map((line) => line.split(' ')[1]);
    expect(committed.length).toBeLessThan(2000);

    const report = await checkIntegrity(url, BIDEN_XI_ACTORS.length);
    expect(report).toMatchObject({ articlesMissingActors: 0, orphanRows: 0, integrity: 'ok' });
    // The article in flight may have committed just before its "saved" line was written.
    expect(report.articles - committed.length).toBeGreaterThanOrEqual(0);
    expect(report.articles - committed.length).toBeLessThanOrEqual(1);

    const reopened = await openStore(url);
    if (!reopened.ok) throw new Error(reopened.error);
    const store = reopened.value;
    try {
      for (const id of committed)
        expect((await store.getArticle(id ?? ''))?.analysis.quotes).toEqual(BIDEN_XI_QUOTES);
      expect(await store.latestSeq()).toBe(report.articles);
      expect(await store.findActorCoverage('Xi', 10_000)).toHaveLength(report.articles);
      // The store keeps working: the next article follows on.
      const first = await store.getArticle(committed[0] ?? '');
      if (!first) throw new Error('the first committed article is missing');
      const next = await store.saveArticle(
        { ...first.article, id: 'after-crash', title: 'After the crash' },
        first.analysis,
        1,
        [GLOBAL_OWNER],
      );
      expect(next).toMatchObject({ created: true, seq: report.articles + 1 });
    } finally {
      await store.close();
    }
  });
});

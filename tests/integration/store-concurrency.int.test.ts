import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { BIDEN_XI_ACTORS } from '../fixtures/store-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';
import { checkIntegrity, spawnWriter } from './crash-writer-process.ts';

const engines = await storeEngines('two-writer test');

const OWN = 60;
const SHARED = 30;
const SLOTS = 30;

describe.each(engines)('$name with two writer processes', ({ databases }) => {
  afterAll(() => databases.dropAll());

  it('GIVEN two processes writing at once THEN nothing is lost, nothing doubled, and a cursor reader misses nothing', async () => {
    const url = await databases.fresh();
    const opened = await openStore(url);
    if (!opened.ok) throw new Error(opened.error);
    const store = opened.value;
    try {
      const args = [
        '--url',
        url,
        '--own',
        String(OWN),
        '--shared',
        String(SHARED),
        '--slots',
        String(SLOTS),
        '--wait-for-go',
      ];
      const writers = [spawnWriter([...args, '--prefix', 'a']), spawnWriter([...args, '--prefix', 'b'])];
      await Promise.all(writers.map((w) => w.waitFor((lines) => lines.includes('ready'))));
      for (const writer of writers) writer.child.stdin.write('go\n');

      // A digest reader following "new since cursor" while both write: it must see every article.
      const seen: string[] = [];
      let cursor = 0;
      let running = true;
      const finished = Promise.all(writers.map((w) => w.exited)).finally(() => {
        running = false;
      });
      while (running) {
        for (const article of await store.articlesSince(cursor, 500)) {
          seen.push(article.id);
          cursor = article.seq;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const exits = await finished;
      expect(exits.map((e) => [e.code, e.stderr])).toEqual([
        [0, ''],
        [0, ''],
      ]);
      for (const article of await store.articlesSince(cursor, 500)) seen.push(article.id);

      const expected = [
        ...Array.from({ length: OWN }, (_, i) => `a-${i + 1}`),
        ...Array.from({ length: OWN }, (_, i) => `b-${i + 1}`),
        ...Array.from({ length: SHARED }, (_, i) => `shared-${i + 1}`),
      ];
      expect([...seen].sort()).toEqual([...expected].sort());
      const listed = await store.listArticles({ limit: 1000 });
      expect(listed.map((a) => a.seq).sort((x, y) => x - y)).toEqual(expected.map((_, i) => i + 1));

      // Each shared article was created by exactly one writer; the other saw a duplicate.
      const outcomes = writers.flatMap((w) => w.lines.filter((line) => line.startsWith('saved shared-')));
      expect(outcomes.filter((line) => line.endsWith(' created'))).toHaveLength(SHARED);
      expect(outcomes.filter((line) => line.endsWith(' duplicate'))).toHaveLength(SHARED);

      // No slot went to both writers. A slot is 'taken' only when the other writer claimed it; one
      // that neither claimed was 'busy' for both (the other held an earlier slot unfinished, and
      // the scheduler leaves such a slot's articles to the next).
      const claimOutcomes = writers.flatMap((w) =>
        w.lines
          .filter((line) => /^(claimed|taken|busy) /.test(line))
          .map((line) => {
            const [outcome = '', slot = ''] = line.split(' ');
            return [outcome, slot] as const;
          }),
      );
      expect(claimOutcomes).toHaveLength(2 * SLOTS);
      const slotOutcomes = new Map<string, string[]>();
      for (const [outcome, slot] of claimOutcomes) {
        slotOutcomes.set(slot, [...(slotOutcomes.get(slot) ?? []), outcome].sort());
      }
      expect(slotOutcomes.size).toBe(SLOTS);
      // Each claim is finished at once, so a slot both find busy is rare.
      expect(claimOutcomes.filter(([outcome]) => outcome === 'claimed').length).toBeGreaterThan(SLOTS / 2);
      for (const outcomes of slotOutcomes.values()) {
        expect([
          ['claimed', 'taken'],
          ['busy', 'claimed'],
          ['busy', 'busy'],
        ]).toContainEqual(outcomes);
      }

      expect(await checkIntegrity(url, BIDEN_XI_ACTORS.length)).toMatchObject({
        articles: expected.length,
        articlesMissingActors: 0,
        orphanRows: 0,
        integrity: 'ok',
      });
      expect(await store.findActorCoverage('Xi Jinping', 1000)).toHaveLength(expected.length);
    } finally {
      await store.close();
    }
  });
});

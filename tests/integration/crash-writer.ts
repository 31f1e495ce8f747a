/**
 * A writer process for the crash and two-writer tests: opens the store at `--url`, saves copies of
 * the default article one transaction each, claims delivery slots, and reports every commit on
 * stdout (`saved <id> <outcome>`, `<claimed|taken|busy> <slot>`), so the parent knows what was committed.
 *
 *   node --import tsx tests/integration/crash-writer.ts --url URL --prefix a --own 50
 *     [--shared 20] [--slots 10] [--wait-for-go]
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { openStore } from '../../src/store/open.ts';
import { articleCopy } from '../fixtures/store-articles.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    prefix: { type: 'string', default: 'copy' },
    own: { type: 'string', default: '0' },
    shared: { type: 'string', default: '0' },
    slots: { type: 'string', default: '0' },
    'wait-for-go': { type: 'boolean', default: false },
  },
});

const say = (line: string) => process.stdout.write(`${line}\n`);
const prefix = values.prefix;
const own = Number(values.own);
const shared = Number(values.shared);
const slots = Number(values.slots);

const opened = await openStore(values.url);
if (!opened.ok) {
  process.stderr.write(`${opened.error}\n`);
  process.exit(2);
}
const store = opened.value;
say('ready');
if (values['wait-for-go']) {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  lines.close();
}

// Interleave own copies, shared copies (the other writer saves the same content) and slot claims,
// so the two writers contend on every kind of write.
const steps = Math.max(own, shared, slots);
for (let i = 1; i <= steps; i++) {
  if (i <= own) {
    const { article, analysis } = articleCopy(i, prefix);
    const saved = await store.saveArticle(article, analysis, 1, [GLOBAL_OWNER]);
    say(`saved ${saved.id} ${saved.outcome}`);
  }
  if (i <= shared) {
    const { article, analysis } = articleCopy(i, 'shared');
    const saved = await store.saveArticle(article, analysis, 1, [GLOBAL_OWNER]);
    say(`saved ${saved.id} ${saved.outcome}`);
  }
  if (i <= slots) {
    const slot = new Date(Date.UTC(2024, 4, 1, 7) + i * 3_600_000).toISOString();
    // A slot is finished before the next is claimed: one slot at a time per subscription.
    const claim = await store.claimSlot('race', slot, prefix);
    say(`${claim} ${slot}`);
    if (claim === 'claimed') await store.completeSlot('race', slot, { cursor: 0, articleCount: 0 });
  }
}
await store.close();
say('done');

/**
 * Command benchmark: 10,000 copies of the default article in a SQLite file (every copy covers Xi
 * Jinping and Qin Gang, the worst case for "across all coverage"), then p50/p99 latency of the
 * command handlers in-core (exact names and the forgiving lookups), through the console workspace's
 * view. Bar: p99 <= 5 ms. Then the first command after a start (a store opened afresh
 * on the file: an empty read cache and actor directory), five starts. Bar: <= 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ANALYSIS_VERSION, analyze } from '../src/core/analysis/analyze.ts';
import { cleanArticle } from '../src/core/article/clean.ts';
import { ActorDirectory } from '../src/core/commands/actor-directory.ts';
import { handleCommand } from '../src/core/commands/handle-command.ts';
import type { CommandDeps, CommandRequest } from '../src/core/commands/types.ts';
import { GLOBAL_OWNER } from '../src/core/ports.ts';
import { loadArticleFile } from '../src/ingest/load-file.ts';
import { openStore } from '../src/store/open.ts';
import { BENCH_CONTEXT, benchDeps, timeCommand } from './command-timing.ts';

/** Stored copies; `NEWSDESK_BENCH_ARTICLES` sets another count (10,000 is the target's size). */
const ARTICLES = Number(process.env.NEWSDESK_BENCH_ARTICLES ?? 10_000);
const BAR_MS = 5;
const FIRST_BAR_MS = 50;
const STARTS = 5;

/** Label, request, and whether the actor directory is kept between commands (as main.ts does). */
const CASES: [label: string, request: CommandRequest, warmDirectory: boolean][] = [
  ['/quotes', { name: 'quotes', options: {} }, true],
  ['/quotes Xi', { name: 'quotes', options: { actor: 'Xi' } }, true],
  ['/quotes Qin Gnag', { name: 'quotes', options: { actor: 'Qin Gnag' } }, true],
  ['/background Qin Gang', { name: 'background', options: { actor: 'Qin Gang' } }, true],
  ['/background Qin Gnag', { name: 'background', options: { actor: 'Qin Gnag' } }, true],
  ['/background the spokesman', { name: 'background', options: { actor: 'the spokesman' } }, true],
  ['/background Xi (page 3)', { name: 'background', options: { actor: 'Xi', page: '3' } }, true],
  ['/quotes Xi (page 2)', { name: 'quotes', options: { actor: 'Xi', page: '2' } }, true],
  ['/digest', { name: 'digest', options: {} }, true],
  ['/actors', { name: 'actors', options: {} }, true],
  ['/articles', { name: 'articles', options: {} }, true],
  ['/articles (page 2)', { name: 'articles', options: { page: '2' } }, true],
  // Without a directory kept between commands, each forgiving lookup loads the names afresh.
  ['/background Qin Gnag (no dir.)', { name: 'background', options: { actor: 'Qin Gnag' } }, false],
];

/** The command the first-after-start rows time: a forgiving lookup, the slowest path. */
const FIRST: CommandRequest = { name: 'background', options: { actor: 'Qin Gnag' } };

/** Runs the benchmark and prints one row per command. */
export async function run(): Promise<void> {
  const loaded = await loadArticleFile('digests/2021-09-09-biden-xi-call.txt');
  if (!loaded.ok) throw new Error(loaded.error);
  const template = cleanArticle(loaded.value);
  const analysis = analyze(template);

  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-commands-'));
  const url = `sqlite:${join(dir, 'newsdesk.db')}`;
  const opened = await openStore(url);
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  try {
    const ingestStart = performance.now();
    for (let n = 1; n <= ARTICLES; n++) {
      const id = `bench-${n}`;
      const title = `${template.title} (copy ${n})`;
      const day = String(1 + (n % 28)).padStart(2, '0');
      const publishedAt = `2021-${String(1 + (n % 12)).padStart(2, '0')}-${day}`;
      // Each copy differs in title and date, so the store keeps all of them.
      const article = { ...template, id, title, publishedAt };
      await store.saveArticle(
        article,
        { ...analysis, article: { ...analysis.article, id, title, publishedAt } },
        ANALYSIS_VERSION,
        [GLOBAL_OWNER],
      );
    }
    const ingestMs = performance.now() - ingestStart;

    const base = benchDeps(store);
    process.stdout.write(`${ARTICLES} articles in SQLite (ingest ${(ingestMs / 1000).toFixed(1)} s)\n`);
    process.stdout.write(
      `${'command'.padEnd(28)} ${'reply'.padEnd(11)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  bar\n`,
    );
    const directory = new ActorDirectory();
    for (const [label, request, warmDirectory] of CASES) {
      const deps: CommandDeps = warmDirectory ? { ...base, actorDirectory: directory } : base;
      const { kind, p50, p99 } = await timeCommand(request, deps);
      const verdict = p99 <= BAR_MS ? 'ok' : `OVER ${BAR_MS} ms`;
      process.stdout.write(
        `${label.padEnd(28)} ${kind.padEnd(11)} ${p50.toFixed(2).padStart(7)} ${p99.toFixed(2).padStart(7)}  ${verdict}\n`,
      );
    }
    await timeFirstCommands(url, base);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The first command after a start, {@link STARTS} times: each time a store opened afresh on the
 * file (an empty read cache) and a new actor directory, as a process that just started has.
 */
async function timeFirstCommands(url: string, base: CommandDeps): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const reopened = await openStore(url);
    if (!reopened.ok) throw new Error(reopened.error);
    const deps: CommandDeps = { ...base, articles: reopened.value, actorDirectory: new ActorDirectory() };
    const start = performance.now();
    await handleCommand(FIRST, BENCH_CONTEXT, deps);
    times.push(performance.now() - start);
    await reopened.value.close();
  }
  const worst = Math.max(...times);
  const verdict = worst <= FIRST_BAR_MS ? 'ok' : `OVER ${FIRST_BAR_MS} ms`;
  process.stdout.write(
    `first /background Qin Gnag after a start (${STARTS} starts): ${times.map((t) => t.toFixed(1)).join(', ')} ms; worst ${worst.toFixed(1)}  ${verdict}\n`,
  );
}

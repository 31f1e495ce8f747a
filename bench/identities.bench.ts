/**
 * Identity benchmark: 10,000 articles in a SQLite file (copies of the default article and of four
 * short articles about two people who share a surname), one relink of the whole actor directory,
 * then p50/p99 latency of `/quotes` and `/background` of identities, including the busiest (each
 * person covered by thousands of articles) and a surname that asks which one. Bar: p99 < 20 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ANALYSIS_VERSION, analyze } from '../src/core/analysis/analyze.ts';
import type { Article } from '../src/core/article/article.ts';
import { cleanArticle } from '../src/core/article/clean.ts';
import { ActorDirectory } from '../src/core/commands/actor-directory.ts';
import type { CommandRequest } from '../src/core/commands/types.ts';
import { GLOBAL_OWNER } from '../src/core/ports.ts';
import { relinkIdentities } from '../src/ingest/identity-linker.ts';
import { loadArticleFile } from '../src/ingest/load-file.ts';
import { openStore } from '../src/store/open.ts';
import { NAMESAKE_ARTICLES } from '../tests/fixtures/namesake-articles.ts';
import { benchDeps, timeCommand } from './command-timing.ts';

const ARTICLES = 10_000;
const BAR_MS = 20;

const CASES: [label: string, request: CommandRequest][] = [
  ['/quotes Xi Jinping', { name: 'quotes', options: { actor: 'Xi Jinping' } }],
  ['/background Xi', { name: 'background', options: { actor: 'Xi' } }],
  ['/quotes Mr. Okonkwo', { name: 'quotes', options: { actor: 'Mr. Okonkwo' } }],
  ['/background Margaret Okonkwo', { name: 'background', options: { actor: 'Margaret Okonkwo' } }],
  ['/quotes Okonkwo (asks)', { name: 'quotes', options: { actor: 'Okonkwo' } }],
  ['/background Okonkwo (asks)', { name: 'background', options: { actor: 'Okonkwo' } }],
];

/** The n-th article: a copy of one of the templates under its own title and date. */
function copyOf(templates: readonly Article[], n: number): Article {
  const template = templates[n % templates.length] as Article;
  const day = String(1 + (n % 28)).padStart(2, '0');
  const publishedAt = `20${String(10 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${day}`;
  return { ...template, id: `bench-${n}`, title: `${template.title} (copy ${n})`, publishedAt };
}

/** Runs the benchmark and prints the relink time and one row per command. */
export async function run(): Promise<void> {
  const loaded = await loadArticleFile('digests/2021-09-09-biden-xi-call.txt');
  if (!loaded.ok) throw new Error(loaded.error);
  const templates = [cleanArticle(loaded.value), ...NAMESAKE_ARTICLES];
  const analyses = templates.map((template) => analyze(template));

  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-identities-'));
  const opened = await openStore(`sqlite:${join(dir, 'newsdesk.db')}`);
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  try {
    const ingestStart = performance.now();
    for (let n = 0; n < ARTICLES; n++) {
      const article = copyOf(templates, n);
      const analysis = analyses[n % analyses.length];
      if (!analysis) continue;
      const header = {
        ...analysis.article,
        id: article.id,
        title: article.title,
        publishedAt: article.publishedAt,
      };
      await store.saveArticle(article, { ...analysis, article: header }, ANALYSIS_VERSION, [GLOBAL_OWNER]);
    }
    const ingestMs = performance.now() - ingestStart;
    const relinkStart = performance.now();
    const report = await relinkIdentities(store);
    const relinkMs = performance.now() - relinkStart;
    process.stdout.write(
      `${ARTICLES} articles in SQLite (ingest ${(ingestMs / 1000).toFixed(1)} s); relink of ${report.sightings} actors into ${report.identities} identities: ${(relinkMs / 1000).toFixed(2)} s\n`,
    );
    const deps = { ...benchDeps(store), actorDirectory: new ActorDirectory() };
    process.stdout.write(
      `${'command'.padEnd(30)} ${'reply'.padEnd(11)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  bar\n`,
    );
    for (const [label, request] of CASES) {
      const { kind, p50, p99 } = await timeCommand(request, deps);
      const verdict = p99 < BAR_MS ? 'ok' : `OVER ${BAR_MS} ms`;
      process.stdout.write(
        `${label.padEnd(30)} ${kind.padEnd(11)} ${p50.toFixed(2).padStart(7)} ${p99.toFixed(2).padStart(7)}  ${verdict}\n`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Linear-time benchmark of the stages that read every word for actors: cleaning, sentence
 * splitting and actor finding (with the quote spans it needs), on 10k, 40k and 120k paragraphs of
 * the default article repeated, on one 4.9 MB paragraph, and on one 1 MB sentence with no end.
 * Time per paragraph (or per MB) must stay flat as the input grows; a quadratic stage would not.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scrapedFromText } from '../eval/summaries.ts';
import { findActors } from '../src/core/analysis/actors.ts';
import { findQuoteSpans } from '../src/core/analysis/quote-spans.ts';
import { splitSentences } from '../src/core/analysis/sentences.ts';
import type { ScrapedArticle } from '../src/core/article/article.ts';
import { cleanArticle } from '../src/core/article/clean.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_ARTICLE = resolve(repoRoot, 'digests/2021-09-09-biden-xi-call.txt');
const PARAGRAPH_COUNTS = [10_000, 40_000, 120_000];
/** The largest article file newsdesk reads is 5 MB: one paragraph of nearly that size. */
const BIG_PARAGRAPH_CHARS = 4_900_000;
/** One sentence with no full stop: every per-name look around it must stay bounded. */
const ENDLESS_SENTENCE_CHARS = 1_000_000;
/** Time per paragraph at the largest size may be at most this many times that at the smallest (load and GC vary). */
const MAX_GROWTH = 3;

interface Row {
  input: string;
  clean: number;
  sentences: number;
  actors: number;
  /** Milliseconds of the three stages per unit of input (per 1,000 paragraphs, or per MB). */
  perUnit: number;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

function measure(input: string, paragraphs: string[], units: number): Row {
  const scraped: ScrapedArticle = {
    id: 'bench',
    meta: { title: 'Bench', source: null, url: null, publishedAt: null },
    blocks: paragraphs,
  };
  const [, clean] = time(() => cleanArticle(scraped));
  const [sentences, split] = time(() => splitSentences(paragraphs));
  const spans = findQuoteSpans(paragraphs);
  const [, actors] = time(() => findActors(sentences, spans, { header: ['Bench'] }));
  return { input, clean, sentences: split, actors, perUnit: (clean + split + actors) / units };
}

/** Runs the benchmark and prints its table. */
export async function run(): Promise<void> {
  const story = cleanArticle(scrapedFromText('default', readFileSync(DEFAULT_ARTICLE, 'utf8'))).paragraphs;
  // Warm-up, so the JIT has seen every path before anything is timed.
  measure('warm-up', story, 1);
  const rows = PARAGRAPH_COUNTS.map((count) =>
    measure(
      `${count.toLocaleString('en')} paragraphs`,
      Array.from({ length: count }, (_, i) => story[i % story.length] ?? ''),
      count / 1000,
    ),
  );
  let big = '';
  while (big.length < BIG_PARAGRAPH_CHARS) big += `${story.join(' ')} `;
  rows.push(measure(`one ${(big.length / 1e6).toFixed(1)} MB paragraph`, [big], big.length / 1e6));
  const clause = 'officials met Anna Berg and the Northgate Council in Lisbon, said Tom Reilly, ';
  const endless = clause.repeat(Math.ceil(ENDLESS_SENTENCE_CHARS / clause.length));
  rows.push(measure('one 1 MB sentence, no full stop', [endless], endless.length / 1e6));

  const first = rows[0]?.perUnit ?? Number.NaN;
  const last = rows[PARAGRAPH_COUNTS.length - 1]?.perUnit ?? Number.NaN;
  const linear = last <= first * MAX_GROWTH;
  const cell = (ms: number) => ms.toFixed(0).padStart(10);
  process.stdout.write(
    `${'input'.padEnd(34)}${'clean ms'.padStart(10)}${'split ms'.padStart(10)}${'actors ms'.padStart(10)}${'per unit'.padStart(10)}\n`,
  );
  for (const row of rows)
    process.stdout.write(
      `${row.input.padEnd(34)}${cell(row.clean)}${cell(row.sentences)}${cell(row.actors)}${row.perUnit.toFixed(1).padStart(10)}\n`,
    );
  process.stdout.write(
    `per unit: ms per 1,000 paragraphs or per MB. 120k vs 10k paragraphs: ${(last / first).toFixed(2)}x per paragraph (bar <= ${MAX_GROWTH}x): ${linear ? 'linear' : 'NOT LINEAR'}\n`,
  );
}

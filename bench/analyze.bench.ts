/**
 * Analysis benchmark: articles/s and words/s of clean + analyze on one core over the CNN/DM dev
 * articles (the default article repeated when the data is missing), the warm median time of the
 * default article, the RSS high-water mark after analysing a batch of 1,000 articles, the time
 * of two single-paragraph articles that once took quadratic time (a 5,000-quote transcript and
 * 20,000 quote marks that never close), and the attribution stage over 10k, 40k and 120k
 * paragraphs, which must grow linearly; also the throughput through the analysis pool (worker
 * threads, as the bot ingests), against the in-process figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSummaryRows, scrapedFromText } from '../eval/summaries.ts';
import { type Cast, findActors, type Mention } from '../src/core/analysis/actors.ts';
import { analyze } from '../src/core/analysis/analyze.ts';
import { findQuoteSpans } from '../src/core/analysis/quote-spans.ts';
import { extractAttributions } from '../src/core/analysis/quotes.ts';
import { splitSentences } from '../src/core/analysis/sentences.ts';
import type { Analysis } from '../src/core/analysis/types.ts';
import type { ScrapedArticle } from '../src/core/article/article.ts';
import { cleanArticle } from '../src/core/article/clean.ts';
import { createAnalysisPool } from '../src/ingest/analysis-pool.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(repoRoot, '../shared/data/cnndm-dev.jsonl');
const DEFAULT_ARTICLE = resolve(repoRoot, 'digests/2021-09-09-biden-xi-call.txt');
/** Throughput runs whole passes over the articles until at least this long has gone by. */
const THROUGHPUT_MS = 2_000;
const DEFAULT_RUNS = 101;
const BATCH = 1_000;

const BARS = {
  articlesPerSecond: 100,
  defaultMs: 20,
  peakRssMb: 300,
  longParagraphMs: 2_000,
  openMarksMs: 1_000,
  /** Time per paragraph at 120k paragraphs may be at most this many times that at 10k: linear. */
  linearGrowth: 1.5,
};

/** A paragraph of news with quotes, cues, a name and a pronoun, repeated to make long articles. */
const NEWS_PARAGRAPH =
  '“We will build more homes,” Mayor Ann Hale said on Tuesday. She added that the council “must act” before the winter.';
/** Article lengths, in paragraphs, over which the attribution stage is timed. */
const PARAGRAPH_COUNTS = [10_000, 40_000, 120_000];

/** One paragraph-long transcript: 5,000 quotes, each with its cue, and no paragraph break. */
const LONG_PARAGRAPH = Array.from(
  { length: 2_500 },
  (_, i) => `“Question ${i}?” the host asked. “Answer ${i},” Senator Tom Hale said.`,
).join(' ');
/** Hostile text: 20,000 opening quote marks that never close, in one paragraph. */
const OPEN_MARKS = Array.from({ length: 20_000 }, (_, i) => `“word${i}`).join(' ');

/** Milliseconds to analyse one article made of a single paragraph. */
function timeParagraph(paragraph: string): number {
  const start = performance.now();
  analyze({
    id: 'long',
    title: 'Long',
    source: null,
    url: null,
    publishedAt: null,
    byline: [],
    paragraphs: [paragraph],
  });
  return performance.now() - start;
}

/**
 * The cast of one paragraph as findActors reads it, repeated for `count` copies of the paragraph
 * (findActors itself is timed by the rows above; here only attribution is).
 */
function repeatedCast(paragraph: string, count: number): Cast {
  const base = findActors(splitSentences([paragraph]), findQuoteSpans([paragraph]));
  const sentencesPerParagraph = splitSentences([paragraph]).length;
  const members = base.members.map((member) => ({ ...member, mentions: [] as Mention[] }));
  const byId = new Map(members.map((member) => [member.id, member]));
  const mentions: Mention[] = [];
  for (let p = 0; p < count; p++)
    for (const mention of base.mentions) {
      const copy = { ...mention, paragraph: p + 1, sentence: mention.sentence + p * sentencesPerParagraph };
      mentions.push(copy);
      byId.get(mention.actorId)?.mentions.push(copy);
    }
  return { members, mentions, byId };
}

/** Milliseconds of the attribution stage alone over `count` copies of a news paragraph. */
function timeAttribution(count: number): number {
  const paragraphs = Array.from({ length: count }, () => NEWS_PARAGRAPH);
  const sentences = splitSentences(paragraphs);
  const spans = findQuoteSpans(paragraphs);
  const cast = repeatedCast(NEWS_PARAGRAPH, count);
  const start = performance.now();
  extractAttributions(paragraphs, sentences, cast, spans);
  return performance.now() - start;
}

function loadArticles(defaultArticle: ScrapedArticle): { articles: ScrapedArticle[]; from: string } {
  if (existsSync(DATA)) {
    const rows = parseSummaryRows(readFileSync(DATA, 'utf8'));
    if (rows.ok && rows.value.length > 0)
      return {
        articles: rows.value.map((row) => scrapedFromText(row.id, row.article)),
        from: `${rows.value.length} CNN/DM dev articles`,
      };
  }
  return {
    articles: Array.from({ length: 50 }, () => defaultArticle),
    from: 'the default article x50 (no dev data)',
  };
}

function analyzeScraped(scraped: ScrapedArticle): Analysis {
  return analyze(cleanArticle(scraped));
}

/** Articles/s of clean + analyze through the worker pool, as the bot ingests: all submitted at once. */
async function poolThroughput(
  articles: readonly ScrapedArticle[],
): Promise<{ perSecond: number; threads: number }> {
  const pool = createAnalysisPool();
  try {
    // Warm-up: starts the workers and lets their JIT see every path.
    await Promise.all(articles.map((article) => pool.analyze(article)));
    let analysed = 0;
    const started = performance.now();
    while (performance.now() - started < THROUGHPUT_MS) {
      const results = await Promise.all(articles.map((article) => pool.analyze(article)));
      analysed += results.filter((result) => result.ok).length;
    }
    return { perSecond: (analysed / (performance.now() - started)) * 1000, threads: pool.threads };
  } finally {
    await pool.close();
  }
}

/** Runs the benchmark and prints its table. */
export async function run(): Promise<void> {
  const defaultArticle = scrapedFromText('2021-09-09-biden-xi-call', readFileSync(DEFAULT_ARTICLE, 'utf8'));
  const { articles, from } = loadArticles(defaultArticle);

  // Warm-up: one pass, so the JIT has seen every path before anything is timed.
  for (const article of articles) analyzeScraped(article);

  let analysed = 0;
  let words = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < THROUGHPUT_MS) {
    for (const article of articles) {
      words += analyzeScraped(article).article.wordCount;
      analysed++;
    }
    elapsed = performance.now() - started;
  }
  const articlesPerSecond = (analysed / elapsed) * 1000;
  const wordsPerSecond = (words / elapsed) * 1000;

  const times: number[] = [];
  for (let i = 0; i < DEFAULT_RUNS; i++) {
    const start = performance.now();
    analyzeScraped(defaultArticle);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const defaultMs = times[Math.floor(times.length / 2)] ?? Number.NaN;

  // A batch keeps every analysis alive, as a digest run holding its results would.
  const batch: Analysis[] = [];
  for (let i = 0; i < BATCH; i++) {
    const article = articles[i % articles.length];
    if (article !== undefined) batch.push(analyzeScraped(article));
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const longParagraphMs = timeParagraph(LONG_PARAGRAPH);
  const openMarksMs = timeParagraph(OPEN_MARKS);
  const pooled = await poolThroughput(articles);
  const attributionMs = PARAGRAPH_COUNTS.map((count) => [count, timeAttribution(count)] as const);
  const perParagraph = attributionMs.map(([count, ms]) => ms / count);
  const growth = (perParagraph[perParagraph.length - 1] ?? 0) / (perParagraph[0] ?? 1);

  const rows: [string, string, string, boolean][] = [
    [
      'articles/s (clean + analyze)',
      articlesPerSecond.toFixed(0),
      `>= ${BARS.articlesPerSecond}`,
      articlesPerSecond >= BARS.articlesPerSecond,
    ],
    ['words/s', wordsPerSecond.toFixed(0), '', true],
    [
      `articles/s through the pool (${pooled.threads} worker${pooled.threads === 1 ? '' : 's'})`,
      pooled.perSecond.toFixed(0),
      `>= ${BARS.articlesPerSecond}`,
      pooled.perSecond >= BARS.articlesPerSecond,
    ],
    [
      'default article, warm median (ms)',
      defaultMs.toFixed(2),
      `<= ${BARS.defaultMs}`,
      defaultMs <= BARS.defaultMs,
    ],
    [
      `peak RSS after ${batch.length} articles (MB)`,
      peakRssMb.toFixed(0),
      `<= ${BARS.peakRssMb}`,
      peakRssMb <= BARS.peakRssMb,
    ],
    [
      'one paragraph, 5,000 quotes (ms)',
      longParagraphMs.toFixed(0),
      `<= ${BARS.longParagraphMs}`,
      longParagraphMs <= BARS.longParagraphMs,
    ],
    [
      'one paragraph, 20,000 open marks (ms)',
      openMarksMs.toFixed(0),
      `<= ${BARS.openMarksMs}`,
      openMarksMs <= BARS.openMarksMs,
    ],
    ...attributionMs.map(([count, ms]): [string, string, string, boolean] => [
      `attribution, ${count / 1000}k paragraphs (ms)`,
      ms.toFixed(0),
      '',
      true,
    ]),
    [
      'attribution ms/paragraph, 120k vs 10k',
      growth.toFixed(2),
      `<= ${BARS.linearGrowth}`,
      growth <= BARS.linearGrowth,
    ],
  ];
  process.stdout.write(
    `analyze over ${from}, ${analysed} analyses in ${(elapsed / 1000).toFixed(1)} s, one core\n`,
  );
  process.stdout.write(`${'measure'.padEnd(40)}${'value'.padStart(12)}${'bar'.padStart(10)}  ok\n`);
  for (const [name, value, bar, pass] of rows)
    process.stdout.write(
      `${name.padEnd(40)}${value.padStart(12)}${bar.padStart(10)}  ${bar === '' ? '' : pass ? 'yes' : 'NO'}\n`,
    );
}

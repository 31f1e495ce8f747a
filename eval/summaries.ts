import { readFile } from 'node:fs/promises';
import { analyze } from '../src/core/analysis/analyze.ts';
import { splitSentences } from '../src/core/analysis/sentences.ts';
import type { ScrapedArticle } from '../src/core/article/article.ts';
import { cleanArticle } from '../src/core/article/clean.ts';
import { err, ok, type Result } from '../src/core/result.ts';
import { rouge } from './rouge.ts';

/** One line of a summary evaluation file: an article and its human reference summary. */
export interface SummaryEvalRow {
  id: string;
  article: string;
  reference: string;
}

/** Mean ROUGE F1 scores, each in [0, 1]. */
export interface MeanRouge {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Mean ROUGE of our summaries and of Lead-3 over the same articles. */
export interface SummaryEvalResult {
  articles: number;
  ours: MeanRouge;
  lead3: MeanRouge;
}

/** Turns plain article text into a scraped article: one block per non-empty line. */
export function scrapedFromText(id: string, text: string): ScrapedArticle {
  const blocks = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return { id, meta: { title: null, source: null, url: null, publishedAt: null }, blocks };
}

/** Parses a JSONL file of `{id, article, reference}` objects; names the first bad line. */
export function parseSummaryRows(text: string): Result<SummaryEvalRow[]> {
  const rows: SummaryEvalRow[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return err(`line ${i + 1} is not JSON`);
    }
    const row = value as Partial<Record<keyof SummaryEvalRow, unknown>>;
    if (typeof row.article !== 'string' || typeof row.reference !== 'string')
      return err(`line ${i + 1} lacks a string "article" or "reference"`);
    rows.push({
      id: typeof row.id === 'string' ? row.id : `line-${i + 1}`,
      article: row.article,
      reference: row.reference,
    });
  }
  return ok(rows);
}

/**
 * Scores our 3-sentence summary (clean -> analyze) and Lead-3 (the first three sentences of the
 * same splitter) against each reference; returns the means.
 */
export function scoreSummaries(rows: readonly SummaryEvalRow[]): SummaryEvalResult {
  const ours = { rouge1: 0, rouge2: 0, rougeL: 0 };
  const lead3 = { rouge1: 0, rouge2: 0, rougeL: 0 };
  const add = (sum: MeanRouge, candidate: string, reference: string) => {
    const scores = rouge(candidate, reference);
    sum.rouge1 += scores.rouge1.f1;
    sum.rouge2 += scores.rouge2.f1;
    sum.rougeL += scores.rougeL.f1;
  };
  for (const row of rows) {
    const article = cleanArticle(scrapedFromText(row.id, row.article));
    const summary = analyze(article, { summarySentences: 3 }).summary;
    add(ours, summary.map((line) => line.text).join(' '), row.reference);
    const lead = splitSentences(article.paragraphs).slice(0, 3);
    add(lead3, lead.map((sentence) => sentence.text).join(' '), row.reference);
  }
  const mean = (sum: MeanRouge): MeanRouge => {
    const n = Math.max(1, rows.length);
    return { rouge1: sum.rouge1 / n, rouge2: sum.rouge2 / n, rougeL: sum.rougeL / n };
  };
  return { articles: rows.length, ours: mean(ours), lead3: mean(lead3) };
}

/** Renders the result as a small fixed-width table, scores ×100. */
export function formatSummaryTable(result: SummaryEvalResult): string {
  const cell = (value: number) => (value * 100).toFixed(2).padStart(7);
  const line = (name: string, scores: MeanRouge) =>
    `${name.padEnd(10)}${cell(scores.rouge1)}${cell(scores.rouge2)}${cell(scores.rougeL)}`;
  return [
    `Summaries (ROUGE F1 x100, n = ${result.articles} articles)`,
    `${''.padEnd(10)}${'R-1'.padStart(7)}${'R-2'.padStart(7)}${'R-L'.padStart(7)}`,
    line('newsdesk', result.ours),
    line('Lead-3', result.lead3),
  ].join('\n');
}

/** Reads a summary evaluation file and returns the printed table, or why it could not. */
export async function runSummaryEval(path: string): Promise<Result<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return err(`cannot read summary data ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const rows = parseSummaryRows(text);
  if (!rows.ok) return err(`${path}: ${rows.error}`);
  if (rows.value.length === 0) return err(`${path}: no articles`);
  return ok(formatSummaryTable(scoreSummaries(rows.value)));
}

import { analyze } from '../core/analysis/analyze.ts';
import type { Analysis } from '../core/analysis/types.ts';
import type { Article, ScrapedArticle } from '../core/article/article.ts';
import { cleanArticle } from '../core/article/clean.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type ArticleFormat, parseArticleText } from './article-formats.ts';
import { htmlToBlocks, type ParsedFeed, parseFeed } from './feed-parse.ts';

/**
 * Longest paragraph the analysis takes (characters, after cleaning). Three times the longest
 * one-paragraph transcript the analysis bench times and 80 times the longest paragraph of the data
 * sets: a longer one is a page without paragraph breaks, whose analysis would hold a worker for
 * seconds (5 MB of prose as one paragraph: 3-6 s) only to end over its time budget.
 */
export const MAX_PARAGRAPH_CHARS = 500_000;

/**
 * Why a task has no answer for its input: `refused`, the analysis's own answer (no article in the
 * page); `unanalysable`, an article beyond what the analysis takes (a paragraph over
 * {@link MAX_PARAGRAPH_CHARS}), recorded like one over its time budget.
 */
export interface TaskFailure {
  kind: 'refused' | 'unanalysable';
  reason: string;
}

/** An article cleaned and analysed. */
export interface AnalysedArticle {
  article: Article;
  analysis: Analysis;
}

/** An article's text as read from a file or a page, not yet parsed. */
export interface ArticleText {
  id: string;
  text: string;
  format: ArticleFormat;
  /** Names the input in error messages (a path or a URL). */
  origin: string;
  /** The URL the text was fetched from; it wins over the one the page names. */
  url?: string;
}

/** The work a worker of the analysis pool does, one kind per step of ingest that can take long. */
export type AnalysisTask =
  | { kind: 'read'; input: ArticleText; summarySentences?: number }
  | { kind: 'parse'; input: ArticleText }
  | { kind: 'analyze'; scraped: ScrapedArticle; summarySentences?: number }
  | { kind: 'reanalyze'; article: Article; summarySentences?: number }
  | { kind: 'feed'; xml: string; url: string }
  | { kind: 'blocks'; html: string };

/** What each kind of task answers. */
export interface AnalysisTaskResults {
  read: Result<AnalysedArticle, TaskFailure>;
  parse: Result<ScrapedArticle, TaskFailure>;
  analyze: Result<AnalysedArticle, TaskFailure>;
  reanalyze: Analysis;
  feed: Result<ParsedFeed, TaskFailure>;
  blocks: string[];
}

/** The analysis's own "no" (a string) as a task failure. */
function refused<T>(result: Result<T, string>): Result<T, TaskFailure> {
  return result.ok ? result : err({ kind: 'refused', reason: result.error });
}

function parse(input: ArticleText): Result<ScrapedArticle, TaskFailure> {
  const parsed = refused(parseArticleText(input.id, input.text, input.format, input.origin));
  if (!parsed.ok || input.url === undefined) return parsed;
  return ok({ ...parsed.value, meta: { ...parsed.value.meta, url: input.url } });
}

/** Why the article is more than the analysis takes (its first paragraph over the limit), if it is. */
function overLimit(article: Article): string | undefined {
  const index = article.paragraphs.findIndex((paragraph) => paragraph.length > MAX_PARAGRAPH_CHARS);
  if (index < 0) return undefined;
  const chars = article.paragraphs[index]?.length ?? 0;
  return `paragraph ${index + 1} has ${chars.toLocaleString('en-US')} characters, over the ${MAX_PARAGRAPH_CHARS.toLocaleString('en-US')} a paragraph may have`;
}

function cleanAndAnalyze(
  scraped: ScrapedArticle,
  summarySentences?: number,
): Result<AnalysedArticle, TaskFailure> {
  const article = cleanArticle(scraped);
  if (article.paragraphs.length === 0)
    return err({ kind: 'refused', reason: `no article text in ${scraped.meta.url ?? scraped.id}` });
  const tooLong = overLimit(article);
  if (tooLong !== undefined) return err({ kind: 'unanalysable', reason: tooLong });
  const options = summarySentences === undefined ? {} : { summarySentences };
  return ok({ article, analysis: analyze(article, options) });
}

/** Runs one task (in a worker thread of the analysis pool); pure, synchronous, and as slow as its input. */
export function runAnalysisTask(task: AnalysisTask): AnalysisTaskResults[AnalysisTask['kind']] {
  switch (task.kind) {
    case 'read': {
      const scraped = parse(task.input);
      return scraped.ok ? cleanAndAnalyze(scraped.value, task.summarySentences) : scraped;
    }
    case 'parse':
      return parse(task.input);
    case 'analyze':
      return cleanAndAnalyze(task.scraped, task.summarySentences);
    case 'reanalyze':
      return analyze(
        task.article,
        task.summarySentences === undefined ? {} : { summarySentences: task.summarySentences },
      );
    case 'feed':
      return refused(parseFeed(task.xml, task.url));
    case 'blocks':
      return htmlToBlocks(task.html);
  }
}

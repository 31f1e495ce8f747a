import { analyze } from '../core/analysis/analyze.ts';
import type { Analysis } from '../core/analysis/types.ts';
import type { Article, ScrapedArticle } from '../core/article/article.ts';
import { cleanArticle } from '../core/article/clean.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type ArticleFormat, parseArticleText } from './article-formats.ts';
import { htmlToBlocks, type ParsedFeed, parseFeed } from './feed-parse.ts';

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
  read: Result<AnalysedArticle, string>;
  parse: Result<ScrapedArticle, string>;
  analyze: Result<AnalysedArticle, string>;
  reanalyze: Analysis;
  feed: Result<ParsedFeed, string>;
  blocks: string[];
}

function parse(input: ArticleText): Result<ScrapedArticle, string> {
  const parsed = parseArticleText(input.id, input.text, input.format, input.origin);
  if (!parsed.ok || input.url === undefined) return parsed;
  return ok({ ...parsed.value, meta: { ...parsed.value.meta, url: input.url } });
}

function cleanAndAnalyze(
  scraped: ScrapedArticle,
  summarySentences?: number,
): Result<AnalysedArticle, string> {
  const article = cleanArticle(scraped);
  if (article.paragraphs.length === 0) return err(`no article text in ${scraped.meta.url ?? scraped.id}`);
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
      return parseFeed(task.xml, task.url);
    case 'blocks':
      return htmlToBlocks(task.html);
  }
}

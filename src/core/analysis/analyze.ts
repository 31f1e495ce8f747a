import type { Article } from '../article/article.ts';
import { findActors } from './actors.ts';
import type { SpeakerModel } from './attribution/model.ts';
import { describeActors } from './background.ts';
import { detectLanguage } from './language.ts';
import { findQuoteSpans } from './quote-spans.ts';
import { extractAttributions } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { summarize } from './summary.ts';
import type { Analysis } from './types.ts';

/**
 * Version of the analysis rules. Bump it whenever a stage changes its output, so stored
 * analyses are recomputed.
 */
export const ANALYSIS_VERSION = 21;

/** Options of one analysis run. */
export interface AnalyzeOptions {
  /** How many sentences the summary holds (default 3). */
  summarySentences?: number;
  /** The model that picks each quote's speaker (default: the committed one); training passes its own. */
  speakerModel?: SpeakerModel;
}

/** Default length of a summary, in sentences. */
export const DEFAULT_SUMMARY_SENTENCES = 3;

/** Counts the words of an article body (runs of letters or digits). */
export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs)
    count += paragraph.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  return count;
}

/**
 * Analyses a cleaned article: sentences, actors, quotes, summary, background, as one pipeline of
 * named stages, each a pure function of the stages before it.
 */
export function analyze(article: Article, options: AnalyzeOptions = {}): Analysis {
  const language = detectLanguage(article.title, article.paragraphs);
  const sentences = splitSentences(article.paragraphs);
  const spans = findQuoteSpans(article.paragraphs);
  const header = [article.title, ...(article.dateline ? [article.dateline] : [])];
  const cast = findActors(sentences, spans, { language, header });
  const { quotes, descriptions } = extractAttributions(
    article.paragraphs,
    sentences,
    cast,
    spans,
    options.speakerModel ? { model: options.speakerModel } : {},
  );
  const actors = describeActors(cast, quotes, sentences, descriptions);
  const summary = summarize(sentences, {
    count: options.summarySentences ?? DEFAULT_SUMMARY_SENTENCES,
    salientTerms: actors
      .filter((actor) => actor.kind !== 'place')
      .slice(0, 5)
      .map((actor) => actor.name),
  });
  return {
    article: {
      id: article.id,
      title: article.title,
      source: article.source,
      url: article.url,
      publishedAt: article.publishedAt,
      byline: article.byline,
      wordCount: countWords(article.paragraphs),
      language,
    },
    summary,
    quotes,
    actors,
  };
}

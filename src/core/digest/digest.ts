import type { Analysis, GroundedLine, Quote } from '../analysis/types.ts';

/** One article as it appears in a digest. */
export interface DigestItem {
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  summary: GroundedLine[];
  /** The article's key quotes, with speakers, at most `quotesPerArticle`. */
  quotes: Quote[];
  /** Names of the story's most central actors. */
  actors: string[];
}

/** A platform-free model of one digest post; renderers turn it into embeds, blocks or text. */
export interface Digest {
  heading: string;
  items: DigestItem[];
}

/** How much of each article a digest shows. */
export interface DigestOptions {
  heading?: string;
  quotesPerArticle?: number;
  actorsPerArticle?: number;
}

/**
 * Picks an article's key quotes: attributed, direct quotes first, then the longer ones, kept in
 * article order so they read as the story does.
 */
export function selectKeyQuotes(quotes: readonly Quote[], limit: number): Quote[] {
  const ranked = quotes
    .map((quote, order) => ({ quote, order, score: keyQuoteScore(quote) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit);
  return ranked.sort((a, b) => a.order - b.order).map((entry) => entry.quote);
}

function keyQuoteScore(quote: Quote): number {
  const words = quote.text.split(/\s+/).length;
  return (quote.speaker ? 100 : 0) + (quote.kind === 'direct' ? 50 : 0) + Math.min(words, 40);
}

/** The story's most central people and organisations; places only fill what is left. */
function storyActors(analysis: Analysis, limit: number): string[] {
  const players = analysis.actors.filter((actor) => actor.kind !== 'place');
  const places = analysis.actors.filter((actor) => actor.kind === 'place');
  return [...players, ...places].slice(0, limit).map((actor) => actor.name);
}

/** Builds the digest of some analysed articles, in the order given. */
export function buildDigest(analyses: readonly Analysis[], options: DigestOptions = {}): Digest {
  const quotesPerArticle = options.quotesPerArticle ?? 2;
  const actorsPerArticle = options.actorsPerArticle ?? 5;
  const count = analyses.length;
  return {
    heading: options.heading ?? `newsdesk digest: ${count} ${count === 1 ? 'article' : 'articles'}`,
    items: analyses.map((analysis) => ({
      articleId: analysis.article.id,
      title: analysis.article.title,
      source: analysis.article.source,
      url: analysis.article.url,
      publishedAt: analysis.article.publishedAt,
      summary: analysis.summary,
      quotes: selectKeyQuotes(analysis.quotes, quotesPerArticle),
      actors: storyActors(analysis, actorsPerArticle),
    })),
  };
}

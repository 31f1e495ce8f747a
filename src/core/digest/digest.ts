import type { Analysis, GroundedLine, Quote } from '../analysis/types.ts';

/** Another outlet's article on the same story, linked from the story. */
export interface ArticleLink {
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
}

/** A key quote of a story, with the article it is from (a story's quotes come from all its articles). */
export interface DigestQuote extends Quote {
  articleId: string;
  /** The quote's article's outlet; renderers name it when it is not the story's own article. */
  source: string | null;
}

/** One story as it appears in a digest: its most central article, and the others that report it. */
export interface DigestItem {
  articleId: string;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  summary: GroundedLine[];
  /** The story's key quotes, with speakers, at most `quotesPerArticle`. */
  quotes: DigestQuote[];
  /** Names of the story's most central actors. */
  actors: string[];
  /** The other articles of the story ("also reported by"), most central first. */
  alsoReportedBy: ArticleLink[];
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
export function selectKeyQuotes<T extends Quote>(quotes: readonly T[], limit: number): T[] {
  // All of them fit: the best `limit` in article order are all of them, in article order.
  if (quotes.length <= limit) return [...quotes];
  const scores = quotes.map(keyQuoteScore);
  const chosen: number[] = [];
  // `limit` is a handful: picking the best one left each time (the earlier on a tie) is the
  // ranking a sort gives, without sorting every quote of every article a reply reads.
  for (let pick = 0; pick < limit; pick++) {
    let best = -1;
    for (let index = 0; index < quotes.length; index++) {
      if (chosen.includes(index)) continue;
      if (best === -1 || (scores[index] ?? 0) > (scores[best] ?? 0)) best = index;
    }
    chosen.push(best);
  }
  return chosen.sort((a, b) => a - b).flatMap((index) => quotes[index] ?? []);
}

/** Whitespace as `\s` matches it, for the characters past ASCII. */
const WIDE_SPACE = /\s/u;
/** Words past which a quote scores no higher. */
const LONG_QUOTE_WORDS = 40;

function keyQuoteScore(quote: Quote): number {
  return (
    (quote.speaker ? 100 : 0) + (quote.kind === 'direct' ? 50 : 0) + wordCount(quote.text, LONG_QUOTE_WORDS)
  );
}

/** `text.split(/\s+/).length`, at most `cap`, counted without building the words. */
function wordCount(text: string, cap: number): number {
  let count = 1;
  let inSpace = false;
  for (let index = 0; index < text.length && count < cap; index++) {
    const code = text.charCodeAt(index);
    const space =
      code === 32 || (code >= 9 && code <= 13) || (code > 127 && WIDE_SPACE.test(text.charAt(index)));
    if (space && !inSpace) count++;
    inSpace = space;
  }
  return Math.min(count, cap);
}

/** The story's most central people and organisations; places only fill what is left. */
function storyActors(analysis: Analysis, limit: number): string[] {
  const players = analysis.actors.filter((actor) => actor.kind !== 'place');
  const places = analysis.actors.filter((actor) => actor.kind === 'place');
  return [...players, ...places].slice(0, limit).map((actor) => actor.name);
}

/** The quotes of an analysis, each marked with its article. */
function quotesOf(analysis: Analysis): DigestQuote[] {
  const { id, source } = analysis.article;
  return analysis.quotes.map((quote) => ({ ...quote, articleId: id, source }));
}

/**
 * One story's digest item: the first analysis's summary and actors, the others as "also reported
 * by", and the best quotes across all of them (a quote two outlets carry is shown once).
 */
export function storyItem(members: readonly Analysis[], options: DigestOptions = {}): DigestItem | undefined {
  const [lead, ...others] = members;
  if (!lead) return undefined;
  const seen = new Set<string>();
  const quotes = members.flatMap(quotesOf).filter((quote) => {
    const key = quote.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    articleId: lead.article.id,
    title: lead.article.title,
    source: lead.article.source,
    url: lead.article.url,
    publishedAt: lead.article.publishedAt,
    summary: lead.summary,
    quotes: selectKeyQuotes(quotes, options.quotesPerArticle ?? 2),
    actors: storyActors(lead, options.actorsPerArticle ?? 5),
    alsoReportedBy: others.map(({ article }) => ({
      articleId: article.id,
      title: article.title,
      source: article.source,
      url: article.url,
    })),
  };
}

/** Builds the digest of some analysed articles, each its own story, in the order given. */
export function buildDigest(analyses: readonly Analysis[], options: DigestOptions = {}): Digest {
  const count = analyses.length;
  return {
    heading: options.heading ?? `newsdesk digest: ${count} ${count === 1 ? 'article' : 'articles'}`,
    items: analyses
      .map((analysis) => storyItem([analysis], options))
      .filter((item): item is DigestItem => item !== undefined),
  };
}

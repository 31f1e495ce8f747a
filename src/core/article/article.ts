/** Where an article came from and what its page said about itself, before cleaning. */
export interface ArticleMeta {
  title: string | null;
  source: string | null;
  url: string | null;
  /** ISO-8601 date or date-time, as the source gave it. */
  publishedAt: string | null;
}

/**
 * An article as scraped: its text split into raw blocks (one per paragraph or line of the page),
 * chrome and all. Loading produces it; cleaning turns it into an {@link Article}.
 */
export interface ScrapedArticle {
  /** Stable id, usually the file name without extension. */
  id: string;
  meta: ArticleMeta;
  /** The body as paragraphs of plain text, in page order, page chrome still in. */
  blocks: string[];
}

/** A cleaned article: the story's own paragraphs and nothing else. */
export interface Article {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  /** Writers and contributors ("David J. Lynch in Washington contributed to this report"). */
  byline: string[];
  /** The body, one string per paragraph; `paragraph` numbers elsewhere are 1-based into this. */
  paragraphs: string[];
  /** The dateline printed on a line of its own before the story ("LONDON 1996-08-30"), if any. */
  dateline?: string;
}

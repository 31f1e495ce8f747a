import { createHash } from 'node:crypto';
import { ANALYSIS_VERSION, analyze } from '../core/analysis/analyze.ts';
import type { ScrapedArticle } from '../core/article/article.ts';
import { cleanArticle } from '../core/article/clean.ts';
import {
  type ArticleStore,
  type Fetcher,
  GLOBAL_OWNER,
  type SaveOutcome,
  type SourceOwner,
} from '../core/ports.ts';
import { err, ok, type Result } from '../core/result.ts';
import { parseFetchableUrl } from './address-policy.ts';
import { parseArticleText } from './load-file.ts';
import type { NearDuplicateIndex } from './near-duplicates.ts';

/** What the ingest pipeline needs: the store, who the articles belong to, and optionally the near-duplicate index. */
export interface IngestDeps {
  articles: ArticleStore;
  /** Who may see what is ingested: `[GLOBAL_OWNER]` for the operator's sources, else the adding workspaces. */
  owners: readonly SourceOwner[];
  summarySentences?: number;
  /** When given, a story near-identical to a recent article is not stored a second time. */
  nearDuplicates?: NearDuplicateIndex;
}

/**
 * What ingesting one article did: stored it (`created`), replaced an edited one (`updated`), found
 * the same content stored (`duplicate`) or the same story with small differences (`near-duplicate`).
 */
export type IngestResult =
  | { outcome: SaveOutcome; id: string; title: string }
  | { outcome: 'near-duplicate'; id: string; title: string; similarity: number };

/**
 * The ingest pipeline: scraped -> cleaned -> analysed -> stored. An article with no story text left
 * after cleaning is an error value; the store keeps the same content once, with every link it came from.
 */
export async function ingestArticle(
  scraped: ScrapedArticle,
  deps: IngestDeps,
): Promise<Result<IngestResult, string>> {
  const origin = scraped.meta.url ?? scraped.id;
  const article = cleanArticle(scraped);
  if (article.paragraphs.length === 0) return err(`no article text in ${origin}`);
  const match = deps.nearDuplicates?.findMatch(article.paragraphs, article.id);
  if (match) {
    const stored = await deps.articles.getArticle(match.id);
    // Another workspace's copy of the story is not handed out: this one is stored for its owners.
    if (stored && (await seenByAll(deps, match.id))) {
      if (article.url !== null) await deps.articles.addArticleLink(match.id, article.url);
      return ok({
        outcome: 'near-duplicate',
        id: match.id,
        title: stored.article.title,
        similarity: match.similarity,
      });
    }
    // The index outlived the article (removed from the store): forget it and store this one.
    deps.nearDuplicates?.remove(match.id);
  }
  const analysis = analyze(
    article,
    deps.summarySentences === undefined ? {} : { summarySentences: deps.summarySentences },
  );
  const saved = await deps.articles.saveArticle(article, analysis, ANALYSIS_VERSION, deps.owners);
  // The same content under another link: remember the link, so its page is not fetched again.
  if (saved.outcome === 'duplicate' && article.url !== null)
    await deps.articles.addArticleLink(saved.id, article.url);
  deps.nearDuplicates?.add(saved.id, article.paragraphs);
  return ok({ outcome: saved.outcome, id: saved.id, title: article.title });
}

/** Whether every owner of what is being ingested can already see the stored article `id`. */
async function seenByAll(deps: IngestDeps, id: string): Promise<boolean> {
  const owners = await deps.articles.articleOwners(id);
  return owners.includes(GLOBAL_OWNER) || deps.owners.every((owner) => owners.includes(owner));
}

const TRACKING_PARAMETER = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid)$/i;

/** A link without its fragment and tracking parameters (utm_*, fbclid, gclid…): one story, one URL. */
export function canonicalLink(link: string): string {
  try {
    const url = new URL(link);
    url.hash = '';
    for (const name of [...url.searchParams.keys()])
      if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
    return url.href;
  } catch {
    return link;
  }
}

/** A stable article id for a URL or feed item key: the host as a slug and a hash ("apnews-com-3f9c…"). */
export function articleIdFor(key: string): string {
  let host = 'item';
  try {
    host = new URL(key).hostname.replace(/^www\./, '');
  } catch {
    // Not a URL (a feed guid): the hash alone identifies it.
  }
  const slug =
    host
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'item';
  return `${slug}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** What fetching and ingesting a web page needs. */
export interface IngestUrlDeps extends IngestDeps {
  fetcher: Fetcher;
}

/**
 * Fetches a web page, extracts its article (Readability) and ingests it. A page already stored
 * under the URL is not fetched again; a page without an article is an error value saying so.
 */
export async function ingestUrl(rawUrl: string, deps: IngestUrlDeps): Promise<Result<IngestResult, string>> {
  const parsedUrl = parseFetchableUrl(rawUrl);
  if (!parsedUrl.ok) return parsedUrl;
  const url = canonicalLink(parsedUrl.value.href);
  const known = await deps.articles.getArticleByUrl(url);
  if (known) {
    // A URL two workspaces add is fetched and stored once, and seen by both.
    await deps.articles.shareArticle(known.id, deps.owners);
    return ok({ outcome: 'duplicate', id: known.id, title: known.article.title });
  }
  const fetched = await deps.fetcher.fetch({ url, purpose: 'page' });
  if (fetched.status === 'failed') return err(`cannot fetch ${url}: ${fetched.reason}`);
  if (fetched.status === 'not-modified')
    return err(`cannot fetch ${url}: the server answered 304 Not Modified`);
  const parsed = parseArticleText(articleIdFor(url), fetched.body, 'html', url);
  if (!parsed.ok) return parsed;
  const scraped: ScrapedArticle = { ...parsed.value, meta: { ...parsed.value.meta, url } };
  return ingestArticle(scraped, deps);
}

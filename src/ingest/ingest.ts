import { createHash } from 'node:crypto';
import { ANALYSIS_VERSION } from '../core/analysis/analyze.ts';
import type { ScrapedArticle } from '../core/article/article.ts';
import type { Metrics } from '../core/metrics.ts';
import {
  type AnalysisFailure,
  type AnalysisFailureLog,
  type ArticleStore,
  type Fetcher,
  GLOBAL_OWNER,
  type SaveOutcome,
  type SourceOwner,
} from '../core/ports.ts';
import { err, ok, type Result } from '../core/result.ts';
import { parseFetchableUrl } from './address-policy.ts';
import type { AnalysisPool, PoolResult } from './analysis-pool.ts';
import type { AnalysedArticle, ArticleText } from './analysis-tasks.ts';
import type { NearDuplicateIndex } from './near-duplicates.ts';

/**
 * What the ingest pipeline needs: the store, who the articles belong to, the analysis pool, and
 * optionally the near-duplicate index.
 */
export interface IngestDeps {
  articles: ArticleStore;
  /** Who may see what is ingested: `[GLOBAL_OWNER]` for the operator's sources, else the adding workspaces. */
  owners: readonly SourceOwner[];
  /** Where parsing, cleaning and analysis run, each article within its time and memory budget. */
  pool: AnalysisPool;
  /** Where inputs over their budget are recorded, so they are not tried again at every start. */
  failures: AnalysisFailureLog;
  summarySentences?: number;
  /** When given, a story near-identical to a recent article is not stored a second time. */
  nearDuplicates?: NearDuplicateIndex;
  /** Times each analysis in the pool, queueing included (default: nowhere). */
  metrics?: Pick<Metrics, 'articleAnalysed'>;
}

/**
 * What ingesting one article did: stored it (`created`), replaced an edited one (`updated`), found
 * the same content stored (`duplicate`) or the same story with small differences (`near-duplicate`).
 */
export type IngestResult =
  | { outcome: SaveOutcome; id: string; title: string }
  | { outcome: 'near-duplicate'; id: string; title: string; similarity: number };

/** SHA-256 of an input as the pool receives it: an edited file or page is another input. */
function inputHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The one line an input gets when it has just failed its budget (and is recorded). */
function unanalysableLine(origin: string, reason: string): string {
  return `${origin} could not be analysed (${reason}); it is not tried again until the analysis rules change`;
}

/** The one line an input recorded as unanalysable gets, instead of being analysed again. */
function skippedLine(origin: string, failure: AnalysisFailure): string {
  return `${origin} is skipped: it could not be analysed on ${failure.failedAt.slice(0, 10)} (${failure.reason})`;
}

/**
 * Analyses an input in the pool unless it is recorded as unanalysable (same key and content, same
 * rules); records it when it runs over its budget, and forgets an old record when it succeeds.
 */
async function analyseOnce(
  key: string,
  hash: string,
  origin: string,
  deps: IngestDeps,
  analyse: () => Promise<PoolResult<AnalysedArticle>>,
): Promise<Result<AnalysedArticle, string>> {
  const recorded = await deps.failures.findAnalysisFailure(key, ANALYSIS_VERSION);
  if (recorded && recorded.contentHash === hash) return err(skippedLine(origin, recorded));
  const started = performance.now();
  const analysed = await analyse();
  if (analysed.ok) {
    deps.metrics?.articleAnalysed((performance.now() - started) / 1000);
    if (recorded) await deps.failures.clearAnalysisFailure(key);
    return analysed;
  }
  const failure = analysed.error;
  if (failure.kind === 'unanalysable') {
    await deps.failures.recordAnalysisFailure({
      key,
      contentHash: hash,
      analysisVersion: ANALYSIS_VERSION,
      reason: failure.reason,
    });
    return err(unanalysableLine(origin, failure.reason));
  }
  return err(failure.kind === 'stopped' ? `${origin}: not analysed (${failure.reason})` : failure.reason);
}

/** Stores an analysed article, unless a near-identical story is stored already (then links it). */
async function storeAnalysed(
  { article, analysis }: AnalysedArticle,
  deps: IngestDeps,
): Promise<Result<IngestResult, string>> {
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

/**
 * The ingest pipeline: scraped -> cleaned -> analysed (in the pool) -> stored. An article with no
 * story text left after cleaning, or over its budget, is an error value; the store keeps the same
 * content once, with every link it came from.
 */
export async function ingestArticle(
  scraped: ScrapedArticle,
  deps: IngestDeps,
): Promise<Result<IngestResult, string>> {
  const origin = scraped.meta.url ?? scraped.id;
  const hash = inputHash(JSON.stringify([scraped.meta, scraped.blocks]));
  const analysed = await analyseOnce(scraped.id, hash, origin, deps, () =>
    deps.pool.analyze(scraped, deps.summarySentences),
  );
  return analysed.ok ? storeAnalysed(analysed.value, deps) : analysed;
}

/** The ingest pipeline from an article's text (a file, a page): parsed, cleaned and analysed in the pool, stored. */
export async function ingestText(
  input: ArticleText,
  deps: IngestDeps,
): Promise<Result<IngestResult, string>> {
  const analysed = await analyseOnce(input.id, inputHash(input.text), input.origin, deps, () =>
    deps.pool.read(input, deps.summarySentences),
  );
  return analysed.ok ? storeAnalysed(analysed.value, deps) : analysed;
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
 * Fetches a web page, extracts its article (Readability, in the pool) and ingests it. A page
 * already stored under the URL, or recorded as unanalysable, is not fetched again.
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
  const id = articleIdFor(url);
  const recorded = await deps.failures.findAnalysisFailure(id, ANALYSIS_VERSION);
  if (recorded) return err(skippedLine(url, recorded));
  const fetched = await deps.fetcher.fetch({ url, purpose: 'page' });
  if (fetched.status === 'failed') return err(`cannot fetch ${url}: ${fetched.reason}`);
  if (fetched.status === 'not-modified')
    return err(`cannot fetch ${url}: the server answered 304 Not Modified`);
  return ingestText({ id, text: fetched.body, format: 'html', origin: url, url }, deps);
}

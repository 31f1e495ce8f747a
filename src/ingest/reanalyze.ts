import { ANALYSIS_VERSION } from '../core/analysis/analyze.ts';
import type { AnalysisFailureLog, ArticleStore, StoredArticle } from '../core/ports.ts';
import type { AnalysisPool } from './analysis-pool.ts';

/** Stored articles asked for at a time: a page of work, not the whole store in memory. */
const BATCH = 100;

/** What re-analysing stored articles needs. */
export interface ReanalyzeDeps {
  articles: ArticleStore;
  pool: AnalysisPool;
  failures: AnalysisFailureLog;
  summarySentences?: number;
  /** Ends the run between two articles (the bot stopping). */
  signal?: AbortSignal;
}

/** What a re-analysis run did. */
export interface ReanalyzeTally {
  updated: number;
  /** Articles that ran over their budget now (recorded) or before (skipped). */
  unanalysable: number;
}

/** Re-analyses one stored article, unless recorded as unanalysable. */
async function reanalyzeOne(
  stored: StoredArticle,
  deps: ReanalyzeDeps,
): Promise<'updated' | 'unanalysable' | 'stopped'> {
  const { id } = stored;
  const recorded = await deps.failures.findAnalysisFailure(id, ANALYSIS_VERSION);
  if (recorded?.contentHash === stored.contentHash) return 'unanalysable';
  const analysed = await deps.pool.reanalyze(stored.article, deps.summarySentences);
  if (analysed.ok) {
    // False only when the article was removed meanwhile: nothing is left to analyse.
    await deps.articles.saveAnalysis(id, analysed.value, ANALYSIS_VERSION);
    return 'updated';
  }
  if (analysed.error.kind !== 'unanalysable') return 'stopped';
  await deps.failures.recordAnalysisFailure({
    key: id,
    contentHash: stored.contentHash,
    analysisVersion: ANALYSIS_VERSION,
    reason: analysed.error.reason,
  });
  return 'unanalysable';
}

/**
 * Re-analyses, in the analysis pool and oldest first, every stored article whose analysis an
 * older rules version made (ANALYSIS_VERSION changed), so quotes and actors follow the new rules.
 * An article over its budget keeps its old analysis and is recorded, so it is not tried again.
 */
export async function reanalyzeStale(deps: ReanalyzeDeps): Promise<ReanalyzeTally> {
  const tally: ReanalyzeTally = { updated: 0, unanalysable: 0 };
  // Articles left stale on purpose come back first in every batch; they are asked past, not again.
  const leftStale = new Set<string>();
  for (;;) {
    const batch = (await deps.articles.staleAnalyses(ANALYSIS_VERSION, leftStale.size + BATCH)).filter(
      (stored) => !leftStale.has(stored.id),
    );
    if (batch.length === 0) return tally;
    for (const stored of batch) {
      if (deps.signal?.aborted) return tally;
      const outcome = await reanalyzeOne(stored, deps);
      if (outcome === 'stopped') return tally;
      if (outcome === 'updated') tally.updated++;
      else {
        leftStale.add(stored.id);
        tally.unanalysable++;
      }
    }
  }
}

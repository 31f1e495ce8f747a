/**
 * What one delivery slot posts: the subscription's options applied to the articles new since its
 * last delivery. Pure; the scheduler fetches the articles and posts the result.
 */
import type { Analysis } from '../analysis/types.ts';
import { buildDigest } from '../digest/digest.ts';
import type { OutgoingMessage, StoredArticle, SubscriptionOptions } from '../ports.ts';

/** Articles per digest when a subscription does not say (also the size of a first delivery). */
export const DEFAULT_DIGEST_ARTICLES = 5;

/** The "nothing new" notice of subscriptions with `postWhenEmpty`. */
export const NOTHING_NEW_TEXT = 'newsdesk: nothing new since the last digest.';

/** What a slot delivers: the message to post (none when there is nothing to say) and the cursor to record. */
export interface SlotDelivery {
  message: OutgoingMessage | undefined;
  /** The highest article `seq` the slot has seen; the next slot starts after it. */
  cursor: number;
  /** Articles in the posted digest. */
  articleCount: number;
}

/** Whether a stored article passes a subscription's source and keyword filters. */
export function articleMatches(stored: StoredArticle, options: SubscriptionOptions): boolean {
  const { article } = stored;
  if (options.sources && options.sources.length > 0) {
    const source = fold(article.source ?? '');
    if (!options.sources.some((wanted) => fold(wanted) === source)) return false;
  }
  if (options.keywords && options.keywords.length > 0) {
    const text = fold([article.title, ...article.paragraphs].join('\n'));
    if (!options.keywords.some((word) => containsWord(text, fold(word)))) return false;
  }
  return true;
}

/**
 * The digest of one slot. `scanned` are the articles new since the last delivery, oldest first
 * (after a first delivery: the newest ones stored); the digest keeps the newest `options.articles`
 * that match the filters, and the cursor moves past every scanned article, matching or not.
 */
export function composeSlotDelivery(
  scanned: readonly StoredArticle[],
  previousCursor: number,
  options: SubscriptionOptions,
): SlotDelivery {
  const cursor = scanned.reduce((highest, stored) => Math.max(highest, stored.seq), previousCursor);
  const limit = Math.max(1, options.articles ?? DEFAULT_DIGEST_ARTICLES);
  const matching = scanned.filter((stored) => articleMatches(stored, options));
  const shown = matching.slice(-limit);
  if (shown.length === 0) {
    const message: OutgoingMessage | undefined = options.postWhenEmpty
      ? { kind: 'text', text: NOTHING_NEW_TEXT }
      : undefined;
    return { message, cursor, articleCount: 0 };
  }
  const analyses = shown.map((stored) => trimSummary(stored.analysis, options.summarySentences));
  const more = matching.length - shown.length;
  const noun = shown.length === 1 ? 'article' : 'articles';
  const heading =
    more > 0
      ? `newsdesk digest: the ${shown.length} newest of ${matching.length} new articles`
      : `newsdesk digest: ${shown.length} new ${noun}`;
  return {
    message: { kind: 'digest', digest: buildDigest(analyses, { heading }) },
    cursor,
    articleCount: shown.length,
  };
}

function trimSummary(analysis: Analysis, sentences: number | undefined): Analysis {
  if (sentences === undefined || analysis.summary.length <= sentences) return analysis;
  return { ...analysis, summary: analysis.summary.slice(0, Math.max(1, sentences)) };
}

/** Lower case without accents, so "Xi" matches "xi" and "Zürich" matches "zurich". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether `word` (folded) stands in `text` (folded) as a whole word or phrase. */
function containsWord(text: string, word: string): boolean {
  if (word.trim() === '') return false;
  let from = text.indexOf(word);
  while (from >= 0) {
    const before = text[from - 1] ?? ' ';
    const after = text[from + word.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = text.indexOf(word, from + 1);
  }
  return false;
}

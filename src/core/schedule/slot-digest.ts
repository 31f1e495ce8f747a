/**
 * What one delivery slot posts: the subscription's options applied to the articles new since its
 * last delivery. Pure; the scheduler fetches the articles and posts the result.
 */
import type { Analysis } from '../analysis/types.ts';
import { type DigestItem, storyItem } from '../digest/digest.ts';
import { groupStories } from '../digest/stories.ts';
import type { OutgoingMessage, StoredArticle, SubscriptionOptions } from '../ports.ts';

/** Stories per digest when a subscription does not say. */
export const DEFAULT_DIGEST_ARTICLES = 5;

/** How many articles a slot reads: the newest few for a first delivery, at most a bound for later ones. */
export interface SlotScan {
  /** How many of the newest stored articles a first delivery looks at. */
  firstDeliveryScan: number;
  /** At most this many of the newest new articles are looked at per delivery. */
  maxScan: number;
}

/** The scheduler's default scan: enough for a first digest to show something, bounded for a busy day. */
export const DEFAULT_SLOT_SCAN: Readonly<SlotScan> = { firstDeliveryScan: 100, maxScan: 500 };

/** The articles a slot draws on, as the subscription's workspace sees them. */
export interface SlotArticles {
  /** The newest article `seq` visible. */
  latestSeq(): Promise<number>;
  /** Every visible article after `cursor`, oldest first. */
  since(cursor: number): Promise<StoredArticle[]>;
}

/**
 * The articles a slot looks at: after the last delivery's cursor (`previous`; null before the
 * first delivery, which looks at the newest `firstDeliveryScan`), at most `maxScan`, and never past
 * `upTo` (the cursor a resumed slot already fixed). `from` is the cursor the slot starts after.
 */
export async function scanSlot(
  source: SlotArticles,
  previous: number | null,
  scan: SlotScan,
  upTo?: number,
): Promise<{ scanned: StoredArticle[]; from: number }> {
  const newest = upTo ?? (await source.latestSeq());
  const from =
    previous === null
      ? Math.max(0, newest - scan.firstDeliveryScan)
      : Math.max(previous, newest - scan.maxScan);
  const scanned = (await source.since(from)).filter((stored) => upTo === undefined || stored.seq <= upTo);
  return { scanned, from };
}

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
 * The digest of one slot. `scanned` are the articles new since the last delivery, oldest first;
 * those that match the filters are grouped into stories (one event reported by several outlets is
 * one story), the top `options.articles` are shown, and the cursor moves past every scanned
 * article, matching or not.
 */
export function composeSlotDelivery(
  scanned: readonly StoredArticle[],
  previousCursor: number,
  options: SubscriptionOptions,
): SlotDelivery {
  const cursor = scanned.reduce((highest, stored) => Math.max(highest, stored.seq), previousCursor);
  const limit = Math.max(1, options.articles ?? DEFAULT_DIGEST_ARTICLES);
  const matching = scanned.filter((stored) => articleMatches(stored, options));
  const stories = groupStories(matching);
  const shown = stories.slice(0, limit);
  if (shown.length === 0) {
    const message: OutgoingMessage | undefined = options.postWhenEmpty
      ? { kind: 'text', text: NOTHING_NEW_TEXT }
      : undefined;
    return { message, cursor, articleCount: 0 };
  }
  const items = shown
    .map((story) =>
      storyItem(story.members.map((member) => trimSummary(member.analysis, options.summarySentences))),
    )
    .filter((item): item is DigestItem => item !== undefined);
  const articleCount = shown.reduce((sum, story) => sum + story.members.length, 0);
  return {
    message: {
      kind: 'digest',
      digest: { heading: storiesHeading(shown.length, stories.length, matching.length), items },
    },
    cursor,
    articleCount,
  };
}

/** "newsdesk digest: 3 stories from 5 new articles", with how many stories did not fit. */
export function storiesHeading(shown: number, stories: number, articles: number): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const from = `from ${count(articles, 'new article', 'new articles')}`;
  if (stories > shown)
    return `newsdesk digest: the top ${count(shown, 'story', 'stories')} of ${stories} ${from} (${stories - shown} more not shown)`;
  return `newsdesk digest: ${count(shown, 'story', 'stories')} ${from}`;
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

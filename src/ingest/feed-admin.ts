import type { Feed, FeedStore, Fetcher, SourceOwner } from '../core/ports.ts';
import { err, ok, type Result } from '../core/result.ts';
import { parseFetchableUrl } from './address-policy.ts';
import { parseFeed } from './feed-parse.ts';

/** What adding or removing a feed needs. */
export interface FeedAdminDeps {
  feeds: FeedStore;
  fetcher: Fetcher;
}

/**
 * Adds a feed for `owner` after fetching it once (through the safe fetcher) to check that it is RSS
 * or Atom; a URL that is not a feed, or cannot be fetched, is an error value and nothing is added. A
 * feed another owner already polls is not fetched again: `owner` joins it. The check's items are
 * not ingested: only items published after the feed is added are (no backlog).
 */
export async function addCheckedFeed(
  rawUrl: string,
  deps: FeedAdminDeps,
  owner: SourceOwner,
  addedBy?: string,
): Promise<Result<{ feed: Feed; created: boolean; items: number }, string>> {
  const url = parseFetchableUrl(rawUrl);
  if (!url.ok) return url;
  const known = await deps.feeds.getFeed(url.value.href);
  if (known) return ok({ ...(await deps.feeds.addFeed(url.value.href, { owner })), items: 0 });
  const fetched = await deps.fetcher.fetch({ url: url.value.href, purpose: 'feed' });
  if (fetched.status === 'failed') return err(`cannot add ${url.value.href}: ${fetched.reason}`);
  if (fetched.status === 'not-modified') return err(`cannot add ${url.value.href}: the server answered 304`);
  const parsed = parseFeed(fetched.body, fetched.url);
  if (!parsed.ok) return err(`cannot add ${url.value.href}: ${parsed.error}`);
  const options: { owner: SourceOwner; title?: string; addedBy?: string } = { owner };
  if (parsed.value.title !== null) options.title = parsed.value.title;
  if (addedBy !== undefined) options.addedBy = addedBy;
  const added = await deps.feeds.addFeed(url.value.href, options);
  return ok({ ...added, items: parsed.value.items.length });
}

/** One line per feed for `feeds list`: title and URL, then its state (disabled and why, failures, last success). */
export function describeFeed(feed: Feed): string {
  const name = feed.title ? `${feed.title} <${feed.url}>` : feed.url;
  if (feed.disabledReason !== null) return `${name}: disabled (${feed.disabledReason})`;
  const parts = [feed.lastSuccessAt ? `last fetched ${feed.lastSuccessAt}` : 'not fetched yet'];
  if (feed.failures > 0)
    parts.push(`${feed.failures} failure${feed.failures === 1 ? '' : 's'} in a row: ${feed.lastError}`);
  return `${name}: ${parts.join('; ')}`;
}

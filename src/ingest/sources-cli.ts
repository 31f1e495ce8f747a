import { parseArgs } from 'node:util';
import {
  type AnalysisFailureLog,
  type ArticleStore,
  type FeedStore,
  type Fetcher,
  GLOBAL_OWNER,
} from '../core/ports.ts';
import { withConfiguredStore } from '../store/configured-store.ts';
import { parseFetchableUrl } from './address-policy.ts';
import { type AnalysisPool, createAnalysisPool } from './analysis-pool.ts';
import { addCheckedFeed, describeFeed } from './feed-admin.ts';
import { createHttpFetcher } from './http-fetcher.ts';
import { ingestUrl } from './ingest.ts';

/** Usage of the source subcommands, for the CLI's help text. */
export const SOURCES_USAGE = `  newsdesk ingest URL... [--allow-host HOST]...
      Fetch web pages, extract their articles, analyse and store them.
  newsdesk feeds add URL [--allow-host HOST]... | feeds remove URL | feeds list
      Manage the RSS/Atom feeds the bot polls. --allow-host lets a self-hosted
      feed or page on a private address (HOST or HOST:PORT) be fetched.`;

/** Where the source subcommands write. */
export interface SourcesIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The real parts the source subcommands work with. */
export interface SourcesCliDeps {
  articles: ArticleStore;
  feeds: FeedStore;
  fetcher: Fetcher;
  pool: AnalysisPool;
  failures: AnalysisFailureLog;
  summarySentences?: number;
}

/** `newsdesk ingest URL...`: fetches, extracts and stores each page; exit code 1 when any failed. */
export async function runIngestCommand(urls: string[], deps: SourcesCliDeps, io: SourcesIo): Promise<number> {
  let failed = false;
  for (const url of urls) {
    // What the operator ingests is global: every workspace sees it.
    const result = await ingestUrl(url, { ...deps, owners: [GLOBAL_OWNER] });
    if (!result.ok) {
      io.stderr(`newsdesk: ${result.error}\n`);
      failed = true;
      continue;
    }
    const { outcome, id, title } = result.value;
    const what =
      outcome === 'created'
        ? 'stored'
        : outcome === 'updated'
          ? 'updated'
          : outcome === 'near-duplicate'
            ? 'already stored (the same story)'
            : 'already stored';
    io.stdout(`${what}: ${title} [${id}]\n`);
  }
  return failed ? 1 : 0;
}

/** `newsdesk feeds add|remove|list`; returns the exit code. */
export async function runFeedsCommand(args: string[], deps: SourcesCliDeps, io: SourcesIo): Promise<number> {
  const [action, url, ...extra] = args;
  if (action === 'list' && url === undefined) {
    const feeds = await deps.feeds.listFeeds();
    if (feeds.length === 0) io.stdout('No feeds yet: add one with `newsdesk feeds add URL`.\n');
    for (const feed of feeds) io.stdout(`${describeFeed(feed)}\n`);
    return 0;
  }
  if ((action === 'add' || action === 'remove') && url !== undefined && extra.length === 0) {
    if (action === 'add') {
      const added = await addCheckedFeed(url, deps, GLOBAL_OWNER, 'cli');
      if (!added.ok) {
        io.stderr(`newsdesk: ${added.error}\n`);
        return 1;
      }
      const { feed, created, items } = added.value;
      io.stdout(
        created
          ? `added ${feed.title ?? feed.url} (${items} item${items === 1 ? '' : 's'} now; only stories published from now on are digested)\n`
          : `already polling ${feed.title ?? feed.url}\n`,
      );
      return 0;
    }
    const parsed = parseFetchableUrl(url);
    const removed = parsed.ok && (await deps.feeds.removeFeed(parsed.value.href));
    if (!removed) {
      io.stderr(`newsdesk: no such feed: ${url}\n`);
      return 1;
    }
    io.stdout(`removed ${url}\n`);
    return 0;
  }
  io.stderr(`newsdesk feeds: expected "add URL", "remove URL" or "list"\n${SOURCES_USAGE}\n`);
  return 2;
}

/**
 * Runs `ingest` or `feeds` with the real parts: the configured store and the safe HTTP fetcher
 * (hosts given with --allow-host may be on private addresses). Returns the exit code.
 */
export async function runSourcesCli(
  command: 'ingest' | 'feeds',
  args: string[],
  io: SourcesIo,
): Promise<number> {
  let parsed: ReturnType<typeof parseSourcesArgs>;
  try {
    parsed = parseSourcesArgs(args);
  } catch (error) {
    io.stderr(`newsdesk ${command}: ${(error as Error).message}\n${SOURCES_USAGE}\n`);
    return 2;
  }
  if (command === 'ingest' && parsed.positionals.length === 0) {
    io.stderr(`newsdesk ingest: no URL given\n${SOURCES_USAGE}\n`);
    return 2;
  }
  return withConfiguredStore(io, async (store, config) => {
    const pool = createAnalysisPool({ timeoutMs: config.analysisTimeoutMs });
    const deps: SourcesCliDeps = {
      articles: store,
      feeds: store,
      fetcher: createHttpFetcher({ allowedHosts: parsed.allowHosts }),
      pool,
      failures: store,
      summarySentences: config.summarySentences,
    };
    try {
      return command === 'ingest'
        ? await runIngestCommand(parsed.positionals, deps, io)
        : await runFeedsCommand(parsed.positionals, deps, io);
    } finally {
      await pool.close();
    }
  });
}

function parseSourcesArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'allow-host': { type: 'string', multiple: true, default: [] } },
  });
  return { positionals, allowHosts: values['allow-host'] ?? [] };
}

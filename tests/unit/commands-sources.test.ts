import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyze } from '../../src/core/analysis/analyze.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { parseSlashCommand } from '../../src/core/commands/command-text.ts';
import { handleCommand } from '../../src/core/commands/handle-command.ts';
import { parseMention } from '../../src/core/commands/mention.ts';
import { renderReplyAsText } from '../../src/core/commands/render-text.ts';
import type {
  CommandContext,
  CommandDeps,
  CommandLogger,
  CommandReply,
  CommandRequest,
  FeedCommands,
  FeedLine,
  IngestedPage,
} from '../../src/core/commands/types.ts';
import type { Clock } from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { err, ok, type Result } from '../../src/core/result.ts';
import { parseArticleText } from '../../src/ingest/load-file.ts';
import { renderReplyForDiscord } from '../../src/platforms/discord/embeds.ts';
import { renderReplyForSlack } from '../../src/platforms/slack/blocks.ts';
import { parseUmbrellaText } from '../../src/platforms/slack/command-text.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

const PAGE_URL = 'https://news.example.com/qin-gang';
const FEED_URL = 'https://news.example.com/world.rss';

/** The page the fake fetches: a short real-style story about Qin Gang. */
const QIN_PAGE = `<html><head><title>China names ambassador Qin Gang as foreign minister</title></head><body><article>
<h1>China names ambassador Qin Gang as foreign minister</h1>
<p>China on Friday named Qin Gang, its ambassador to the United States, as foreign minister.</p>
<p>Qin Gang replaces Wang Yi, who has led the Foreign Ministry since 2013.</p>
<p>Qin, 56, arrived in Washington in July 2021 after serving as a vice foreign minister.</p>
</article></body></html>`;

const silentLogger: CommandLogger = { error: () => undefined, warn: () => undefined };
const fixedClock: Clock = { now: () => new Date('2024-05-03T12:00:00.000Z') };
const manager: CommandContext = {
  platform: 'console',
  workspaceId: '',
  channelId: 'console',
  userId: 'alice',
  directMessage: false,
  canManageChannel: true,
};
const member: CommandContext = { ...manager, userId: 'bob', canManageChannel: false };

/** Ingests pages it was given beforehand into the store; any other URL is refused like a private address. */
class PageIngestFake {
  readonly asked: string[] = [];
  constructor(
    private readonly store: Store,
    private readonly pages: ReadonlyMap<string, string>,
  ) {}

  readonly ingestUrl = async (url: string): Promise<Result<IngestedPage, string>> => {
    this.asked.push(url);
    const html = this.pages.get(url);
    if (html === undefined)
      return err(`refused ${new URL(url).host}: it resolves to 10.0.0.7, a private address`);
    const parsed = parseArticleText('qin-page', html, 'html', url);
    if (!parsed.ok) return parsed;
    const article = cleanArticle({ ...parsed.value, meta: { ...parsed.value.meta, url } });
    const saved = await this.store.saveArticle(article, analyze(article), ANALYSIS_VERSION, [GLOBAL_OWNER]);
    return ok({ id: saved.id, outcome: saved.outcome });
  };
}

/** An in-memory feed list; an address it was told is not a feed cannot be added. */
class FeedListFake implements FeedCommands {
  readonly feeds = new Map<string, FeedLine>();
  readonly addedBy: string[] = [];
  constructor(private readonly notFeeds: ReadonlySet<string> = new Set()) {}

  async add(url: string, addedBy: string): Promise<Result<{ feed: FeedLine; created: boolean }, string>> {
    if (this.notFeeds.has(url)) return err(`cannot add ${url}: not an RSS or Atom feed`);
    const known = this.feeds.get(url);
    if (known) return ok({ feed: known, created: false });
    const feed = { url, title: 'World news', status: 'not fetched yet' };
    this.feeds.set(url, feed);
    this.addedBy.push(addedBy);
    return ok({ feed, created: true });
  }

  async remove(url: string): Promise<FeedLine | undefined> {
    const known = this.feeds.get(url);
    this.feeds.delete(url);
    return known;
  }

  async list(): Promise<FeedLine[]> {
    return [...this.feeds.values()];
  }
}

function expectKind<K extends CommandReply['kind']>(
  reply: CommandReply,
  kind: K,
): Extract<CommandReply, { kind: K }> {
  expect(reply.kind, JSON.stringify(reply)).toBe(kind);
  return reply as Extract<CommandReply, { kind: K }>;
}

let store: Store;
beforeAll(async () => {
  const opened = await openStore('sqlite::memory:');
  if (!opened.ok) throw new Error(opened.error);
  store = opened.value;
});
afterAll(async () => {
  await store.close();
});

function depsWith(extra: Partial<CommandDeps>): CommandDeps {
  return {
    articles: store,
    subscriptions: store,
    clock: fixedClock,
    defaultTimezone: 'UTC',
    logger: silentLogger,
    ...extra,
  };
}

describe('/digest url:', () => {
  it('GIVEN a page that ingests THEN the reply is that article’s digest', async () => {
    const pages = new PageIngestFake(store, new Map([[PAGE_URL, QIN_PAGE]]));
    const request: CommandRequest = { name: 'digest', options: { url: PAGE_URL } };
    const reply = expectKind(
      await handleCommand(request, member, depsWith({ ingestUrl: pages.ingestUrl })),
      'digest',
    );
    expect(pages.asked).toEqual([PAGE_URL]);
    expect(reply.digest.items.map((item) => [item.title, item.url])).toEqual([
      ['China names ambassador Qin Gang as foreign minister', PAGE_URL],
    ]);
    expect(renderReplyAsText(reply)).toContain('Qin Gang');
  });

  it('GIVEN a refused address THEN the reply is an error that says why', async () => {
    const pages = new PageIngestFake(store, new Map());
    const request: CommandRequest = { name: 'digest', options: { url: 'http://intranet.example/x' } };
    const reply = expectKind(
      await handleCommand(request, member, depsWith({ ingestUrl: pages.ingestUrl })),
      'error',
    );
    expect(reply.code).toBe('fetch_failed');
    expect(reply.text).toContain('private address');
  });

  it('GIVEN no page port THEN /digest url: says the bot does not fetch pages', async () => {
    const reply = await handleCommand({ name: 'digest', options: { url: PAGE_URL } }, member, depsWith({}));
    expect(expectKind(reply, 'error').code).toBe('not_available');
  });
});

describe('/feeds', () => {
  it('GIVEN a manager THEN add, list and remove change and show the feed list', async () => {
    const feeds = new FeedListFake();
    const deps = depsWith({ feeds });
    const added = expectKind(
      await handleCommand({ name: 'feeds', options: { action: 'add', url: FEED_URL } }, manager, deps),
      'feeds',
    );
    expect(added.action).toBe('added');
    expect(feeds.addedBy).toEqual(['alice']);
    const again = await handleCommand(
      { name: 'feeds', options: { action: 'add', url: FEED_URL } },
      manager,
      deps,
    );
    expect(expectKind(again, 'feeds').action).toBe('already-added');
    const listed = expectKind(await handleCommand({ name: 'feeds', options: {} }, member, deps), 'feeds');
    expect(listed.feeds.map((feed) => feed.url)).toEqual([FEED_URL]);
    const removed = await handleCommand(
      { name: 'feeds', options: { action: 'remove', url: FEED_URL } },
      manager,
      deps,
    );
    expect(expectKind(removed, 'feeds').action).toBe('removed');
    expect(feeds.feeds.size).toBe(0);
  });

  it.each<[string, CommandRequest['options'], CommandContext, string]>([
    ['a member adding', { action: 'add', url: FEED_URL }, member, 'not_allowed'],
    ['a member removing', { action: 'remove', url: FEED_URL }, member, 'not_allowed'],
    ['add without a URL', { action: 'add' }, manager, 'missing_option'],
    ['an unknown action', { action: 'purge' }, manager, 'bad_action'],
    ['removing a feed not polled', { action: 'remove', url: FEED_URL }, manager, 'feed_not_found'],
    ['adding a page that is not a feed', { action: 'add', url: PAGE_URL }, manager, 'fetch_failed'],
  ])('GIVEN %s THEN the reply is the error %s', async (_case, options, context, code) => {
    const deps = depsWith({ feeds: new FeedListFake(new Set([PAGE_URL])) });
    const reply = await handleCommand({ name: 'feeds', options }, context, deps);
    expect(expectKind(reply, 'error').code).toBe(code);
  });

  it('GIVEN a feeds reply THEN text, Discord and Slack show the feed and its state', async () => {
    const reply: CommandReply = {
      kind: 'feeds',
      ephemeral: true,
      action: 'list',
      feeds: [{ url: FEED_URL, title: 'World news', status: 'last fetched 2024-05-03T12:00:00.000Z' }],
    };
    expect(renderReplyAsText(reply)).toContain(`World news <${FEED_URL}> — last fetched`);
    const discord = JSON.stringify(renderReplyForDiscord(reply).messages);
    expect(discord).toContain(`[World news](${FEED_URL})`);
    const slack = JSON.stringify(renderReplyForSlack(reply).messages);
    expect(slack).toContain(`<${FEED_URL}|World news>`);
  });
});

describe('source commands as typed', () => {
  it.each<[string, CommandRequest | undefined]>([
    [`/digest url:${PAGE_URL}`, { name: 'digest', options: { url: PAGE_URL } }],
    [`/digest ${PAGE_URL}`, { name: 'digest', options: { url: PAGE_URL } }],
    ['/digest biden xi', { name: 'digest', options: { article: 'biden xi' } }],
    [`/feeds add ${FEED_URL}`, { name: 'feeds', options: { action: 'add', url: FEED_URL } }],
    [`/feeds remove url:${FEED_URL}`, { name: 'feeds', options: { action: 'remove', url: FEED_URL } }],
    ['/feeds', { name: 'feeds', options: {} }],
  ])('GIVEN "%s" THEN the request is %j', (line, expected) => {
    expect(parseSlashCommand(line)).toEqual(expected);
  });

  it.each<[string, CommandRequest]>([
    [`@newsdesk summarize ${PAGE_URL}`, { name: 'digest', options: { url: PAGE_URL } }],
    [`<@U0NEWSDESK> summary of <${PAGE_URL}>`, { name: 'digest', options: { url: PAGE_URL } }],
    [`@newsdesk feeds add ${FEED_URL}`, { name: 'feeds', options: { action: 'add', url: FEED_URL } }],
  ])('GIVEN the mention "%s" THEN the request is %j', (text, expected) => {
    expect(parseMention(text, ['newsdesk'])).toEqual(expected);
  });

  it('GIVEN Slack’s /newsdesk feeds add with a wrapped link THEN the URL is unwrapped', () => {
    expect(parseUmbrellaText(`feeds add <${FEED_URL}>`)).toEqual({
      ok: true,
      request: { name: 'feeds', options: { action: 'add', url: FEED_URL } },
    });
  });
});

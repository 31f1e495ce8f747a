import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyze } from '../../src/core/analysis/analyze.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { ActorDirectory } from '../../src/core/commands/actor-directory.ts';
import { handleCommand } from '../../src/core/commands/handle-command.ts';
import { CONSOLE_WORKSPACE } from '../../src/core/commands/tenancy.ts';
import type {
  CommandContext,
  CommandDeps,
  CommandLogger,
  CommandReply,
  CommandRequest,
} from '../../src/core/commands/types.ts';
import type { Clock } from '../../src/core/ports.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { loadArticleFile, parseArticleText } from '../../src/ingest/load-file.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

const DEFAULT_ARTICLE = 'digests/2021-09-09-biden-xi-call.txt';

/** A second story about Qin Gang, so /background has more than one article of coverage to draw on. */
const QIN_FOREIGN_MINISTER = `China names ambassador Qin Gang as foreign minister

China on Friday named Qin Gang, its ambassador to the United States, as foreign minister.

Qin Gang replaces Wang Yi, who has led the Foreign Ministry since 2013.

Qin, 56, arrived in Washington in July 2021 after serving as a vice foreign minister.
`;

/** A logger that keeps what it was given, to check what a failure logs. */
class RecordingLogger implements CommandLogger {
  readonly entries: { level: 'error' | 'warn'; details: Record<string, unknown>; message: string }[] = [];
  error(details: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', details, message });
  }
  warn(details: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', details, message });
  }
}

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

async function freshStore(): Promise<Store> {
  const opened = await openStore('sqlite::memory:');
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

async function storeDefaultArticle(store: Store): Promise<void> {
  const loaded = await loadArticleFile(DEFAULT_ARTICLE);
  if (!loaded.ok) throw new Error(loaded.error);
  const article = cleanArticle(loaded.value);
  await store.saveArticle(article, analyze(article), ANALYSIS_VERSION, [GLOBAL_OWNER]);
}

function depsFor(store: Store, logger = new RecordingLogger()): CommandDeps {
  return { articles: store, subscriptions: store, clock: fixedClock, defaultTimezone: 'UTC', logger };
}

function ask(deps: CommandDeps, request: CommandRequest, context = manager): Promise<CommandReply> {
  return handleCommand(request, context, deps);
}

/** Narrows a reply to one kind, failing the test with the reply when it is another. */
function expectKind<K extends CommandReply['kind']>(
  reply: CommandReply,
  kind: K,
): Extract<CommandReply, { kind: K }> {
  expect(reply.kind, JSON.stringify(reply)).toBe(kind);
  return reply as Extract<CommandReply, { kind: K }>;
}

describe('commands on the default article', () => {
  let store: Store;
  let deps: CommandDeps;
  let paragraphs: string[];

  beforeAll(async () => {
    store = await freshStore();
    await storeDefaultArticle(store);
    deps = depsFor(store);
    paragraphs = (await store.findArticle('latest'))?.article.paragraphs ?? [];
  });
  afterAll(() => store.close());

  it('GIVEN /digest THEN it digests the newest article with grounded summary lines', async () => {
    const reply = expectKind(await ask(deps, { name: 'digest', options: {} }), 'digest');
    const [item] = reply.digest.items;
    expect(item?.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
    for (const line of item?.summary ?? []) expect(paragraphs[line.paragraph - 1]).toContain(line.text);
  });

  it('GIVEN /quotes Xi THEN every quote is Xi Jinping’s, verbatim in the paragraph it names', async () => {
    const reply = expectKind(await ask(deps, { name: 'quotes', options: { actor: 'Xi' } }), 'quotes');
    expect(reply.actor).toBe('Xi Jinping');
    expect(reply.quotes.map((quote) => quote.text)).toContain('caused serious difficulties');
    for (const quote of reply.quotes) {
      expect(quote.speaker).toBe('Xi Jinping');
      expect(paragraphs[quote.paragraph - 1]).toContain(quote.text);
    }
  });

  it('GIVEN /quotes with no actor THEN the article’s key quotes come with their speakers', async () => {
    const reply = expectKind(await ask(deps, { name: 'quotes', options: {} }), 'quotes');
    expect(reply.article?.id).toBe('2021-09-09-biden-xi-call');
    expect(reply.quotes.length).toBeGreaterThan(0);
    expect(reply.quotes.length).toBeLessThanOrEqual(10);
    expect(reply.quotes.map((quote) => quote.speaker)).toContain('Zhao Lijian');
  });

  it('GIVEN "what did Xi say about disaster" THEN only the quote about disaster comes back', async () => {
    const reply = expectKind(
      await ask(deps, { name: 'quotes', options: { actor: 'Xi', topic: 'disaster' } }),
      'quotes',
    );
    expect(reply.quotes.map((quote) => quote.text)).toEqual([
      'bring disaster to both countries and the world.',
    ]);
  });

  it('GIVEN /quotes for an actor who said nothing quoted THEN a notice says so', async () => {
    const reply = expectKind(
      await ask(deps, { name: 'quotes', options: { actor: 'Antony Blinken' } }),
      'notice',
    );
    expect(reply.text).toBe('I have no quotes from Antony Blinken in the stored articles.');
  });

  it.each([
    ['Qin Gnag', 'Qin Gang', 'new ambassador to Washington'],
    ['qin gang', 'Qin Gang', 'new ambassador to Washington'],
    ['the spokesman', 'Zhao Lijian', 'Chinese Foreign Ministry spokesman'],
    ['Xi', 'Xi Jinping', 'Chinese President'],
  ])('GIVEN /background %s THEN it is %s, the %s', async (query, name, role) => {
    const reply = expectKind(
      await ask(deps, { name: 'background', options: { actor: query } }),
      'background',
    );
    expect(reply.actor.name).toBe(name);
    expect(reply.actor.roles).toContain(role);
    const [entry] = reply.coverage;
    expect(entry?.lines.length).toBeGreaterThan(0);
    for (const line of entry?.lines ?? []) expect(paragraphs[line.paragraph - 1]).toContain(line.text);
  });

  it('GIVEN /background the ambassador THEN both ambassadors are offered, none picked', async () => {
    const reply = expectKind(
      await ask(deps, { name: 'background', options: { actor: 'the ambassador' } }),
      'error',
    );
    expect(reply.code).toBe('actor_ambiguous');
    expect(reply.suggestions).toEqual(expect.arrayContaining(['Qin Gang', 'Nicholas Burns']));
  });

  it('GIVEN /background of nobody in the news THEN it is not found', async () => {
    const reply = expectKind(
      await ask(deps, { name: 'background', options: { actor: 'Angela Merkel' } }),
      'error',
    );
    expect(reply.code).toBe('actor_not_found');
    expect(reply.ephemeral).toBe(true);
  });

  it('GIVEN /background with no actor THEN it asks for one', async () => {
    expect(await ask(deps, { name: 'background', options: {} })).toMatchObject({ code: 'missing_option' });
  });

  it('GIVEN /actors THEN the story’s people come most central first, with roles', async () => {
    const reply = expectKind(await ask(deps, { name: 'actors', options: {} }), 'actors');
    const names = reply.actors.map((actor) => actor.name);
    expect(names.slice(0, 2)).toEqual(expect.arrayContaining(['Biden', 'Xi Jinping']));
    expect(reply.actors.find((actor) => actor.name === 'Qin Gang')?.roles).toContain(
      'new ambassador to Washington',
    );
  });

  it('GIVEN /articles THEN the stored article is listed', async () => {
    const reply = expectKind(await ask(deps, { name: 'articles', options: {} }), 'articles');
    expect(reply.articles.map((article) => article.id)).toEqual(['2021-09-09-biden-xi-call']);
  });

  it('GIVEN /digest of title words no article has THEN it is not found and titles are suggested', async () => {
    const reply = expectKind(await ask(deps, { name: 'digest', options: { article: 'xi summit' } }), 'error');
    expect(reply.code).toBe('article_not_found');
    expect(reply.suggestions).toEqual(['Biden and China’s Xi speak for a second time amid rising tensions']);
  });

  it('GIVEN /digest by title words THEN that article is digested', async () => {
    const reply = expectKind(
      await ask(deps, { name: 'digest', options: { article: 'rising tensions' } }),
      'digest',
    );
    expect(reply.digest.items[0]?.articleId).toBe('2021-09-09-biden-xi-call');
  });

  it('GIVEN /help THEN every command is listed with an example', async () => {
    const reply = expectKind(await ask(deps, { name: 'help', options: {} }), 'help');
    expect(reply.commands.map((entry) => entry.name)).toEqual([
      'digest',
      'quotes',
      'background',
      'actors',
      'articles',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'resume',
      'digest-now',
      'feeds',
      'help',
    ]);
    for (const entry of reply.commands) expect(entry.examples.length).toBeGreaterThan(0);
  });

  it.each([
    ['console', '/subscribe "0 8 * * 1-5" Europe/Berlin', '/quotes "Qin Gang" article:latest'],
    [
      'slack',
      '/newsdesk subscribe "0 8 * * 1-5" Europe/Berlin',
      '/newsdesk quotes "Qin Gang" article:latest',
    ],
    [
      'discord',
      '/subscribe schedule:0 8 * * 1-5 timezone:Europe/Berlin',
      '/quotes actor:Qin Gang article:latest',
    ],
  ] as const)(
    'GIVEN /help on %s THEN the examples are in its syntax',
    async (platform, subscribe, quotes) => {
      const reply = expectKind(
        await handleCommand({ name: 'help', options: {} }, { ...member, platform }, deps),
        'help',
      );
      const examples = reply.commands.flatMap((entry) => entry.examples);
      expect(examples).toContain(subscribe);
      expect(examples).toContain(quotes);
      const usage = reply.commands.find((entry) => entry.name === 'quotes')?.usage;
      expect(usage).toBe(
        platform === 'slack' ? '/newsdesk quotes [actor] [article]' : '/quotes [actor] [article]',
      );
    },
  );
});

describe('/background across all stored coverage', () => {
  it('GIVEN two articles covering Qin Gang THEN roles and entries come from both, newest first', async () => {
    const store = await freshStore();
    try {
      await storeDefaultArticle(store);
      const scraped = parseArticleText('qin-foreign-minister', QIN_FOREIGN_MINISTER, 'text');
      if (!scraped.ok) throw new Error(scraped.error);
      const second = cleanArticle(scraped.value);
      await store.saveArticle(second, analyze(second), ANALYSIS_VERSION, [GLOBAL_OWNER]);
      const reply = expectKind(
        await handleCommand({ name: 'background', options: { actor: 'Qin' } }, manager, depsFor(store)),
        'background',
      );
      expect(reply.articleCount).toBe(2);
      expect(reply.coverage.map((entry) => entry.article.id)).toEqual([
        'qin-foreign-minister',
        '2021-09-09-biden-xi-call',
      ]);
      expect(reply.actor.roles).toEqual(
        expect.arrayContaining(['new ambassador to Washington', 'its ambassador to the United States']),
      );
    } finally {
      await store.close();
    }
  });
});

describe('ActorDirectory', () => {
  it('GIVEN no new article THEN the names are reused; GIVEN a new article THEN its actors are found', async () => {
    const store = await freshStore();
    try {
      await storeDefaultArticle(store);
      const directory = new ActorDirectory();
      const first = await directory.candidates(store, fixedClock, CONSOLE_WORKSPACE);
      expect(first.map((candidate) => candidate.name)).toContain('Qin Gang');
      expect(first.map((candidate) => candidate.name)).not.toContain('Wang Yi');
      expect(await directory.candidates(store, fixedClock, CONSOLE_WORKSPACE)).toBe(first);

      const scraped = parseArticleText('qin-foreign-minister', QIN_FOREIGN_MINISTER, 'text');
      if (!scraped.ok) throw new Error(scraped.error);
      const second = cleanArticle(scraped.value);
      await store.saveArticle(second, analyze(second), ANALYSIS_VERSION, [GLOBAL_OWNER]);
      const deps = { ...depsFor(store), actorDirectory: directory };
      const reply = await handleCommand(
        { name: 'background', options: { actor: 'Wang Yee' } },
        manager,
        deps,
      );
      expect(reply).toMatchObject({ kind: 'background', actor: { name: 'Wang Yi' } });
    } finally {
      await store.close();
    }
  });

  it('GIVEN the names are older than the maximum age THEN they are loaded again', async () => {
    const store = await freshStore();
    try {
      await storeDefaultArticle(store);
      let now = new Date('2024-05-03T12:00:00.000Z');
      const clock: Clock = { now: () => now };
      const directory = new ActorDirectory({ maxAgeMs: 60_000 });
      const first = await directory.candidates(store, clock, CONSOLE_WORKSPACE);
      now = new Date('2024-05-03T12:00:30.000Z');
      expect(await directory.candidates(store, clock, CONSOLE_WORKSPACE)).toBe(first);
      now = new Date('2024-05-03T12:01:01.000Z');
      const reloaded = await directory.candidates(store, clock, CONSOLE_WORKSPACE);
      expect(reloaded).not.toBe(first);
      expect(reloaded).toEqual(first);
    } finally {
      await store.close();
    }
  });
});

describe('subscriptions', () => {
  let store: Store;
  let deps: CommandDeps;
  beforeAll(async () => {
    store = await freshStore();
    deps = depsFor(store);
  });
  afterAll(() => store.close());

  it.each<[string, CommandRequest, CommandContext, string, string[]]>([
    [
      'a user without channel-manage rights',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5' } },
      member,
      'not_allowed',
      [],
    ],
    ['no schedule', { name: 'subscribe', options: {} }, manager, 'missing_option', []],
    [
      'a minute of 61',
      { name: 'subscribe', options: { schedule: '61 8 * * *' } },
      manager,
      'bad_schedule',
      [],
    ],
    [
      'a misspelt time zone',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berln' } },
      manager,
      'bad_timezone',
      ['Europe/Berlin'],
    ],
  ])(
    'GIVEN %s THEN /subscribe refuses and saves nothing',
    async (_case, request, context, code, suggestions) => {
      const reply = expectKind(await handleCommand(request, context, deps), 'error');
      expect(reply.code).toBe(code);
      expect(reply.suggestions).toEqual(expect.arrayContaining(suggestions));
      expect(await store.listSubscriptions()).toEqual([]);
    },
  );

  it('GIVEN a bad minute THEN the reply names the field and its range', async () => {
    const reply = await handleCommand(
      { name: 'subscribe', options: { schedule: '61 8 * * *' } },
      manager,
      deps,
    );
    expect(reply).toMatchObject({
      text: "That schedule does not work: minute field '61' is not valid: use 0-59, a list (1,15), a range (1-5) or a step (*/15).",
    });
  });

  it('GIVEN subscribe, list, pause, unsubscribe THEN each step shows in /subscriptions', async () => {
    const subscribe: CommandRequest = {
      name: 'subscribe',
      options: { schedule: '0  8 * * 1-5', timezone: 'Europe/Berlin' },
    };
    const first = expectKind(await handleCommand(subscribe, manager, deps), 'subscribed');
    expect(first.outcome).toBe('created');
    expect(first.subscription).toMatchObject({
      cron: '0 8 * * 1-5',
      timezone: 'Europe/Berlin',
      createdBy: 'alice',
    });
    expect(first.subscription.nextRuns).toEqual([
      '2024-05-06T06:00:00.000Z',
      '2024-05-07T06:00:00.000Z',
      '2024-05-08T06:00:00.000Z',
    ]);
    const again = expectKind(await handleCommand(subscribe, manager, deps), 'subscribed');
    expect(again.outcome).toBe('unchanged');

    await store.pauseSubscription(first.subscription.id, 'the channel is archived');
    const listed = expectKind(
      await handleCommand({ name: 'subscriptions', options: {} }, member, deps),
      'subscriptions',
    );
    expect(listed.subscriptions).toEqual([
      expect.objectContaining({ id: first.subscription.id, pausedReason: 'the channel is archived' }),
    ]);

    const denied = await handleCommand({ name: 'unsubscribe', options: {} }, member, deps);
    expect(denied).toMatchObject({ kind: 'error', code: 'not_allowed' });
    const wrongId = await handleCommand({ name: 'unsubscribe', options: { id: 'nope' } }, manager, deps);
    expect(wrongId).toMatchObject({ code: 'subscription_not_found', suggestions: [first.subscription.id] });

    const removed = expectKind(
      await handleCommand({ name: 'unsubscribe', options: {} }, manager, deps),
      'unsubscribed',
    );
    expect(removed.removed.map((line) => line.id)).toEqual([first.subscription.id]);
    expect(await store.listSubscriptions()).toEqual([]);
  });
});

describe('failures', () => {
  it('GIVEN an empty store THEN /digest says there are no articles yet', async () => {
    const store = await freshStore();
    try {
      const reply = await handleCommand({ name: 'digest', options: {} }, manager, depsFor(store));
      expect(reply).toMatchObject({ kind: 'error', code: 'no_articles' });
    } finally {
      await store.close();
    }
  });

  it('GIVEN the store fails underneath THEN the user gets a short apology with a stable code and the failure is logged with context', async () => {
    const store = await freshStore();
    const logger = new RecordingLogger();
    const deps = depsFor(store, logger);
    await store.close();
    const reply = expectKind(
      await handleCommand({ name: 'quotes', options: { actor: 'Xi' } }, member, deps),
      'error',
    );
    expect(reply.code).toBe('internal_error');
    expect(reply.text).toBe(
      'Sorry, /quotes failed on my side. It has been logged (code internal_error); please try again.',
    );
    expect(logger.entries).toEqual([
      {
        level: 'error',
        message: 'command failed',
        details: expect.objectContaining({
          code: 'internal_error',
          command: 'quotes',
          options: { actor: 'Xi' },
          platform: 'console',
          channelId: 'console',
          userId: 'bob',
          err: expect.any(Error),
        }),
      },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION, analyze } from '../../src/core/analysis/analyze.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { handleCommand } from '../../src/core/commands/handle-command.ts';
import { echo, MAX_ECHO, OPTION_LIMITS } from '../../src/core/commands/limits.ts';
import { mayNeedManageRights, needsManageRights } from '../../src/core/commands/permissions.ts';
import { workspaceOf } from '../../src/core/commands/tenancy.ts';
import type {
  CommandContext,
  CommandDeps,
  CommandLogger,
  CommandName,
  CommandOptions,
  CommandReply,
} from '../../src/core/commands/types.ts';
import { GLOBAL_OWNER, type SourceOwner } from '../../src/core/ports.ts';
import { loadArticleFile, parseArticleText } from '../../src/ingest/load-file.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import type { Story } from '../fixtures/feeds/stories.ts';
import { FERRY, LIBRARY, WATCHES } from '../fixtures/tenant-stories.ts';

const silent: CommandLogger = { error() {}, warn() {} };

function context(overrides: Partial<CommandContext>): CommandContext {
  return {
    platform: 'discord',
    workspaceId: '111',
    channelId: 'C-news',
    userId: 'U-reader',
    directMessage: false,
    canManageChannel: false,
    ...overrides,
  };
}

describe('workspaceOf: which tenant a place belongs to', () => {
  it.each([
    { where: 'a Discord server', platform: 'discord', workspaceId: '111', userId: 'U1', key: 'discord:111' },
    {
      where: 'a Discord DM (no server)',
      platform: 'discord',
      workspaceId: '',
      userId: 'U1',
      key: 'discord:dm:U1',
    },
    { where: 'a Slack workspace', platform: 'slack', workspaceId: 'T9', userId: 'U2', key: 'slack:T9' },
    {
      where: 'a Slack DM (the team is on the event)',
      platform: 'slack',
      workspaceId: 'T9',
      userId: 'U3',
      key: 'slack:T9',
    },
    { where: 'the console', platform: 'console', workspaceId: '', userId: 'console', key: 'console' },
  ] as const)('GIVEN $where THEN the workspace is $key', ({ platform, workspaceId, userId, key }) => {
    expect(workspaceOf({ platform, workspaceId, userId })).toBe(key);
  });
});

describe('the permission table', () => {
  const everyone = { pageDigests: 'everyone' } as const;
  const managers = { pageDigests: 'managers' } as const;
  it.each([
    { name: 'subscribe', options: { schedule: '0 8 * * *' }, dm: false, policy: everyone, needs: true },
    { name: 'unsubscribe', options: {}, dm: false, policy: everyone, needs: true },
    {
      name: 'feeds',
      options: { action: 'add', url: 'https://a.example/rss' },
      dm: false,
      policy: everyone,
      needs: true,
    },
    {
      name: 'feeds',
      options: { action: 'REMOVE', url: 'https://a.example/rss' },
      dm: false,
      policy: everyone,
      needs: true,
    },
    { name: 'feeds', options: { action: 'list' }, dm: false, policy: everyone, needs: false },
    { name: 'feeds', options: {}, dm: false, policy: everyone, needs: false },
    {
      name: 'digest',
      options: { url: 'https://a.example/story' },
      dm: false,
      policy: everyone,
      needs: false,
    },
    { name: 'digest', options: { url: 'https://a.example/story' }, dm: false, policy: managers, needs: true },
    { name: 'digest', options: { url: 'https://a.example/story' }, dm: true, policy: managers, needs: false },
    { name: 'digest', options: { article: 'latest' }, dm: false, policy: managers, needs: false },
    { name: 'quotes', options: { actor: 'Xi' }, dm: false, policy: managers, needs: false },
    { name: 'subscriptions', options: {}, dm: false, policy: managers, needs: false },
    { name: 'help', options: {}, dm: false, policy: managers, needs: false },
  ] as {
    name: CommandName;
    options: CommandOptions;
    dm: boolean;
    policy: typeof everyone | typeof managers;
    needs: boolean;
  }[])(
    'GIVEN $name $options (DM $dm, pages $policy.pageDigests) THEN manage rights needed: $needs',
    ({ name, options, dm, policy, needs }) => {
      expect(needsManageRights({ name, options }, { directMessage: dm, policy })).toBe(needs);
      // Platforms look rights up whenever some policy could ask for them.
      if (needs) expect(mayNeedManageRights({ name, options }, dm)).toBe(true);
    },
  );
});

/** A store with the default article (global) and one page owned by each of three workspaces. */
async function tenantStore(): Promise<{ store: Store; ids: Record<string, string> }> {
  const opened = await openStore('sqlite::memory:');
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  const loaded = await loadArticleFile('digests/2021-09-09-biden-xi-call.txt');
  if (!loaded.ok) throw new Error(loaded.error);
  const save = async (id: string, story: Story | undefined, owner: SourceOwner) => {
    const scraped = story
      ? parseArticleText(id, `${story.title}\n\n${story.paragraphs.join('\n\n')}\n`, 'text')
      : { ok: true as const, value: loaded.value };
    if (!scraped.ok) throw new Error(scraped.error);
    const article = cleanArticle(scraped.value);
    return (await store.saveArticle(article, analyze(article), ANALYSIS_VERSION, [owner])).id;
  };
  return {
    store,
    ids: {
      global: await save('default', undefined, GLOBAL_OWNER),
      library: await save('library', LIBRARY, 'discord:111'),
      ferry: await save('ferry', FERRY, 'discord:222'),
      watches: await save('watches', WATCHES, 'slack:T9'),
    },
  };
}

describe('commands see global sources and their workspace’s own, never another’s', () => {
  let store: Store;
  let ids: Record<string, string>;
  let deps: CommandDeps;
  beforeEach(async () => {
    ({ store, ids } = await tenantStore());
    deps = {
      articles: store,
      subscriptions: store,
      clock: { now: () => new Date() },
      defaultTimezone: 'UTC',
      logger: silent,
    };
  });
  afterEach(() => store.close());

  const titlesOf = (reply: CommandReply) =>
    reply.kind === 'articles' ? reply.articles.map((article) => article.title).sort() : [reply.kind];

  it.each([
    { who: 'the first Discord server', where: { workspaceId: '111' }, sees: [LIBRARY.title] },
    { who: 'the second Discord server', where: { workspaceId: '222' }, sees: [FERRY.title] },
    { who: 'the Slack workspace', where: { platform: 'slack', workspaceId: 'T9' }, sees: [WATCHES.title] },
    { who: 'a Discord DM', where: { workspaceId: '', directMessage: true }, sees: [] },
    { who: 'the console', where: { platform: 'console', workspaceId: '' }, sees: [] },
  ] as { who: string; where: Partial<CommandContext>; sees: string[] }[])(
    'GIVEN /articles in $who THEN it lists the global article and its own page only',
    async ({ where, sees }) => {
      const reply = await handleCommand({ name: 'articles', options: {} }, context(where), deps);
      expect(titlesOf(reply)).toEqual(
        ['Biden and China’s Xi speak for a second time amid rising tensions', ...sees].sort(),
      );
    },
  );

  it('GIVEN another workspace’s article by id, title words or actor THEN it is not found, in every command', async () => {
    const guildB = context({ workspaceId: '222' });
    const asks: [CommandName, CommandOptions][] = [
      ['digest', { article: ids.library ?? '' }],
      ['digest', { article: 'eastside branch library' }],
      ['actors', { article: ids.library ?? '' }],
      ['quotes', { actor: 'Odile Ferreira' }],
      ['background', { actor: 'Odile Ferreira' }],
      ['background', { actor: 'Odile Fereira' }],
    ];
    for (const [name, options] of asks) {
      const reply = await handleCommand({ name, options }, guildB, deps);
      expect(reply.kind, `${name} ${JSON.stringify(options)}`).toBe('error');
      // Neither the title nor, as a "did you mean", the name of another workspace's story.
      expect(JSON.stringify(reply)).not.toContain('Eastside');
      expect(reply.kind === 'error' ? reply.suggestions : []).not.toContain('Odile Ferreira');
    }
    const own = await handleCommand(
      { name: 'quotes', options: { actor: 'Odile Ferreira' } },
      context({}),
      deps,
    );
    expect(own).toMatchObject({ kind: 'quotes', actor: 'Odile Ferreira' });
  });

  it('GIVEN /digest with no article THEN the newest the workspace sees is digested, not another’s newer page', async () => {
    const reply = await handleCommand({ name: 'digest', options: {} }, context({ workspaceId: '333' }), deps);
    expect(reply).toMatchObject({ kind: 'digest' });
    expect(JSON.stringify(reply)).toContain('Xi');
    expect(JSON.stringify(reply)).not.toMatch(/Watchmaker|Ferry|Eastside/);
  });
});

describe('input limits', () => {
  let store: Store;
  let deps: CommandDeps;
  beforeEach(async () => {
    ({ store } = await tenantStore());
    deps = {
      articles: store,
      subscriptions: store,
      clock: { now: () => new Date() },
      defaultTimezone: 'UTC',
      logger: silent,
    };
  });
  afterEach(() => store.close());

  it.each([
    { name: 'background', option: 'actor', length: 101 },
    { name: 'quotes', option: 'actor', length: 10_000 },
    { name: 'digest', option: 'article', length: 6_000 },
    { name: 'subscribe', option: 'schedule', length: 101 },
    { name: 'digest', option: 'url', length: 2_049 },
    { name: 'quotes', option: 'topic', length: 201 },
  ] as { name: CommandName; option: keyof CommandOptions; length: number }[])(
    'GIVEN /$name with a $option of $length characters THEN a short too_long error names the cap',
    async ({ name, option, length }) => {
      const value = 'x'.repeat(length);
      const reply = await handleCommand(
        { name, options: { [option]: value } },
        context({ canManageChannel: true }),
        deps,
      );
      expect(reply).toMatchObject({ kind: 'error', code: 'too_long' });
      const text = reply.kind === 'error' ? reply.text : '';
      expect(text).toContain(`at most ${OPTION_LIMITS[option].max.toLocaleString('en-US')}`);
      expect(text.length).toBeLessThan(100);
    },
  );

  it.each([
    {
      name: 'background',
      options: {
        actor: 'Quentin Zebulon Archibald Montgomery-Fairweather, Chief Clerk of the Upper Valley Court',
      },
    },
    {
      name: 'digest',
      options: {
        article:
          'minutes of the regional water board meeting about the reservoir levels in the dry summer months of last year',
      },
    },
    {
      name: 'quotes',
      options: {
        actor: 'Xi',
        topic:
          'the reservoir levels in the dry summer months and what the water board should have done about them last year',
      },
    },
  ] as { name: CommandName; options: CommandOptions }[])(
    'GIVEN /$name with a long miss THEN the reply quotes at most 80 characters of what was typed',
    async ({ name, options }) => {
      const reply = await handleCommand({ name, options }, context({ canManageChannel: true }), deps);
      const text = reply.kind === 'error' || reply.kind === 'notice' ? reply.text : JSON.stringify(reply);
      const typed = Object.values(options).sort((a, b) => (b ?? '').length - (a ?? '').length)[0] ?? '';
      expect(typed.length).toBeGreaterThan(MAX_ECHO);
      expect(text).not.toContain(typed);
      expect(text).toContain(echo(typed));
    },
  );

  it('GIVEN a mention nobody understands, 3,000 characters long THEN the help echoes 80 of them', async () => {
    const rambling = 'please tell me everything about the harbour and the ferry and the weather '.repeat(40);
    const reply = await handleCommand(
      { name: 'help', options: {}, unrecognized: rambling },
      context({}),
      deps,
    );
    expect(reply).toMatchObject({ kind: 'help', unrecognized: echo(rambling) });
    expect([...echo(rambling)]).toHaveLength(MAX_ECHO);
  });

  it('GIVEN the store asked for a title of 6,000 characters THEN it answers (a bounded query), finding nothing', async () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    expect(words.length).toBeGreaterThan(6000);
    expect(await store.findArticle(words)).toBeUndefined();
    expect(await store.visibleTo('discord:111').listArticles({ titleWords: words })).toEqual([]);
  });
});

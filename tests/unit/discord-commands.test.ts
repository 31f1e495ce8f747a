import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { ActorName, ArticleListing, ListArticlesOptions } from '../../src/core/ports.ts';
import { type AutocompleteSource, autocompleteChoices } from '../../src/platforms/discord/autocomplete.ts';
import { classifyDiscordError } from '../../src/platforms/discord/channel.ts';
import { commandRequest, DISCORD_COMMANDS, sameCommands } from '../../src/platforms/discord/commands.ts';
import { BOT_PERMISSION_BITS, inviteUrl } from '../../src/platforms/discord/invite.ts';

describe('DISCORD_COMMANDS', () => {
  it('GIVEN the definitions THEN every name and description keeps Discord’s limits (32 / 100 characters)', () => {
    for (const command of DISCORD_COMMANDS) {
      // Discord's rule for chat command names: lower case letters, digits, '-' and '_'.
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  it.each([
    ['digest', ['article', 'url']],
    ['quotes', ['actor', 'article', 'page']],
    ['background', ['actor*', 'article', 'page']],
    ['actors', ['article']],
    ['articles', ['page']],
    ['subscribe', ['schedule', 'timezone', 'keywords', 'sources', 'articles', 'summary', 'quiet', 'id']],
    ['unsubscribe', ['id']],
    ['subscriptions', ['action', 'id', 'keywords', 'sources', 'articles', 'summary', 'quiet']],
    ['resume', ['id']],
    ['digest-now', ['id']],
    ['feeds', ['action*', 'url']],
    ['help', []],
  ])('GIVEN /%s THEN its options are %j (* required)', (name, options) => {
    const command = DISCORD_COMMANDS.find((entry) => entry.name === name);
    const shown = (command?.options ?? []).map(
      (option) => `${option.name}${'required' in option && option.required ? '*' : ''}`,
    );
    expect(shown).toEqual(options);
  });

  it('GIVEN actor and article options THEN Discord asks the bot to autocomplete them', () => {
    const autocompleted = DISCORD_COMMANDS.flatMap((command) =>
      (command.options ?? [])
        .filter((option) => 'autocomplete' in option && option.autocomplete)
        .map((option) => option.name),
    );
    expect(new Set(autocompleted)).toEqual(new Set(['actor', 'article', 'timezone']));
  });
});

describe('commandRequest', () => {
  it.each([
    ['quotes', { actor: ' Xi ', article: '' }, { name: 'quotes', options: { actor: 'Xi' } }],
    [
      'background',
      { actor: 'Qin Gang', article: 'latest' },
      { name: 'background', options: { actor: 'Qin Gang', article: 'latest' } },
    ],
    [
      'subscribe',
      { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' },
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' } },
    ],
    ['help', { actor: 'ignored' }, { name: 'help', options: {} }],
  ])('GIVEN /%s with %j THEN the request is %j', (name, given, expected) => {
    const values = given as Record<string, string>;
    expect(commandRequest(name, (option) => values[option] ?? null)).toEqual(expected);
  });

  it('GIVEN a command newsdesk no longer defines THEN there is no request', () => {
    expect(commandRequest('weather', () => null)).toBeUndefined();
  });
});

describe('sameCommands', () => {
  /** What Discord answers for the registered definitions: ids, versions and defaults added. */
  const registered = DISCORD_COMMANDS.map((command, index) => ({
    id: `1${index}`,
    application_id: '900000000000000002',
    version: '1',
    type: 1,
    nsfw: false,
    default_member_permissions: null,
    contexts: null,
    integration_types: [0],
    ...command,
    options: (command.options ?? []).map((option) => ({ ...option, name_localizations: null })),
  }));

  it('GIVEN Discord’s copy of the same definitions THEN nothing needs registering', () => {
    expect(sameCommands(DISCORD_COMMANDS, [...registered].reverse())).toBe(true);
  });

  it.each([
    ['a changed description', registered.map((c, i) => (i === 0 ? { ...c, description: 'old text' } : c))],
    ['a missing command', registered.slice(1)],
    [
      'an option no longer required',
      registered.map((c) =>
        c.name === 'background' ? { ...c, options: c.options.map((o) => ({ ...o, required: false })) } : c,
      ),
    ],
  ])('GIVEN %s THEN the definitions differ', (_name, changed) => {
    expect(sameCommands(DISCORD_COMMANDS, changed)).toBe(false);
  });
});

describe('inviteUrl', () => {
  it('GIVEN the application id THEN the URL asks for exactly bot + applications.commands and the five permissions', () => {
    const url = new URL(inviteUrl('900000000000000002'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('900000000000000002');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel 1<<10, Send Messages 1<<11, Embed Links 1<<14, Read Message History 1<<16, Send Messages in Threads 1<<38.
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384 + 65536 + 274877906944));
    expect(BOT_PERMISSION_BITS).toBe(274877991936n);
  });
});

describe('classifyDiscordError', () => {
  const apiError = (status: number, code: number, message: string) =>
    new DiscordAPIError(
      { code, message },
      code,
      status,
      'POST',
      'http://127.0.0.1/api/v10/channels/1/messages',
      {
        body: {},
      },
    );

  it.each([
    [apiError(403, 50001, 'Missing Access'), true, 'Missing Access'],
    [apiError(404, 10003, 'Unknown Channel'), true, 'Unknown Channel'],
    [apiError(403, 50013, 'Missing Permissions'), true, 'Missing Permissions'],
    [apiError(400, 50035, 'Invalid Form Body'), false, '400'],
    [
      new HTTPError(502, 'Bad Gateway', 'POST', 'http://127.0.0.1/api/v10/channels/1/messages', { body: {} }),
      false,
      'HTTP 502',
    ],
    [Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), false, 'in time'],
    [
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      false,
      'ECONNREFUSED',
    ],
  ])('GIVEN %s THEN permanent is %s and the reason says %j', (error, permanent, reason) => {
    const outcome = classifyDiscordError(error);
    expect(outcome.permanent).toBe(permanent);
    expect(outcome.reason).toContain(reason);
  });

  it('GIVEN a rejected rate limit THEN it is transient with Discord’s retry-after', () => {
    const limited = new RateLimitError({
      timeToReset: 1200,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'http://127.0.0.1/api/v10/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 1200,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyDiscordError(limited)).toMatchObject({ ok: false, permanent: false, retryAfterMs: 1200 });
  });
});

describe('autocompleteChoices', () => {
  /** A hand-written store view with 30 actors and two articles, recording what it was asked. */
  class ListingSource implements AutocompleteSource {
    asked: { prefix?: string | undefined; limit?: number | undefined; options?: ListArticlesOptions }[] = [];
    async listActorNames(prefix?: string, limit?: number): Promise<ActorName[]> {
      this.asked.push({ prefix, limit });
      const all = Array.from({ length: 30 }, (_, index) => ({
        key: `qin ${index}`,
        name: `Qin Official ${index}`,
        kind: 'person' as const,
        articles: 1,
      }));
      return all.filter((actor) => actor.key.startsWith((prefix ?? '').toLowerCase())).slice(0, limit ?? 25);
    }
    async listArticles(options?: ListArticlesOptions): Promise<ArticleListing[]> {
      this.asked.push(options ? { options } : {});
      return [
        {
          id: '2021-09-09-biden-xi-call',
          seq: 1,
          title: 'Biden and China’s Xi speak for a second time amid rising tensions',
          source: 'The Washington Post',
          url: null,
          publishedAt: '2021-09-09',
          ingestedAt: '2024-01-01T00:00:00.000Z',
        },
      ];
    }
  }

  it('GIVEN "qin" typed into actor THEN at most 25 choices come back', async () => {
    const source = new ListingSource();
    const choices = await autocompleteChoices('actor', 'qin', source);
    expect(choices).toHaveLength(25);
    expect(source.asked[0]).toEqual({ prefix: 'qin', limit: 25 });
  });

  it('GIVEN "biden" typed into article THEN the choice shows title and date and carries the id', async () => {
    const source = new ListingSource();
    expect(await autocompleteChoices('article', ' biden ', source)).toEqual([
      {
        name: 'Biden and China’s Xi speak for a second time amid rising tensions (2021-09-09)',
        value: '2021-09-09-biden-xi-call',
      },
    ]);
    expect(source.asked[0]).toEqual({ options: { limit: 25, titleWords: 'biden' } });
  });

  it.each([
    ['europe/be', 'Europe/Belgrade'],
    ['berlin', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
  ])('GIVEN %j typed into timezone THEN %s is offered', async (typed, zone) => {
    const choices = await autocompleteChoices('timezone', typed, new ListingSource());
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((choice) => choice.value)).toContain(zone);
  });
});

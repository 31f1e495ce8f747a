import { describe, expect, it } from 'vitest';
import { type CommandArg, typedCommand, usageFor } from '../../src/core/commands/command-syntax.ts';
import { parseCommandArguments, parseSlashCommand } from '../../src/core/commands/command-text.ts';
import { pauseNotice } from '../../src/core/commands/pause-notice.ts';
import { needsManageRights } from '../../src/core/commands/permissions.ts';
import {
  applySubscriptionOptions,
  describeSubscriptionOptions,
} from '../../src/core/commands/subscription-options.ts';
import type { CommandName, CommandOptions } from '../../src/core/commands/types.ts';
import { DEFAULT_WORKSPACE_POLICY, type Platform, type SubscriptionOptions } from '../../src/core/ports.ts';
import { slackDate } from '../../src/platforms/slack/blocks.ts';
import { parseUmbrellaText } from '../../src/platforms/slack/command-text.ts';

describe('subscription options as typed', () => {
  it.each<[string, SubscriptionOptions, CommandOptions, SubscriptionOptions | string]>([
    [
      'keywords and sources, spaces trimmed, repeats dropped',
      {},
      { keywords: ' Xi, Taiwan ,Xi', sources: 'Reuters' },
      { keywords: ['Xi', 'Taiwan'], sources: ['Reuters'] },
    ],
    ['"none" clears keywords', { keywords: ['Xi'], articles: 3 }, { keywords: 'none' }, { articles: 3 }],
    ['stories and sentences', {}, { articles: '3', summary: '2' }, { articles: 3, summarySentences: 2 }],
    ['quiet off: a "nothing new" post', {}, { quiet: 'off' }, { postWhenEmpty: true }],
    ['quiet on again (the default is not stored)', { postWhenEmpty: true }, { quiet: 'yes' }, {}],
    ['nothing typed keeps what is there', { sources: ['AP'] }, {}, { sources: ['AP'] }],
    ['too many stories', {}, { articles: '11' }, 'articles takes a whole number from 1 to 10, not “11”'],
    ['no stories', {}, { articles: '0' }, 'articles takes a whole number from 1 to 10, not “0”'],
    ['a word for a count', {}, { summary: 'two' }, 'summary takes a whole number from 1 to 5, not “two”'],
    ['quiet maybe', {}, { quiet: 'maybe' }, 'quiet takes on or off, not “maybe”'],
    ['only commas', {}, { keywords: ' , ,' }, 'give keywords separated by commas, or "none"'],
  ])('GIVEN %s THEN the options are %j', (_case, current, typed, expected) => {
    const applied = applySubscriptionOptions(current, typed);
    expect(applied.ok ? applied.value : applied.error).toEqual(expected);
  });

  it.each<[SubscriptionOptions, string]>([
    [{}, '5 stories · quiet'],
    [{ articles: 1, summarySentences: 1 }, '1 story · 1 summary sentence · quiet'],
    [
      { keywords: ['Xi'], sources: ['AP', 'Reuters'], postWhenEmpty: true },
      '5 stories · keywords: Xi · sources: AP, Reuters · quiet off (says when nothing is new)',
    ],
  ])('GIVEN %j THEN a reply describes it as "%s"', (options, described) => {
    expect(describeSubscriptionOptions(options).join(' · ')).toBe(described);
  });
});

describe('reading the typed subscription commands', () => {
  it.each<[string, CommandName, CommandOptions]>([
    [
      '/subscribe "0 8 * * 1-5" Europe/Berlin keywords:"Xi, Biden" articles:3 quiet:off',
      'subscribe',
      {
        schedule: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
        keywords: 'Xi, Biden',
        articles: '3',
        quiet: 'off',
      },
    ],
    [
      '/subscribe 30 17 * * * stories:2 source:Reuters',
      'subscribe',
      { schedule: '30 17 * * *', articles: '2', sources: 'Reuters' },
    ],
    ['/subscribe id:3f9c2a1b7d4e summary:1', 'subscribe', { id: '3f9c2a1b7d4e', summary: '1' }],
    ['/subscriptions', 'subscriptions', {}],
    [
      '/subscriptions edit 3f9c2a1b7d4e keywords:none',
      'subscriptions',
      { action: 'edit', id: '3f9c2a1b7d4e', keywords: 'none' },
    ],
    ['/subscriptions test', 'subscriptions', { action: 'test' }],
    ['/resume 3f9c2a1b7d4e', 'resume', { id: '3f9c2a1b7d4e' }],
    ['/digest-now', 'digest-now', {}],
  ])('GIVEN "%s" THEN it is /%s with %j', (line, name, options) => {
    expect(parseSlashCommand(line)).toEqual({ name, options });
  });
});

describe('each platform’s syntax', () => {
  const subscribe: CommandArg[] = [
    ['schedule', '0 8 * * 1-5'],
    ['timezone', 'Europe/Berlin'],
    ['articles', '3'],
  ];
  it.each<[Platform, CommandName, CommandArg[], string]>([
    ['console', 'subscribe', subscribe, '/subscribe "0 8 * * 1-5" Europe/Berlin articles:3'],
    ['slack', 'subscribe', subscribe, '/newsdesk subscribe "0 8 * * 1-5" Europe/Berlin articles:3'],
    ['discord', 'subscribe', subscribe, '/subscribe schedule:0 8 * * 1-5 timezone:Europe/Berlin articles:3'],
    ['slack', 'actors', [], '/newsdesk actors'],
    ['discord', 'resume', [['id', 'abc']], '/resume id:abc'],
    ['console', 'resume', [['id', 'abc']], '/resume abc'],
    ['slack', 'quotes', [['article', 'latest']], '/newsdesk quotes article:latest'],
  ])('GIVEN %s THEN /%s is typed as it is there', (platform, name, args, typed) => {
    expect(typedCommand(platform, name, args)).toBe(typed);
  });

  it('GIVEN the console and Slack lines newsdesk suggests THEN it reads them back to the same options', () => {
    const expected = { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin', articles: '3' };
    expect(parseSlashCommand(typedCommand('console', 'subscribe', subscribe))?.options).toEqual(expected);
    const slack = parseUmbrellaText(
      typedCommand('slack', 'subscribe', subscribe).replace(/^\/newsdesk /, ''),
    );
    expect(slack.ok ? slack.request.options : slack).toEqual(expected);
  });

  it('GIVEN a usage line THEN Slack puts it under /newsdesk and the others keep it', () => {
    expect(usageFor('slack', '/resume [id]')).toBe('/newsdesk resume [id]');
    expect(usageFor('discord', '/resume [id]')).toBe('/resume [id]');
  });
});

describe('who may steer subscriptions', () => {
  const place = { directMessage: false, policy: DEFAULT_WORKSPACE_POLICY };
  it.each<[CommandName, CommandOptions, boolean]>([
    ['resume', {}, true],
    ['digest-now', {}, true],
    ['subscriptions', {}, false],
    ['subscriptions', { action: 'list' }, false],
    ['subscriptions', { action: 'edit' }, true],
    ['subscriptions', { action: 'test' }, true],
  ])('GIVEN /%s %j THEN channel-manage rights needed: %s', (name, options, needed) => {
    expect(needsManageRights({ name, options }, place)).toBe(needed);
  });
});

describe('the pause notice', () => {
  it.each<[Platform, string]>([
    ['slack', '/newsdesk resume 3f9c'],
    ['discord', '/resume id:3f9c'],
    ['console', '/resume 3f9c'],
  ])('GIVEN a paused %s subscription THEN the notice gives the reason and %s', (platform, resume) => {
    const text = pauseNotice(
      { id: '3f9c', cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', platform },
      'the channel is archived',
    );
    expect(text).toBe(
      `newsdesk paused this channel's digest subscription 3f9c ("0 8 * * 1-5", Europe/Berlin): the channel is archived. When that is fixed, someone who may manage the channel can run ${resume} to resume it.`,
    );
  });
});

describe('times on Slack', () => {
  it('GIVEN 08:00 in Berlin THEN the token carries the instant and a fallback in the subscription’s zone', () => {
    expect(slackDate('2024-05-06T06:00:00.000Z', 'Europe/Berlin')).toBe(
      '<!date^1714975200^{date_short_pretty} {time}|Mon 2024-05-06 08:00 (Europe/Berlin)>',
    );
  });
});

describe('options on Discord', () => {
  it('GIVEN an integer and a boolean option THEN the request carries them as text', async () => {
    const { commandRequest } = await import('../../src/platforms/discord/commands.ts');
    const values: Record<string, string> = { schedule: '0 8 * * *', articles: '3', quiet: 'false' };
    expect(commandRequest('subscribe', (name) => values[name] ?? null)).toEqual({
      name: 'subscribe',
      options: { schedule: '0 8 * * *', articles: '3', quiet: 'false' },
    });
    expect(parseCommandArguments('subscribe', 'quiet:false').options).toEqual({ quiet: 'false' });
  });
});

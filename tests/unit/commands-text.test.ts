import { describe, expect, it } from 'vitest';
import { parseSlashCommand } from '../../src/core/commands/command-text.ts';
import { packTextBlocks, renderReplyAsText } from '../../src/core/commands/render-text.ts';
import type { CommandReply, CommandRequest } from '../../src/core/commands/types.ts';

describe('parseSlashCommand', () => {
  it.each<[string, CommandRequest | undefined]>([
    ['/quotes Xi', { name: 'quotes', options: { actor: 'Xi' } }],
    ['/quotes', { name: 'quotes', options: {} }],
    ['/QUOTES Xi Jinping', { name: 'quotes', options: { actor: 'Xi Jinping' } }],
    [
      '/quotes actor:"Qin Gang" article:latest',
      { name: 'quotes', options: { actor: 'Qin Gang', article: 'latest' } },
    ],
    ['/background Qin Gnag', { name: 'background', options: { actor: 'Qin Gnag' } }],
    ['/background Xi’s', { name: 'background', options: { actor: 'Xi’s' } }],
    ['/digest', { name: 'digest', options: {} }],
    ['/digest biden xi', { name: 'digest', options: { article: 'biden xi' } }],
    ['/actors latest', { name: 'actors', options: { article: 'latest' } }],
    [
      '/subscribe "0 8 * * 1-5" Europe/Berlin',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' } },
    ],
    [
      '/subscribe 0 8 * * 1-5 Europe/Berlin',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' } },
    ],
    ['/subscribe “30 17 * * *”', { name: 'subscribe', options: { schedule: '30 17 * * *' } }],
    [
      '/subscribe schedule:"0 9 * * *" timezone:UTC',
      { name: 'subscribe', options: { schedule: '0 9 * * *', timezone: 'UTC' } },
    ],
    ['/subscribe 61 8 *', { name: 'subscribe', options: { schedule: '61 8 *' } }],
    ['/unsubscribe sub_42', { name: 'unsubscribe', options: { id: 'sub_42' } }],
    ['/frobnicate now', { name: 'help', options: {}, unrecognized: '/frobnicate now' }],
    ['who is Xi?', undefined],
  ])('GIVEN "%s" THEN it reads as %j', (line, expected) => {
    expect(parseSlashCommand(line)).toEqual(expected);
  });
});

const ARTICLE = {
  id: 'biden-xi',
  title: 'Biden and China’s Xi speak for a second time amid rising tensions',
  source: 'The Washington Post',
  url: null,
  publishedAt: '2021-09-09',
};

describe('renderReplyAsText', () => {
  it('GIVEN an unknown actor with suggestions THEN the text offers them as "did you mean"', () => {
    const reply: CommandReply = {
      kind: 'error',
      ephemeral: true,
      code: 'actor_not_found',
      text: 'I found no actor called “Qin Gangster”.',
      suggestions: ['Qin Gang'],
    };
    expect(renderReplyAsText(reply)).toBe('I found no actor called “Qin Gangster”.\nDid you mean: Qin Gang?');
  });

  it('GIVEN quotes from one article THEN the article is named once and each line has speaker and ¶', () => {
    const reply: CommandReply = {
      kind: 'quotes',
      ephemeral: false,
      actor: 'Xi Jinping',
      article: null,
      topic: null,
      page: 1,
      more: null,
      total: 1,
      quotes: [
        {
          text: 'caused serious difficulties',
          speaker: 'Xi Jinping',
          kind: 'partial',
          paragraph: 12,
          article: ARTICLE,
        },
      ],
    };
    expect(renderReplyAsText(reply)).toBe(
      [
        `Quotes from Xi Jinping in “${ARTICLE.title}”:`,
        '  “caused serious difficulties” — Xi Jinping (¶12)',
      ].join('\n'),
    );
  });

  it('GIVEN a paused subscription THEN the reason is shown', () => {
    const reply: CommandReply = {
      kind: 'subscriptions',
      ephemeral: true,
      channel: { platform: 'console', workspaceId: '', channelId: 'console' },
      subscriptions: [
        {
          id: 's1',
          cron: '0 8 * * 1-5',
          timezone: 'Europe/Berlin',
          options: {},
          nextRuns: ['2024-05-06T06:00:00.000Z'],
          pausedReason: 'the channel is archived',
          createdBy: 'u1',
          createdAt: '2024-05-01T00:00:00.000Z',
        },
      ],
    };
    expect(renderReplyAsText(reply)).toContain(
      '0 8 * * 1-5 (Europe/Berlin) — paused: the channel is archived — when that is fixed, /resume s1',
    );
  });
});

describe('packTextBlocks', () => {
  const articleBlock = (n: number) =>
    `Article ${n}\n  • President Biden spoke with Chinese President Xi Jinping for the second time as president. (¶1)`;

  it('GIVEN blocks longer together than the limit THEN messages split between blocks, each within the limit', () => {
    const blocks = [1, 2, 3, 4, 5].map(articleBlock);
    const messages = packTextBlocks(blocks, 250);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(250);
    expect(messages.join('\n\n')).toBe(blocks.join('\n\n'));
  });

  it('GIVEN one block longer than the limit THEN it is cut after the last whole sentence that fits, and marked', () => {
    const block =
      'Chinese official statements have hardened in recent months. The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in wrong beliefs. That was interpreted as a reference to China’s store of nuclear weapons.';
    const [message] = packTextBlocks([block], 200);
    expect(message).toBe(
      'Chinese official statements have hardened in recent months. The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in wrong beliefs.…',
    );
    expect(message?.length).toBeLessThanOrEqual(200);
  });
});

describe('renderReplyAsText, subscriptions and help', () => {
  it('GIVEN a new subscription THEN its options and next runs read as wall-clock times in its time zone', () => {
    const reply: CommandReply = {
      kind: 'subscribed',
      ephemeral: false,
      outcome: 'created',
      subscription: {
        id: 's1',
        cron: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
        options: { keywords: ['Xi', 'Taiwan'], articles: 3 },
        nextRuns: ['2024-05-06T06:00:00.000Z', '2024-05-07T06:00:00.000Z'],
        pausedReason: null,
        createdBy: 'u1',
        createdAt: '2024-05-03T12:00:00.000Z',
      },
    };
    expect(renderReplyAsText(reply)).toBe(
      [
        'Subscribed: a digest of the new stories on "0 8 * * 1-5" (Europe/Berlin):',
        '  • 0 8 * * 1-5 (Europe/Berlin) — active [id s1]',
        '    3 stories · keywords: Xi, Taiwan · quiet',
        '    next: Mon 2024-05-06 08:00, Tue 2024-05-07 08:00',
      ].join('\n'),
    );
  });

  it('GIVEN mention text no command matched THEN the help is one short line', () => {
    const reply: CommandReply = {
      kind: 'help',
      ephemeral: true,
      commands: [
        { name: 'digest', usage: '/digest [article]', description: 'd', examples: ['/digest'] },
        { name: 'quotes', usage: '/quotes [actor] [article]', description: 'q', examples: ['/quotes'] },
      ],
      mentionExamples: ['@newsdesk who is Qin Gang?'],
      unrecognized: 'thanks',
    };
    expect(renderReplyAsText(reply)).toBe(
      'I did not understand “thanks”. Try /digest [article] · /quotes [actor] [article], or "@newsdesk who is Qin Gang?".',
    );
  });
});

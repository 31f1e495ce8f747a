import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CommandReply } from '../../src/core/commands/types.ts';
import type { Digest, DigestItem } from '../../src/core/digest/digest.ts';
import {
  DISCORD_LIMITS,
  type DiscordMessage,
  discordText,
  embedLength,
  renderDigestForDiscord,
  renderReplyForDiscord,
} from '../../src/platforms/discord/embeds.ts';

/** Real sentences of the default article (digests/2021-09-09-biden-xi-call.txt). */
const SENTENCES = [
  'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday, amid rising tensions over human rights, military ambitions, trade and the coronavirus.',
  'The call Thursday evening in Washington yielded no specific announcements, including about whether the two leaders would meet in person for a much-anticipated summit this fall.',
  'Chinese official statements have hardened in recent months.',
  'Biden recommitted this week to attend that November climate session, but Xi’s attendance at either forum is not certain.',
  'China has committed $31 million in new food aid to Afghanistan and may be exploring ways to use the sprawling Bagram airfield abandoned by U.S. forces.',
];

function item(index: number, summaryLines = 3): DigestItem {
  return {
    articleId: `article-${index}`,
    title: `Biden and China’s Xi speak for a second time amid rising tensions (${index})`,
    source: 'The Washington Post',
    url: `https://www.washingtonpost.com/world/2021/09/09/biden-xi-call-${index}/`,
    publishedAt: '2021-09-09T22:00:00.000Z',
    summary: Array.from({ length: summaryLines }, (_, line) => ({
      text: SENTENCES[line % SENTENCES.length] ?? '',
      paragraph: line + 1,
    })),
    quotes: [
      {
        text: 'caused serious difficulties',
        speaker: 'Xi Jinping',
        actorId: 'xi-jinping',
        kind: 'partial',
        paragraph: 12,
        sentence:
          'According to CCTV, Xi told Biden that U.S. policy toward China had “caused serious difficulties” in ties.',
        articleId: `article-${index}`,
        source: 'The Washington Post',
      },
      {
        text: 'The U.S. left a trail of destruction in Afghanistan,',
        speaker: 'Zhao Lijian',
        actorId: 'zhao-lijian',
        kind: 'direct',
        paragraph: 23,
        sentence:
          '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
        articleId: `article-${index}`,
        source: 'The Washington Post',
      },
    ],
    actors: ['Joe Biden', 'Xi Jinping', 'Qin Gang', 'Zhao Lijian'],
    alsoReportedBy: [],
  };
}

function digestOf(items: DigestItem[]): Digest {
  return { heading: `newsdesk digest: ${items.length} articles`, items };
}

/** Every limit of DESIGN.md, checked on each message. */
function expectWithinLimits(messages: readonly DiscordMessage[]): void {
  for (const message of messages) {
    expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    const total = message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.messageEmbedTotal);
    for (const embed of message.embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
      expect(embed.title || embed.description || embed.fields?.length).toBeTruthy();
    }
  }
}

const titles = (messages: readonly DiscordMessage[]): string[] =>
  messages.flatMap((message) => message.embeds.map((embed: APIEmbed) => embed.title ?? ''));

describe('renderDigestForDiscord', () => {
  it('GIVEN one article THEN one message: heading as content, one embed with title, link, ¶ lines, quote fields and provenance', () => {
    const [message, ...rest] = renderDigestForDiscord(digestOf([item(1)]));
    expect(rest).toEqual([]);
    expect(message?.content).toBe('newsdesk digest: 1 articles');
    const embed = message?.embeds[0];
    expect(embed?.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions (1)');
    expect(embed?.url).toBe('https://www.washingtonpost.com/world/2021/09/09/biden-xi-call-1/');
    expect(embed?.description?.split('\n')[0]).toBe(
      '• President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday, amid rising tensions over human rights, military ambitions, trade and the coronavirus. *(¶1)*',
    );
    expect(embed?.fields?.map((field) => field.name)).toEqual([
      'Xi Jinping · ¶12',
      'Zhao Lijian · ¶23',
      'Actors',
    ]);
    expect(embed?.footer?.text).toBe('The Washington Post · 2021-09-09');
  });

  it.each([
    [12, 'more articles than embeds a message holds'],
    [40, 'many long articles'],
  ])(
    'GIVEN %i articles (%s) THEN every message keeps the limits and each article stays whole in one message',
    (count) => {
      const items = Array.from({ length: count }, (_, index) => item(index, 30));
      const messages = renderDigestForDiscord(digestOf(items));
      expect(messages.length).toBeGreaterThan(1);
      expectWithinLimits(messages);
      expect(titles(messages).filter((title) => title !== '')).toEqual(items.map((entry) => entry.title));
      expect(messages[1]?.content).toMatch(/\(part 2 of \d+\)$/);
    },
  );

  it('GIVEN an article whose summary exceeds a description THEN it continues in a second embed, cut only between sentences', () => {
    const messages = renderDigestForDiscord(digestOf([item(1, 60)]));
    expectWithinLimits(messages);
    const embeds = messages.flatMap((message) => message.embeds);
    expect(embeds.length).toBeGreaterThan(1);
    for (const embed of embeds) {
      for (const line of embed.description?.split('\n') ?? []) expect(line).toMatch(/^• .*\*\(¶\d+\)\*$/);
    }
  });

  it('GIVEN a URL that is not http(s) THEN the embed has no url (Discord would reject the message)', () => {
    const [message] = renderDigestForDiscord(digestOf([{ ...item(1), url: 'javascript:alert(1)' }]));
    expect(message?.embeds[0]?.url).toBeUndefined();
  });
});

describe('discordText', () => {
  it.each([
    [
      'Someone posted @everyone and then <@123> in every channel',
      'Someone posted @everyone and then \\<@123\\> in every channel',
    ],
    ['a **bold** claim', 'a \\*\\*bold\\*\\* claim'],
    ['[click](https://example.com)', '\\[click\\](https://example.com)'],
    ['# not a heading', '\\# not a heading'],
    [
      'The U.S. left a trail of destruction in Afghanistan',
      'The U.S. left a trail of destruction in Afghanistan',
    ],
  ])('GIVEN %j THEN it shows as typed: %j', (input, expected) => {
    expect(discordText(input)).toBe(expected);
  });
});

describe('renderReplyForDiscord', () => {
  const notAllowed: CommandReply = {
    kind: 'error',
    ephemeral: true,
    code: 'not_allowed',
    text: 'Changing this channel’s subscriptions needs the right to manage the channel.',
    suggestions: [],
  };

  it('GIVEN a refusal for lack of rights THEN it is ephemeral and names Discord’s Manage Channels permission', () => {
    const rendered = renderReplyForDiscord(notAllowed);
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.messages[0]?.embeds[0]?.description).toContain('**Manage Channels**');
  });

  it.each<[string, CommandReply, boolean]>([
    [
      'a did-you-mean notice',
      {
        kind: 'notice',
        ephemeral: false,
        text: 'No such article.',
        suggestions: ['Biden and China’s Xi speak'],
      },
      true,
    ],
    [
      'a plain notice',
      { kind: 'notice', ephemeral: false, text: 'This channel has no subscriptions.', suggestions: [] },
      false,
    ],
    ['an error flagged public', { ...notAllowed, ephemeral: false }, true],
    [
      'an actors list',
      {
        kind: 'actors',
        ephemeral: false,
        article: { id: 'a', title: 'Biden and China’s Xi speak', source: null, url: null, publishedAt: null },
        actors: [
          { name: 'Qin Gang', kind: 'person', roles: ['ambassador to Washington'], mentions: 2, quotes: 3 },
        ],
      },
      false,
    ],
  ])('GIVEN %s THEN ephemeral is %s', (_name, reply, ephemeral) => {
    expect(renderReplyForDiscord(reply).ephemeral).toBe(ephemeral);
  });

  it('GIVEN a did-you-mean error THEN the suggestions are offered in bold', () => {
    const rendered = renderReplyForDiscord({
      kind: 'error',
      ephemeral: true,
      code: 'actor_not_found',
      text: 'I found no actor called “Qin Gnag Wei”.',
      suggestions: ['Qin Gang'],
    });
    expect(rendered.messages[0]?.embeds[0]?.description).toContain('Did you mean **Qin Gang**?');
  });

  it('GIVEN help THEN each command is a field with its usage and the mention examples are in the footer', () => {
    const rendered = renderReplyForDiscord({
      kind: 'help',
      ephemeral: true,
      commands: [
        {
          name: 'quotes',
          usage: '/quotes [actor] [article]',
          description: 'Key quotes.',
          examples: ['/quotes Xi'],
        },
      ],
      mentionExamples: ['@newsdesk who is Qin Gang?'],
      unrecognized: null,
    });
    const embed = rendered.messages[0]?.embeds[0];
    expect(embed?.fields).toEqual([
      { name: '/quotes [actor] [article]', value: 'Key quotes.\ne.g. `/quotes Xi`' },
    ]);
    expect(embed?.footer?.text).toBe('Or mention me: @newsdesk who is Qin Gang?');
  });
});

import { describe, expect, it } from 'vitest';
import type { CommandReply } from '../../src/core/commands/types.ts';
import type { Digest, DigestItem } from '../../src/core/digest/digest.ts';
import {
  renderDigestForSlack,
  renderReplyForSlack,
  SLACK_LIMITS,
  type SlackMessage,
  sections,
} from '../../src/platforms/slack/blocks.ts';
import { slackLink, slackText, truncateText, unescapeSlackText } from '../../src/platforms/slack/mrkdwn.ts';
import { BIDEN_XI_PARAGRAPHS, BIDEN_XI_QUOTES } from '../fixtures/store-articles.ts';

describe('slackText', () => {
  const table: [string, string, string][] = [
    [
      'a broadcast in angle brackets',
      'Someone typed <!channel> at noon.',
      'Someone typed &lt;!channel&gt; at noon.',
    ],
    ['a bare @here', 'Ask @here before lunch.', 'Ask @\u2060here before lunch.'],
    [
      '@everyone and @Channel',
      'Then @everyone and @Channel replied.',
      'Then @\u2060everyone and @\u2060Channel replied.',
    ],
    ['a user mention', '<@U024BE7LD> said yes.', '&lt;@U024BE7LD&gt; said yes.'],
    [
      'a disguised link',
      'See <https://evil.example|the report>.',
      'See &lt;https://evil.example|the report&gt;.',
    ],
    ['an ampersand', 'AT&T and Verizon disagreed.', 'AT&amp;T and Verizon disagreed.'],
    [
      'a plain news sentence',
      'Xi told Biden that U.S. policy had “caused serious difficulties” in ties.',
      'Xi told Biden that U.S. policy had “caused serious difficulties” in ties.',
    ],
  ];
  it.each(table)('GIVEN %s THEN it is escaped so Slack shows it as typed', (_name, input, expected) => {
    expect(slackText(input)).toBe(expected);
  });

  it('GIVEN text a user typed THEN unescaping undoes Slack’s &amp; &lt; &gt;', () => {
    expect(unescapeSlackText('quotes AT&amp;T &lt;b&gt;')).toBe('quotes AT&T <b>');
  });
});

describe('slackLink', () => {
  it('GIVEN an http URL THEN it links the escaped title', () => {
    expect(slackLink('https://www.washingtonpost.com/politics/biden-xi-call/', 'Biden & Xi')).toBe(
      '<https://www.washingtonpost.com/politics/biden-xi-call/|Biden &amp; Xi>',
    );
  });
  it.each([
    ['a URL with a pipe', 'https://example.com/a|<!channel>'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['no URL', null],
  ])('GIVEN %s THEN no link is made', (_name, url) => {
    expect(slackLink(url, 'title')).toBeUndefined();
  });
});

describe('truncateText', () => {
  it('GIVEN text over the limit THEN it is cut at a word, marked with …, within the limit', () => {
    const text = BIDEN_XI_PARAGRAPHS[1] ?? '';
    const cut = truncateText(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
  });
  it('GIVEN an escaped entity at the cut THEN no half entity remains', () => {
    const cut = truncateText(slackText(`${'word '.repeat(18)}AT&T`), 95);
    expect(cut).not.toMatch(/&[a-z]*…$/);
  });
});

/** A digest item from the default article, its summary made of `lines` real paragraphs. */
function item(n: number, lines: number): DigestItem {
  return {
    articleId: `biden-xi-${n}`,
    title: `Biden and China’s Xi speak for a second time amid rising tensions (${n})`,
    source: 'The Washington Post',
    url: 'https://www.washingtonpost.com/politics/2021/09/09/biden-xi-call/',
    publishedAt: '2021-09-09T22:00:00Z',
    summary: Array.from({ length: lines }, (_, i) => ({
      text: BIDEN_XI_PARAGRAPHS[i % BIDEN_XI_PARAGRAPHS.length] ?? '',
      paragraph: (i % BIDEN_XI_PARAGRAPHS.length) + 1,
    })),
    quotes: BIDEN_XI_QUOTES.slice(0, 3).map((quote) => ({
      ...quote,
      articleId: `biden-xi-${n}`,
      source: 'The Washington Post',
    })),
    actors: ['Joe Biden', 'Xi Jinping', 'Qin Gang'],
    alsoReportedBy: [],
  };
}

function checkLimits(messages: SlackMessage[]): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const block of message.blocks) {
      if (block.type === 'header')
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section')
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (block.type === 'context')
        for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
  }
}

describe('renderDigestForSlack', () => {
  it('GIVEN one article THEN one message: header, title, provenance, summary, quotes, actors', () => {
    const messages = renderDigestForSlack({ heading: 'newsdesk digest: 1 article', items: [item(1, 3)] });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'context',
      'section',
      'section',
      'context',
    ]);
    checkLimits(messages);
  });

  it('GIVEN 25 long articles THEN messages keep every limit and split only between articles', () => {
    const digest: Digest = {
      heading: `newsdesk digest: ${'a very long heading '.repeat(12)}`,
      items: Array.from({ length: 25 }, (_, n) => item(n + 1, 40)),
    };
    const messages = renderDigestForSlack(digest);
    expect(messages.length).toBeGreaterThan(1);
    checkLimits(messages);
    // Each article's title and its last summary line land in the same message.
    for (const digestItem of digest.items) {
      const holders = messages.filter((m) => JSON.stringify(m.blocks).includes(digestItem.title));
      expect(holders).toHaveLength(1);
    }
  });

  it('GIVEN a summary longer than one section THEN it spans several sections, split between sentences', () => {
    const lines = BIDEN_XI_PARAGRAPHS.map((text, i) => `• ${slackText(text)} _(¶${i + 1})_`);
    const blocks = sections(lines);
    expect(blocks.length).toBeGreaterThan(1);
    const rejoined = blocks.map((b) => (b.type === 'section' ? b.text.text : '')).join('\n');
    expect(rejoined).toBe(lines.join('\n'));
  });

  it('GIVEN a single sentence over 3,000 characters THEN it is cut with … rather than breaking the message', () => {
    const long = `${(BIDEN_XI_PARAGRAPHS[5] ?? '').repeat(12)}`;
    const [block] = sections([long]);
    expect(block?.type === 'section' ? block.text.text.length : 0).toBeLessThanOrEqual(3000);
    expect(block?.type === 'section' ? block.text.text.endsWith('…') : false).toBe(true);
  });
});

describe('renderReplyForSlack', () => {
  const ref = {
    id: 'biden-xi',
    title: 'Biden and China’s Xi speak for a second time amid rising tensions',
    source: 'The Washington Post',
    url: null,
    publishedAt: '2021-09-09',
  };
  const table: [string, CommandReply, boolean, string][] = [
    [
      'an error with suggestions',
      {
        kind: 'error',
        ephemeral: true,
        code: 'actor_not_found',
        text: 'No actor “Qin Gagn”.',
        suggestions: ['Qin Gang'],
      },
      true,
      'Did you mean *Qin Gang*?',
    ],
    [
      'help, even if flagged for the channel',
      {
        kind: 'help',
        ephemeral: false,
        commands: [
          {
            name: 'quotes',
            usage: '/newsdesk quotes [actor] [article]',
            description: 'Key quotes.',
            examples: ['/newsdesk quotes Xi'],
          },
        ],
        mentionExamples: ['@newsdesk who is Qin Gang?'],
        unrecognized: null,
      },
      true,
      '`/newsdesk quotes [actor] [article]`',
    ],
    [
      'quotes of one actor',
      {
        kind: 'quotes',
        ephemeral: false,
        actor: 'Xi Jinping',
        article: ref,
        page: 1,
        more: null,
        quotes: [
          {
            text: 'caused serious difficulties',
            speaker: 'Xi Jinping',
            kind: 'partial',
            paragraph: 12,
            article: ref,
          },
        ],
        topic: null,
        total: 4,
      },
      false,
      '> “caused serious difficulties” — *Xi Jinping* _(¶12)_',
    ],
    [
      'a paused subscription',
      {
        kind: 'subscriptions',
        ephemeral: false,
        channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
        subscriptions: [
          {
            id: 'sub-1',
            cron: '0 8 * * 1-5',
            timezone: 'Europe/Berlin',
            options: {},
            nextRuns: [],
            pausedReason: 'Slack channel_not_found: the channel was deleted',
            createdBy: 'U1',
            createdAt: '2024-03-01T08:00:00Z',
          },
        ],
      },
      false,
      '*paused*: Slack channel_not_found',
    ],
  ];
  it.each(table)(
    'GIVEN %s THEN it is shown to the right audience, with its key line',
    (_name, reply, ephemeral, line) => {
      const rendered = renderReplyForSlack(reply);
      expect(rendered.ephemeral).toBe(ephemeral);
      expect(JSON.stringify(rendered.messages)).toContain(JSON.stringify(line).slice(1, -1));
      checkLimits(rendered.messages);
    },
  );
});

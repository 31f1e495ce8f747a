import { describe, expect, it } from 'vitest';
import { feedDate, htmlToBlocks, parseFeed } from '../../src/ingest/feed-parse.ts';
import { atomFeed, BIKE_LANES, RATES, rssFeed, STORM, storyHtml } from '../fixtures/feeds/stories.ts';

describe('parseFeed: RSS 2.0', () => {
  const xml = rssFeed('The Harbor Times', [
    {
      title: BIKE_LANES.title,
      link: 'https://news.example/2024/bike-lanes?utm_source=rss',
      guid: 'harbor-1001',
      date: '2024-05-01T18:30:00Z',
      description: BIKE_LANES.paragraphs[0] ?? '',
      content: storyHtml(BIKE_LANES),
    },
    {
      title: 'Storm &amp; power cuts',
      link: '/2024/storm',
      description: '<p>A fast-moving <b>storm</b>.</p>',
    },
  ]);

  it('GIVEN an RSS channel THEN its title and items come out in feed order', () => {
    const parsed = parseFeed(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.format).toBe('rss');
    expect(parsed.value.title).toBe('The Harbor Times');
    expect(parsed.value.items.map((item) => item.title)).toEqual([BIKE_LANES.title, 'Storm & power cuts']);
  });

  it('GIVEN a guid, a date and content:encoded THEN the item keeps all three', () => {
    const parsed = parseFeed(xml);
    if (!parsed.ok) throw new Error(parsed.error);
    const [first] = parsed.value.items;
    expect(first?.key).toBe('harbor-1001');
    expect(first?.publishedAt).toBe('2024-05-01T18:30:00.000Z');
    expect(htmlToBlocks(first?.contentHtml ?? '')).toEqual(BIKE_LANES.paragraphs);
  });

  it('GIVEN a relative link and no guid THEN the link is absolute and is the key', () => {
    const parsed = parseFeed(xml);
    if (!parsed.ok) throw new Error(parsed.error);
    const second = parsed.value.items[1];
    expect(second?.link).toBe('https://news.example/2024/storm');
    expect(second?.key).toBe('https://news.example/2024/storm');
  });
});

describe('parseFeed: Atom', () => {
  it('GIVEN an Atom feed THEN entries give id, alternate link, date and content', () => {
    const parsed = parseFeed(
      atomFeed('Coast Weather', [
        {
          title: STORM.title,
          link: 'https://atom.example/storm',
          guid: 'tag:atom.example,2024:storm',
          date: '2024-05-05T07:00:00Z',
          content: storyHtml(STORM),
        },
      ]),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.format).toBe('atom');
    expect(parsed.value.title).toBe('Coast Weather');
    const [entry] = parsed.value.items;
    expect(entry).toMatchObject({
      key: 'tag:atom.example,2024:storm',
      link: 'https://atom.example/storm',
      publishedAt: '2024-05-05T07:00:00.000Z',
    });
    expect(htmlToBlocks(entry?.contentHtml ?? '')).toEqual(STORM.paragraphs);
  });
});

describe('parseFeed: what is not a feed', () => {
  const cases: [string, string, string][] = [
    ['an unclosed tag', '<rss><channel><title>Broken</channel></rss>', 'malformed XML at line 1'],
    ['text that is not XML', 'Service temporarily unavailable', 'malformed XML'],
    ['an HTML page', '<html><body><p>Hello</p></body></html>', 'not an RSS or Atom feed'],
    ['an empty body', '   ', 'empty document'],
  ];
  it.each(cases)('GIVEN %s THEN the error says %s', (_name, xml, message) => {
    const parsed = parseFeed(xml);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('htmlToBlocks', () => {
  const cases: [string, string, string[]][] = [
    [
      'paragraphs with a script and a caption',
      `<figure><img src="x.jpg"><figcaption>Photo: Jane Doe</figcaption></figure><p>${RATES.paragraphs[0]}</p><script>track()</script><p>${RATES.paragraphs[1]}</p>`,
      [RATES.paragraphs[0] ?? '', RATES.paragraphs[1] ?? ''],
    ],
    [
      'text with line breaks',
      'First line of the item.<br>Second line of the item.',
      ['First line of the item.', 'Second line of the item.'],
    ],
    [
      'plain text with blank lines',
      'One paragraph &amp; more.\n\nAnother paragraph.',
      ['One paragraph & more.', 'Another paragraph.'],
    ],
  ];
  it.each(cases)('GIVEN %s THEN the blocks are its paragraphs', (_name, html, blocks) => {
    expect(htmlToBlocks(html)).toEqual(blocks);
  });
});

describe('feedDate', () => {
  const cases: [string | null, string | null][] = [
    ['Wed, 01 May 2024 18:30:00 GMT', '2024-05-01T18:30:00.000Z'],
    ['2024-05-01T20:30:00+02:00', '2024-05-01T18:30:00.000Z'],
    ['yesterday', null],
    [null, null],
  ];
  it.each(cases)('GIVEN %s THEN the date is %s', (text, iso) => {
    expect(feedDate(text)).toBe(iso);
  });
});

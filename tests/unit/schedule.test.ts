import { describe, expect, it } from 'vitest';
import type { StoredArticle, SubscriptionOptions } from '../../src/core/ports.ts';
import {
  articleMatches,
  composeSlotDelivery,
  NOTHING_NEW_TEXT,
} from '../../src/core/schedule/slot-digest.ts';
import {
  compileSchedule,
  latestSlot,
  nextSlots,
  type Schedule,
  slotsBetween,
} from '../../src/core/schedule/slots.ts';
import {
  analysisOf,
  articleCopy,
  bidenXiAnalysis,
  bidenXiArticle,
  bidenXiExcerpt,
  bidenXiExcerptAnalysis,
} from '../fixtures/store-articles.ts';

function schedule(cron: string, timezone: string): Schedule {
  const compiled = compileSchedule(cron, timezone);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value;
}

function slots(cron: string, timezone: string, after: string, until: string): string[] {
  return slotsBetween(schedule(cron, timezone), new Date(after), new Date(until)).map((d) => d.toISOString());
}

describe('compileSchedule', () => {
  it.each([
    [
      '61 8 * * *',
      'Europe/Berlin',
      "minute field '61' is not valid: use 0-59, a list (1,15), a range (1-5) or a step (*/15)",
    ],
    [
      '0 25 * * *',
      'Europe/Berlin',
      "hour field '25' is not valid: use 0-23, a list (1,15), a range (1-5) or a step (*/15)",
    ],
    [
      '0 8 * * mon-fry',
      'UTC',
      "day-of-week field 'mon-fry' is not valid: use 0-7 or sun-sat, a list (1,15), a range (1-5) or a step (*/15)",
    ],
    [
      '0 8 * *',
      'UTC',
      'a schedule has 5 fields (minute hour day-of-month month day-of-week), "0 8 * *" has 4',
    ],
    [
      '0 8 * * 1-5',
      'Europe/Berln',
      "time zone 'Europe/Berln' is not an IANA time zone name (such as Europe/Berlin or UTC)",
    ],
    ['0 8 * * 1-5', '', "time zone '' is not an IANA time zone name (such as Europe/Berlin or UTC)"],
  ])('GIVEN "%s" in "%s" THEN the error names the bad part: %s', (cron, timezone, message) => {
    const compiled = compileSchedule(cron, timezone);
    expect(compiled.ok ? 'valid' : compiled.error).toBe(message);
  });
});

describe('slotsBetween', () => {
  it.each([
    {
      when: 'weekdays at 8:00 in Berlin summer time',
      cron: '0 8 * * 1-5',
      zone: 'Europe/Berlin',
      after: '2024-05-03T00:00:00Z',
      until: '2024-05-07T00:00:00Z',
      // Friday, then Monday: the weekend is skipped; 8:00 CEST is 06:00 UTC.
      expected: ['2024-05-03T06:00:00.000Z', '2024-05-06T06:00:00.000Z'],
    },
    {
      when: 'the 02:30 local time skipped by the spring-forward jump (Berlin, 2024-03-31)',
      cron: '30 2 * * *',
      zone: 'Europe/Berlin',
      after: '2024-03-30T00:00:00Z',
      until: '2024-04-01T12:00:00Z',
      // Read with the offset before the jump: 02:30 CET = 01:30 UTC = 03:30 CEST, once.
      expected: ['2024-03-30T01:30:00.000Z', '2024-03-31T01:30:00.000Z', '2024-04-01T00:30:00.000Z'],
    },
    {
      when: 'the 02:30 local time repeated by the fall-back change (Berlin, 2024-10-27)',
      cron: '30 2 * * *',
      zone: 'Europe/Berlin',
      after: '2024-10-26T00:00:00Z',
      until: '2024-10-28T12:00:00Z',
      // The first occurrence (02:30 CEST = 00:30 UTC) only, never 02:30 CET (01:30 UTC) as well.
      expected: ['2024-10-26T00:30:00.000Z', '2024-10-27T00:30:00.000Z', '2024-10-28T01:30:00.000Z'],
    },
    {
      when: 'every half hour from 2:00 to 3:59 on the spring-forward night',
      cron: '*/30 2,3 * * *',
      zone: 'Europe/Berlin',
      after: '2024-03-30T22:00:00Z',
      until: '2024-03-31T04:00:00Z',
      // 02:00 and 02:30 land on 03:00 and 03:30 CEST, which are scheduled anyway: one slot each.
      expected: ['2024-03-31T01:00:00.000Z', '2024-03-31T01:30:00.000Z'],
    },
    {
      when: 'every half hour from 2:00 to 3:59 on the fall-back night',
      cron: '*/30 2,3 * * *',
      zone: 'Europe/Berlin',
      after: '2024-10-26T22:00:00Z',
      until: '2024-10-27T04:00:00Z',
      expected: [
        '2024-10-27T00:00:00.000Z',
        '2024-10-27T00:30:00.000Z',
        '2024-10-27T02:00:00.000Z',
        '2024-10-27T02:30:00.000Z',
      ],
    },
    {
      when: '1:30 on the New York fall-back day',
      cron: '30 1 * * *',
      zone: 'America/New_York',
      after: '2024-11-02T12:00:00Z',
      until: '2024-11-04T12:00:00Z',
      expected: ['2024-11-03T05:30:00.000Z', '2024-11-04T06:30:00.000Z'],
    },
    {
      when: 'the window bounds: after is exclusive, until inclusive',
      cron: '0 * * * *',
      zone: 'UTC',
      after: '2024-05-01T08:00:00Z',
      until: '2024-05-01T10:00:00Z',
      expected: ['2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z'],
    },
    {
      when: 'day-of-month and day-of-week both restricted (either matches, as in cron)',
      cron: '0 12 1 * mon',
      zone: 'UTC',
      after: '2024-06-29T00:00:00Z',
      until: '2024-07-09T00:00:00Z',
      expected: ['2024-07-01T12:00:00.000Z', '2024-07-08T12:00:00.000Z'],
    },
  ])('GIVEN $when THEN the slots are $expected', ({ cron, zone, after, until, expected }) => {
    expect(slots(cron, zone, after, until)).toEqual(expected);
  });

  it.each([
    [
      'a minute schedule after a day down',
      '* * * * *',
      '2024-05-01T06:00:30Z',
      '2024-05-02T06:00:30Z',
      '2024-05-02T06:00:00.000Z',
    ],
    [
      'a weekly schedule after three days down',
      '0 8 * * 1',
      '2024-05-03T00:00:00Z',
      '2024-05-07T00:00:00Z',
      '2024-05-06T06:00:00.000Z',
    ],
    [
      'a weekly schedule not due in the window',
      '0 8 * * 1',
      '2024-05-07T00:00:00Z',
      '2024-05-08T00:00:00Z',
      undefined,
    ],
    [
      'the repeated 02:30 on the fall-back night, after the first',
      '30 2 * * *',
      '2024-10-27T00:45:00Z',
      '2024-10-27T02:00:00Z',
      undefined,
    ],
  ])('GIVEN %s THEN the latest slot is the one to post', (_case, cron, after, until, expected) => {
    const found = latestSlot(schedule(cron, 'Europe/Berlin'), new Date(after), new Date(until));
    expect(found?.toISOString()).toBe(expected);
  });

  it('GIVEN a once-a-leap-year schedule THEN nextSlots finds it years ahead', () => {
    const found = nextSlots(schedule('0 0 29 2 *', 'UTC'), new Date('2024-03-01T00:00:00Z'), 1);
    expect(found.map((d) => d.toISOString())).toEqual(['2028-02-29T00:00:00.000Z']);
  });
});

function stored(seq: number, article = bidenXiArticle, analysis = bidenXiAnalysis): StoredArticle {
  return {
    id: `${article.id}-${seq}`,
    seq,
    contentHash: `hash-${seq}`,
    ingestedAt: '2024-05-01T06:00:00.000Z',
    article,
    analysis,
    analysisVersion: 1,
  };
}

describe('articleMatches', () => {
  const full = stored(1);
  const excerpt = stored(2, bidenXiExcerpt, bidenXiExcerptAnalysis);
  it.each<[string, SubscriptionOptions, boolean, boolean]>([
    ['no filters', {}, true, true],
    ['keyword "Blinken" (¶5 of the full story only)', { keywords: ['Blinken'] }, true, false],
    ['keyword "afghanistan" in any case', { keywords: ['afghanistan'] }, true, true],
    ['keyword phrase "Qin Gang"', { keywords: ['Qin Gang'] }, true, true],
    ['keyword "Qin G" (not a whole word)', { keywords: ['Qin G'] }, false, false],
    ['keyword "Trump" or "Zhao"', { keywords: ['Trump', 'Zhao'] }, true, true],
    ['source "the washington post"', { sources: ['the washington post'] }, true, false],
    [
      'source "Wire excerpt" and keyword "Blinken"',
      { sources: ['Wire excerpt'], keywords: ['Blinken'] },
      false,
      false,
    ],
  ])('GIVEN %s THEN full story %s, wire excerpt %s', (_name, options, fullMatches, excerptMatches) => {
    expect([articleMatches(full, options), articleMatches(excerpt, options)]).toEqual([
      fullMatches,
      excerptMatches,
    ]);
  });
});

describe('composeSlotDelivery', () => {
  const copies = [1, 2, 3, 4, 5, 6, 7].map((n) => {
    const { article, analysis } = articleCopy(n);
    return stored(10 + n, article, analysis);
  });

  it('GIVEN seven copies of one story THEN they are one story, the others "also reported by", and the cursor passes them all', () => {
    const delivery = composeSlotDelivery(copies, 10, {});
    expect(delivery.cursor).toBe(17);
    expect(delivery.articleCount).toBe(7);
    if (delivery.message?.kind !== 'digest') throw new Error('expected a digest');
    const [story, ...others] = delivery.message.digest.items;
    expect(others).toEqual([]);
    expect(story?.alsoReportedBy).toHaveLength(6);
    expect(delivery.message.digest.heading).toBe('newsdesk digest: 1 story from 7 new articles');
  });

  it('GIVEN no new articles THEN nothing is posted and the cursor stays', () => {
    expect(composeSlotDelivery([], 42, {})).toEqual({ message: undefined, cursor: 42, articleCount: 0 });
  });

  it('GIVEN no new articles and postWhenEmpty THEN "nothing new" is posted', () => {
    expect(composeSlotDelivery([], 42, { postWhenEmpty: true })).toEqual({
      message: { kind: 'text', text: NOTHING_NEW_TEXT },
      cursor: 42,
      articleCount: 0,
    });
  });

  it('GIVEN new articles none of which match THEN nothing is posted but the cursor moves past them', () => {
    const delivery = composeSlotDelivery(copies.slice(0, 2), 10, { keywords: ['Tiananmen'] });
    expect(delivery).toEqual({ message: undefined, cursor: 12, articleCount: 0 });
  });

  it('GIVEN summarySentences 1 THEN each item keeps the first summary line only', () => {
    const analysis = analysisOf(bidenXiArticle);
    const delivery = composeSlotDelivery([stored(3, bidenXiArticle, analysis)], 0, {
      summarySentences: 1,
      articles: 1,
    });
    if (delivery.message?.kind !== 'digest') throw new Error('expected a digest');
    expect(delivery.message.digest.heading).toBe('newsdesk digest: 1 story from 1 new article');
    expect(delivery.message.digest.items[0]?.summary).toEqual(analysis.summary.slice(0, 1));
  });
});

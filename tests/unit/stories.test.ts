import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article/article.ts';
import { renderDigestAsText } from '../../src/core/digest/render-text.ts';
import { groupStories, SAME_EVENT_WINDOW_MS, sameEventScore } from '../../src/core/digest/stories.ts';
import { composeSlotDelivery } from '../../src/core/schedule/slot-digest.ts';
import { renderDigestForDiscord } from '../../src/platforms/discord/embeds.ts';
import { renderDigestForSlack } from '../../src/platforms/slack/blocks.ts';
import {
  BUDGET_ROW,
  PIPELINE_DEAL,
  RATE_RISE,
  storedStory,
  TEN_ARTICLES,
} from '../fixtures/story-articles.ts';

const slot = TEN_ARTICLES.map((entry, index) => storedStory(entry, index + 1));

function byId(id: string) {
  const found = slot.find((stored) => stored.id === id);
  if (!found) throw new Error(`no article ${id}`);
  return found;
}

/** An article moved in time, keeping its words. */
function publishedAt(entry: Article | undefined, iso: string): Article {
  if (!entry) throw new Error('missing fixture');
  return { ...entry, id: `${entry.id}-later`, publishedAt: iso };
}

describe('same event or not', () => {
  it.each([
    ['two outlets on the rate rise, in their own words', 'rates-wire', 'rates-courier', true],
    ['the rate rise, a day apart', 'rates-herald', 'rates-ledger', true],
    ['two outlets on the pipeline deal', 'pipeline-wire', 'pipeline-ledger', true],
    ['two outlets on the budget row', 'budget-herald', 'budget-courier', true],
    [
      'the pipeline deal and the budget row (both the prime minister’s)',
      'pipeline-wire',
      'budget-herald',
      false,
    ],
    ['the pipeline deal and the budget row, same outlet', 'pipeline-courier', 'budget-courier', false],
    ['the rate rise and the budget row', 'rates-wire', 'budget-wire', false],
  ])('GIVEN %s THEN same event: %s', (_case, a, b, same) => {
    expect(sameEventScore(byId(a), byId(b)) > 0).toBe(same);
  });

  it('GIVEN the same event reported more than 48 hours apart THEN they are different stories', () => {
    const first = storedStory(publishedAt(RATE_RISE[0], '2024-05-02T09:00:00Z'), 1);
    const late = storedStory(
      publishedAt(
        RATE_RISE[1],
        new Date(Date.parse('2024-05-02T09:00:00Z') + SAME_EVENT_WINDOW_MS + 60_000).toISOString(),
      ),
      2,
    );
    expect(sameEventScore(first, late)).toBe(0);
  });
});

describe('groupStories', () => {
  it('GIVEN ten articles from four outlets about three events THEN three stories, ranked by outlets', () => {
    const stories = groupStories(slot);
    const members = stories.map((story) => story.members.map((member) => member.article.id).sort());
    expect(members).toHaveLength(3);
    expect(members[0]).toEqual(['rates-courier', 'rates-herald', 'rates-ledger', 'rates-wire']);
    expect(stories[0]?.outlets).toBe(4);
    expect(members.slice(1)).toEqual(
      expect.arrayContaining([
        ['pipeline-courier', 'pipeline-ledger', 'pipeline-wire'],
        ['budget-courier', 'budget-herald', 'budget-wire'],
      ]),
    );
    expect(stories.slice(1).map((story) => story.outlets)).toEqual([3, 3]);
  });

  it('GIVEN two stories carried by as many outlets THEN the one whose actors weigh more in the slot comes first', () => {
    // The pipeline deal and the budget row each have three outlets; the pipeline's cast (the prime
    // minister, the Vestland president, Vestholm) is named in more of the slot's articles.
    const [, second, third] = groupStories(slot);
    expect(second?.actorWeight).toBeGreaterThan(third?.actorWeight ?? 0);
    expect(second?.members[0]?.article.id).toMatch(/^pipeline-/);
  });

  it('GIVEN one article per event THEN each is its own story and the newest leads a tie', () => {
    const singles = [RATE_RISE[0], PIPELINE_DEAL[0], BUDGET_ROW[0]].map((entry, index) =>
      storedStory(entry as Article, index + 1),
    );
    const stories = groupStories(singles);
    expect(stories.map((story) => story.members.length)).toEqual([1, 1, 1]);
  });
});

describe('a slot digest of stories', () => {
  const delivery = composeSlotDelivery(slot, 0, { articles: 2 });
  const digest = delivery.message?.kind === 'digest' ? delivery.message.digest : undefined;

  it('GIVEN ten new articles and room for two stories THEN the top two are shown and the rest counted', () => {
    expect(digest?.heading).toBe(
      'newsdesk digest: the top 2 stories of 3 from 10 new articles (1 more not shown)',
    );
    expect(delivery.cursor).toBe(10);
    expect(delivery.articleCount).toBe(7);
  });

  it('GIVEN the rate rise story THEN its lead article’s summary, the other outlets with links, and quotes from across the group', () => {
    const story = digest?.items[0];
    expect(story?.alsoReportedBy.map((other) => other.source).sort()).toEqual(
      ['Daily Ledger', 'Evening Courier', 'Harbour Herald', 'Northland Wire'].filter(
        (outlet) => outlet !== story?.source,
      ),
    );
    for (const other of story?.alsoReportedBy ?? []) expect(other.url).toMatch(/^https:\/\//);
    expect(story?.quotes.length).toBeGreaterThan(0);
    expect(story?.quotes.every((quote) => quote.speaker === 'Marta Lindqvist')).toBe(true);
    const lead = slot.find((stored) => stored.id === story?.articleId);
    expect(story?.summary).toEqual(lead?.analysis.summary);
  });

  it('GIVEN the digest THEN each platform shows "also reported by" within its limits', () => {
    if (!digest) throw new Error('expected a digest');
    const text = renderDigestAsText(digest);
    expect(text).toContain('Also reported by: ');
    const discord = renderDigestForDiscord(digest);
    const fields = discord.flatMap((message) => message.embeds.flatMap((embed) => embed.fields ?? []));
    expect(fields.find((field) => field.name === 'Also reported by')?.value).toMatch(
      /\[[A-Za-z ]+\]\(https:\/\/[a-z-]+\.example\/[a-z-]+\)/,
    );
    const slack = JSON.stringify(renderDigestForSlack(digest));
    expect(slack).toMatch(/Also reported by: <https:\/\/[a-z-]+\.example\/[a-z-]+\|/);
  });
});

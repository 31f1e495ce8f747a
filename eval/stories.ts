/**
 * Story grouping on PolNeAr (`npm run --silent eval:stories -- [PATH] [--show]`): the articles of each
 * day are grouped as one slot's would be, and the report counts the stories of two or more articles,
 * and how many of them join several outlets. PolNeAr has no event labels, so `--show` prints every
 * grouped story's headlines for reading: that is how the thresholds in src/core/digest/stories.ts
 * are checked (on the training split; the dev split only to confirm a finished change).
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../src/core/analysis/analyze.ts';
import type { Article } from '../src/core/article/article.ts';
import { groupStories, type StoryArticle } from '../src/core/digest/stories.ts';

interface PolnearRecord {
  id: string;
  text: string;
}

/** A PolNeAr record as an article: its id names the outlet and the day ("breitbart_2015-11-11_…"). */
function articleOf(record: PolnearRecord): Article | undefined {
  const match = /^([a-z-]+)_(\d{4}-\d{2}-\d{2})_/.exec(record.id);
  const [title, ...paragraphs] = record.text.split(/\n+/).filter((line) => line.trim() !== '');
  if (!match || !title) return undefined;
  return {
    id: record.id,
    title,
    source: match[1] ?? null,
    url: null,
    publishedAt: `${match[2]}T12:00:00Z`,
    byline: [],
    paragraphs,
  };
}

/** Groups each day's articles and reports the stories that join two or more. */
export function runStoryEval(path: string, show: boolean): string {
  const byDay = new Map<string, StoryArticle[]>();
  const seen = new Set<string>();
  let seq = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const article = articleOf(JSON.parse(line) as PolnearRecord);
    // Several annotators' copies of one article are one article.
    if (!article?.publishedAt || seen.has(article.id)) continue;
    seen.add(article.id);
    const day = article.publishedAt.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), { article, analysis: analyze(article), seq: ++seq }]);
  }
  const lines: string[] = [];
  let grouped = 0;
  let crossOutlet = 0;
  let articlesInGroups = 0;
  for (const [day, articles] of [...byDay].sort()) {
    for (const story of groupStories(articles)) {
      if (story.members.length < 2) continue;
      grouped++;
      articlesInGroups += story.members.length;
      if (story.outlets > 1) crossOutlet++;
      if (show)
        lines.push(
          `${day} (${story.outlets} outlets)`,
          ...story.members.map((member) => `    ${member.article.source}: ${member.article.title}`),
        );
    }
  }
  return [
    `stories on ${path}: ${seq} articles over ${byDay.size} days`,
    `stories of 2+ articles: ${grouped} (${articlesInGroups} articles), of them across outlets: ${crossOutlet}`,
    ...lines,
  ].join('\n');
}

const [path = '../shared/data/polnear-train.jsonl', ...flags] = process.argv.slice(2);
process.stdout.write(`${runStoryEval(path, flags.includes('--show'))}\n`);

/**
 * Stories: the articles of one slot that report the same event, grouped. Two articles report the
 * same event when they were published within {@link SAME_EVENT_WINDOW_MS} of each other, share
 * salient actors, and their leads (headline and opening words) share content words. Stories are
 * ranked by how many outlets carry them, then by the weight of their actors in the slot, then by
 * recency.
 */
import { eng as STOP_WORDS } from 'stopword';
import { ENGLISH_FUNCTION_WORDS, SPEECH_VERBS, TIME_WORDS } from '../analysis/lexicon.ts';
import type { Analysis } from '../analysis/types.ts';
import type { StoredArticle } from '../ports.ts';

/** One article of a slot: its text (for the lead), analysis and ingest number (recency of last resort). */
export type StoryArticle = Pick<StoredArticle, 'article' | 'analysis' | 'seq'>;

/** Articles reporting one event; `members[0]` is the most central one, whose summary the story shows. */
export interface Story {
  members: StoryArticle[];
  /** Distinct outlets among the members. */
  outlets: number;
  /** How many of the slot's articles name the story's salient actors, summed over those actors. */
  actorWeight: number;
  /** The newest member's time (ms), publication date or else ingest order. */
  newest: number;
}

/** Reports of one event published further apart than this are different events (a day each side). */
export const SAME_EVENT_WINDOW_MS = 48 * 60 * 60 * 1000;
/** Actors that make up a story: the most central few (analyses list actors most central first). */
const SALIENT_ACTORS = 6;
/** Words of the lead: the headline and about the first two sentences of the body. */
const LEAD_WORDS = 60;
/** Paragraphs read for the lead; a scraped article's first ones can be a word or two. */
const LEAD_PARAGRAPHS = 3;
/**
 * The thresholds were set by hand and checked on PolNeAr's training split (`npm run eval:stories`:
 * 10 groups, 9 read as one event) and on the test stories, where reports of one event score a mean
 * of 0.46 or more and two events sharing their central person (overlaps 0.33 and at most 0.17) 0.25.
 */
/** Least share of the smaller salient cast the two articles must share (one of three is not enough). */
const MIN_ACTOR_OVERLAP = 0.34;
/** Least share of the smaller lead's content words the two leads must share. */
const MIN_LEAD_OVERLAP = 0.2;
/** Least mean of the two overlaps for one event. */
const MIN_SAME_EVENT_SCORE = 0.4;

/** Words that say nothing of the event: stop words (the `stopword` package), function words, speech verbs, days and months. */
const NOT_CONTENT: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...ENGLISH_FUNCTION_WORDS,
  ...SPEECH_VERBS,
  ...TIME_WORDS,
]);

/** What grouping compares, computed once per analysis. */
interface StoryFeatures {
  /** Each salient actor as the keys it is known by (name and aliases). */
  actors: ReadonlySet<string>[];
  leadWords: ReadonlySet<string>;
  time: number | undefined;
  outlet: string;
}

const features = new WeakMap<Analysis, StoryFeatures>();

/** Lower case, no accents: how names and words are compared. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A word's comparable form: a plural or possessive "s" dropped ("talks" and "talk" agree). */
function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The content words of the headline and the opening of the body. */
function leadWords(member: StoryArticle): Set<string> {
  const text = [member.article.title, ...member.article.paragraphs.slice(0, LEAD_PARAGRAPHS)].join(' ');
  const words = fold(text)
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .slice(0, LEAD_WORDS)
    .filter((word) => word.length >= 3 && !NOT_CONTENT.has(word));
  return new Set(words.map(stem));
}

/** The features of a member, computed once per analysis (the scheduler shares articles between deliveries). */
function featuresOf(member: StoryArticle): StoryFeatures {
  const { analysis } = member;
  let found = features.get(analysis);
  if (!found) {
    const time = analysis.article.publishedAt ? Date.parse(analysis.article.publishedAt) : Number.NaN;
    found = {
      actors: analysis.actors
        .slice(0, SALIENT_ACTORS)
        .map((actor) => new Set([actor.name, ...actor.aliases].map(fold))),
      leadWords: leadWords(member),
      time: Number.isFinite(time) ? time : undefined,
      outlet: fold(analysis.article.source ?? analysis.article.url ?? analysis.article.id),
    };
    features.set(analysis, found);
  }
  return found;
}

function sameActor(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/** Shared actors over the smaller cast. */
function actorOverlap(a: StoryFeatures, b: StoryFeatures): number {
  const smaller = Math.min(a.actors.length, b.actors.length);
  if (smaller === 0) return 0;
  const shared = a.actors.filter((actor) => b.actors.some((other) => sameActor(actor, other))).length;
  return shared / smaller;
}

/** Shared lead words over the smaller lead. */
function leadOverlap(a: StoryFeatures, b: StoryFeatures): number {
  const smaller = Math.min(a.leadWords.size, b.leadWords.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const word of a.leadWords) if (b.leadWords.has(word)) shared++;
  return shared / smaller;
}

/** How alike two articles' events are, 0 to 1; 0 when they cannot be one event. */
export function sameEventScore(a: StoryArticle, b: StoryArticle): number {
  const left = featuresOf(a);
  const right = featuresOf(b);
  if (
    left.time !== undefined &&
    right.time !== undefined &&
    Math.abs(left.time - right.time) > SAME_EVENT_WINDOW_MS
  )
    return 0;
  const actors = actorOverlap(left, right);
  const lead = leadOverlap(left, right);
  if (actors < MIN_ACTOR_OVERLAP || lead < MIN_LEAD_OVERLAP) return 0;
  const score = (actors + lead) / 2;
  return score >= MIN_SAME_EVENT_SCORE ? score : 0;
}

/** Union-find root with path halving. */
function root(parents: number[], index: number): number {
  let at = index;
  while (parents[at] !== at) {
    const parent = parents[at] ?? at;
    parents[at] = parents[parent] ?? parent;
    at = parent;
  }
  return at;
}

/** Groups a slot's articles into stories and ranks them (see the module comment). */
export function groupStories(articles: readonly StoryArticle[]): Story[] {
  const parents = articles.map((_, index) => index);
  const scores = articles.map(() => 0);
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const a = articles[i];
      const b = articles[j];
      if (!a || !b) continue;
      const score = sameEventScore(a, b);
      if (score === 0) continue;
      parents[root(parents, j)] = root(parents, i);
      scores[i] = (scores[i] ?? 0) + score;
      scores[j] = (scores[j] ?? 0) + score;
    }
  }
  const groups = new Map<number, number[]>();
  for (const index of articles.keys()) {
    const key = root(parents, index);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }
  const mentions = actorMentions(articles);
  const stories = [...groups.values()].map((indexes) => {
    // The most central member: the most alike to the others, then the newest.
    const members = indexes
      .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || recency(articles[b]) - recency(articles[a]))
      .map((index) => articles[index])
      .filter((member): member is StoryArticle => member !== undefined);
    return storyOf(members, mentions);
  });
  return stories.sort(
    (a, b) => b.outlets - a.outlets || b.actorWeight - a.actorWeight || b.newest - a.newest,
  );
}

/** A member's time for ranking: publication, else its ingest number (later ingests are newer). */
function recency(member: StoryArticle | undefined): number {
  if (!member) return 0;
  return featuresOf(member).time ?? member.seq;
}

/** In how many of the slot's articles each actor key appears. */
function actorMentions(articles: readonly StoryArticle[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { analysis } of articles) {
    const keys = new Set(analysis.actors.map((actor) => fold(actor.name)));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function storyOf(members: StoryArticle[], mentions: ReadonlyMap<string, number>): Story {
  const lead = members[0]?.analysis;
  const salient = lead?.actors.slice(0, SALIENT_ACTORS) ?? [];
  return {
    members,
    outlets: new Set(members.map((member) => featuresOf(member).outlet)).size,
    actorWeight: salient.reduce((sum, actor) => sum + (mentions.get(fold(actor.name)) ?? 0), 0),
    newest: Math.max(...members.map(recency)),
  };
}

/**
 * A subscription's options as users type them (`keywords:Xi,Biden sources:Reuters articles:3
 * summary:2 quiet:off`) and as replies describe them.
 */
import type { SubscriptionOptions } from '../ports.ts';
import { err, ok, type Result } from '../result.ts';
import { DEFAULT_DIGEST_ARTICLES } from '../schedule/slot-digest.ts';
import type { CommandOptions } from './types.ts';

/** Most stories one digest shows: Discord puts ten embeds in a message, and a digest is read at a glance. */
export const MAX_STORIES = 10;
/** Most summary sentences per story; a digest line is a lead, not the article. */
export const MAX_SUMMARY_SENTENCES = 5;
/** Most keywords or sources a subscription keeps. */
const MAX_LIST = 20;

/** The option keys that change a subscription's digest (not its schedule). */
export const SUBSCRIPTION_OPTION_KEYS = ['keywords', 'sources', 'articles', 'summary', 'quiet'] as const;

const CLEAR_WORDS: ReadonlySet<string> = new Set(['none', '-', 'all', 'any']);
const ON_WORDS: ReadonlySet<string> = new Set(['on', 'yes', 'true', '1']);
const OFF_WORDS: ReadonlySet<string> = new Set(['off', 'no', 'false', '0']);

/** Whether the command carries any subscription option. */
export function hasSubscriptionOptions(options: CommandOptions): boolean {
  return SUBSCRIPTION_OPTION_KEYS.some((key) => options[key] !== undefined);
}

/** A comma-separated list, trimmed, without repeats; "none" (or "-") clears it. */
function readList(text: string, noun: string): Result<string[], string> {
  if (CLEAR_WORDS.has(text.trim().toLowerCase())) return ok([]);
  const items = [
    ...new Set(
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length === 0) return err(`give ${noun} separated by commas, or "none"`);
  if (items.length > MAX_LIST) return err(`at most ${MAX_LIST} ${noun} fit`);
  return ok(items);
}

function readCount(text: string, noun: string, max: number): Result<number, string> {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > max)
    return err(`${noun} takes a whole number from 1 to ${max}, not “${text.trim()}”`);
  return ok(value);
}

/**
 * Applies the typed options to `current` (what the subscription has, or nothing for a new one);
 * an error names the option ("articles takes a whole number from 1 to 10, not “many”").
 */
export function applySubscriptionOptions(
  current: SubscriptionOptions,
  typed: CommandOptions,
): Result<SubscriptionOptions, string> {
  const next: SubscriptionOptions = { ...current };
  for (const [key, noun] of [
    ['keywords', 'keywords'],
    ['sources', 'sources'],
  ] as const) {
    const text = typed[key];
    if (text === undefined) continue;
    const list = readList(text, noun);
    if (!list.ok) return list;
    if (list.value.length > 0) next[key] = list.value;
    else delete next[key];
  }
  if (typed.articles !== undefined) {
    const count = readCount(typed.articles, 'articles', MAX_STORIES);
    if (!count.ok) return count;
    next.articles = count.value;
  }
  if (typed.summary !== undefined) {
    const count = readCount(typed.summary, 'summary', MAX_SUMMARY_SENTENCES);
    if (!count.ok) return count;
    next.summarySentences = count.value;
  }
  if (typed.quiet !== undefined) {
    const word = typed.quiet.trim().toLowerCase();
    if (!ON_WORDS.has(word) && !OFF_WORDS.has(word))
      return err(`quiet takes on or off, not “${typed.quiet.trim()}”`);
    // Quiet (no post when nothing is new) is the default, so only "off" is stored.
    if (OFF_WORDS.has(word)) next.postWhenEmpty = true;
    else delete next.postWhenEmpty;
  }
  return ok(next);
}

/** The options as short phrases: "keywords: Xi, Biden", "3 stories", "2 summary sentences", "quiet". */
export function describeSubscriptionOptions(options: SubscriptionOptions): string[] {
  const stories = options.articles ?? DEFAULT_DIGEST_ARTICLES;
  const phrases = [`${stories} ${stories === 1 ? 'story' : 'stories'}`];
  if (options.summarySentences !== undefined)
    phrases.push(
      `${options.summarySentences} summary ${options.summarySentences === 1 ? 'sentence' : 'sentences'}`,
    );
  if (options.keywords?.length) phrases.push(`keywords: ${options.keywords.join(', ')}`);
  if (options.sources?.length) phrases.push(`sources: ${options.sources.join(', ')}`);
  phrases.push(options.postWhenEmpty ? 'quiet off (says when nothing is new)' : 'quiet');
  return phrases;
}

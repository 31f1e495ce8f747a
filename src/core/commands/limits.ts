/**
 * Input limits: every command option has a length cap, checked before any handler runs, and a
 * reply repeats at most {@link MAX_ECHO} characters of what the user typed.
 */
import type { CommandOptions, CommandRequest } from './types.ts';

/** Longest value of each option, in characters, with what the error calls it. */
export const OPTION_LIMITS: Readonly<Record<keyof CommandOptions, { max: number; noun: string }>> = {
  // No person's or organisation's name, titles included, comes near 100 characters.
  actor: { max: 100, noun: 'actor name' },
  // Ids and headlines; a title search needs only a few of its words.
  article: { max: 200, noun: 'article' },
  // Five cron fields with lists and ranges fit easily.
  schedule: { max: 100, noun: 'schedule' },
  // The longest IANA zone name is 30 characters.
  timezone: { max: 64, noun: 'time zone' },
  // Subscription ids are 12 characters.
  id: { max: 64, noun: 'subscription id' },
  topic: { max: 200, noun: 'topic' },
  // The de-facto URL limit of browsers and CDNs.
  url: { max: 2048, noun: 'address' },
  action: { max: 16, noun: 'action' },
  // Twenty words or outlet names, comma-separated.
  keywords: { max: 400, noun: 'keyword list' },
  sources: { max: 400, noun: 'source list' },
  // Small whole numbers and on/off.
  articles: { max: 8, noun: 'story count' },
  summary: { max: 8, noun: 'sentence count' },
  quiet: { max: 8, noun: 'quiet setting' },
  page: { max: 8, noun: 'page number' },
};

/** Most characters of what the user typed that a reply quotes back. */
export const MAX_ECHO = 80;

/** What the user typed, cut to {@link MAX_ECHO} characters (with "…" when cut), for quoting in a reply. */
export function echo(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_ECHO ? text : `${chars.slice(0, MAX_ECHO - 1).join('')}…`;
}

/** A message from a port (a fetch error names the address) with every word longer than {@link MAX_ECHO} cut. */
export function echoWords(text: string): string {
  return text.replace(new RegExp(`\\S{${MAX_ECHO + 1},}`, 'gu'), (word) => echo(word));
}

/** The first option over its limit, as one short sentence, or undefined when every option fits. */
export function overlongOption(request: CommandRequest): string | undefined {
  for (const [name, value] of Object.entries(request.options) as [
    keyof CommandOptions,
    string | undefined,
  ][]) {
    const limit = OPTION_LIMITS[name];
    // UTF-16 units are never fewer than characters, so most values need no counting.
    if (value === undefined || limit === undefined || value.length <= limit.max) continue;
    const length = [...value].length;
    if (length > limit.max)
      return `That ${limit.noun} is ${length.toLocaleString('en-US')} characters long; at most ${limit.max.toLocaleString('en-US')} fit.`;
  }
  return undefined;
}

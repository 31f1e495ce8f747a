import { createHash } from 'node:crypto';
import type { Article } from '../core/article/article.ts';

/**
 * The lookup key of a name: accents removed, lower case, apostrophes dropped, other punctuation as
 * single spaces ("Xi Jinping" -> "xi jinping", "Zhào Lìjiān" -> "zhao lijian").
 */
export function actorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The searchable form of a title: its key between spaces, so " word" matches at word starts. */
export function titleKey(title: string): string {
  return ` ${actorKey(title)} `;
}

/** SHA-256 over an article's title and paragraphs (whitespace collapsed): equal content, equal hash. */
export function contentHash(article: Pick<Article, 'title' | 'paragraphs'>): string {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const content = JSON.stringify([
    squash(article.title),
    article.paragraphs.map(squash).filter((p) => p !== ''),
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** A delivery slot as the one canonical ISO-8601 UTC string; throws RangeError on a non-date. */
export function normalizeSlot(slotIso: string): string {
  const time = new Date(slotIso);
  if (Number.isNaN(time.getTime())) throw new RangeError(`Not an ISO-8601 time: ${slotIso}`);
  return time.toISOString();
}

/** The "newest first" sort key: publication time as ISO-8601 UTC when it parses, else `fallback`. */
export function sortKey(publishedAt: string | null, fallback: string): string {
  if (publishedAt === null) return fallback;
  const time = new Date(publishedAt);
  return Number.isNaN(time.getTime()) ? fallback : time.toISOString();
}

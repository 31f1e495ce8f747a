import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import type { ArticleMeta, ScrapedArticle } from '../core/article/article.ts';
import { err, ok, type Result } from '../core/result.ts';
import { htmlNestingDepth } from './html-nesting.ts';

/** The text formats an article can come in. */
export type ArticleFormat = 'text' | 'markdown' | 'html';

const NO_META: ArticleMeta = { title: null, source: null, url: null, publishedAt: null };

/** The part of a DOM element the block extraction reads (linkedom and browsers both have it). */
interface ElementLike {
  textContent: string | null;
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  getAttribute(name: string): string | null;
}

/** Fewest characters of extracted text that count as an article (Readability's own default threshold). */
const MIN_ARTICLE_CHARS = 140;

/** Elements whose text is one block of the body. */
const BLOCK_SELECTOR = 'p, h2, h3, h4, h5, h6, li, blockquote, pre';

/** Plain-text files: paragraphs are separated by blank lines, or by line breaks when there are none. */
function parseText(id: string, text: string): ScrapedArticle {
  const lines = text.split('\n');
  const hasBlankLine = lines.some((line, i) => i > 0 && i < lines.length - 1 && line.trim() === '');
  const blocks = (hasBlankLine ? text.split(/\n[ \t\u00a0]*\n/) : lines)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  return { id, meta: NO_META, blocks };
}

/** A front-matter value as text: strings as they are, dates as ISO-8601, anything else null. */
function textValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'number') return String(value);
  return null;
}

/** Markdown inline syntax reduced to its text: links to their words, images dropped, emphasis unwrapped. */
function markdownInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_]*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]*?\S)\*(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/~~(?=\S)([^~]*?\S)~~/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$/;

/** Markdown files: optional YAML front matter, then paragraphs with the Markdown syntax removed. */
function parseMarkdown(id: string, text: string, origin: string): Result<ScrapedArticle, string> {
  const meta: ArticleMeta = { ...NO_META };
  let body = text;
  const front = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (front) {
    let data: unknown;
    try {
      data = parseYaml(front[1] ?? '');
    } catch (error) {
      return err(`${origin}: bad front matter (${(error as Error).message.split('\n')[0]})`);
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const fields = data as Record<string, unknown>;
      meta.title = textValue(fields.title);
      meta.source = textValue(fields.source);
      meta.url = textValue(fields.url);
      meta.publishedAt = textValue(fields.published) ?? textValue(fields.date);
    }
    body = text.slice(front[0].length);
  }
  const blocks: string[] = [];
  let inFence = false;
  let paragraph: string[] = [];
  const flush = () => {
    const joined = markdownInline(paragraph.join(' '));
    if (joined.length > 0) blocks.push(joined);
    paragraph = [];
  };
  for (const raw of body.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(raw)) {
      // Code blocks are not story text.
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const line = raw.replace(/^\s{0,3}>\s?/, '');
    if (line.trim() === '' || /^\s*(?:[-*_]\s*){3,}$/.test(line) || /^\s*\[[^\]]+\]:\s*\S+/.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const headingText = markdownInline(heading[2] ?? '');
      if (heading[1] === '#' && meta.title === null && blocks.length === 0) meta.title = headingText || null;
      else if (headingText.length > 0) blocks.push(headingText);
      continue;
    }
    if (/^\s*(?:=+|-+)\s*$/.test(line) && paragraph.length > 0) {
      // A Setext heading underline: the paragraph above is a heading.
      flush();
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      paragraph.push(line.replace(LIST_ITEM, ''));
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return ok({ id, meta, blocks });
}

/** The content of the first matching <meta> or <link> attribute, trimmed, or null. */
function metaValue(document: ElementLike, selector: string, attribute = 'content'): string | null {
  return document.querySelector(selector)?.getAttribute(attribute)?.trim() || null;
}

/**
 * Deepest element nesting a page may have. News pages nest 15 to 60 levels; parsing and Readability
 * grow with the square of the depth, so a page 5,000 levels deep would hold the parser for minutes.
 */
export const MAX_HTML_DEPTH = 256;

/** Refuses a page nested deeper than {@link MAX_HTML_DEPTH}, measured in linear time before it is parsed. */
function refuseOverDeepHtml(text: string, origin: string): Result<void, string> {
  const depth = htmlNestingDepth(text, MAX_HTML_DEPTH);
  if (depth <= MAX_HTML_DEPTH) return ok(undefined);
  return err(
    `${origin}: the page nests its elements over ${MAX_HTML_DEPTH} levels deep; no article page does`,
  );
}

/** HTML pages: Readability finds the article; its block elements become the blocks. */
function parseHtml(id: string, text: string, origin: string): Result<ScrapedArticle, string> {
  const shallow = refuseOverDeepHtml(text, origin);
  if (!shallow.ok) return shallow;
  const { document } = parseHTML(text);
  const page = document as unknown as ElementLike;
  // Read the <head> before Readability, which rewrites the document as it goes.
  const ogTitle =
    metaValue(page, 'meta[property="og:title"]') ?? metaValue(page, 'meta[name="twitter:title"]');
  const siteName = metaValue(page, 'meta[property="og:site_name"]');
  const published =
    metaValue(page, 'meta[property="article:published_time"]') ??
    metaValue(page, 'meta[name="date"]') ??
    metaValue(page, 'time[datetime]', 'datetime');
  const url = metaValue(page, 'link[rel="canonical"]', 'href') ?? metaValue(page, 'meta[property="og:url"]');
  const parsed = new Readability<ElementLike>(document as never, {
    serializer: (node) => node as ElementLike,
  }).parse();
  const content = parsed?.content;
  // Readability returns whatever text a page has; a few words of navigation are not an article.
  const textLength = (parsed?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  if (!parsed || !content || textLength < MIN_ARTICLE_CHARS) return err(`no article found in ${origin}`);
  const blocks: string[] = [];
  for (const element of content.querySelectorAll(BLOCK_SELECTOR)) {
    // A container of other blocks (a blockquote of paragraphs) yields them, not itself.
    if (element.querySelector(BLOCK_SELECTOR)) continue;
    const block = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (block.length > 0) blocks.push(block);
  }
  if (blocks.length === 0) {
    for (const line of (parsed.textContent ?? '').split(/\n+/)) {
      const block = line.replace(/\s+/g, ' ').trim();
      if (block.length > 0) blocks.push(block);
    }
  }
  if (blocks.length === 0) return err(`no article found in ${origin}`);
  const byline = parsed.byline?.replace(/\s+/g, ' ').trim();
  if (byline && byline.length < 150 && !blocks.slice(0, 3).some((block) => block.includes(byline))) {
    // The byline travels as a "By …" line, which cleaning moves to the article's byline.
    blocks.unshift(/^by\s/i.test(byline) ? byline : `By ${byline}`);
  }
  const meta: ArticleMeta = {
    title: parsed.title?.trim() || ogTitle,
    source: parsed.siteName?.trim() || siteName,
    url,
    publishedAt: parsed.publishedTime?.trim() || published,
  };
  return ok({ id, meta, blocks });
}

/**
 * Parses an article's text in the given format into a scraped article (pure: the file loader and
 * the URL fetcher both use it). `origin` names the input in error messages (default: the id).
 */
export function parseArticleText(
  id: string,
  text: string,
  format: ArticleFormat,
  origin: string = id,
): Result<ScrapedArticle, string> {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return err(`${origin}: no text`);
  let parsed: Result<ScrapedArticle, string>;
  if (format === 'html') parsed = parseHtml(id, normalized, origin);
  else if (format === 'markdown') parsed = parseMarkdown(id, normalized, origin);
  else parsed = ok(parseText(id, normalized));
  if (parsed.ok && parsed.value.blocks.length === 0) return err(`${origin}: no text`);
  return parsed;
}

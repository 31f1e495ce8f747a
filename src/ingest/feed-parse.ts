import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { err, ok, type Result } from '../core/result.ts';

/** One entry of a feed (an RSS `<item>` or an Atom `<entry>`). */
export interface FeedItem {
  /** What identifies the item across fetches: its guid/id, else its link, else title and date. */
  key: string;
  guid: string | null;
  /** The item's own page (absolute URL), if it has one. */
  link: string | null;
  title: string | null;
  /** ISO-8601 UTC, when the feed gives a date that parses. */
  publishedAt: string | null;
  /** The full content as HTML (RSS `content:encoded`, Atom `content`). */
  contentHtml: string | null;
  /** The short description as HTML or text (RSS `description`, Atom `summary`). */
  summaryHtml: string | null;
  author: string | null;
}

/** A parsed feed: what it calls itself and its items in feed order. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  /** RSS `<ttl>`: minutes the feed asks clients to wait between fetches, if it says. */
  ttlMinutes: number | null;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The text of an element, whether the parser made it a string or an object with attributes. */
function textOf(value: unknown): string | null {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isNode(value)) return textOf(value['#text']);
  return null;
}

/** An attribute of an element, if the element is an object that has it. */
function attribute(value: unknown, name: string): string | null {
  const node = Array.isArray(value) ? value[0] : value;
  return isNode(node) ? textOf(node[`@_${name}`]) : null;
}

function absoluteUrl(href: string | null, base: string | undefined): string | null {
  if (href === null) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A feed date (RFC 822 or ISO-8601) as ISO-8601 UTC, or null when it does not parse. */
export function feedDate(text: string | null): string | null {
  if (text === null) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Tags and entities of a short HTML snippet (a title) reduced to text. */
function plainText(html: string | null): string | null {
  if (html === null) return null;
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim() || null;
  const { document } = parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`);
  return (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
}

function itemKey(
  guid: string | null,
  link: string | null,
  title: string | null,
  date: string | null,
): string {
  return guid ?? link ?? `${title ?? ''}|${date ?? ''}`;
}

function rssItem(node: Node, base: string | undefined): FeedItem {
  const guid = textOf(node.guid);
  const permalink = attribute(node.guid, 'isPermaLink') !== 'false' ? absoluteUrl(guid, base) : null;
  const link = absoluteUrl(textOf(node.link), base) ?? permalink;
  const title = plainText(textOf(node.title));
  const publishedAt = feedDate(textOf(node.pubDate) ?? textOf(node['dc:date']));
  return {
    key: itemKey(guid, link, title, publishedAt),
    guid,
    link,
    title,
    publishedAt,
    contentHtml: textOf(node['content:encoded']),
    summaryHtml: textOf(node.description),
    author: textOf(node['dc:creator']) ?? textOf(node.author),
  };
}

/** The page an Atom entry or feed links to: rel="alternate" (or no rel), HTML preferred. */
function atomLink(links: unknown, base: string | undefined): string | null {
  const list = Array.isArray(links) ? links : [];
  const alternates = list.filter((link) => {
    const rel = attribute(link, 'rel');
    return rel === null || rel === 'alternate';
  });
  const html = alternates.find((link) => (attribute(link, 'type') ?? 'text/html').includes('html'));
  return absoluteUrl(attribute(html ?? alternates[0], 'href'), base);
}

function atomItem(node: Node, base: string | undefined): FeedItem {
  const guid = textOf(node.id);
  const link = atomLink(node.link, base);
  const title = plainText(textOf(node.title));
  const publishedAt = feedDate(textOf(node.published) ?? textOf(node.updated));
  const author = isNode(node.author) ? textOf(node.author.name) : null;
  return {
    key: itemKey(guid, link, title, publishedAt),
    guid,
    link,
    title,
    publishedAt,
    contentHtml: textOf(node.content),
    summaryHtml: textOf(node.summary),
    author,
  };
}

function asNodes(value: unknown): Node[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isNode);
}

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF) or Atom document; malformed XML and documents that are no feed
 * are error values that say what is wrong and where. `baseUrl` resolves relative links.
 */
export function parseFeed(xml: string, baseUrl?: string): Result<ParsedFeed, string> {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (text === '') return err('empty document (expected RSS or Atom XML)');
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) return err(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  let document: Node;
  try {
    document = parser.parse(text) as Node;
  } catch (error) {
    return err(`malformed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const rss = document.rss;
  if (isNode(rss)) {
    const channel = isNode(rss.channel) ? rss.channel : {};
    const link = absoluteUrl(textOf(channel.link), baseUrl);
    const ttl = Number(textOf(channel.ttl));
    return ok({
      format: 'rss',
      title: plainText(textOf(channel.title)),
      link,
      ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
      items: asNodes(channel.item).map((item) => rssItem(item, link ?? baseUrl)),
    });
  }
  const atom = document.feed;
  if (isNode(atom)) {
    const base = absoluteUrl(attribute(atom, 'xml:base'), baseUrl) ?? baseUrl;
    return ok({
      format: 'atom',
      title: plainText(textOf(atom.title)),
      link: atomLink(atom.link, base),
      ttlMinutes: null,
      items: asNodes(atom.entry).map((entry) => atomItem(entry, base)),
    });
  }
  const rdf = document['rdf:RDF'];
  if (isNode(rdf)) {
    const channel = isNode(rdf.channel) ? rdf.channel : {};
    const link = absoluteUrl(textOf(channel.link), baseUrl);
    return ok({
      format: 'rdf',
      title: plainText(textOf(channel.title)),
      link,
      ttlMinutes: null,
      items: asNodes(rdf.item).map((item) => rssItem(item, link ?? baseUrl)),
    });
  }
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'nothing';
  return err(`not an RSS or Atom feed (the document's root element is <${root}>)`);
}

/** Elements whose text is one block of an item's content. */
const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre';

/**
 * An item's HTML (or plain text) content as paragraphs of text: block elements become blocks,
 * scripts, styles and figure captions are dropped; plain text splits at blank lines.
 */
export function htmlToBlocks(html: string): string[] {
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (!/<[a-z!/]/i.test(html)) {
    return html
      .split(/\n[ \t]*\n/)
      .map((part) => plainText(part) ?? '')
      .filter((block) => block !== '');
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll('script, style, noscript, figcaption, iframe'))
    element.remove();
  const blocks: string[] = [];
  for (const element of document.querySelectorAll(BLOCK_SELECTOR)) {
    if (element.querySelector(BLOCK_SELECTOR)) continue;
    const block = squash(element.textContent ?? '');
    if (block !== '') blocks.push(block);
  }
  if (blocks.length > 0) return blocks;
  // No block elements: text separated by line breaks.
  const body = document.body;
  for (const br of body?.querySelectorAll('br') ?? []) br.replaceWith('\n');
  const text: string = body?.textContent ?? '';
  return text
    .split(/\n+/)
    .map(squash)
    .filter((block: string) => block !== '');
}

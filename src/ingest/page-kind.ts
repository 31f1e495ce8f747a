/**
 * Whether an HTML page is one article: a news front page, a section or list of stories and a shop's
 * product page are not, and newsdesk refuses them in one line rather than summarising a page of
 * teasers or a price list. The page's own metadata decides first (og:type, schema.org JSON-LD);
 * without it, its shape does (many linked headlines and little running text; a price and a basket).
 */

/** The part of a DOM the page test reads (linkedom and browsers both have it). */
export interface PageNode {
  textContent: string | null;
  parentNode: unknown;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): Iterable<PageNode>;
  getAttribute(name: string): string | null;
}

/** What a page is, as far as newsdesk cares. */
export type PageKind = 'article' | 'front page' | 'list of stories' | 'product page';

/** schema.org types of a single story. */
const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'liveblogposting',
  'report',
  'scholarlyarticle',
]);
/** schema.org types of a page that lists stories. */
const LIST_TYPES = new Set(['itemlist', 'collectionpage', 'searchresultspage']);
/** schema.org types of a shop's page. */
const PRODUCT_TYPES = new Set(['product', 'productgroup', 'offer', 'aggregateoffer']);

/** Headlines that are links, at least this many, make a page of teasers (a related-links rail has fewer). */
const MIN_TEASERS = 6;
/** A paragraph of at least this many characters is a sentence or more of prose. */
const PROSE_CHARS = 80;
/** An article's body holds at least this many prose paragraphs side by side; a teaser holds one blurb. */
const STORY_PARAGRAPHS = 3;
/** Parts of a product page that no article has. */
const SHOP_SELECTOR =
  '[itemprop="price"], [class*="add-to-cart"], [class*="addtocart"], [class*="add-to-basket"], [data-price]';
const BASKET_BUTTON = /^\s*(?:add to (?:cart|basket|bag)|buy now)\s*$/iu;

/** The lower-cased @type names of a page's JSON-LD blocks (graphs and arrays included). */
function jsonLdTypes(page: PageNode): Set<string> {
  const types = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const type = record['@type'];
    for (const name of Array.isArray(type) ? type : [type])
      if (typeof name === 'string') types.add(name.toLowerCase());
    visit(record['@graph']);
  };
  for (const script of page.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block says nothing; the page's shape still does.
    }
  }
  return types;
}

function some(types: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const type of types) if (wanted.has(type)) return true;
  return false;
}

function count(nodes: Iterable<PageNode>, test: (node: PageNode) => boolean = () => true): number {
  let n = 0;
  for (const node of nodes) if (test(node)) n++;
  return n;
}

/** Whether the page sells something: a shop's price markup or a basket button. */
function isShop(page: PageNode): boolean {
  if (page.querySelector(SHOP_SELECTOR) !== null) return true;
  return (
    count(page.querySelectorAll('button, input[type="submit"]'), (node) =>
      BASKET_BUTTON.test(node.textContent || node.getAttribute('value') || ''),
    ) > 0
  );
}

/** The most prose paragraphs that share one parent element: the run of text an article's body is. */
function longestBody(page: PageNode): number {
  const byParent = new Map<unknown, number>();
  let longest = 0;
  for (const node of page.querySelectorAll('p')) {
    if ((node.textContent ?? '').replace(/\s+/g, ' ').trim().length < PROSE_CHARS) continue;
    const run = (byParent.get(node.parentNode) ?? 0) + 1;
    byParent.set(node.parentNode, run);
    longest = Math.max(longest, run);
  }
  return longest;
}

/** What kind of page this is: its metadata first, then its shape. */
export function pageKind(page: PageNode): PageKind {
  const ogType = page
    .querySelector('meta[property="og:type"]')
    ?.getAttribute('content')
    ?.trim()
    .toLowerCase();
  const types = jsonLdTypes(page);
  if (ogType?.startsWith('product') || some(types, PRODUCT_TYPES)) return 'product page';
  if (ogType === 'article' || some(types, ARTICLE_TYPES)) return 'article';
  if (isShop(page)) return 'product page';
  const teasers = count(page.querySelectorAll('h1 a[href], h2 a[href], h3 a[href], h4 a[href]'));
  if (teasers >= MIN_TEASERS && longestBody(page) < STORY_PARAGRAPHS) {
    const url =
      page.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      page.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
      '';
    const home = /^https?:\/\/[^/]+\/?$/u.test(url.trim()) || ogType === 'website';
    return home && !some(types, LIST_TYPES) ? 'front page' : 'list of stories';
  }
  if (some(types, LIST_TYPES)) return 'list of stories';
  return 'article';
}

/** The one-line refusal for a page that is not one article, or null when it is one. */
export function notOneArticle(page: PageNode, origin: string): string | null {
  const kind = pageKind(page);
  if (kind === 'article') return null;
  return `${origin}: not one article but a ${kind}; give newsdesk the page of a single story`;
}

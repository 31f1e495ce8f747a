import { splitSentences } from '../analysis/sentences.ts';
import type { Article, ScrapedArticle } from './article.ts';

/*
 * Cleaning turns scraped blocks into the story's own paragraphs. Each line of a block is
 * classified on its own (page chrome, masthead, caption, byline, date, headline-like, story);
 * headline-like lines are then judged by where they stand: before the story they are the title
 * (or a dek), between story paragraphs they are related-story links. Nothing else is dropped,
 * and kept paragraphs are never rewritten beyond trimming.
 */

/** Outlet names that make up a masthead line, longest spelling of each first. */
const OUTLETS = [
  'The Washington Post',
  'The New York Times',
  'The Wall Street Journal',
  'The Guardian',
  'BBC News',
  'CNN',
  'Reuters',
  'The Associated Press',
  'Fox News',
  'NPR',
  'Politico',
  'The Atlantic',
  'Bloomberg',
  'Breitbart',
  'The Hill',
  'Los Angeles Times',
  'USA Today',
  'Daily Mail',
  'MailOnline',
  'The Independent',
  'Financial Times',
  'The Economist',
  'Axios',
  'HuffPost',
  'The Huffington Post',
  'NBC News',
  'ABC News',
  'CBS News',
  'Al Jazeera',
  'The Telegraph',
  'Newsweek',
  'Washington Post',
  'New York Times',
  'Wall Street Journal',
  'Associated Press',
  'BBC',
];

/** Slogans printed next to a masthead. */
const SLOGANS = [
  'democracy dies in darkness',
  'all the news that’s fit to print',
  "all the news that's fit to print",
  'breaking news, latest news and videos',
  'news, sport and opinion',
];

/** Whole lines of page furniture, compared after {@link normalize}. */
const WIDGET_LINES = new Set([
  'placeholder while article actions load',
  'share this article',
  'share this story',
  'share',
  'share on facebook',
  'share on twitter',
  'share via email',
  'listen to article',
  'listen to this article',
  'listen',
  'advertisement',
  'ad',
  'sponsored',
  'skip to main content',
  'skip to content',
  'sign up for our newsletter',
  'sign up for our newsletters',
  'subscribe',
  'subscribe now',
  'sign in',
  'log in',
  'read more',
  'read the rest here',
  'continue reading',
  'continue reading the main story',
  'story continues below advertisement',
  'article continues below advertisement',
  'article continues below',
  'gift article',
  'gift this article',
  'comment',
  'comments',
  'save',
  'save article',
  'print',
  'email',
  'menu',
  'sections',
  'search',
  'toggle navigation',
  'supported by',
  'scroll down for video',
  'all rights reserved',
  'view comments',
  'show more',
  'hide caption',
  'toggle caption',
  'enlarge this image',
  'image',
  'photo',
  'video',
]);

/** Short lines that open with one of these are page furniture ("Sign up for our daily briefing"). */
const WIDGET_PREFIXES = [
  'sign up for',
  'sign up to',
  'subscribe to',
  'click here',
  'follow us on',
  'follow the ',
  'listen to article',
  'listen to this article',
  'share this',
  'read more:',
  'read more at',
  'read more from',
  'download the ',
  'get the app',
  'want more news',
  'we’ve detected unusual activity',
  'this article was originally published',
  '©',
  'copyright ',
  'read:',
  'related:',
  'read also:',
  'see also:',
  'watch:',
  'in this photo',
  'in this file photo',
  'in this image',
  'this photo shows',
  'subscribe for',
  'already a subscriber',
  'to continue reading',
  'get our newsletter',
];

/** Lines that announce a list of related stories; headline-like lines after them are links. */
const RELATED_MARKERS = new Set([
  'related',
  'related articles',
  'related stories',
  'related coverage',
  'read more',
  'more on this story',
  'more from',
  'recommended',
  'most read',
  'most popular',
  'trending',
  'you might also like',
  'what to read next',
]);

/** Small words Title Case leaves in lower case. */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'nor',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'as',
  'vs',
  'via',
  'per',
  'into',
  'over',
]);

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** A dateline or timestamp line ("September 9, 2021 at 7:46 p.m. EDT", "Updated 2021-09-09"). */
const DATE_LINE = new RegExp(
  `^(?:(?:updated|published|posted|last updated|first published)(?: on)?:?\\s*)?` +
    `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?` +
    `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})` +
    `(?:[\\s,|·-]+(?:at\\s+)?[\\d:.apmAPM\\s]+(?:[A-Z]{2,4})?)?\\s*$`,
  'i',
);

/** A timestamp on a line of its own: "Posted 9:14 AM PT", "Updated 3:46 p.m. ET", "9:14 AM". */
const TIME_LINE =
  /^(?:(?:updated|published|posted|last updated)(?:\s+(?:on|at))?:?\s*)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{1,4})?(?:\s*[,|·•-]\s*(?:updated|published|posted)?:?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{1,4})?)?$/i;

/** A video player's control text that page scrapes keep: "Current Time 0:00", "Duration 2:31", "Loaded: 0%". */
const PLAYER_LINE =
  /^(?:current time|duration|remaining time|loaded|progress|stream type|playback rate|chapters|descriptions|captions|subtitles|audio track)\s*:?\s*(?:-?\d{1,2}:\d{2}(?::\d{2})?|\d{1,3}(?:\.\d+)?\s*%|\d(?:\.\d+)?x|live|off|on|settings)?$/i;

/** A dateline on a line of its own: a place in capitals and a date ("LONDON 1996-08-30", "PARIS, Aug. 30"). */
const DATELINE = new RegExp(
  `^\\p{Lu}[\\p{Lu} .'’-]{1,40}(?:,\\s*[\\p{L} .]{2,30})?,?\\s+(?:\\d{4}-\\d{2}-\\d{2}|${MONTH}\\s+\\d{1,2})$`,
  'iu',
);

/** A photo credit closing a caption: "(Demetrius Freeman/The Washington Post)", "(Getty Images)". */
const CREDIT_TAIL = /\(([^()]{2,90})\)\s*$/;
const CREDIT_WORDS =
  /\b(?:getty|images?|photos?|photograph|reuters|afp|ap|epa|shutterstock|courtesy|pool|handout|file|stringer|via)\b/i;
/** A caption or credit line: "Photo: Jane Doe/AP", "Image credit: NASA". */
const CREDIT_LINE =
  /^(?:photo|photos|photograph|image|picture|video|credit|photo credit|image credit|illustration)\s*(?:by)?\s*[:|]/i;
/** A credit line without a colon: "Photo by Lena Park/The Ledger", "Photograph courtesy of the family". */
const CREDIT_BY =
  /^(?:photo|photograph|image|picture|illustration|video)s?\s+(?:by|courtesy of)\s+[^.!?]{2,80}$/i;
/** A citation's access date, as reference lists print it: "Retrieved March 3, 2015." */
const RETRIEVED_LINE = /^retrieved\s+(?:on\s+)?[\p{L}\d ,.-]{0,30}\b\d{4}\b\.?$/iu;

/** Contributor lines: "David J. Lynch in Washington … contributed to this report." */
const CONTRIBUTED =
  /^(.+?)\s+(?:also\s+)?contributed(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|article|story))?\.?$/i;
/** "Ana Rusk reported from Kodiak Island, and Piet Larkin from Nome, Alaska." */
const REPORTED_FROM = /^(\p{Lu}[^.;:]*?\s+reported\s+from\s+[^;:]+?)\.?$/u;
const CONTRIBUTING = /^(?:contributing|contributors?)\s*:\s*(.+?)\.?$/i;
/** "Reporting by X in Y; Editing by Z" (wire credits), one segment at a time. */
const CREDIT_SEGMENT =
  /^(?:additional\s+)?(reporting|writing|research|editing|compiled|written)(?:\s+by)?\s+(.+)$/i;
const BY_LINE = /^by[:\s]\s*(.+?)\.?$/i;

const NAME_TOKEN =
  /^(?:\p{Lu}[\p{L}’'.-]*|de|da|di|do|dos|du|van|von|der|den|del|della|la|le|bin|al|ibn|ter|y)$/u;

/** What a line of the page is. */
type LineKind = 'chrome' | 'byline' | 'marker' | 'headline' | 'story' | 'dateline';

interface Line {
  text: string;
  kind: LineKind;
  /** People a byline or contributor line credits. */
  names: string[];
  /** The outlet a masthead line names. */
  outlet?: string;
}

/** Lower-cases, unifies quote marks and spacing, and drops trailing punctuation, for comparisons. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/[\s.:!|•·–—-]+$/, '')
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whether the line ends the way a sentence does (. ! ? … or : before any closing quotes). */
function endsLikeSentence(text: string): boolean {
  const stripped = text.replace(/["'”’)\]»\s]+$/, '');
  return /[.!?…:;]$/.test(stripped);
}

/** Whether most significant words are capitalised ("Storm Over Budget: Mayor Voss Was Warned"). */
function isTitleCase(text: string): boolean {
  let significant = 0;
  let capitalised = 0;
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word === '' || MINOR_WORDS.has(word.toLowerCase()) || /^\p{N}/u.test(word)) continue;
    significant++;
    if (/^\p{Lu}/u.test(word)) capitalised++;
  }
  return significant >= 3 && capitalised / significant >= 0.8;
}

/** A short line that reads like a headline: no sentence ending, or Title Case throughout. */
function isHeadlineLike(text: string): boolean {
  if (text.length > 170) return false;
  const words = wordCount(text);
  if (words === 0 || words > 22) return false;
  if (!/^[\p{Lu}\p{N}“‘"']/u.test(text)) return false;
  // A quoted sentence ("“… president.” ― Name") is speech, not a headline.
  if (/[.!?][”"]/.test(text)) return false;
  return !endsLikeSentence(text) || (words <= 16 && isTitleCase(text) && !/[“”"]/.test(text));
}

/**
 * When the line is only outlet names and slogans ("The Washington PostDemocracy Dies in Darkness"),
 * the outlet it names (null if only the given source or a slogan); undefined when it is not a masthead.
 */
function mastheadOutlet(text: string, source: string | null): { outlet: string | null } | undefined {
  if (text.length > 200) return undefined;
  let rest = normalize(text);
  if (rest.length === 0 || rest.length > 120) return undefined;
  const before = rest;
  let outlet: string | null = null;
  for (const slogan of SLOGANS) rest = rest.split(slogan).join(' ');
  if (source !== null && normalize(source).length > 0) rest = rest.split(normalize(source)).join(' ');
  for (const name of OUTLETS) {
    const key = name.toLowerCase();
    if (!rest.includes(key)) continue;
    outlet ??= name;
    rest = rest.split(key).join(' ');
  }
  return rest !== before && /^[\s|·•:,–—-]*$/.test(rest) ? { outlet } : undefined;
}

function isWidget(text: string): boolean {
  if (text.length > 120) return false;
  const key = normalize(text);
  if (WIDGET_LINES.has(key)) return true;
  if (/^listen\s*\d+\s*min/.test(key)) return true;
  return WIDGET_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function isCaption(text: string): boolean {
  if (CREDIT_LINE.test(text) && text.length < 300) return true;
  if (CREDIT_BY.test(text) || RETRIEVED_LINE.test(text)) return true;
  const credit = CREDIT_TAIL.exec(text)?.[1];
  // "(WARNING: Some photos below may upset readers.)" is a sentence, not a credit.
  if (credit === undefined || wordCount(credit) > 8 || endsLikeSentence(credit)) return false;
  // "(Name/Outlet)" or a photo agency; "(R-Tex.)" or "(CNN)" alone is not a credit.
  return /\S\/\s*\p{Lu}/u.test(credit) || CREDIT_WORDS.test(credit);
}

/** Whether a byline part looks like a person's name: two to five name tokens. */
function isName(part: string): boolean {
  const tokens = part.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  if (!/^\p{Lu}/u.test(tokens[0] ?? '')) return false;
  if (/^(?:the|a|an)$/i.test(tokens[0] ?? '')) return false;
  return tokens.every((token) => NAME_TOKEN.test(token));
}

/**
 * The people named in a credit ("David J. Lynch in Washington and Lily Kuo in Taipei, Taiwan"
 * -> ["David J. Lynch", "Lily Kuo"]); places after "in" and the outlet are left out.
 */
function namesIn(credit: string): string[] {
  const names: string[] = [];
  const groups = credit.split(/,?\s+and\s+|\s*;\s*|\s*&\s*/);
  for (const group of groups) {
    let afterPlace = false;
    for (const part of group.split(/\s*,\s*/)) {
      const at = part.search(/\s+(?:in|from|at|for|of|reported)\s+/);
      const hasPlace = at >= 0;
      // "in Taipei, Taiwan": the part after the comma continues the place.
      if (afterPlace && !hasPlace) continue;
      afterPlace = hasPlace;
      const name = (hasPlace ? part.slice(0, at) : part).replace(/^by\s+/i, '').trim();
      if (isName(name)) names.push(name);
    }
  }
  return names;
}

/** A date or time that follows the names of a byline ("March 11, 2015 3:46 PM", "Updated 9:14 AM ET"). */
const BYLINE_DATE = new RegExp(
  `\\s*(?:[|,·•—–-]\\s*)?(?:(?:updated|published|posted)\\b.*|${MONTH}\\s+\\d{1,2}\\b.*|\\d{1,2}:\\d{2}.*|\\d{4}-\\d{2}-\\d{2}.*)$`,
  'iu',
);

/**
 * The names part of a byline: dates and times cut off, brackets and roles after a comma dropped, names
 * in capitals written as names ("GILLIAN MOHNEY March 11, 2015 3:46 PM" -> "Gillian Mohney").
 */
function bylineNames(text: string): string {
  return text
    .replace(BYLINE_DATE, '')
    .replace(/\s*\([^()]*\)/gu, '')
    .replace(/,\s*(?:\p{Ll}[\p{L} ]*|(?:senior|chief|staff|special)\b.*)$/u, '')
    .trim()
    .split(/(\s+and\s+|\s*[,;&]\s*)/iu)
    .map((part) => (/\p{Lu}{2}/u.test(part) && part === part.toUpperCase() ? asWrittenName(part) : part))
    .join('');
}

/** A name printed in capitals as a name is written ("MARTA KOWALCZYK" -> "Marta Kowalczyk"). */
function asWrittenName(capitals: string): string {
  return capitals
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** The names a contributor or byline line credits, or undefined when the line is not one. */
function creditedNames(text: string): string[] | undefined {
  if (text.length > 300) return undefined;
  const contributed = CONTRIBUTED.exec(text);
  if (contributed?.[1] !== undefined) return namesIn(contributed[1]);
  const reported = REPORTED_FROM.exec(text);
  if (reported?.[1] !== undefined && isName(reported[1].slice(0, reported[1].search(/\s+reported\s/)))) {
    return namesIn(reported[1]);
  }
  const contributing = CONTRIBUTING.exec(text);
  if (contributing?.[1] !== undefined) return namesIn(contributing[1]);
  const segments = text.replace(/^[\s–—-]+/, '').split(/\s*;\s*/);
  const first = CREDIT_SEGMENT.exec(segments[0] ?? '');
  if (first && /^(?:reporting|writing|written|compiled)$/i.test(first[1] ?? '') && /\bby\b/i.test(text)) {
    const names: string[] = [];
    for (const segment of segments) {
      const match = CREDIT_SEGMENT.exec(segment);
      if (match?.[2] !== undefined && !/^editing$/i.test(match[1] ?? '')) names.push(...namesIn(match[2]));
    }
    return names;
  }
  const by = BY_LINE.exec(text);
  if (by?.[1] !== undefined && text.length < 150) {
    const names = namesIn(
      bylineNames(by[1]).replace(/\s*[|,]\s*[^,|]*(?:post|times|news|press|journal|staff|reporter)s?$/i, ''),
    );
    if (names.length > 0) return names;
  }
  return undefined;
}

function classify(text: string, source: string | null): Line {
  const line = (kind: LineKind, names: string[] = []): Line => ({ text, kind, names });
  if (!/[\p{L}\p{N}]/u.test(text)) return line('chrome');
  if (text.length < 60 && RELATED_MARKERS.has(normalize(text))) return line('marker');
  const masthead = mastheadOutlet(text, source);
  if (masthead?.outlet) return { text, kind: 'chrome', names: [], outlet: masthead.outlet };
  if (masthead || isWidget(text) || isCaption(text)) return line('chrome');
  if (text.length < 80 && (DATE_LINE.test(text.trim()) || TIME_LINE.test(text.trim()))) return line('chrome');
  if (text.length < 60 && PLAYER_LINE.test(text.trim())) return line('chrome');
  if (text.length < 80 && DATELINE.test(text.trim())) return line('dateline');
  const names = creditedNames(text);
  if (names !== undefined) return line('byline', names);
  return line(isHeadlineLike(text) ? 'headline' : 'story');
}

/**
 * The lines of a block: one per line, unless the block is prose hard-wrapped over several lines,
 * which is joined back into one paragraph.
 */
function linesOf(block: string): string[] {
  const lines = block
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length < 2) return lines;
  let wrapped = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const current = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (
      !endsLikeSentence(current) &&
      (/^\p{Ll}/u.test(next) || /[,\p{Ll}-]$/u.test(current)) &&
      current.length > 40
    )
      wrapped++;
  }
  return wrapped * 2 >= lines.length - 1 ? [lines.join(' ')] : lines;
}

/** A title made from the first sentence, cut at a word boundary near 100 characters. */
function titleFromText(paragraph: string): string {
  // Only the opening matters, so a giant one-paragraph article is not split whole.
  const opening = paragraph.slice(0, 2000);
  const first = splitSentences([opening])[0]?.text ?? opening;
  if (first.length <= 100) return first;
  const cut = first.slice(0, 100);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** Separators between a headline and the site's name in a page title ("Headline | Site", "Headline - Site"). */
const TITLE_SEPARATOR = /\s+[|–—-]\s+|\s+::\s+|\s+»\s+/u;

/**
 * A page title without the site's name: the part after the last separator goes when it is the
 * source (og:site_name) or a known outlet, or when it is short and the headline before it is not.
 */
export function stripSiteName(title: string, source: string | null): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const last = normalize(parts[parts.length - 1] ?? '');
  const site = source === null ? '' : normalize(source);
  const known =
    (site !== '' && (last === site || last.includes(site))) ||
    OUTLETS.some((name) => normalize(name) === last);
  if (!known) return title;
  const cut = title.lastIndexOf(parts[parts.length - 1] ?? '');
  return (
    title
      .slice(0, cut)
      .replace(/[\s|–—»:-]+$/u, '')
      .trim() || title
  );
}

/**
 * Cleans a scraped article: drops mastheads, page widgets, photo captions, datelines and
 * related-story links, moves bylines and contributor lines to `byline`, and finds the title (and,
 * when the metadata has none, the source a masthead names).
 */
export function cleanArticle(scraped: ScrapedArticle): Article {
  const { meta } = scraped;
  const lines = scraped.blocks.flatMap(linesOf).map((text) => classify(text, meta.source));
  const byline: string[] = [];
  const credited = new Set<string>();
  for (const line of lines)
    for (const name of line.names) if (credited.size < credited.add(name).size) byline.push(name);
  const dateline = lines.find((line) => line.kind === 'dateline')?.text;

  const body = lines.filter(
    (line) => line.kind === 'headline' || line.kind === 'story' || line.kind === 'marker',
  );
  const firstStory = body.findIndex((line) => line.kind === 'story');
  let title = meta.title?.trim() ? stripSiteName(meta.title.trim(), meta.source) : null;
  const paragraphs: string[] = [];
  let previous: LineKind | null = null;
  let inRelated = false;
  for (const [i, line] of body.entries()) {
    if (line.kind === 'marker') {
      inRelated = true;
      previous = 'marker';
      continue;
    }
    if (line.kind === 'story') {
      inRelated = false;
      paragraphs.push(line.text);
      previous = 'story';
      continue;
    }
    // A headline-like line before the story is the title or a dek; with no story after it,
    // it is the only text there is and stays in the body.
    if (firstStory < 0) {
      paragraphs.push(line.text);
      continue;
    }
    if (i < firstStory) {
      title ??= line.text;
      continue;
    }
    const next = body[i + 1]?.kind;
    const related: boolean = inRelated || (previous === 'story' && (next === undefined || next === 'story'));
    if (!related) {
      paragraphs.push(line.text);
      previous = 'headline';
    }
  }
  title ??= paragraphs[0] !== undefined ? titleFromText(paragraphs[0]) : scraped.id;
  return {
    id: scraped.id,
    title,
    source: meta.source ?? lines.find((line) => line.outlet !== undefined)?.outlet ?? null,
    url: meta.url,
    publishedAt: meta.publishedAt,
    byline,
    paragraphs,
    ...(dateline ? { dateline } : {}),
  };
}

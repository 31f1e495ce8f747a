import { rolesAcrossCoverage } from '../actors/roles.ts';
import type { Actor, Quote } from '../analysis/types.ts';
import { buildDigest, selectKeyQuotes } from '../digest/digest.ts';
import type { ActorCoverage, IdentityMatch, Platform, StoredArticle } from '../ports.ts';
import { err, ok, type Result } from '../result.ts';
import { ActorDirectory } from './actor-directory.ts';
import { mostCoveredNames } from './actor-suggestions.ts';
import { typedCommand } from './command-syntax.ts';
import { helpEntries, MENTION_EXAMPLES } from './help.ts';
import { MAX_ALTERNATIVES, pickIdentity } from './identity-lookup.ts';
import { echo, echoWords } from './limits.ts';
import { type ActorCandidate, ActorIndex, lookupActor, MAX_SUGGESTIONS, nameKey } from './lookup.ts';
import { morePagesAllowed, nextPageRequest, requestedPage } from './paging.ts';
import { feedsAction } from './permissions.ts';
import type {
  ActorAlternative,
  ArticleRef,
  BackgroundEntry,
  CommandContext,
  CommandErrorCode,
  CommandOptions,
  CommandReply,
  QuoteLine,
  TenantDeps,
} from './types.ts';

/** Most quotes one reply lists. */
export const MAX_QUOTES = 10;
/** Most articles one background reply details (the roles come from all it reads). */
export const MAX_BACKGROUND_ARTICLES = 5;
/**
 * Most stored articles `/background` reads per actor across coverage: the newest forty give its
 * recent and frequent roles and the articles shown; how many cover it is counted, not read.
 */
const BACKGROUND_COVERAGE_LIMIT = 40;
/** Most stored articles `/quotes` reads per actor: copies of a story repeat quotes, so a few dozen suffice. */
const QUOTE_COVERAGE_LIMIT = 30;
const MAX_BACKGROUND_LINES = 4;
const MAX_BACKGROUND_QUOTES = 3;
const MAX_ACTORS = 15;
/** Most roles a background reply lists. */
const MAX_ROLES = 6;
const MAX_ARTICLES = 10;

/** An error reply; errors are shown only to who asked. */
export function errorReply(code: CommandErrorCode, text: string, suggestions: string[] = []): CommandReply {
  return { kind: 'error', ephemeral: true, code, text, suggestions: suggestions.slice(0, MAX_SUGGESTIONS) };
}

function notice(text: string, suggestions: string[] = []): CommandReply {
  return { kind: 'notice', ephemeral: true, text, suggestions };
}

/** The header of a stored article, as replies refer to it. */
export function articleRef(stored: StoredArticle): ArticleRef {
  const { id, title, source, url, publishedAt } = stored.article;
  return { id, title, source, url, publishedAt };
}

function coverageRef(coverage: ActorCoverage): ArticleRef {
  const { articleId, title, source, url, publishedAt } = coverage;
  return { id: articleId, title, source, url, publishedAt };
}

function quoteLine(quote: Quote, article: ArticleRef): QuoteLine {
  return { text: quote.text, speaker: quote.speaker, kind: quote.kind, paragraph: quote.paragraph, article };
}

const NO_ARTICLES =
  'No articles are stored yet. Put article files in the digests folder (or add a feed) and ask again.';

/** Finds the article a user named ("" or "latest" is the newest); a miss suggests titles. */
export async function resolveArticle(
  deps: TenantDeps,
  query: string | undefined,
): Promise<Result<StoredArticle, CommandReply>> {
  const text = query?.trim() ?? '';
  const found = await deps.articles.findArticle(text === '' ? 'latest' : text);
  if (found) return ok(found);
  const newest = await deps.articles.listArticles({ limit: MAX_SUGGESTIONS });
  if (newest.length === 0) return err(errorReply('no_articles', NO_ARTICLES));
  const titles = new Set<string>();
  for (const word of nameKey(text)
    .split(' ')
    .filter((w) => w.length >= 3)
    .slice(0, 3)) {
    for (const listing of await deps.articles.listArticles({ limit: MAX_SUGGESTIONS, titleWords: word })) {
      titles.add(listing.title);
    }
  }
  const suggestions = titles.size > 0 ? [...titles] : newest.map((listing) => listing.title);
  return err(errorReply('article_not_found', `I have no article matching “${echo(text)}”.`, suggestions));
}

function candidatesOfArticle(stored: StoredArticle): ActorCandidate[] {
  return stored.analysis.actors.map((actor) => ({
    name: actor.name,
    kind: actor.kind,
    aliases: actor.aliases,
    roles: actor.roles,
    weight: actor.mentions,
  }));
}

function actorMissReply(
  query: string,
  reason: 'not_found' | 'ambiguous',
  suggestions: string[],
  platform: Platform,
): CommandReply {
  if (reason === 'ambiguous') {
    return errorReply('actor_ambiguous', `“${echo(query)}” could mean more than one actor.`, suggestions);
  }
  const hint =
    suggestions.length > 0 ? '' : ` Try ${typedCommand(platform, 'actors')} to see who is in the news.`;
  return errorReply('actor_not_found', `I found no actor called “${echo(query)}”.${hint}`, suggestions);
}

/**
 * One candidate per actor name in `rows` (the copies of a story name the same actor again and
 * again), with every row's aliases and roles and the number of rows as its weight.
 */
function candidatesOfCoverage(rows: readonly ActorCoverage[]): ActorCandidate[] {
  const byName = new Map<
    string,
    { kind: Actor['kind']; aliases: Set<string>; roles: Set<string>; weight: number }
  >();
  for (const { actor } of rows) {
    const known = byName.get(actor.name);
    const merged = known ?? {
      kind: actor.kind,
      aliases: new Set<string>(),
      roles: new Set<string>(),
      weight: 0,
    };
    for (const alias of actor.aliases) merged.aliases.add(alias);
    for (const role of actor.roles) merged.roles.add(role);
    merged.weight += 1;
    if (!known) byName.set(actor.name, merged);
  }
  return [...byName].map(([name, merged]) => ({
    name,
    kind: merged.kind,
    aliases: [...merged.aliases],
    roles: [...merged.roles],
    weight: merged.weight,
  }));
}

/** An actor found across all stored coverage: canonical name, its coverage newest first, others the name could mean. */
interface ResolvedActor {
  name: string;
  coverage: ActorCoverage[];
  also: ActorAlternative[];
  /** How many articles cover it, when known without reading them all (an identity's count). */
  articles?: number;
  /** The identity the coverage was read by, when the directory knows the person. */
  identity?: string;
  /** Whether the store may hold more coverage than was read (the read came back full). */
  full: boolean;
}

/** The commands that look an actor up across coverage, and so may ask which one was meant. */
type ActorCommand = 'quotes' | 'background';

function alternative(match: IdentityMatch, command: ActorCommand, platform: Platform): ActorAlternative {
  return {
    name: match.name,
    articles: match.articles,
    command: typedCommand(platform, command, [['actor', match.name]]),
  };
}

/** The reply that asks which of several people a name meant. */
function choiceReply(
  query: string,
  options: readonly IdentityMatch[],
  command: ActorCommand,
  platform: Platform,
): CommandReply {
  return {
    kind: 'choice',
    ephemeral: true,
    text: `“${echo(query)}” could mean more than one person. Which one?`,
    command,
    options: options.map((match) => alternative(match, command, platform)),
  };
}

/**
 * The identity a name leads to across coverage (see `identity-lookup.ts`): its coverage and the
 * others to name; a choice to offer when two are close; undefined when no identity holds the name.
 */
async function resolveIdentity(
  deps: TenantDeps,
  query: string,
  limit: number,
  command: ActorCommand,
): Promise<Result<ResolvedActor, CommandReply> | undefined> {
  const pick = pickIdentity(query, await deps.articles.findIdentities(query, MAX_ALTERNATIVES));
  if (pick === null) return undefined;
  if (pick.kind === 'ask') return err(choiceReply(query, pick.options, command, deps.platform));
  const coverage = await deps.articles.identityCoverage(pick.identity.key, limit);
  if (coverage.length === 0) return undefined;
  const also = pick.also.map((match) => alternative(match, command, deps.platform));
  return ok({
    name: pick.identity.name,
    coverage,
    also,
    articles: pick.identity.articles,
    identity: pick.identity.key,
    full: coverage.length >= limit,
  });
}

/**
 * Finds the actor a user meant across all stored articles: an exact name or alias goes straight to
 * the actor index; anything else is looked up forgivingly among every known name and the newest
 * article's aliases and roles.
 */
export async function resolveActorCoverage(
  deps: TenantDeps,
  query: string,
  limit: number,
  command: ActorCommand,
): Promise<Result<ResolvedActor, CommandReply>> {
  const byIdentity = await resolveIdentity(deps, query, limit, command);
  if (byIdentity) return byIdentity;
  const direct = await deps.articles.findActorCoverage(query, limit);
  let index: ActorIndex;
  if (direct.length > 0) {
    index = new ActorIndex(candidatesOfCoverage(direct));
  } else {
    index = await (deps.actorDirectory ?? new ActorDirectory()).index(
      deps.articles,
      deps.clock,
      deps.workspace,
    );
    if (index.candidates.length === 0 && (await deps.articles.latestSeq()) === 0) {
      return err(errorReply('no_articles', NO_ARTICLES));
    }
  }
  const found = lookupActor(query, index);
  if (!found.ok) {
    // Nothing typed resembles a known name: offer who is in the news instead of nothing.
    const { suggestions } = found.error;
    const offered =
      suggestions.length > 0 ? suggestions : mostCoveredNames(index.candidates, MAX_SUGGESTIONS);
    return err(actorMissReply(query, found.error.reason, offered, deps.platform));
  }
  // A typo or title found a name: the person it is, across coverage, where the directory knows
  // them (asked first: most names are someone's, and then the name's own rows are not read).
  const named = await resolveIdentity(deps, found.value.name, limit, command);
  if (named?.ok) return named;
  const key = nameKey(found.value.name);
  const sameActor = (row: ActorCoverage) => nameKey(row.actor.name) === key;
  // An alias ("Xi") may miss articles that only use the full name, so those are read by canonical name.
  const byName = direct.length > 0 && key === nameKey(query);
  const coverage = (byName ? direct : await deps.articles.findActorCoverage(found.value.name, limit)).filter(
    sameActor,
  );
  if (coverage.length === 0)
    return err(actorMissReply(query, 'not_found', [found.value.name], deps.platform));
  return ok({ name: found.value.name, coverage, also: [], full: coverage.length >= limit });
}

function holdsWords(text: string, topic: string): boolean {
  const haystack = ` ${nameKey(text)} `;
  return nameKey(topic)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => haystack.includes(` ${word}`));
}

/**
 * The quotes about a topic: those whose own words hold it, else those whose sentence does
 * ("what did Xi say about disaster" -> the quote with "disaster" in it, not its neighbour).
 */
function aboutTopic<T extends { quote: Quote }>(entries: T[], topic: string | undefined): T[] {
  if (!topic) return entries;
  const inQuote = entries.filter((entry) => holdsWords(entry.quote.text, topic));
  return inQuote.length > 0 ? inQuote : entries.filter((entry) => holdsWords(entry.quote.sentence, topic));
}

/** `/quotes [actor] [article]`: key quotes of one article, or one actor's quotes across coverage. */
export async function handleQuotes(options: CommandOptions, deps: TenantDeps): Promise<CommandReply> {
  const actorQuery = options.actor?.trim() ?? '';
  const topic = options.topic?.trim() || undefined;
  if (actorQuery === '' || options.article !== undefined) {
    const article = await resolveArticle(deps, options.article);
    if (!article.ok) return article.error;
    const ref = articleRef(article.value);
    let actor: Actor | undefined;
    if (actorQuery !== '') {
      const found = lookupActor(actorQuery, candidatesOfArticle(article.value));
      if (!found.ok)
        return actorMissReply(actorQuery, found.error.reason, found.error.suggestions, deps.platform);
      actor = article.value.analysis.actors.find((candidate) => candidate.name === found.value.name);
    }
    const matching = aboutTopic(
      article.value.analysis.quotes
        .filter((quote) => !actor || quote.actorId === actor.id)
        .map((quote) => ({ quote })),
      topic,
    ).map((entry) => entry.quote);
    if (matching.length === 0) {
      const who = actor ? ` from ${actor.name}` : '';
      const about = topic ? ` about “${echo(topic)}”` : '';
      return notice(`“${ref.title}” has no quotes${who}${about}.`);
    }
    const shown = actor ? matching.slice(0, MAX_QUOTES) : selectKeyQuotes(matching, MAX_QUOTES);
    // One article's key quotes fit one reply; only quotes across coverage are paged.
    return {
      kind: 'quotes',
      ephemeral: false,
      page: 1,
      more: null,
      actor: actor?.name ?? null,
      article: ref,
      topic: topic ?? null,
      quotes: shown.map((quote) => quoteLine(quote, ref)),
      total: matching.length,
    };
  }
  const page = requestedPage(options);
  if (!page.ok) return errorReply('bad_option', page.error);
  const resolved = await resolveActorCoverage(deps, actorQuery, QUOTE_COVERAGE_LIMIT, 'quotes');
  if (!resolved.ok) return resolved.error;
  // One quote past the page tells whether there is a next one.
  const wanted = page.value * MAX_QUOTES + 1;
  const rows = Math.min(QUOTE_COVERAGE_LIMIT * page.value, MAX_COVERAGE_ROWS);
  const lines = await actorQuoteLines(deps, resolved.value, topic, { wanted, rows });
  if (lines.length === 0) {
    const about = topic ? ` about “${echo(topic)}”` : '';
    return notice(`I have no quotes from ${resolved.value.name}${about} in the stored articles.`);
  }
  const shown = lines.slice((page.value - 1) * MAX_QUOTES, page.value * MAX_QUOTES);
  if (shown.length === 0) return notice(`${resolved.value.name} has no page ${page.value} of quotes.`);
  const hasMore = lines.length > page.value * MAX_QUOTES && morePagesAllowed(page.value);
  return {
    kind: 'quotes',
    ephemeral: false,
    actor: resolved.value.name,
    article: null,
    topic: topic ?? null,
    quotes: shown,
    total: lines.length,
    also: resolved.value.also,
    page: page.value,
    more: hasMore ? nextPageRequest('quotes', options, page.value) : null,
  };
}

/** How far a paged reply reads: the items it needs, and the most coverage rows it reads for them. */
interface PageReach {
  wanted: number;
  rows: number;
}

/**
 * An actor's distinct quotes across coverage, newest first, about `topic` if given: at least
 * `reach.wanted` when the first `reach.rows` articles of coverage have them, read a chunk at a
 * time (each chunk one index range, kept by the read model).
 */
async function actorQuoteLines(
  deps: TenantDeps,
  resolved: ResolvedActor,
  topic: string | undefined,
  { wanted, rows: maxRows }: PageReach,
): Promise<QuoteLine[]> {
  const seen = new Set<string>();
  const keyOf = rememberedNameKey();
  const all: { quote: Quote; row: ActorCoverage }[] = [];
  let lines: QuoteLine[] = [];
  for await (const rows of coverageChunks(deps, resolved, maxRows)) {
    for (const row of rows) {
      for (const quote of row.quotes) {
        // Syndicated copies of a story repeat its quotes; each is shown once, from the newest copy.
        const key = keyOf(quote.text);
        if (seen.has(key)) continue;
        seen.add(key);
        all.push({ quote, row });
      }
    }
    lines = aboutTopic(all, topic).map(({ quote, row }) => quoteLine(quote, coverageRef(row)));
    if (lines.length >= wanted) break;
  }
  return lines;
}

/** Coverage rows read per further query when a reply pages past what resolving the actor read. */
const COVERAGE_CHUNK = 50;
/** Most coverage rows one reply reads: a deep page of a hot actor stays a bounded read. */
const MAX_COVERAGE_ROWS = 1_500;

/**
 * The resolved actor's coverage in chunks, newest first: what resolving read, then further
 * chunks by offset while the store may hold more, up to `maxRows` rows (each page reads its share
 * of coverage, so a store of copies of one story never makes page 1 read thousands).
 */
async function* coverageChunks(
  deps: TenantDeps,
  resolved: ResolvedActor,
  maxRows: number,
): AsyncGenerator<ActorCoverage[]> {
  yield resolved.coverage;
  if (!resolved.full) return;
  const key = nameKey(resolved.name);
  const { identity } = resolved;
  // An identity's coverage is all its own; a name's rows may be another actor's of the same key.
  const read = (offset: number) =>
    identity === undefined
      ? deps.articles.findActorCoverage(resolved.name, COVERAGE_CHUNK, offset)
      : deps.articles.identityCoverage(identity, COVERAGE_CHUNK, offset);
  // Offsets count every row of the name's key: the first read's rows were all of this actor.
  for (let offset = resolved.coverage.length; offset < maxRows; offset += COVERAGE_CHUNK) {
    const rows = await read(offset);
    yield identity === undefined ? rows.filter((row) => nameKey(row.actor.name) === key) : rows;
    if (rows.length < COVERAGE_CHUNK) return;
  }
}

/**
 * {@link nameKey} remembered for one reply: the copies of a story an actor's coverage holds repeat
 * the same lines, and keying each again was most of a hot actor's `/background`.
 */
function rememberedNameKey(): (text: string) => string {
  const keys = new Map<string, string>();
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) {
      key = nameKey(text);
      keys.set(text, key);
    }
    return key;
  };
}

function uniqueByKey(
  values: readonly string[],
  limit: number,
  exclude: readonly string[] = [],
  keyOf: (text: string) => string = nameKey,
): string[] {
  const seen = new Set(exclude.map(keyOf));
  const kept: string[] = [];
  for (const value of values) {
    const key = keyOf(value);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(value);
    if (kept.length >= limit) break;
  }
  return kept;
}

/**
 * One entry per article of the actor's coverage that adds lines or quotes not shown yet, newest
 * first, until there are `reach.wanted` (or `reach.rows` articles are read; see {@link coverageChunks}).
 */
async function backgroundEntries(
  deps: TenantDeps,
  resolved: ResolvedActor,
  { wanted, rows: maxRows }: PageReach,
  keyOf: (text: string) => string,
): Promise<BackgroundEntry[]> {
  const entries: BackgroundEntry[] = [];
  const shownLines = new Set<string>();
  for await (const rows of coverageChunks(deps, resolved, maxRows)) {
    for (const row of rows) {
      if (entries.length >= wanted) return entries;
      const ref = coverageRef(row);
      const lines = row.actor.background.slice(0, MAX_BACKGROUND_LINES);
      const quotes = selectKeyQuotes(row.quotes, MAX_BACKGROUND_QUOTES);
      const keys: string[] = [];
      for (const line of lines) keys.push(keyOf(line.text));
      for (const quote of quotes) keys.push(keyOf(quote.text));
      // A copy of a story already shown adds nothing; skip it rather than repeat its lines.
      if (keys.length > 0 && keys.every((key) => shownLines.has(key))) continue;
      for (const key of keys) shownLines.add(key);
      entries.push({
        article: ref,
        roles: row.actor.roles,
        quotes: quotes.map((q) => quoteLine(q, ref)),
        lines,
      });
    }
  }
  return entries;
}

/** `/background actor [article]`: roles, quotes and lines about an actor, across all stored coverage. */
export async function handleBackground(options: CommandOptions, deps: TenantDeps): Promise<CommandReply> {
  const actorQuery = options.actor?.trim() ?? '';
  if (actorQuery === '') {
    return errorReply(
      'missing_option',
      `Name an actor, e.g. ${typedCommand(deps.platform, 'background', [['actor', 'Qin Gang']])}.`,
    );
  }
  const page = requestedPage(options);
  if (!page.ok) return errorReply('bad_option', page.error);
  let resolved: ResolvedActor;
  if (options.article !== undefined) {
    const article = await resolveArticle(deps, options.article);
    if (!article.ok) return article.error;
    const found = lookupActor(actorQuery, candidatesOfArticle(article.value));
    if (!found.ok)
      return actorMissReply(actorQuery, found.error.reason, found.error.suggestions, deps.platform);
    const actor = article.value.analysis.actors.find((candidate) => candidate.name === found.value.name);
    if (!actor) return actorMissReply(actorQuery, 'not_found', [], deps.platform);
    const ref = articleRef(article.value);
    resolved = {
      name: actor.name,
      coverage: [
        {
          articleId: ref.id,
          seq: article.value.seq,
          title: ref.title,
          source: ref.source,
          url: ref.url,
          publishedAt: ref.publishedAt,
          actor,
          quotes: article.value.analysis.quotes.filter((quote) => quote.actorId === actor.id),
        },
      ],
      also: [],
      full: false,
    };
  } else {
    const found = await resolveActorCoverage(deps, actorQuery, BACKGROUND_COVERAGE_LIMIT, 'background');
    if (!found.ok) return found.error;
    resolved = found.value;
  }
  const { coverage } = resolved;
  const newest = coverage[0]?.actor;
  const roleLines = rolesAcrossCoverage(
    coverage.flatMap((row) => row.actor.roles.map((role) => ({ role, article: coverageRef(row) }))),
  ).slice(0, MAX_ROLES);
  const keyOf = rememberedNameKey();
  // One entry past the page tells whether there is a next one.
  const wanted = page.value * MAX_BACKGROUND_ARTICLES + 1;
  const rows = Math.min(BACKGROUND_COVERAGE_LIMIT * page.value, MAX_COVERAGE_ROWS);
  const entries = await backgroundEntries(deps, resolved, { wanted, rows }, keyOf);
  const shown = entries.slice(
    (page.value - 1) * MAX_BACKGROUND_ARTICLES,
    page.value * MAX_BACKGROUND_ARTICLES,
  );
  if (shown.length === 0) return notice(`${resolved.name} has no page ${page.value} of background.`);
  const hasMore = entries.length > page.value * MAX_BACKGROUND_ARTICLES && morePagesAllowed(page.value);
  const articleCount =
    resolved.articles ??
    (coverage.length >= BACKGROUND_COVERAGE_LIMIT
      ? Math.max(coverage.length, await deps.articles.countActorArticles(resolved.name))
      : coverage.length);
  return {
    kind: 'background',
    ephemeral: false,
    actor: {
      name: resolved.name,
      kind: newest?.kind ?? 'person',
      aliases: uniqueByKey(
        coverage.flatMap((row) => row.actor.aliases),
        8,
        [resolved.name],
        keyOf,
      ),
      roles: roleLines.map((line) => line.role),
    },
    coverage: shown,
    articleCount,
    roleLines,
    also: resolved.also,
    page: page.value,
    more: hasMore ? nextPageRequest('background', options, page.value) : null,
  };
}

/**
 * `/digest [article] [url]`: the digest of the newest article, or of the one named; with `url`, the
 * page is fetched and ingested first and the digest is of that article.
 */
export async function handleDigest(options: CommandOptions, deps: TenantDeps): Promise<CommandReply> {
  const url = options.url?.trim() ?? '';
  if (url !== '') return digestOfPage(url, deps);
  const article = await resolveArticle(deps, options.article);
  if (!article.ok) return article.error;
  return { kind: 'digest', ephemeral: false, digest: buildDigest([article.value.analysis]) };
}

async function digestOfPage(url: string, deps: TenantDeps): Promise<CommandReply> {
  if (!deps.ingestUrl) return errorReply('not_available', 'This newsdesk does not fetch web pages.');
  const ingested = await deps.ingestUrl(url, deps.workspace);
  if (!ingested.ok)
    return errorReply('fetch_failed', `I could not read that page: ${echoWords(ingested.error)}.`);
  const stored = await deps.articles.getArticle(ingested.value.id);
  if (!stored) return errorReply('article_not_found', `The article from ${echo(url)} is no longer stored.`);
  return { kind: 'digest', ephemeral: false, digest: buildDigest([stored.analysis]) };
}

/** `/actors [article]`: a story's actors, most central first. */
export async function handleActors(options: CommandOptions, deps: TenantDeps): Promise<CommandReply> {
  const article = await resolveArticle(deps, options.article);
  if (!article.ok) return article.error;
  return {
    kind: 'actors',
    ephemeral: false,
    article: articleRef(article.value),
    actors: article.value.analysis.actors.slice(0, MAX_ACTORS).map((actor) => ({
      name: actor.name,
      kind: actor.kind,
      roles: actor.roles,
      mentions: actor.mentions,
      quotes: actor.quotes,
    })),
  };
}

/** `/articles [page]`: what the bot has, newest first, a page at a time. */
export async function handleArticles(options: CommandOptions, deps: TenantDeps): Promise<CommandReply> {
  const page = requestedPage(options);
  if (!page.ok) return errorReply('bad_option', page.error);
  // One listing past the page tells whether there is a next one.
  const offset = (page.value - 1) * MAX_ARTICLES;
  const found = await deps.articles.listArticles({ limit: MAX_ARTICLES + 1, offset });
  if (found.length === 0)
    return notice(page.value === 1 ? NO_ARTICLES : `There is no page ${page.value} of articles.`);
  const listings = found.slice(0, MAX_ARTICLES);
  const hasMore = found.length > MAX_ARTICLES && morePagesAllowed(page.value);
  return {
    kind: 'articles',
    ephemeral: false,
    page: page.value,
    more: hasMore ? nextPageRequest('articles', options, page.value) : null,
    articles: listings.map(({ id, title, source, url, publishedAt, ingestedAt }) => ({
      id,
      title,
      source,
      url,
      publishedAt,
      ingestedAt,
    })),
  };
}

const FEED_ACTIONS = ['add', 'remove', 'list'] as const;

/**
 * `/feeds add|remove|list [url]`: the RSS/Atom feeds newsdesk polls for this workspace; their
 * stories reach this workspace's digests only. Who may add and remove is the permission table's.
 */
export async function handleFeeds(
  options: CommandOptions,
  context: CommandContext,
  deps: TenantDeps,
): Promise<CommandReply> {
  const action = feedsAction(options);
  if (!(FEED_ACTIONS as readonly string[]).includes(action)) {
    return errorReply('bad_action', `“${echo(action)}” is not a feeds action; use add, remove or list.`, [
      ...FEED_ACTIONS,
    ]);
  }
  if (!deps.feeds) return errorReply('not_available', 'This newsdesk does not poll feeds.');
  if (action === 'list')
    return { kind: 'feeds', ephemeral: true, action: 'list', feeds: await deps.feeds.list(deps.workspace) };
  const url = options.url?.trim() ?? '';
  if (url === '')
    return errorReply(
      'missing_option',
      `Give the feed's address, e.g. ${typedCommand(deps.platform, 'feeds', [
        ['action', action],
        ['url', 'https://example.com/rss.xml'],
      ])}.`,
    );
  if (action === 'add') {
    const added = await deps.feeds.add(url, context.userId, deps.workspace);
    if (!added.ok) return errorReply('fetch_failed', `${echoWords(added.error)}.`);
    return {
      kind: 'feeds',
      ephemeral: false,
      action: added.value.created ? 'added' : 'already-added',
      feeds: [added.value.feed],
    };
  }
  const removed = await deps.feeds.remove(url, deps.workspace);
  if (!removed) {
    const known = await deps.feeds.list(deps.workspace);
    return errorReply(
      'feed_not_found',
      `This workspace has no feed ${echo(url)}.`,
      known.map((feed) => feed.url),
    );
  }
  return { kind: 'feeds', ephemeral: false, action: 'removed', feeds: [removed] };
}

/** `/help`: the commands with examples; `unrecognized` is mention text no command matched. */
export function handleHelp(platform: Platform, unrecognized?: string): CommandReply {
  return {
    kind: 'help',
    ephemeral: true,
    commands: helpEntries(platform),
    mentionExamples: [...MENTION_EXAMPLES],
    unrecognized: unrecognized === undefined ? null : echo(unrecognized),
  };
}

import { displayQuoteText, renderDigestItemAsText, renderProvenance } from '../digest/render-text.ts';
import { typedCommand } from './command-syntax.ts';
import { describeSubscriptionOptions } from './subscription-options.ts';
import type {
  ActorAlternative,
  ArticleRef,
  CommandReply,
  FeedLine,
  QuoteLine,
  RoleLine,
  SubscriptionLine,
} from './types.ts';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function didYouMean(suggestions: readonly string[]): string[] {
  return suggestions.length > 0 ? [`Did you mean: ${suggestions.join(' · ')}?`] : [];
}

function articleLine(article: ArticleRef): string {
  const provenance = renderProvenance(article);
  return provenance ? `${article.title} (${provenance})` : article.title;
}

function quoteText(quote: QuoteLine, withArticle: boolean): string {
  const speaker = quote.speaker ?? 'unattributed';
  const where = withArticle ? `¶${quote.paragraph}, ${quote.article.title}` : `¶${quote.paragraph}`;
  return `  “${displayQuoteText(quote.text)}” — ${speaker} (${where})`;
}

/** An ISO instant as the subscriber's wall-clock time ("Mon 2024-05-06 08:00"): plain text keeps the subscription's zone. */
export function localTime(iso: string, timezone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** What a paused subscription's line says: the reason and how to resume. */
export function pausedText(
  subscription: Pick<SubscriptionLine, 'id' | 'pausedReason'>,
  resume: string,
): string {
  return `paused: ${subscription.pausedReason ?? ''} — when that is fixed, ${resume}`;
}

function subscriptionText(subscription: SubscriptionLine): string {
  const resume = typedCommand('console', 'resume', [['id', subscription.id]]);
  const state = subscription.pausedReason ? pausedText(subscription, resume) : 'active';
  const lines = [
    `  • ${subscription.cron} (${subscription.timezone}) — ${state} [id ${subscription.id}]`,
    `    ${describeSubscriptionOptions(subscription.options).join(' · ')}`,
  ];
  const when = subscription.nextRuns.map((iso) => localTime(iso, subscription.timezone));
  if (when.length > 0 && !subscription.pausedReason) lines.push(`    next: ${when.join(', ')}`);
  return lines.join('\n');
}

/** The heading of a `/feeds` reply, by what it did. */
export function feedsHeading(reply: Extract<CommandReply, { kind: 'feeds' }>): string {
  switch (reply.action) {
    case 'added':
      return 'Feed added: new items will be ingested from now on (no backlog).';
    case 'already-added':
      return 'That feed is already polled.';
    case 'removed':
      return 'Feed removed.';
    case 'list':
      return reply.feeds.length === 0
        ? 'No feeds yet. Add one with /feeds add https://example.com/rss.xml.'
        : `Feeds newsdesk polls (${reply.feeds.length}):`;
  }
}

/** One feed as a line: title and address, then its state. */
export function feedText(feed: FeedLine): string {
  const name = feed.title ? `${feed.title} <${feed.url}>` : feed.url;
  return `  • ${name} — ${feed.status}`;
}

/** The console's paging line of a paged reply: how to see the next page, or that this is the last. */
function pageFooter(reply: { page: number; more: unknown }): string[] {
  if (reply.more !== null) return [`Page ${reply.page}. Type “more” for the next page.`];
  return reply.page > 1 ? [`Page ${reply.page}, the last.`] : [];
}

/**
 * Renders a reply as plain-text blocks: the units a long reply may be split between (one article,
 * one coverage entry), each whole.
 */
export function renderReplyAsTextBlocks(reply: CommandReply): string[] {
  switch (reply.kind) {
    case 'digest':
      return [reply.digest.heading, ...reply.digest.items.map(renderDigestItemAsText)];
    case 'quotes': {
      const who = reply.actor ? `Quotes from ${reply.actor}` : 'Key quotes';
      const about = reply.topic ? ` about “${reply.topic}”` : '';
      // Quotes drawn from all coverage name their article, unless they all come from one.
      const sources = new Set(reply.quotes.map((quote) => quote.article.id));
      const single = reply.article ?? (sources.size === 1 ? reply.quotes[0]?.article : undefined);
      const where = single ? ` in “${single.title}”` : ' across stored coverage';
      const count = reply.total > reply.quotes.length ? ` (${reply.quotes.length} of ${reply.total})` : '';
      const lines = reply.quotes.map((quote) => quoteText(quote, single === undefined));
      return [
        [`${who}${about}${where}${count}:`, ...lines, ...alsoText(reply.also)].join('\n'),
        ...pageFooter(reply),
      ];
    }
    case 'background': {
      const { actor } = reply;
      const header = [`${actor.name} (${actor.kind})`];
      if (reply.roleLines && reply.roleLines.length > 0) header.push(roleLinesText(reply.roleLines));
      else if (actor.roles.length > 0) header.push(`Roles: ${actor.roles.join('; ')}`);
      if (actor.aliases.length > 0) header.push(`Also called: ${actor.aliases.join(', ')}`);
      header.push(`Covered in ${plural(reply.articleCount, 'stored article')}.`, ...alsoText(reply.also));
      const entries = reply.coverage.map((entry) => {
        const lines = [articleLine(entry.article)];
        if (entry.roles.length > 0) lines.push(`  As: ${entry.roles.join('; ')}`);
        for (const line of entry.lines) lines.push(`  • ${line.text} (¶${line.paragraph})`);
        for (const quote of entry.quotes)
          lines.push(`  “${displayQuoteText(quote.text)}” (¶${quote.paragraph})`);
        return lines.join('\n');
      });
      return [header.join('\n'), ...entries, ...pageFooter(reply)];
    }
    case 'actors': {
      const lines = reply.actors.map((actor, index) => {
        const roles = actor.roles.length > 0 ? ` — ${actor.roles.join('; ')}` : '';
        const counts = `${plural(actor.mentions, 'mention')}, ${plural(actor.quotes, 'quote')}`;
        return `  ${index + 1}. ${actor.name} (${actor.kind})${roles} · ${counts}`;
      });
      return [[`Actors of “${reply.article.title}”, most central first:`, ...lines].join('\n')];
    }
    case 'articles': {
      const lines = reply.articles.map((article) => `  • ${articleLine(article)} [id ${article.id}]`);
      return [['Articles, newest first:', ...lines].join('\n'), ...pageFooter(reply)];
    }
    case 'subscribed': {
      const { subscription } = reply;
      const head = {
        created: 'Subscribed: a digest of the new stories',
        unchanged: 'Already subscribed',
        updated: 'Changed the subscription',
      }[reply.outcome];
      return [
        [
          `${head} on "${subscription.cron}" (${subscription.timezone}):`,
          subscriptionText(subscription),
        ].join('\n'),
      ];
    }
    case 'resumed':
      return [
        [
          `Resumed ${plural(reply.resumed.length, 'subscription')}:`,
          ...reply.resumed.map(subscriptionText),
        ].join('\n'),
      ];
    case 'unsubscribed':
      return [
        [
          `Removed ${plural(reply.removed.length, 'subscription')}:`,
          ...reply.removed.map(subscriptionText),
        ].join('\n'),
      ];
    case 'subscriptions':
      if (reply.subscriptions.length === 0) {
        return [
          `This channel has no subscriptions. Add one with ${typedCommand('console', 'subscribe', [
            ['schedule', '0 8 * * 1-5'],
            ['timezone', 'Europe/Berlin'],
          ])}.`,
        ];
      }
      return [['Subscriptions of this channel:', ...reply.subscriptions.map(subscriptionText)].join('\n')];
    case 'help': {
      const mentions = ['Or mention me:', ...reply.mentionExamples.map((example) => `  ${example}`)];
      if (reply.unrecognized) {
        // Unrecognised mention text gets a short pointer, not the whole manual.
        const usages = reply.commands.map((entry) => entry.usage).join(' · ');
        return [
          `I did not understand “${reply.unrecognized}”. Try ${usages}, or "${reply.mentionExamples[0] ?? '@newsdesk help'}".`,
        ];
      }
      const commands = reply.commands.map(
        (entry) => `  ${entry.usage} — ${entry.description} e.g. ${entry.examples.join(' · ')}`,
      );
      return [['newsdesk commands:', ...commands].join('\n'), mentions.join('\n')];
    }
    case 'feeds':
      return [[feedsHeading(reply), ...reply.feeds.map(feedText)].join('\n')];
    case 'notice':
      return [[reply.text, ...didYouMean(reply.suggestions)].join('\n')];
    case 'error':
      return [[reply.text, ...didYouMean(reply.suggestions)].join('\n')];
    case 'choice':
      return [choiceText(reply.text, reply.options)];
  }
}

/** The "Also:" line naming the others a name could mean, with the command for each. */
export function alsoText(also: readonly ActorAlternative[] | undefined): string[] {
  if (!also || also.length === 0) return [];
  return [`Also: ${also.map((other) => `${other.name} — ${other.command}`).join(' · ')}`];
}

/** A choice as a numbered list the user can answer with a number. */
export function choiceText(question: string, options: readonly ActorAlternative[]): string {
  const lines = options.map(
    (option, index) =>
      `  ${index + 1}. ${option.name} (${plural(option.articles, 'article')}) — ${option.command}`,
  );
  return [question, ...lines, 'Answer with the number, or type the command.'].join('\n');
}

/** Roles across coverage with the article each last came from. */
function roleLinesText(roles: readonly RoleLine[]): string {
  return `Roles: ${roles
    .map(
      (line) =>
        `${line.role} (“${line.article.title}”${line.articles > 1 ? `, ${plural(line.articles, 'article')}` : ''})`,
    )
    .join('; ')}`;
}

/** Renders a reply as plain text (console, CLI, platform fallback text). */
export function renderReplyAsText(reply: CommandReply): string {
  return renderReplyAsTextBlocks(reply).join('\n\n');
}

/** Cuts one over-long block at the last sentence end (else line, else word) that fits, marking the cut. */
function cutBlock(block: string, maxChars: number): string {
  const room = maxChars - 1;
  const head = block.slice(0, room);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('” '));
  const lineEnd = head.lastIndexOf('\n');
  const wordEnd = head.lastIndexOf(' ');
  const at =
    sentenceEnd > room / 2 ? sentenceEnd + 1 : lineEnd > room / 2 ? lineEnd : wordEnd > 0 ? wordEnd : room;
  return `${head.slice(0, at).trimEnd()}…`;
}

/**
 * Packs text blocks into messages of at most `maxChars`, splitting only between blocks (articles,
 * coverage entries); a single block too long for one message is cut at a sentence end.
 */
export function packTextBlocks(blocks: readonly string[], maxChars: number, separator = '\n\n'): string[] {
  const messages: string[] = [];
  let current = '';
  for (const raw of blocks) {
    const block = raw.length > maxChars ? cutBlock(raw, maxChars) : raw;
    if (current === '') current = block;
    else if (current.length + separator.length + block.length <= maxChars) current += separator + block;
    else {
      messages.push(current);
      current = block;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

/**
 * Block Kit renderer: Digest and every CommandReply -> Slack messages within Slack's limits
 * (section text 3,000, header 150, 50 blocks a message), each with a plain `text` fallback, and
 * every piece of article or user text escaped by {@link slackText}.
 */
import type { GroundedLine } from '../../core/analysis/types.ts';
import { typedCommand } from '../../core/commands/command-syntax.ts';
import { moreToken } from '../../core/commands/paging.ts';
import { feedsHeading, localTime } from '../../core/commands/render-text.ts';
import { describeSubscriptionOptions } from '../../core/commands/subscription-options.ts';
import type {
  ActorAlternative,
  ArticleRef,
  CommandReply,
  HelpEntry,
  QuoteLine,
  SubscriptionLine,
} from '../../core/commands/types.ts';
import type { Digest, DigestItem } from '../../core/digest/digest.ts';
import { displayQuoteText, renderDigestHeadlines, renderProvenance } from '../../core/digest/render-text.ts';
import { slackLink, slackText, truncateText } from './mrkdwn.ts';

/** Slack's limits the renderer keeps (DESIGN.md, "Platform limits"). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  headerText: 150,
  blocksPerMessage: 50,
  contextText: 3000,
  /** Our cap for the notification fallback; Slack itself truncates at 40,000. */
  fallbackText: 3000,
} as const;

/** A mrkdwn text object; `verbatim` stops Slack from linkifying or parsing mentions on its own. */
export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}

/** The Block Kit blocks newsdesk posts. */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: false } }
  | { type: 'section'; text: SlackMrkdwn }
  | { type: 'context'; elements: SlackMrkdwn[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

/** A button of an actions block: `value` carries what it asks, for the action handler. */
export interface SlackButton {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji: false };
  action_id: string;
  value: string;
}

/** The action id prefix of the buttons that answer "which one did you mean?". */
export const CHOICE_ACTION_PREFIX = 'newsdesk_choose_';

/** Slack's longest button label, and the most buttons one actions block holds. */
const BUTTON_LABEL_CHARS = 75;
const MAX_BUTTONS = 5;
/** The action id of a paged reply's "More" button. */
export const MORE_ACTION = 'more';

/** One Slack message: blocks plus the plain text shown in notifications and by clients without blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** How a rendered reply is shown: to the asker only, or to the channel. */
export interface SlackReply {
  ephemeral: boolean;
  /** One or more messages (long digests split at article boundaries). */
  messages: SlackMessage[];
}

const mrkdwn = (text: string): SlackMrkdwn => ({ type: 'mrkdwn', text, verbatim: true });

/** A header block; `text` is already escaped. */
function header(text: string): SlackBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncateText(text, SLACK_LIMITS.headerText), emoji: false },
  };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [mrkdwn(truncateText(text, SLACK_LIMITS.contextText))] };
}

/**
 * Packs already-escaped lines into as few section blocks as fit 3,000 characters each, breaking only
 * between lines (a line is a whole sentence or quote); a single over-long line is cut with "…".
 */
export function sections(lines: readonly string[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateText(raw, SLACK_LIMITS.sectionText);
    if (current !== '' && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      blocks.push({ type: 'section', text: mrkdwn(current) });
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push({ type: 'section', text: mrkdwn(current) });
  return blocks;
}

/**
 * Splits groups of blocks (one group per article or entry) into messages of at most 50 blocks,
 * never breaking a group unless it alone is too long; the first message starts with `lead`.
 */
export function packMessages(
  lead: SlackBlock[],
  groups: readonly SlackBlock[][],
  fallback: (part: number, parts: number) => string,
): SlackMessage[] {
  const max = SLACK_LIMITS.blocksPerMessage;
  const pages: SlackBlock[][] = [];
  let page: SlackBlock[] = [...lead];
  for (const group of groups) {
    if (page.length > 0 && page.length + group.length > max) {
      pages.push(page);
      page = [];
    }
    for (const block of group) {
      if (page.length === max) {
        pages.push(page);
        page = [];
      }
      page.push(block);
    }
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages.map((blocks, index) => ({
    text: truncateText(fallback(index + 1, pages.length), SLACK_LIMITS.fallbackText),
    blocks,
  }));
}

function ground(line: GroundedLine): string {
  return `• ${slackText(line.text)} _(¶${line.paragraph})_`;
}

function quoteLine(quote: { text: string; speaker: string | null; paragraph: number }, where = ''): string {
  const speaker = quote.speaker === null ? '_unattributed_' : `*${slackText(quote.speaker)}*`;
  return `> “${slackText(displayQuoteText(quote.text))}” — ${speaker} _(¶${quote.paragraph}${where})_`;
}

function articleTitle(article: Pick<ArticleRef, 'title' | 'url'>): string {
  return `*${slackLink(article.url, article.title) ?? slackText(article.title)}*`;
}

function digestItemBlocks(item: DigestItem, first: boolean): SlackBlock[] {
  const blocks: SlackBlock[] = first ? [] : [{ type: 'divider' }];
  blocks.push(...sections([articleTitle(item)]));
  const provenance = renderProvenance({ source: item.source, publishedAt: item.publishedAt, url: null });
  if (provenance) blocks.push(context(slackText(provenance)));
  blocks.push(...sections(item.summary.map(ground)));
  blocks.push(
    ...sections(
      item.quotes.map((quote) =>
        // A story's quote from another outlet's article names that outlet: its ¶ is that article's.
        quoteLine(
          quote,
          quote.articleId === item.articleId ? '' : `, ${slackText(quote.source ?? 'another report')}`,
        ),
      ),
    ),
  );
  if (item.alsoReportedBy.length > 0) {
    const outlets = item.alsoReportedBy.map(
      (article) =>
        slackLink(article.url, article.source ?? article.title) ?? slackText(article.source ?? article.title),
    );
    blocks.push(context(`Also reported by: ${outlets.join(', ')}`));
  }
  if (item.actors.length > 0) blocks.push(context(`Actors: ${slackText(item.actors.join(', '))}`));
  return blocks;
}

/** Renders a digest as one or more messages, split between articles; the heading opens the first. */
export function renderDigestForSlack(digest: Digest): SlackMessage[] {
  const heading = slackText(digest.heading);
  const groups = digest.items.map((item, index) => digestItemBlocks(item, index === 0));
  if (groups.length === 0) groups.push(sections(['_No articles._']));
  // The notification fallback lists every story's headline: the whole text would be cut at 3,000.
  const fullText = slackText(renderDigestHeadlines(digest));
  return packMessages([header(heading)], groups, (part, parts) =>
    part === 1 ? fullText : `${heading} (part ${part} of ${parts})`,
  );
}

function articleWhere(article: ArticleRef): string {
  return `, ${slackText(article.title)}`;
}

function suggestionLine(suggestions: readonly string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `Did you mean ${suggestions.map((s) => `*${slackText(s)}*`).join(', ')}?`;
}

/**
 * A due time as a Slack date token: every reader sees it in their own time zone; clients that
 * cannot show it fall back to the subscription's local time.
 */
export function slackDate(iso: string, timezone: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${slackText(`${localTime(iso, timezone)} (${timezone})`)}>`;
}

/** A subscription's lines: schedule and state, its options, its next due times. */
function subscriptionLines(sub: SubscriptionLine): string[] {
  const resume = `\`${slackText(typedCommand('slack', 'resume', [['id', sub.id]]))}\``;
  const state =
    sub.pausedReason === null
      ? 'active'
      : `*paused*: ${slackText(sub.pausedReason)} — when that is fixed, ${resume}`;
  const lines = [
    `• \`${slackText(sub.cron)}\` (${slackText(sub.timezone)}) — ${state} · \`${slackText(sub.id)}\``,
    `    ${slackText(describeSubscriptionOptions(sub.options).join(' · '))}`,
  ];
  if (sub.pausedReason === null && sub.nextRuns.length > 0)
    lines.push(`    Next: ${sub.nextRuns.map((iso) => slackDate(iso, sub.timezone)).join(', ')}`);
  return lines;
}

/** Help lines; the entries are in Slack's syntax already (`/newsdesk quotes Xi`). */
function helpLines(commands: readonly HelpEntry[]): string[] {
  return commands.map((entry) => {
    const examples = entry.examples.map((example) => `\`${slackText(example)}\``);
    const usage = `\`${slackText(entry.usage)}\``;
    return `${usage} — ${slackText(entry.description)}${examples.length > 0 ? `\n    e.g. ${examples.join(' · ')}` : ''}`;
  });
}

/** The `text` fallback of a message: its lines, mrkdwn and all (Slack renders mrkdwn in `text`). */
function textOf(lines: readonly string[]): string {
  return lines.join('\n');
}

function simple(title: string, lines: string[], footer?: string): SlackMessage[] {
  const blocks: SlackBlock[] = sections([title, ...lines]);
  if (footer) blocks.push(context(footer));
  return packMessages([], [blocks], () => textOf([title, ...lines]));
}

/**
 * Renders any command reply for Slack. Errors, help and "did you mean" notices are always
 * ephemeral; the rest follow the reply's own flag. `command` is the slash command shown in help.
 */
export function renderReplyForSlack(reply: CommandReply, command = '/newsdesk'): SlackReply {
  const ephemeral =
    reply.ephemeral ||
    reply.kind === 'error' ||
    reply.kind === 'help' ||
    (reply.kind === 'notice' && reply.suggestions.length > 0);
  return { ephemeral, messages: withMoreButton(renderMessages(reply, command), reply) };
}

/**
 * The messages with a "More" button (action {@link MORE_ACTION}) under the last one when the
 * reply has a next page; a request too long for a token gets a line naming the page option.
 */
function withMoreButton(messages: SlackMessage[], reply: CommandReply): SlackMessage[] {
  const paged = reply.kind === 'quotes' || reply.kind === 'background' || reply.kind === 'articles';
  const next = paged ? reply.more : null;
  const last = messages.at(-1);
  if (!next || !last || last.blocks.length >= SLACK_LIMITS.blocksPerMessage) return messages;
  const token = moreToken(next);
  const block: SlackBlock = token
    ? {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'More', emoji: false },
            action_id: MORE_ACTION,
            value: token,
          },
        ],
      }
    : { type: 'context', elements: [mrkdwn(`More: ask again with \`page:${next.options.page}\`.`)] };
  return [...messages.slice(0, -1), { ...last, blocks: [...last.blocks, block] }];
}

/** The "Also:" line naming the others a name could mean, with the command for each. */
function alsoLine(also: readonly ActorAlternative[] | undefined): string[] {
  if (!also || also.length === 0) return [];
  return [
    `Also: ${also.map((other) => `*${slackText(other.name)}* — \`${slackText(other.command)}\``).join(' · ')}`,
  ];
}

/** A choice: the question, the people with their commands, and a button for each. */
function choiceMessages(reply: Extract<CommandReply, { kind: 'choice' }>): SlackMessage[] {
  const lines = reply.options.map(
    (option, index) =>
      `${index + 1}. *${slackText(option.name)}* (${option.articles} article${option.articles === 1 ? '' : 's'}) — \`${slackText(option.command)}\``,
  );
  const buttons: SlackButton[] = reply.options.slice(0, MAX_BUTTONS).map((option, index) => ({
    type: 'button',
    text: { type: 'plain_text', text: truncateText(option.name, BUTTON_LABEL_CHARS), emoji: false },
    action_id: `${CHOICE_ACTION_PREFIX}${index}`,
    value: JSON.stringify({ command: reply.command, actor: option.name }),
  }));
  const blocks: SlackBlock[] = [
    ...sections([slackText(reply.text), ...lines]),
    { type: 'actions', elements: buttons },
  ];
  return [{ text: textOf([reply.text, ...reply.options.map((option) => option.command)]), blocks }];
}

function renderMessages(reply: CommandReply, command: string): SlackMessage[] {
  switch (reply.kind) {
    case 'choice':
      return choiceMessages(reply);
    case 'digest':
      return renderDigestForSlack(reply.digest);
    case 'quotes': {
      const about = reply.topic === null ? '' : ` about “${slackText(reply.topic)}”`;
      const who = `${reply.actor === null ? 'Key quotes' : `Quotes of ${slackText(reply.actor)}`}${about}`;
      const title = reply.article === null ? `*${who}*` : `*${who}* in ${articleTitle(reply.article)}`;
      const lines = reply.quotes.map((quote: QuoteLine) =>
        quoteLine(quote, reply.article === null ? articleWhere(quote.article) : ''),
      );
      if (lines.length === 0) lines.push('_No quotes found._');
      const footer =
        reply.total > reply.quotes.length
          ? `Showing ${reply.quotes.length} of ${reply.total} quotes.`
          : undefined;
      return simple(title, [...lines, ...alsoLine(reply.also)], footer);
    }
    case 'background': {
      const actor = reply.actor;
      const roles = reply.roleLines?.map((line) => `${line.role} (${line.article.title})`) ?? actor.roles;
      const about = [
        roles.length > 0 ? slackText(roles.join('; ')) : undefined,
        actor.aliases.length > 0 ? `also called: ${slackText(actor.aliases.join(', '))}` : undefined,
        ...alsoLine(reply.also),
      ].filter((part): part is string => part !== undefined);
      const lead: SlackBlock[] = [header(slackText(actor.name))];
      if (about.length > 0) lead.push(context(about.join(' · ')));
      const groups = reply.coverage.map((entry, index) => {
        const blocks: SlackBlock[] = index === 0 ? [] : [{ type: 'divider' }];
        const roles = entry.roles.length > 0 ? ` — ${slackText(entry.roles.join('; '))}` : '';
        blocks.push(...sections([`${articleTitle(entry.article)}${roles}`]));
        blocks.push(...sections(entry.lines.map(ground)));
        blocks.push(...sections(entry.quotes.map((quote) => quoteLine(quote))));
        return blocks;
      });
      const shown = reply.coverage.length;
      if (reply.articleCount > shown)
        groups.push([context(`Covered in ${reply.articleCount} articles; showing ${shown}.`)]);
      const text = textOf([
        actor.name,
        ...about,
        ...reply.coverage.flatMap((entry) => [
          entry.article.title,
          ...entry.lines.map((line) => `• ${line.text}`),
        ]),
      ]);
      return packMessages(lead, groups, (part, parts) =>
        part === 1 ? slackText(text) : `${slackText(actor.name)} (part ${part} of ${parts})`,
      );
    }
    case 'actors': {
      const lines = reply.actors.map((actor) => {
        const roles = actor.roles.length > 0 ? ` — ${slackText(actor.roles.join('; '))}` : '';
        return `• *${slackText(actor.name)}* (${actor.kind})${roles} · ${actor.mentions} mentions, ${actor.quotes} quotes`;
      });
      if (lines.length === 0) lines.push('_No actors found._');
      return simple(`*Actors* in ${articleTitle(reply.article)}`, lines);
    }
    case 'articles': {
      const lines = reply.articles.map((article) => {
        const provenance = renderProvenance({
          source: article.source,
          publishedAt: article.publishedAt,
          url: null,
        });
        return `• ${articleTitle(article)}${provenance ? ` — ${slackText(provenance)}` : ''} · \`${slackText(article.id)}\``;
      });
      if (lines.length === 0) lines.push('_No articles yet._');
      return simple('*Articles*, newest first', lines);
    }
    case 'subscribed': {
      const sub = reply.subscription;
      const title = {
        created: 'Subscribed this channel to digests',
        unchanged: 'This channel already gets these digests',
        updated: 'Changed the subscription',
      }[reply.outcome];
      return simple(`*${title}*`, subscriptionLines(sub), `Subscription \`${slackText(sub.id)}\``);
    }
    case 'resumed':
      return simple(
        `*Resumed ${reply.resumed.length === 1 ? 'the subscription' : `${reply.resumed.length} subscriptions`}*`,
        reply.resumed.flatMap(subscriptionLines),
      );
    case 'unsubscribed': {
      if (reply.removed.length === 0) return simple('This channel had no subscription to remove.', []);
      const lines = reply.removed.map(
        (sub) => `• \`${slackText(sub.cron)}\` (${slackText(sub.timezone)}) · \`${slackText(sub.id)}\``,
      );
      return simple(
        `Removed ${reply.removed.length === 1 ? 'the subscription' : `${reply.removed.length} subscriptions`}:`,
        lines,
      );
    }
    case 'subscriptions': {
      if (reply.subscriptions.length === 0) {
        const example = typedCommand('slack', 'subscribe', [
          ['schedule', '0 8 * * 1-5'],
          ['timezone', 'Europe/Berlin'],
        ]);
        return simple(`No digests scheduled here. Try \`${slackText(example)}\`.`, []);
      }
      return simple('*Digest subscriptions of this channel*', reply.subscriptions.flatMap(subscriptionLines));
    }
    case 'help': {
      const lines = helpLines(reply.commands);
      const intro =
        reply.unrecognized === null
          ? '*newsdesk* commands'
          : `I did not understand “${slackText(reply.unrecognized)}”. *newsdesk* commands:`;
      const mentions = reply.mentionExamples.map((example) => `\`${slackText(example)}\``);
      return simple(intro, lines, mentions.length > 0 ? `Or mention me: ${mentions.join(' · ')}` : undefined);
    }
    case 'feeds': {
      const heading = slackText(feedsHeading(reply).replace('/feeds', `${command} feeds`));
      const lines = reply.feeds.map(
        (feed) =>
          `• ${slackLink(feed.url, feed.title ?? feed.url) ?? slackText(feed.url)} — ${slackText(feed.status)}`,
      );
      return simple(heading, lines);
    }
    case 'notice': {
      const suggestion = suggestionLine(reply.suggestions);
      return simple(slackText(reply.text), suggestion ? [suggestion] : []);
    }
    case 'error': {
      const suggestion = suggestionLine(reply.suggestions);
      return simple(`:warning: ${slackText(reply.text)}`, suggestion ? [suggestion] : []);
    }
  }
}

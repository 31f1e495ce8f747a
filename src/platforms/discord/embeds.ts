/**
 * Embed renderer: Digest and every CommandReply -> Discord messages of embeds within Discord's limits
 * (DESIGN.md: title 256, description 4,096, 25 fields, field value 1,024, footer 2,048, 6,000 over a
 * message's embeds, 10 embeds a message). Long digests split between articles, never mid-sentence.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  TimestampStyles,
  time,
} from 'discord.js';
import type { GroundedLine } from '../../core/analysis/types.ts';
import { typedCommand } from '../../core/commands/command-syntax.ts';
import { moreToken } from '../../core/commands/paging.ts';
import { feedsHeading, packTextBlocks } from '../../core/commands/render-text.ts';
import { describeSubscriptionOptions } from '../../core/commands/subscription-options.ts';
import type {
  ActorAlternative,
  ArticleRef,
  CommandReply,
  QuoteLine,
  SubscriptionLine,
} from '../../core/commands/types.ts';
import type { ArticleLink, Digest, DigestItem } from '../../core/digest/digest.ts';
import { renderProvenance } from '../../core/digest/render-text.ts';

/** Discord's message and embed limits (characters unless named otherwise). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Characters over all embeds of one message (titles, descriptions, fields, footers, authors). */
  messageEmbedTotal: 6000,
} as const;

/**
 * Our own cap on footers (provenance, counts), below Discord's 2,048: with a full title and
 * description an embed then stays under the 6,000 a message may hold.
 */
const FOOTER_CAP = 1024;

const COLORS = { digest: 0x2f6fdf, info: 0x4f545c, notice: 0xe0a030, error: 0xd83c3e } as const;

/** One Discord message newsdesk sends: optional plain content plus embeds, and buttons where it asks a choice. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Buttons under the message: the people of a choice, or the "More" of a paged reply. */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** The custom id prefix of the buttons that answer "which one did you mean?": `newsdesk:choose:<command>:<actor>`. */
export const CHOICE_ID_PREFIX = 'newsdesk:choose:';

/** Discord's longest button label and custom id, and the most buttons one row holds. */
const BUTTON_LABEL_CHARS = 80;
const CUSTOM_ID_CHARS = 100;
const MAX_BUTTONS = 5;

/** The command a choice button's custom id carries, or undefined for an id that is not one. */
export function choiceOfCustomId(
  customId: string,
): { command: 'quotes' | 'background'; actor: string } | undefined {
  if (!customId.startsWith(CHOICE_ID_PREFIX)) return undefined;
  const rest = customId.slice(CHOICE_ID_PREFIX.length);
  const at = rest.indexOf(':');
  const command = rest.slice(0, at);
  const actor = rest.slice(at + 1);
  if (at < 0 || (command !== 'quotes' && command !== 'background') || actor === '') return undefined;
  return { command, actor };
}

/** A choice: the question and the people with their commands, and a button for each that fits an id. */
function choiceMessages(reply: Extract<CommandReply, { kind: 'choice' }>): DiscordMessage[] {
  const lines = reply.options.map(
    (option, index) =>
      `${index + 1}. **${discordText(option.name)}** (${option.articles} article${option.articles === 1 ? '' : 's'}) — \`${option.command.replace(/`/g, "'")}\``,
  );
  const buttons = reply.options
    .map((option) => ({ option, id: `${CHOICE_ID_PREFIX}${reply.command}:${option.name}` }))
    .filter(({ id }) => id.length <= CUSTOM_ID_CHARS)
    .slice(0, MAX_BUTTONS)
    .map(
      ({ option, id }): APIButtonComponentWithCustomId => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: truncate(option.name, BUTTON_LABEL_CHARS),
        custom_id: id,
      }),
    );
  const [message] = simple({ lines: [discordText(reply.text), ...lines], color: COLORS.notice });
  const row = { type: ComponentType.ActionRow, components: buttons } as const;
  return [{ ...(message ?? { embeds: [] }), ...(buttons.length > 0 ? { components: [row] } : {}) }];
}

/** The "Also:" line naming the others a name could mean, with the command for each. */
function alsoLine(also: readonly ActorAlternative[] | undefined): string[] {
  if (!also || also.length === 0) return [];
  return [
    `Also: ${also.map((other) => `**${discordText(other.name)}** — \`${other.command.replace(/`/g, "'")}\``).join(' · ')}`,
  ];
}

/** A rendered reply: the messages, and whether only the asker sees them. */
export interface DiscordReply {
  ephemeral: boolean;
  messages: DiscordMessage[];
}

/**
 * Escapes Discord markdown and mention syntax in article or user text, so "<@123>", "**" or a
 * masked link show as typed instead of rendering (pings are stopped by allowedMentions anyway).
 */
export function discordText(text: string): string {
  return text.replace(/[\\*_~`|<>[\]]/g, '\\$&').replace(/^([#>-])/gm, '\\$1');
}

/** Cuts text to `limit` characters at a line or word boundary, marking the cut with "…". */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = text.slice(0, limit - 1);
  const lineBreak = room.lastIndexOf('\n');
  if (lineBreak > limit / 2) return `${room.slice(0, lineBreak)}\n…`;
  const space = room.lastIndexOf(' ');
  // A cut right after an escaping backslash would escape the ellipsis instead; drop the backslash.
  const cut = (space > limit / 2 ? room.slice(0, space) : room).replace(/\\+$/, '');
  return `${cut}…`;
}

/** The characters of an embed that count towards the 6,000 a message may hold. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Only http(s) URLs may go into an embed; Discord rejects the whole message for anything else. */
function safeUrl(url: string | null | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** A link in embed markdown: `[title](url)`, or the bare escaped title when the URL is unusable. */
function link(title: string, url: string | null | undefined): string {
  const href = safeUrl(url);
  const text = discordText(title);
  return href ? `[${text}](${href.replace(/\)/g, '%29')})` : text;
}

/** What one logical embed holds before it is fitted to the limits. */
interface EmbedSpec {
  title?: string;
  url?: string | null;
  /** Whole lines (sentences, quotes, list items): descriptions break only between them. */
  lines?: readonly string[];
  fields?: readonly APIEmbedField[];
  footer?: string;
  color: number;
}

/**
 * Builds one logical embed as one or more Discord embeds that each respect the limits: the
 * description continues in further embeds between lines, fields after 25 (or when the 6,000 budget
 * would be passed) go on in another embed; the title opens the first, the footer closes the last.
 */
function embedsOf(spec: EmbedSpec): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  const footer = spec.footer ? truncate(spec.footer, FOOTER_CAP) : undefined;
  let current: APIEmbed = { color: spec.color };
  if (spec.title) current.title = truncate(spec.title, DISCORD_LIMITS.title);
  const url = safeUrl(spec.url);
  if (url && current.title) current.url = url;
  const chunks = packTextBlocks(spec.lines ?? [], DISCORD_LIMITS.description, '\n');
  chunks.forEach((chunk, index) => {
    if (index > 0) {
      embeds.push(current);
      current = { color: spec.color };
    }
    current.description = chunk;
  });
  const room = DISCORD_LIMITS.messageEmbedTotal - (footer?.length ?? 0);
  for (const raw of spec.fields ?? []) {
    const field: APIEmbedField = {
      name: truncate(raw.name, DISCORD_LIMITS.fieldName) || '\u200b',
      value: truncate(raw.value, DISCORD_LIMITS.fieldValue) || '\u200b',
      ...(raw.inline ? { inline: true } : {}),
    };
    const count = current.fields?.length ?? 0;
    if (
      count === DISCORD_LIMITS.fields ||
      embedLength(current) + field.name.length + field.value.length > room
    ) {
      embeds.push(current);
      current = { color: spec.color };
    }
    current.fields = [...(current.fields ?? []), field];
  }
  if (footer) current.footer = { text: footer };
  embeds.push(current);
  return embeds;
}

/**
 * Packs groups of embeds (one group per article or entry) into messages of at most 10 embeds and
 * 6,000 characters, breaking a group only when it alone does not fit; `lead` is the first message's content.
 */
export function packEmbeds(groups: readonly APIEmbed[][], lead?: string): DiscordMessage[] {
  const pages: APIEmbed[][] = [];
  let page: APIEmbed[] = [];
  let total = 0;
  const flush = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    total = 0;
  };
  for (const group of groups) {
    const groupLength = group.reduce((sum, embed) => sum + embedLength(embed), 0);
    if (
      page.length + group.length > DISCORD_LIMITS.embedsPerMessage ||
      total + groupLength > DISCORD_LIMITS.messageEmbedTotal
    )
      flush();
    for (const embed of group) {
      const length = embedLength(embed);
      if (
        page.length === DISCORD_LIMITS.embedsPerMessage ||
        total + length > DISCORD_LIMITS.messageEmbedTotal
      )
        flush();
      page.push(embed);
      total += length;
    }
  }
  flush();
  if (pages.length === 0) pages.push([]);
  return pages.map((embeds, index) =>
    index === 0 && lead ? { content: truncate(lead, DISCORD_LIMITS.content), embeds } : { embeds },
  );
}

function groundedLine(line: GroundedLine): string {
  return `• ${discordText(line.text)} *(¶${line.paragraph})*`;
}

function quoteLine(quote: { text: string; speaker: string | null; paragraph: number }, where = ''): string {
  const speaker = quote.speaker === null ? '*unattributed*' : `**${discordText(quote.speaker)}**`;
  return `> “${discordText(quote.text)}” — ${speaker} *(¶${quote.paragraph}${where})*`;
}

function provenanceOf(item: { source: string | null; publishedAt: string | null }): string | undefined {
  return renderProvenance({ source: item.source, publishedAt: item.publishedAt, url: null }) ?? undefined;
}

/** "Reuters" linked to its article, or the title when the outlet is unknown. */
function outletLink(article: ArticleLink): string {
  return link(article.source ?? article.title, article.url);
}

function digestItemEmbeds(item: DigestItem): APIEmbed[] {
  const fields: APIEmbedField[] = item.quotes.map((quote) => ({
    // A story's quote from another outlet's article names that outlet: its ¶ is that article's.
    name: `${quote.speaker ?? 'Unattributed'} · ¶${quote.paragraph}${quote.articleId === item.articleId ? '' : `, ${quote.source ?? 'another report'}`}`,
    value: `“${discordText(quote.text)}”`,
  }));
  if (item.alsoReportedBy.length > 0)
    fields.push({ name: 'Also reported by', value: item.alsoReportedBy.map(outletLink).join(', ') });
  if (item.actors.length > 0) fields.push({ name: 'Actors', value: discordText(item.actors.join(', ')) });
  const footer = provenanceOf(item);
  return embedsOf({
    title: item.title,
    url: item.url,
    lines: item.summary.map(groundedLine),
    fields,
    ...(footer ? { footer } : {}),
    color: COLORS.digest,
  });
}

/** Renders a digest: one embed per article, split across messages between articles; the heading opens the first. */
export function renderDigestForDiscord(digest: Digest): DiscordMessage[] {
  const groups = digest.items.map(digestItemEmbeds);
  if (groups.length === 0) groups.push(embedsOf({ lines: ['*No articles.*'], color: COLORS.info }));
  const messages = packEmbeds(groups, digest.heading);
  if (messages.length === 1) return messages;
  return messages.map((message, index) =>
    index === 0
      ? message
      : {
          ...message,
          content: truncate(`${digest.heading} (part ${index + 1} of ${messages.length})`, 2000),
        },
  );
}

function suggestionLine(suggestions: readonly string[]): string[] {
  if (suggestions.length === 0) return [];
  return [`Did you mean ${suggestions.map((s) => `**${discordText(s)}**`).join(', ')}?`];
}

function articleWhere(article: ArticleRef): string {
  return `, ${discordText(article.title)}`;
}

/** One embed (or a few, when long) of a reply; `footer` closes it. */
function simple(spec: EmbedSpec): DiscordMessage[] {
  return packEmbeds([embedsOf(spec)]);
}

/** A due time as a Discord timestamp: every reader sees it in their own time zone. */
function runTime(iso: string): string {
  return time(new Date(iso), TimestampStyles.LongDateTime);
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** A subscription's lines: schedule and state, its options, its next due times. */
function subscriptionLines(sub: SubscriptionLine): string[] {
  const resume = code(typedCommand('discord', 'resume', [['id', sub.id]]));
  const state =
    sub.pausedReason === null
      ? 'active'
      : `**paused**: ${discordText(sub.pausedReason)} — when that is fixed, ${resume}`;
  const lines = [
    `• ${code(sub.cron)} (${discordText(sub.timezone)}) — ${state} · ${code(sub.id)}`,
    `  ${discordText(describeSubscriptionOptions(sub.options).join(' · '))}`,
  ];
  if (sub.pausedReason === null && sub.nextRuns.length > 0)
    lines.push(`  Next: ${sub.nextRuns.map(runTime).join(', ')}`);
  return lines;
}

/**
 * Renders any command reply as Discord messages. Errors, help and "did you mean" notices are
 * always ephemeral; the rest follow the reply's own flag.
 */
export function renderReplyForDiscord(reply: CommandReply): DiscordReply {
  const ephemeral =
    reply.ephemeral ||
    reply.kind === 'error' ||
    reply.kind === 'help' ||
    (reply.kind === 'notice' && reply.suggestions.length > 0);
  return { ephemeral, messages: withMoreButton(renderMessages(reply), reply) };
}

/**
 * The messages with a "More" button under the last one when the reply has a next page; its
 * custom id is the next page's request ({@link moreToken}). A request too long for a custom id
 * gets a footer line naming the page option instead.
 */
function withMoreButton(messages: DiscordMessage[], reply: CommandReply): DiscordMessage[] {
  const paged = reply.kind === 'quotes' || reply.kind === 'background' || reply.kind === 'articles';
  const next = paged ? reply.more : null;
  const last = messages.at(-1);
  if (!next || !last) return messages;
  const token = moreToken(next);
  const more: DiscordMessage = token
    ? {
        ...last,
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More', custom_id: token },
            ],
          },
        ],
      }
    : {
        ...last,
        content: `${last.content ? `${last.content}\n` : ''}More: ask again with page:${next.options.page}.`,
      };
  return [...messages.slice(0, -1), more];
}

function renderMessages(reply: CommandReply): DiscordMessage[] {
  switch (reply.kind) {
    case 'choice':
      return choiceMessages(reply);
    case 'digest':
      return renderDigestForDiscord(reply.digest);
    case 'quotes': {
      const who = reply.actor === null ? 'Key quotes' : `Quotes of ${reply.actor}`;
      const lines = reply.quotes.map((quote: QuoteLine) =>
        quoteLine(quote, reply.article === null ? articleWhere(quote.article) : ''),
      );
      if (lines.length === 0) lines.push('*No quotes found.*');
      lines.push(...alsoLine(reply.also));
      const shown = reply.quotes.length;
      const footer = [
        reply.topic === null ? undefined : `About: ${reply.topic}`,
        reply.total > shown ? `Showing ${shown} of ${reply.total} quotes.` : undefined,
      ].filter((part): part is string => part !== undefined);
      return simple({
        title: reply.article === null ? who : `${who} in ${reply.article.title}`,
        url: reply.article?.url ?? null,
        lines,
        ...(footer.length > 0 ? { footer: footer.join(' · ') } : {}),
        color: COLORS.digest,
      });
    }
    case 'background': {
      const { actor } = reply;
      const about: string[] = [];
      const roles = reply.roleLines?.map((line) => `${line.role} (${line.article.title})`) ?? actor.roles;
      if (roles.length > 0) about.push(discordText(roles.join('; ')));
      if (actor.aliases.length > 0) about.push(`Also called: ${discordText(actor.aliases.join(', '))}`);
      about.push(...alsoLine(reply.also));
      const groups = [embedsOf({ title: actor.name, lines: about, color: COLORS.digest })];
      reply.coverage.forEach((entry, index) => {
        const last = index === reply.coverage.length - 1;
        const lines = [
          ...(entry.roles.length > 0 ? [`*${discordText(entry.roles.join('; '))}*`] : []),
          ...entry.lines.map(groundedLine),
          ...entry.quotes.map((quote) => quoteLine(quote)),
        ];
        const footer =
          last && reply.articleCount > reply.coverage.length
            ? `Covered in ${reply.articleCount} articles; showing ${reply.coverage.length}.`
            : undefined;
        groups.push(
          embedsOf({
            title: entry.article.title,
            url: entry.article.url,
            lines,
            ...(footer ? { footer } : {}),
            color: COLORS.info,
          }),
        );
      });
      return packEmbeds(groups);
    }
    case 'actors': {
      const lines = reply.actors.map((actor) => {
        const roles = actor.roles.length > 0 ? ` — ${discordText(actor.roles.join('; '))}` : '';
        return `• **${discordText(actor.name)}** (${actor.kind})${roles} · ${actor.mentions} mentions, ${actor.quotes} quotes`;
      });
      if (lines.length === 0) lines.push('*No actors found.*');
      return simple({
        title: `Actors in ${reply.article.title}`,
        url: reply.article.url,
        lines,
        color: COLORS.digest,
      });
    }
    case 'articles': {
      const lines = reply.articles.map((article) => {
        const provenance = provenanceOf(article);
        return `• ${link(article.title, article.url)}${provenance ? ` — ${discordText(provenance)}` : ''} · \`${article.id.replace(/`/g, "'")}\``;
      });
      if (lines.length === 0) lines.push('*No articles yet.*');
      return simple({ title: 'Articles, newest first', lines, color: COLORS.info });
    }
    case 'subscribed': {
      const title = {
        created: 'Subscribed this channel to digests',
        unchanged: 'This channel already gets these digests',
        updated: 'Changed the subscription',
      }[reply.outcome];
      return simple({
        title,
        lines: subscriptionLines(reply.subscription),
        footer: `Subscription ${reply.subscription.id}`,
        color: COLORS.info,
      });
    }
    case 'resumed':
      return simple({
        title: `Resumed ${reply.resumed.length === 1 ? 'the subscription' : `${reply.resumed.length} subscriptions`}`,
        lines: reply.resumed.flatMap(subscriptionLines),
        color: COLORS.info,
      });
    case 'unsubscribed': {
      if (reply.removed.length === 0)
        return simple({ lines: ['This channel had no subscription to remove.'], color: COLORS.info });
      const count = reply.removed.length;
      return simple({
        title: `Removed ${count === 1 ? 'the subscription' : `${count} subscriptions`}`,
        lines: reply.removed.map(
          (sub) => `• ${code(sub.cron)} (${discordText(sub.timezone)}) · ${code(sub.id)}`,
        ),
        color: COLORS.info,
      });
    }
    case 'subscriptions': {
      if (reply.subscriptions.length === 0) {
        const example = typedCommand('discord', 'subscribe', [
          ['schedule', '0 8 * * 1-5'],
          ['timezone', 'Europe/Berlin'],
        ]);
        return simple({ lines: [`No digests scheduled here. Try ${code(example)}.`], color: COLORS.info });
      }
      return simple({
        title: 'Digest subscriptions of this channel',
        lines: reply.subscriptions.flatMap(subscriptionLines),
        color: COLORS.info,
      });
    }
    case 'help': {
      const intro =
        reply.unrecognized === null
          ? []
          : [`I did not understand “${discordText(reply.unrecognized)}”. Here is what I can do:`];
      return simple({
        title: 'newsdesk commands',
        lines: intro,
        fields: reply.commands.map((entry) => ({
          name: entry.usage,
          value: [
            discordText(entry.description),
            ...(entry.examples.length > 0
              ? [`e.g. ${entry.examples.map((example) => `\`${example.replace(/`/g, "'")}\``).join(' · ')}`]
              : []),
          ].join('\n'),
        })),
        ...(reply.mentionExamples.length > 0
          ? { footer: `Or mention me: ${reply.mentionExamples.join(' · ')}` }
          : {}),
        color: COLORS.info,
      });
    }
    case 'feeds':
      return simple({
        title: feedsHeading(reply),
        lines: reply.feeds.map(
          (feed) => `• ${link(feed.title ?? feed.url, feed.url)} — ${discordText(feed.status)}`,
        ),
        color: COLORS.info,
      });
    case 'notice':
      return simple({
        lines: [discordText(reply.text), ...suggestionLine(reply.suggestions)],
        color: COLORS.notice,
      });
    case 'error': {
      const hint =
        reply.code === 'not_allowed'
          ? ['On Discord that is the **Manage Channels** permission; ask a moderator to run it.']
          : [];
      return simple({
        lines: [`⚠️ ${discordText(reply.text)}`, ...hint, ...suggestionLine(reply.suggestions)],
        color: COLORS.error,
      });
    }
  }
}

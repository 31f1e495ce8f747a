/**
 * Slack text safety: everything taken from articles or users passes through {@link slackText}
 * before it reaches a `text` field or a Block Kit text object.
 */

/** The broadcast words Slack may turn into pings when they follow an "@". */
const BROADCAST = /@(here|channel|everyone)\b/gi;

/** U+2060 WORD JOINER: invisible, but it keeps "@here" from being one token Slack could parse. */
const WORD_JOINER = '\u2060';

/**
 * Escapes Slack's control characters (`&`, `<`, `>`) so "<!channel>", "<@U123>" and "<http://x|y>"
 * in article text show as typed instead of pinging or linking, and defuses bare "@here",
 * "@channel" and "@everyone" with an invisible word joiner after the "@".
 */
export function slackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST, `@${WORD_JOINER}$1`);
}

/** Undoes Slack's escaping of user-typed text in events and commands (`&amp;` `&lt;` `&gt;`). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cuts text to at most `limit` characters, at the last line break that fits when there is one,
 * else at the last space, marking the cut with "…".
 */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = text.slice(0, limit - 1);
  const lineBreak = room.lastIndexOf('\n');
  if (lineBreak > limit / 2) return `${room.slice(0, lineBreak)}\n…`;
  const space = room.lastIndexOf(' ');
  const cut = space > limit / 2 ? room.slice(0, space) : room;
  return `${cutEntity(cut)}…`;
}

/** Drops a half-cut entity ("&am") at the end of escaped text, so the cut never shows markup debris. */
function cutEntity(text: string): string {
  const amp = text.lastIndexOf('&');
  if (amp >= 0 && amp > text.length - 5 && !text.slice(amp).includes(';')) return text.slice(0, amp);
  return text;
}

/**
 * A Slack link to an http(s) URL with a label, or undefined when the URL holds characters that
 * would break out of the `<url|label>` syntax.
 */
export function slackLink(url: string | null, label: string): string | undefined {
  if (url === null || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return undefined;
  return `<${url.replace(/&/g, '&amp;')}|${slackText(label)}>`;
}

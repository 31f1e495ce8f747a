import type { Quote } from '../analysis/types.ts';
import type { Digest, DigestItem } from './digest.ts';

/**
 * A quote's words as shown on their own: the comma that joined the quote to "she said" in the
 * article is dropped, every other character stays verbatim.
 */
export function displayQuoteText(text: string): string {
  return text.replace(/,\s*$/, '');
}

/** Renders a quote as one line: “text” — speaker (¶n). */
export function renderQuoteLine(quote: Quote): string {
  const speaker = quote.speaker ?? 'unattributed';
  return `“${displayQuoteText(quote.text)}” — ${speaker} (¶${quote.paragraph})`;
}

/** The "source · date" line under an article's title, or null when neither is known. */
export function renderProvenance(item: Pick<DigestItem, 'source' | 'publishedAt' | 'url'>): string | null {
  const parts = [item.source, item.publishedAt?.slice(0, 10), item.url].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Renders one digest item as plain text lines. */
export function renderDigestItemAsText(item: DigestItem): string {
  const lines = [item.title];
  const provenance = renderProvenance(item);
  if (provenance) lines.push(provenance);
  for (const line of item.summary) lines.push(`  • ${line.text} (¶${line.paragraph})`);
  if (item.quotes.length > 0) {
    lines.push('  Quotes:');
    for (const quote of item.quotes) {
      // A story's quote from another outlet's article names that outlet: its ¶ is that article's.
      const from = quote.articleId === item.articleId ? '' : ` [${quote.source ?? 'another report'}]`;
      lines.push(`    ${renderQuoteLine(quote)}${from}`);
    }
  }
  if (item.alsoReportedBy.length > 0) {
    const others = item.alsoReportedBy.map((other) => {
      const name = other.source ?? other.title;
      return other.url ? `${name} <${other.url}>` : name;
    });
    lines.push(`  Also reported by: ${others.join(', ')}`);
  }
  if (item.actors.length > 0) lines.push(`  Actors: ${item.actors.join(', ')}`);
  return lines.join('\n');
}

/** Renders a whole digest as plain text (terminal, CLI, fallback text). */
export function renderDigestAsText(digest: Digest): string {
  return [digest.heading, ...digest.items.map(renderDigestItemAsText)].join('\n\n');
}

/** A digest's heading and each story's headline with its outlets: a notification's short form. */
export function renderDigestHeadlines(digest: Digest): string {
  const lines = digest.items.map((item) => {
    const outlets = [item.source, ...item.alsoReportedBy.map((other) => other.source)].filter(
      (outlet): outlet is string => outlet !== null,
    );
    return `• ${item.title}${outlets.length > 0 ? ` (${[...new Set(outlets)].join(', ')})` : ''}`;
  });
  return [digest.heading, ...lines].join('\n');
}

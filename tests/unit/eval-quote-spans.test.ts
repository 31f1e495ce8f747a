import { describe, expect, it } from 'vitest';
import type { GoldDocument } from '../../eval/gold.ts';
import { goldQuotes, quoteSpans } from '../../eval/quotes.ts';
import type { Quote } from '../../src/core/analysis/types.ts';

/** A one-attribution document: `source` and `content` are found in `text`; `flagged` is the dataset's has_quote_marks. */
function documentOf(text: string, source: string, content: string, flagged: boolean): GoldDocument {
  const span = (words: string) => {
    const start = text.indexOf(words);
    return { start, end: start + words.length, text: words };
  };
  return {
    id: 'test',
    annotator: 'test',
    text,
    attributions: [
      {
        kind: 'Attribution',
        source: [span(source)],
        cue: null,
        content: [span(content)],
        has_quote_marks: flagged,
      },
    ],
  };
}

function quoteOf(text: string, paragraph = 1): Quote {
  return { text, speaker: 'Ana Lopes', actorId: null, kind: 'direct', paragraph, sentence: '' };
}

describe('eval: where our quotes and the gold quotes stand', () => {
  it('GIVEN a short quote whose words also stand inside an earlier word THEN it is placed after its quote mark', () => {
    const paragraph = 'The nominee answered the question with a single word: “no,” Lopes said.';
    const [span] = quoteSpans(paragraph, [paragraph], [quoteOf('no')], () => []);
    expect(span?.start).toBe(paragraph.indexOf('“no') + 1);
  });

  it('GIVEN a quote text found nowhere after a mark THEN its first occurrence is used', () => {
    const paragraph = 'Lopes said the count was done and the result was final.';
    const [span] = quoteSpans(paragraph, [paragraph], [quoteOf('the result was final')], () => []);
    expect(span?.start).toBe(paragraph.indexOf('the result'));
  });

  it('GIVEN a quote closed by a misdirected “ THEN the gold quote ends there, not at the next mark', () => {
    const text = '“We will count every vote,“ Lopes said on Monday, and called the delay “a disgrace.”';
    const document = documentOf(text, 'Lopes', 'We will count every vote,', true);
    const spans = goldQuotes(document).map((span) => text.slice(span.start, span.end));
    expect(spans).toContain('We will count every vote,');
  });
});

describe('eval: gold quotes in two-apostrophe marks', () => {
  it("GIVEN a partial quote in '' marks inside an attribution the dataset flags as unquoted THEN it is a gold quote, as in curly marks", () => {
    const text = "The mayor said the budget was ''a real mess'' and would be rewritten by spring.";
    const document = documentOf(
      text,
      'The mayor',
      "the budget was ''a real mess'' and would be rewritten by spring",
      false,
    );
    const [gold] = goldQuotes(document);
    expect(gold && text.slice(gold.start, gold.end)).toBe('a real mess');
    expect(gold?.speaker).toBe('The mayor');
  });
});

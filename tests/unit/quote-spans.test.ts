import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/core/analysis/actors.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { extractQuotes } from '../../src/core/analysis/quotes.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

function spanTexts(paragraph: string): string[] {
  return findQuoteSpans([paragraph]).map((span) => paragraph.slice(span.start, span.end));
}

function quotesOf(sentences: string[]): Array<[string, string | null]> {
  const { texts, sentences: split } = paragraphsOf([sentences]);
  const spans = findQuoteSpans(texts);
  return extractQuotes(texts, split, findActors(split, spans), spans).map((quote) => [
    quote.text,
    quote.speaker,
  ]);
}

describe('findQuoteSpans: quote marks of other languages', () => {
  const cases: Array<{ language: string; paragraph: string; spans: string[] }> = [
    {
      language: 'French «…» with blanks inside',
      paragraph: '« Nous ne céderons pas », a déclaré la ministre devant les députés.',
      spans: ['Nous ne céderons pas'],
    },
    {
      language: 'French «…» without blanks, after a colon',
      paragraph: 'Le maire a répondu : «Ce n’est pas le moment.»',
      spans: ['Ce n’est pas le moment.'],
    },
    {
      language: 'German „…“',
      paragraph: '„Wir schaffen das“, sagte die Kanzlerin in Berlin.',
      spans: ['Wir schaffen das'],
    },
    {
      language: 'German »…«',
      paragraph: 'Der Sprecher nannte den Plan »unverantwortlich« und ging.',
      spans: ['unverantwortlich'],
    },
    {
      language: 'German ‚…‘ single marks',
      paragraph: 'Sie antwortete nur mit einem ‚Nein‘ und legte auf.',
      spans: ['Nein'],
    },
    {
      language: 'Japanese 「…」',
      paragraph: '首相は「経済を立て直す」と述べた。',
      spans: ['経済を立て直す'],
    },
    {
      language: 'Japanese 『…』 inside 「…」',
      paragraph: '彼は「『改革』は続く」と語った。',
      spans: ['『改革』は続く'],
    },
    {
      language: 'English “…” inside French «…»',
      paragraph: '« Il a parlé d’une “erreur” grave », a-t-elle dit.',
      spans: ['Il a parlé d’une “erreur” grave'],
    },
    { language: 'a » used as an arrow in a breadcrumb', paragraph: 'Accueil » Politique » Monde', spans: [] },
  ];
  it.each(cases)(
    'GIVEN $language THEN the quoted words are read between the marks',
    ({ paragraph, spans }) => {
      expect(spanTexts(paragraph)).toEqual(spans);
    },
  );
});

describe('extractQuotes: quotes in other languages keep their words, and take a speaker only their sentence names', () => {
  const cases: Array<{ language: string; sentences: string[]; quotes: Array<[string, string | null]> }> = [
    {
      language: 'French: a name after the verb that follows the quote',
      sentences: ['« Nous ne céderons pas », a déclaré Claire Dubois devant les députés.'],
      quotes: [['Nous ne céderons pas', 'Claire Dubois']],
    },
    {
      language: 'German: a name after the verb that follows the quote',
      sentences: ['„Wir schaffen das“, sagte Anna Weber in Berlin.'],
      quotes: [['Wir schaffen das', 'Anna Weber']],
    },
    {
      language: 'French: a speaker named in the sentence before is not guessed',
      sentences: ['Claire Dubois est arrivée à Lyon.', 'Le maire a répondu : «Ce n’est pas le moment.»'],
      quotes: [['Ce n’est pas le moment.', null]],
    },
    {
      language: 'German: one word in »…« is a quote, not an English term',
      sentences: ['Anna Weber nannte den Plan »unverantwortlich«.'],
      quotes: [['unverantwortlich', null]],
    },
    {
      language: 'Japanese: the quote stays, with no speaker',
      sentences: ['首相は「経済を立て直す」と述べた。'],
      quotes: [['経済を立て直す', null]],
    },
  ];
  it.each(cases)('GIVEN $language THEN the quotes are as expected', ({ sentences, quotes }) => {
    expect(quotesOf(sentences)).toEqual(quotes);
  });
});

describe('findQuoteSpans: hostile text', () => {
  it('GIVEN one paragraph of 200,000 quote marks that never close THEN each one ends the quote before it, without overflowing the stack', () => {
    const paragraph = Array.from({ length: 200_000 }, (_, i) => `“w${i}`).join(' ');
    const spans = findQuoteSpans([paragraph]);
    expect(spans).toHaveLength(200_000);
    expect(paragraph.slice(spans[1]?.start, spans[1]?.end)).toBe('w1');
    expect(spans.at(-1)?.unclosed).toBe(true);
  });
});

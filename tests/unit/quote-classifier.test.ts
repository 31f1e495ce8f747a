import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/core/analysis/actors.ts';
import weightsFile from '../../src/core/analysis/attribution/quote-weights.json' with { type: 'json' };
import {
  committedQuoteModel,
  QUOTE_FEATURE_NAMES,
  QuoteModel,
  quoteModelOf,
} from '../../src/core/analysis/attribution/spoken.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { extractQuotes } from '../../src/core/analysis/quotes.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

function quoteTexts(...paragraphs: string[][]): string[] {
  const { texts, sentences } = paragraphsOf(paragraphs);
  const spans = findQuoteSpans(texts);
  return extractQuotes(texts, sentences, findActors(sentences, spans), spans).map((quote) => quote.text);
}

describe('quote classifier: the committed weights and the feature code agree', () => {
  it('GIVEN the committed weights file THEN it names exactly the features the code computes, one finite weight each, fitted on the training split', () => {
    expect(weightsFile.model).toBe('quote-logistic');
    expect(weightsFile.features).toEqual([...QUOTE_FEATURE_NAMES]);
    expect(weightsFile.weights).toHaveLength(QUOTE_FEATURE_NAMES.length);
    expect(weightsFile.weights.every((weight) => Number.isFinite(weight))).toBe(true);
    expect(weightsFile.training.data).toBe('polnear-train.jsonl');
    expect(committedQuoteModel().weights).toHaveLength(QUOTE_FEATURE_NAMES.length);
  });

  it('GIVEN a weights file whose features drifted from the code THEN reading it is an error that says so', () => {
    const renamed = quoteModelOf({ ...weightsFile, features: ['renamed', ...weightsFile.features.slice(1)] });
    expect(renamed.ok).toBe(false);
    if (!renamed.ok) expect(renamed.error).toMatch(/feature 0 is "renamed"/u);
    const speaker = quoteModelOf({ ...weightsFile, model: 'speaker-softmax' });
    expect(speaker.ok).toBe(false);
  });

  it('GIVEN the feature names THEN none repeats and each is a template with its slot values', () => {
    expect(new Set(QUOTE_FEATURE_NAMES).size).toBe(QUOTE_FEATURE_NAMES.length);
    for (const name of QUOTE_FEATURE_NAMES) expect(name).toMatch(/^[a-z-]+(?::[a-z0-9+-]+)*$/u);
  });

  it('GIVEN all-zero weights THEN every span is kept (the reading training starts from)', () => {
    const blank = new QuoteModel(new Float64Array(QUOTE_FEATURE_NAMES.length));
    expect(blank.keeps([0, 1, 2])).toBe(true);
  });
});

describe('quote classifier: which spans in double marks are someone’s words', () => {
  const cases: Array<{ sentence: string; quote: string; kept: boolean; why: string }> = [
    {
      sentence: '“Is this what we voted for?” he asked the crowd.',
      quote: 'Is this what we voted for?',
      kept: true,
      why: 'a question with its speech verb',
    },
    {
      sentence: "''We will win this election,'' she said on Monday.",
      quote: 'We will win this election,',
      kept: true,
      why: 'a sentence in doubled single marks with its cue',
    },
    {
      sentence: "Residents of the valley avoid ''the road'' after dark.",
      quote: 'the road',
      kept: false,
      why: 'two words the narration names a thing with',
    },
    {
      sentence: '‘We will win this election,’ she said on Monday.',
      quote: 'We will win this election,',
      kept: true,
      why: 'single marks are left to the rules: the corpus counts none, so the classifier learnt nothing of them',
    },
    {
      sentence: 'Le ministre a répondu : « Nous allons gagner cette élection. »',
      quote: 'Nous allons gagner cette élection.',
      kept: true,
      why: 'another language’s marks are left to the rules',
    },
  ];
  it.each(cases)('GIVEN $why THEN “$quote” is a quote: $kept', ({ sentence, quote, kept }) => {
    expect(quoteTexts([sentence]).includes(quote)).toBe(kept);
  });
});

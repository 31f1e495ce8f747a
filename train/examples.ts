/**
 * The training data of the speaker model: PolNeAR documents read once up to attribution, our quotes
 * paired with gold ones as the eval pairs them, and each candidate labelled right or wrong.
 */
import type { GoldDocument } from '../eval/gold.ts';
import { type Referent, readerReferent } from '../eval/pronouns.ts';
import {
  articleOfText,
  goldQuotes,
  pairQuotes,
  quoteSpans,
  type ScoredSpan,
  speakerMatches,
} from '../eval/quotes.ts';
import { type Cast, findActors } from '../src/core/analysis/actors.ts';
import type { Candidate } from '../src/core/analysis/attribution/candidates.ts';
import type { SpeakerExample } from '../src/core/analysis/attribution/fit.ts';
import type { SpeakerModel } from '../src/core/analysis/attribution/model.ts';
import type { QuoteModel } from '../src/core/analysis/attribution/spoken.ts';
import { findQuoteSpans, type QuoteSpan } from '../src/core/analysis/quote-spans.ts';
import { extractAttributions, type ObservedQuote, type ObservedSpan } from '../src/core/analysis/quotes.ts';
import { splitSentences } from '../src/core/analysis/sentences.ts';
import type { Sentence } from '../src/core/analysis/types.ts';

/** One document with every stage before attribution done once, and its gold quotes. */
export interface Prepared {
  document: GoldDocument;
  paragraphs: string[];
  sentences: Sentence[];
  spans: QuoteSpan[];
  cast: Cast;
  gold: ScoredSpan[];
  /** Pronoun sources as a reader takes them: what the model is fitted to and scored on. */
  referent: Referent;
  /** Pronoun sources as the closest agreeing annotated source: the evaluator's reading before issue 14's second round. */
  annotatedReferent: Referent;
}

/** Reads a document up to attribution (sentences, quote spans, cast) and its gold quotes. */
export function prepare(document: GoldDocument): Prepared {
  const { paragraphs } = articleOfText(document.id, document.text);
  const sentences = splitSentences(paragraphs);
  const spans = findQuoteSpans(paragraphs);
  const cast = findActors(sentences, spans);
  return {
    document,
    paragraphs,
    sentences,
    spans,
    cast,
    gold: goldQuotes(document),
    referent: readerReferent(document, cast.members),
    annotatedReferent: readerReferent(document, cast.members, 'annotated'),
  };
}

/** A quote of ours matched to a gold quote, with its candidates as the model saw them. */
export interface Matched {
  observed: ObservedQuote;
  ours: ScoredSpan;
  gold: ScoredSpan;
  namesOf: (actorId: string) => string[];
}

/** The two models attribution runs with. */
export interface Models {
  speaker: SpeakerModel;
  quote: QuoteModel;
}

/** Our quotes of one document paired with gold ones, and how many quotes we found. */
export interface Reading {
  matches: Matched[];
  ours: number;
}

/** Runs attribution with `models` and pairs our quotes with gold ones, as the eval does at 50 %. */
export function matched(prepared: Prepared, models: Models): Matched[] {
  return read(prepared, models).matches;
}

/** Like {@link matched}, and also counts our quotes (for precision). */
export function read(prepared: Prepared, models: Models): Reading {
  const observed: ObservedQuote[] = [];
  const { descriptions } = extractAttributions(
    prepared.paragraphs,
    prepared.sentences,
    prepared.cast,
    prepared.spans,
    { model: models.speaker, quoteModel: models.quote, observe: (quote) => observed.push(quote) },
  );
  const namesOf = (id: string) => {
    const member = prepared.cast.byId.get(id);
    return member ? [member.name, ...member.aliases, ...member.roles, ...(descriptions.get(id) ?? [])] : [];
  };
  const { text } = prepared.document;
  const ours = quoteSpans(
    text,
    prepared.paragraphs,
    observed.map((o) => o.quote),
    namesOf,
  );
  const matches = pairQuotes(text, ours, prepared.gold, 0.5).flatMap(([i, j]) => {
    const quote = observed[i];
    const our = ours[i];
    const gold = prepared.gold[j];
    return quote && our && gold ? [{ observed: quote, ours: our, gold, namesOf }] : [];
  });
  return { matches, ours: observed.length };
}

/** True when a candidate names the gold speaker, as the eval would score it. */
export function isRight(candidate: Candidate, match: Matched, referent: Referent): boolean {
  const { source } = candidate;
  if (!match.gold.speaker) return source === null;
  if (!source) return false;
  const span: ScoredSpan = {
    ...match.ours,
    speaker: source.name,
    names: source.actorId ? match.namesOf(source.actorId) : [],
  };
  return speakerMatches(span, match.gold, referent);
}

/** The training examples of the speaker model, of documents read with `models`. */
export function examples(prepared: readonly Prepared[], models: Models): SpeakerExample[] {
  return prepared.flatMap((doc) =>
    matched(doc, models).map((match) => ({
      candidates: match.observed.features,
      correct: match.observed.candidates.flatMap((c, k) => (isRight(c, match, doc.referent) ? [k] : [])),
    })),
  );
}

/**
 * The training examples of the quote classifier, of documents read with `models`: every quoted
 * span, a quote when it pairs with a gold quote as the eval pairs them (overlap of 50 %). Each is a
 * choice between the span's features and an empty "no quote", which makes the conditional logit a
 * logistic model.
 */
export function spanExamples(prepared: readonly Prepared[], models: Models): SpeakerExample[] {
  return prepared.flatMap((doc) => {
    const spans: ObservedSpan[] = [];
    extractAttributions(doc.paragraphs, doc.sentences, doc.cast, doc.spans, {
      model: models.speaker,
      quoteModel: models.quote,
      observeSpan: (span) => spans.push(span),
    });
    const { text } = doc.document;
    const asQuotes = spans.map((s) => ({
      text: s.inner,
      speaker: null,
      actorId: null,
      kind: 'direct' as const,
      paragraph: s.span.paragraph,
      sentence: s.inner,
    }));
    const paired = new Set(
      pairQuotes(
        text,
        quoteSpans(text, doc.paragraphs, asQuotes, () => []),
        doc.gold,
        0.5,
      ).map(([i]) => i),
    );
    return spans.map((span, i) => ({ candidates: [span.features, []], correct: [paired.has(i) ? 0 : 1] }));
  });
}

/**
 * Actors: the people, organisations and places of an article. findActors reads every sentence
 * (and the headline and dateline) for candidate names (mentions.ts), types them by evidence
 * (typing.ts) and makes one actor of each person however named (identity.ts).
 */
import { mergeCandidates } from './identity.ts';
import {
  type Candidate,
  type Chunk,
  chunksOf,
  lineKind,
  pronounGender,
  readChunk,
  type SentenceContext,
  tokenize,
} from './mentions.ts';
import { readGenderFromPronouns } from './pronoun-gender.ts';
import type { QuoteSpan } from './quote-spans.ts';
import type { ActorKind, Sentence } from './types.ts';

/** One place in the text where an actor is named. */
export interface Mention {
  actorId: string;
  /** Index of the sentence (Sentence.index). */
  sentence: number;
  /** 1-based paragraph. */
  paragraph: number;
  /** Offsets of the name in the paragraph string. */
  start: number;
  end: number;
  /** The words as written ("President Biden’s" gives "Biden"). */
  text: string;
  /** True when the mention stands inside quote marks (someone's words, not the narrator's). */
  quoted: boolean;
}

/** A person, organisation or place of the story with every way it is named and described. */
export interface CastMember {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  roles: string[];
  /** Grammatical gender where the text shows it (honorific or first name), for "he"/"she". */
  gender: 'male' | 'female' | null;
  /** True when `gender` comes from a title or honorific ("Mr.", "congresswoman"), not a first name alone. */
  genderByTitle: boolean;
  mentions: Mention[];
}

/** The actors of an article and all their mentions, in article order. */
export interface Cast {
  members: CastMember[];
  /** Every mention of every member, in article order. */
  mentions: Mention[];
  byId: ReadonlyMap<string, CastMember>;
}

const CONTRIBUTOR_LINE = /contributed (?:to this report|reporting)/i;

/**
 * Finds the people, organisations and places of an article: proper-noun chunks read with titles,
 * appositives and a gazetteer, merged by alias ("President Biden", "Biden", "Joe Biden" are one).
 * Mentions inside `quoted` spans count, but only narration creates new actors.
 */
export function findActors(
  sentences: readonly Sentence[],
  quoted: readonly QuoteSpan[] = [],
  options: ActorOptions = {},
): Cast {
  const quotedAt = quotedSpansByParagraph(quoted);
  const foreign = (options.language ?? 'en') !== 'en';
  const candidates: Candidate[] = [];
  const headerSentences = (options.header ?? []).map(
    (text, i): Sentence => ({ index: -1 - i, paragraph: 0, text, start: 0, end: text.length }),
  );
  for (const sentence of [...sentences, ...headerSentences]) {
    if (CONTRIBUTOR_LINE.test(sentence.text)) continue;
    const tokens = tokenize(sentence.text);
    const header = sentence.paragraph === 0;
    const read = lineKind(tokens);
    // A headline is read with care whatever its capitals: it may name only known or typed names.
    const line = header && read === 'prose' ? 'title' : read;
    const next = sentences[sentence.index + 1];
    const following = next !== undefined && next.paragraph === sentence.paragraph ? next : undefined;
    const context: SentenceContext = {
      line,
      // "Okafor struck 112. He …": a name that opens a sentence and is picked up by he/she.
      subjectOfNext: following !== undefined && /^(?:He|She)\s/u.test(following.text),
      followingGender: () => (following !== undefined ? pronounGender(following.text) : null),
    };
    const inCredit = within(
      [...sentence.text.matchAll(PHOTO_CREDIT)].map((m): Interval => [m.index, m.index + m[0].length]),
    );
    for (const chunk of chunksOf(sentence, tokens, quotedAt(sentence.paragraph), line === 'shouted')) {
      if (inCredit(chunk.tokens[0]?.start ?? 0)) continue;
      const candidate = readChunk(foreign ? withoutOpener(chunk) : chunk, tokens, context);
      if (candidate) candidates.push(candidate);
    }
  }
  const cast = mergeCandidates(candidates);
  if (foreign) return strongOnly(cast, sentences);
  readGenderFromPronouns(cast, sentences);
  return cast;
}

/** A chunk without the word that opens its sentence: outside English a capital there says nothing ("Selon Marie Dubois"). */
function withoutOpener(chunk: Chunk): Chunk {
  if (chunk.at !== 0 || chunk.tokens.length < 2) return chunk;
  return { ...chunk, tokens: chunk.tokens.slice(1), at: 1 };
}

/** What else findActors reads besides the body. */
export interface ActorOptions {
  /** ISO 639-1 language of the article; outside English only strong evidence makes actors. */
  language?: string;
  /** The headline and dateline: read for names with care, never counted as mentions. */
  header?: readonly string[];
}

/** Repeated names in a language whose capitals we do not know: mentioned mid-sentence at least this often. */
const FOREIGN_MIN_MENTIONS = 2;

/**
 * The actors of an article in a language other than English: only names of two or more words named
 * at least twice, once mid-sentence, so capitalised function words ("Das", "El", "Ce") make none.
 */
function strongOnly(cast: Cast, sentences: readonly Sentence[]): Cast {
  const members = cast.members.filter((member) => {
    if (member.name.split(/\s+/u).length < 2) return false;
    const told = member.mentions.filter((mention) => !mention.quoted);
    return (
      told.length >= FOREIGN_MIN_MENTIONS &&
      told.some((mention) => sentences[mention.sentence]?.start !== mention.start)
    );
  });
  const kept = new Set(members.map((member) => member.id));
  return {
    members,
    mentions: cast.mentions.filter((mention) => kept.has(mention.actorId)),
    byId: new Map(members.map((member) => [member.id, member])),
  };
}

/** A photo credit in brackets ("(Lena Park/Reuters)"): its names are no story actors. */
const PHOTO_CREDIT = /\([^()]*\/[^()]*\)/gu;

/** A half-open range of offsets. */
type Interval = readonly [number, number];

/**
 * Whether an offset falls inside any of the intervals: merged and searched by bisection, so a
 * paragraph with thousands of quotes costs log time per lookup.
 */
function within(intervals: readonly Interval[]): (offset: number) => boolean {
  const merged: [number, number][] = [];
  for (const [from, to] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return (offset) => {
    let low = 0;
    let high = merged.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = merged[middle] as [number, number];
      if (offset < from) high = middle - 1;
      else if (offset >= to) low = middle + 1;
      else return true;
    }
    return false;
  };
}

/** Whether an offset of a paragraph stands inside quote marks, one lookup table per paragraph. */
function quotedSpansByParagraph(
  quoted: readonly QuoteSpan[],
): (paragraph: number) => (offset: number) => boolean {
  const byParagraph = new Map<number, Interval[]>();
  for (const span of quoted) {
    const list = byParagraph.get(span.paragraph);
    if (list) list.push([span.start, span.end]);
    else byParagraph.set(span.paragraph, [[span.start, span.end]]);
  }
  const lookups = new Map<number, (offset: number) => boolean>();
  return (paragraph) => {
    let lookup = lookups.get(paragraph);
    if (!lookup) {
      lookup = within(byParagraph.get(paragraph) ?? []);
      lookups.set(paragraph, lookup);
    }
    return lookup;
  };
}

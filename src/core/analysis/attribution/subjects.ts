import type { Mention } from '../actors.ts';
import {
  HONORIFICS,
  NAME_ABBREVIATIONS,
  NAME_TITLES,
  PRONOUNS,
  ROLE_NOUNS,
  SPEECH_VERBS,
} from '../lexicon.ts';
import type { Sentence } from '../types.ts';
import { describedSource } from './descriptions.ts';
import { type Discourse, fromMember, type PronounClass, type Source } from './discourse.ts';
import { memberOf } from './mentions.ts';
import { firstIndex, isSpeakerNoun, MASK, type ParagraphView, sentenceAt, singular } from './paragraph.ts';
import {
  DETERMINERS,
  FILLERS,
  INTRODUCTION_OPENERS,
  LINK_ADVERBS,
  LINKING_CONJUNCTIONS,
  PHRASE_BREAKS,
  SUBORDINATORS,
} from './words.ts';

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words that may link a sentence to the one before ahead of its introductory phrase ("And in May,", "Later that day,"). */
const LINKING = [...LINKING_CONJUNCTIONS, ...LINK_ADVERBS].map(capitalised);

/**
 * A full stop that ends no phrase inside an introductory phrase: after an abbreviated title or an
 * initial ("After Gov. Ana Ruiz spoke,", "Since the U.S. vote,").
 */
const INNER_STOP = String.raw`(?<=(?:^|[^\p{L}])(?:${[...NAME_ABBREVIATIONS].map(capitalised).join('|')}|\p{Lu}))\.`;

/**
 * A phrase or clause that opens a sentence before its subject, up to its comma: a preposition's
 * ("In Reno,", "But after the vote,"), a subordinate clause ("When the moderator pressed him,"),
 * or a participle's ("Speaking at a diner,", "Asked about her vote,").
 */
const INTRODUCTORY = new RegExp(
  String.raw`^[\s\u2588]*(?:(?:${INTRODUCTION_OPENERS.map(capitalised).join('|')}|\p{Lu}\p{Ll}+ing)\b|(?:${LINKING.join('|')})\s+(?:${INTRODUCTION_OPENERS.join('|')})\b|\p{Lu}\p{Ll}+ed\s+(?:about|by|on|with|in|at|for|to|if|whether|why|what|how)\b)(?:[^,.;:!?]|${INNER_STOP})*,`,
  'u',
);
/** How far into a sentence its subject is looked for. */
const SUBJECT_REACH = 60;
/** How far an introductory phrase may run before the subject. */
const INTRODUCTION_REACH = 200;

/** The subject a sentence opens with (a name or a pronoun), who holds its quoted words ("Okafor praises … as a “steady hand”"). */
export function subjectOf(view: ParagraphView, sentence: Sentence, discourse: Discourse): Source | undefined {
  const subject = subjectReading(view, sentence, discourse);
  if (subject.pronoun) return discourse.resolve(subject.pronoun, view.paragraph, sentence.start) ?? undefined;
  return subject.source ?? undefined;
}

/** The subject of a sentence as written: a name or a description, or the pronoun it opens with (unresolved). */
export function subjectReading(
  view: ParagraphView,
  sentence: Sentence,
  discourse: Discourse,
): { source: Source | null; pronoun?: PronounClass } {
  // "She posted a note from her aide, Tom Reyes, …": a name after the pronoun's clause is no subject.
  const pronoun = openingPronoun(view, sentence);
  if (pronoun) return { source: null, pronoun };
  const named = namedSubject(view, sentence, discourse);
  if (named) return { source: named };
  return { source: describedSubject(view, sentence, discourse) };
}

/** A word of a sentence's opening phrase: any word but a pronoun, which would be the subject itself. */
const PHRASE_WORD = `(?!(?:${[...PRONOUNS.keys()].join('|')})\\b)\\p{L}+`;

/**
 * A sentence's opening up to its subject: a short phrase and a comma ("Later,", "Eight years ago,"),
 * then a conjunction or adverb that links it to the sentence before ("And she …", "But he …").
 */
const BEFORE_SUBJECT = new RegExp(
  `^(?:[\\s\\u2588]*${PHRASE_WORD}(?:\\s+${PHRASE_WORD}){0,3},)?[\\s\\u2588]*(?:(?:and|but|yet|so|then|still|now|also|instead)\\s+)?(\\p{L}+)`,
  'iu',
);

/** The pronoun a sentence opens with ("He said …", "Later, she wrote …", "On Friday, he …", "And she …"), if any. */
export function openingPronoun(view: ParagraphView, sentence: Sentence): PronounClass | undefined {
  const from = introductionEnd(view, sentence);
  const opening = view.masked.slice(from, Math.min(sentence.end, from + SUBJECT_REACH));
  const word = BEFORE_SUBJECT.exec(opening)?.[1]?.toLowerCase() ?? '';
  return PRONOUNS.get(word);
}

/** Where each paragraph's introductory phrases end, by the start of their sentence or clause: read once each. */
const INTRODUCTION_ENDS = new WeakMap<ParagraphView, Map<string, number>>();

/** Where the introductory phrase of a sentence ends (after its comma), or the sentence's start when it has none. */
export function introductionEnd(view: ParagraphView, sentence: Sentence): number {
  let known = INTRODUCTION_ENDS.get(view);
  if (!known) {
    known = new Map();
    INTRODUCTION_ENDS.set(view, known);
  }
  const key = `${sentence.start}:${sentence.end}`;
  const found = known.get(key);
  if (found !== undefined) return found;
  const intro = INTRODUCTORY.exec(
    view.masked.slice(sentence.start, Math.min(sentence.end, sentence.start + INTRODUCTION_REACH)),
  );
  const end = sentence.start + (intro?.[0].length ?? 0);
  known.set(key, end);
  return end;
}

/** True when `at` stands inside the introductory phrase a sentence opens with (read only near its start). */
export function inIntroduction(view: ParagraphView, sentence: Sentence, at: number): boolean {
  return at - sentence.start < INTRODUCTION_REACH && at < introductionEnd(view, sentence);
}

/** A subordinating conjunction that opens a sentence, then up to three titles or names before its subject. */
const SUBORDINATE_OPENING = new RegExp(
  String.raw`^[\s\u2588]*(?:(?:${LINKING_CONJUNCTIONS.join('|')})\s+)?(?:${SUBORDINATORS.join('|')})\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}$`,
  'iu',
);

/**
 * The subject of the subordinate clause a sentence opens with, when a name stands as it ("When
 * Gov. Ruiz took the stage, …", "Though Ms. Ruiz has …,"): as salient as a subject for a pronoun
 * after it.
 */
export function introductionSubject(view: ParagraphView, sentence: Sentence): Mention | undefined {
  const end = introductionEnd(view, sentence);
  const mention = firstUnquoted(view, sentence.start);
  if (!mention || mention.start >= end) return undefined;
  return SUBORDINATE_OPENING.test(view.masked.slice(sentence.start, mention.start)) ? mention : undefined;
}

/** How far before a quote its clause's start is looked for, in characters. */
const CLAUSE_REACH = 400;
/** How far after a clause's subject its verb is looked for, in characters. */
const VERB_REACH = 60;
/**
 * Where a coordinate clause opens: ", and", ", but", ", while", ", whereas", a semicolon or a dash,
 * then the clause's own subject ("Lee said the plan was late, and Ortiz called it “a mess”").
 */
const CLAUSE_BREAK = /(?:,\s+(?:and|but|while|whereas)|;|\s[—–]|\s--)\s+/gu;
/** A word that may follow a clause's subject as its verb or the auxiliary before it. */
const VERB_AFTER_SUBJECT = /^\s+(?:\p{Ll}+(?:ed|s)|had|did|would|will|could|can|may|might|must)\b/u;

/** True when `text` opens with a verb: a regular form, an auxiliary or a speech verb in any form ("said", "wrote"). */
function verbFollows(text: string): boolean {
  if (VERB_AFTER_SUBJECT.test(text)) return true;
  const word = /^\s+(\p{Ll}+)\b/u.exec(text)?.[1];
  return word !== undefined && SPEECH_VERBS.has(word);
}

/**
 * The part of a sentence a quote at `at` stands in: from the last coordinate clause before it that
 * has its own named or pronoun subject and verb, else the whole sentence. Its subject, not the
 * sentence's first, holds the quote ("Lee spoke first, and Ortiz called it “a mess”" is Ortiz's).
 */
export function clauseOf(
  view: ParagraphView,
  sentence: Sentence,
  at: number,
  discourse: Discourse,
): Sentence {
  // Only the clause breaks within reach of the quote are read: a sentence of thousands of quotes
  // would otherwise be read from its start again for each one.
  const from = Math.max(sentence.start, at - CLAUSE_REACH);
  const text = view.masked.slice(from, at);
  let clause = sentence;
  for (const found of text.matchAll(CLAUSE_BREAK)) {
    const start = from + found.index + found[0].length;
    const opening = { ...sentence, start };
    // A probe only: the clause's subject is read for good when the clause is used.
    const subject = discourse.unrecorded(() => subjectReading(view, opening, discourse));
    const subjectEnd = subject.pronoun
      ? start + (/^\s*\p{L}+/u.exec(view.masked.slice(start, start + VERB_REACH))?.[0].length ?? 0)
      : subjectMention(view, start)?.end;
    const afterSubject = subjectEnd
      ? view.masked.slice(subjectEnd, Math.min(at, subjectEnd + VERB_REACH))
      : '';
    if ((subject.source || subject.pronoun) && subjectEnd && verbFollows(afterSubject)) clause = opening;
  }
  return clause;
}

/** The first unquoted mention at or after `from`, as the subject a clause opens with. */
function subjectMention(view: ParagraphView, from: number): Mention | undefined {
  const mention = firstUnquoted(view, from);
  return mention && view.masked.slice(from, mention.start).trim().split(/\s+/u).length <= 3
    ? mention
    : undefined;
}

/** The first name of a sentence when only an introductory phrase, titles or a role phrase stand before it. */
function namedSubject(view: ParagraphView, sentence: Sentence, discourse: Discourse): Source | undefined {
  // "With party leaders worried about turnout for Ruiz, Governor Adeyemi is …": a name inside an
  // introductory phrase is not the subject; the first name after its comma may be.
  const introEnd = INTRODUCTORY.exec(
    view.masked.slice(sentence.start, Math.min(sentence.end, sentence.start + INTRODUCTION_REACH)),
  );
  let from = sentence.start + (introEnd?.[0].length ?? 0);
  let mention = firstUnquoted(view, from);
  // "In Reno, Nevada, Voss went …": the place the introductory phrase ends with is no subject.
  while (
    introEnd &&
    mention &&
    memberOf(discourse, mention)?.kind === 'place' &&
    /^\s*,/u.test(view.masked.slice(mention.end, mention.end + 3))
  ) {
    from = mention.end;
    mention = firstUnquoted(view, from);
  }
  if (!mention || mention.start >= sentence.end) return undefined;
  // An introductory phrase ("On “Face the Nation,”", "In a statement,") may stand before the subject.
  const prefix = view.masked.slice(sentence.start, mention.start);
  const intro = Math.max(prefix.lastIndexOf(','), prefix.lastIndexOf(MASK));
  const before = prefix
    .slice(intro + 1)
    .trim()
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  // An honorific ("Mr.") belongs to the name; what stands before it must still open the sentence.
  while (HONORIFICS.has(before[before.length - 1]?.toLowerCase() ?? '')) before.pop();
  const titleWord = (word: string) =>
    /^\p{Lu}/u.test(word) || ROLE_NOUNS.has(word.toLowerCase()) || NAME_TITLES.has(word.toLowerCase());
  const last = before[before.length - 1]?.toLowerCase() ?? '';
  // "Democratic presidential nominee Hillary Clinton": lower-case modifiers of a role noun.
  const rolePhrase = before.length <= 5 && (ROLE_NOUNS.has(last) || NAME_TITLES.has(last));
  if (!((before.length <= 3 && before.every(titleWord)) || rolePhrase)) return undefined;
  const member = discourse.cast.byId.get(mention.actorId);
  if (member && member.kind !== 'place' && !/^['’]s/u.test(view.text.slice(mention.end, mention.end + 2)))
    return fromMember(member);
  return undefined;
}

/** The first mention of the narration at or after `from`. */
function firstUnquoted(view: ParagraphView, from: number): Mention | undefined {
  for (let i = firstIndex(view.mentions, (m) => m.start >= from); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (mention && !mention.quoted) return mention;
  }
  return undefined;
}

/** How many words into a sentence a described subject's head may stand. */
const DESCRIBED_SUBJECT_WORDS = 6;

/** A described source that opens a sentence: "Small groups of protesters marched …", "The GOP nominee vowed …". */
function describedSubject(view: ParagraphView, sentence: Sentence, discourse: Discourse): Source | null {
  const { words } = view;
  let from = firstIndex(words, (word) => word.start >= sentence.start);
  if (from >= words.length || (words[from]?.start ?? 0) >= sentence.end) return null;
  const first = words[from];
  if (first && /^(?:on|in|at|after|during|at|before|with|for|from|by)$/u.test(first.lower)) {
    // Step over an introductory phrase ending in a comma.
    const comma = view.masked.indexOf(',', first.start);
    if (comma < 0 || comma >= sentence.end) return null;
    from = firstIndex(words, (word) => word.start > comma);
    if (from >= words.length) return null;
  }
  for (let k = from; k < from + DESCRIBED_SUBJECT_WORDS && k < words.length; k++) {
    const word = words[k];
    if (!word || word.start >= sentence.end) return null;
    if (k > from && /[,.;:!?\u2588]/u.test(view.masked.slice(words[k - 1]?.end ?? word.start, word.start)))
      return null;
    const noun = singular(word.lower);
    if (/^\p{Lu}/u.test(word.text) && k > from && !DETERMINERS.has(words[k - 1]?.lower ?? '')) continue;
    // The head ends the phrase unless "of" continues it ("groups of protesters").
    if (isSpeakerNoun(word.lower) || ROLE_NOUNS.has(noun))
      return describedSource(view, words, k, discourse, from);
    if (PHRASE_BREAKS.has(word.lower) || SPEECH_VERBS.has(word.lower) || FILLERS.has(word.lower)) return null;
  }
  return null;
}

/** "Larkin, now the council's longest-serving member, who in 2019 said": the person the relative clause hangs on. */
export function relativeAntecedent(view: ParagraphView, at: number, discourse: Discourse): Source | null {
  const from = sentenceAt(view, at)?.start ?? 0;
  let found: Source | null = null;
  for (let i = firstIndex(view.mentions, (m) => m.start >= from); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (!mention || mention.end > at) break;
    if (mention.quoted) continue;
    const member = discourse.cast.byId.get(mention.actorId);
    if (member?.kind !== 'person') continue;
    // The name heads the relative clause or an appositive before it.
    const gap = view.masked.slice(mention.end, at);
    if (/^\s*$/u.test(gap) || /^\s*,/u.test(gap)) found = fromMember(member);
  }
  return found;
}

/** "GARBER: Well, first…" — the speaker label of an interview transcript paragraph. */
export function speakerLabel(view: ParagraphView): Source | undefined {
  const label = /^["“]?([\p{Lu}][\p{Lu}.' -]{1,30}):\s/u.exec(view.text);
  if (!label?.[1]) return undefined;
  const word = label[1].trim().toLowerCase();
  const mention = view.mentions[0];
  if (mention && mention.start <= 1)
    return { name: mention.text, actorId: mention.actorId, kind: 'person', gender: null, head: null };
  return {
    name: word.replace(/\b\p{L}/gu, (c) => c.toUpperCase()),
    actorId: null,
    kind: 'person',
    gender: null,
    head: null,
  };
}

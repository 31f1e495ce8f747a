import type { Mention } from '../actors.ts';
import {
  INVERTABLE_VERBS,
  PHRASAL_VERBS,
  PRONOUNS,
  REPORTING_WORDS,
  ROLE_NOUNS,
  SLOT_VERBS,
  SPEECH_VERBS,
  STATEMENT_NOUNS,
  TIME_WORDS,
} from '../lexicon.ts';
import { affiliationText, describedSource } from './descriptions.ts';
import { type Discourse, fromMember, type PronounClass, type Source } from './discourse.ts';
import { memberOf, mentionEndingAt, mentionStartingAt, sourceOfMention } from './mentions.ts';
import {
  firstIndex,
  isFiller,
  isSourceNoun,
  isSpeakerNoun,
  MASK,
  type ParagraphView,
  sentenceAt,
  singular,
  type Word,
} from './paragraph.ts';
import { relativeAntecedent, subjectReading } from './subjects.ts';
import {
  BE_FORMS,
  DETERMINERS,
  FILLERS,
  GROUP_PRONOUNS,
  LEAD_VERBS,
  PARTY_TAG,
  PHRASE_BREAKS,
  PREPOSITIONS,
  QUANTITIES,
  SOURCE_MODIFIERS,
} from './words.ts';

/** How a cue names its source. */
export type CueForm =
  /** "X said", "…,” X said": the source stands before the verb. */
  | 'before'
  /** "said X", "…,” said X": the verb is inverted. */
  | 'inverted'
  /** "according to X". */
  | 'according'
  /** "X mocked it, saying …": a participle shares its clause's subject. */
  | 'participle'
  /** "X agreed and said …": the verb's subject was left out. */
  | 'elided'
  /** "X’s claim that …": a statement noun owned by a name. */
  | 'claim';

/** How the source of a cue is written. */
export type SourceForm = 'name' | 'pronoun' | 'description' | 'unlisted' | 'relative' | 'country' | 'none';

/** A speech verb (or "according to") in the narration, with the source it names. */
export interface Cue {
  paragraph: number;
  /** Offset of the verb in the paragraph. */
  at: number;
  end: number;
  source: Source | null;
  form: CueForm;
  /** How the source is written in the text. */
  sourceForm: SourceForm;
  /** Offsets of the source's words, where they were read (the verb's for an elided source). */
  sourceAt: number;
  /** True when this is the first attributed cue of its sentence: its main speech verb. */
  main: boolean;
  /** The pronoun the source was read from ("he said"), whose other antecedents are candidates too. */
  pronoun: PronounClass | null;
}

/** What reading a source found, and how the text wrote it. */
interface Reading {
  source: Source | null;
  form: SourceForm;
  at: number;
  /** The pronoun the source was read from, if it was one. */
  pronoun?: PronounClass;
}

const NO_SOURCE: Reading = { source: null, form: 'none', at: -1 };

/** A pronoun source, resolved by the discourse (null when nothing before it agrees). */
function pronounReading(
  view: ParagraphView,
  pronoun: PronounClass,
  at: number,
  discourse: Discourse,
): Reading {
  const source = discourse.resolve(pronoun, view.paragraph, at);
  return source ? { source, form: 'pronoun', at, pronoun } : NO_SOURCE;
}

/** How far before a speech verb a party-and-state tag is looked for. */
const TAG_REACH = 48;
/** A party-and-state tag set off by commas at the end of the text before a verb ("Tomas Brenner, R-Mont., said"). */
const COMMA_PARTY_TAG = new RegExp(`,\\s*${PARTY_TAG},?\\s*$`, 'u');
/** How many commas back a name may stand before its verb ("X, 45, a lawyer, said"). */
const APPOSITIVE_COMMAS = 4;
/** How many words an introductory phrase may hold before a clause-opening name. */
const LEAD_WORDS = 5;

function reading(source: Source | null, form: SourceForm, at: number): Reading {
  return source ? { source, form, at } : NO_SOURCE;
}

/** Where the clause holding offset `at` starts: after a quote, a ";"/":" or the sentence start. */
function clauseStartBefore(view: ParagraphView, at: number): number {
  const floor = (sentenceAt(view, at)?.start ?? 0) - 1;
  // Only the last ";" or ":" counts, and only when a blank follows it.
  let markSeen = false;
  for (let i = at - 1; i > floor; i--) {
    const char = view.masked[i];
    if (char === MASK) return i;
    if ((char === ';' || char === ':') && !markSeen) {
      if (i + 1 < at && /\s/u.test(view.masked[i + 1] ?? '')) return i;
      markSeen = true;
    }
  }
  return floor;
}

/** The offset after the text before `at` with trailing commas and blanks dropped. */
function trimCommas(text: string, at: number): number {
  let end = at;
  while (end > 0 && /[,\s]/u.test(text[end - 1] ?? '')) end--;
  return end;
}

/** "Ines Ferrante, the treasurer of the county, …, said": the name that opens the clause before an appositive. */
function clauseOpeningName(
  view: ParagraphView,
  clauseStart: number,
  verbAt: number,
  discourse: Discourse,
): Reading | undefined {
  for (let i = firstIndex(view.mentions, (m) => m.start > clauseStart); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (!mention || mention.start >= verbAt) break;
    if (mention.quoted) continue;
    const prefix = view.masked.slice(clauseStart + 1, mention.start);
    // An introductory phrase ("With a week left,") may stand before the name.
    const lead = prefix.slice(prefix.lastIndexOf(',') + 1).trim();
    const leadWords = lead.split(/\s+/u).filter((w) => w.length > 0);
    // "Of the mayor, Diaz, a lawyer, said": a name after a preposition is inside the introductory phrase.
    if (leadWords.length > 0 && PREPOSITIONS.has(leadWords[0]?.toLowerCase() ?? '')) continue;
    const opens =
      leadWords.length <= LEAD_WORDS &&
      !/[,;:]/u.test(lead) &&
      leadWords.every((w) => /^\p{Lu}/u.test(w) || ROLE_NOUNS.has(w.toLowerCase()) || w === 'the');
    if (opens && /^\s*(?:\([^()]{1,30}\)\s*)?,/u.test(view.masked.slice(mention.end, mention.end + 40))) {
      const source = sourceOfMention(view, mention, discourse);
      if (source) return reading(source, 'name', mention.start);
      // "Even Chile, Peru's closest neighbour, said": a country with an appositive speaks for its government.
      const member = memberOf(discourse, mention);
      if (member?.kind === 'place') return reading(fromMember(member), 'country', mention.start);
    }
    // "At a forum in Denver, Ruth Okafor, the union's president …, told": a name
    // inside an introductory phrase gives way to the one that opens the clause after it.
    if (opens) break;
  }
  return undefined;
}

/**
 * True when a name ends a phrase set off by commas that a participle or relative word opens ("Mr.
 * Hale, asked about roads left unrepaired under Mr. Brenner, had said"): the name is inside it, not
 * the verb's subject.
 */
function endsParenthetical(view: ParagraphView, mention: Mention, clauseStart: number): boolean {
  const comma = view.masked.lastIndexOf(',', mention.start);
  if (comma <= clauseStart) return false;
  const opener = /^\s*(\p{L}+)/u.exec(view.masked.slice(comma + 1, mention.start))?.[1];
  // A participle ("asked", "speaking") or a subordinating word ("who", "when"), not a title ("state Del.").
  return opener !== undefined && (/^\p{Ll}+(?:ed|ing)$/u.test(opener) || PHRASE_BREAKS.has(opener));
}

/** "Myron Brilliant, executive vice president of X, said", "Smith, 45, said": the source before an appositive. */
function sourceBeforeAppositive(
  view: ParagraphView,
  words: readonly Word[],
  k: number,
  verbAt: number,
  discourse: Discourse,
): Reading {
  const word = words[k];
  if (!word) return NO_SOURCE;
  const clauseStart = clauseStartBefore(view, word.start);
  const opening = clauseOpeningName(view, clauseStart, verbAt, discourse);
  if (opening) return opening;
  let at = verbAt;
  for (let tries = 0; tries < APPOSITIVE_COMMAS; tries++) {
    const end = trimCommas(view.masked, at);
    const mention = mentionEndingAt(view, end);
    if (mention && mention.end > clauseStart && !endsParenthetical(view, mention, clauseStart))
      return reading(sourceOfMention(view, mention, discourse), 'name', mention.start);
    const comma = view.masked.lastIndexOf(',', end - 1);
    if (comma < 0 || comma <= clauseStart) break;
    at = comma;
  }
  const pronoun = PRONOUNS.get(word.lower);
  if (pronoun) return pronounReading(view, pronoun, word.start, discourse);
  const described = describedSource(view, words, k, discourse);
  if (described) return reading(described, 'description', word.start);
  return describedBeforeRelative(view, words, clauseStart, word.end, discourse);
}

/** A relative clause set off by a comma: "The report, which the council ordered, found". */
const RELATIVE_OPENING = /,\s+(?:which|who)\s/u;

/**
 * "The report, which the council ordered in May, found": the described source whose head
 * stands right before a relative clause that runs to the verb.
 */
function describedBeforeRelative(
  view: ParagraphView,
  words: readonly Word[],
  clauseStart: number,
  end: number,
  discourse: Discourse,
): Reading {
  const relative = RELATIVE_OPENING.exec(view.masked.slice(clauseStart + 1, end));
  if (!relative) return NO_SOURCE;
  const comma = clauseStart + 1 + relative.index;
  const head = firstIndex(words, (w) => w.start >= comma) - 1;
  const word = words[head];
  if (!word || word.start <= clauseStart) return NO_SOURCE;
  return reading(describedSource(view, words, head, discourse), 'description', word.start);
}

/** The index before "goes on to", "continued to", "was quoted as" ending at word `k`, or `k` when no lead-in ends there. */
function leadIn(words: readonly Word[], k: number): number {
  // "Vance was quoted as saying": the source is the subject of "quoted".
  if (words[k]?.lower === 'as' && words[k - 1]?.lower === 'quoted') return k - 2;
  if (words[k]?.lower !== 'to') return k;
  const on = words[k - 1]?.lower === 'on' ? 1 : 0;
  return LEAD_VERBS.has(words[k - 1 - on]?.lower ?? '') ? k - 2 - on : k;
}

/** How many words an employer or home town after a name and "of" may hold ("Ana Rusk of The Reno Ledger said"). */
const AFFILIATION_WORDS = 4;

/**
 * "Ana Rusk of Acme Freight said", "Tom Hale of the Ledger said": the index of the last word of
 * the name before "of" when capitalised words after it end at word `k`, or `k` when no such
 * phrase ends there, one name runs across the "of" ("Bank of America said") or no name ends
 * before it ("Secretary of State Ana Rusk said").
 */
function beforeAffiliation(view: ParagraphView, words: readonly Word[], k: number): number {
  let of = k;
  while (of > k - AFFILIATION_WORDS && /^\p{Lu}/u.test(words[of]?.text ?? '')) of--;
  if (of < k && words[of]?.lower === 'the') of--;
  const name = words[of - 1];
  const last = words[k];
  if (of === k || words[of]?.lower !== 'of' || !name || !last || !/^\p{Lu}/u.test(name.text)) return k;
  if (/[,.;:!?()\u2588]/u.test(view.masked.slice(name.end, last.start))) return k;
  const spanning = mentionEndingAt(view, last.end);
  if (spanning && spanning.start <= name.start) return k;
  // "Secretary of State Ana Rusk said": a title's "of", not a name's.
  return mentionEndingAt(view, name.end) ? of - 1 : k;
}

/** The index of the last word of the source before verb `verb`, stepping over fillers, time phrases and party tags. */
function sourceEnd(view: ParagraphView, words: readonly Word[], verb: number): number {
  let k = verb - 1;
  // Skip adverbs and auxiliaries ("has also said").
  while (k >= 0 && isFiller(words[k])) k--;
  // "The letter goes on to say", "he continued to insist": a verb that leads into the speech verb.
  const lead = leadIn(words, k);
  if (lead < k) {
    k = lead;
    while (k >= 0 && isFiller(words[k])) k--;
  }
  // "who in 2019 said", "Smith on Tuesday said": step over a time phrase.
  if (
    (/^\d{4}$/u.test(words[k]?.text ?? '') || TIME_WORDS.has(words[k]?.lower ?? '')) &&
    ['in', 'on', 'at', 'last'].includes(words[k - 1]?.lower ?? '')
  ) {
    k -= 2;
    while (k >= 0 && isFiller(words[k])) k--;
  }
  // "Rep. Piet Larkin (R-Idaho) said": step over the party-and-state tag.
  // "Tomas Brenner, R-Mont., said": the same tag written between commas.
  const tagEnd = (words[k]?.end ?? 0) + 2;
  const tagFrom = Math.max(0, tagEnd - TAG_REACH);
  const tail = view.masked.slice(tagFrom, tagEnd);
  const tag = /\([^()]{1,30}\)\s*$/u.exec(tail) ?? COMMA_PARTY_TAG.exec(tail);
  if (tag) while (k >= 0 && (words[k]?.start ?? 0) >= tagFrom + tag.index) k--;
  return beforeAffiliation(view, words, k);
}

/** The source standing before a speech verb: a name, a pronoun or a described source. */
function sourceBefore(
  view: ParagraphView,
  words: readonly Word[],
  verb: number,
  discourse: Discourse,
): Reading {
  const k = sourceEnd(view, words, verb);
  const word = words[k];
  if (!word) return NO_SOURCE;
  const between = view.masked.slice(word.end, words[verb]?.start ?? word.end).replace(/\([^()]{1,30}\)/u, '');
  if (/[\u2588.!?;:]/u.test(between)) return NO_SOURCE;
  if (/,/u.test(between) || /\)\s*$/u.test(view.masked.slice(Math.max(0, word.end - 8), word.end + 1)))
    return sourceBeforeAppositive(view, words, k, words[verb]?.start ?? word.end, discourse);
  const possessive = /^['’]s/u.test(view.text.slice(word.end, word.end + 2)) ? 2 : 0;
  const mention = mentionEndingAt(view, word.end + possessive);
  if (mention && mention.end >= word.start) {
    const source = sourceOfMention(view, mention, discourse);
    if (source) return reading(source, 'name', mention.start);
    // "Norway branded the plan …", "Chile insisted …": a country that opens its clause speaks
    // through its government.
    const member = memberOf(discourse, mention);
    const lead = view.masked.slice(Math.max(0, mention.start - 12), mention.start);
    const opensClause =
      lead.trim() === '' ? mention.start <= 12 : /(?:[.!?;:,\u2588]\s*|\b(?:Even|But|And)\s+)$/u.test(lead);
    if (member?.kind === 'place' && opensClause && mention.end === word.end)
      return reading(fromMember(member), 'country', mention.start);
    return NO_SOURCE;
  }
  const pronoun = PRONOUNS.get(word.lower);
  if (pronoun) return pronounReading(view, pronoun, word.start, discourse);
  if (word.lower === 'who')
    return reading(relativeAntecedent(view, word.start, discourse), 'relative', word.start);
  const described = describedSource(view, words, k, discourse);
  if (described) return reading(described, 'description', word.start);
  const unlisted = unlistedName(view, words, k, k, 'before');
  if (unlisted) return reading(unlisted, 'unlisted', word.start);
  const slot = slotBefore(view, words, k);
  if (slot) return reading(slot, 'description', word.start);
  // "His aides were told …": the subject of a passive is spoken to, not the speaker.
  return BE_FORMS.has(words[verb - 1]?.lower ?? '') ? NO_SOURCE : openingSubject(view, words, k);
}

/** What may stand before a clause's subject in its sentence: nothing, a comma, a quote or a conjunction. */
const SUBJECT_LEAD = /(?:^|[,;:\u2588]|\b(?:and|but|while|when|after|because|then))\s*$/iu;

/** How far back from a subject its clause's opening is looked for, in characters. */
const LEAD_REACH = 40;

/** The text of `at`'s sentence before `at`, at most `reach` characters of it (a run-on sentence is not re-read), and whether it was cut. */
function sentenceBeforeOffset(
  view: ParagraphView,
  at: number,
  reach: number,
): { text: string; cut: boolean } {
  const start = sentenceAt(view, at)?.start ?? 0;
  const from = Math.max(start, at - reach);
  return { text: view.masked.slice(from, at), cut: from > start };
}

/** True when only a clause opening stands before offset `at` in its sentence. */
function opensItsClause(view: ParagraphView, at: number): boolean {
  const before = sentenceBeforeOffset(view, at, LEAD_REACH);
  // Blanks alone open the clause only when they reach back to the sentence's start.
  return before.cut && /^\s*$/u.test(before.text) ? false : SUBJECT_LEAD.test(before.text);
}

/** A share of people written as a subject, ending the text: "21 percent", "about four in 10", "85%". */
const SHARE =
  /(?:(?:about|roughly|nearly|almost|only|just)\s+)?(?:\d+(?:\.\d+)?\s*(?:percent|%)|[\p{L}\d]+\s+in\s+(?:\d+|ten))\s*$/iu;

/**
 * "Several said …", "About four in 10 said …", "The petition accuses …", "As the vote closed, the
 * crowd chanted …": a quantity, a share or a noun phrase that opens with a determiner, opening its
 * clause right before the verb, is the verb's subject whatever its head noun.
 */
function openingSubject(view: ParagraphView, words: readonly Word[], last: number): Reading {
  const word = words[last];
  if (!word) return NO_SOURCE;
  if (GROUP_PRONOUNS.has(word.lower) && opensItsClause(view, word.start))
    return reading(groupSource(word.lower), 'description', word.start);
  const end = /^%/u.test(view.masked.slice(word.end)) ? word.end + 1 : word.end;
  const share = SHARE.exec(sentenceBeforeOffset(view, end, LEAD_REACH).text);
  if (share && opensItsClause(view, end - share[0].length))
    return reading(groupSource(share[0].trim().toLowerCase()), 'description', end - share[0].length);
  for (let first = last - 1; first >= Math.max(0, last - SLOT_WORDS + 1); first--) {
    const opening = words[first];
    if (!opening || !DETERMINERS.has(opening.lower)) continue;
    if (!opensItsClause(view, opening.start)) return NO_SOURCE;
    const described = slotDescription(view, words, first, last);
    // An unlisted head may be a person ("the heckler") or a thing ("the petition"): "it" may stand
    // for it, but not "he" or "she", which keep the people the story named.
    const kind = described?.kind === 'group' ? 'group' : 'organization';
    return reading(described && { ...described, kind }, 'description', opening.start);
  }
  return NO_SOURCE;
}

/** A group of people named by a quantity or share ("several", "21 percent"). */
function groupSource(name: string): Source {
  return { name, actorId: null, kind: 'group', gender: null, head: null };
}

/** "“…,” the veteran negotiators wrote": a phrase between a quote's close and its verb. */
function slotBefore(view: ParagraphView, words: readonly Word[], last: number): Source | null {
  for (let first = last - 1; first >= Math.max(0, last - SLOT_WORDS + 1); first--) {
    const word = words[first];
    if (!word) return null;
    if (afterQuote(view, word.start)) return slotDescription(view, words, first, last);
  }
  return null;
}

/** True for a word that cannot be part of a name standing alone in the attribution slot. */
function breaksUnlistedName(word: Word, first: boolean, phraseLength: number): boolean {
  if (
    isSpeakerNoun(word.lower) ||
    ROLE_NOUNS.has(word.lower) ||
    PRONOUNS.has(word.lower) ||
    TIME_WORDS.has(word.lower)
  )
    return true;
  // "By quietly writing …": a function word is no name; "The Hill" keeps its article.
  const functionWord =
    PHRASE_BREAKS.has(word.lower) || PREPOSITIONS.has(word.lower) || DETERMINERS.has(word.lower);
  return functionWord && !(first && word.lower === 'the' && phraseLength > 1);
}

/** How many capitalised words an unlisted name may hold. */
const UNLISTED_WORDS = 4;

/**
 * "…,” The Hill reported." / "…,” reported Reuters.": a capitalised name standing alone in the
 * attribution slot right after a quote names its source, even when the cast does not know it.
 */
function unlistedName(
  view: ParagraphView,
  words: readonly Word[],
  first: number,
  last: number,
  side: 'before' | 'after',
): Source | null {
  let from = first;
  let to = last;
  const capital = (w: Word | undefined) => w !== undefined && /^\p{Lu}/u.test(w.text);
  const joined = (a: Word | undefined, b: Word | undefined) =>
    a !== undefined && b !== undefined && /^\s+$/u.test(view.masked.slice(a.end, b.start));
  if (side === 'before') {
    while (
      from > 0 &&
      from > last - (UNLISTED_WORDS - 1) &&
      capital(words[from - 1]) &&
      joined(words[from - 1], words[from]) &&
      // "As Gizmodo put it": a sentence's capitalised function word is no part of the name.
      !PHRASE_BREAKS.has(words[from - 1]?.lower ?? '')
    )
      from--;
  } else {
    while (
      to < words.length - 1 &&
      to < first + (UNLISTED_WORDS - 1) &&
      capital(words[to + 1]) &&
      joined(words[to], words[to + 1])
    )
      to++;
  }
  const phrase = words.slice(from, to + 1);
  if (phrase.length === 0 || !phrase.every(capital)) return null;
  if (phrase.some((w) => breaksUnlistedName(w, w === phrase[0], phrase.length))) return null;
  const start = phrase[0]?.start ?? 0;
  const end = phrase[phrase.length - 1]?.end ?? 0;
  // Only in the attribution slot: a quote (and a comma) on one side, the verb on the other.
  const slot =
    side === 'before'
      ? /(?:\u2588[\s,]*|\bas\s+)$/iu.test(view.masked.slice(Math.max(0, start - 40), start))
      : /^\s*[.,;:]/u.test(view.masked.slice(end, end + 40)) || end === view.masked.length;
  if (!slot) return null;
  return { name: view.text.slice(start, end), actorId: null, kind: 'organization', gender: null, head: null };
}

/** How many words a described source in the attribution slot may hold ("the veteran negotiators"). */
const SLOT_WORDS = 6;

/**
 * "“…,” said the 38-year-old.", "“…,” the two write.": a noun phrase that opens with a determiner
 * and stands alone in the attribution slot beside a quote names its source, whatever its head noun.
 * `first`..`last` are its words; null when they are no such phrase.
 */
function slotDescription(
  view: ParagraphView,
  words: readonly Word[],
  first: number,
  last: number,
): Source | null {
  const phrase = words.slice(first, last + 1);
  const opening = phrase[0];
  const head = phrase[phrase.length - 1];
  if (!opening || !head || phrase.length < 2 || phrase.length > SLOT_WORDS) return null;
  if (!DETERMINERS.has(opening.lower) || opening.lower === 'that' || opening.lower === 'this') return null;
  // One phrase: no break, verb or pronoun inside, and no mark between its words.
  const inside = phrase.slice(1);
  if (inside.some((w) => PHRASE_BREAKS.has(w.lower) || SPEECH_VERBS.has(w.lower) || PRONOUNS.has(w.lower)))
    return null;
  if (/[,.;:!?\u2588()]/u.test(view.masked.slice(opening.end, head.start))) return null;
  // "the former mayor Dana Lee" is a name, but "one senior Democrat" is a description.
  if (/^\p{Lu}/u.test(head.text) && !/^\p{Lu}/u.test(inside[0]?.text ?? '') && !affiliationText(head.text))
    return null;
  const text = view.text.slice(opening.start, head.end).replace(/^\p{Lu}/u, (c) => c.toLowerCase());
  const noun = singular(head.lower);
  const plural = noun !== head.lower || /^(?:two|three|several|many|some)$/u.test(opening.lower);
  return { name: text, actorId: null, kind: plural ? 'group' : 'person', gender: null, head: noun };
}

/** True when only a quote's closing mark (and a comma) stands before offset `at` in its clause. */
function afterQuote(view: ParagraphView, at: number): boolean {
  return /\u2588[\s,]*$/u.test(view.masked.slice(Math.max(0, at - 12), at));
}

/** True when the clause ends (a stop, comma or the paragraph's end) right after offset `at`. */
function endsClause(view: ParagraphView, at: number): boolean {
  return /^\s*(?:[.,;!?]|$)/u.test(view.masked.slice(at, at + 4));
}

/** How many words after "according to" a described source may run. */
const ACCORDING_WORDS = 8;

/** The source standing after an inverted verb or "according to": "said Myron Brilliant", "according to CCTV". */
function sourceAfter(
  view: ParagraphView,
  words: readonly Word[],
  from: number,
  discourse: Discourse,
): Reading {
  const first = words[from];
  if (!first) return NO_SOURCE;
  const mention = mentionStartingAt(view, first.start);
  const named =
    mention && (memberBehindRole(view, mention, discourse) ?? sourceOfMention(view, mention, discourse));
  if (mention && named) return reading(named, 'name', mention.start);
  const pronoun = PRONOUNS.get(first.lower);
  if (pronoun) return pronounReading(view, pronoun, first.start, discourse);
  // A described source: the noun phrase up to the first break, headed by its last source noun
  // ("according to a civil complaint filed by …" is the complaint).
  let k = from;
  let head = -1;
  while (k < words.length && k < from + ACCORDING_WORDS) {
    const word = words[k];
    const next = words[k + 1];
    if (!word) break;
    if (PHRASE_BREAKS.has(word.lower) && k > from) break;
    if (isSourceNoun(word.lower)) head = k;
    const gap = next ? view.masked.slice(word.end, next.start) : '';
    if (!next || /[,.;:!?\u2588]/u.test(gap) || PHRASE_BREAKS.has(next.lower)) break;
    k++;
  }
  const phraseEnd = k;
  if (head >= 0 && !isSourceNoun(words[k]?.lower ?? '')) k = head;
  const described = describedSource(view, words, k, discourse, from);
  if (described) return reading(described, 'description', first.start);
  const unlisted = unlistedName(view, words, from, from, 'after');
  if (unlisted) return reading(unlisted, 'unlisted', first.start);
  // "“…,” said the 38-year-old.": a phrase that ends the clause right after an inverted verb.
  const verb = words[from - 1];
  const slot =
    verb !== undefined && afterQuote(view, verb.start) && invertedSlot(view, words, from, phraseEnd);
  return slot ? reading(slot, 'description', first.start) : NO_SOURCE;
}

/**
 * "said UNICEF regional director Ana Reyes": a body that modifies the role before a person's
 * name is no source itself; the person the role phrase leads to is.
 */
function memberBehindRole(view: ParagraphView, organisation: Mention, discourse: Discourse): Source | null {
  if (memberOf(discourse, organisation)?.kind === 'person') return null;
  const person = mentionStartingAt(view, organisation.end);
  const member = person && person !== organisation ? memberOf(discourse, person) : undefined;
  return member?.kind === 'person' ? fromMember(member) : null;
}

/** The last word of the phrase that starts at word `from`, before a break or a mark. */
function phraseLast(view: ParagraphView, words: readonly Word[], from: number): number {
  let k = from;
  while (k < from + SLOT_WORDS - 1) {
    const word = words[k];
    const next = words[k + 1];
    if (!word || !next || PHRASE_BREAKS.has(next.lower)) break;
    if (/[,.;:!?\u2588]/u.test(view.masked.slice(word.end, next.start))) break;
    k++;
  }
  return k;
}

/**
 * Where a slot phrase ending at word `last` may stop short of its clause's end: before "who" ("…,”
 * said the organizer, who asked …") or before an anonymous source's modifier and its preposition
 * ("…,” said one lobbyist familiar with the bill"). Returns the phrase's last word, or -1.
 */
function modifiedEnd(view: ParagraphView, words: readonly Word[], last: number): number {
  const word = words[last];
  if (!word) return -1;
  if (endsClause(view, word.end) || /^\s*,?\s*who\b/iu.test(view.masked.slice(word.end, word.end + 8)))
    return last;
  const next = words[last + 1];
  if (SOURCE_MODIFIERS.has(word.lower) && next && PREPOSITIONS.has(next.lower)) return last - 1;
  return -1;
}

/**
 * The described source of an inverted verb right after a quote, from word `from` to `last`: "the
 * 38-year-old", "one lobbyist familiar with the bill", "one of the three aides, who …".
 */
function invertedSlot(
  view: ParagraphView,
  words: readonly Word[],
  from: number,
  last: number,
): Source | null {
  const opening = words[from];
  // "one of the three aides": a quantity and "of" before a described group.
  if (opening && QUANTITIES.has(opening.lower) && words[from + 1]?.lower === 'of') {
    const inner = words[from + 2];
    const end = modifiedEnd(view, words, phraseLast(view, words, from + 2));
    const group = inner && end > from + 2 ? slotDescription(view, words, from + 2, end) : null;
    const head = words[end];
    if (!group || !head) return null;
    const name = view.text.slice(opening.start, head.end).replace(/^\p{Lu}/u, (c) => c.toLowerCase());
    return { ...group, name, kind: opening.lower === 'one' ? 'person' : 'group' };
  }
  const end = modifiedEnd(view, words, last);
  return end > from ? slotDescription(view, words, from, end) : null;
}

/** What may follow a phrasal verb's particle when it reports speech: a stop, a quote or "that" ("pointed out that"). */
const PARTICLE_CLOSES = /^\s*(?:[.,;:!?\u2588]|that\b|$)/u;

/** A phrase of one to six words between a quote's closing mark (and comma) and offset the text ends at. */
const SLOT_BEFORE = /\u2588[\s,]*(?:[^\s\u2588.,;:!?]+\s+){1,6}$/u;

/** A phrase of one to six words that ends its clause, right after a verb. */
const SLOT_AFTER = /^\s+[^\s\u2588.,;:!?]+(?:\s+[^\s\u2588.,;:!?]+){0,5}\s*(?:[.,;!?]|$)/u;

/** True when word `word` stands in the attribution slot: "“…?” Lee pressed.", "“…,” offered one aide.". */
function inSlot(view: ParagraphView, word: Word): boolean {
  const before = view.masked.slice(Math.max(0, word.start - 80), word.start);
  if (SLOT_BEFORE.test(before) && endsClause(view, word.end)) return true;
  return afterQuote(view, word.start) && SLOT_AFTER.test(view.masked.slice(word.end, word.end + 80));
}

/**
 * Where the speech verb at word `i` ends (its particle's end for "pointed out"), or -1 when the word
 * reports no speech here. A slot verb ("pressed") reports speech only in the attribution slot.
 */
function speechVerbEnd(view: ParagraphView, words: readonly Word[], i: number): number {
  const word = words[i];
  if (!word) return -1;
  if (SPEECH_VERBS.has(word.lower)) return word.end;
  // "as The Economist put it": "put it" reports someone's words.
  if (word.lower === 'put' && words[i + 1]?.lower === 'it') return word.end;
  const particle = words[i + 1];
  if (
    particle &&
    PHRASAL_VERBS.has(`${word.lower} ${particle.lower}`) &&
    /^\s+$/u.test(view.masked.slice(word.end, particle.start)) &&
    PARTICLE_CLOSES.test(view.masked.slice(particle.end, particle.end + 8))
  )
    return particle.end;
  return SLOT_VERBS.has(word.lower) && inSlot(view, word) ? word.end : -1;
}

/** True when a speech verb reads as a noun or a name here ("Obama's remarks", "The Post ran …"). */
function notAVerb(view: ParagraphView, words: readonly Word[], i: number): boolean {
  const word = words[i];
  if (!word) return true;
  // "The Post ran …", "Mr. Says": a capitalised word inside a sentence is a name, not a verb.
  if (/^\p{Lu}/u.test(word.text) && sentenceAt(view, word.start)?.start !== word.start) return true;
  // "Obama's remarks", "the claims", "his calls": a noun, not a verb. A quantity is a subject
  // of its own ("the two said", "many said").
  const previous = words[i - 1];
  return (
    previous !== undefined &&
    ((DETERMINERS.has(previous.lower) && !QUANTITIES.has(previous.lower)) || /['’]s$/u.test(previous.text)) &&
    !/[,\u2588]/u.test(view.masked.slice(previous.end, word.start))
  );
}

/**
 * True when the word after offset `at` is a verb or auxiliary ("Larkin was", "Hale lied"), or the
 * name's words run straight on into a quote ("said Diaz “was …”"): a clause's subject stands
 * before it, not a verb's inverted source.
 */
function opensClause(view: ParagraphView, at: number): boolean {
  const after = view.masked.slice(at, at + 24);
  if (/^\s*\u2588/u.test(after)) return true;
  const next = /^\s+(\p{Ll}+)\b/u.exec(after)?.[1];
  if (!next) return false;
  return FILLERS.has(next) || SPEECH_VERBS.has(next) || (/ed$/u.test(next) && !PREPOSITIONS.has(next));
}

/** "Lee, also in Ohio, said Diaz was …": a name right after the verb that opens a clause of its own. */
function namesClauseAfter(view: ParagraphView, words: readonly Word[], i: number): boolean {
  const named = mentionStartingAt(view, words[i + 1]?.start ?? -1);
  return named !== null && opensClause(view, named.end);
}

/**
 * True when no inverted source follows the verb at word `i`: a name that opens a clause of its own
 * follows, or a preposition does ("Lee, a former aide, said in an interview, “…”").
 */
function noInvertedSource(view: ParagraphView, words: readonly Word[], i: number): boolean {
  return PREPOSITIONS.has(words[i + 1]?.lower ?? '') || namesClauseAfter(view, words, i);
}

/**
 * The word that governs the noun phrase headed by word `head`: the word before its determiner and
 * at most one modifier ("issued a brief statement" → "issued"), with nothing but blanks between;
 * undefined when no determiner opens the phrase.
 */
function governingWord(view: ParagraphView, words: readonly Word[], head: number): Word | undefined {
  let determiner = head - 1;
  if (!DETERMINERS.has(words[determiner]?.lower ?? '')) determiner--;
  const opening = words[determiner];
  const governing = words[determiner - 1];
  const last = words[head];
  if (!opening || !governing || !last || !DETERMINERS.has(opening.lower)) return undefined;
  return /^[\s\p{L}-]*$/u.test(view.masked.slice(governing.end, last.start)) ? governing : undefined;
}

/**
 * "Voss issued a statement saying …", "the union sent a letter calling …": a document that a verb
 * of its clause takes as its object, and a participle after it. The words are those of the clause's
 * subject, who issued the document, not of the document alone ("The statement said …" still is).
 */
function issuedDocument(view: ParagraphView, words: readonly Word[], verb: number, before: Reading): boolean {
  const word = words[verb];
  const head = before.source?.head;
  if (!word || before.form !== 'description' || !head || !word.lower.endsWith('ing')) return false;
  if (!STATEMENT_NOUNS.has(head) || isSpeakerNoun(head)) return false;
  const headAt = firstIndex(words, (w) => w.start >= before.at);
  const governing = governingWord(view, words, headAt)?.lower;
  return (
    governing !== undefined &&
    /^\p{Ll}+$/u.test(governing) &&
    !PREPOSITIONS.has(governing) &&
    !PHRASE_BREAKS.has(governing) &&
    !DETERMINERS.has(governing) &&
    !FILLERS.has(governing)
  );
}

/** The reading of an earlier cue, for a verb that shares its subject. */
function inherited(cue: Cue): Reading {
  const found: Reading = { source: cue.source, form: cue.sourceForm, at: cue.sourceAt };
  if (cue.pronoun) found.pronoun = cue.pronoun;
  return found;
}

/** Reads the cues of one paragraph in text order. */
class CueReader {
  readonly cues: Cue[] = [];
  private readonly sentenceSeen = new Set<number>();
  /** The last cue that found a source, for a verb whose subject was left out. */
  private lastSourced: Cue | null = null;

  constructor(
    private readonly view: ParagraphView,
    private readonly discourse: Discourse,
  ) {}

  /** Records a cue; its source becomes an antecedent (a subject when it is the sentence's first). */
  push(i: number, end: number, form: CueForm, found: Reading): void {
    const word = this.view.words[i];
    if (!word) return;
    const sentence = sentenceAt(this.view, word.start)?.start ?? -1;
    // "Critics, like Dana Ortiz, who has said …": the source of a relative clause is not the sentence's subject.
    const main = found.source !== null && found.form !== 'relative' && !this.sentenceSeen.has(sentence);
    const cue: Cue = {
      paragraph: this.view.paragraph,
      at: word.start,
      end,
      source: found.source,
      form,
      sourceForm: found.form,
      sourceAt: found.at < 0 ? word.start : found.at,
      main,
      pronoun: found.pronoun ?? null,
    };
    this.cues.push(cue);
    if (!found.source) return;
    this.lastSourced = cue;
    if (form === 'participle' || form === 'claim') return;
    if (main) this.sentenceSeen.add(sentence);
    this.discourse.add(
      {
        paragraph: this.view.paragraph,
        at: word.start,
        source: found.source,
        subject: main,
        spoke: true,
      },
      'cue',
    );
  }

  /** "Clinton mocked the complaint, saying …": the clause's main speaker, else its subject. */
  participleSource(at: number): Reading {
    const sentence = sentenceAt(this.view, at);
    if (!sentence) return NO_SOURCE;
    for (let j = this.cues.length - 1; j >= 0; j--) {
      const cue = this.cues[j];
      if (!cue || cue.at < sentence.start) break;
      if (cue.source) return inherited(cue);
    }
    const subject = subjectReading(this.view, sentence, this.discourse);
    // "On Friday, she joined the critics, saying …": the pronoun is read as a pronoun, so every
    // source it may stand for is weighed, not only the last one.
    if (subject.pronoun) return pronounReading(this.view, subject.pronoun, sentence.start, this.discourse);
    return reading(subject.source, 'name', sentence.start);
  }

  /** "… and agreed to": the verb shares the subject of the last cue of its sentence. */
  sharedSource(at: number): Reading {
    const shared = this.lastSourced;
    if (!shared?.source) return NO_SOURCE;
    if (this.view.masked.slice(shared.at, at).search(/[.!?]\s/u) >= 0) return NO_SOURCE;
    return inherited(shared);
  }
}

/** "according to X" at word i, as a cue, or null. */
function accordingCue(reader: CueReader, view: ParagraphView, i: number, discourse: Discourse): boolean {
  const { words } = view;
  if (words[i]?.lower !== 'according' || words[i + 1]?.lower !== 'to') return false;
  const next = words[i + 2];
  if (!next) return true;
  reader.push(i, next.start, 'according', sourceAfter(view, words, i + 2, discourse));
  return true;
}

/**
 * A reporting word that reads as a noun after an owner's "’s" ("accusation", "suggestion"), not as a
 * verb: "Hale’s aide said that …" is the aide's, whom the speech verb names.
 */
function reportingNoun(word: string): boolean {
  return REPORTING_WORDS.has(word) && !SPEECH_VERBS.has(word) && !/(?:ed|ing)$/u.test(word);
}

/** How many modifiers may stand between a claim's owner and its noun ("Voss’s most pointed claim"). */
const CLAIM_MODIFIERS = 2;

/** True when the words from `i` on read "that" or "is that" / "was that": what the claim says follows. */
function thatFollows(words: readonly Word[], i: number): boolean {
  const next = words[i]?.lower;
  return next === 'that' || ((next === 'is' || next === 'was') && words[i + 1]?.lower === 'that');
}

/** The owner of a claim noun at word `i`: the name with an "’s" before it, past a modifier or two. */
function claimOwner(view: ParagraphView, i: number): Mention | null {
  const { words } = view;
  for (let k = i - 1; k >= Math.max(0, i - 1 - CLAIM_MODIFIERS); k--) {
    const word = words[k];
    if (!word) return null;
    if (/['’]s$/u.test(word.text)) return mentionEndingAt(view, word.end);
    if (!/^\p{Ll}+$/u.test(word.text) || DETERMINERS.has(word.lower)) return null;
    if (/[^\s\p{L}]/u.test(view.masked.slice(word.end, words[k + 1]?.start ?? word.end))) return null;
  }
  return null;
}

/**
 * "Voss’s claim that burglaries “doubled in a year”", "Hale’s most pointed accusation is that
 * …": the claim's owner speaks.
 */
function claimCue(reader: CueReader, view: ParagraphView, i: number, discourse: Discourse): boolean {
  const { words } = view;
  const word = words[i];
  if (!word || !(STATEMENT_NOUNS.has(word.lower) || reportingNoun(word.lower))) return false;
  if (!thatFollows(words, i + 1)) return false;
  const owner = claimOwner(view, i);
  const member = owner ? memberOf(discourse, owner) : undefined;
  if (!owner || !member || member.kind === 'place') return false;
  reader.push(i, word.end, 'claim', reading(fromMember(member), 'name', owner.start));
  return true;
}

/**
 * "“…,” mused Ines Ferrante.", "“…,” shot back the mayor.": right after a quote's closing mark (and
 * comma), any speech verb with a name or described source after it is inverted. Pushes the cue and
 * returns true when it found that source.
 */
function pushQuoteInverted(
  reader: CueReader,
  view: ParagraphView,
  i: number,
  after: number,
  discourse: Discourse,
): boolean {
  const word = view.words[i];
  // "“…,” saying …" is a participle, not an inverted verb.
  if (!word || word.lower.endsWith('ing') || !afterQuote(view, word.start)) return false;
  if (namesClauseAfter(view, view.words, after - 1)) return false;
  const found = sourceAfter(view, view.words, after, discourse);
  // "“…,” he put it": a pronoun after the verb is its object, not an inverted source.
  if (!found.source || found.form === 'pronoun') return false;
  reader.push(i, view.words[after - 1]?.end ?? word.end, 'inverted', found);
  return true;
}

/** Finds the speech cues of a paragraph's narration and the source each one names. */
export function readCues(view: ParagraphView, discourse: Discourse): Cue[] {
  const reader = new CueReader(view, discourse);
  const { words } = view;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    if (accordingCue(reader, view, i, discourse) || claimCue(reader, view, i, discourse)) continue;
    const end = speechVerbEnd(view, words, i);
    if (end < 0 || notAVerb(view, words, i)) continue;
    // The source of an inverted phrasal verb stands after its particle ("shot back Lee").
    const after = firstIndex(words, (w) => w.start >= end);
    const participle =
      word.lower.endsWith('ing') &&
      /(?:,|\b(?:while|after|before|by|when|in))\s*$/u.test(
        view.masked.slice(Math.max(0, word.start - 12), word.start),
      );
    if (participle) {
      reader.push(i, end, 'participle', reader.participleSource(word.start));
      continue;
    }
    // The last few characters are all the patterns below look at.
    const prefix = view.masked.slice(Math.max(0, word.start - 40), word.start);
    // "“…” for the mayor, said Garber": after a comma, a name right after the verb is its subject.
    if (INVERTABLE_VERBS.has(word.lower) && /,\s*$/u.test(prefix) && words[i + 1]) {
      const named = mentionStartingAt(view, words[i + 1]?.start ?? 0);
      // "Hale's lawyer, Ivo Dunmore, said Larkin was …": a name that opens a clause after the verb is no inverted source.
      if (named && named.start === words[i + 1]?.start && !opensClause(view, named.end)) {
        reader.push(i, end, 'inverted', sourceAfter(view, words, i + 1, discourse));
        continue;
      }
    }
    const before = sourceBefore(view, words, i, discourse);
    if (issuedDocument(view, words, i, before)) {
      reader.push(i, end, 'participle', reader.participleSource(word.start));
      continue;
    }
    if (before.source) {
      reader.push(i, end, 'before', before);
      continue;
    }
    const opensParagraph = word.start <= 40 && /^\s*$/u.test(prefix);
    if (
      INVERTABLE_VERBS.has(word.lower) &&
      (opensParagraph || /[,\u2588]\s*$/u.test(prefix)) &&
      !noInvertedSource(view, words, i)
    )
      reader.push(i, end, 'inverted', sourceAfter(view, words, i + 1, discourse));
    else if (!pushQuoteInverted(reader, view, i, after, discourse)) {
      if (/\b(?:and|but|then)\s+(?:\p{L}+ly\s+)?$/u.test(prefix))
        reader.push(i, end, 'elided', reader.sharedSource(word.start));
      else reader.push(i, end, 'before', NO_SOURCE);
    }
  }
  return reader.cues;
}

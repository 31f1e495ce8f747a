import type { Mention } from '../actors.ts';
import { NATIONALITIES, PLACE_NAMES, ROLE_NOUNS, SPEECH_VERBS, STATEMENT_NOUNS } from '../lexicon.ts';
import type { Sentence } from '../types.ts';
import { type Discourse, fromMember, namesPartyOrNation, type Source } from './discourse.ts';
import { memberOf } from './mentions.ts';
import {
  firstIndex,
  isSpeakerNoun,
  MASK,
  type ParagraphView,
  sentenceAt,
  singular,
  type Word,
} from './paragraph.ts';
import { introductionEnd } from './subjects.ts';
import { DETERMINERS, GROUP_HEADS, LINK_ADVERBS, PHRASE_BREAKS, TITLE_MODIFIERS } from './words.ts';

/** How many words a described source may hold before its head noun. */
const DESCRIPTION_WORDS = 7;
/** How many words a definite description joined by "and"/"of" may span. */
const COORDINATED_WORDS = 12;

/**
 * Where a definite description joined by "and"/"of" starts before its head word `end` (the index
 * of the word after "the"), or -1 when the words before the head are no such phrase.
 */
function coordinatedStart(view: ParagraphView, words: readonly Word[], end: number, limit: number): number {
  let joined = false;
  for (let k = end; k > limit && k > end - COORDINATED_WORDS; k--) {
    const previous = words[k - 1];
    const current = words[k];
    if (!previous || !current) return -1;
    if (/[,.;:!?\u2588()]/u.test(view.masked.slice(previous.end, current.start))) return -1;
    if (previous.lower === 'the') return joined ? k : -1;
    if (previous.lower === 'and') joined = true;
    else if (
      previous.lower !== 'of' &&
      (PHRASE_BREAKS.has(previous.lower) || SPEECH_VERBS.has(previous.lower))
    )
      return -1;
    if (DETERMINERS.has(previous.lower) || /['’]s$/u.test(previous.text)) return -1;
  }
  return -1;
}

/** The first word of the noun phrase headed by word `end`, and its determiner if it has one. */
function phraseStart(
  view: ParagraphView,
  words: readonly Word[],
  end: number,
  limit: number,
): { k: number; determiner: Word | null } {
  // "the former mayor of Reno and current Republican gubernatorial nominee": a definite
  // description whose roles are joined by "and" and "of".
  const coordinated = coordinatedStart(view, words, end, limit);
  if (coordinated > 0) return { k: coordinated - 1, determiner: words[coordinated - 1] ?? null };
  let k = end;
  while (k > limit && k > end - DESCRIPTION_WORDS) {
    const previous = words[k - 1];
    const current = words[k];
    if (!previous || !current) break;
    if (/[,.;:!?\u2588()]/u.test(view.masked.slice(previous.end, current.start))) break;
    if (DETERMINERS.has(previous.lower) || /['’]s$/u.test(previous.text))
      return { k: k - 1, determiner: previous };
    if (PHRASE_BREAKS.has(previous.lower) || SPEECH_VERBS.has(previous.lower)) break;
    k--;
  }
  return { k, determiner: null };
}

/** The last mention of the narration that lies wholly inside `start`..`end`. */
function lastMentionWithin(view: ParagraphView, start: number, end: number): Mention | undefined {
  let found: Mention | undefined;
  for (let i = firstIndex(view.mentions, (m) => m.start >= start); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (!mention || mention.start >= end) break;
    if (!mention.quoted && mention.end <= end) found = mention;
  }
  return found;
}

/** True for a capitalised party or nationality word standing for one person ("Democrat", "Texan"). */
export function affiliationText(word: string): boolean {
  const lower = word.toLowerCase();
  return /^\p{Lu}\p{Ll}/u.test(word) && NATIONALITIES.has(lower) && singular(lower) === lower;
}

/** False when `noun` is a party or nation and the source already carries another ("the Republican" is not the story's Democrat). */
function mayCarry(discourse: Discourse, source: Source, noun: string): boolean {
  if (!source.actorId || !affiliationText(noun)) return true;
  const own = discourse.affiliationsOf(source.actorId);
  return own.size === 0 || own.has(noun.toLowerCase());
}

/** True for a capitalised one-word place ("Vermont", "Reno"). */
function isPlace(word: string): boolean {
  return /^\p{Lu}/u.test(word) && PLACE_NAMES.has(word.toLowerCase());
}

/** False when `words` name a place and the source's roles name another ("the Ohio senator" is not the Texas one). */
function mayBeFrom(discourse: Discourse, source: Source, words: readonly string[]): boolean {
  const places = words.filter(isPlace).map((word) => word.toLowerCase());
  if (!source.actorId || places.length === 0) return true;
  const own = discourse.rolesOf(source.actorId).flatMap((role) =>
    role
      .split(/\s+/u)
      .filter(isPlace)
      .map((word) => word.toLowerCase()),
  );
  return own.length === 0 || own.some((place) => places.includes(place));
}

/**
 * "the Ohio Democrat", "the Republican": news convention names a person already in the story by
 * home place and party. The description stands for the person last made a subject, in this
 * paragraph or the one before, unless an actor already carries it; it becomes their role.
 */
function affiliatedPerson(
  view: ParagraphView,
  words: readonly Word[],
  end: number,
  discourse: Discourse,
  limit: number,
): Source | null {
  const head = words[end];
  if (!head || !affiliationText(head.text)) return null;
  const { k, determiner } = phraseStart(view, words, end, limit);
  const start = words[k];
  if (!start || determiner?.lower !== 'the') return null;
  const modifiers = words.slice(k + 1, end);
  if (!modifiers.every((word) => /^\p{Lu}/u.test(word.text))) return null;
  const text = view.text.slice(start.start, head.end);
  const earlier = discourse.described(head.lower, view.paragraph, start.start, text);
  if (earlier) return earlier;
  const last = discourse.recentPerson(view.paragraph, start.start);
  if (!last?.actorId) return null;
  if (!mayCarry(discourse, last, head.text)) return null;
  discourse.describe(last.actorId, text);
  return last;
}

/**
 * "Holding signs calling …", "carrying banners reading …": a phrase of words `k`..`end` without a
 * determiner that opens with a participle and its lower-case object is what someone does, no one
 * who speaks.
 */
function opensWithParticiple(words: readonly Word[], k: number, end: number): boolean {
  const first = words[k];
  return (
    k < end &&
    first !== undefined &&
    /^\p{L}{2,}ing$/u.test(first.text) &&
    /^\p{Ll}/u.test(words[k + 1]?.text ?? '')
  );
}

/** Reads a described source ending at word `end`: "a senior U.S. official", "a White House statement". */
export function describedSource(
  view: ParagraphView,
  words: readonly Word[],
  end: number,
  discourse: Discourse,
  limit = 0,
): Source | null {
  const head = words[end];
  if (!head) return null;
  const headNoun = singular(head.lower);
  const isSource = isSpeakerNoun(head.lower);
  const isStatement = STATEMENT_NOUNS.has(head.lower);
  const isRole = ROLE_NOUNS.has(head.lower) || ROLE_NOUNS.has(headNoun);
  if (!isSource && !isStatement && !isRole) return affiliatedPerson(view, words, end, discourse, limit);
  const { k, determiner } = phraseStart(view, words, end, limit);
  const start = words[k];
  if (!start || (!determiner && opensWithParticiple(words, k, end))) return null;
  const text = view.text.slice(start.start, head.end);
  const possessive = determiner && ['his', 'her', 'their', 'its'].includes(determiner.lower);
  if (isStatement) {
    // The organisation or person whose statement it is.
    const owner = lastMentionWithin(view, start.start, head.end);
    const member = owner ? memberOf(discourse, owner) : undefined;
    if (member) return fromMember(member);
    if (possessive && determiner) {
      const pronoun = determiner.lower === 'her' ? 'she' : determiner.lower === 'his' ? 'he' : 'they';
      return discourse.resolve(pronoun, view.paragraph, determiner.start);
    }
  }
  const definite = determiner && ['the', 'this', 'that', 'these', 'those'].includes(determiner.lower);
  if (definite) {
    const earlier = discourse.described(headNoun, view.paragraph, start.start, text);
    // "the former secretary of state said": the description is one more role of the actor.
    if (earlier?.actorId && isRole) discourse.describe(earlier.actorId, text);
    if (earlier) return earlier;
  }
  if (isRole && !isSource && !isStatement && !determiner) return null;
  const plural = head.lower !== headNoun;
  // "the White House spokesman" reads in lower case; "Okafor’s family" keeps its name.
  const name =
    determiner && DETERMINERS.has(determiner.lower) ? text.replace(/^\p{Lu}/u, (c) => c.toLowerCase()) : text;
  // "a post", "the ruling": a document speaks for its author but is no one "he" or "she" stands for.
  const document = isStatement && !isSource && !isRole;
  return {
    name,
    actorId: null,
    kind: document ? 'organization' : plural || GROUP_HEADS.has(head.lower) ? 'group' : 'person',
    gender: null,
    head: headNoun,
  };
}

const DESCRIPTION_OPENING = /^[\s\u2588]*(?:The|the)\s+((?:[\p{L}.’'-]+\s+){1,6})/u;

/**
 * What may stand before a subject description after the introductory phrase: one word and a
 * comma ("Instead,", "Later,"), then a conjunction that links the sentence to the one before
 * ("But the former mayor …").
 */
const LINK_WORDS = /^[\s\u2588]*(?:(\p{L}+),)?[\s\u2588]*(?:(?:and|but|yet|so|then|still|now|instead)\s+)?/iu;

/** Where a sentence's subject may start: past its introductory phrase and a linking word. */
function subjectStart(view: ParagraphView, sentence: Sentence): number {
  const from = introductionEnd(view, sentence);
  const link = LINK_WORDS.exec(view.masked.slice(from, sentence.end));
  // "Instead, the senator …", but not "Ruiz, the senator, …" (an appositive to a name).
  const word = link?.[1]?.toLowerCase();
  if (word && !LINK_ADVERBS.has(word)) return from;
  return from + (link?.[0].length ?? 0);
}

/** A possessive's head without its "’s" ("senator’s" → "senator"), and whether it had one. */
function possessor(word: string): { word: string; possessive: boolean } {
  const bare = word.replace(/['’]s$/u, '');
  return { word: bare, possessive: bare !== word };
}

/**
 * The head of a subject description: the first role noun followed by a lower-case word other than
 * "of" (the verb), else, for a sentence's first words (`opens`), a party word ("The Ohio Democrat
 * said"); after an introductory phrase a party word is mostly an adjective ("In Ohio, the
 * Republican caucuses …").
 */
function descriptionHead(words: readonly string[], opens: boolean): number {
  const role = headWhere(words, (word) => ROLE_NOUNS.has(word));
  return role >= 0 || !opens ? role : headWhere(words, affiliationText);
}

function headWhere(words: readonly string[], isHead: (word: string) => boolean): number {
  return words.findIndex(
    (word, i) =>
      isHead(word) &&
      singular(word) === word &&
      !TITLE_MODIFIERS.has(word) &&
      /^\p{Ll}/u.test(words[i + 1] ?? '') &&
      !ROLE_NOUNS.has(words[i + 1] ?? '') &&
      !PHRASE_BREAKS.has(words[i + 1] ?? ''),
  );
}

/**
 * "The GOP candidate did not …", "In Reno, the former mayor said …", "The senator’s answer was …":
 * a sentence whose subject is a definite description of a role (or whose subject such a
 * description possesses) names the person the story last made a subject, in news convention;
 * the description becomes their role.
 */
export function describedSubjects(view: ParagraphView, discourse: Discourse): void {
  for (const sentence of view.sentences) {
    const from = subjectStart(view, sentence);
    const opening = DESCRIPTION_OPENING.exec(view.masked.slice(from, sentence.end));
    if (!opening) continue;
    const read = (opening[1] ?? '').trim().split(/\s+/u).map(possessor);
    const words = read.map((r) => r.word);
    const at = from + opening[0].search(/\S/u);
    const head = descriptionHead(words, !/\S/u.test(view.masked.slice(sentence.start, at)));
    const modifiers = words.slice(0, Math.max(0, head));
    const noun = words[head];
    if (head < 0 || !noun || modifiers.some((_, i) => read[i]?.possessive)) continue;
    if (
      modifiers.some((word) => PHRASE_BREAKS.has(word.toLowerCase()) || DETERMINERS.has(word.toLowerCase()))
    )
      continue;
    const length = opening[0].indexOf(noun, opening[0].search(/\S/u) + 4) + noun.length;
    // "The GOP candidate" may hold an organisation; a person's name makes it no bare description.
    const named = view.mentions.some(
      (m) =>
        m.start >= at &&
        m.start < at + length &&
        !NATIONALITIES.has(m.text.toLowerCase()) &&
        discourse.cast.byId.get(m.actorId)?.kind === 'person',
    );
    if (named) continue;
    const description = [...modifiers, noun].join(' ');
    // With no actor of that role yet, the description renames the last subject, if it stood in
    // this paragraph or the one before and the description names no other body.
    // "The Ohio Democrat": a home place before a party names the person, not another body.
    // "The Vermont senator": a home place before a role names the person too, unless they carry another.
    const bare =
      (affiliationText(noun) && modifiers.every((word) => /^\p{Lu}/u.test(word))) ||
      (modifiers.length > 0 &&
        modifiers.every((word) => !/^\p{Lu}/u.test(word) || namesPartyOrNation(word) || isPlace(word)));
    const last = bare ? discourse.recentPerson(view.paragraph, sentence.start) : null;
    const near =
      last && mayCarry(discourse, last, noun) && mayBeFrom(discourse, last, modifiers) ? last : null;
    const source = discourse.described(noun, view.paragraph, at, description) ?? near;
    if (!source?.actorId) continue;
    discourse.describe(source.actorId, description);
    // "The senator’s answer was …": the possessor stands in the sentence, though not as its subject.
    const subject = !read[head]?.possessive;
    discourse.add({ paragraph: view.paragraph, at, source, subject }, 'description');
  }
}

/** Determiners that make a document noun a phrase "it" can take up ("the post", "a statement"). */
const DOCUMENT_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that']);
/** How many modifiers may stand between a document's determiner and its noun ("the four-page sworn affidavit"). */
const DOCUMENT_MODIFIERS = 3;

/**
 * "The memo listed …. It says: “…”", "… she noted in the filing. It went on: “…”": each document
 * the narration names with a determiner becomes something "it" can stand for, a subject when it
 * opens its sentence.
 */
export function documentAntecedents(view: ParagraphView, discourse: Discourse): void {
  const { words } = view;
  for (const [end, head] of words.entries()) {
    if (!STATEMENT_NOUNS.has(head.lower) || singular(head.lower) !== head.lower) continue;
    if (view.masked[head.start] === MASK) continue;
    const start = documentStart(view, words, end);
    const first = words[start];
    if (!first) continue;
    const sentence = sentenceAt(view, first.start);
    const subject = sentence !== undefined && first.start <= introductionEnd(view, sentence) + 1;
    // "a memo" is "the memo" once named: the name a later "the memo" or "it" takes up.
    const name = `the ${view.text.slice(words[start + 1]?.start ?? head.start, head.end)}`;
    const source: Source = { name, actorId: null, kind: 'organization', gender: null, head: head.lower };
    discourse.add({ paragraph: view.paragraph, at: first.start, source, subject }, 'description');
  }
}

/** The index of the determiner of the document noun at word `end`, or -1 when none stands before it. */
function documentStart(view: ParagraphView, words: readonly Word[], end: number): number {
  for (let k = end - 1; k >= 0 && k >= end - 1 - DOCUMENT_MODIFIERS; k--) {
    const word = words[k];
    const next = words[k + 1];
    if (!word || !next || /[,.;:!?\u2588()]/u.test(view.masked.slice(word.end, next.start))) return -1;
    if (DOCUMENT_DETERMINERS.has(word.lower)) return k;
    if (PHRASE_BREAKS.has(word.lower) || SPEECH_VERBS.has(word.lower)) return -1;
  }
  return -1;
}

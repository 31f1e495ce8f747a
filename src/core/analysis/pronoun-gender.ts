/**
 * A person's sex as the article's own pronouns tell it: a name that is the only person of its
 * sentence, picked up later in that sentence by he/his or she/her, or by the He/She that opens the
 * next one. It fills in only a gender neither a title nor a first name told: overruling a first
 * name's guess with these votes lost more pronouns on the training split than it won.
 */
import type { Cast, CastMember, Mention } from './actors.ts';
import { DETERMINERS, PARTICLES, PHRASE_BREAKS, PREPOSITIONS } from './attribution/words.ts';
import { QUOTED_TEXT } from './mentions.ts';
import type { Sentence } from './types.ts';

/** He/She opening a sentence: the subject, most often the person the sentence before named. */
const OPENING_PRONOUN = /^(?:(He)|She)\s/u;

/**
 * How many times more often the article's pronouns must give one sex than the other to decide it:
 * one stray "his" (someone else's, unnamed) does not undo three "her".
 */
const MAJORITY = 2;

type Sex = 'male' | 'female';

/**
 * A third-person pronoun after a name. "Him" is left out: as the object of the name's own verb it is
 * someone else ("Okoro told him to leave"); "her" is read by what follows it.
 */
const OWN_PRONOUN = /\b(?:(he|his|himself)|(she|hers|herself)|(her))\b/giu;

/**
 * True when the "her" ending `before` is a possessive ("read out her statement"), not an object
 * ("backed her up", "told her that", "gave her a seat"): a lower-case word that opens no phrase follows.
 */
function possessiveHer(after: string): boolean {
  const next = /^\s+(\p{Ll}+)/u.exec(after)?.[1];
  if (next === undefined) return false;
  return ![PREPOSITIONS, DETERMINERS, PHRASE_BREAKS, PARTICLES].some((words) => words.has(next));
}

/** The sex the first pronoun after a name gives that stands for the name's own person, or null. */
function ownPronounGender(text: string): Sex | null {
  const narration = text.replace(QUOTED_TEXT, ' ');
  for (const found of narration.matchAll(OWN_PRONOUN)) {
    if (found[1] !== undefined) return 'male';
    if (found[2] !== undefined) return 'female';
    if (possessiveHer(narration.slice((found.index ?? 0) + found[0].length))) return 'female';
  }
  return null;
}

/** The distinct people named in each sentence, by sentence index. */
function peopleBySentence(cast: Cast): Map<number, Set<string>> {
  const people = new Map<number, Set<string>>();
  for (const mention of cast.mentions) {
    if (cast.byId.get(mention.actorId)?.kind !== 'person') continue;
    const set = people.get(mention.sentence) ?? new Set<string>();
    set.add(mention.actorId);
    people.set(mention.sentence, set);
  }
  return people;
}

/** The sex one narrated mention's pronoun gives, when the mention is its sentence's only person. */
function voteOf(
  mention: Mention,
  sentences: readonly Sentence[],
  people: ReadonlyMap<number, ReadonlySet<string>>,
): Sex | null {
  const sentence = sentences[mention.sentence];
  if (!sentence || mention.quoted || (people.get(mention.sentence)?.size ?? 0) !== 1) return null;
  const after = ownPronounGender(sentence.text.slice(mention.end - sentence.start));
  if (after) return after;
  const next = sentences[mention.sentence + 1];
  if (!next || next.paragraph !== sentence.paragraph || people.has(next.index)) return null;
  const opening = OPENING_PRONOUN.exec(next.text);
  if (!opening) return null;
  return opening[1] ? 'male' : 'female';
}

/** The sex the votes decide, or null when they are too few or too split. */
function decided(male: number, female: number): Sex | null {
  if (male > 0 && male >= MAJORITY * female) return 'male';
  if (female > 0 && female >= MAJORITY * male) return 'female';
  return null;
}

/** Gives each person of unknown gender the one the article's pronouns give them, where they agree. */
export function readGenderFromPronouns(cast: Cast, sentences: readonly Sentence[]): void {
  const people = peopleBySentence(cast);
  const votes = new Map<CastMember, [number, number]>();
  for (const mention of cast.mentions) {
    const member = cast.byId.get(mention.actorId);
    if (member?.kind !== 'person' || member.gender !== null) continue;
    const vote = voteOf(mention, sentences, people);
    if (!vote) continue;
    const tally = votes.get(member) ?? [0, 0];
    tally[vote === 'male' ? 0 : 1]++;
    votes.set(member, tally);
  }
  for (const [member, [male, female]] of votes) member.gender = decided(male, female);
}

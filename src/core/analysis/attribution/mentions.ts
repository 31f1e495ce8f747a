import type { CastMember, Mention } from '../actors.ts';
import {
  MODIFIED_NOUNS,
  NAME_ABBREVIATIONS,
  NAME_TITLES,
  ROLE_NOUNS,
  SOURCE_NOUNS,
  SPEECH_VERBS,
  STATEMENT_NOUNS,
} from '../lexicon.ts';
import { type Discourse, fromMember, type Source } from './discourse.ts';
import { firstIndex, type ParagraphView } from './paragraph.ts';
import { COMPLEMENT_LINKS, DETERMINERS, PHRASE_BREAKS, PREPOSITIONS } from './words.ts';

/** How many words back a preposition makes a name its object ("with radio host Edda Garber"). */
const OBJECT_REACH = 4;

/** "Brenner’s been saying so for weeks": an "’s" that is "has" or "is", not a possessive. */
const CONTRACTED = /^['’]s\s+(?:been|not|never|got|gotten|going|also|already|still|just|always)\b/u;
/** How many role words may stand between a name and the name it modifies ("Rusk spokesman Piet Larkin"). */
const MODIFIER_WORDS = 3;

/**
 * True when a mention modifies the name after it through a role ("Rusk spokesman Piet Larkin",
 * "Voss pollster Jo Tarrant"): the later name is the person spoken of.
 */
function modifiesNextName(view: ParagraphView, mention: Mention): boolean {
  const next = view.mentions[firstIndex(view.mentions, (m) => m.start >= mention.end)];
  if (!next || next.quoted || next.start - mention.end > 40) return false;
  const words = view.masked.slice(mention.end, next.start).trim().split(/\s+/u);
  const head = words[words.length - 1]?.toLowerCase() ?? '';
  return (
    words.length <= MODIFIER_WORDS &&
    words.every((word) => /^\p{Ll}[\p{L}-]*$/u.test(word)) &&
    (ROLE_NOUNS.has(head) || NAME_TITLES.has(head))
  );
}

/**
 * True when a mention stands after a preposition, before a possessive "’s" or as the modifier of a
 * role before another name: not a clause's subject.
 */
export function inObjectPosition(view: ParagraphView, mention: Mention): boolean {
  const following = view.text.slice(mention.end, mention.end + 16);
  if (/^['’]s\b/u.test(following) && !CONTRACTED.test(following)) return true;
  // "Reyes’ wife": a name ending in s takes the apostrophe alone.
  if (/s$/u.test(mention.text) && /^['’]\s+\p{Ll}/u.test(following)) return true;
  const next = /^\s+(\p{Ll}+)/u.exec(view.masked.slice(mention.end, mention.end + 20))?.[1];
  if (next && MODIFIED_NOUNS.has(next)) return true;
  if (modifiesNextName(view, mention)) return true;
  // An honorific's period ("of Mr. Trump") ends no phrase.
  const phrase = view.masked
    .slice(Math.max(0, mention.start - 40), mention.start)
    .replace(/\b(\p{L}+)\.\s*$/u, (abbreviation, word: string) =>
      /^\p{Lu}/u.test(word) && NAME_ABBREVIATIONS.has(word.toLowerCase()) ? '' : abbreviation,
    );
  const words = phrase.slice(Math.max(0, phrase.search(/[^.,;:!?\u2588]*$/u))).match(/\p{L}+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - OBJECT_REACH); i--) {
    const word = words[i]?.toLowerCase() ?? '';
    if (PREPOSITIONS.has(word)) return true;
    if (PHRASE_BREAKS.has(word) || SPEECH_VERBS.has(word)) return false;
  }
  return false;
}

/** How many linking words may stand between a verb's object and the quote that describes it ("as a", "of being"). */
const COMPLEMENT_WORDS = 3;

/** True when only linking words ("as a", "of being") stand between offset `end` and the quote at `quoteAt`. */
function linksToQuote(view: ParagraphView, end: number, quoteAt: number): boolean {
  const between = view.masked.slice(end, quoteAt);
  if (!/^\s*(?:\p{Ll}+\s+)*$/u.test(between)) return false;
  const words = between.split(/\s+/u).filter((word) => word.length > 0);
  return words.length <= COMPLEMENT_WORDS && words.every((word) => COMPLEMENT_LINKS.has(word));
}

/** The lower-case word right before `start` (titles and roles stepped over), or null after a mark or a capitalised word. */
function wordBeforeName(view: ParagraphView, start: number): string | null {
  const words = view.masked.slice(Math.max(0, start - 60), start).split(/\s+/u);
  if (words[words.length - 1] === '') words.pop();
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    const bare = word.replace(/\.$/u, '').toLowerCase();
    if (NAME_TITLES.has(bare) || ROLE_NOUNS.has(bare) || NAME_ABBREVIATIONS.has(bare)) continue;
    if (!/^\p{Ll}+$/u.test(word)) return null;
    // "according to Reyes": the named source; "by Reyes": the agent of a passive.
    if (word === 'to' && words[i - 1] === 'according') return null;
    return word === 'by' || DETERMINERS.has(word) ? null : word;
  }
  return null;
}

/**
 * True when a mention is the object of the verb whose quoted words follow it ("called Reyes “…”",
 * "described the mayor as a “…”", "accused Okafor of being “…”"): the words describe the one
 * named, and the verb's subject said them.
 */
export function governedByQuoteVerb(view: ParagraphView, mention: Mention, quoteAt: number): boolean {
  if (mention.end > quoteAt || !linksToQuote(view, mention.end, quoteAt)) return false;
  return wordBeforeName(view, mention.start) !== null;
}

/** Finds the mention that ends right before `end` (only blanks between), outside quotes. */
export function mentionEndingAt(view: ParagraphView, end: number): Mention | null {
  for (let i = firstIndex(view.mentions, (m) => m.start >= end) - 1; i >= 0; i--) {
    const mention = view.mentions[i];
    if (!mention || mention.quoted) continue;
    if (mention.end > end) continue;
    const gap = view.text.slice(mention.end, end);
    // "Rep. Ana Rusk (D-Ore.) said": a party-and-state tag may stand between.
    if (/^(?:['’]s)?\s*(?:\([^()]{1,30}\)\s*)?$/u.test(gap)) return mention;
    if (mention.end < end - 40) return null;
  }
  return null;
}

/** Finds the first mention at or after `start` when only titles or a role phrase stand between. */
export function mentionStartingAt(view: ParagraphView, start: number): Mention | null {
  for (let i = firstIndex(view.mentions, (m) => m.start >= start); i < view.mentions.length; i++) {
    const mention = view.mentions[i];
    if (!mention || mention.quoted) continue;
    const gap = view.text.slice(start, mention.start);
    // Titles may stand between the verb and the name ("said Secretary of State Antony Blinken").
    const words = gap
      .trim()
      .split(/\s+/u)
      .filter((word) => word.length > 0);
    if (
      words.every(
        (word, i) =>
          NAME_TITLES.has(word.toLowerCase()) ||
          ROLE_NOUNS.has(word.toLowerCase()) ||
          (i === 0 && word.toLowerCase() === 'the'),
      )
    )
      return mention;
    // "said war widow Edda Garber", "according to veteran late-night radio host Piet Larkin":
    // a role phrase whose head noun stands right before the name.
    const head = words[words.length - 1]?.toLowerCase() ?? '';
    if (
      words.length <= 6 &&
      (ROLE_NOUNS.has(head) || NAME_TITLES.has(head)) &&
      !/[,;:!?\u2588]/u.test(view.masked.slice(start, mention.start)) &&
      words.every((word) => !PHRASE_BREAKS.has(word.toLowerCase()) && !SPEECH_VERBS.has(word.toLowerCase()))
    )
      return mention;
    return null;
  }
  return null;
}

/** The cast member a mention names. */
export function memberOf(discourse: Discourse, mention: Mention): CastMember | undefined {
  return discourse.cast.byId.get(mention.actorId);
}

/** The source a mention names: a person or organisation; a place only through its statement. */
export function sourceOfMention(view: ParagraphView, mention: Mention, discourse: Discourse): Source | null {
  const member = memberOf(discourse, mention);
  if (!member) return null;
  const after = view.masked
    .slice(mention.end, mention.end + 60)
    .match(/^\s+([\p{L}-]+)/u)?.[1]
    ?.toLowerCase();
  // "a senior U.S. official", "Chinese officials": a source described with a place or organisation.
  if (after && SOURCE_NOUNS.has(after) && member.kind !== 'person') return null;
  // "a White House statement", "the CCTV report": the organisation speaks through its statement.
  if (member.kind === 'place' && !(after && STATEMENT_NOUNS.has(after))) return null;
  return fromMember(member);
}

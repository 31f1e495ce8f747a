import type { Cast, CastMember } from '../actors.ts';
import { NATIONALITIES, STATEMENT_NOUNS, TITLE_ABBREVIATIONS } from '../lexicon.ts';

/** Who a cue points at: an actor of the cast or an unnamed, described source. */
export interface Source {
  name: string;
  actorId: string | null;
  /** 'person' also covers described people ("a senior U.S. official"). */
  kind: 'person' | 'organization' | 'place' | 'group';
  gender: 'male' | 'female' | null;
  /** Head noun of a described source ("official"), for "the official" later on. */
  head: string | null;
}

/** Something a pronoun or a definite description can point back to. */
export interface Antecedent {
  paragraph: number;
  at: number;
  source: Source;
  /** Subjects and speakers are likelier antecedents than names in object position. */
  subject: boolean;
  /** It stands as the source of a cue or the speaker of a quote. */
  spoke?: boolean;
}

/** A source a pronoun may stand for, with how it stood in the text before the pronoun. */
export interface PronounAntecedent {
  source: Source;
  /** Paragraph of its latest occurrence. */
  paragraph: number;
  /** It stood as a subject or a speaker. */
  subject: boolean;
  /** 1 for the most recent compatible source that spoke, 2 for the one before, 0 when it did not speak. */
  speakerRank: number;
}

/** A pronoun that can stand for a source, by what it can refer to. */
export type PronounClass = 'he' | 'she' | 'they' | 'it' | 'i';

/** The source of a cast member. */
export function fromMember(member: CastMember): Source {
  return {
    name: member.name,
    actorId: member.id,
    // An untyped name that is quoted is read as a person, as before actors could be `unknown`.
    kind: member.kind === 'unknown' ? 'person' : member.kind,
    gender: member.gender,
    head: null,
  };
}

/** True when two sources are the same actor, or the same unnamed source. */
export function sameSource(a: Source, b: Source): boolean {
  if (a === b) return true;
  if (a.actorId !== null || b.actorId !== null) return a.actorId === b.actorId;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/** True when a pronoun can stand for a source: "he" for a man or a person of unknown gender, "they" for a body. */
export function agrees(pronoun: PronounClass, source: Source): boolean {
  if (pronoun === 'he' || pronoun === 'she') {
    const gender = pronoun === 'he' ? 'male' : 'female';
    return source.kind === 'person' && (source.gender === null || source.gender === gender);
  }
  if (pronoun === 'they' || pronoun === 'it')
    return (
      (source.kind === 'organization' || source.kind === 'group') && (pronoun === 'it' || !isDocument(source))
    );
  return false;
}

/** True for a document the narration named ("the post", "a statement"): "it" may stand for it, "they" not. */
export function isDocument(source: Source): boolean {
  return source.actorId === null && source.head !== null && STATEMENT_NOUNS.has(source.head);
}

/** The party and nationality words of a role or description ("Republican", "Chinese"), lower-cased. */
function capitalised(phrase: string): Set<string> {
  const words = phrase.match(/(?<![\p{L}])\p{Lu}[\p{L}-]*/gu) ?? [];
  return new Set(
    words
      .map((word) => (word === 'GOP' ? 'republican' : word.toLowerCase()))
      .filter((word) => NATIONALITIES.has(word)),
  );
}

/** True when a phrase names a party or nation ("Republican", "Chinese"). */
export function namesPartyOrNation(phrase: string): boolean {
  return capitalised(phrase).size > 0;
}

/** The word that makes a role another office ("vice president", "deputy director"), or ''. */
function subordinate(phrase: string): string {
  return /\b(vice|deputy|assistant)\b/iu.exec(phrase)?.[1]?.toLowerCase() ?? '';
}

/** The words of a role with its abbreviated titles spelt out ("Sen." also reads "senator"). */
function roleWords(role: string): string[] {
  return role
    .toLowerCase()
    .split(/\s+/u)
    .flatMap((word) => [word, ...(TITLE_ABBREVIATIONS.get(word.replace(/\.$/u, '')) ?? [])]);
}

/** How many paragraphs back a pronoun looks for its antecedent. */
const PRONOUN_REACH = 6;
/** How many antecedents back any look-up goes: bounded, so long texts stay linear. */
const HISTORY_REACH = 600;
/** How many antecedents back a definite description looks ("the official"): bounded, so long texts stay linear. */
const DESCRIPTION_REACH = 400;

/** Resolves pronouns and definite descriptions against what came before. */
/** Where an antecedent came from: the four are read in this order for each paragraph. */
export type AntecedentLane = 'mention' | 'description' | 'cue' | 'speaker';

const LANES: readonly AntecedentLane[] = ['mention', 'description', 'cue', 'speaker'];

/** True when antecedent `a` stands before (paragraph, at). */
function standsBefore(a: Antecedent, paragraph: number, at: number): boolean {
  return a.paragraph < paragraph || (a.paragraph === paragraph && a.at < at);
}

/**
 * Everything pronouns and descriptions can point back to, in one list per lane. Each lane is
 * filled in text order (names, descriptions and cues of a paragraph are read ahead of its quotes'
 * speakers), so adding is an append and reading back merges the lanes, newest first.
 */
class History {
  private readonly lanes: Antecedent[][] = LANES.map(() => []);

  add(antecedent: Antecedent, lane: AntecedentLane): void {
    const list = this.lanes[LANES.indexOf(lane)];
    if (!list) return;
    let i = list.length;
    // Each lane comes in text order; the loop only guards against a stray early entry.
    while (i > 0 && !standsBefore(list[i - 1] as Antecedent, antecedent.paragraph, antecedent.at + 1)) i--;
    if (i === list.length) list.push(antecedent);
    else list.splice(i, 0, antecedent);
  }

  /** The antecedents before (paragraph, at), newest first across the lanes; later lanes first on a tie. */
  *before(paragraph: number, at: number): Generator<Antecedent> {
    const cursors = this.lanes.map((list) => lastBefore(list, paragraph, at));
    for (;;) {
      let best = -1;
      for (let k = this.lanes.length - 1; k >= 0; k--) {
        const entry = this.lanes[k]?.[cursors[k] ?? -1];
        const current = best < 0 ? undefined : this.lanes[best]?.[cursors[best] ?? -1];
        if (entry && (!current || standsBefore(current, entry.paragraph, entry.at))) best = k;
      }
      if (best < 0) return;
      const entry = this.lanes[best]?.[cursors[best] ?? -1];
      cursors[best] = (cursors[best] ?? 0) - 1;
      if (entry) yield entry;
    }
  }
}

/** The index of the last entry of a sorted list before (paragraph, at), by binary search (-1: none). */
function lastBefore(list: readonly Antecedent[], paragraph: number, at: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const entry = list[middle];
    if (entry !== undefined && standsBefore(entry, paragraph, at)) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** Resolves pronouns and definite descriptions against what came before. */
export class Discourse {
  private readonly history = new History();
  /** Descriptions the text uses for an actor ("the GOP nominee"), by actor id. */
  readonly descriptions = new Map<string, string[]>();

  constructor(readonly cast: Cast) {}

  /** Adds an antecedent from one of the lanes (names, descriptions, cues, quotes' speakers). */
  add(antecedent: Antecedent, lane: AntecedentLane): void {
    this.history.add(antecedent, lane);
  }

  /** Records that `description` ("the former secretary of state") names the actor `actorId`. */
  describe(actorId: string, description: string): void {
    const role = description.replace(/^(?:the|this|that)\s+/iu, '').trim();
    const known = this.descriptions.get(actorId) ?? [];
    if (role.length > 0 && !known.some((r) => r.toLowerCase() === role.toLowerCase())) known.push(role);
    this.descriptions.set(actorId, known);
  }

  /** Runs a probe that may read descriptions, and forgets every description it recorded. */
  unrecorded<T>(probe: () => T): T {
    const kept = new Map([...this.descriptions].map(([id, roles]) => [id, [...roles]]));
    try {
      return probe();
    } finally {
      this.descriptions.clear();
      for (const [id, roles] of kept) this.descriptions.set(id, roles);
    }
  }

  /** An actor's roles as the cast read them, then the descriptions the narration has given them. */
  rolesOf(actorId: string): string[] {
    const member = this.cast.byId.get(actorId);
    return [...(member?.roles ?? []), ...(this.descriptions.get(actorId) ?? [])];
  }

  /** The party and nationality words of an actor's roles and descriptions ("republican"). */
  affiliationsOf(actorId: string): Set<string> {
    return capitalised(this.rolesOf(actorId).join(' '));
  }

  /**
   * The antecedents before (paragraph, at), newest first, within `reach` paragraphs and at most
   * {@link HISTORY_REACH} of them (a paragraph of thousands of quotes adds thousands of speakers).
   */
  *before(paragraph: number, at: number, reach = Number.POSITIVE_INFINITY): Generator<Antecedent> {
    let seen = 0;
    for (const entry of this.history.before(paragraph, at)) {
      if (++seen > HISTORY_REACH || paragraph - entry.paragraph > reach) return;
      yield entry;
    }
  }

  /** The last person compatible with "he" or "she", preferring subjects and speakers. */
  person(gender: 'male' | 'female' | null, paragraph: number, at: number): Source | null {
    let fallback: Source | null = null;
    for (const { source, subject } of this.before(paragraph, at, PRONOUN_REACH)) {
      if (source.kind !== 'person') continue;
      if (gender && source.gender && source.gender !== gender) continue;
      if (subject) return source;
      fallback ??= source;
    }
    return fallback;
  }

  /**
   * The person last made a subject (else last named) before `at`, when they stood in this paragraph
   * or the one before: whom a description in news convention renames ("The Ohio Democrat …").
   */
  recentPerson(paragraph: number, at: number): Source | null {
    const last = this.person(null, paragraph, at);
    return last && this.lastAt(last, paragraph, at) >= paragraph - 1 ? last : null;
  }

  /** The paragraph where `source` last stood before `at`, or -1. */
  lastAt(source: Source, paragraph: number, at: number): number {
    let seen = 0;
    for (const entry of this.before(paragraph, at)) {
      if (++seen > DESCRIPTION_REACH) break;
      if (entry.source === source || (source.actorId && entry.source.actorId === source.actorId))
        return entry.paragraph;
    }
    return -1;
  }

  /** The last organisation or group, for "they" and "it". */
  group(paragraph: number, at: number): Source | null {
    for (const { source } of this.before(paragraph, at, PRONOUN_REACH))
      if (source.kind === 'organization' || source.kind === 'group') return source;
    return null;
  }

  /** The last source described with the same head noun ("the official" -> "a senior U.S. official"). */
  described(head: string, paragraph: number, at: number, description = ''): Source | null {
    const marks = capitalised(description);
    // "the Republican nominee" is not the actor whose role is "Democratic presidential nominee".
    const fits = (role: string) => {
      const own = capitalised(role);
      if (subordinate(role) !== subordinate(description)) return false;
      return marks.size === 0 || own.size === 0 || [...own].some((word) => marks.has(word));
    };
    let seen = 0;
    for (const { source } of this.before(paragraph, at)) {
      if (++seen > DESCRIPTION_REACH) break;
      if (source.head === head && fits(source.name)) return source;
      if (!source.actorId) continue;
      const member = this.cast.byId.get(source.actorId);
      const roles = this.rolesOf(source.actorId);
      if (roles.some((role) => roleWords(role).includes(head) && fits(role))) return source;
      if (member?.aliases.some((alias) => alias.toLowerCase().startsWith(`${head} `))) return source;
      // "the union" after "the Riverside Teachers Union": a body's name ends with the head.
      if (member?.kind === 'organization' && member.name.toLowerCase().endsWith(` ${head}`)) return source;
    }
    return null;
  }

  /**
   * The sources a pronoun may stand for, most recent first (at most `limit`): people of a compatible
   * gender for "he"/"she", organisations and groups for "they"/"it"; none for "I".
   */
  antecedents(pronoun: PronounClass, paragraph: number, at: number, limit: number): PronounAntecedent[] {
    if (pronoun === 'i') return [];
    const found: PronounAntecedent[] = [];
    let speakers = 0;
    for (const entry of this.before(paragraph, at, PRONOUN_REACH)) {
      const { source } = entry;
      if (!agrees(pronoun, source)) continue;
      let known = found.find((a) => sameSource(a.source, source));
      if (!known) {
        if (found.length >= limit) break;
        known = { source, paragraph: entry.paragraph, subject: false, speakerRank: 0 };
        found.push(known);
      }
      if (entry.subject) known.subject = true;
      if (entry.spoke && known.speakerRank === 0) known.speakerRank = ++speakers;
    }
    return found;
  }

  /** The source a subject pronoun stands for: the last compatible person, or organisation for "they"/"it". */
  resolve(pronoun: PronounClass, paragraph: number, at: number): Source | null {
    if (pronoun === 'he') return this.person('male', paragraph, at);
    if (pronoun === 'she') return this.person('female', paragraph, at);
    if (pronoun === 'they' || pronoun === 'it') return this.group(paragraph, at);
    return null;
  }
}

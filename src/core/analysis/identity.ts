/**
 * Identity inside one article: candidate names become actors. Full names and typed names open
 * drafts; single words join the person or organisation they repeat ("Biden" for "Joe Biden"),
 * or become actors of their own when they recur; then the drafts become the cast.
 */
import type { Cast, CastMember, Mention } from './actors.ts';
import { COUNTRY_NAMES, PLACE_ALIASES } from './lexicon.ts';
import type { Candidate } from './mentions.ts';
import type { ActorKind, Sentence } from './types.ts';
import { addEvidence, type Evidence, isAcronym, kindOf, noEvidence, republicOf, STRONG } from './typing.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included.
const ASCII = /^[\u0000-\u007f]*$/u;

function slug(name: string): string {
  const lower = name.toLowerCase();
  return (ASCII.test(lower) ? lower : lower.normalize('NFKD'))
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

function initials(name: string): string {
  return name
    .split(/\s+/u)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
}

interface Draft {
  name: string;
  /** The kind the name's form gives it, or null while only evidence can tell. */
  kind: ActorKind | null;
  tokens: string[];
  aliases: Set<string>;
  roles: string[];
  gender: 'male' | 'female' | null;
  /** True when `gender` comes from a title or honorific ("Mr.", "congresswoman"), the surest sign. */
  genderByTitle: boolean;
  evidence: Evidence;
  /** Sentences that named it in the narration, in order: full names first, then repeated single words. */
  narrated: number[];
  /** The last sentence whose single word was taken as this draft's name (the second pass runs in order). */
  lastEcho: number;
  /** True once merged into another draft. */
  merged?: boolean;
  /** True when the headline or dateline names it (those names are no mentions). */
  headline?: boolean;
  spans: { sentence: Sentence; start: number; end: number; text: string; quoted: boolean }[];
}

function addRole(roles: string[], role: string): void {
  const lower = role.toLowerCase();
  if (role.length < 3 || roles.some((r) => r.toLowerCase() === lower)) return;
  roles.push(role);
}

/** Longest tail of an organisation's name that can stand for it ("Communist Party"). */
const MAX_SUFFIX_WORDS = 6;

/** A lone capitalised word with only weak evidence of its kind is an actor only when named this often. */
const LONE_HINT_MIN_MENTIONS = 2;

/** A lone capitalised word with no evidence is an actor only when it recurs this often mid-sentence. */
const LONE_WORD_MIN_MENTIONS = 3;

/**
 * More drafts than this sharing one word ("New", "Party") make the word no pointer to any one of
 * them, and keep every lookup by word bounded.
 */
const MAX_HOLDERS = 50;

function add<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** The drafts of an article with lookups by name and by word, so merging stays linear in the candidates. */
class DraftBook {
  readonly drafts: Draft[] = [];
  private readonly byName = new Map<string, Draft>();
  /** Multi-word people and organisations by each of their words, lower-cased. */
  private readonly byWord = new Map<string, Draft[]>();
  /** Multi-word drafts by their initials ("CCP" for "Chinese Communist Party"), built as acronyms ask. */
  private readonly byInitials = new Map<string, Draft[]>();
  private initialed = 0;

  start(name: string, kind: ActorKind | null, candidate: Candidate, echo = false): Draft {
    const tokens = name.split(/\s+/u);
    const draft: Draft = {
      name,
      kind,
      tokens,
      aliases: new Set(),
      roles: [],
      gender: null,
      genderByTitle: false,
      evidence: noEvidence(),
      narrated: [],
      lastEcho: -1,
      spans: [],
    };
    absorb(draft, candidate, echo);
    this.drafts.push(draft);
    this.byName.set(name.toLowerCase(), draft);
    if (tokens.length > 1) {
      for (const token of new Set(tokens.map((t) => t.toLowerCase()))) add(this.byWord, token, draft);
    }
    return draft;
  }

  /** The first multi-word draft whose initials spell the acronym. */
  abbreviated(acronym: string): Draft | undefined {
    for (; this.initialed < this.drafts.length; this.initialed++) {
      const draft = this.drafts[this.initialed];
      if (draft && draft.tokens.length > 1) add(this.byInitials, initials(draft.name), draft);
    }
    return this.byInitials.get(acronym)?.find((draft) => !draft.merged);
  }

  named(lower: string): Draft | undefined {
    return this.byName.get(lower);
  }

  /** Multi-word drafts that hold the word; none when too many do for the word to tell one apart. */
  holding(lower: string): readonly Draft[] {
    const list = this.byWord.get(lower) ?? [];
    if (list.length > MAX_HOLDERS) return [];
    return list.filter((draft) => !draft.merged);
  }

  /** Moves `source` into `target` and forgets it. */
  merge(target: Draft, source: Draft): void {
    mergeInto(target, source);
    source.merged = true;
    this.byName.set(source.name.toLowerCase(), target);
  }

  live(): Draft[] {
    return this.drafts.filter((draft) => !draft.merged);
  }
}

function resolveFixed(candidate: Candidate): string {
  const alias = PLACE_ALIASES.get(candidate.name.toLowerCase());
  const name = alias ?? republicOf(candidate.name) ?? candidate.name.replace(/^The\s+/u, '');
  // "LONDON 1996-08-30": a name printed in capitals is shown as a name is written.
  if (candidate.careful && (candidate.kind === 'place' || !isAcronym(name)) && name === name.toUpperCase())
    return name
      .toLowerCase()
      .replace(/(^|[\s'’-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
  return name;
}

/** The kind of a draft once its mentions are read: the form's kind, else the weight of evidence. */
function settle(draft: Draft): void {
  if (draft.kind === null || draft.kind === 'unknown') draft.kind = kindOf(draft.evidence);
}

/** Makes the actors of an article from its candidate names, merged by alias, in article order. */
export function mergeCandidates(candidates: readonly Candidate[]): Cast {
  const book = new DraftBook();
  // First pass: multi-word names and names whose own form or context types them make drafts.
  const pending: Candidate[] = [];
  const surnames = new SurnameUses();
  for (const candidate of candidates) {
    // A surname several people share waits for the second pass, when the headline and all names are known.
    const namesakes = namesakesOf(book, candidate);
    if (namesakes.length > 1) {
      pending.push(candidate);
      continue;
    }
    const only = onlyNamesake(namesakes[0], candidate);
    if (only) {
      absorb(only, candidate);
      continue;
    }
    const name = resolveFixed(candidate);
    const known = compatible(book.named(name.toLowerCase()), candidate) ?? surnameOf(book, candidate);
    if (known && !known.merged) {
      absorb(known, candidate);
      continue;
    }
    const evident = kindOf(candidate.evidence) !== 'unknown';
    const opens = candidate.tokens.length > 1 || candidate.kind !== null;
    if (!candidate.quoted && opens && (evident || !candidate.careful)) {
      // "Mrs. Clinton" where a "Mr. Clinton" is already an actor: another person, named as titled.
      const taken = book.named(name.toLowerCase());
      book.start(taken && candidate.titledForm ? candidate.titledForm : name, candidate.kind, candidate);
      continue;
    }
    pending.push(candidate);
  }
  for (const draft of book.drafts) settle(draft);
  joinPeople(book);
  // Second pass: single words become aliases of a person or organisation, or actors of their own.
  const counts = new Map<string, { mentions: number; evidence: Evidence; speaks: boolean }>();
  for (const candidate of pending) {
    if (candidate.quoted || candidate.careful || candidate.aliasOnly) continue;
    const entry = counts.get(candidate.name) ?? { mentions: 0, evidence: noEvidence(), speaks: false };
    entry.mentions++;
    entry.speaks ||= candidate.speaks;
    addEvidence(entry.evidence, candidate.evidence);
    counts.set(candidate.name, entry);
  }
  for (const candidate of pending) {
    const word = candidate.name;
    const lower = word.toLowerCase();
    const shared = sharedSurname(book, surnames, candidate);
    if (shared === UNRESOLVED) continue;
    if (shared) {
      absorb(shared, candidate, true);
      continue;
    }
    const target = candidate.aliasOnly
      ? surnameTarget(book, lower)
      : (aliasTarget(book, candidate, word, lower) ?? book.named(lower));
    if (target) {
      absorb(target, candidate, true);
      continue;
    }
    if (candidate.quoted || candidate.careful || candidate.aliasOnly) continue;
    const seen = counts.get(word);
    let kind: ActorKind = candidate.kind ?? kindOf(seen?.evidence ?? candidate.evidence);
    if (kind === 'unknown' && isAcronym(word)) kind = 'organization';
    const mentions = seen?.mentions ?? 0;
    if (kind === 'unknown' && mentions < LONE_WORD_MIN_MENTIONS) continue;
    // "the Paper" once: a lone word with only a hint of a person or organisation must recur, unless it speaks.
    const evidence = seen?.evidence ?? candidate.evidence;
    const hinted = kind !== 'place' && Math.max(evidence.person, evidence.organization) < STRONG;
    if (candidate.kind === null && hinted && !seen?.speaks && mentions < LONE_HINT_MIN_MENTIONS) continue;
    book.start(word, kind, candidate, true);
  }
  // A name of no known kind may have gained evidence from the words that repeat it ("Romney said").
  for (const draft of book.live()) settle(draft);
  // Suffix aliases between organisations: "Communist Party" is the "Chinese Communist Party".
  for (const longer of book.live()) {
    if (longer.kind !== 'organization' || longer.merged) continue;
    for (let k = Math.max(1, longer.tokens.length - MAX_SUFFIX_WORDS); k < longer.tokens.length; k++) {
      const shorter = book.named(longer.tokens.slice(k).join(' ').toLowerCase());
      if (shorter && shorter !== longer && !shorter.merged && shorter.kind === 'organization')
        book.merge(longer, shorter);
    }
  }
  return buildCast(book.live());
}

/** The answer for a surname two people share when nothing tells which one it is: neither. */
const UNRESOLVED = Symbol('unresolved');

/** Which person each shared surname was last used for, so a bare repeat goes to the same one. */
class SurnameUses {
  readonly #last = new Map<string, Draft>();

  lastFor(word: string, among: readonly Draft[]): Draft | undefined {
    const last = this.#last.get(word);
    return last && among.includes(last) ? last : undefined;
  }

  use(word: string, draft: Draft): void {
    this.#last.set(word, draft);
  }
}

/** Text before a name that leaves it its clause's subject: the sentence start, or a comma or quote mark. */
const SUBJECT_BEFORE = /(?:^|[,”"’]\s*)$/u;

/**
 * The sex a single-word name's own title gives ("Mrs. Clinton"), else the he/she that picks it up
 * when the name is its clause's subject ("Clinton said she …"): after an object ("asked Clinton
 * if …") the next pronoun is as likely someone else's.
 */
function genderOf(candidate: Candidate): 'male' | 'female' | null {
  if (candidate.gender && !candidate.genderByName) return candidate.gender;
  const start = candidate.tokens[0]?.start ?? 0;
  return SUBJECT_BEFORE.test(candidate.sentence.text.slice(0, start)) ? candidate.pickedUpAs() : null;
}

/**
 * The person a lone surname names when two or more people named in full share it (Hillary and
 * Bill Clinton): the one its title or pronoun fits, else the one the surname was last used for,
 * else the one named just before; {@link UNRESOLVED} when nothing tells them apart; undefined
 * when fewer than two people share it (the ordinary rules decide).
 */
function sharedSurname(
  book: DraftBook,
  uses: SurnameUses,
  candidate: Candidate,
): Draft | typeof UNRESOLVED | undefined {
  const people = namesakesOf(book, candidate);
  if (people.length === 1) return onlyNamesake(people[0], candidate);
  if (people.length < 2) return undefined;
  const word = candidate.name.toLowerCase();
  const chosen = pickNamesake(people, uses.lastFor(word, people), candidate);
  if (chosen) uses.use(word, chosen);
  return chosen ?? UNRESOLVED;
}

/** The people named in full whose surname a single unquoted word is. */
function namesakesOf(book: DraftBook, candidate: Candidate): Draft[] {
  if (candidate.tokens.length !== 1 || candidate.quoted) return [];
  const word = candidate.name.toLowerCase();
  return book
    .holding(word)
    .filter(
      (draft) =>
        !draft.merged &&
        maybePerson(draft) &&
        draft.tokens.length > 1 &&
        draft.tokens.at(-1)?.toLowerCase() === word,
    );
}

/**
 * The one person named in full with the surname, for a bare or titled surname that can only be
 * theirs: a name of no other kind whose title does not say another sex ("Mrs. X" is not "Daniel X").
 */
function onlyNamesake(person: Draft | undefined, candidate: Candidate): Draft | undefined {
  if (!person || candidate.careful || (candidate.kind !== null && candidate.kind !== 'person'))
    return undefined;
  const gender = candidate.gender && !candidate.genderByName ? candidate.gender : null;
  return gender === null || person.gender === null || person.gender === gender ? person : undefined;
}

/** A person, or (before the first pass settles kinds) a name of no kind yet that a given name opens. */
function maybePerson(draft: Draft): boolean {
  if (draft.kind === 'person') return true;
  return (draft.kind === null || draft.kind === 'unknown') && draft.gender !== null;
}

/**
 * One of several namesakes: by sex, then the one the headline names, the one the surname was last
 * used for, the one the article is about, the only one just named; undefined when none stands out.
 */
function pickNamesake(
  people: readonly Draft[],
  last: Draft | undefined,
  candidate: Candidate,
): Draft | undefined {
  const gender = genderOf(candidate);
  const same = gender === null ? [] : people.filter((draft) => draft.gender === gender);
  if (same.length === 1) return same[0];
  // A namesake of unknown sex stays in the running; one of the other sex does not.
  const fitting =
    gender === null ? people : people.filter((draft) => draft.gender === gender || draft.gender === null);
  if (fitting.length === 1) return fitting[0];
  const fit = fitting.length > 0 ? fitting : people;
  // A namesake the article introduces only later is not who an earlier bare surname means.
  const introduced = fit.filter(
    (draft) => draft.headline || (draft.narrated[0] ?? Infinity) <= candidate.sentence.index,
  );
  const pool = introduced.length > 0 ? introduced : fit;
  if (pool.length === 1) return pool[0];
  const headlined = pool.filter((draft) => draft.headline);
  if (headlined.length === 1) return headlined[0];
  if (last && pool.includes(last)) return last;
  return dominant(pool) ?? soleNear(pool, candidate.sentence.index);
}

/** How many times more often one namesake must be named than any other to be the one a bare surname means. */
const DOMINANT_FACTOR = 2;

/** The namesake the article names far more often than the others (its subject), if any. */
function dominant(pool: readonly Draft[]): Draft | undefined {
  const ranked = [...pool].sort((a, b) => b.spans.length - a.spans.length);
  const [first, second] = ranked;
  if (!first || !second) return first;
  return first.spans.length >= DOMINANT_FACTOR * Math.max(1, second.spans.length) ? first : undefined;
}

/** The only namesake named in the few sentences before `position`, if just one is. */
function soleNear(pool: readonly Draft[], position: number): Draft | undefined {
  const near = pool.filter((draft) => namedNear(draft, position));
  return near.length === 1 ? near[0] : undefined;
}

/** A draft found by name, unless its title says another sex than the candidate's title ("Mr." and "Mrs."). */
function compatible(draft: Draft | undefined, candidate: Candidate): Draft | undefined {
  if (!draft?.genderByTitle || !candidate.gender || candidate.genderByName) return draft;
  return draft.gender === candidate.gender ? draft : undefined;
}

/** Joins the names of one person: "John Kerry" into "John F. Kerry", a titled "President Biden" into "Joe Biden". */
function joinPeople(book: DraftBook): void {
  for (const draft of book.live()) {
    if (draft.kind !== 'person') continue;
    const first = draft.tokens[0]?.toLowerCase() ?? '';
    const last = draft.tokens.at(-1)?.toLowerCase() ?? '';
    const longer = book
      .holding(last)
      .find(
        (other) =>
          other !== draft &&
          !other.merged &&
          other.kind === 'person' &&
          other.tokens.length > draft.tokens.length &&
          other.tokens[0]?.toLowerCase() === first &&
          other.tokens.at(-1)?.toLowerCase() === last,
      );
    if (longer) book.merge(longer, draft);
  }
  for (const draft of book.live()) {
    if (draft.kind !== 'person' || draft.tokens.length !== 1) continue;
    const word = draft.tokens[0]?.toLowerCase() ?? '';
    const full = book
      .holding(word)
      .filter(
        (other) =>
          !other.merged &&
          other.kind === 'person' &&
          other.tokens.length > 1 &&
          other.tokens.at(-1)?.toLowerCase() === word,
      );
    if (full.length === 1 && full[0]) book.merge(full[0], draft);
  }
}

/**
 * The person a lone word names when it repeats the surname of one already named ("Tomas Bristol"
 * … "Bristol"), even where the word is also a city: a person's surname outranks the gazetteer.
 */
function surnameOf(book: DraftBook, candidate: Candidate): Draft | undefined {
  if (candidate.tokens.length !== 1 || candidate.kind !== 'place') return undefined;
  const lower = candidate.name.toLowerCase();
  if (COUNTRY_NAMES.has(lower) || PLACE_ALIASES.has(lower)) return undefined;
  const people = book
    .holding(lower)
    .filter(
      (draft) => !draft.merged && draft.kind === 'person' && draft.tokens.at(-1)?.toLowerCase() === lower,
    );
  return people.length === 1 ? people[0] : undefined;
}

/** The one person named before whose surname a lone title word is ("Lena Mae King" for "King"). */
function surnameTarget(book: DraftBook, lower: string): Draft | undefined {
  const people = book
    .holding(lower)
    .filter((draft) => draft.kind === 'person' && draft.tokens.at(-1)?.toLowerCase() === lower);
  return people.length === 1 ? people[0] : undefined;
}

function aliasTarget(book: DraftBook, candidate: Candidate, word: string, lower: string): Draft | null {
  const fixed = PLACE_ALIASES.get(lower);
  if (fixed) return book.named(fixed.toLowerCase()) ?? null;
  const holders = book.holding(lower).filter((draft) => !draft.merged);
  const matches = holders.filter(
    (draft) =>
      (draft.kind === 'person' &&
        (draft.tokens.at(-1)?.toLowerCase() === lower ||
          draft.tokens[0]?.toLowerCase() === lower ||
          draft.tokens.some((t) => t.toLowerCase() === lower && t.length > 2 && !/\.$/u.test(t)))) ||
      // "Mitt Romney" … "Romney": a two-word name of no known kind is read as a person's by its surname.
      (draft.kind === 'unknown' && draft.tokens.length === 2 && draft.tokens.at(-1)?.toLowerCase() === lower),
  );
  const byLast = matches.filter((draft) => draft.tokens.at(-1)?.toLowerCase() === lower);
  const named = byLast.length > 0 ? byLast : matches;
  // Piet and Ana Rusk: the "he" or "she" that picks the surname up tells which one it is.
  const pickedUpAs = named.length > 1 ? candidate.pickedUpAs() : null;
  const agreeing = named.filter((draft) => draft.gender === pickedUpAs);
  const pool =
    pickedUpAs !== null && agreeing.length > 0 && agreeing.length < named.length ? agreeing : named;
  if (pool.length > 0) {
    // Several people share the word (Hillary and Chelsea Clinton): the most recently named, then the most named.
    const position = candidate.sentence.index;
    let best: Draft | null = null;
    let bestScore = -1;
    for (const draft of pool) {
      const score = draft.spans.length + (namedNear(draft, position) ? 100 : 0);
      if (score > bestScore) {
        best = draft;
        bestScore = score;
      }
    }
    return best;
  }
  if (isAcronym(word)) {
    const bare = word.replaceAll('.', '');
    const found = book.abbreviated(bare);
    if (found) return found;
  }
  if (candidate.careful) {
    // "HARBOURSIDE" in a headline in capitals: the same name as the story writes it.
    const same = book.named(lower);
    if (same) return same;
  }
  return holders.find((draft) => draft.kind === 'organization' && draft.name.endsWith(` ${word}`)) ?? null;
}

/** Sentences before a lone word within which a namesake counts as just named. */
const RECENT_SENTENCES = 2;

/** Whether the narration named the draft in the few sentences up to `position`. */
function namedNear(draft: Draft, position: number): boolean {
  const from = position - RECENT_SENTENCES;
  if (draft.lastEcho >= from && draft.lastEcho <= position) return true;
  const list = draft.narrated;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] ?? 0) < from) low = middle + 1;
    else high = middle;
  }
  return low < list.length && (list[low] ?? Number.POSITIVE_INFINITY) <= position;
}

/** Two ascending lists as one. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] ?? 0) <= (b[j] ?? 0))) out.push(a[i++] ?? 0);
    else out.push(b[j++] ?? 0);
  }
  return out;
}

/** Adds a candidate to a draft; `echo` when it is a single word read in the second, in-order pass. */
function absorb(draft: Draft, candidate: Candidate, echo = false): void {
  const text = candidate.name;
  const shouted = candidate.careful && text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);
  if (text !== draft.name && !shouted) draft.aliases.add(text);
  if (candidate.titledForm && candidate.titledForm !== draft.name) draft.aliases.add(candidate.titledForm);
  for (const role of candidate.roles) addRole(draft.roles, role);
  if (candidate.gender && !candidate.genderByName && !draft.genderByTitle) {
    draft.gender = candidate.gender;
    draft.genderByTitle = true;
  } else if (candidate.gender && draft.gender === null) draft.gender = candidate.gender;
  if (draft.kind === null && candidate.kind) draft.kind = candidate.kind;
  addEvidence(draft.evidence, candidate.evidence);
  // A name inside someone's quote does not make it the narrator's latest referent.
  const at = candidate.sentence.index;
  if (!candidate.quoted && at >= 0) {
    if (echo) draft.lastEcho = Math.max(draft.lastEcho, at);
    else if (at >= (draft.narrated.at(-1) ?? -1)) draft.narrated.push(at);
  }
  const first = candidate.tokens[0];
  const last = candidate.tokens[candidate.tokens.length - 1];
  if (candidate.sentence.paragraph === 0) draft.headline = true;
  if (!first || !last || candidate.sentence.paragraph === 0) return;
  // Titled forms count as aliases too ("President Biden"), as the article writes them.
  draft.spans.push({
    sentence: candidate.sentence,
    start: candidate.sentence.start + first.start,
    end: candidate.sentence.start + last.end,
    text,
    quoted: candidate.quoted,
  });
}

function mergeInto(target: Draft, source: Draft): void {
  target.aliases.add(source.name);
  for (const alias of source.aliases) target.aliases.add(alias);
  for (const role of source.roles) addRole(target.roles, role);
  if (source.genderByTitle && !target.genderByTitle) {
    target.gender = source.gender;
    target.genderByTitle = true;
  } else if (target.gender === null) target.gender = source.gender;
  addEvidence(target.evidence, source.evidence);
  target.narrated = mergeSorted(target.narrated, source.narrated);
  target.lastEcho = Math.max(target.lastEcho, source.lastEcho);
  if (source.headline) target.headline = true;
  for (const span of source.spans) target.spans.push(span);
}

function buildCast(drafts: readonly Draft[]): Cast {
  const members: CastMember[] = [];
  const mentions: Mention[] = [];
  const used = new Set<string>();
  for (const draft of drafts) {
    if (draft.spans.every((span) => span.quoted) && !(draft.headline && draft.spans.length === 0)) continue;
    let id = slug(draft.name) || 'actor';
    while (used.has(id)) id = `${id}-2`;
    used.add(id);
    const own = draft.spans
      .map(
        (span): Mention => ({
          actorId: id,
          sentence: span.sentence.index,
          paragraph: span.sentence.paragraph,
          start: span.start,
          end: span.end,
          text: span.text,
          quoted: span.quoted,
        }),
      )
      .sort((a, b) => a.sentence - b.sentence || a.start - b.start);
    draft.aliases.delete(draft.name);
    members.push({
      id,
      name: draft.name,
      kind: draft.kind ?? 'unknown',
      aliases: [...draft.aliases],
      roles: draft.roles,
      gender: draft.gender,
      genderByTitle: draft.genderByTitle,
      mentions: own,
    });
    for (const mention of own) mentions.push(mention);
  }
  mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
  return { members, mentions, byId: new Map(members.map((member) => [member.id, member])) };
}

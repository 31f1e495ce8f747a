import type { Cast, CastMember, Mention } from './actors.ts';
import {
  HONORIFICS,
  INVERTABLE_VERBS,
  MODIFIED_NOUNS,
  NAME_ABBREVIATIONS,
  NAME_TITLES,
  NAMING_WORDS,
  NATIONALITIES,
  PRONOUNS,
  REPORTING_WORDS,
  ROLE_NOUNS,
  SOURCE_NOUNS,
  SPEECH_VERBS,
  STATEMENT_NOUNS,
  TIME_WORDS,
} from './lexicon.ts';
import { findQuoteSpans, type QuoteSpan } from './quote-spans.ts';
import type { Quote, Sentence } from './types.ts';

/** Who a cue points at: an actor of the cast or an unnamed, described source. */
interface Source {
  name: string;
  actorId: string | null;
  /** 'person' also covers described people ("a senior U.S. official"). */
  kind: 'person' | 'organization' | 'place' | 'group';
  gender: 'male' | 'female' | null;
  /** Head noun of a described source ("official"), for "the official" later on. */
  head: string | null;
}

/** A speech verb (or "according to") in the narration, with the source it names. */
interface Cue {
  paragraph: number;
  /** Offset of the verb in the paragraph. */
  at: number;
  end: number;
  source: Source | null;
  /** True when the verb's subject was left out ("… and agreed to"): it shares the clause's subject. */
  elided: boolean;
}

/** Something a pronoun or a definite description can point back to. */
interface Antecedent {
  paragraph: number;
  at: number;
  source: Source;
  /** Subjects and speakers are likelier antecedents than names in object position. */
  subject: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*\.?/gu;
const FILLER = new Set([
  'also',
  'later',
  'then',
  'has',
  'had',
  'have',
  'would',
  'will',
  'previously',
  'recently',
  'once',
  'repeatedly',
  'publicly',
  'privately',
  'again',
  'further',
  'simply',
  'flatly',
  'reportedly',
  'initially',
  'since',
  'just',
  'has since',
  'did',
  'does',
  'not',
  'never',
  'often',
  'frequently',
  'separately',
  'first',
  'last',
  'earlier',
  'told',
  'bluntly',
  'angrily',
  'quickly',
  'tersely',
  'succinctly',
  'wryly',
  'once',
  'is',
  'was',
  'are',
  'were',
  'been',
  'be',
  'now',
  'still',
  'openly',
  'then',
]);
/** True for a noun that can head a described source: "official", "statement", "spokesman". */
function isSourceNoun(lower: string): boolean {
  const noun = singular(lower);
  return (
    SOURCE_NOUNS.has(lower) ||
    SOURCE_NOUNS.has(noun) ||
    STATEMENT_NOUNS.has(lower) ||
    ROLE_NOUNS.has(lower) ||
    ROLE_NOUNS.has(noun)
  );
}

/** Nouns ending in "-ly" that are no adverb. */
const LY_NOUNS = new Set([
  'rally',
  'ally',
  'family',
  'assembly',
  'supply',
  'reply',
  'monopoly',
  'anomaly',
  'bully',
  'italy',
]);

/** An auxiliary or adverb that may stand between a source and its verb ("has also said", "forcefully told"). */
function isFiller(word: Word | undefined): boolean {
  if (!word) return false;
  if (FILLER.has(word.lower)) return true;
  return /^\p{Ll}{3,}ly$/u.test(word.text) && !LY_NOUNS.has(word.lower);
}

const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'another',
  'one',
  'some',
  'two',
  'three',
  'several',
  'many',
  'other',
  'his',
  'her',
  'their',
  'its',
  'this',
  'that',
  'these',
  'those',
  'my',
  'our',
  'your',
]);
const NP_BREAK = new Set([
  'and',
  'or',
  'but',
  'that',
  'which',
  'who',
  'when',
  'while',
  'if',
  'because',
  'as',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'of',
  'said',
  'says',
  'is',
  'was',
  'are',
  'were',
]);
const MASK = '\u2588';

function masked(text: string, spans: readonly QuoteSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.outerStart) + MASK.repeat(span.outerEnd - span.outerStart);
    at = span.outerEnd;
  }
  return out + text.slice(at);
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    if (word.endsWith('.') && !/^(?:\p{Lu}\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr)\.$/u.test(word))
      word = word.slice(0, -1);
    words.push({ text: word, lower: word.toLowerCase(), start: match.index, end: match.index + word.length });
  }
  return words;
}

function singular(noun: string): string {
  if (noun === 'people') return 'person';
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  if (noun.endsWith('s') && !noun.endsWith('ss')) return noun.slice(0, -1);
  return noun;
}

function fromMember(member: CastMember): Source {
  return {
    name: member.name,
    actorId: member.id,
    // An untyped name that is quoted is read as a person, as before actors could be `unknown`.
    kind: member.kind === 'unknown' ? 'person' : member.kind,
    gender: member.gender,
    head: null,
  };
}

/** The context one paragraph gives the attribution rules. */
interface ParagraphView {
  cast: Cast;
  paragraph: number;
  text: string;
  masked: string;
  words: Word[];
  mentions: Mention[];
  spans: QuoteSpan[];
  sentences: Sentence[];
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

/** The word that makes a role another office ("vice president", "deputy director"), or ''. */
function subordinate(phrase: string): string {
  return /\b(vice|deputy|assistant)\b/iu.exec(phrase)?.[1]?.toLowerCase() ?? '';
}

/** Resolves pronouns and definite descriptions against what came before. */
class Discourse {
  readonly history: Antecedent[] = [];
  /** Descriptions the text uses for an actor ("the GOP nominee"), by actor id. */
  readonly descriptions = new Map<string, string[]>();

  constructor(readonly cast: Cast) {}

  /** Adds an antecedent, keeping the history in text order (it is nearly sorted, so this is cheap). */
  add(antecedent: Antecedent): void {
    let i = this.history.length;
    while (i > 0) {
      const previous = this.history[i - 1];
      if (!previous || previous.paragraph < antecedent.paragraph) break;
      if (previous.paragraph === antecedent.paragraph && previous.at <= antecedent.at) break;
      i--;
    }
    this.history.splice(i, 0, antecedent);
  }

  /** Records that `description` ("the former secretary of state") names the actor `actorId`. */
  describe(actorId: string, description: string): void {
    const role = description.replace(/^(?:the|this|that)\s+/iu, '').trim();
    const known = this.descriptions.get(actorId) ?? [];
    if (role.length > 0 && !known.some((r) => r.toLowerCase() === role.toLowerCase())) known.push(role);
    this.descriptions.set(actorId, known);
  }

  /** The last person compatible with "he" or "she", preferring subjects and speakers. */
  person(gender: 'male' | 'female' | null, paragraph: number, at: number): Source | null {
    let fallback: Source | null = null;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i];
      if (!entry || entry.paragraph > paragraph || (entry.paragraph === paragraph && entry.at >= at))
        continue;
      if (paragraph - entry.paragraph > 6) break;
      const { source } = entry;
      if (source.kind !== 'person') continue;
      if (gender && source.gender && source.gender !== gender) continue;
      if (entry.subject) return source;
      fallback ??= source;
    }
    return fallback;
  }

  /** The paragraph where `source` last stood before `at`, or -1. */
  lastAt(source: Source, paragraph: number, at: number): number {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i];
      if (!entry || entry.paragraph > paragraph || (entry.paragraph === paragraph && entry.at >= at))
        continue;
      if (entry.source === source || (source.actorId && entry.source.actorId === source.actorId))
        return entry.paragraph;
    }
    return -1;
  }

  /** The last organisation or group, for "they" and "it". */
  group(paragraph: number, at: number): Source | null {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i];
      if (!entry || entry.paragraph > paragraph || (entry.paragraph === paragraph && entry.at >= at))
        continue;
      if (paragraph - entry.paragraph > 6) break;
      if (entry.source.kind === 'organization' || entry.source.kind === 'group') return entry.source;
    }
    return null;
  }

  /** The last source described with the same head noun ("the official" -> "a senior U.S. official"). */
  described(head: string, paragraph: number, at: number, description = ''): Source | null {
    const marks = capitalised(description);
    for (let i = this.history.length - 1; i >= 0; i--) {
      const entry = this.history[i];
      if (!entry || entry.paragraph > paragraph || (entry.paragraph === paragraph && entry.at >= at))
        continue;
      const { source } = entry;
      // "the Republican nominee" is not the actor whose role is "Democratic presidential nominee".
      const fits = (role: string) => {
        const own = capitalised(role);
        if (subordinate(role) !== subordinate(description)) return false;
        return marks.size === 0 || own.size === 0 || [...own].some((word) => marks.has(word));
      };
      if (source.head === head && fits(source.name)) return source;
      if (source.actorId) {
        const member = this.cast.byId.get(source.actorId);
        const roles = [...(member?.roles ?? []), ...(this.descriptions.get(source.actorId) ?? [])];
        if (roles.some((role) => role.toLowerCase().split(/\s+/u).includes(head) && fits(role)))
          return source;
        if (member?.aliases.some((alias) => alias.toLowerCase().startsWith(`${head} `))) return source;
      }
    }
    return null;
  }
}

const PREPOSITIONS = new Set([
  'with',
  'to',
  'by',
  'of',
  'for',
  'from',
  'about',
  'against',
  'on',
  'in',
  'at',
  'like',
  'than',
  'between',
  'among',
  'toward',
  'towards',
  'under',
  'over',
  'into',
  'onto',
  'via',
]);

/** True when a mention stands after a preposition or before a possessive "’s": not a clause's subject. */
function inObjectPosition(view: ParagraphView, mention: Mention): boolean {
  if (/^['’]s\b/u.test(view.text.slice(mention.end, mention.end + 3))) return true;
  const next = /^\s+(\p{Ll}+)/u.exec(view.masked.slice(mention.end, mention.end + 20))?.[1];
  if (next && MODIFIED_NOUNS.has(next)) return true;
  // "with radio host Rusty Bell": a preposition up to three words back, within the phrase.
  // An honorific's period ("of Mr. Trump") ends no phrase.
  const phrase = view.masked
    .slice(Math.max(0, mention.start - 40), mention.start)
    .replace(/\b(\p{L}+)\.\s*$/u, (abbreviation, word: string) =>
      /^\p{Lu}/u.test(word) && NAME_ABBREVIATIONS.has(word.toLowerCase()) ? '' : abbreviation,
    );
  const words = phrase.slice(Math.max(0, phrase.search(/[^.,;:!?\u2588]*$/u))).match(/\p{L}+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 4); i--) {
    const word = words[i]?.toLowerCase() ?? '';
    if (PREPOSITIONS.has(word)) return true;
    if (NP_BREAK.has(word) || SPEECH_VERBS.has(word)) return false;
  }
  return false;
}

/** Finds the mention that ends right before `end` (only blanks between), outside quotes. */
function mentionEndingAt(view: ParagraphView, end: number): Mention | null {
  for (let i = view.mentions.length - 1; i >= 0; i--) {
    const mention = view.mentions[i];
    if (!mention || mention.quoted) continue;
    if (mention.end > end) continue;
    const gap = view.text.slice(mention.end, end);
    // "Rep. Jason Chaffetz (R-Utah) said": a party-and-state tag may stand between.
    if (/^(?:['’]s)?\s*(?:\([^()]{1,30}\)\s*)?$/u.test(gap)) return mention;
    if (mention.end < end - 40) return null;
  }
  return null;
}

function mentionStartingAt(view: ParagraphView, start: number): Mention | null {
  for (const mention of view.mentions) {
    if (mention.quoted || mention.start < start) continue;
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
    // "said 9/11 widow Terry Strada", "according to conservative talk radio host Rush Limbaugh":
    // a role phrase whose head noun stands right before the name.
    const head = words[words.length - 1]?.toLowerCase() ?? '';
    if (
      words.length <= 6 &&
      (ROLE_NOUNS.has(head) || NAME_TITLES.has(head)) &&
      !/[,;:!?\u2588]/u.test(view.masked.slice(start, mention.start)) &&
      words.every((word) => !NP_BREAK.has(word.toLowerCase()) && !SPEECH_VERBS.has(word.toLowerCase()))
    )
      return mention;
    return null;
  }
  return null;
}

/** The quotes of an article and the descriptions ("the GOP nominee") its text uses for each actor. */
export interface Attributions {
  quotes: Quote[];
  /** Role descriptions by actor id, read where a definite description resolves to the actor. */
  descriptions: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads the attributions of quoted speech: each quote gets the speaker named by its cue
 * ("…,” X said / X said “…” / said X / according to X / X told Y that “…”), with pronouns and
 * definite descriptions ("the official") resolved to the last compatible source.
 */
export function extractQuotes(
  paragraphs: readonly string[],
  sentences: readonly Sentence[],
  cast: Cast,
  spans: readonly QuoteSpan[] = findQuoteSpans(paragraphs),
): Quote[] {
  return extractAttributions(paragraphs, sentences, cast, spans).quotes;
}

/** Like {@link extractQuotes}, and also returns the role descriptions resolved to each actor. */
export function extractAttributions(
  paragraphs: readonly string[],
  sentences: readonly Sentence[],
  cast: Cast,
  spans: readonly QuoteSpan[] = findQuoteSpans(paragraphs),
): Attributions {
  const discourse = new Discourse(cast);
  const views = paragraphs.map((text, index): ParagraphView => {
    const paragraph = index + 1;
    const own = spans.filter((span) => span.paragraph === paragraph);
    const mask = masked(text, own);
    return {
      cast,
      paragraph,
      text,
      masked: mask,
      words: wordsOf(mask),
      mentions: cast.mentions.filter((mention) => mention.paragraph === paragraph),
      spans: own,
      sentences: sentences.filter((sentence) => sentence.paragraph === paragraph),
    };
  });
  const quotes: Quote[] = [];
  let last: { paragraph: number; source: Source | null } | null = null;
  const cuesOf = new Map<number, Cue[]>();
  for (const view of views) {
    const subjectSeen = new Set<number>();
    for (const sentence of view.sentences) {
      // "She says Trump's tweets …": a sentence that opens with a pronoun has its subject already.
      const opening = /^[\s\u2588,]*(\p{L}+)/u.exec(view.masked.slice(sentence.start, sentence.start + 40));
      if (opening?.[1] && PRONOUNS.has(opening[1].toLowerCase())) subjectSeen.add(sentence.start);
    }
    for (const mention of view.mentions) {
      if (mention.quoted) continue;
      const member = cast.byId.get(mention.actorId);
      if (!member || member.kind === 'place') continue;
      const sentenceStart =
        view.sentences.find((s) => mention.start >= s.start && mention.start < s.end)?.start ?? 0;
      // The subject is the sentence's first name that is neither a preposition's object nor a possessor.
      const subject =
        !subjectSeen.has(sentenceStart) && !inObjectPosition(view, mention) && member.kind === 'person';
      if (subject) subjectSeen.add(sentenceStart);
      discourse.add({ paragraph: view.paragraph, at: mention.start, source: fromMember(member), subject });
    }
    describedSubjects(view, discourse);
    const cues = readCues(view, discourse);
    cuesOf.set(view.paragraph, cues);
    let previousInParagraph: Source | null | undefined;
    let previousQuoteAt = -1;
    for (const [spanIndex, span] of view.spans.entries()) {
      const inner = view.text.slice(span.start, span.end);
      // The sentence holding an offset, else the next one, else the last (sentences are in order).
      const sentenceOf = (offset: number) => {
        const holding = view.sentences[firstIndex(view.sentences, (s) => s.end > offset)];
        if (holding && holding.start <= offset) return holding;
        return (
          view.sentences[firstIndex(view.sentences, (s) => s.end >= offset)] ??
          view.sentences[view.sentences.length - 1]
        );
      };
      const first = sentenceOf(span.outerStart);
      const lastSentence = sentenceOf(Math.max(span.outerStart, span.outerEnd - 1));
      const windowStart = first ? Math.min(first.start, span.outerStart) : 0;
      const windowEnd = lastSentence ? Math.max(lastSentence.end, span.outerEnd) : view.text.length;
      // Whether only quotes and blanks stand between the sentence start and the quote, and the
      // words right before it.
      const opensSentence = blankBetween(view.masked, windowStart, span.outerStart);
      const lead = view.masked.slice(Math.max(windowStart, span.outerStart - 40), span.outerStart);
      // A quote cut short by this one's opening mark ("PENCE: … an episode of “Shark Tank.”") is
      // read as the narration around this one.
      const prior = view.spans[spanIndex - 1];
      const around = prior?.outerEnd === span.outerStart ? view.text : view.masked;
      const closeBefore = around.slice(Math.max(0, span.outerStart - 40), span.outerStart);
      // The sentence around the quote, bounded so that a paragraph-long "sentence" stays cheap.
      const narration =
        around.slice(Math.max(windowStart, span.outerStart - NARRATION_REACH), span.outerStart) +
        view.masked.slice(span.outerStart, Math.min(windowEnd, span.outerEnd + NARRATION_REACH));
      // A title in a sentence that reports words ("Trump called her “Miss Piggy”") is a quote.
      const title =
        isTitle(inner, blankBetween(around, windowStart, span.outerStart)) &&
        !namesIt(closeBefore, view.masked.slice(span.outerEnd, span.outerEnd + 20));
      if (title || isStageDirection(inner) || isNickname(view.text, span)) continue;
      let source = pickCue(view, cues, span, windowStart, windowEnd, opensSentence || /:\s*$/u.test(lead));
      // "so-called “pass through” income": a term, whoever coined it.
      if (/\bso-called\s+$/iu.test(closeBefore)) continue;
      if (source === undefined && isTerm(inner, narration, closeBefore)) continue;
      // "PENCE: Well, look…": a transcript's speaker label opens the quoted paragraph.
      if (source === undefined && span.outerStart <= 1) source = speakerLabel(view);
      if (source === undefined && span.outerStart === 0 && !span.continued) {
        // "He said:" closes the paragraph before; the quote opens this one.
        const previous = views[view.paragraph - 2];
        if (previous && /:\s*$/u.test(previous.text))
          source =
            [...(cuesOf.get(previous.paragraph) ?? [])].reverse().find((cue) => cue.source)?.source ??
            undefined;
      }
      if (source === undefined && first) source = subjectOf(view, first, discourse);
      if (source === undefined && !span.continued && first)
        source = earlierInParagraph(view, cues, first, previousQuoteAt, previousInParagraph, discourse);
      if (source === undefined && !span.continued && (!last || last.paragraph < view.paragraph)) {
        // "Smith said Tuesday." closes the paragraph before; this one is the quote.
        const previous = views[view.paragraph - 2];
        const lastCue = [...(cuesOf.get(view.paragraph - 1) ?? [])].reverse().find((cue) => cue.source);
        const lastQuote = previous?.spans[previous.spans.length - 1];
        if (lastCue?.source && (!lastQuote || lastCue.at > lastQuote.outerEnd)) source = lastCue.source;
      }
      if (source === undefined) {
        if (previousInParagraph !== undefined) source = previousInParagraph;
        else if (last && (span.continued || last.paragraph >= view.paragraph - 1)) source = last.source;
        else source = null;
      }
      previousInParagraph = source;
      previousQuoteAt = span.outerStart;
      last = { paragraph: view.paragraph, source };
      if (source) discourse.add({ paragraph: view.paragraph, at: span.outerStart, source, subject: true });
      const kind = quoteKind(
        inner,
        view.masked.slice(Math.max(0, span.outerStart - 80), span.outerStart),
        span,
      );
      quotes.push({
        text: inner,
        speaker: source?.name ?? null,
        actorId: source?.actorId ?? null,
        kind,
        paragraph: view.paragraph,
        sentence: first && lastSentence ? view.text.slice(first.start, lastSentence.end) : inner,
      });
    }
  }
  return { quotes, descriptions: discourse.descriptions };
}

/** Title words that modify the role after them ("vice president", "former senator"). */
const TITLE_MODIFIERS = new Set([
  'vice',
  'former',
  'acting',
  'deputy',
  'late',
  'senior',
  'chief',
  'assistant',
]);

const DESCRIPTION_OPENING = /^[\s\u2588]*(?:The|the)\s+((?:[\p{L}.-]+\s+){1,6})/u;

/**
 * "The GOP candidate did not …": a sentence that opens with a definite description of a role names
 * the person the story last made a subject, in news convention; the description becomes their role.
 */
function describedSubjects(view: ParagraphView, discourse: Discourse): void {
  for (const sentence of view.sentences) {
    const opening = DESCRIPTION_OPENING.exec(view.masked.slice(sentence.start, sentence.end));
    if (!opening) continue;
    const words = (opening[1] ?? '').trim().split(/\s+/u);
    // The head is the first role noun followed by a lower-case word other than "of" (the verb).
    const head = words.findIndex(
      (word, i) =>
        ROLE_NOUNS.has(word) &&
        singular(word) === word &&
        !TITLE_MODIFIERS.has(word) &&
        /^\p{Ll}/u.test(words[i + 1] ?? '') &&
        !ROLE_NOUNS.has(words[i + 1] ?? '') &&
        !NP_BREAK.has(words[i + 1] ?? ''),
    );
    const modifiers = words.slice(0, Math.max(0, head));
    const noun = words[head];
    if (head < 0 || !noun) continue;
    if (modifiers.some((word) => NP_BREAK.has(word.toLowerCase()) || DETERMINERS.has(word.toLowerCase())))
      continue;
    const at = sentence.start + opening[0].search(/\S/u);
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
    // this paragraph or the one before and the description names no other place or body.
    const bare =
      modifiers.length > 0 && modifiers.every((word) => !/^\p{Lu}/u.test(word) || capitalised(word).size > 0);
    const last = bare ? discourse.person(null, view.paragraph, at) : null;
    const near = last && discourse.lastAt(last, view.paragraph, at) >= view.paragraph - 1 ? last : null;
    const source = discourse.described(noun, view.paragraph, at, description) ?? near;
    if (!source?.actorId) continue;
    discourse.describe(source.actorId, description);
    discourse.add({ paragraph: view.paragraph, at, source, subject: true });
  }
}

/** The subject a sentence opens with (a name or a pronoun), who holds its quoted words ("Trump admires … as a “strong leader”"). */
function subjectOf(view: ParagraphView, sentence: Sentence, discourse: Discourse): Source | undefined {
  const opening = view.masked.slice(sentence.start, Math.min(sentence.end, sentence.start + 60));
  // "With Democratic leaders worried about Hillary Clinton, President Obama is …": a name inside an
  // introductory phrase is not the subject; the first name after its comma may be.
  const introEnd =
    /^[\s\u2588]*(?:With|On|In|At|After|Before|During|For|From|By|Amid|Despite|Since|As|Following)\b[^,.;:!?]*,/u.exec(
      view.masked.slice(sentence.start, Math.min(sentence.end, sentence.start + 200)),
    );
  const from = sentence.start + (introEnd?.[0].length ?? 0);
  const mention = view.mentions.find((m) => !m.quoted && m.start >= from && m.start < sentence.end);
  if (mention) {
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
    if ((before.length <= 3 && before.every(titleWord)) || rolePhrase) {
      const member = discourse.cast.byId.get(mention.actorId);
      if (member && member.kind !== 'place' && !/^['’]s/u.test(view.text.slice(mention.end)))
        return fromMember(member);
    }
  }
  const pronoun = PRONOUNS.get(
    /^(?:[\s\u2588]*\p{L}+,)?[\s\u2588]*(\p{L}+)/u.exec(opening)?.[1]?.toLowerCase() ?? '',
  );
  if (pronoun) return resolvePronoun(pronoun, view.paragraph, sentence.start, discourse) ?? undefined;
  return describedSubject(view, sentence, discourse) ?? undefined;
}

/** A described source that opens a sentence: "Small groups of protesters marched …", "The GOP nominee vowed …". */
function describedSubject(view: ParagraphView, sentence: Sentence, discourse: Discourse): Source | null {
  const { words } = view;
  let from = words.findIndex((word) => word.start >= sentence.start);
  if (from < 0 || (words[from]?.start ?? 0) >= sentence.end) return null;
  const first = words[from];
  if (first && /^(?:on|in|at|after|during|at|before|with|for|from|by)$/u.test(first.lower)) {
    // Step over an introductory phrase ending in a comma.
    const comma = view.masked.indexOf(',', first.start);
    if (comma < 0 || comma >= sentence.end) return null;
    from = words.findIndex((word) => word.start > comma);
    if (from < 0) return null;
  }
  for (let k = from; k < from + 6 && k < words.length; k++) {
    const word = words[k];
    if (!word || word.start >= sentence.end) return null;
    if (k > from && /[,.;:!?\u2588]/u.test(view.masked.slice(words[k - 1]?.end ?? word.start, word.start)))
      return null;
    const noun = singular(word.lower);
    if (/^\p{Lu}/u.test(word.text) && k > from && !DETERMINERS.has(words[k - 1]?.lower ?? '')) continue;
    if (SOURCE_NOUNS.has(word.lower) || SOURCE_NOUNS.has(noun) || ROLE_NOUNS.has(noun)) {
      // The head ends the phrase unless "of" continues it ("groups of protesters").
      return describedSource(view, words, k, discourse, from);
    }
    if (NP_BREAK.has(word.lower) || SPEECH_VERBS.has(word.lower) || FILLER.has(word.lower)) return null;
  }
  return null;
}

/**
 * For a quote whose own sentence names no speaker ("Schiff said. “…”"): whoever the paragraph last
 * gave words to before it — the source of its latest cue, the speaker of its latest quote, or the
 * subject of the sentence before — whichever stands nearest.
 */
function earlierInParagraph(
  view: ParagraphView,
  cues: readonly Cue[],
  sentence: Sentence,
  previousQuoteAt: number,
  previousSource: Source | null | undefined,
  discourse: Discourse,
): Source | null | undefined {
  let best: { at: number; source: Source | null } | null = null;
  if (previousSource !== undefined && previousQuoteAt >= 0)
    best = { at: previousQuoteAt, source: previousSource };
  for (const cue of cues) {
    if (cue.at >= sentence.start) break;
    if (!cue.source || (best && cue.at <= best.at)) continue;
    // "…,” Mr. Obama said at the gala, where Mrs. Clinton also spoke.": a cue in a trailing
    // subordinate clause is a side remark, not who goes on speaking.
    const opening = view.masked.slice(view.masked.lastIndexOf(',', cue.at - 1) + 1, cue.at).trimStart();
    if (best && /^(?:where|when|while|whereas|although|though)\b/iu.test(opening)) continue;
    best = { at: cue.at, source: cue.source };
  }
  const before = view.sentences[firstIndex(view.sentences, (s) => s.end > sentence.start) - 1];
  if (before && (!best || before.start > best.at)) {
    const subject = subjectOf(view, before, discourse);
    if (subject) best = { at: before.start, source: subject };
  }
  return best ? best.source : undefined;
}

/** "PENCE: Well, look…" — the speaker label of an interview transcript paragraph. */
function speakerLabel(view: ParagraphView): Source | undefined {
  const label = /^["“]?([\p{Lu}][\p{Lu}.' -]{1,30}):\s/u.exec(view.text);
  if (!label?.[1]) return undefined;
  const word = label[1].trim().toLowerCase();
  const mention = view.mentions.find((m) => m.start <= 1);
  if (mention)
    return { name: mention.text, actorId: mention.actorId, kind: 'person', gender: null, head: null };
  return {
    name: word.replace(/\b\p{L}/gu, (c) => c.toUpperCase()),
    actorId: null,
    kind: 'person',
    gender: null,
    head: null,
  };
}

/** How far around a quote the narration is read for words that report or judge it. */
const NARRATION_REACH = 300;

/**
 * A word or two in quote marks that the narration uses as a term ("the notorious “carried
 * interest” loophole", "a separate “liquidating trust”") rather than as anyone's words: short,
 * in a sentence that names no speaker and reports or judges nothing.
 */
function isTerm(inner: string, sentence: string, before: string): boolean {
  const words = inner.split(/\s+/u).filter((word) => /[\p{L}\d]/u.test(word));
  if (words.length === 0 || words.length > 4) return false;
  if (/[.!?]\s/u.test(inner) || (/^\p{Lu}/u.test(inner) && words.length > 1)) return false;
  // “Honestly.”: a capitalised word closed by its own full stop is a sentence someone said.
  if (/^\p{Lu}/u.test(inner) && /[.!?]$/u.test(inner)) return false;
  if (/\bas\s+(?:an?\s+|the\s+)?[\s\u2588]*$/iu.test(before)) return false;
  // "“trial lawyers trying to get rich” and general “legal matters”": one of a list of quotes.
  if (/\u2588[,\s]*(?:and|or)\s+(?:\p{L}+\s+){0,2}$/u.test(before)) return false;
  return !reportsWords(sentence);
}

/** True when a sentence's narration (quotes masked) has a verb or noun that reports or judges words. */
function reportsWords(sentence: string): boolean {
  const narration = sentence.replaceAll(MASK, ' ').match(/\p{L}+/gu) ?? [];
  // A capitalised word inside the sentence is a name ("The Post sent …").
  return narration.some((word, i) => {
    if (i > 0 && /^\p{Lu}/u.test(word)) return false;
    const lower = word.toLowerCase();
    return REPORTING_WORDS.has(lower) || SPEECH_VERBS.has(lower);
  });
}

/**
 * True when the words before a capitalised quote give it as someone's words or name for a thing
 * ("called her “Miss Piggy”", "hailed Trump as “The Comeback Kid”", "added the words, “Hillary
 * Clinton.”"), rather than naming a show or a book ("on “Face the Nation”").
 */
function namesIt(before: string, after: string): boolean {
  // "as “The Wall Street Journal” wrote": the title names who speaks.
  const next = /^[\s,]*(\p{L}+)/u.exec(after)?.[1]?.toLowerCase() ?? '';
  if (SPEECH_VERBS.has(next) || next === 'put') return false;
  const words =
    before
      .replaceAll(MASK, ' ')
      .toLowerCase()
      .match(/[\p{L}'’-]+/gu) ?? [];
  for (let i = words.length - 1; i >= Math.max(0, words.length - 5); i--) {
    const word = words[i] ?? '';
    // "added the words, “Hillary Clinton.”", but not "the music and words of “American Pie”".
    if (word === 'words') return i === words.length - 1;
    if (NAMING_WORDS.has(word)) return true;
    if (PREPOSITIONS.has(word) && word !== 'of') return false;
  }
  return false;
}

/** A nickname inside a name: Robert C. “Bobby” Scott. */
function isNickname(text: string, span: QuoteSpan): boolean {
  const inner = text.slice(span.start, span.end);
  if (!/^\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?$/u.test(inner)) return false;
  return (
    /\p{Lu}[\p{L}.]*\s+$/u.test(text.slice(Math.max(0, span.outerStart - 20), span.outerStart)) &&
    /^\s+\p{Lu}/u.test(text.slice(span.outerEnd, span.outerEnd + 3))
  );
}

/** A transcript's stage direction in quote marks ("(CROSSTALK.)", "[Applause]"): no one's words. */
function isStageDirection(inner: string): boolean {
  return /^(?:\([^()]*\)|\[[^[\]]*\])[.,]?$/u.test(inner);
}

/** A title or name in quote marks (“Shark Tank”, “Cold War”) rather than someone's words. */
function isTitle(inner: string, opensSentence: boolean): boolean {
  const bare = inner.replace(/[.,]$/u, '');
  const words = bare.split(/\s+/u).filter((word) => /\p{L}|\d/u.test(word));
  if (words.length === 0 || words.length > 6) return false;
  if (/[.!?,;:]/u.test(bare)) return false;
  // A capitalised phrase that opens a sentence may be speech ("Fear."); inside one it is a name.
  if (opensSentence) return false;
  const minor = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'to', 'for', 'at', 'by', 'with', 'or']);
  return words.every((word, i) => /^[\p{Lu}\d]/u.test(word) || (i > 0 && minor.has(word)));
}

function quoteKind(inner: string, lead: string, span: QuoteSpan): 'direct' | 'partial' {
  if (span.continued) return 'direct';
  const before = lead.trimEnd();
  const opensClause =
    before.length === 0 ||
    /[:,.!?]$/u.test(before) ||
    SPEECH_VERBS.has(before.split(/\s+/u).pop()?.toLowerCase() ?? '') ||
    /\bthat$/u.test(before);
  const startsUtterance = /^(?:[\p{Lu}\d]|\.\s?\.|…|\[)/u.test(inner);
  return opensClause && startsUtterance ? 'direct' : 'partial';
}

/** How far back {@link blankBetween} looks. */
const BLANK_REACH = 2000;

/**
 * True when only blanks and masked quotes stand in `text` from `from` up to `to`, read backwards
 * from `to` over at most a few thousand characters (a run of back-to-back quotes that long counts
 * as blank).
 */
function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= Math.max(from, to - BLANK_REACH); i--) {
    const char = text[i] ?? ' ';
    if (char !== MASK && !/\s/u.test(char)) return false;
  }
  return true;
}

/** Binary search: the first index whose item passes `test` (false before it, true from it on), or the length. */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item !== undefined && test(item)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Chooses the cue that attributes a quote, or undefined when its sentence names none. */
function pickCue(
  view: ParagraphView,
  cues: readonly Cue[],
  span: QuoteSpan,
  windowStart: number,
  windowEnd: number,
  startsSentence: boolean,
): Source | null | undefined {
  // Cues are in text order: the nearest one before the quote and the first one after it.
  const firstAfter = firstIndex(cues, (cue) => cue.at >= span.outerEnd);
  let nearestBefore: Cue | undefined;
  for (let i = firstAfter - 1; i >= 0; i--) {
    const cue = cues[i];
    if (!cue || cue.at < windowStart) break;
    if (cue.end > span.outerStart || !cue.source) continue;
    // "She says Trump’s tweets accusing X of … are “lies”": a participle inside the subject of a
    // clause whose own verb comes before the quote does not attribute it.
    const participle =
      /ing$/u.test(view.text.slice(cue.at, cue.end)) &&
      /\b(?:is|are|was|were)\b/u.test(view.masked.slice(cue.end, span.outerStart));
    if (participle) continue;
    nearestBefore = cue;
    break;
  }
  // After the quote: the first cue, as long as only quotes and blanks or a clause stand between.
  let after: Cue | undefined;
  for (let i = firstAfter; i < cues.length; i++) {
    const cue = cues[i];
    if (!cue || cue.at < span.outerEnd || !cue.source) continue;
    // Titles and initials ("state Del. Marcia Price", "Robert C. Scott") end no sentence.
    const between = view.masked
      .slice(span.outerEnd, cue.at)
      .replace(/\b(\p{L}+)\.(?=\s)/gu, (abbreviation, word: string) =>
        /^\p{Lu}$/u.test(word) || (/^\p{Lu}/u.test(word) && NAME_ABBREVIATIONS.has(word.toLowerCase()))
          ? ''
          : abbreviation,
      );
    if (cue.at <= windowEnd || !/[.!?]/u.test(between.replaceAll(MASK, ''))) after = cue;
    break;
  }

  // "“…” ― Carla Sanchez": a vox-pop or epigraph signed with a dash.
  const signed = /^[\s.]*[―—–]\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})/u.exec(
    view.text.slice(span.outerEnd, span.outerEnd + 120),
  );
  if (signed?.[1]) {
    const at = span.outerEnd + (signed[0].length - signed[1].length);
    const mention = view.mentions.find((m) => m.start === at);
    if (mention) {
      const member = view.cast.byId.get(mention.actorId);
      if (member) return fromMember(member);
    }
    return { name: signed[1].replace(/\.$/u, ''), actorId: null, kind: 'person', gender: null, head: null };
  }
  // "including the former candidate Mitt Romney -- “…” --": a name set off by a dash before the quote.
  const dash = /\s*(?:--|[—–])\s*$/u.exec(
    view.masked.slice(Math.max(0, span.outerStart - 12), span.outerStart),
  );
  const dashed = dash ? mentionEndingAt(view, span.outerStart - dash[0].length) : null;
  if (dashed && !inObjectPosition(view, dashed)) {
    const member = view.cast.byId.get(dashed.actorId);
    if (member?.kind === 'person') return fromMember(member);
  }
  if (startsSentence && after) return after.source;
  if (nearestBefore) return nearestBefore.source;
  if (after && after.at <= windowEnd) return after.source;
  if (after && startsSentence) return after.source;
  return undefined;
}

/** Finds the speech cues of a paragraph's narration and the source each one names. */
function readCues(view: ParagraphView, discourse: Discourse): Cue[] {
  const cues: Cue[] = [];
  const { words } = view;
  const sentenceSeen = new Set<number>();
  // The first attributed cue of a sentence names its main speaker; later ones sit in embedded clauses.
  const firstInSentence = (at: number): boolean => {
    const start = view.sentences.find((s) => at >= s.start && at < s.end)?.start ?? -1;
    if (sentenceSeen.has(start)) return false;
    sentenceSeen.add(start);
    return true;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    if (word.lower === 'according' && words[i + 1]?.lower === 'to') {
      const next = words[i + 2];
      if (!next) continue;
      const source = sourceAfter(view, words, i + 2, discourse);
      cues.push({ paragraph: view.paragraph, at: word.start, end: next.start, source, elided: false });
      if (source)
        discourse.add({
          paragraph: view.paragraph,
          at: word.start,
          source,
          subject: firstInSentence(word.start),
        });
      continue;
    }
    // "Trump’s claim that there have been “thousands of shootings”": the claim's owner speaks.
    if (STATEMENT_NOUNS.has(word.lower) && words[i + 1]?.lower === 'that') {
      const owner = /['’]s$/u.test(words[i - 1]?.text ?? '')
        ? mentionEndingAt(view, words[i - 1]?.end ?? 0)
        : null;
      const member = owner ? discourse.cast.byId.get(owner.actorId) : undefined;
      if (member && member.kind !== 'place') {
        const source = fromMember(member);
        cues.push({ paragraph: view.paragraph, at: word.start, end: word.end, source, elided: false });
        continue;
      }
    }
    // "as The New Yorker put it": "put it" reports someone's words.
    const putIt = word.lower === 'put' && words[i + 1]?.lower === 'it';
    if (!SPEECH_VERBS.has(word.lower) && !putIt) continue;
    // "The Post sent …", "Mr. Says": a capitalised word inside a sentence is a name, not a verb.
    if (/^\p{Lu}/u.test(word.text) && !view.sentences.some((s) => s.start === word.start)) continue;
    // "Obama's remarks", "the claims", "his calls": a noun, not a verb.
    const previousWord = words[i - 1];
    if (
      previousWord &&
      (DETERMINERS.has(previousWord.lower) || /['’]s$/u.test(previousWord.text)) &&
      !/[,\u2588]/u.test(view.masked.slice(previousWord.end, word.start))
    )
      continue;
    let source: Source | null;
    let elided = false;
    const participle =
      word.lower.endsWith('ing') &&
      /(?:,|\b(?:while|after|before|by|when|in))\s*$/u.test(
        view.masked.slice(Math.max(0, word.start - 12), word.start),
      );
    if (participle) {
      // "Clinton mocked the complaint, saying …": the clause's subject speaks.
      const sentence = view.sentences.find((s) => word.start >= s.start && word.start < s.end);
      const main = [...cues].reverse().find((cue) => cue.source && sentence && cue.at >= sentence.start);
      source = main?.source ?? (sentence ? (subjectOf(view, sentence, discourse) ?? null) : null);
      cues.push({ paragraph: view.paragraph, at: word.start, end: word.end, source, elided: true });
      continue;
    }
    source = sourceBefore(view, words, i, discourse);
    if (!source) {
      // The last few characters are all the patterns below look at.
      const prefix = view.masked.slice(Math.max(0, word.start - 40), word.start);
      const opensParagraph = word.start <= 40 && /^\s*$/u.test(prefix);
      if (INVERTABLE_VERBS.has(word.lower) && (opensParagraph || /[,\u2588]\s*$/u.test(prefix)))
        source = sourceAfter(view, words, i + 1, discourse);
      else if (/\b(?:and|but|then)\s+(?:\p{L}+ly\s+)?$/u.test(prefix)) {
        const shared = [...cues].reverse().find((cue) => cue.source);
        if (shared && view.masked.slice(shared.at, word.start).search(/[.!?]\s/u) < 0) {
          source = shared.source;
          elided = true;
        }
      }
    }
    cues.push({ paragraph: view.paragraph, at: word.start, end: word.end, source, elided });
    if (source)
      discourse.add({
        paragraph: view.paragraph,
        at: word.start,
        source,
        subject: firstInSentence(word.start),
      });
  }
  return cues;
}

/** The source standing before a speech verb: a name, a pronoun or a described source. */
function sourceBefore(
  view: ParagraphView,
  words: readonly Word[],
  verb: number,
  discourse: Discourse,
): Source | null {
  let k = verb - 1;
  // Skip adverbs and auxiliaries ("has also said").
  while (k >= 0 && isFiller(words[k])) k--;
  // "who in 2010 said", "Smith on Tuesday said": step over a time phrase.
  if (
    (/^\d{4}$/u.test(words[k]?.text ?? '') || TIME_WORDS.has(words[k]?.lower ?? '')) &&
    ['in', 'on', 'at', 'last'].includes(words[k - 1]?.lower ?? '')
  ) {
    k -= 2;
    while (k >= 0 && isFiller(words[k])) k--;
  }
  // "Rep. Gwen Moore (D-Wis.) said": step over the party-and-state tag.
  // "Mitch McConnell, R-Ky., said": the same tag written between commas.
  const tagEnd = (words[k]?.end ?? 0) + 2;
  const tagFrom = Math.max(0, tagEnd - 48);
  const tail = view.masked.slice(tagFrom, tagEnd);
  const tag = /\([^()]{1,30}\)\s*$/u.exec(tail) ?? /,\s*[RDI]-[\p{L}.]{2,6},?\s*$/u.exec(tail);
  if (tag) while (k >= 0 && (words[k]?.start ?? 0) >= tagFrom + tag.index) k--;
  const word = words[k];
  if (!word) return null;
  const between = view.masked.slice(word.end, words[verb]?.start ?? word.end).replace(/\([^()]{1,30}\)/u, '');
  if (/[\u2588.!?;:]/u.test(between)) return null;
  if (/,/u.test(between) || /\)\s*$/u.test(view.masked.slice(Math.max(0, word.end - 8), word.end + 1))) {
    // "Myron Brilliant, executive vice president of X, said" / "Smith, 45, said": the name stands
    // before one of the last few commas of the clause.
    // The sentence splitter knows initials and abbreviations ("Marc H. Morial", "Mr."); a semicolon
    // or colon also ends the clause.
    const sentence = view.sentences.find((s) => word.start >= s.start && word.start < s.end);
    const clauseStart = Math.max(
      view.masked.lastIndexOf(MASK, word.start),
      (sentence?.start ?? 0) - 1,
      view.masked.slice(0, word.start).search(/[;:]\s[^;:]*$/u),
    );
    // The clause opens with the name and an appositive follows it: "Scott Pruitt, the attorney
    // general of Oklahoma, one of the states suing the EPA, said".
    const verbAt = words[verb]?.start ?? word.end;
    for (const mention of view.mentions) {
      if (mention.quoted || mention.start <= clauseStart) continue;
      if (mention.start >= verbAt) break;
      const prefix = view.masked.slice(clauseStart + 1, mention.start);
      // An introductory phrase ("With 50 days to go,") may stand before the name.
      const lead = prefix.slice(prefix.lastIndexOf(',') + 1).trim();
      const leadWords = lead.split(/\s+/u).filter((w) => w.length > 0);
      const opens =
        leadWords.length <= 5 &&
        !/[,;:]/u.test(lead) &&
        leadWords.every((w) => /^\p{Lu}/u.test(w) || ROLE_NOUNS.has(w.toLowerCase()) || w === 'the');
      if (opens && /^\s*(?:\([^()]{1,30}\)\s*)?,/u.test(view.masked.slice(mention.end))) {
        const source = sourceOfMention(view, mention, discourse);
        if (source) return source;
        // "Even China, Pyongyang's only ally, said": a country with an appositive speaks for its government.
        const member = discourse.cast.byId.get(mention.actorId);
        if (member?.kind === 'place') return fromMember(member);
      }
      // "In a panel discussion in Washington, Marc H. Morial, the chief executive …, told": a name
      // inside an introductory phrase gives way to the one that opens the clause after it.
      if (opens) break;
    }
    let at = verbAt;
    for (let tries = 0; tries < 4; tries++) {
      const text = view.masked.slice(0, at).replace(/[,\s]+$/u, '');
      const mention = mentionEndingAt(view, text.length);
      if (mention && mention.end > clauseStart) return sourceOfMention(view, mention, discourse);
      const comma = view.masked.lastIndexOf(',', text.length - 1);
      if (comma < 0 || comma <= clauseStart) break;
      at = comma;
    }
    const pronoun = PRONOUNS.get(word.lower);
    if (pronoun) return resolvePronoun(pronoun, view.paragraph, word.start, discourse);
    return describedSource(view, words, k, discourse);
  }
  const mention = mentionEndingAt(view, word.end + (/^['’]s/u.test(view.text.slice(word.end)) ? 2 : 0));
  if (mention && mention.end >= word.start) {
    const source = sourceOfMention(view, mention, discourse);
    if (source) return source;
    // "Japan branded North Korea …", "Russia insisted …": a country that opens its clause speaks
    // through its government.
    const member = discourse.cast.byId.get(mention.actorId);
    const lead = view.masked.slice(Math.max(0, mention.start - 12), mention.start);
    const opensClause =
      lead.trim() === '' ? mention.start <= 12 : /(?:[.!?;:,\u2588]\s*|\b(?:Even|But|And)\s+)$/u.test(lead);
    if (member?.kind === 'place' && opensClause && mention.end === word.end) return fromMember(member);
    return null;
  }
  const pronoun = PRONOUNS.get(word.lower);
  if (pronoun) return resolvePronoun(pronoun, view.paragraph, word.start, discourse);
  if (word.lower === 'who') return relativeAntecedent(view, word.start, discourse);
  return describedSource(view, words, k, discourse) ?? unlistedName(view, words, k, k, 'before');
}

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
    while (from > 0 && from > last - 3 && capital(words[from - 1]) && joined(words[from - 1], words[from]))
      from--;
  } else {
    while (
      to < words.length - 1 &&
      to < first + 3 &&
      capital(words[to + 1]) &&
      joined(words[to], words[to + 1])
    )
      to++;
  }
  const phrase = words.slice(from, to + 1);
  if (phrase.length === 0 || !phrase.every(capital)) return null;
  if (
    phrase.some(
      (w) =>
        SOURCE_NOUNS.has(w.lower) ||
        ROLE_NOUNS.has(w.lower) ||
        PRONOUNS.has(w.lower) ||
        TIME_WORDS.has(w.lower) ||
        // "By cathartically writing …": a function word is no name; "The Hill" keeps its article.
        ((NP_BREAK.has(w.lower) || PREPOSITIONS.has(w.lower) || DETERMINERS.has(w.lower)) &&
          !(w === phrase[0] && w.lower === 'the' && phrase.length > 1)),
    )
  )
    return null;
  const start = phrase[0]?.start ?? 0;
  const end = phrase[phrase.length - 1]?.end ?? 0;
  // Only in the attribution slot: a quote (and a comma) on one side, the verb on the other.
  const slot =
    side === 'before'
      ? /(?:\u2588[\s,]*|\bas\s+)$/iu.test(view.masked.slice(0, start))
      : /^\s*[.,;]/u.test(view.masked.slice(end)) || end === view.masked.length;
  if (!slot) return null;
  const name = view.text.slice(start, end);
  return { name, actorId: null, kind: 'organization', gender: null, head: null };
}

/** "McConnell, now the Senate majority leader, who in 2010 said": the person the relative clause hangs on. */
function relativeAntecedent(view: ParagraphView, at: number, discourse: Discourse): Source | null {
  const sentence = view.sentences.find((s) => at >= s.start && at < s.end);
  const from = sentence?.start ?? 0;
  let found: Source | null = null;
  for (const mention of view.mentions) {
    if (mention.quoted || mention.start < from) continue;
    if (mention.end > at) break;
    const member = discourse.cast.byId.get(mention.actorId);
    if (member?.kind !== 'person') continue;
    // The name heads the relative clause or an appositive before it.
    const gap = view.masked.slice(mention.end, at);
    if (/^\s*$/u.test(gap) || /^\s*,/u.test(gap)) found = fromMember(member);
  }
  return found;
}

/** The source standing after an inverted verb or "according to": "said Myron Brilliant", "according to CCTV". */
function sourceAfter(
  view: ParagraphView,
  words: readonly Word[],
  from: number,
  discourse: Discourse,
): Source | null {
  const first = words[from];
  if (!first) return null;
  const mention = mentionStartingAt(view, first.start);
  if (mention) {
    // "a White House statement": the mention modifies a statement noun.
    return sourceOfMention(view, mention, discourse);
  }
  const pronoun = PRONOUNS.get(first.lower);
  if (pronoun) return resolvePronoun(pronoun, view.paragraph, first.start, discourse);
  // A described source: the noun phrase up to the first break, headed by its last source noun
  // ("according to a civil complaint filed by …" is the complaint).
  let k = from;
  let head = -1;
  while (k < words.length && k < from + 8) {
    const word = words[k];
    const next = words[k + 1];
    if (!word) break;
    if (NP_BREAK.has(word.lower) && k > from) break;
    if (isSourceNoun(word.lower)) head = k;
    const gap = next ? view.masked.slice(word.end, next.start) : '';
    if (!next || /[,.;:!?\u2588]/u.test(gap) || NP_BREAK.has(next.lower)) break;
    k++;
  }
  if (head >= 0 && !isSourceNoun(words[k]?.lower ?? '')) k = head;
  return describedSource(view, words, k, discourse, from) ?? unlistedName(view, words, from, from, 'after');
}

function sourceOfMention(view: ParagraphView, mention: Mention, discourse: Discourse): Source | null {
  const member = discourseMember(discourse, mention.actorId);
  if (!member) return null;
  // "a White House statement", "the CCTV report": the organisation speaks through its statement.
  const after = view.masked
    .slice(mention.end)
    .match(/^\s+([\p{L}-]+)/u)?.[1]
    ?.toLowerCase();
  if (after && SOURCE_NOUNS.has(after) && member.kind !== 'person') {
    // "a senior U.S. official", "Chinese officials": a source described with a place or organisation.
    return null;
  }
  if (member.kind === 'place' && !(after && STATEMENT_NOUNS.has(after))) return null;
  return fromMember(member);
}

function discourseMember(discourse: Discourse, id: string): CastMember | undefined {
  return discourse.cast.byId.get(id);
}

function resolvePronoun(
  pronoun: 'he' | 'she' | 'they' | 'it' | 'i',
  paragraph: number,
  at: number,
  discourse: Discourse,
): Source | null {
  if (pronoun === 'he') return discourse.person('male', paragraph, at);
  if (pronoun === 'she') return discourse.person('female', paragraph, at);
  if (pronoun === 'they' || pronoun === 'it') return discourse.group(paragraph, at);
  return null;
}

/**
 * Where a definite description joined by "and"/"of" starts before its head word `end` (the index
 * of the word after "the"), or -1 when the words before the head are no such phrase.
 */
function coordinatedStart(view: ParagraphView, words: readonly Word[], end: number, limit: number): number {
  let joined = false;
  for (let k = end; k > limit && k > end - 12; k--) {
    const previous = words[k - 1];
    const current = words[k];
    if (!previous || !current) return -1;
    if (/[,.;:!?\u2588()]/u.test(view.masked.slice(previous.end, current.start))) return -1;
    if (previous.lower === 'the') return joined ? k : -1;
    if (previous.lower === 'and') joined = true;
    else if (previous.lower !== 'of' && (NP_BREAK.has(previous.lower) || SPEECH_VERBS.has(previous.lower)))
      return -1;
    if (DETERMINERS.has(previous.lower) || /['’]s$/u.test(previous.text)) return -1;
  }
  return -1;
}

/** Reads a described source ending at word `end`: "a senior U.S. official", "a White House statement". */
function describedSource(
  view: ParagraphView,
  words: readonly Word[],
  end: number,
  discourse: Discourse,
  limit = 0,
): Source | null {
  const head = words[end];
  if (!head) return null;
  const headNoun = singular(head.lower);
  const isSource = SOURCE_NOUNS.has(head.lower) || SOURCE_NOUNS.has(headNoun);
  const isStatement = STATEMENT_NOUNS.has(head.lower);
  const isRole = ROLE_NOUNS.has(head.lower) || ROLE_NOUNS.has(headNoun);
  if (!isSource && !isStatement && !isRole) return null;
  let k = end;
  let determiner: Word | null = null;
  // "the former secretary of state and current Democratic presidential nominee": a definite
  // description whose roles are joined by "and" and "of".
  const coordinated = coordinatedStart(view, words, end, limit);
  if (coordinated > 0) {
    k = coordinated;
    determiner = words[k - 1] ?? null;
    k--;
  }
  while (!determiner && k > limit && k > end - 7) {
    const previous = words[k - 1];
    const current = words[k];
    if (!previous || !current) break;
    if (/[,.;:!?\u2588()]/u.test(view.masked.slice(previous.end, current.start))) break;
    if (DETERMINERS.has(previous.lower) || /['’]s$/u.test(previous.text)) {
      determiner = previous;
      k--;
      break;
    }
    if (NP_BREAK.has(previous.lower) || SPEECH_VERBS.has(previous.lower)) break;
    k--;
  }
  const start = words[k];
  if (!start) return null;
  const text = view.text.slice(start.start, head.end);
  const possessive = determiner && ['his', 'her', 'their', 'its'].includes(determiner.lower);
  const inner = view.mentions.filter((m) => !m.quoted && m.start >= start.start && m.end <= head.end);
  if (isStatement) {
    // The organisation or person whose statement it is.
    const owner = inner[inner.length - 1];
    const member = owner ? discourseMember(discourse, owner.actorId) : undefined;
    if (member) return fromMember(member);
    if (possessive && determiner) {
      const pronoun = determiner.lower === 'her' ? 'she' : determiner.lower === 'his' ? 'he' : 'they';
      return resolvePronoun(pronoun, view.paragraph, determiner.start, discourse);
    }
  }
  const definite = determiner && ['the', 'this', 'that', 'these', 'those'].includes(determiner.lower);
  if (definite) {
    const earlier = discourse.described(headNoun, view.paragraph, start.start, text);
    // "the former secretary of state said": the description is one more role of the actor.
    if (earlier?.actorId && isRole) discourse.describe(earlier.actorId, text);
    if (earlier) return earlier;
  }
  if (possessive && determiner && isSource) {
    // "his spokesman" is a source of its own, described.
  }
  if (isRole && !isSource && !isStatement && !determiner) return null;
  const plural = head.lower !== headNoun;
  // "the White House spokesman" reads in lower case; "Okafor’s family" keeps its name.
  const name =
    determiner && DETERMINERS.has(determiner.lower) ? text.replace(/^\p{Lu}/u, (c) => c.toLowerCase()) : text;
  return {
    name,
    actorId: null,
    kind:
      plural || ['government', 'administration', 'police', 'authorities'].includes(head.lower)
        ? 'group'
        : 'person',
    gender: null,
    head: headNoun,
  };
}

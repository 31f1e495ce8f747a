import data from './words.json' with { type: 'json' };

/** The word lists the attribution stages read, as loaded from `words.json` (lower-case words). */
export type AttributionWordLists = typeof data;

/** The raw lists, for the test that checks them for duplicates and malformed entries. */
export const ATTRIBUTION_WORD_LISTS: AttributionWordLists = data;

/** Auxiliaries and adverbs that may stand between a source and its verb ("has also said"). */
export const FILLERS: ReadonlySet<string> = new Set(data.fillers);
/** Nouns ending in "-ly" that are no adverb. */
export const LY_NOUNS: ReadonlySet<string> = new Set(data.lyNouns);

/** True for an auxiliary or adverb that may stand between a source and its verb ("has also said", "firmly told"). */
export function isFillerWord(text: string): boolean {
  const lower = text.toLowerCase();
  if (FILLERS.has(lower)) return true;
  return /^\p{Ll}{3,}ly$/u.test(text) && !LY_NOUNS.has(lower);
}

/** A party-and-state tag after a lawmaker's name, as a pattern to build on: "R-Texas", "D-Calif.", "I-Vt.". */
export const PARTY_TAG = '[RDI]-[\\p{L}.]{2,6}';

/** Words that open a noun phrase ("a", "the", "his"). */
export const DETERMINERS: ReadonlySet<string> = new Set(data.determiners);
/** Words that end a noun phrase read backwards or forwards (conjunctions, prepositions, "said"). */
export const PHRASE_BREAKS: ReadonlySet<string> = new Set(data.phraseBreaks);
/** Adverbial particles of phrasal verbs: "her" before one is an object ("backed her up"). */
export const PARTICLES: ReadonlySet<string> = new Set(data.particles);
/** Prepositions: a name after one is an object, not a subject. */
export const PREPOSITIONS: ReadonlySet<string> = new Set(data.prepositions);
/** Title words that modify the role after them ("vice president", "former senator"). */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set(data.titleModifiers);
/** Lower-case words a capitalised title may hold ("Orange is the New Black" aside, "Face the Nation"). */
export const TITLE_MINOR_WORDS: ReadonlySet<string> = new Set(data.titleMinorWords);
/**
 * Nouns that head a described source beyond the shared lexicon's source nouns ("a man yelled",
 * "his office said", "the newspaper reported"), in the singular.
 */
export const SPEAKER_NOUNS: ReadonlySet<string> = new Set(data.speakerNouns);
/** Head nouns of a described source that is a body rather than one person ("the police"). */
export const GROUP_HEADS: ReadonlySet<string> = new Set(data.groupHeads);
/** Nouns of works and the participles that bring in their titles: "the film “…”", "a column titled “…”". */
export const TITLE_CUES: ReadonlySet<string> = new Set(data.titleCues);
/** Forms of "be": a participle after one is passive ("were told"). */
export const BE_FORMS: ReadonlySet<string> = new Set(data.beForms);
/** Quantity words that stand alone as a clause's subject for a group of people: "several said", "most agreed". */
export const GROUP_PRONOUNS: ReadonlySet<string> = new Set(data.groupPronouns);
/** Determiners that can stand alone as a noun phrase: "the two said", "many said", "some argue". */
export const QUANTITIES: ReadonlySet<string> = new Set(data.quantities);
/**
 * Adjectives and participles that open what follows an anonymous source's noun, before a
 * preposition: "an aide familiar with the bill", "a Republican involved in the budget fight".
 */
export const SOURCE_MODIFIERS: ReadonlySet<string> = new Set(data.sourceModifiers);
/**
 * Verbs that lead into the speech verb that follows with "to" or "on to", sharing its subject: "the
 * letter goes on to say", "he continued to insist".
 */
export const LEAD_VERBS: ReadonlySet<string> = new Set(data.leadVerbs);
/** Adverbs that may open a sentence before its subject with a comma: "Instead, the senator …". */
export const LINK_ADVERBS: ReadonlySet<string> = new Set(data.linkAdverbs);
/** Conjunctions that open a sentence to link it to the one before ("And …", "But …"). */
export const LINKING_CONJUNCTIONS: readonly string[] = data.linkingConjunctions;
/**
 * Words that open a phrase or clause before a sentence's subject, up to its comma: prepositions
 * ("Like the mayor, …", "Under the plan, …") and subordinating conjunctions ("When …, ", "Although …,").
 */
export const INTRODUCTION_OPENERS: readonly string[] = data.introductionOpeners;
/** The subordinating conjunctions among them: the clause one opens has a subject of its own ("When Ruiz spoke, …"). */
export const SUBORDINATORS: readonly string[] = data.subordinators;
/**
 * Words that may stand between a verb's object and the quoted words that describe it: "called the
 * plan “…”", "described her as a “…”", "accused the board of being “…”".
 */
export const COMPLEMENT_LINKS: ReadonlySet<string> = new Set(data.complementLinks);

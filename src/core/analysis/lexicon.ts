/**
 * The English word lists of the analysis: titles, role nouns, speech verbs, organisation and place
 * words, first names and a gazetteer. The lists are data (`data/en/*.json`, versioned with
 * ANALYSIS_VERSION), loaded once here as Sets of lower-cased words so every lookup is O(1).
 */
import firstNames from './data/en/first-names.json' with { type: 'json' };
import gazetteer from './data/en/gazetteer.json' with { type: 'json' };
import givenNames from './data/en/given-names.json' with { type: 'json' };
import identity from './data/en/identity.json' with { type: 'json' };
import names from './data/en/names.json' with { type: 'json' };
import organizations from './data/en/organizations.json' with { type: 'json' };
import places from './data/en/places.json' with { type: 'json' };
import speech from './data/en/speech.json' with { type: 'json' };
import wordData from './data/en/words.json' with { type: 'json' };

function set(...lists: readonly (readonly string[])[]): ReadonlySet<string> {
  return new Set(lists.flat().map((word) => word.toLowerCase()));
}

/** Honorifics and titles that stand before a name and are not part of it ("Sen.", "President"). */
export const NAME_TITLES = set(names.titles);

/** Head nouns of a role phrase ("spokesman", "ambassador"): what makes a phrase say who someone is. */
export const ROLE_NOUNS = set(names.roleNouns);

/** The role nouns an abbreviated title stands for ("sen" → "senator"): "the senator" is Sen. Ruiz. */
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(names.titleAbbreviations),
);

/** Lower-case words that time a title before a name ("former UN Ambassador Ruth Okafor"): part of the role. */
export const ROLE_MODIFIERS = set(names.roleModifiers);

/** What an office's "of" names ("Secretary of Defense", "minister of finance"): part of the title, no actor. */
export const PORTFOLIOS = set(names.portfolios);

/** Descriptive words news copy sets before a name ("Rival Hillary Clinton"). */
export const DESCRIPTORS = set(names.descriptors);

/** Titles an honorific addresses ("Mr. President", "Madam Secretary"): not surnames. */
export const ADDRESS_TITLES = set(names.addressTitles);

/** Verbs (in any tense) that introduce speech or writing. */
export const SPEECH_VERBS = set(speech.speechVerbs);

/** Speech verbs that put the speaker after them in the inverted "said X" order. */
export const INVERTABLE_VERBS = set(speech.invertableVerbs);

/** Two-word speech verbs, verb and particle ("pointed out", "shot back"), lower-cased. */
export const PHRASAL_VERBS = set(speech.phrasalVerbs);

/** Verbs that report speech only in the attribution slot beside a quote ("“…?” Lee pressed."). */
export const SLOT_VERBS = set(speech.slotVerbs);

/** Nouns of written or broadcast speech whose speaker is the organisation or person modifying them. */
export const STATEMENT_NOUNS = set(speech.statementNouns);

/** Nouns of unnamed sources ("a senior U.S. official", "sources familiar with the matter"). */
export const SOURCE_NOUNS = set(speech.sourceNouns);

/** Words that head an organisation's name ("White House", "Chamber of Commerce"). */
export const ORG_WORDS = set(organizations.orgWords);

/** Acronyms of organisations that read like names. */
export const ORG_ACRONYMS = set(organizations.orgAcronyms);

/** One-word institutions and companies ("Pentagon", "Google"). */
export const SINGLE_WORD_ORGS = set(organizations.singleWordOrgs);

const isMultiword = (name: string) => name.includes(' ');
const gazetteerNames = [...gazetteer.countries, ...gazetteer.states, ...gazetteer.cities, ...places.regions];

/** Countries (common and long names), lower-cased: the strongest place evidence. */
export const COUNTRY_NAMES = set(gazetteer.countries);

/** One-word countries, US states, cities and regions, lower-cased. */
export const PLACE_NAMES = set(gazetteerNames.filter((name) => !isMultiword(name)));

/** Multi-word place names, lower-cased ("new york", "south china sea"). */
export const MULTIWORD_PLACES = set(
  gazetteerNames.filter(isMultiword),
  places.multiwordPlaces,
  Object.keys(places.placeAliases).filter(isMultiword),
);

/** Words of geography that make a capitalised chunk a place ("South China Sea"). */
export const PLACE_WORDS = set(places.placeWords);

/** Aliases of well-known countries, lower-cased, to their canonical name. */
export const PLACE_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries(places.placeAliases));

/** Nationality adjectives (demonyms) of every country, lower-cased. */
export const DEMONYMS = set(gazetteer.demonyms);

/** Nationalities, faiths, parties and directions: capitalised, but attributes, never actors ("Chinese officials"). */
export const NATIONALITIES = set(gazetteer.demonyms, wordData.affiliations);

/** Last words of an event's name ("World Cup", "U.S. Open"): events are not actors. */
export const EVENT_WORDS = set(wordData.eventWords);

/**
 * Capitalised words that are not names: calendar words, function words, common sentence starts,
 * and the interjections, sentence adverbs and auxiliaries that open a sentence before a name
 * ("Thanks Dana, …", "Privately, …", "Was Okafor right?").
 */
export const NOT_NAME_WORDS = set(
  wordData.notNameWords,
  wordData.interjections,
  wordData.sentenceAdverbs,
  wordData.auxiliaries,
);

/** Subject pronouns that can stand for a speaker, with what they can refer to. */
export const PRONOUNS: ReadonlyMap<string, 'he' | 'she' | 'they' | 'it' | 'i'> = new Map([
  ['he', 'he'],
  ['she', 'she'],
  ['they', 'they'],
  ['it', 'it'],
  ['i', 'i'],
  ['we', 'they'],
]);

const NOT_FIRST_NAMES = set(firstNames.notFirstNames, [...NOT_NAME_WORDS], names.titles);
/** The generated given names, less particles, capitalised common words, titles and countries. */
function given(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.filter((name) => !NOT_FIRST_NAMES.has(name) && !COUNTRY_NAMES.has(name)));
}

/** Given names borne mostly by men (generated from general name lists: given-names.json). */
export const MALE_FIRST_NAMES = given(givenNames.male);

/** Given names borne mostly by women. */
export const FEMALE_FIRST_NAMES = given(givenNames.female);

/** Given names borne by men and women alike: a person's name that tells no gender. */
export const EITHER_FIRST_NAMES = given(givenNames.either);

/**
 * Men's or women's names that some list records for the other sex too ("Lindsey", "Kim"): a he or
 * she that picks the name up outweighs the sex the name tells.
 */
export const MIXED_SEX_FIRST_NAMES = given(givenNames.mixed);

/** Honorifics that stand before a name ("Mr. Trump", "Dame Ines Ferrante"): part of how it is addressed, not a role. */
export const HONORIFICS = set(names.honorifics);

/** Abbreviated titles and suffixes whose full stop ends no sentence or phrase ("state Del. Alma Ortiz", "Jr."). */
export const NAME_ABBREVIATIONS = set(names.nameAbbreviations);

/** A list of base words with their inflections ("rate": rates, rated, rating). */
function inflected(list: readonly string[]): ReadonlySet<string> {
  const forms = new Set<string>();
  for (const base of list) {
    const stem = base.endsWith('e') ? base.slice(0, -1) : base;
    const last = base[base.length - 1] ?? '';
    forms.add(base).add(`${base}s`).add(`${base}es`).add(`${stem}ed`).add(`${stem}ing`);
    if (base.endsWith('y')) forms.add(`${base.slice(0, -1)}ies`).add(`${base.slice(0, -1)}ied`);
    // "admit": admitted, admitting.
    if (/[^aeiou][aeiou][bdgklmnprt]$/u.test(base)) forms.add(`${base}${last}ed`).add(`${base}${last}ing`);
  }
  return forms;
}

/** Verbs and nouns that report or judge what someone said or thinks, beyond the speech verbs. */
export const REPORTING_WORDS: ReadonlySet<string> = new Set([
  ...inflected(speech.reportingBases),
  ...speech.reportingForms,
]);

/** Words that give a capitalised phrase in quote marks as someone's words or name for a thing. */
export const NAMING_WORDS = set(speech.namingWords);

/** Nouns a name modifies ("the Clinton campaign", "Trump supporters"): the name is then no subject. */
export const MODIFIED_NOUNS = set(speech.modifiedNouns);

/** Months that are also given names ("Jan Okafor", "April Vance"): a name's first word before a surname. */
export const CALENDAR_GIVEN_NAMES = set(wordData.calendarGivenNames);

/** Words before a month that make it a date ("in June", "since April"), never a given name. */
export const DATE_LEADS = set(wordData.dateLeads);

/** Days and months: when something was said, never who said it. */
export const TIME_WORDS = set(wordData.timeWords);

/** English function words other languages rarely write ("the", "which", "said"): English at a glance. */
export const ENGLISH_FUNCTION_WORDS = set(wordData.functionWords);

/** Meridiems and time zones that follow a clock time ("10 AM ET", "9:30 p.m. GMT"). */
export const CLOCK_WORDS = set(wordData.clockWords);

/** Honorifics (as name keys: "mr") that say a man; see `data/en/identity.json`. */
export const MALE_HONORIFICS = set(identity.maleHonorifics);

/** Honorifics (as name keys: "mrs", "ms", "miss") that say a woman. */
export const FEMALE_HONORIFICS = set(identity.femaleHonorifics);

/** Words that end a person's name without being the surname ("Jr."), as name keys. */
export const NAME_SUFFIXES = set(identity.nameSuffixes);

/** Prepositions a role may hold ("ambassador to Washington"); any other marks a fragment ("edge over"). */
export const ROLE_PREPOSITIONS = set(identity.rolePrepositions);

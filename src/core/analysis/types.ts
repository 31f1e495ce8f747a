/** One sentence of an article body, with where it stands. */
export interface Sentence {
  /** 0-based position over the whole article. */
  index: number;
  /** 1-based paragraph over the cleaned body. */
  paragraph: number;
  /** The sentence, verbatim (trimmed). */
  text: string;
  /** Character offsets of `text` inside its paragraph string. */
  start: number;
  end: number;
}

/** A verbatim sentence with the paragraph it came from: the unit of everything we post. */
export interface GroundedLine {
  text: string;
  paragraph: number;
}

/** What kind of thing an actor is; `unknown` when the text gives no evidence of its kind. */
export type ActorKind = 'person' | 'organization' | 'place' | 'group' | 'unknown';

/** A person, organisation or place of a story, however it is named in the text. */
export interface Actor {
  id: string;
  /** Canonical full name ("Xi Jinping"). */
  name: string;
  kind: ActorKind;
  /** Other names the article uses for this actor ("Xi", "President Xi"). */
  aliases: string[];
  /** Titles and appositives ("President of China", "Chinese Foreign Ministry spokesman"). */
  roles: string[];
  mentions: number;
  quotes: number;
  /** Sentences that say who the actor is, what they said or did, in reading order. */
  background: GroundedLine[];
}

/** Whether a quote is a whole utterance or a few words quoted inside reported speech. */
export type QuoteKind = 'direct' | 'partial';

/** A verbatim quoted span with its speaker. */
export interface Quote {
  /** The words inside the quote marks, marks removed, verbatim. */
  text: string;
  /** Canonical actor name or a descriptive source ("a senior U.S. official"), or null. */
  speaker: string | null;
  actorId: string | null;
  kind: QuoteKind;
  paragraph: number;
  /** The whole sentence the quote stands in. */
  sentence: string;
}

/** The article header of an analysis (the `article` key of the analyze contract). */
export interface AnalyzedArticle {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  byline: string[];
  wordCount: number;
  /** ISO 639-1 code of the article's language ("en"); older stored analyses may lack it. */
  language?: string;
}

/** The result of analysing one article: the JSON contract of `newsdesk analyze`. */
export interface Analysis {
  article: AnalyzedArticle;
  /** Summary sentences, in article order. */
  summary: GroundedLine[];
  /** Every quote, in article order. */
  quotes: Quote[];
  /** Actors, most central first. */
  actors: Actor[];
}

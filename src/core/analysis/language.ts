/**
 * Language: which language an article is written in (ISO 639-1). English, most of what newsdesk
 * reads, is told at a glance by its function words; anything else goes to tinyld (62 languages),
 * whose answer counts only when it is sure. Why tinyld and not eld or franc-min: see README,
 * "Language".
 */
import { detectAll } from 'tinyld';
import { ENGLISH_FUNCTION_WORDS } from './lexicon.ts';

/**
 * Characters of the article read for detection: a headline and a paragraph or two, on which the
 * detector is already right, and bounded because its cost grows with the sample.
 */
const SAMPLE_CHARS = 600;

/** Share of words that are English function words above which a text is English (prose: 0.2-0.4; other languages: 0). */
const ENGLISH_SHARE = 0.12;

/** tinyld's confidence below which its answer is a guess (it misreads English results tables at 0.1-0.7; it reads real paragraphs at 1.0). */
const MIN_CONFIDENCE = 0.9;

/** The language assumed when the text is too short or too mixed to tell. */
export const DEFAULT_LANGUAGE = 'en';

/** The share of a text's words that are English function words. */
function englishShare(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return 0;
  let english = 0;
  for (const word of words) if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
  return english / words.length;
}

/** The ISO 639-1 code of the language of a title and body, or DEFAULT_LANGUAGE when it cannot be told. */
export function detectLanguage(title: string, paragraphs: readonly string[]): string {
  let sample = title;
  for (const paragraph of paragraphs) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `\n${paragraph.slice(0, SAMPLE_CHARS)}`;
  }
  sample = sample.slice(0, SAMPLE_CHARS);
  if (englishShare(sample) >= ENGLISH_SHARE) return 'en';
  const best = detectAll(sample)[0];
  if (!best || best.accuracy < MIN_CONFIDENCE || !/^[a-z]{2}$/u.test(best.lang)) return DEFAULT_LANGUAGE;
  return best.lang;
}

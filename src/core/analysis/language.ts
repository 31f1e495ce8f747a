/**
 * Language: which language an article is written in (ISO 639-1), detected with eld (the
 * "small" n-gram database), the fastest of the three detectors measured and as accurate on
 * paragraphs and headlines (see README, "Language").
 */
import { eld } from 'eld/small';

/**
 * Characters of the article read for detection: eld is already right on single paragraphs
 * (about 300 characters), and its cost grows with the sample, so a few paragraphs suffice.
 */
const SAMPLE_CHARS = 1000;

/** The language assumed when the text is too short or too mixed to tell. */
export const DEFAULT_LANGUAGE = 'en';

/** The ISO 639-1 code of the language of a title and body, or DEFAULT_LANGUAGE when it cannot be told. */
export function detectLanguage(title: string, paragraphs: readonly string[]): string {
  let sample = title;
  for (const paragraph of paragraphs) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `\n${paragraph.slice(0, SAMPLE_CHARS)}`;
  }
  const found = eld.detect(sample.slice(0, SAMPLE_CHARS));
  return /^[a-z]{2}$/u.test(found.language) ? found.language : DEFAULT_LANGUAGE;
}

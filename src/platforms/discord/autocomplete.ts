/**
 * Autocomplete for slash-command options: actors and articles from the store, time zones from the
 * runtime; at most 25 choices, each name and value within Discord's 100 characters.
 */
import type { ArticleStore } from '../../core/ports.ts';
import type { DiscordOptionName } from './commands.ts';

/** Discord's limits on an autocomplete answer. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, text: 100 } as const;

/** One suggestion Discord shows under the option. */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

/** The lookups autocomplete reads (the store implements them). */
export type AutocompleteSource = Pick<ArticleStore, 'listActorNames' | 'listArticles'>;

function clip(text: string): string {
  return text.length <= AUTOCOMPLETE_LIMITS.text ? text : `${text.slice(0, AUTOCOMPLETE_LIMITS.text - 1)}…`;
}

function articleDate(iso: string | null): string {
  return iso === null ? '' : ` (${iso.slice(0, 10)})`;
}

let timeZones: readonly string[] | undefined;

/** Time zones that contain what was typed, those starting with it first. */
function timeZoneChoices(typed: string): AutocompleteChoice[] {
  timeZones ??= Intl.supportedValuesOf('timeZone');
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of timeZones) {
    const lower = zone.toLowerCase();
    if (lower.startsWith(wanted)) starts.push(zone);
    else if (lower.includes(wanted)) contains.push(zone);
  }
  return [...starts, ...contains]
    .slice(0, AUTOCOMPLETE_LIMITS.choices)
    .map((zone) => ({ name: zone, value: zone }));
}

/**
 * The choices for the focused option given what the user typed so far: actors as the commands would
 * find them (`suggestActors`: the forgiving lookup, then names starting with it; without it, names
 * starting with it, most covered first), articles whose title holds its words (newest first), or
 * time zones.
 */
export async function autocompleteChoices(
  option: DiscordOptionName,
  typed: string,
  source: AutocompleteSource,
  suggestActors?: (typed: string, limit: number) => Promise<string[]>,
): Promise<AutocompleteChoice[]> {
  const limit = AUTOCOMPLETE_LIMITS.choices;
  switch (option) {
    case 'actor': {
      const names = suggestActors
        ? await suggestActors(typed, limit)
        : (await source.listActorNames(typed.trim(), limit)).map((actor) => actor.name);
      return names.slice(0, limit).map((name) => ({ name: clip(name), value: clip(name) }));
    }
    case 'article': {
      const words = typed.trim();
      const listings = await source.listArticles(words === '' ? { limit } : { limit, titleWords: words });
      return listings.slice(0, limit).map((article) => ({
        name: clip(`${article.title}${articleDate(article.publishedAt)}`),
        // An id fits the 100-character value and names the article exactly; a long one falls back to the title.
        value: article.id.length <= AUTOCOMPLETE_LIMITS.text ? article.id : clip(article.title),
      }));
    }
    case 'timezone':
      return timeZoneChoices(typed);
    default:
      return [];
  }
}

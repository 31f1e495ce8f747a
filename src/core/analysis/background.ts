import type { Cast, CastMember } from './actors.ts';
import type { Actor, GroundedLine, Quote, Sentence } from './types.ts';

/** How many background sentences an actor gets at most. */
export const BACKGROUND_LINES = 5;

const KIND_WEIGHT = { person: 1, organization: 0.8, group: 0.6, place: 0.4, unknown: 0.3 } as const;

/** Ranks an actor: mentions, quotes (who speaks matters most) and how early the story names them. */
function centrality(member: CastMember, quotes: number, sentences: number): number {
  const first = member.mentions[0]?.sentence ?? sentences;
  const early = sentences > 0 ? 1 - first / sentences : 0;
  return (member.mentions.length + quotes) * KIND_WEIGHT[member.kind] + 2 * early;
}

/** The background of one actor: who they are, what they said and did, in reading order. */
function backgroundOf(
  member: CastMember,
  quotes: readonly Quote[],
  sentences: readonly Sentence[],
): GroundedLine[] {
  const byIndex = new Map(sentences.map((sentence) => [sentence.index, sentence]));
  const scores = new Map<number, number>();
  const bump = (index: number, by: number) => scores.set(index, (scores.get(index) ?? 0) + by);
  const roleWords = member.roles.map((role) => role.toLowerCase());
  member.mentions.forEach((mention, i) => {
    if (mention.quoted) return;
    const sentence = byIndex.get(mention.sentence);
    if (!sentence) return;
    bump(mention.sentence, 1);
    // The sentence that introduces the actor usually says who they are.
    if (i === 0) bump(mention.sentence, 3);
    if (roleWords.some((role) => sentence.text.toLowerCase().includes(role))) bump(mention.sentence, 2);
    // Named first in the sentence: the actor is its subject, what they did.
    if (mention.start - sentence.start < 40) bump(mention.sentence, 1);
  });
  for (const quote of quotes) {
    if (quote.actorId !== member.id) continue;
    const sentence = sentences.find(
      (s) => s.paragraph === quote.paragraph && quote.sentence.includes(s.text),
    );
    if (sentence) bump(sentence.index, 2);
  }
  const chosen = [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, BACKGROUND_LINES)
    .map(([index]) => index)
    .sort((a, b) => a - b);
  return chosen.flatMap((index) => {
    const sentence = byIndex.get(index);
    return sentence ? [{ text: sentence.text, paragraph: sentence.paragraph }] : [];
  });
}

/** An actor's roles followed by the descriptions the text resolved to it, without repeats. */
function withDescriptions(roles: readonly string[], descriptions: readonly string[]): string[] {
  const out = [...roles];
  for (const description of descriptions)
    if (!out.some((role) => role.toLowerCase() === description.toLowerCase())) out.push(description);
  return out;
}

/**
 * Describes the cast for readers: each actor with aliases, roles, mention and quote counts and a
 * handful of background sentences (with ¶), most central actor first.
 */
export function describeActors(
  cast: Cast,
  quotes: readonly Quote[],
  sentences: readonly Sentence[],
  descriptions: ReadonlyMap<string, readonly string[]> = new Map(),
): Actor[] {
  const quoteCount = new Map<string, number>();
  for (const quote of quotes)
    if (quote.actorId) quoteCount.set(quote.actorId, (quoteCount.get(quote.actorId) ?? 0) + 1);
  return cast.members
    .map((member) => ({ member, quotes: quoteCount.get(member.id) ?? 0 }))
    .map((entry) => ({ ...entry, score: centrality(entry.member, entry.quotes, sentences.length) }))
    .sort((a, b) => b.score - a.score)
    .map(
      ({ member, quotes: count }): Actor => ({
        id: member.id,
        name: member.name,
        kind: member.kind,
        aliases: member.aliases,
        roles: withDescriptions(member.roles, descriptions.get(member.id) ?? []),
        mentions: member.mentions.length,
        quotes: count,
        background: backgroundOf(member, quotes, sentences),
      }),
    );
}

/** Precision, recall and F1 of one ROUGE measure, each in [0, 1]. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference. */
export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** Lower-cased word tokens: runs of letters or digits (so "Xi's" gives "xi", "s", as ROUGE does). */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function score(overlap: number, candidateCount: number, referenceCount: number): RougeScore {
  const precision = candidateCount === 0 ? 0 : overlap / candidateCount;
  const recall = referenceCount === 0 ? 0 : overlap / referenceCount;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N on token lists: clipped n-gram overlap over candidate (precision) and reference (recall). */
export function rougeNTokens(
  candidate: readonly string[],
  reference: readonly string[],
  n: number,
): RougeScore {
  const candidateGrams = ngramCounts(candidate, n);
  const referenceGrams = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of candidateGrams) overlap += Math.min(count, referenceGrams.get(gram) ?? 0);
  const candidateCount = Math.max(0, candidate.length - n + 1);
  const referenceCount = Math.max(0, reference.length - n + 1);
  return score(overlap, candidateCount, referenceCount);
}

/** Length of the longest common subsequence of two token lists (two-row dynamic programme). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/** ROUGE-L on token lists: longest common subsequence over candidate and reference lengths. */
export function rougeLTokens(candidate: readonly string[], reference: readonly string[]): RougeScore {
  return score(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** ROUGE-1, ROUGE-2 and ROUGE-L F1 (with precision and recall) of a candidate text against a reference. */
export function rouge(candidate: string, reference: string): RougeScores {
  const candidateTokens = rougeTokens(candidate);
  const referenceTokens = rougeTokens(reference);
  return {
    rouge1: rougeNTokens(candidateTokens, referenceTokens, 1),
    rouge2: rougeNTokens(candidateTokens, referenceTokens, 2),
    rougeL: rougeLTokens(candidateTokens, referenceTokens),
  };
}

import { err, ok, type Result } from '../../result.ts';
import { FEATURE_NAMES } from './features.ts';
import weightsFile from './speaker-weights.json' with { type: 'json' };

/** A committed weights file of a linear model, as `npm run train` writes it. */
export interface WeightsFile<Model extends string = string> {
  /** Which model the weights are for. */
  model: Model;
  /** The feature names, in the order of `weights`; they must be the ones the code computes. */
  features: string[];
  weights: number[];
  /** How the weights were fitted: data, seed, settings and the scores measured then. */
  training: Record<string, unknown>;
}

/** The committed weights file of the speaker model. */
export type SpeakerWeightsFile = WeightsFile<'speaker-softmax'>;

/** A linear model over candidate features: the best-scoring candidate is the speaker. */
export class SpeakerModel {
  constructor(readonly weights: Float64Array) {}

  /** The score of one candidate: the sum of its features' weights. */
  score(features: readonly number[]): number {
    let total = 0;
    for (const index of features) total += this.weights[index] ?? 0;
    return total;
  }

  /** The index of the best-scoring candidate (the first one on a tie), or -1 when there is none. */
  choose(candidates: readonly (readonly number[])[]): number {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((features, i) => {
      const score = this.score(features);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    return best;
  }
}

/**
 * Reads the weights of a `model` weights file, checking that its features are exactly `names`,
 * the ones the code computes.
 */
export function weightsOf(
  file: unknown,
  model: string,
  names: readonly string[],
): Result<Float64Array, string> {
  const data = file as Partial<WeightsFile> | null;
  if (data?.model !== model) return err(`not a ${model} weights file`);
  const { features, weights } = data;
  if (!Array.isArray(features) || !Array.isArray(weights)) return err('features and weights must be lists');
  if (features.length !== names.length)
    return err(`the file has ${features.length} features, the code computes ${names.length}`);
  const moved = features.findIndex((name, i) => name !== names[i]);
  if (moved >= 0) return err(`feature ${moved} is "${features[moved]}", the code has "${names[moved]}"`);
  if (
    weights.length !== features.length ||
    !weights.every((w) => typeof w === 'number' && Number.isFinite(w))
  )
    return err('there must be one finite weight per feature');
  return ok(Float64Array.from(weights));
}

/** Reads a speaker weights file, checking that its features are exactly the ones the code computes. */
export function speakerModelOf(file: unknown): Result<SpeakerModel, string> {
  const weights = weightsOf(file, 'speaker-softmax', FEATURE_NAMES);
  return weights.ok ? ok(new SpeakerModel(weights.value)) : weights;
}

/** Thrown at start-up when the committed weights do not fit the feature code: a build defect. */
export class SpeakerModelError extends Error {
  readonly code = 'SPEAKER_MODEL_INVALID';
}

let committed: SpeakerModel | null = null;

/**
 * The speaker model fitted on the PolNeAR training split (`speaker-weights.json`), read once on
 * first use (so `npm run train` can run while the committed file is out of date).
 */
export function committedSpeakerModel(): SpeakerModel {
  if (committed) return committed;
  const model = speakerModelOf(weightsFile);
  if (!model.ok) throw new SpeakerModelError(`speaker-weights.json: ${model.error}; run npm run train`);
  committed = model.value;
  return committed;
}

import { err, ok, type Result } from '../../result.ts';
import { FEATURE_NAMES } from './features.ts';
import weightsFile from './speaker-weights.json' with { type: 'json' };

/** The committed weights file of the speaker model, as `npm run train` writes it. */
export interface SpeakerWeightsFile {
  /** Which model the weights are for. */
  model: 'speaker-softmax';
  /** The feature names, in the order of `weights`; they must be {@link FEATURE_NAMES}. */
  features: string[];
  weights: number[];
  /** How the weights were fitted: data, seed, settings and the scores measured then. */
  training: Record<string, unknown>;
}

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

/** Reads a weights file, checking that its features are exactly the ones the code computes. */
export function speakerModelOf(file: unknown): Result<SpeakerModel, string> {
  const data = file as Partial<SpeakerWeightsFile> | null;
  if (data?.model !== 'speaker-softmax') return err('not a speaker-softmax weights file');
  const { features, weights } = data;
  if (!Array.isArray(features) || !Array.isArray(weights)) return err('features and weights must be lists');
  if (features.length !== FEATURE_NAMES.length)
    return err(`the file has ${features.length} features, the code computes ${FEATURE_NAMES.length}`);
  const moved = features.findIndex((name, i) => name !== FEATURE_NAMES[i]);
  if (moved >= 0)
    return err(`feature ${moved} is "${features[moved]}", the code has "${FEATURE_NAMES[moved]}"`);
  if (
    weights.length !== features.length ||
    !weights.every((w) => typeof w === 'number' && Number.isFinite(w))
  )
    return err('there must be one finite weight per feature');
  return ok(new SpeakerModel(Float64Array.from(weights)));
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

import { knownKeys, momentumValue, positiveInteger, positiveNumber, required } from './validation.js';

/** Options of {@link noiseScale}. */
export interface NoiseScaleOptions {
  /** The learning rate ε. */
  readonly learningRate: number;
  /** The number of training samples N. */
  readonly datasetSize: number;
  /** The batch size B (an integer >= 1). */
  readonly batchSize: number;
  /** The momentum coefficient m in [0, 1); 0 (plain SGD) by default. */
  readonly momentum?: number;
}

/**
 * The noise scale of SGD (Smith, Kindermans, Ying, Le 2018):
 *
 * `g = ε N / (B (1 − m))`
 *
 * with learning rate ε, training-set size N, batch size B and momentum m. Two schedules
 * with the same `g` at every epoch train alike to first order, which is why multiplying
 * `B` by k does what dividing `ε` by k does, with k times fewer parameter updates.
 * Computed exactly as written (one multiplication and one division), no rounding.
 *
 * @param options - `learningRate` (> 0), `datasetSize` (> 0 samples), `batchSize`
 *   (integer >= 1), `momentum` (in [0, 1), default 0).
 * @returns the noise scale `g`.
 * @example
 * ```ts
 * noiseScale({ learningRate: 0.1, datasetSize: 50_000, batchSize: 128, momentum: 0.9 }); // 390.625
 * noiseScale({ learningRate: 0.1, datasetSize: 50_000, batchSize: 640, momentum: 0.9 }); // 78.125 (= ε / 5)
 * ```
 */
export function noiseScale(options: NoiseScaleOptions): number {
  const owner = 'noiseScale';
  const checked = knownKeys(owner, options, ['learningRate', 'datasetSize', 'batchSize', 'momentum'], { allowNull: false });
  const learningRate = positiveNumber(owner, 'learningRate', required(owner, 'learningRate', checked.learningRate));
  const datasetSize = positiveNumber(owner, 'datasetSize', required(owner, 'datasetSize', checked.datasetSize));
  const batchSize = positiveInteger(owner, 'batchSize', required(owner, 'batchSize', checked.batchSize));
  const momentum = checked.momentum === undefined ? 0 : momentumValue(owner, 'momentum', checked.momentum);
  return (learningRate * datasetSize) / (batchSize * (1 - momentum));
}

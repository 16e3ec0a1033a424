/** The run settings every example reports: epochs, batch size, seed, validation fraction. */
export interface ReportedSettings {
  /** Epochs per training run. */
  readonly epochs: number;
  /** Examples per batch. */
  readonly batchSize: number;
  /** Seed of the subset, split, shuffles and initial weights. */
  readonly seed: number;
  /** Fraction of the training examples held out for validation. */
  readonly validationFraction: number;
}

/**
 * The settings table every example's report starts with, in this order: `epochs`,
 * `batch size`, `seed`, `validation fraction` (spread an example's own rows after it).
 *
 * @param options - the run's settings.
 * @returns the rows for `writeReport`'s `settings`.
 * @example
 * ```ts
 * reportSettings({ epochs: 3, batchSize: 64, seed: 1, validationFraction: 0.1 });
 * // { epochs: 3, 'batch size': 64, seed: 1, 'validation fraction': 0.1 }
 * ```
 */
export function reportSettings(options: ReportedSettings): { epochs: number; 'batch size': number; seed: number; 'validation fraction': number } {
  return {
    epochs: options.epochs,
    'batch size': options.batchSize,
    seed: options.seed,
    'validation fraction': options.validationFraction,
  };
}

/** One epoch of a variant's run. */
export interface EpochRecord {
  /** The epoch, counted from 0. */
  readonly epoch: number;
  /** Mean training loss over the epoch. */
  readonly loss: number;
  /** Training accuracy over the epoch, when measured. */
  readonly accuracy?: number;
  /** Loss on the validation split. */
  readonly validationLoss?: number;
  /** Accuracy on the validation split. */
  readonly validationAccuracy?: number;
  /** Loss on the test set after the epoch. */
  readonly testLoss?: number;
  /** Accuracy on the test set after the epoch. */
  readonly testAccuracy?: number;
  /** The learning rate in effect at the end of the epoch. */
  readonly learningRate?: number;
}

/** One training batch of a variant's run. */
export interface BatchRecord {
  /** Global batch counter from 0 (= parameter updates applied before this batch). */
  readonly step: number;
  /** The epoch, counted from 0. */
  readonly epoch: number;
  /** The batch within the epoch, counted from 0. */
  readonly batch: number;
  /** The batch's training loss. */
  readonly loss: number;
  /** The learning rate used for this batch's update. */
  readonly learningRate: number;
}

/** Everything the report needs about one trained variant. */
export interface VariantResult {
  /** Short name, used in tables, legends and file names (`constant`, `adam`, …). */
  readonly name: string;
  /** One line saying what the variant is (`SGD, lr 0.1 constant`). */
  readonly description: string;
  /** Per-epoch records, in order. */
  readonly epochs: readonly EpochRecord[];
  /** Per-batch records, in order. */
  readonly batches: readonly BatchRecord[];
  /** Parameter updates applied (optimizer steps). */
  readonly parameterUpdates: number;
  /** Wall-clock training time in seconds (including the per-epoch test evaluation). */
  readonly wallTimeSeconds: number;
  /** The JSONL history file, relative to the run directory. */
  readonly historyFile?: string;
}

/** Summary numbers of one variant, as shown in `summary.md`. */
export interface VariantSummary {
  readonly name: string;
  readonly description: string;
  readonly finalTestAccuracy: number | undefined;
  readonly bestTestAccuracy: number | undefined;
  /** Epoch (from 1) of the best test accuracy. */
  readonly bestEpoch: number | undefined;
  readonly finalLoss: number | undefined;
  readonly epochs: number;
  readonly parameterUpdates: number;
  readonly wallTimeSeconds: number;
}

/**
 * Reduces a variant's records to the numbers of the summary table: final and best test
 * accuracy (with the epoch of the best), final training loss, epochs, updates, time.
 *
 * @param result - the variant's records.
 * @returns the summary numbers.
 * @example
 * ```ts
 * summarizeVariant(result).bestTestAccuracy; // 0.9871
 * ```
 */
export function summarizeVariant(result: VariantResult): VariantSummary {
  const last = result.epochs.at(-1);
  let bestTestAccuracy: number | undefined;
  let bestEpoch: number | undefined;
  for (const record of result.epochs) {
    if (record.testAccuracy !== undefined && (bestTestAccuracy === undefined || record.testAccuracy > bestTestAccuracy)) {
      bestTestAccuracy = record.testAccuracy;
      bestEpoch = record.epoch + 1;
    }
  }
  return {
    name: result.name,
    description: result.description,
    finalTestAccuracy: last?.testAccuracy,
    bestTestAccuracy,
    bestEpoch,
    finalLoss: last?.loss,
    epochs: result.epochs.length,
    parameterUpdates: result.parameterUpdates,
    wallTimeSeconds: result.wallTimeSeconds,
  };
}

import type { LearningRateController } from '@lrkit/tfjs';
import type * as tf from '@tensorflow/tfjs';
import type { ContinuousCallbacks } from './continuous-callbacks.js';
import { type MemoryLimits, phaseFailure } from './memory-preflight.js';
import type { PhaseData } from './phase-data.js';
import { phaseStartLine, smallBatchWarning } from './phase-log.js';
import type { PlannedPhase } from './phase-plan.js';
import type { PhaseRecorder, RecordedEpoch } from './phase-recorder.js';
import { trainedBatchSize } from './run-summary.js';

type FitDatasetArgs = tf.ModelFitDatasetArgs<tf.TensorContainer>;

/** The `fitDataset` arguments every phase shares (validation, `yieldEvery`, `classWeight`). */
export type SharedFitArgs = Pick<FitDatasetArgs, 'validationData' | 'validationBatchSize' | 'validationBatches' | 'yieldEvery' | 'classWeight'>;

/** What the phase loop needs besides the model and the plan. */
export interface PhaseLoopContext {
  /** The training data, re-batched per phase. */
  readonly data: PhaseData;
  /** How many phases the schedule has (for the printed lines). */
  readonly phaseCount: number;
  /** The epoch the run stops before. */
  readonly totalEpochs: number;
  /** The first epoch of this call (passed to the callbacks' params). */
  readonly initialEpoch: number;
  /** The shuffle seed; each phase shuffles with `${seed}:phase${index}`. */
  readonly seed: string | undefined;
  /** Print a line per phase (and let tfjs's logger run). */
  readonly verbose: boolean;
  /** Passed to every phase's `fitDataset`. */
  readonly fitArgs: SharedFitArgs;
  /** The optimizer's learning-rate channel a phase's learning rate is published on. */
  readonly controller: LearningRateController;
  /** The user's callbacks, seen as one run. */
  readonly callbacks: ContinuousCallbacks;
  /** Counts each epoch's updates and samples and reads its learning rate. */
  readonly recorder: PhaseRecorder;
  /** For the error a backend allocation failure becomes. */
  readonly limits: MemoryLimits;
}

/** What one phase produced. */
export interface PhaseOutcome {
  /** The phase and the epochs this call ran of it. */
  readonly planned: PlannedPhase;
  /** The phase's tfjs History. */
  readonly history: tf.History;
  /** The phase's epochs as the recorder noted them. */
  readonly recorded: readonly RecordedEpoch[];
  /** Wall time of the phase in milliseconds. */
  readonly durationMs: number;
}

/**
 * The phase loop of {@link fitWithBatchSchedule}: for each planned phase, writes its
 * learning rate and momentum into the optimizer, re-batches the data with its batch size and
 * runs one `model.fitDataset` call with `initialEpoch` continuing the epochs, the same
 * optimizer and the callbacks as one run. Stops after a phase in which a callback set
 * `model.stopTraining`. Does not fire the run's `onTrainEnd` (the caller does, once).
 *
 * @param model - the compiled model.
 * @param plan - the phases to run ({@link planPhases}).
 * @param context - data, callbacks, recorder and settings.
 * @returns each phase's History and epoch rows, and whether a callback stopped the run early.
 * @example
 * ```ts
 * const { outcomes, stoppedEarly } = await trainPhases(model, planPhases(schedule, 0, 5), context);
 * outcomes.map((outcome) => outcome.history.epoch); // [[0, 1], [2, 3], [4]]
 * ```
 */
export async function trainPhases(
  model: tf.LayersModel,
  plan: readonly PlannedPhase[],
  context: PhaseLoopContext,
): Promise<{ readonly outcomes: PhaseOutcome[]; readonly stoppedEarly: boolean }> {
  const { controller, recorder, totalEpochs } = context;
  const adapter = controller.adapter;
  const outcomes: PhaseOutcome[] = [];
  for (const planned of plan) {
    const { phase, start, end } = planned;
    if (phase.learningRate !== undefined) controller.setScheduledValue(phase.learningRate);
    if (phase.momentum !== undefined && adapter.supportsMomentum) adapter.setMomentum(phase.momentum);
    if (context.verbose) console.log(phaseStartLine(planned, context.phaseCount, totalEpochs, adapter.getLearningRate()));
    // `steps` tells epoch-interpolating schedulers this phase's batches per epoch.
    const steps = context.data.size === undefined ? {} : { steps: Math.ceil(context.data.size / phase.batchSize) };
    context.callbacks.setRunParams({ epochs: totalEpochs, initialEpoch: context.initialEpoch, phase: phase.index, batchSize: phase.batchSize, ...steps });
    recorder.beginPhase(phase);
    const recordedBefore = recorder.epochs.length;
    const phaseStart = Date.now();
    const dataset = context.data.batched(phase.batchSize, context.seed === undefined ? undefined : `${context.seed}:phase${phase.index}`);
    let history: tf.History;
    try {
      history = await model.fitDataset(dataset, {
        ...context.fitArgs,
        epochs: end,
        initialEpoch: start,
        callbacks: [context.callbacks, recorder],
        verbose: context.verbose ? 1 : 0,
      });
    } catch (error) {
      throw phaseFailure(error, planned, context.limits);
    }
    const recorded = recorder.epochs.slice(recordedBefore);
    const trained = trainedBatchSize(recorded);
    if (recorded.length > 0 && trained < phase.batchSize && context.verbose) console.warn(smallBatchWarning(planned, trained));
    outcomes.push({ planned, history, recorded, durationMs: Date.now() - phaseStart });
    if (model.stopTraining) {
      const lastEpoch = recorded[recorded.length - 1]?.epoch ?? Infinity;
      return { outcomes, stoppedEarly: recorded.length > 0 && lastEpoch < totalEpochs - 1 };
    }
  }
  return { outcomes, stoppedEarly: false };
}

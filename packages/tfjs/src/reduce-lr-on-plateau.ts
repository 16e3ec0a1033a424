import { kerasPlateau, type PlateauConfig, type PlateauReducer, type PlateauState, plateau, torchPlateau } from '@lrkit/schedules';
import {
  booleanOption,
  describeValue,
  knownKeys,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  numberBetweenExclusive,
  oneOf,
  optionKeys,
} from '@lrkit/schedules/validation';
import { type CallbackState, encodeStateNumber, readState, type StatefulCallback } from './callback-state.js';
import { type LearningRateController, type LearningRateScaler, learningRateControllerFor } from './learning-rate-controller.js';
import { metricDirection } from './metric-direction.js';
import { type CallbackLogs, ModelCallback, resolveLogs } from './model-callback.js';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** The epoch-log metric to watch. Default `'val_loss'`, falling back to `'loss'` (with a warning) when there is no validation. */
  readonly monitor?: string;
  /** `'min'`, `'max'`, or `'auto'` (default): `'max'` when the name contains acc/accuracy/auc/precision/recall, else `'min'`. */
  readonly mode?: 'auto' | 'min' | 'max';
  /** Multiplier at each reduction, in (0, 1). Default 0.1. */
  readonly factor?: number;
  /** Epochs without improvement before a reduction, counted as `semantics` says. Default 10. */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. Default 1e-4. */
  readonly minDelta?: number;
  /** `'absolute'` or `'relative'` (a fraction of the best value). Default: absolute (native, Keras), relative (torch). */
  readonly minDeltaMode?: 'absolute' | 'relative';
  /** Epochs after a reduction during which no new reduction is counted (as `semantics` says). Default 0. */
  readonly cooldown?: number;
  /** Floor of the learning rate. Default 0. */
  readonly minValue?: number;
  /** Reductions changing the learning rate by this much or less are skipped. Default 0 (torch: 1e-8). */
  readonly minChange?: number;
  /** Whether NaN/infinite metrics count as bad epochs (they are never improvements). Default true. */
  readonly countNonFinite?: boolean;
  /**
   * Counting conventions. `'native'` (default, as `plateau()`): reduce when bad epochs reach
   * `patience`, cooldown epochs are ignored. `'keras'`: Keras `ReduceLROnPlateau` exactly
   * (absolute `minDelta`; only `cooldown - 1` epochs ignored after a reduction). `'torch'`:
   * PyTorch `ReduceLROnPlateau` exactly (reduce when bad epochs exceed `patience`, relative
   * `minDelta` = `threshold`, `minChange` = `eps` 1e-8).
   */
  readonly semantics?: 'native' | 'keras' | 'torch';
  /** Print each reduction (`console.log`). Default false. */
  readonly verbose?: boolean;
}

const owner = 'ReduceLROnPlateau';
/** The option names of {@link ReduceLROnPlateauOptions}, checked against the interface. */
const optionNames = optionKeys<ReduceLROnPlateauOptions>({
  monitor: true,
  mode: true,
  factor: true,
  patience: true,
  minDelta: true,
  minDeltaMode: true,
  cooldown: true,
  minValue: true,
  minChange: true,
  countNonFinite: true,
  semantics: true,
  verbose: true,
});

/**
 * Maps a callback's options and semantics to the options of the native `plateau()` reducer
 * (defaults filled in, each option validated): `'torch'` → `patience + 1` (PyTorch reduces
 * when bad epochs exceed patience), relative `minDelta` and `minChange` 1e-8 by default;
 * `'keras'` → `cooldown - 1` (Keras decrements its cooldown counter before counting);
 * `'native'` → unchanged.
 *
 * @param options - the callback's plateau options plus the resolved `mode`.
 * @returns a complete `PlateauConfig` for `plateau()`.
 * @example
 * ```ts
 * plateauReducerOptions({ mode: 'min', patience: 2, semantics: 'torch' });
 * // { mode: 'min', factor: 0.1, patience: 3, minDelta: 1e-4, minDeltaMode: 'relative', cooldown: 0, minValue: 0, minChange: 1e-8, countNonFinite: true }
 * ```
 */
export function plateauReducerOptions(
  options: Pick<
    ReduceLROnPlateauOptions,
    'factor' | 'patience' | 'minDelta' | 'minDeltaMode' | 'cooldown' | 'minValue' | 'minChange' | 'countNonFinite' | 'semantics'
  > & { readonly mode: 'min' | 'max' },
): PlateauConfig {
  const semantics = oneOf(owner, 'semantics', options.semantics ?? 'native', ['native', 'keras', 'torch'] as const);
  const factor = numberBetweenExclusive(owner, 'factor', options.factor ?? 0.1, 0, 1);
  const patience = nonNegativeInteger(owner, 'patience', options.patience ?? 10);
  const minDelta = nonNegativeNumber(owner, 'minDelta', options.minDelta ?? 1e-4);
  const minDeltaMode = oneOf(owner, 'minDeltaMode', options.minDeltaMode ?? (semantics === 'torch' ? 'relative' : 'absolute'), [
    'absolute',
    'relative',
  ] as const);
  const cooldown = nonNegativeInteger(owner, 'cooldown', options.cooldown ?? 0);
  const minValue = nonNegativeNumber(owner, 'minValue', options.minValue ?? 0);
  const minChange = nonNegativeNumber(owner, 'minChange', options.minChange ?? (semantics === 'torch' ? 1e-8 : 0));
  const countNonFinite = options.countNonFinite === undefined ? true : booleanOption(owner, 'countNonFinite', options.countNonFinite);
  const mode = options.mode;
  // The framework conventions (patience and cooldown counting) live once, in the presets.
  if (semantics === 'torch') {
    const thresholdMode = minDeltaMode === 'relative' ? 'rel' : 'abs';
    const torch = torchPlateau({ mode, factor, patience, threshold: minDelta, threshold_mode: thresholdMode, cooldown, min_lr: minValue, eps: minChange });
    return { ...torch.config, countNonFinite };
  }
  if (semantics === 'keras') {
    const keras = kerasPlateau({ mode, factor, patience, min_delta: minDelta, cooldown, min_lr: minValue });
    return { ...keras.config, minDeltaMode, minChange, countNonFinite };
  }
  return { mode, factor, patience, minDelta, minDeltaMode, cooldown, minValue, minChange, countNonFinite };
}

/**
 * Reduces the learning rate when a monitored metric stops improving, at the end of each
 * epoch, on top of the pure `plateau()` reducer of `@lrkit/schedules`.
 *
 * It keeps a multiplier (`scale`) instead of owning the learning rate, so it composes with a
 * {@link LearningRateScheduler} on the same model: the optimizer then gets
 * `schedule(step) * scale` (a warm-up + cosine run that also reduces on plateau). Alone, it
 * scales the learning rate the optimizer had when training started. A NaN metric is never an
 * improvement; a missing metric warns once with the keys that are present.
 *
 * @example
 * ```ts
 * const plateau = new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 3 });
 * await model.fit(xs, ys, { epochs: 50, validationSplit: 0.2, callbacks: [plateau] });
 * plateau.scale; // e.g. 0.25 after two reductions
 * ```
 */
export class ReduceLROnPlateau extends ModelCallback implements LearningRateScaler, StatefulCallback {
  /** The monitored metric as configured. */
  readonly monitor: string;
  /** The direction of improvement. */
  readonly mode: 'min' | 'max';
  /** The counting conventions. */
  readonly semantics: 'native' | 'keras' | 'torch';
  /** The native reducer doing the counting (its config shows the mapped options). */
  readonly reducer: PlateauReducer;
  private readonly monitorDefaulted: boolean;
  private readonly verbose: boolean;
  private reducerState: PlateauState;
  private controller: LearningRateController | undefined;
  private unscheduledBase: number | undefined;
  private lastWritten: number | undefined;
  private warnedMissing = false;
  private warnedFallback = false;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    const checked = knownKeys(owner, options, optionNames) as ReduceLROnPlateauOptions;
    this.monitorDefaulted = checked.monitor === undefined;
    this.monitor = nonEmptyString(owner, 'monitor', checked.monitor ?? 'val_loss');
    const mode = oneOf(owner, 'mode', checked.mode ?? 'auto', ['auto', 'min', 'max'] as const);
    this.mode = mode === 'auto' ? (metricDirection(this.monitor) === 'max' ? 'max' : 'min') : mode;
    this.semantics = oneOf(owner, 'semantics', checked.semantics ?? 'native', ['native', 'keras', 'torch'] as const);
    this.verbose = checked.verbose === undefined ? false : booleanOption(owner, 'verbose', checked.verbose);
    this.reducer = plateau(plateauReducerOptions({ ...checked, mode: this.mode }));
    this.reducerState = this.reducer.init();
  }

  /** The reducer's state after the last epoch (scale, best, bad epochs, cooldown, reductions…). */
  get state(): PlateauState {
    return this.reducerState;
  }

  /** The current multiplier applied to the scheduled (or initial) learning rate. */
  get scale(): number {
    return this.reducerState.scale;
  }

  /** Scales an unscaled learning rate: `baseValue * scale`, floored at `minValue` (the shared controller calls this). */
  scaleLearningRate(baseValue: number): number {
    return this.reducer.apply(this.reducerState, baseValue);
  }

  override async onTrainBegin(): Promise<void> {
    const controller = learningRateControllerFor(this.requireOptimizer(owner));
    this.controller = controller;
    controller.addScaler(this);
    const current = controller.adapter.getLearningRate();
    if (this.unscheduledBase === undefined || current !== this.lastWritten) {
      // Alone, the plateau scales the learning rate the optimizer has (re-based when the
      // user changed it between fit calls).
      this.unscheduledBase = this.reducerState.scale > 0 ? current / this.reducerState.scale : current;
    }
  }

  override async onTrainEnd(): Promise<void> {
    this.controller?.removeScaler(this);
  }

  override async onEpochEnd(epoch: number, logs?: CallbackLogs): Promise<void> {
    const controller = this.controller;
    if (controller === undefined) return;
    const resolved = await resolveLogs(logs);
    // As Keras 3: the learning rate the epoch trained with, before this epoch's reduction
    // (written after the metric lookup, so a missing-metric warning lists metrics only).
    const epochLearningRate = controller.adapter.getLearningRate();
    let key = this.monitor;
    if (!(key in resolved) && this.monitorDefaulted && 'loss' in resolved) {
      if (!this.warnedFallback) {
        this.warnedFallback = true;
        console.warn(`${owner}: no \`val_loss\` in the epoch logs (no validation data?); monitoring \`loss\` instead`);
      }
      key = 'loss';
    }
    const metric = resolved[key];
    if (metric === undefined) {
      if (!this.warnedMissing) {
        this.warnedMissing = true;
        console.warn(
          `${owner}: the monitored metric ${describeValue(this.monitor)} is not in the epoch logs; ` +
            `available keys: ${Object.keys(resolved).join(', ') || '(none)'}. The learning rate is left unchanged.`,
        );
      }
      if (logs != null) logs['learning_rate'] = epochLearningRate;
      return;
    }
    if (logs != null) logs['learning_rate'] = epochLearningRate;
    const baseValue = controller.scheduledValue ?? this.unscheduledBase ?? controller.adapter.getLearningRate();
    const before = controller.adapter.getLearningRate();
    this.reducerState = this.reducer.update(this.reducerState, metric, baseValue);
    const value = controller.effectiveValue(baseValue);
    controller.adapter.setLearningRate(value);
    this.lastWritten = controller.adapter.getLearningRate();
    if (this.reducerState.reduced && this.verbose) {
      console.log(
        `${owner}: epoch ${epoch}: ${key} = ${metric} did not improve; learning rate ${before} -> ${this.lastWritten} (scale ${this.reducerState.scale})`,
      );
    }
  }

  /**
   * The plateau's state as JSON: scale, best value, bad epochs, cooldown, reductions and
   * counters, and the base learning rate it scales when no scheduler is attached.
   *
   * @example
   * ```ts
   * plateau.getState(); // { type: 'ReduceLROnPlateau', version: 1, scale: 0.5, best: 0.31, badEvaluations: 1, … }
   * ```
   */
  getState(): CallbackState {
    const state = this.reducerState;
    return {
      type: owner,
      version: 1,
      scale: state.scale,
      best: encodeStateNumber(state.best),
      badEvaluations: state.badEvaluations,
      cooldownRemaining: state.cooldownRemaining,
      reductions: state.reductions,
      evaluations: state.evaluations,
      nonFiniteEvaluations: state.nonFiniteEvaluations,
      reduced: state.reduced,
      lastMetricNonFinite: state.lastMetricNonFinite,
      unscheduledBase: this.unscheduledBase ?? null,
      lastWritten: this.lastWritten ?? null,
    };
  }

  /**
   * Puts a state from {@link getState} back (on a plateau built with the same options), so a
   * resumed run keeps its scale, best value, wait and cooldown.
   *
   * @example
   * ```ts
   * const resumed = new ReduceLROnPlateau({ factor: 0.5, patience: 2 });
   * resumed.setState(JSON.parse(savedText));
   * ```
   */
  setState(state: CallbackState): void {
    const read = readState(owner, state);
    const next: PlateauState = {
      scale: read.number('scale'),
      best: read.number('best'),
      badEvaluations: read.integer('badEvaluations'),
      cooldownRemaining: read.integer('cooldownRemaining'),
      reductions: read.integer('reductions'),
      evaluations: read.integer('evaluations'),
      nonFiniteEvaluations: read.integer('nonFiniteEvaluations'),
      reduced: read.boolean('reduced'),
      lastMetricNonFinite: read.boolean('lastMetricNonFinite'),
    };
    if (!(Number.isFinite(next.scale) && next.scale > 0 && next.scale <= 1)) {
      throw new RangeError(`${owner}.setState: \`state.scale\` must be a number in (0, 1]; received ${describeValue(next.scale)}`);
    }
    this.unscheduledBase = read.optionalNumber('unscheduledBase');
    this.lastWritten = read.optionalNumber('lastWritten');
    this.reducerState = next;
  }
}

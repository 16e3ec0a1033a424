import { booleanOption, knownKeys, nonNegativeInteger, nonNegativeNumber, numberBetweenExclusive, oneOf, optionKeys } from './validation.js';

/** Options of {@link plateau}; every one has a default. */
export interface PlateauOptions {
  /** `'min'` when a lower metric is better (loss), `'max'` when higher is better (accuracy). Default `'min'`. */
  readonly mode?: 'min' | 'max';
  /** Multiplier applied at each reduction, in (0, 1). Default 0.1. */
  readonly factor?: number;
  /** Evaluations without improvement that trigger a reduction (0 acts as 1). Default 10. */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. Default 1e-4. */
  readonly minDelta?: number;
  /** Whether `minDelta` is an absolute difference or a fraction of the best metric. Default `'absolute'`. */
  readonly minDeltaMode?: 'absolute' | 'relative';
  /** Evaluations ignored after a reduction (neither counted as bad nor able to reduce). Default 0. */
  readonly cooldown?: number;
  /** Floor for the scaled value: a reduction never takes the value below it. Default 0. */
  readonly minValue?: number;
  /** A reduction that would change the value by this much or less is skipped (PyTorch `eps`). Default 0. */
  readonly minChange?: number;
  /** Whether non-finite metrics (NaN, ±Infinity) are counted as bad evaluations. Default true. */
  readonly countNonFinite?: boolean;
}

/** The options of a plateau reducer with every default filled in. */
export type PlateauConfig = { readonly [Key in keyof PlateauOptions]-?: NonNullable<PlateauOptions[Key]> };

/** The reducer's state: pure data, replaced (never mutated) by every update. */
export interface PlateauState {
  /** The multiplier to apply to the scheduled value (1 until the first reduction). */
  readonly scale: number;
  /** The best metric seen so far (±Infinity before the first finite metric). */
  readonly best: number;
  /** Bad evaluations since the last improvement or reduction. */
  readonly badEvaluations: number;
  /** Evaluations still to be ignored after the last reduction. */
  readonly cooldownRemaining: number;
  /** Reductions applied so far. */
  readonly reductions: number;
  /** Evaluations seen so far. */
  readonly evaluations: number;
  /** Evaluations whose metric was NaN or infinite. */
  readonly nonFiniteEvaluations: number;
  /** Whether the last update reduced the scale. */
  readonly reduced: boolean;
  /** Whether the last metric was NaN or infinite. */
  readonly lastMetricNonFinite: boolean;
}

/** A plateau reducer: pure functions over {@link PlateauState}, closed over checked options. */
export interface PlateauReducer {
  /** The options with defaults filled in; `plateau(reducer.config)` rebuilds the same reducer. */
  readonly config: PlateauConfig;
  /** The state before any evaluation. */
  init(): PlateauState;
  /**
   * The state after one evaluation of the monitored metric.
   *
   * @param state - the previous state.
   * @param metric - the monitored metric; NaN or infinite values never count as improvement.
   * @param baseValue - the unscaled value in force (the schedule's value now); floors
   *   (`minValue`) and `minChange` are measured against `baseValue * scale`. Default 1.
   */
  update(state: PlateauState, metric: number, baseValue?: number): PlateauState;
  /** The value to use: `baseValue * state.scale`, never below `min(baseValue, minValue)`. */
  apply(state: PlateauState, baseValue: number): number;
}

/** The option keys of {@link plateau}. */
const plateauKeys = optionKeys<PlateauOptions>({
  mode: true,
  factor: true,
  patience: true,
  minDelta: true,
  minDeltaMode: true,
  cooldown: true,
  minValue: true,
  minChange: true,
  countNonFinite: true,
});

/**
 * A pure "reduce on plateau" state machine (as optax `contrib.reduce_on_plateau`, with the
 * options of Keras and PyTorch `ReduceLROnPlateau`). Instead of owning a learning rate it
 * keeps a multiplier, `scale`, so it can scale any schedule (a warm-up + cosine run that
 * also reduces on plateau).
 *
 * Rules, per evaluation: a metric is an improvement when it beats `best` by more than
 * `minDelta` (absolute: `metric < best - minDelta`; relative: `metric < best * (1 - minDelta)`;
 * mirrored for `'max'`); otherwise it is a bad evaluation. During cooldown bad evaluations
 * are not counted. When the count of bad evaluations reaches `patience`, the scale is
 * multiplied by `factor` (floored so the value stays >= `minValue`), the count resets and
 * cooldown starts. This is Keras's counting ("wait reaches patience"); PyTorch's
 * ("bad epochs exceed patience") is `patience + 1`, see `torchPlateau`.
 *
 * @example
 * ```ts
 * const reducer = plateau({ factor: 0.1, patience: 2 });
 * let state = reducer.init();
 * for (const loss of [1, 0.9, 0.9, 0.9]) state = reducer.update(state, loss);
 * state.scale; // 0.1
 * ```
 */
export function plateau(options: PlateauOptions = {}): PlateauReducer {
  const name = 'plateau';
  const checked = knownKeys(name, options, plateauKeys, {
    allowNull: false,
  });
  const config: PlateauConfig = {
    mode: oneOf(name, 'mode', checked.mode ?? 'min', ['min', 'max'] as const),
    factor: numberBetweenExclusive(name, 'factor', checked.factor ?? 0.1, 0, 1),
    patience: nonNegativeInteger(name, 'patience', checked.patience ?? 10),
    minDelta: nonNegativeNumber(name, 'minDelta', checked.minDelta ?? 1e-4),
    minDeltaMode: oneOf(name, 'minDeltaMode', checked.minDeltaMode ?? 'absolute', ['absolute', 'relative'] as const),
    cooldown: nonNegativeInteger(name, 'cooldown', checked.cooldown ?? 0),
    minValue: nonNegativeNumber(name, 'minValue', checked.minValue ?? 0),
    minChange: nonNegativeNumber(name, 'minChange', checked.minChange ?? 0),
    countNonFinite: booleanOption(name, 'countNonFinite', checked.countNonFinite ?? true),
  };
  const { mode, factor, minDelta, minDeltaMode, cooldown, minValue, minChange, countNonFinite } = config;
  const patience = Math.max(config.patience, 1);

  const isImprovement = (metric: number, best: number): boolean => {
    if (mode === 'min') {
      return minDeltaMode === 'absolute' ? metric < best - minDelta : metric < best * (1 - minDelta);
    }
    return minDeltaMode === 'absolute' ? metric > best + minDelta : metric > best * (1 + minDelta);
  };

  return {
    config,
    init: () => ({
      scale: 1,
      best: mode === 'min' ? Infinity : -Infinity,
      badEvaluations: 0,
      cooldownRemaining: 0,
      reductions: 0,
      evaluations: 0,
      nonFiniteEvaluations: 0,
      reduced: false,
      lastMetricNonFinite: false,
    }),
    update(state, metric, baseValue = 1) {
      const finite = Number.isFinite(metric);
      let { best, badEvaluations, cooldownRemaining, scale, reductions } = state;
      if (finite && isImprovement(metric, best)) {
        best = metric;
        badEvaluations = 0;
      } else if (finite || countNonFinite) {
        badEvaluations += 1;
      }
      if (cooldownRemaining > 0) {
        cooldownRemaining -= 1;
        badEvaluations = 0;
      }
      let reduced = false;
      if (badEvaluations >= patience) {
        const oldValue = baseValue * scale;
        let newScale = scale * factor;
        if (baseValue > 0 && baseValue * newScale < minValue) newScale = Math.max(minValue / baseValue, 0);
        const newValue = baseValue * newScale;
        if (oldValue - newValue > minChange) {
          scale = newScale;
          reductions += 1;
          reduced = true;
        }
        cooldownRemaining = cooldown;
        badEvaluations = 0;
      }
      return {
        scale,
        best,
        badEvaluations,
        cooldownRemaining,
        reductions,
        evaluations: state.evaluations + 1,
        nonFiniteEvaluations: state.nonFiniteEvaluations + (finite ? 0 : 1),
        reduced,
        lastMetricNonFinite: !finite,
      };
    },
    apply: (state, baseValue) => Math.max(baseValue * state.scale, Math.min(baseValue, minValue)),
  };
}

import type { PlateauReducer } from '../plateau.js';
import { defineSchedule, type JsonValue, type Schedule } from '../schedule.js';
import { closestName, describeValue, finiteNumber, knownKeys, optionKeys, required } from '../validation.js';
import { calledAs } from './framework-arguments.js';
import { huggingFaceBuilders, huggingFaceMetricSchedulers, optionalSteps } from './hugging-face-schedules.js';
import { type TorchPlateauOptions, torchPlateauFor } from './torch-plateau.js';

/** Every `transformers.get_scheduler` name `fromHuggingFace` reproduces (plus `reduce_lr_on_plateau` through {@link huggingFacePlateau}). */
export const huggingFaceSchedulerNames: readonly string[] = Object.keys(huggingFaceBuilders);

/** The arguments of `get_scheduler(name, optimizer, …)` besides the name, spelled as transformers spells them. */
export interface HuggingFaceOptions {
  /** The optimizer's learning rate (`lr=` of the optimizer), which LambdaLR scales. Required. */
  readonly learningRate: number;
  /** `num_warmup_steps` (required by every name except `constant`). */
  readonly num_warmup_steps?: number | null;
  /** `num_training_steps` (required by the decaying names; `warmup_stable_decay` may use `num_stable_steps` instead). */
  readonly num_training_steps?: number | null;
  /** `scheduler_specific_kwargs`: `num_cycles`, `lr_end`, `power`, `timescale`, `min_lr`, `min_lr_rate`, … */
  readonly scheduler_specific_kwargs?: Readonly<Record<string, unknown>> | null;
}

/** The JSON config of a Hugging Face preset; `fromConfig` rebuilds it through the registry key `'hugging-face'`. */
export interface HuggingFaceConfig {
  readonly type: 'hugging-face';
  readonly name: string;
  readonly learningRate: number;
  readonly num_warmup_steps: number | null;
  readonly num_training_steps: number | null;
  /** The scheduler-specific arguments the schedule uses, with transformers' defaults filled in. */
  readonly scheduler_specific_kwargs: { readonly [key: string]: JsonValue };
}

/** The options `fromConfig` passes for a `'hugging-face'` config. */
export interface HuggingFacePresetOptions extends HuggingFaceOptions {
  readonly name: string;
}

/**
 * Reproduces `transformers.get_scheduler(name, optimizer, num_warmup_steps, num_training_steps,
 * scheduler_specific_kwargs)` exactly (transformers 5.17 `optimization.py`): the value at step
 * `n` is the optimizer's learning rate after `n` calls of `scheduler.step()`, that is
 * `learningRate * lr_lambda(n)` (step 0 = right after construction: 0 during a warm-up).
 *
 * Names: `linear`, `cosine` (`num_cycles`), `cosine_with_restarts` (`num_cycles`),
 * `polynomial` (`lr_end`, `power`), `constant`, `constant_with_warmup`, `inverse_sqrt`
 * (`timescale`), `cosine_with_min_lr` and `cosine_warmup_with_min_lr` (`min_lr` or
 * `min_lr_rate`; the latter also `warmup_lr_rate`), `warmup_stable_decay`
 * (`num_decay_steps`, `num_stable_steps`, `warmup_type`, `decay_type`, `min_lr_ratio`,
 * `num_cycles`). `reduce_lr_on_plateau` depends on a metric: use {@link huggingFacePlateau}.
 * The quirks are transformers' own (see `hugging-face-schedules.ts`): warm-up from 0,
 * `cosine_warmup_with_min_lr` one step ahead, `polynomial` holding `lr_end` after training.
 * As in transformers, `constant` ignores every other argument and `constant_with_warmup`
 * ignores `scheduler_specific_kwargs`.
 *
 * Fractional steps evaluate the same lambda (LambdaLR itself only sees integers); between the
 * last two warm-up steps of `cosine_warmup_with_min_lr`, whose warm-up runs one step ahead, that
 * exceeds `learningRate` (by up to `learningRate / num_warmup_steps`).
 *
 * @param name - the `get_scheduler` name (a `SchedulerType` value).
 * @param options - `learningRate` and get_scheduler's own arguments.
 * @returns a schedule with config `{ type: 'hugging-face', name, learningRate, num_warmup_steps, num_training_steps, scheduler_specific_kwargs }`.
 * @example
 * ```ts
 * const s = fromHuggingFace('linear', { learningRate: 5e-5, num_warmup_steps: 100, num_training_steps: 1000 });
 * s(0);    // 0
 * s(100);  // 5e-5
 * s(1000); // 0
 * ```
 */
export function fromHuggingFace(name: string, options: HuggingFaceOptions): Schedule<HuggingFaceConfig> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`fromHuggingFace: options must be a plain object with \`learningRate\`; received ${describeValue(options)}`);
  }
  return huggingFacePreset({ ...options, name });
}

const huggingFacePresetOptionKeys = optionKeys<HuggingFacePresetOptions>({
  name: true,
  learningRate: true,
  num_warmup_steps: true,
  num_training_steps: true,
  scheduler_specific_kwargs: true,
});

/**
 * The registry factory of `'hugging-face'` configs: `fromHuggingFace` with every input in one object.
 *
 * @example
 * ```ts
 * const s = huggingFacePreset({ name: 'constant_with_warmup', learningRate: 0.1, num_warmup_steps: 10 });
 * s(5); // 0.05
 * ```
 */
export function huggingFacePreset(options: HuggingFacePresetOptions): Schedule<HuggingFaceConfig> {
  return calledAs('fromHuggingFace', () => buildHuggingFacePreset(options));
}

function buildHuggingFacePreset(options: HuggingFacePresetOptions): Schedule<HuggingFaceConfig> {
  const owner = 'fromHuggingFace';
  const checked = knownKeys(owner, options, huggingFacePresetOptionKeys, { renamed: { baseLr: 'learningRate' } });
  const name = checked.name;
  if (typeof name !== 'string') throw new TypeError(`${owner}: \`name\` must be a get_scheduler name; received ${describeValue(name)}`);
  const build = Object.hasOwn(huggingFaceBuilders, name) ? huggingFaceBuilders[name] : undefined;
  if (build === undefined) {
    if (huggingFaceMetricSchedulers.includes(name)) {
      throw new TypeError(
        `${owner}: '${name}' depends on a metric, not on the step; use huggingFacePlateau(scheduler_specific_kwargs) for reduce_lr_on_plateau`,
      );
    }
    const suggestion = closestName(name, huggingFaceSchedulerNames);
    throw new TypeError(
      `${owner}: unknown scheduler ${describeValue(name)}` +
        (suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`) +
        `; known names are ${[...huggingFaceSchedulerNames, ...huggingFaceMetricSchedulers].join(', ')}`,
    );
  }
  const learningRate = finiteNumber(owner, 'learningRate', required(owner, 'learningRate', checked.learningRate));
  const specific = checked.scheduler_specific_kwargs ?? {};
  if (typeof specific !== 'object' || Array.isArray(specific)) {
    throw new TypeError(`${name}: \`scheduler_specific_kwargs\` must be a plain object or null; received ${describeValue(specific)}`);
  }
  const model = build(name, {
    learningRate,
    num_warmup_steps: optionalSteps(name, 'num_warmup_steps', checked.num_warmup_steps),
    num_training_steps: optionalSteps(name, 'num_training_steps', checked.num_training_steps),
    specific: specific as Record<string, unknown>,
  });
  const config: HuggingFaceConfig = {
    type: 'hugging-face',
    name,
    learningRate,
    num_warmup_steps: model.num_warmup_steps,
    num_training_steps: model.num_training_steps,
    scheduler_specific_kwargs: model.scheduler_specific_kwargs,
  };
  // LambdaLR: base_lr * lr_lambda(last_epoch).
  return defineSchedule(config, (step) => learningRate * model.lambda(step));
}

/**
 * `get_scheduler('reduce_lr_on_plateau', optimizer, scheduler_specific_kwargs=…)`: transformers
 * passes the kwargs straight to PyTorch's `ReduceLROnPlateau`, so this is {@link torchPlateau}
 * with the same kwargs (`mode`, `factor`, `patience`, `threshold`, `threshold_mode`, `cooldown`,
 * `min_lr`, `eps`).
 *
 * @example
 * ```ts
 * const reducer = huggingFacePlateau({ factor: 0.5, patience: 2 });
 * let state = reducer.init();
 * for (const loss of [1, 0.9, 0.9, 0.9, 0.9]) state = reducer.update(state, loss, 0.1);
 * reducer.apply(state, 0.1); // 0.05
 * ```
 */
export function huggingFacePlateau(schedulerSpecificKwargs: TorchPlateauOptions = {}): PlateauReducer {
  return torchPlateauFor('huggingFacePlateau', schedulerSpecificKwargs);
}

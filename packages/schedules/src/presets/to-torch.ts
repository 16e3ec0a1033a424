import { fromConfig as loadConfig } from '../config.js';
import type { JsonValue, Schedule } from '../schedule.js';
import { describeValue } from '../validation.js';

/** A PyTorch scheduler equivalent to an lrkit schedule. */
export interface TorchEquivalent {
  /** PyTorch class name, for example `'StepLR'`. */
  readonly name: string;
  /** Keyword arguments, spelled as PyTorch spells them. */
  readonly args: { readonly [key: string]: JsonValue };
  /** The optimizer's `lr` to construct it with (absent for CyclicLR and OneCycleLR, which set it). */
  readonly learningRate?: number;
  /** The last `scheduler.step()` count up to which the values are identical, when they part afterwards. */
  readonly exactUntil?: number;
  /** What differs past `exactUntil`, or other conditions of the equivalence. */
  readonly note?: string;
  /** The Python line that builds it, for example `StepLR(optimizer, step_size=10, gamma=0.5)`. */
  readonly python: string;
}

type Config = Readonly<Record<string, JsonValue>>;

function python(name: string, args: Config): string {
  const text = (value: JsonValue): string => {
    if (value === null) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'string') return `'${value}'`;
    if (Array.isArray(value)) return `[${value.map(text).join(', ')}]`;
    return String(value);
  };
  const rendered = Object.entries(args).map(([key, value]) => `${key}=${text(value)}`);
  return `${name}(${['optimizer', ...rendered].join(', ')})`;
}

function equivalent(name: string, args: Config, extra: { learningRate?: number; exactUntil?: number; note?: string } = {}): TorchEquivalent {
  return { name, args, ...extra, python: python(name, args) };
}

function none(type: string, reason: string): never {
  throw new TypeError(`toTorch: a '${type}' schedule has no exact PyTorch equivalent: ${reason}`);
}

const isInteger = (value: JsonValue | undefined): value is number => typeof value === 'number' && Number.isInteger(value);
const num = (config: Config, key: string): number => config[key] as number;

/** `SequentialLR` over mapped children that share one optimizer learning rate. */
function sequential(type: string, children: readonly TorchEquivalent[], boundaries: readonly number[]): TorchEquivalent {
  if (!boundaries.every((boundary) => Number.isInteger(boundary) && boundary >= 1)) {
    none(type, `SequentialLR milestones are step() counts >= 1; received ${describeValue(boundaries)}`);
  }
  const learningRate = children[0]?.learningRate;
  children.forEach((child, index) => {
    if (child.name === 'CyclicLR' || child.name === 'OneCycleLR' || child.name === 'SequentialLR') {
      none(type, `its part ${index} maps to ${child.name}, which cannot sit inside SequentialLR`);
    }
    if (child.learningRate !== learningRate) {
      none(
        type,
        `SequentialLR's schedulers share the optimizer's lr, but its parts map to different base learning rates (${String(learningRate)} and ${String(child.learningRate)})`,
      );
    }
    if (index < children.length - 1 && child.exactUntil !== undefined) {
      const length = (boundaries[index] as number) - (index === 0 ? 0 : (boundaries[index - 1] as number));
      if (length - 1 > child.exactUntil) none(type, `its part ${index} runs past the step where ${child.name} stops matching (${child.note ?? ''})`);
    }
  });
  const last = children[children.length - 1] as TorchEquivalent;
  const args: Config = {
    schedulers: children.map((child) => ({ name: child.name, args: child.args })),
    milestones: [...boundaries],
  };
  const lastStart = boundaries[boundaries.length - 1] as number;
  return {
    name: 'SequentialLR',
    args,
    ...(learningRate === undefined ? {} : { learningRate }),
    ...(last.exactUntil === undefined ? {} : { exactUntil: lastStart + last.exactUntil, ...(last.note === undefined ? {} : { note: last.note }) }),
    python: `SequentialLR(optimizer, schedulers=[${children.map((child) => child.python).join(', ')}], milestones=[${boundaries.join(', ')}])`,
  };
}

/**
 * The PyTorch `torch.optim.lr_scheduler` scheduler that reproduces a native lrkit schedule
 * (value at step `n` = learning rate after `n` calls of `scheduler.step()`), so a schedule
 * designed in lrkit can be taken back to Python. Throws a `TypeError` naming why when no
 * exact equivalent exists.
 *
 * Mappings: `constant` → `ConstantLR(factor=1, total_iters=0)`; `step` → `StepLR`;
 * `multiStep` (integer milestones) → `MultiStepLR`; `exponential` (decaySteps 1, no
 * transitionBegin or finalValue) → `ExponentialLR`, with `staircase` and an integer
 * `decaySteps` → `StepLR`; `polynomial` (finalValue 0, no cycle, integer decaySteps) →
 * `PolynomialLR`; `linear` (values >= 0, integer steps) → `LinearLR`; `cosine` (exponent 1,
 * integer decaySteps) → `CosineAnnealingLR`, identical up to `T_max` (PyTorch rises again
 * after it); `cosineRestarts` (peakMultiplier 1, no cycleLimit, integer periods) →
 * `CosineAnnealingWarmRestarts`; `cyclic` (built-in modes) → `CyclicLR`; `oneCycle` →
 * `OneCycleLR` with `total_steps = totalSteps + 1` and `pct_start = (warmupFraction *
 * totalSteps + 1) / (totalSteps + 1)`, identical up to `totalSteps`; `join` (integer
 * boundaries, parts sharing one base learning rate) → `SequentialLR`; a linear `warmup` from
 * a positive value → `SequentialLR([LinearLR, …])`; a `'torch'` preset → itself.
 *
 * @example
 * ```ts
 * toTorch(step({ initialValue: 0.1, periodSteps: 10, factor: 0.5 }));
 * // { name: 'StepLR', args: { step_size: 10, gamma: 0.5 }, learningRate: 0.1,
 * //   python: 'StepLR(optimizer, step_size=10, gamma=0.5)' }
 * ```
 */
export function toTorch(schedule: Schedule): TorchEquivalent {
  if (typeof schedule !== 'function' || schedule.config === undefined) {
    throw new TypeError(`toTorch: \`schedule\` must be an lrkit schedule; received ${describeValue(schedule)}`);
  }
  return fromConfig(schedule.config as unknown as Config);
}

function fromConfig(config: Config): TorchEquivalent {
  const type = config.type as string;
  switch (type) {
    case 'torch': {
      if (JSON.stringify(config.args).includes('"type":"lambda"')) {
        none(type, 'it holds a JavaScript function (lr_lambda or scale_fn), which has no Python form');
      }
      const args = config.args as Config;
      const learningRate = config.learningRate as number | undefined;
      return equivalent(config.name as string, args, learningRate === undefined ? {} : { learningRate });
    }
    case 'constant':
      return equivalent('ConstantLR', { factor: 1, total_iters: 0 }, { learningRate: num(config, 'value') });
    case 'step':
      return equivalent('StepLR', { step_size: num(config, 'periodSteps'), gamma: num(config, 'factor') }, { learningRate: num(config, 'initialValue') });
    case 'multi-step': {
      const boundaries = config.boundaries as number[];
      if (!boundaries.every((boundary) => Number.isInteger(boundary))) {
        none(type, `PyTorch milestones are step() counts (integers); received ${describeValue(boundaries)}`);
      }
      return equivalent('MultiStepLR', { milestones: boundaries, gamma: num(config, 'factor') }, { learningRate: num(config, 'initialValue') });
    }
    case 'exponential': {
      if (num(config, 'transitionBegin') !== 0 || config.finalValue !== undefined) {
        none(type, 'PyTorch has no transitionBegin or finalValue for ExponentialLR');
      }
      const decaySteps = num(config, 'decaySteps');
      if (config.staircase === true && Number.isInteger(decaySteps)) {
        return equivalent('StepLR', { step_size: decaySteps, gamma: num(config, 'decayRate') }, { learningRate: num(config, 'initialValue') });
      }
      if (decaySteps !== 1) {
        none(
          type,
          `ExponentialLR multiplies by gamma once per step(), so decaySteps must be 1 (received ${decaySteps}); ` +
            `ExponentialLR(gamma=decayRate ** (1 / decaySteps)) is the nearest, equal up to rounding`,
        );
      }
      return equivalent('ExponentialLR', { gamma: num(config, 'decayRate') }, { learningRate: num(config, 'initialValue') });
    }
    case 'polynomial': {
      if (num(config, 'finalValue') !== 0 || config.cycle === true || !isInteger(config.decaySteps)) {
        none(type, 'PolynomialLR decays to 0 over an integer total_iters and never cycles');
      }
      return equivalent('PolynomialLR', { total_iters: num(config, 'decaySteps'), power: num(config, 'power') }, { learningRate: num(config, 'initialValue') });
    }
    case 'linear': {
      const initial = num(config, 'initialValue');
      const final = num(config, 'finalValue');
      if (!(initial > 0) || final < 0 || !isInteger(config.totalSteps)) {
        none(type, 'LinearLR scales a positive learning rate by factors in [0, 1] over an integer total_iters');
      }
      const base = Math.max(initial, final);
      return equivalent('LinearLR', { start_factor: initial / base, end_factor: final / base, total_iters: num(config, 'totalSteps') }, { learningRate: base });
    }
    case 'cosine': {
      if (num(config, 'exponent') !== 1 || !isInteger(config.decaySteps)) {
        none(type, 'CosineAnnealingLR has no exponent and an integer T_max');
      }
      const initial = num(config, 'initialValue');
      const decaySteps = num(config, 'decaySteps');
      return equivalent(
        'CosineAnnealingLR',
        { T_max: decaySteps, eta_min: num(config, 'finalValue') },
        {
          learningRate: initial,
          exactUntil: decaySteps,
          note: `identical for steps 0..${decaySteps}; past T_max PyTorch rises again while lrkit holds the floor, so stop at T_max`,
        },
      );
    }
    case 'cosine-restarts': {
      if (num(config, 'peakMultiplier') !== 1 || num(config, 'cycleLimit') !== 0 || !isInteger(config.periodSteps) || !isInteger(config.periodMultiplier)) {
        none(type, 'CosineAnnealingWarmRestarts has no peak multiplier or cycle limit and integer T_0 and T_mult');
      }
      const initial = num(config, 'initialValue');
      return equivalent(
        'CosineAnnealingWarmRestarts',
        { T_0: num(config, 'periodSteps'), T_mult: num(config, 'periodMultiplier'), eta_min: num(config, 'finalValue') },
        { learningRate: initial },
      );
    }
    case 'cyclic': {
      if (config.scaleFunction !== undefined) none(type, 'its scaleFunction is a JavaScript function');
      const forcedScaleMode = config.mode === 'exp-range' ? 'iterations' : 'cycle';
      if (config.scaleMode !== forcedScaleMode) {
        none(
          type,
          `PyTorch's built-in mode '${String(config.mode)}' always scales by ${forcedScaleMode === 'cycle' ? 'cycle' : 'iterations'} ` +
            `(received scaleMode '${String(config.scaleMode)}'); in Python pass the scale as scale_fn with scale_mode='${String(config.scaleMode)}'`,
        );
      }
      const cycleMomentum = config.minMomentum !== undefined && config.maxMomentum !== undefined;
      const mode = config.mode === 'exp-range' ? 'exp_range' : (config.mode as string);
      return equivalent('CyclicLR', {
        base_lr: num(config, 'initialValue'),
        max_lr: num(config, 'peakValue'),
        step_size_up: num(config, 'riseSteps'),
        step_size_down: num(config, 'fallSteps'),
        mode,
        gamma: num(config, 'gamma'),
        cycle_momentum: cycleMomentum,
        ...(cycleMomentum ? { base_momentum: num(config, 'minMomentum'), max_momentum: num(config, 'maxMomentum') } : {}),
      });
    }
    case 'one-cycle': {
      const totalSteps = num(config, 'totalSteps');
      if (!Number.isInteger(totalSteps)) none(type, `OneCycleLR needs an integer total_steps; received ${totalSteps}`);
      const warmupSteps = num(config, 'warmupFraction') * totalSteps;
      return equivalent(
        'OneCycleLR',
        {
          max_lr: num(config, 'peakValue'),
          total_steps: totalSteps + 1,
          pct_start: (warmupSteps + 1) / (totalSteps + 1),
          anneal_strategy: config.annealing as string,
          cycle_momentum: config.cycleMomentum as boolean,
          base_momentum: num(config, 'minMomentum'),
          max_momentum: num(config, 'maxMomentum'),
          div_factor: num(config, 'initialDivisor'),
          final_div_factor: num(config, 'finalDivisor'),
          three_phase: config.threePhase as boolean,
        },
        {
          exactUntil: totalSteps,
          note:
            `PyTorch's phases end one step early (pct_start * total_steps - 1, total_steps - 1), hence total_steps + 1 and the shifted pct_start; ` +
            `past step ${totalSteps} lrkit holds the minimum while PyTorch overshoots at ${totalSteps + 1} and raises after it`,
        },
      );
    }
    case 'join':
      return sequential(
        type,
        (config.schedules as Config[]).map((child) => fromConfig(child)),
        config.boundaries as number[],
      );
    case 'warmup': {
      const inner = fromConfig(config.schedule as Config);
      const warmupSteps = num(config, 'warmupSteps');
      const initial = num(config, 'initialValue');
      const base = inner.learningRate;
      const peak = loadConfig(config.schedule)(0);
      if (
        config.shape !== 'linear' ||
        base === undefined ||
        !(initial > 0 && initial <= base && peak >= 0 && peak <= base) ||
        !Number.isInteger(warmupSteps) ||
        warmupSteps < 1
      ) {
        none(
          type,
          'PyTorch warms up with LinearLR(start_factor in (0, 1]) inside SequentialLR: the warm-up must be linear, over an integer number of steps, ' +
            "from a positive initialValue no larger than the optimizer's lr (a warm-up from 0 needs start_factor 0, which LinearLR rejects)",
        );
      }
      const linearLR = equivalent('LinearLR', { start_factor: initial / base, end_factor: peak / base, total_iters: warmupSteps }, { learningRate: base });
      return sequential(type, [linearLR, inner], [warmupSteps]);
    }
    case 'keras':
      return none(type, 'convert the Keras preset to a native schedule first, or keep it in Keras');
    case 'lambda':
      return none(type, 'it is a JavaScript function');
    default:
      return none(type, 'PyTorch has no scheduler with this shape (compose LambdaLR with a Python function, or use SequentialLR for warm-up + decay)');
  }
}

import { bisectRight } from '../bisect-right.js';
/**
 * Models of the single (non-composite) PyTorch `torch.optim.lr_scheduler` classes on one
 * parameter group. Each model gives the closed form used when the scheduler runs alone
 * (`lr(n)` = the learning rate after `n` calls of `scheduler.step()`), and a port of the
 * class's chainable `get_lr` (`transition`) and of `SequentialLR`'s milestone reset
 * (`milestone`), which `SequentialLR` and `ChainedScheduler` step through.
 *
 * Source: pytorch/pytorch `torch/optim/lr_scheduler.py`.
 */
import type { JsonValue } from '../schedule.js';
import {
  booleanOption,
  describeValue,
  finiteNumber,
  knownKeys,
  nonNegativeInteger,
  nonNegativeNumber,
  numberBetween,
  oneOf,
  positiveInteger,
  positiveNumber,
  required,
} from '../validation.js';
import { argument, callNumber, defaultLastEpoch, functionArgument, integerArray, isNone, jsonArgument, pythonModulo } from './framework-arguments.js';

/** One PyTorch scheduler on one parameter group, as pure functions. */
export interface TorchModel {
  /** The class name, for example `'StepLR'`. */
  readonly name: string;
  /** The arguments with PyTorch's defaults filled in (functions as `{ type: 'lambda' }`). */
  readonly args: { readonly [key: string]: JsonValue };
  /** The learning rate after `step` calls of `scheduler.step()` when the scheduler runs alone. */
  lr(step: number): number;
  /** The momentum (or Adam beta1) after `step` calls, for schedulers that cycle momentum. */
  readonly momentum?: (step: number) => number;
  /**
   * PyTorch's `get_lr`: the new learning rate given the parameter group's current one and
   * the scheduler's new `last_epoch`; `initial` is true inside the constructor's first step.
   */
  transition(lr: number, epoch: number, initial: boolean): number;
  /** `SequentialLR` at a milestone: `_update_lr(0)` (the closed form at 0 where the class has one). */
  milestone(lr: number): number;
}

/** Builds the model of one PyTorch class from its arguments and the optimizer's learning rate. */
type TorchBuilder = (args: Record<string, unknown>, learningRate: number, context: TorchContext) => TorchModel;

/** Extra inputs some classes read. */
export interface TorchContext {
  /** Fallback for `OneCycleLR`'s `total_steps`. */
  readonly totalSteps?: number;
}

function check(name: string, args: unknown, allowed: readonly string[]): Record<string, unknown> {
  const checked = knownKeys(name, args, [...allowed, 'last_epoch']);
  defaultLastEpoch(name, checked.last_epoch);
  return checked;
}

function stepLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'StepLR';
  const a = check(name, args, ['step_size', 'gamma']);
  const periodSteps = positiveInteger(name, 'step_size', required(name, 'step_size', a.step_size));
  const gamma = nonNegativeNumber(name, 'gamma', argument(a, 'gamma', 0.1));
  return {
    name,
    args: { step_size: periodSteps, gamma },
    lr: (step) => learningRate * gamma ** Math.floor(step / periodSteps),
    transition: (lr, epoch) => (epoch === 0 || epoch % periodSteps !== 0 ? lr : lr * gamma),
    milestone: () => learningRate,
  };
}

function multiStepLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'MultiStepLR';
  const a = check(name, args, ['milestones', 'gamma']);
  const milestones = integerArray(name, 'milestones', required(name, 'milestones', a.milestones), 0);
  const gamma = nonNegativeNumber(name, 'gamma', argument(a, 'gamma', 0.1));
  // PyTorch keeps a Counter: repeated milestones multiply by gamma once per repetition.
  const sorted = [...milestones].sort((x, y) => x - y);
  const count = (epoch: number): number => milestones.filter((milestone) => milestone === epoch).length;
  return {
    name,
    args: { milestones, gamma },
    lr: (step) => learningRate * gamma ** bisectRight(sorted, step),
    transition: (lr, epoch) => (count(epoch) === 0 ? lr : lr * gamma ** count(epoch)),
    milestone: () => learningRate * gamma ** bisectRight(sorted, 0),
  };
}

function constantLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'ConstantLR';
  const a = check(name, args, ['factor', 'total_iters']);
  const factor = numberBetween(name, 'factor', argument(a, 'factor', 1 / 3), 0, 1);
  if (factor === 0) {
    throw new RangeError(`${name}: \`factor\` must be a number in (0, 1] (PyTorch divides by it at \`total_iters\`); received 0`);
  }
  const totalIters = nonNegativeInteger(name, 'total_iters', argument(a, 'total_iters', 5));
  return {
    name,
    args: { factor, total_iters: totalIters },
    // With total_iters = 0 the first step multiplies by factor and nothing ever divides.
    lr: (step) => (totalIters > 0 && step >= totalIters ? learningRate : learningRate * factor),
    transition: (lr, epoch) => {
      if (epoch === 0) return lr * factor;
      if (epoch !== totalIters) return lr;
      return lr * (1 / factor);
    },
    milestone: () => learningRate * (factor + (0 >= totalIters ? 1 : 0) * (1 - factor)),
  };
}

function linearLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'LinearLR';
  const a = check(name, args, ['start_factor', 'end_factor', 'total_iters']);
  const startFactor = numberBetween(name, 'start_factor', argument(a, 'start_factor', 1 / 3), 0, 1);
  if (startFactor === 0) {
    throw new RangeError(`${name}: \`start_factor\` must be a number in (0, 1]; received 0`);
  }
  const endFactor = numberBetween(name, 'end_factor', argument(a, 'end_factor', 1), 0, 1);
  const totalIters = positiveInteger(name, 'total_iters', argument(a, 'total_iters', 5));
  const closed = (step: number): number => learningRate * (startFactor + ((endFactor - startFactor) * Math.min(totalIters, step)) / totalIters);
  return {
    name,
    args: { start_factor: startFactor, end_factor: endFactor, total_iters: totalIters },
    lr: closed,
    transition: (lr, epoch, initial) => {
      if (epoch === 0) return lr * startFactor;
      if (initial || epoch > totalIters) return lr;
      return lr * (1 + (endFactor - startFactor) / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    },
    milestone: () => closed(0),
  };
}

function exponentialLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'ExponentialLR';
  const a = check(name, args, ['gamma']);
  const gamma = nonNegativeNumber(name, 'gamma', required(name, 'gamma', a.gamma));
  return {
    name,
    args: { gamma },
    lr: (step) => learningRate * gamma ** step,
    transition: (lr, _epoch, initial) => (initial ? lr : lr * gamma),
    milestone: () => learningRate,
  };
}

function polynomialLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'PolynomialLR';
  const a = check(name, args, ['total_iters', 'power']);
  const totalIters = positiveInteger(name, 'total_iters', argument(a, 'total_iters', 5));
  const power = nonNegativeNumber(name, 'power', argument(a, 'power', 1));
  return {
    name,
    args: { total_iters: totalIters, power },
    lr: (step) => learningRate * (1 - Math.min(totalIters, step) / totalIters) ** power,
    transition: (lr, epoch, initial) => {
      if (initial || epoch > totalIters) return lr;
      return lr * ((1 - epoch / totalIters) / (1 - (epoch - 1) / totalIters)) ** power;
    },
    milestone: () => learningRate,
  };
}

function cosineAnnealingLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'CosineAnnealingLR';
  const a = check(name, args, ['T_max', 'eta_min']);
  const tMax = positiveNumber(name, 'T_max', required(name, 'T_max', a.T_max));
  const etaMin = finiteNumber(name, 'eta_min', argument(a, 'eta_min', 0));
  return {
    name,
    args: { T_max: tMax, eta_min: etaMin },
    // The recursive form follows the periodic closed form: past T_max it rises again.
    lr: (step) => etaMin + ((learningRate - etaMin) * (1 + Math.cos((Math.PI * step) / tMax))) / 2,
    transition: (lr, epoch, initial) => {
      if (initial) return lr;
      if (pythonModulo(epoch - 1 - tMax, 2 * tMax) === 0) {
        return lr + ((learningRate - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      }
      return ((1 + Math.cos((Math.PI * epoch) / tMax)) / (1 + Math.cos((Math.PI * (epoch - 1)) / tMax))) * (lr - etaMin) + etaMin;
    },
    milestone: () => learningRate,
  };
}

function cosineAnnealingWarmRestarts(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'CosineAnnealingWarmRestarts';
  const a = check(name, args, ['T_0', 'T_mult', 'eta_min']);
  const t0 = positiveInteger(name, 'T_0', required(name, 'T_0', a.T_0));
  const tMult = positiveInteger(name, 'T_mult', argument(a, 'T_mult', 1));
  const etaMin = finiteNumber(name, 'eta_min', argument(a, 'eta_min', 0));
  const lr = (step: number): number => {
    // Where `scheduler.step()` called `step` times leaves T_cur and T_i (exact integer cycles).
    let start = 0;
    let period = t0;
    if (tMult === 1) {
      start = t0 * Math.floor(step / t0);
    } else {
      while (step >= start + period) {
        start += period;
        period *= tMult;
      }
    }
    return etaMin + ((learningRate - etaMin) * (1 + Math.cos((Math.PI * (step - start)) / period))) / 2;
  };
  return {
    name,
    args: { T_0: t0, T_mult: tMult, eta_min: etaMin },
    lr,
    transition: (_lr, epoch) => lr(epoch),
    milestone: () => lr(0),
  };
}

function lambdaLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'LambdaLR';
  const a = check(name, args, ['lr_lambda']);
  const fn = functionArgument<(epoch: number) => unknown>(name, 'lr_lambda', required(name, 'lr_lambda', a.lr_lambda));
  const value = (epoch: number): number => learningRate * callNumber(name, 'lr_lambda', fn, epoch);
  return {
    name,
    args: { lr_lambda: jsonArgument(fn) },
    lr: (step) => value(Math.floor(step)),
    transition: (_lr, epoch) => value(epoch),
    milestone: () => value(0),
  };
}

function multiplicativeLR(args: Record<string, unknown>, learningRate: number): TorchModel {
  const name = 'MultiplicativeLR';
  const a = check(name, args, ['lr_lambda']);
  const fn = functionArgument<(epoch: number) => unknown>(name, 'lr_lambda', required(name, 'lr_lambda', a.lr_lambda));
  const factor = (epoch: number): number => callNumber(name, 'lr_lambda', fn, epoch);
  const products = [learningRate];
  return {
    name,
    args: { lr_lambda: jsonArgument(fn) },
    lr: (step) => {
      const whole = Math.floor(step);
      for (let epoch = products.length; epoch <= whole; epoch += 1) {
        products.push((products[epoch - 1] as number) * factor(epoch));
      }
      return products[whole] as number;
    },
    transition: (lr, epoch, initial) => (initial ? lr : lr * factor(epoch)),
    milestone: (lr) => lr * factor(0),
  };
}

function notComposable(name: string): (lr: number) => never {
  return () => {
    throw new TypeError(`${name} cannot be stepped inside SequentialLR or ChainedScheduler`);
  };
}

function cyclicLR(args: Record<string, unknown>): TorchModel {
  const name = 'CyclicLR';
  const a = check(name, args, [
    'base_lr',
    'max_lr',
    'step_size_up',
    'step_size_down',
    'mode',
    'gamma',
    'scale_fn',
    'scale_mode',
    'cycle_momentum',
    'base_momentum',
    'max_momentum',
  ]);
  const lowerBoundary = finiteNumber(name, 'base_lr', required(name, 'base_lr', a.base_lr));
  const upperBoundary = finiteNumber(name, 'max_lr', required(name, 'max_lr', a.max_lr));
  const riseSteps = positiveNumber(name, 'step_size_up', argument(a, 'step_size_up', 2000));
  const fallSteps = isNone(a.step_size_down) ? riseSteps : nonNegativeNumber(name, 'step_size_down', a.step_size_down);
  const customScale = isNone(a.scale_fn) ? undefined : functionArgument<(x: number) => unknown>(name, 'scale_fn', a.scale_fn);
  const mode =
    customScale === undefined
      ? oneOf(name, 'mode', argument(a, 'mode', 'triangular'), ['triangular', 'triangular2', 'exp_range'] as const)
      : (() => {
          const given = argument(a, 'mode', 'triangular');
          if (typeof given !== 'string') throw new TypeError(`${name}: \`mode\` must be a string; received ${describeValue(given)}`);
          return given;
        })();
  const gamma = finiteNumber(name, 'gamma', argument(a, 'gamma', 1));
  const givenScaleMode = oneOf(name, 'scale_mode', argument(a, 'scale_mode', 'cycle'), ['cycle', 'iterations'] as const);
  const cycleMomentum = booleanOption(name, 'cycle_momentum', argument(a, 'cycle_momentum', true));
  const minMomentum = finiteNumber(name, 'base_momentum', argument(a, 'base_momentum', 0.8));
  const maxMomentum = finiteNumber(name, 'max_momentum', argument(a, 'max_momentum', 0.9));

  // _init_scale_fn: the built-in modes force their scale_mode; a custom scale_fn keeps the given one.
  const scaleMode = customScale !== undefined ? givenScaleMode : mode === 'exp_range' ? 'iterations' : 'cycle';
  const scale = (x: number): number => {
    if (customScale !== undefined) return callNumber(name, 'scale_fn', customScale, x);
    if (mode === 'triangular') return 1;
    if (mode === 'triangular2') return 1 / 2 ** (x - 1);
    return gamma ** x;
  };
  const totalSize = riseSteps + fallSteps;
  const stepRatio = riseSteps / totalSize;
  const position = (step: number): { scaleFactor: number; scaleInput: number } => {
    const cycle = Math.floor(1 + step / totalSize);
    const x = 1 + step / totalSize - cycle;
    const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    return { scaleFactor, scaleInput: scaleMode === 'cycle' ? cycle : step };
  };
  const lr = (step: number): number => {
    const { scaleFactor, scaleInput } = position(step);
    return lowerBoundary + (upperBoundary - lowerBoundary) * scaleFactor * scale(scaleInput);
  };
  const momentum = (step: number): number => {
    const { scaleFactor, scaleInput } = position(step);
    return maxMomentum - (maxMomentum - minMomentum) * scaleFactor * scale(scaleInput);
  };
  const model: TorchModel = {
    name,
    args: {
      base_lr: lowerBoundary,
      max_lr: upperBoundary,
      step_size_up: riseSteps,
      step_size_down: isNone(a.step_size_down) ? null : fallSteps,
      mode,
      gamma,
      scale_fn: customScale === undefined ? null : jsonArgument(customScale),
      scale_mode: givenScaleMode,
      cycle_momentum: cycleMomentum,
      base_momentum: minMomentum,
      max_momentum: maxMomentum,
    },
    lr,
    transition: notComposable(name),
    milestone: notComposable(name),
  };
  return cycleMomentum ? { ...model, momentum } : model;
}

function oneCycleLR(args: Record<string, unknown>, _learningRate: number, context: TorchContext): TorchModel {
  const name = 'OneCycleLR';
  const a = check(name, args, [
    'max_lr',
    'total_steps',
    'epochs',
    'steps_per_epoch',
    'pct_start',
    'anneal_strategy',
    'cycle_momentum',
    'base_momentum',
    'max_momentum',
    'div_factor',
    'final_div_factor',
    'three_phase',
  ]);
  const maxLr = finiteNumber(name, 'max_lr', required(name, 'max_lr', a.max_lr));
  let totalSteps: number;
  if (!isNone(a.total_steps)) {
    totalSteps = positiveInteger(name, 'total_steps', a.total_steps);
  } else if (!isNone(a.epochs) && !isNone(a.steps_per_epoch)) {
    totalSteps = positiveInteger(name, 'epochs', a.epochs) * positiveInteger(name, 'steps_per_epoch', a.steps_per_epoch);
  } else if (context.totalSteps !== undefined) {
    totalSteps = context.totalSteps;
  } else {
    throw new TypeError(
      `${name}: You must define either total_steps OR (epochs AND steps_per_epoch) (or pass { totalSteps } to fromTorch); received ${describeValue(args)}`,
    );
  }
  const pctStart = numberBetween(name, 'pct_start', argument(a, 'pct_start', 0.3), 0, 1);
  const annealStrategy = oneOf(name, 'anneal_strategy', argument(a, 'anneal_strategy', 'cos'), ['cos', 'linear'] as const);
  const cycleMomentum = booleanOption(name, 'cycle_momentum', argument(a, 'cycle_momentum', true));
  const minMomentum = finiteNumber(name, 'base_momentum', argument(a, 'base_momentum', 0.85));
  const maxMomentum = finiteNumber(name, 'max_momentum', argument(a, 'max_momentum', 0.95));
  const divFactor = positiveNumber(name, 'div_factor', argument(a, 'div_factor', 25));
  const finalDivFactor = positiveNumber(name, 'final_div_factor', argument(a, 'final_div_factor', 1e4));
  const threePhase = booleanOption(name, 'three_phase', argument(a, 'three_phase', false));

  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  type Phase = readonly [endStep: number, startLr: number, endLr: number, startMomentum: number, endMomentum: number];
  const phases: readonly Phase[] = threePhase
    ? [
        [pctStart * totalSteps - 1, initialLr, maxLr, maxMomentum, minMomentum],
        [2 * pctStart * totalSteps - 2, maxLr, initialLr, minMomentum, maxMomentum],
        [totalSteps - 1, initialLr, minLr, maxMomentum, maxMomentum],
      ]
    : [
        [pctStart * totalSteps - 1, initialLr, maxLr, maxMomentum, minMomentum],
        [totalSteps - 1, maxLr, minLr, minMomentum, maxMomentum],
      ];
  const anneal = (start: number, end: number, pct: number): number =>
    annealStrategy === 'cos' ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  const evaluate = (step: number, which: 'lr' | 'momentum'): number => {
    if (step > totalSteps) {
      throw new RangeError(`${name}: Tried to step ${step} times. The specified number of total steps is ${totalSteps}`);
    }
    let startStep = 0;
    for (const [index, phase] of phases.entries()) {
      const [endStep, startLr, endLr, startMomentum, endMomentum] = phase;
      if (step <= endStep || index === phases.length - 1) {
        if (endStep === startStep) {
          throw new RangeError(
            `${name}: phase ${index + 1} has zero length at step ${step} (pct_start * total_steps = ${pctStart * totalSteps}); PyTorch raises ZeroDivisionError`,
          );
        }
        const pct = (step - startStep) / (endStep - startStep);
        return which === 'lr' ? anneal(startLr, endLr, pct) : anneal(startMomentum, endMomentum, pct);
      }
      startStep = endStep;
    }
    /* c8 ignore next */
    throw new RangeError(`${name}: no phase for step ${step}`);
  };
  evaluate(0, 'lr'); // PyTorch's constructor takes the first step: surface its errors now.
  const model: TorchModel = {
    name,
    args: {
      max_lr: maxLr,
      total_steps: isNone(a.total_steps) ? null : totalSteps,
      epochs: isNone(a.epochs) ? null : (a.epochs as number),
      steps_per_epoch: isNone(a.steps_per_epoch) ? null : (a.steps_per_epoch as number),
      pct_start: pctStart,
      anneal_strategy: annealStrategy,
      cycle_momentum: cycleMomentum,
      base_momentum: minMomentum,
      max_momentum: maxMomentum,
      div_factor: divFactor,
      final_div_factor: finalDivFactor,
      three_phase: threePhase,
    },
    lr: (step) => evaluate(step, 'lr'),
    transition: notComposable(name),
    milestone: notComposable(name),
  };
  return cycleMomentum ? { ...model, momentum: (step: number) => evaluate(step, 'momentum') } : model;
}

/** Every single PyTorch scheduler by class name. */
export const torchSchedulers: Readonly<Record<string, TorchBuilder>> = {
  LambdaLR: lambdaLR,
  MultiplicativeLR: multiplicativeLR,
  StepLR: stepLR,
  MultiStepLR: multiStepLR,
  ConstantLR: constantLR,
  LinearLR: linearLR,
  ExponentialLR: exponentialLR,
  PolynomialLR: polynomialLR,
  CosineAnnealingLR: cosineAnnealingLR,
  CosineAnnealingWarmRestarts: cosineAnnealingWarmRestarts,
  CyclicLR: cyclicLR,
  OneCycleLR: oneCycleLR,
};

/** Classes that set the learning rate themselves and cannot sit in SequentialLR / ChainedScheduler here. */
export const standaloneOnly: readonly string[] = ['CyclicLR', 'OneCycleLR'];

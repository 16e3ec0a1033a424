/**
 * TEST SUPPORT ONLY (not exported from the package): ports of Keras 3
 * `keras/src/optimizers/schedules/learning_rate_schedule.py` (`__call__` of each schedule,
 * with the tensor ops written as plain arithmetic in float64) and of
 * `keras/src/callbacks/reduce_lr_on_plateau.py` (`on_epoch_end`, re-exported from
 * `@lrkit/framework-references/plateau`, its one home, shared with the tfjs tests).
 */

export function exponentialDecay(c: { initial_learning_rate: number; decay_steps: number; decay_rate: number; staircase?: boolean }) {
  return (step: number): number => {
    let p = step / c.decay_steps;
    if (c.staircase) p = Math.floor(p);
    return c.initial_learning_rate * Math.pow(c.decay_rate, p);
  };
}

export function piecewiseConstantDecay(c: { boundaries: number[]; values: number[] }) {
  return (step: number): number => {
    const b = c.boundaries;
    const v = c.values;
    let result = 0;
    result += (step <= (b[0] as number) ? 1 : 0) * (v[0] as number);
    result += (step > (b[b.length - 1] as number) ? 1 : 0) * (v[v.length - 1] as number);
    for (let i = 0; i < b.length - 1; i += 1) {
      const low = b[i] as number;
      const high = b[i + 1] as number;
      result += (step > low && step <= high ? 1 : 0) * (v[i + 1] as number);
    }
    return result;
  };
}

export function polynomialDecay(c: { initial_learning_rate: number; decay_steps: number; end_learning_rate?: number; power?: number; cycle?: boolean }) {
  const end = c.end_learning_rate ?? 0.0001;
  const power = c.power ?? 1;
  return (step: number): number => {
    let globalStep = step;
    let decaySteps = c.decay_steps;
    if (c.cycle) {
      const multiplier = globalStep === 0 ? 1 : Math.ceil(globalStep / c.decay_steps);
      decaySteps = decaySteps * multiplier;
    } else {
      globalStep = Math.min(globalStep, decaySteps);
    }
    const p = globalStep / decaySteps;
    return (c.initial_learning_rate - end) * Math.pow(1 - p, power) + end;
  };
}

export function inverseTimeDecay(c: { initial_learning_rate: number; decay_steps: number; decay_rate: number; staircase?: boolean }) {
  return (step: number): number => {
    let p = step / c.decay_steps;
    if (c.staircase) p = Math.floor(p);
    return c.initial_learning_rate / (1 + c.decay_rate * p);
  };
}

export function cosineDecay(c: { initial_learning_rate: number; decay_steps: number; alpha?: number; warmup_target?: number | null; warmup_steps?: number }) {
  const alpha = c.alpha ?? 0;
  const decayFunction = (step: number, decaySteps: number, from: number): number => {
    const completed = step / decaySteps;
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * completed));
    return from * ((1 - alpha) * cosineDecayed + alpha);
  };
  return (step: number): number => {
    if (c.warmup_target === undefined || c.warmup_target === null) {
      return decayFunction(Math.min(step, c.decay_steps), c.decay_steps, c.initial_learning_rate);
    }
    const warmupSteps = c.warmup_steps ?? 0;
    const globalStep = Math.min(step, c.decay_steps + warmupSteps);
    if (globalStep < warmupSteps) {
      const completed = globalStep / warmupSteps;
      return (c.warmup_target - c.initial_learning_rate) * completed + c.initial_learning_rate;
    }
    return decayFunction(globalStep - warmupSteps, c.decay_steps, c.warmup_target);
  };
}

export function cosineDecayRestarts(c: { initial_learning_rate: number; first_decay_steps: number; t_mul?: number; m_mul?: number; alpha?: number }) {
  const tMul = c.t_mul ?? 2;
  const mMul = c.m_mul ?? 1;
  const alpha = c.alpha ?? 0;
  return (step: number): number => {
    let completed = step / c.first_decay_steps;
    let iRestart: number;
    if (tMul === 1) {
      iRestart = Math.floor(completed);
      completed -= iRestart;
    } else {
      iRestart = Math.floor(Math.log(1 - completed * (1 - tMul)) / Math.log(tMul));
      const sumR = (1 - Math.pow(tMul, iRestart)) / (1 - tMul);
      completed = (completed - sumR) / Math.pow(tMul, iRestart);
    }
    const mFac = Math.pow(mMul, iRestart);
    const cosineDecayed = 0.5 * mFac * (1 + Math.cos(Math.PI * completed));
    return c.initial_learning_rate * ((1 - alpha) * cosineDecayed + alpha);
  };
}

export { KerasReduceLROnPlateau } from '@lrkit/framework-references/plateau';

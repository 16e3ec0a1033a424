/**
 * TEST SUPPORT ONLY (not exported from the package): a line-by-line port of the stateful
 * PyTorch schedulers in pytorch/pytorch `torch/optim/lr_scheduler.py` (LRScheduler with
 * `_initial_step`, `_is_initial`, `_update_lr`, the chainable `get_lr` of every class,
 * SequentialLR, ChainedScheduler; ReduceLROnPlateau is re-exported from
 * `@lrkit/framework-references/plateau`, its one home), driving a one-group fake optimizer.
 * The presets are tested against the learning rates this port produces step by step.
 */

export interface ParamGroup {
  lr: number;
  initial_lr?: number;
  momentum?: number;
  betas?: [number, number];
  max_lr?: number;
  min_lr?: number;
  max_momentum?: number;
  base_momentum?: number;
}

export class Optimizer {
  readonly param_groups: ParamGroup[];
  readonly defaults: Record<string, unknown>;
  constructor(lr: number, kind: 'sgd' | 'adam' = 'sgd') {
    this.param_groups = [kind === 'adam' ? { lr, betas: [0.9, 0.999] } : { lr, momentum: 0 }];
    this.defaults = kind === 'adam' ? { lr, betas: [0.9, 0.999] } : { lr, momentum: 0 };
  }
  get group(): ParamGroup {
    return this.param_groups[0] as ParamGroup;
  }
}

const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

export abstract class LRScheduler {
  optimizer: Optimizer;
  base_lrs: number[] = [];
  last_epoch = -1;
  _step_count = 0;
  _is_initial = false;
  _last_lr: number[] = [];

  constructor(optimizer: Optimizer, deferInit = false) {
    this.optimizer = optimizer;
    if (!deferInit) this.init();
  }

  protected init(): void {
    for (const group of this.optimizer.param_groups) {
      if (group.initial_lr === undefined) group.initial_lr = group.lr;
    }
    this.base_lrs = this.optimizer.param_groups.map((group) => group.initial_lr as number);
    this.last_epoch = -1;
    this._initial_step();
  }

  _initial_step(): void {
    this._step_count = 0;
    this._is_initial = true;
    try {
      this.step();
    } finally {
      this._is_initial = false;
    }
  }

  abstract get_lr(): number[];

  step(): void {
    this._step_count += 1;
    this._update_lr();
  }

  _update_lr(epoch?: number): void {
    let values: number[];
    if (epoch === undefined) {
      this.last_epoch += 1;
      values = this.get_lr();
    } else {
      this.last_epoch = epoch;
      values = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
    }
    this.optimizer.param_groups.forEach((group, index) => {
      group.lr = values[index] as number;
    });
    this._last_lr = this.optimizer.param_groups.map((group) => group.lr);
  }

  _get_closed_form_lr?(): number[];

  get_last_lr(): number[] {
    return this._last_lr;
  }

  protected lrs(): number[] {
    return this.optimizer.param_groups.map((group) => group.lr);
  }
}

export class LambdaLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly lr_lambda: (epoch: number) => number,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    return this.base_lrs.map((base) => base * this.lr_lambda(this.last_epoch));
  }
}

export class MultiplicativeLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly lr_lambda: (epoch: number) => number,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (!this._is_initial) return this.optimizer.param_groups.map((group) => group.lr * this.lr_lambda(this.last_epoch));
    return this.lrs();
  }
}

export class StepLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly step_size: number,
    readonly gamma = 0.1,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
  override _get_closed_form_lr = (): number[] => this.base_lrs.map((base) => base * this.gamma ** Math.floor(this.last_epoch / this.step_size));
}

export class MultiStepLR extends LRScheduler {
  readonly counts = new Map<number, number>();
  constructor(
    optimizer: Optimizer,
    readonly milestones: number[],
    readonly gamma = 0.1,
  ) {
    super(optimizer, true);
    for (const milestone of milestones) this.counts.set(milestone, (this.counts.get(milestone) ?? 0) + 1);
    this.init();
  }
  get_lr(): number[] {
    const count = this.counts.get(this.last_epoch);
    if (count === undefined) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma ** count);
  }
  override _get_closed_form_lr = (): number[] => {
    const passed = this.milestones.filter((milestone) => milestone <= this.last_epoch).length;
    return this.base_lrs.map((base) => base * this.gamma ** passed);
  };
}

export class ConstantLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly factor = 1 / 3,
    readonly total_iters = 5,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs().map((lr) => lr * this.factor);
    if (this.last_epoch !== this.total_iters) return this.lrs();
    return this.lrs().map((lr) => lr * (1 / this.factor));
  }
  override _get_closed_form_lr = (): number[] =>
    this.base_lrs.map((base) => base * (this.factor + (this.last_epoch >= this.total_iters ? 1 : 0) * (1 - this.factor)));
}

export class LinearLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly start_factor = 1 / 3,
    readonly end_factor = 1,
    readonly total_iters = 5,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs().map((lr) => lr * this.start_factor);
    if (this._is_initial || this.last_epoch > this.total_iters) return this.lrs();
    return this.lrs().map(
      (lr) =>
        lr *
        (1 + (this.end_factor - this.start_factor) / (this.total_iters * this.start_factor + (this.last_epoch - 1) * (this.end_factor - this.start_factor))),
    );
  }
  override _get_closed_form_lr = (): number[] =>
    this.base_lrs.map(
      (base) => base * (this.start_factor + ((this.end_factor - this.start_factor) * Math.min(this.total_iters, this.last_epoch)) / this.total_iters),
    );
}

export class ExponentialLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly gamma: number,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this._is_initial) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
  override _get_closed_form_lr = (): number[] => this.base_lrs.map((base) => base * this.gamma ** this.last_epoch);
}

export class PolynomialLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly total_iters = 5,
    readonly power = 1,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this._is_initial || this.last_epoch > this.total_iters) return this.lrs();
    const decay = ((1 - this.last_epoch / this.total_iters) / (1 - (this.last_epoch - 1) / this.total_iters)) ** this.power;
    return this.lrs().map((lr) => lr * decay);
  }
  override _get_closed_form_lr = (): number[] =>
    this.base_lrs.map((base) => base * (1 - Math.min(this.total_iters, this.last_epoch) / this.total_iters) ** this.power);
}

export class CosineAnnealingLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    readonly T_max: number,
    readonly eta_min = 0,
  ) {
    super(optimizer, true);
    this.init();
  }
  get_lr(): number[] {
    if (this._is_initial) return this.lrs();
    if (this._step_count === 1 && this.last_epoch > 0) {
      return this.base_lrs.map((base) => this.eta_min + ((base - this.eta_min) * (1 + Math.cos((this.last_epoch * Math.PI) / this.T_max))) / 2);
    }
    if (pyMod(this.last_epoch - 1 - this.T_max, 2 * this.T_max) === 0) {
      return this.lrs().map((lr, index) => lr + (((this.base_lrs[index] as number) - this.eta_min) * (1 - Math.cos(Math.PI / this.T_max))) / 2);
    }
    return this.lrs().map(
      (lr) =>
        ((1 + Math.cos((Math.PI * this.last_epoch) / this.T_max)) / (1 + Math.cos((Math.PI * (this.last_epoch - 1)) / this.T_max))) * (lr - this.eta_min) +
        this.eta_min,
    );
  }
  override _get_closed_form_lr = (): number[] =>
    this.base_lrs.map((base) => this.eta_min + ((base - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
}

export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_i: number;
  T_cur: number;
  constructor(
    optimizer: Optimizer,
    readonly T_0: number,
    readonly T_mult = 1,
    readonly eta_min = 0,
  ) {
    super(optimizer, true);
    this.T_i = T_0;
    this.T_cur = -1;
    this.init();
  }
  get_lr(): number[] {
    return this.base_lrs.map((base) => this.eta_min + ((base - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }
  override step(epoch?: number): void {
    this._step_count += 1;
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur % this.T_i;
        this.T_i = this.T_i * this.T_mult;
      }
    } else if (epoch >= this.T_0) {
      if (this.T_mult === 1) {
        this.T_cur = epoch % this.T_0;
      } else {
        const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
        this.T_cur = epoch - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
        this.T_i = this.T_0 * this.T_mult ** n;
      }
    } else {
      this.T_i = this.T_0;
      this.T_cur = epoch;
    }
    this.last_epoch = Math.floor(epoch);
    this.optimizer.param_groups.forEach((group, index) => {
      group.lr = this.get_lr()[index] as number;
    });
    this._last_lr = this.lrs();
  }
}

export class CyclicLR extends LRScheduler {
  readonly max_lrs: number[];
  readonly total_size: number;
  readonly step_ratio: number;
  readonly scale_mode: 'cycle' | 'iterations';
  readonly use_beta1: boolean;
  readonly base_momentums: number[] = [];
  readonly max_momentums: number[] = [];
  private readonly baseLrsArgument: number[];
  constructor(
    optimizer: Optimizer,
    base_lr: number,
    max_lr: number,
    step_size_up = 2000,
    step_size_down: number | null = null,
    readonly mode: 'triangular' | 'triangular2' | 'exp_range' = 'triangular',
    readonly gamma = 1,
    readonly scale_fn: ((x: number) => number) | null = null,
    scale_mode: 'cycle' | 'iterations' = 'cycle',
    readonly cycle_momentum = true,
    base_momentum = 0.8,
    max_momentum = 0.9,
  ) {
    super(optimizer, true);
    this.baseLrsArgument = [base_lr];
    optimizer.group.lr = base_lr;
    this.max_lrs = [max_lr];
    const up = step_size_up;
    const down = step_size_down ?? up;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.scale_mode = scale_fn !== null ? scale_mode : mode === 'exp_range' ? 'iterations' : 'cycle';
    this.use_beta1 = 'betas' in optimizer.defaults;
    if (cycle_momentum) {
      this.base_momentums = [base_momentum];
      this.max_momentums = [max_momentum];
      const group = optimizer.group;
      if (this.use_beta1) group.betas = [max_momentum, (group.betas as [number, number])[1]];
      else group.momentum = max_momentum;
      group.max_momentum = max_momentum;
      group.base_momentum = base_momentum;
    }
    this.init();
    this.base_lrs = this.baseLrsArgument;
  }
  private scale(x: number): number {
    if (this.scale_fn !== null) return this.scale_fn(x);
    if (this.mode === 'triangular') return 1;
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    return this.gamma ** x;
  }
  get_lr(): number[] {
    const baseLrs = this.base_lrs.length > 0 ? this.base_lrs : this.baseLrsArgument;
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1 + this.last_epoch / this.total_size - cycle;
    const scaleFactor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const input = this.scale_mode === 'cycle' ? cycle : this.last_epoch;
    const lrs = baseLrs.map((base, index) => base + ((this.max_lrs[index] as number) - base) * scaleFactor * this.scale(input));
    if (this.cycle_momentum) {
      this.base_momentums.forEach((base_momentum, index) => {
        const max_momentum = this.max_momentums[index] as number;
        const momentum = max_momentum - (max_momentum - base_momentum) * scaleFactor * this.scale(input);
        const group = this.optimizer.param_groups[index] as ParamGroup;
        if (this.use_beta1) group.betas = [momentum, (group.betas as [number, number])[1]];
        else group.momentum = momentum;
      });
    }
    return lrs;
  }
}

interface Phase {
  end_step: number;
  start_lr: 'initial_lr' | 'max_lr' | 'min_lr';
  end_lr: 'initial_lr' | 'max_lr' | 'min_lr';
  start_momentum: 'max_momentum' | 'base_momentum';
  end_momentum: 'max_momentum' | 'base_momentum';
}

export class OneCycleLR extends LRScheduler {
  readonly total_steps: number;
  readonly phases: Phase[];
  readonly use_beta1: boolean;
  constructor(
    optimizer: Optimizer,
    options: {
      max_lr: number;
      total_steps: number;
      pct_start?: number;
      anneal_strategy?: 'cos' | 'linear';
      cycle_momentum?: boolean;
      base_momentum?: number;
      max_momentum?: number;
      div_factor?: number;
      final_div_factor?: number;
      three_phase?: boolean;
    },
  ) {
    super(optimizer, true);
    const pct = options.pct_start ?? 0.3;
    this.total_steps = options.total_steps;
    this.anneal = options.anneal_strategy ?? 'cos';
    this.cycle_momentum = options.cycle_momentum ?? true;
    this.phases = options.three_phase
      ? [
          { end_step: pct * this.total_steps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: 2 * pct * this.total_steps - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
          { end_step: this.total_steps - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
        ]
      : [
          { end_step: pct * this.total_steps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: this.total_steps - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        ];
    const group = optimizer.group;
    group.initial_lr = options.max_lr / (options.div_factor ?? 25);
    group.max_lr = options.max_lr;
    group.min_lr = group.initial_lr / (options.final_div_factor ?? 1e4);
    this.use_beta1 = 'betas' in optimizer.defaults;
    if (this.cycle_momentum) {
      const maxMomentum = options.max_momentum ?? 0.95;
      if (this.use_beta1) group.betas = [maxMomentum, (group.betas as [number, number])[1]];
      else group.momentum = maxMomentum;
      group.max_momentum = maxMomentum;
      group.base_momentum = options.base_momentum ?? 0.85;
    }
    this.init();
  }
  readonly anneal: 'cos' | 'linear';
  readonly cycle_momentum: boolean;
  private annealFunction(start: number, end: number, pct: number): number {
    if (this.anneal === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }
  get_lr(): number[] {
    const step = this.last_epoch;
    if (step > this.total_steps) {
      throw new Error(`Tried to step ${step} times. The specified number of total steps is ${this.total_steps}`);
    }
    return this.optimizer.param_groups.map((group) => {
      let start = 0;
      let lr = Number.NaN;
      let momentum = Number.NaN;
      for (const [index, phase] of this.phases.entries()) {
        if (step <= phase.end_step || index === this.phases.length - 1) {
          const pct = (step - start) / (phase.end_step - start);
          lr = this.annealFunction(group[phase.start_lr] as number, group[phase.end_lr] as number, pct);
          momentum = this.annealFunction(group[phase.start_momentum] as number, group[phase.end_momentum] as number, pct);
          break;
        }
        start = phase.end_step;
      }
      if (this.cycle_momentum) {
        if (this.use_beta1) group.betas = [momentum, (group.betas as [number, number])[1]];
        else group.momentum = momentum;
      }
      return lr;
    });
  }
}

type Composite = SequentialLR | ChainedScheduler;

export class SequentialLR {
  last_epoch: number;
  _last_lr: number[];
  constructor(
    readonly optimizer: Optimizer,
    readonly _schedulers: LRScheduler[],
    readonly _milestones: number[],
  ) {
    this.last_epoch = -1 + 1;
    for (const group of optimizer.param_groups) group.lr = group.initial_lr as number;
    for (const scheduler of _schedulers) scheduler.last_epoch -= 1;
    (_schedulers[0] as LRScheduler)._initial_step();
    this._last_lr = (_schedulers[0] as LRScheduler).get_last_lr();
  }
  step(): void {
    this.last_epoch += 1;
    let index = 0;
    while (index < this._milestones.length && (this._milestones[index] as number) <= this.last_epoch) index += 1;
    const scheduler = this._schedulers[index] as LRScheduler;
    if (index > 0 && this._milestones[index - 1] === this.last_epoch) scheduler._update_lr(0);
    else scheduler.step();
    this._last_lr = scheduler.get_last_lr();
  }
}

export class ChainedScheduler {
  _last_lr: number[];
  constructor(
    readonly _schedulers: LRScheduler[],
    readonly optimizer: Optimizer,
  ) {
    this._last_lr = optimizer.param_groups.map((group) => group.lr);
  }
  step(): void {
    for (const scheduler of this._schedulers) scheduler.step();
    this._last_lr = this.optimizer.param_groups.map((group) => group.lr);
  }
}

/** The learning rate right after construction and after each of `steps` calls of `step()`. */
export function runScheduler(scheduler: LRScheduler | Composite, optimizer: Optimizer, steps: number): number[] {
  const values = [optimizer.group.lr];
  for (let step = 1; step <= steps; step += 1) {
    scheduler.step();
    values.push(optimizer.group.lr);
  }
  return values;
}

/** Momentum (or beta1) right after construction and after each `step()`. */
export function runMomentum(scheduler: LRScheduler, optimizer: Optimizer, steps: number): number[] {
  const read = (): number => optimizer.group.betas?.[0] ?? (optimizer.group.momentum as number);
  const values = [read()];
  for (let step = 1; step <= steps; step += 1) {
    scheduler.step();
    values.push(read());
  }
  return values;
}

export { ReduceLROnPlateau } from '@lrkit/framework-references/plateau';

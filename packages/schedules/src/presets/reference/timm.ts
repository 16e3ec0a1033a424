/**
 * TEST SUPPORT ONLY (not exported from the package): a literal port of timm 1.0.29
 * `timm/scheduler/scheduler.py` (`step`, `step_update`, `_add_noise`), `cosine_lr.py`,
 * `tanh_lr.py`, `poly_lr.py`, `step_lr.py`, `multistep_lr.py` and `scheduler_factory.py`
 * (`create_scheduler_v2`), driving a one-group optimizer, written independently of the
 * preset's models. Python names on purpose; the noise uses the tested PyTorch generator port.
 */
import { TorchGenerator } from '../../torch-generator.js';

type Kwargs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function floordiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (!div) return 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

function bisect_right(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (x < a[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class Scheduler {
  lr: number;
  base_values: number[];
  constructor(
    lr: number,
    readonly k: Kwargs,
  ) {
    this.lr = lr;
    this.base_values = [lr];
  }
  _get_lr(_t: number): number[] {
    return this.base_values;
  }
  step(t: number): void {
    let values = this._get_lr(t);
    const range = this.k.noise_range_t;
    if (range !== null && range !== undefined) {
      const apply_noise = Array.isArray(range) ? range[0] <= t && t < range[1] : t >= range;
      if (apply_noise) {
        const g = new TorchGenerator(this.k.noise_seed + t);
        let noise: number;
        for (;;) {
          noise = g.randn();
          if (Math.abs(noise) < this.k.noise_pct) break;
        }
        values = values.map((v) => v + v * noise);
      }
    }
    this.lr = values[0]!;
  }
}

class Cycled extends Scheduler {
  warmup_steps: number[];
  constructor(
    lr: number,
    k: Kwargs,
    readonly kind: 'cosine' | 'tanh' | 'poly',
  ) {
    super(lr, k);
    if (k.warmup_t) {
      const t_v = kind === 'tanh' && !k.warmup_prefix ? this._get_lr(k.warmup_t) : this.base_values;
      this.warmup_steps = t_v.map((v) => (v - k.warmup_lr_init) / k.warmup_t);
    } else {
      this.warmup_steps = [1];
    }
  }
  override _get_lr(t: number): number[] {
    const k = this.k;
    if (t < k.warmup_t) return this.warmup_steps.map((s) => k.warmup_lr_init + t * s);
    if (k.warmup_prefix) t = t - k.warmup_t;
    let i: number;
    let t_i: number;
    let t_curr: number;
    if (k.cycle_mul !== 1) {
      i = Math.floor(Math.log(1 - (t / k.t_initial) * (1 - k.cycle_mul)) / Math.log(k.cycle_mul));
      t_i = k.cycle_mul ** i * k.t_initial;
      t_curr = t - ((1 - k.cycle_mul ** i) / (1 - k.cycle_mul)) * k.t_initial;
    } else {
      i = floordiv(t, k.t_initial);
      t_i = k.t_initial;
      t_curr = t - k.t_initial * i;
    }
    if (!(i < k.cycle_limit)) return this.base_values.map(() => k.lr_min);
    const gamma = k.cycle_decay ** i;
    const lr_max_values = this.base_values.map((v) => v * gamma);
    if (this.kind === 'cosine') {
      const kd = k.k_decay;
      return lr_max_values.map((lr_max) => k.lr_min + 0.5 * (lr_max - k.lr_min) * (1 + Math.cos((Math.PI * t_curr ** kd) / t_i ** kd)));
    }
    if (this.kind === 'tanh') {
      const tr = t_curr / t_i;
      return lr_max_values.map((lr_max) => k.lr_min + 0.5 * (lr_max - k.lr_min) * (1 - Math.tanh(k.lb * (1 - tr) + k.ub * tr)));
    }
    const kd = k.k_decay;
    return lr_max_values.map((lr_max) => k.lr_min + (lr_max - k.lr_min) * (1 - t_curr ** kd / t_i ** kd) ** k.power);
  }
}

class Stepped extends Scheduler {
  warmup_steps: number[];
  constructor(
    lr: number,
    k: Kwargs,
    readonly multi: boolean,
  ) {
    super(lr, k);
    this.warmup_steps = k.warmup_t ? this.base_values.map((v) => (v - k.warmup_lr_init) / k.warmup_t) : [1];
  }
  override _get_lr(t: number): number[] {
    const k = this.k;
    if (t < k.warmup_t) return this.warmup_steps.map((s) => k.warmup_lr_init + t * s);
    if (k.warmup_prefix) t = t - k.warmup_t;
    const exponent = this.multi ? bisect_right(k.decay_t, t + 1) : floordiv(t, k.decay_t);
    return this.base_values.map((v) => v * k.decay_rate ** exponent);
  }
}

/** `create_scheduler_v2(SGD(lr=base_lr), **kwargs)` stepped at t = 0..steps; the lr after each step. */
export function timmReference(base_lr: number, kwargs: Kwargs, steps: number): number[] {
  const a = {
    sched: 'cosine',
    num_epochs: 300,
    decay_epochs: 90,
    decay_milestones: [90, 180, 270],
    decay_rate: 0.1,
    min_lr: 0,
    warmup_lr: 1e-5,
    warmup_epochs: 0,
    warmup_prefix: false,
    noise: null,
    noise_pct: 0.67,
    noise_seed: 42,
    cycle_mul: 1,
    cycle_decay: 0.1,
    cycle_limit: 1,
    k_decay: 1,
    step_on_epochs: true,
    updates_per_epoch: 0,
    ...kwargs,
  };
  let t_initial = a.num_epochs;
  let warmup_t = a.warmup_epochs;
  let decay_t = a.decay_epochs;
  let decay_milestones = a.decay_milestones as number[];
  if (!a.step_on_epochs) {
    t_initial = t_initial * a.updates_per_epoch;
    warmup_t = warmup_t * a.updates_per_epoch;
    decay_t = decay_t * a.updates_per_epoch;
    decay_milestones = decay_milestones.map((d) => d * a.updates_per_epoch);
  }
  let noise_range: number | number[] | null = null;
  if (a.noise !== null) {
    if (Array.isArray(a.noise)) {
      const scaled = (a.noise as number[]).map((n) => n * t_initial);
      noise_range = scaled.length === 1 ? scaled[0]! : scaled;
    } else noise_range = (a.noise as number) * t_initial;
  }
  const common = {
    warmup_lr_init: a.warmup_lr,
    warmup_t,
    warmup_prefix: a.warmup_prefix,
    noise_range_t: noise_range,
    noise_pct: a.noise_pct,
    noise_seed: a.noise_seed,
  };
  const cycle = { t_initial, lr_min: a.min_lr, cycle_mul: a.cycle_mul, cycle_decay: a.cycle_decay, cycle_limit: a.cycle_limit };
  let scheduler: Scheduler;
  if (a.sched === 'cosine') scheduler = new Cycled(base_lr, { ...common, ...cycle, k_decay: a.k_decay }, 'cosine');
  else if (a.sched === 'tanh') scheduler = new Cycled(base_lr, { ...common, ...cycle, lb: -7, ub: 3 }, 'tanh');
  else if (a.sched === 'poly') scheduler = new Cycled(base_lr, { ...common, ...cycle, power: a.decay_rate, k_decay: a.k_decay }, 'poly');
  else if (a.sched === 'step') scheduler = new Stepped(base_lr, { ...common, decay_t, decay_rate: a.decay_rate }, false);
  else scheduler = new Stepped(base_lr, { ...common, decay_t: decay_milestones, decay_rate: a.decay_rate }, true);
  const values: number[] = [];
  for (let t = 0; t <= steps; t += 1) {
    scheduler.step(t);
    values.push(scheduler.lr);
  }
  return values;
}

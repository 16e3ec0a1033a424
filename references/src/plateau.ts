/**
 * TEST SUPPORT ONLY (a private workspace, never published): line-by-line ports of the two
 * framework plateau callbacks that lrkit reproduces, in float64, as independent references
 * for the tests of `@lrkit/schedules` (`kerasPlateau`, `torchPlateau`) and `@lrkit/tfjs`
 * (`ReduceLROnPlateau` with `semantics: 'keras'` and `'torch'`):
 * keras-team/keras `keras/src/callbacks/reduce_lr_on_plateau.py` (`on_epoch_end`) and
 * pytorch/pytorch `torch/optim/lr_scheduler.py` (`ReduceLROnPlateau.step`).
 */

/** The part of a PyTorch optimizer that `ReduceLROnPlateau` touches: the parameter groups' learning rates. */
export interface PlateauOptimizer {
  readonly param_groups: Array<{ lr: number }>;
}

/** Keras's ReduceLROnPlateau.on_epoch_end on a float64 learning rate. */
export class KerasReduceLROnPlateau {
  lr: number;
  wait = 0;
  cooldown_counter = 0;
  best: number;
  private readonly monitorOp: (a: number, b: number) => boolean;
  constructor(
    lr: number,
    readonly o: {
      monitor?: string;
      factor?: number;
      patience?: number;
      mode?: 'auto' | 'min' | 'max';
      min_delta?: number;
      cooldown?: number;
      min_lr?: number;
    } = {},
  ) {
    this.lr = lr;
    const mode = o.mode ?? 'auto';
    const minDelta = o.min_delta ?? 1e-4;
    if (mode === 'min' || (mode === 'auto' && !(o.monitor ?? 'val_loss').includes('acc'))) {
      this.monitorOp = (a, b) => a < b - minDelta;
      this.best = Infinity;
    } else {
      this.monitorOp = (a, b) => a > b + minDelta;
      this.best = -Infinity;
    }
  }
  onEpochEnd(current: number): void {
    if (this.cooldown_counter > 0) {
      this.cooldown_counter -= 1;
      this.wait = 0;
    }
    if (this.monitorOp(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!(this.cooldown_counter > 0)) {
      this.wait += 1;
      if (this.wait >= (this.o.patience ?? 10)) {
        const old = this.lr;
        const minLr = this.o.min_lr ?? 0;
        if (old > Math.fround(minLr)) {
          this.lr = Math.max(old * (this.o.factor ?? 0.1), minLr);
          this.cooldown_counter = this.o.cooldown ?? 0;
          this.wait = 0;
        }
      }
    }
  }
}

/** PyTorch's `ReduceLROnPlateau.step` (`torch/optim/lr_scheduler.py`), on every parameter group of `optimizer`. */
export class ReduceLROnPlateau {
  best: number;
  num_bad_epochs = 0;
  cooldown_counter = 0;
  constructor(
    readonly optimizer: PlateauOptimizer,
    readonly options: {
      mode?: 'min' | 'max';
      factor?: number;
      patience?: number;
      threshold?: number;
      threshold_mode?: 'rel' | 'abs';
      cooldown?: number;
      min_lr?: number;
      eps?: number;
    } = {},
  ) {
    this.best = (options.mode ?? 'min') === 'min' ? Infinity : -Infinity;
  }
  private isBetter(a: number, best: number): boolean {
    const mode = this.options.mode ?? 'min';
    const thresholdMode = this.options.threshold_mode ?? 'rel';
    const threshold = this.options.threshold ?? 1e-4;
    if (mode === 'min' && thresholdMode === 'rel') return a < best * (1 - threshold);
    if (mode === 'min' && thresholdMode === 'abs') return a < best - threshold;
    if (mode === 'max' && thresholdMode === 'rel') return a > best * (threshold + 1);
    return a > best + threshold;
  }
  step(current: number): void {
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.cooldown_counter > 0) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > (this.options.patience ?? 10)) {
      for (const group of this.optimizer.param_groups) {
        const old = group.lr;
        const next = Math.max(old * (this.options.factor ?? 0.1), this.options.min_lr ?? 0);
        if (old - next > (this.options.eps ?? 1e-8)) group.lr = next;
      }
      this.cooldown_counter = this.options.cooldown ?? 0;
      this.num_bad_epochs = 0;
    }
  }
}

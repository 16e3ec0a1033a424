/**
 * TEST SUPPORT ONLY (not exported from the package): a literal port of the `lr_lambda`
 * functions in transformers 5.17 `src/transformers/optimization.py` and of `get_scheduler`'s
 * dispatch, driven through LambdaLR (`base_lr * lr_lambda(last_epoch)`), written
 * independently of the preset's models. Python names on purpose.
 */
type Kwargs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const float = (x: number): number => x;
const pyMod = (a: number, b: number): number => ((a % b) + b) % b;

function lambdaFor(name: string, w: number, t: number, k: Kwargs, lr_init: number): (current_step: number) => number {
  switch (name) {
    case 'constant':
      return () => 1;
    case 'constant_with_warmup':
      return (s) => (s < w ? float(s) / float(Math.max(1.0, w)) : 1.0);
    case 'linear':
      return (s) => (s < w ? float(s) / float(Math.max(1, w)) : Math.max(0.0, float(t - s) / float(Math.max(1, t - w))));
    case 'cosine': {
      const num_cycles = k.num_cycles ?? 0.5;
      return (s) => {
        if (s < w) return float(s) / float(Math.max(1, w));
        const progress = float(s - w) / float(Math.max(1, t - w));
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * float(num_cycles) * 2.0 * progress)));
      };
    }
    case 'cosine_with_restarts': {
      const num_cycles = k.num_cycles ?? 1;
      return (s) => {
        if (s < w) return float(s) / float(Math.max(1, w));
        const progress = float(s - w) / float(Math.max(1, t - w));
        if (progress >= 1.0) return 0.0;
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * pyMod(float(num_cycles) * progress, 1.0))));
      };
    }
    case 'polynomial': {
      const lr_end = k.lr_end ?? 1e-7;
      const power = k.power ?? 1.0;
      return (s) => {
        if (s < w) return float(s) / float(Math.max(1, w));
        if (s > t) return lr_end / lr_init;
        const lr_range = lr_init - lr_end;
        const decay_steps = t - w;
        const pct_remaining = 1 - (s - w) / decay_steps;
        const decay = lr_range * pct_remaining ** power + lr_end;
        return decay / lr_init;
      };
    }
    case 'inverse_sqrt': {
      const timescale = k.timescale ?? (w || 10_000);
      return (s) => (s < w ? float(s) / float(Math.max(1, w)) : 1.0 / Math.sqrt((s + (timescale - w)) / timescale));
    }
    case 'cosine_with_min_lr':
    case 'cosine_warmup_with_min_lr': {
      const num_cycles = k.num_cycles ?? 0.5;
      const min_lr_rate = k.min_lr !== undefined && k.min_lr !== null ? k.min_lr / lr_init : k.min_lr_rate;
      if (name === 'cosine_with_min_lr') {
        return (s) => {
          if (s < w) return float(s) / float(Math.max(1, w));
          const progress = float(s - w) / float(Math.max(1, t - w));
          let factor = 0.5 * (1.0 + Math.cos(Math.PI * float(num_cycles) * 2.0 * progress));
          factor = factor * (1 - min_lr_rate) + min_lr_rate;
          return Math.max(0, factor);
        };
      }
      const warmup_lr_rate = k.warmup_lr_rate ?? null;
      return (s) => {
        if (s < w) {
          if (warmup_lr_rate === null) return (s + 1.0) / Math.max(1.0, w);
          return warmup_lr_rate + ((1.0 - warmup_lr_rate) * s) / Math.max(1, w - 1);
        }
        const progress = (s - w + 1.0) / Math.max(1.0, t - w);
        let factor = 0.5 * (1.0 + Math.cos(Math.PI * num_cycles * 2.0 * progress));
        factor = factor * (1 - min_lr_rate) + min_lr_rate;
        return Math.max(0, factor);
      };
    }
    case 'warmup_stable_decay': {
      const d = k.num_decay_steps;
      const stable = k.num_stable_steps ?? t - w - d;
      const warmup_type = k.warmup_type ?? 'linear';
      const decay_type = k.decay_type ?? 'cosine';
      const min_lr_ratio = k.min_lr_ratio ?? 0;
      const num_cycles = k.num_cycles ?? 0.5;
      return (s) => {
        if (s < w) {
          const progress = float(s) / float(Math.max(1, w));
          const factor =
            warmup_type === 'linear' ? progress : warmup_type === 'cosine' ? 0.5 * (1.0 - Math.cos(Math.PI * progress)) : 1.0 - Math.sqrt(1.0 - progress);
          return Math.max(0.0, factor * (1.0 - min_lr_ratio) + min_lr_ratio);
        }
        if (s < w + stable) return 1.0;
        if (s < w + stable + d) {
          const progress = float(s - w - stable) / float(Math.max(1, d));
          const factor =
            decay_type === 'linear'
              ? 1.0 - progress
              : decay_type === 'cosine'
                ? 0.5 * (1.0 + Math.cos(Math.PI * float(num_cycles) * 2.0 * progress))
                : 1.0 - Math.sqrt(progress);
          return Math.max(0.0, factor * (1.0 - min_lr_ratio) + min_lr_ratio);
        }
        return min_lr_ratio;
      };
    }
    default:
      throw new Error(`no reference for ${name}`);
  }
}

/** The learning rates after 0..steps calls of `scheduler.step()` of `get_scheduler(name, SGD(lr=base_lr), …)`. */
export function huggingFaceReference(name: string, base_lr: number, w: number | null, t: number | null, kwargs: Kwargs | null, steps: number): number[] {
  const lr_lambda = lambdaFor(name, w ?? 0, t ?? 0, kwargs ?? {}, base_lr);
  let last_epoch = -1;
  const lrs: number[] = [];
  for (let call = 0; call <= steps; call += 1) {
    last_epoch += 1; // the constructor's initial step, then one per scheduler.step()
    lrs.push(base_lr * lr_lambda(last_epoch));
  }
  return lrs;
}

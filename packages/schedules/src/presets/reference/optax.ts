/**
 * TEST SUPPORT ONLY (not exported from the package): a literal port of optax 0.2.8
 * `optax/schedules/_schedule.py` and `_join.py`, array operations included (`jnp.clip`,
 * `jnp.where`, `jnp.cumprod`, `indicator.dot(...)`), written independently of the preset's
 * models so the two can be compared at any step. Python argument names on purpose.
 */
type Fn = (count: number) => number;
type Kwargs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const clip = (x: number, low: number, high: number): number => Math.min(Math.max(x, low), high);
const where = (condition: boolean, a: number, b: number): number => (condition ? a : b);

function polynomial_schedule(k: Kwargs): Fn {
  let transition_begin = k.transition_begin ?? 0;
  if (k.transition_steps <= 0) return () => k.init_value;
  if (transition_begin < 0) transition_begin = 0;
  return (count) => {
    const c = clip(count - transition_begin, 0, k.transition_steps);
    const frac = 1 - c / k.transition_steps;
    return (k.init_value - k.end_value) * frac ** k.power + k.end_value;
  };
}

const linear_schedule = (k: Kwargs): Fn => polynomial_schedule({ ...k, power: 1 });

function piecewise_constant_schedule(k: Kwargs): Fn {
  const entries = Object.entries(k.boundaries_and_scales ?? {})
    .map(([b, s]) => [Number(b), s as number] as const)
    .sort((x, y) => x[0] - y[0]);
  return (count) => {
    let v: number = k.init_value;
    for (const [threshold, scale] of entries) {
      const indicator = Math.max(0, Math.sign(threshold - count));
      v = v * indicator + (1 - indicator) * scale * v;
    }
    return v;
  };
}

function exponential_decay(k: Kwargs): Fn {
  let transition_begin = k.transition_begin ?? 0;
  const { init_value, transition_steps, decay_rate } = k;
  const end_value = k.end_value ?? null;
  if (transition_steps <= 0) return () => init_value;
  if (decay_rate === 0) return () => init_value;
  if (transition_begin < 0) transition_begin = 0;
  const clip_fn = decay_rate < 1.0 ? Math.max : Math.min;
  return (count) => {
    const decreased_count = count - transition_begin;
    let p = decreased_count / transition_steps;
    if (k.staircase === true) p = Math.floor(p);
    let decayed_value = where(decreased_count <= 0, init_value, init_value * decay_rate ** p);
    if (end_value !== null) decayed_value = clip_fn(decayed_value, end_value);
    return decayed_value;
  };
}

function cosine_decay_schedule(k: Kwargs): Fn {
  const alpha = k.alpha ?? 0.0;
  const exponent = k.exponent ?? 1.0;
  if (!(k.decay_steps > 0)) throw new Error('The cosine_decay_schedule requires positive decay_steps');
  return (count) => {
    const c = Math.min(count, k.decay_steps);
    const cosine_decay = 0.5 * (1 + Math.cos((Math.PI * c) / k.decay_steps));
    const decayed = (1 - alpha) * cosine_decay ** exponent + alpha;
    return k.init_value * decayed;
  };
}

function join_schedules(schedules: Fn[], boundaries: number[]): Fn {
  return (step) => {
    let output = schedules[0]!(step);
    boundaries.forEach((boundary, index) => {
      output = where(step < boundary, output, schedules[index + 1]!(step - boundary));
    });
    return output;
  };
}

function piecewise_interpolate_schedule(interpolate_type: string, init_value: number, boundaries_and_scales: Record<string, number> | null): Fn {
  const interpolate_fn =
    interpolate_type === 'linear'
      ? (start: number, end: number, pct: number) => (end - start) * pct + start
      : (start: number, end: number, pct: number) => end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
  const sorted = Object.entries(boundaries_and_scales ?? {})
    .map(([b, s]) => [Number(b), s] as const)
    .sort((x, y) => x[0] - y[0]);
  const boundaries = sorted.map(([b]) => b);
  const scales = sorted.map(([, s]) => s);
  return (count) => {
    const bounds = [0, ...boundaries];
    const values: number[] = [];
    [init_value, ...scales].forEach((value, index) => values.push(index === 0 ? value : values[index - 1]! * value));
    const interval_sizes = bounds.slice(1).map((b, i) => Math.max(b - bounds[i]!, 1));
    const indicator = bounds.slice(0, -1).map((b, i) => (b <= count && count < bounds[i + 1]! ? 1 : 0));
    const pct = bounds.slice(0, -1).map((b, i) => (count - b) / interval_sizes[i]!);
    const interp_vals = pct.map((p, i) => interpolate_fn(values[i]!, values[i + 1]!, p));
    const dot = indicator.reduce((sum: number, ind, i) => sum + (ind === 1 ? interp_vals[i]! : 0), 0);
    return dot + (bounds[bounds.length - 1]! <= count ? 1 : 0) * values[values.length - 1]!;
  };
}

function dict(pairs: Array<[number, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of pairs) out[String(key)] = value;
  return out;
}

function warmup_cosine_decay_schedule(k: Kwargs): Fn {
  const end_value = k.end_value ?? 0.0;
  const alpha = k.peak_value === 0.0 ? 0.0 : end_value / k.peak_value;
  return join_schedules(
    [
      linear_schedule({ init_value: k.init_value, end_value: k.peak_value, transition_steps: k.warmup_steps }),
      cosine_decay_schedule({ init_value: k.peak_value, decay_steps: k.decay_steps - k.warmup_steps, alpha, exponent: k.exponent ?? 1.0 }),
    ],
    [k.warmup_steps],
  );
}

function build(name: string, k: Kwargs): Fn {
  switch (name) {
    case 'constant_schedule':
      return () => k.value;
    case 'linear_schedule':
      return linear_schedule(k);
    case 'polynomial_schedule':
      return polynomial_schedule(k);
    case 'exponential_decay':
      return exponential_decay(k);
    case 'cosine_decay_schedule':
      return cosine_decay_schedule(k);
    case 'piecewise_constant_schedule':
      return piecewise_constant_schedule(k);
    case 'piecewise_interpolate_schedule':
      return piecewise_interpolate_schedule(k.interpolate_type, k.init_value, k.boundaries_and_scales ?? null);
    case 'warmup_constant_schedule':
      return linear_schedule({ init_value: k.init_value, end_value: k.peak_value, transition_steps: k.warmup_steps });
    case 'warmup_cosine_decay_schedule':
      return warmup_cosine_decay_schedule(k);
    case 'warmup_exponential_decay_schedule':
      return join_schedules(
        [
          linear_schedule({ init_value: k.init_value, end_value: k.peak_value, transition_steps: k.warmup_steps }),
          exponential_decay({ ...k, init_value: k.peak_value }),
        ],
        [k.warmup_steps],
      );
    case 'join_schedules':
      return join_schedules(
        k.schedules.map((inner: Kwargs) => build(inner.name, inner.kwargs)),
        k.boundaries,
      );
    case 'sgdr_schedule': {
      const boundaries: number[] = [];
      const schedules: Fn[] = [];
      let step = 0;
      for (const kwargs of k.cosine_kwargs) {
        schedules.push(warmup_cosine_decay_schedule(kwargs));
        boundaries.push(step + kwargs.decay_steps);
        step += kwargs.decay_steps;
      }
      return join_schedules(schedules, boundaries.slice(0, -1));
    }
    case 'linear_onecycle_schedule': {
      const { transition_steps, peak_value } = k;
      const pct_start = k.pct_start ?? 0.3;
      const pct_final = k.pct_final ?? 0.85;
      const div_factor = k.div_factor ?? 25.0;
      const final_div_factor = k.final_div_factor ?? 1e4;
      return piecewise_interpolate_schedule(
        'linear',
        peak_value / div_factor,
        dict([
          [Math.trunc(pct_start * transition_steps), div_factor],
          [Math.trunc(pct_final * transition_steps), 1.0 / div_factor],
          [transition_steps, 1.0 / final_div_factor],
        ]),
      );
    }
    case 'cosine_onecycle_schedule': {
      const { transition_steps, peak_value } = k;
      const pct_start = k.pct_start ?? 0.3;
      const div_factor = k.div_factor ?? 25.0;
      const final_div_factor = k.final_div_factor ?? 1e4;
      return piecewise_interpolate_schedule(
        'cosine',
        peak_value / div_factor,
        dict([
          [Math.trunc(pct_start * transition_steps), div_factor],
          [Math.trunc(transition_steps), 1.0 / (div_factor * final_div_factor)],
        ]),
      );
    }
    default:
      throw new Error(`no reference for ${name}`);
  }
}

/** `optax.<name>(**kwargs)` as a function of the count. */
export function optaxReference(name: string, kwargs: Kwargs): Fn {
  return build(name, kwargs);
}

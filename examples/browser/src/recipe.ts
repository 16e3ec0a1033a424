import { fromConfig, type JsonValue, type Schedule, toConfig } from '@lrkit/schedules';
import { closestName } from '@lrkit/schedules/validation';
import { type FrameworkPresets, frameworkPresets } from './framework-presets.js';
import { findPreset, type PresetContext, presets } from './presets.js';
import { type PythonCall, type PythonValue, parsePythonCall } from './python-call.js';

/** Where a recipe came from. */
export type RecipeKind = 'preset' | 'native' | 'torch' | 'keras';

/** A recipe turned into a schedule, with the JSON config that rebuilds it. */
export interface Recipe {
  readonly kind: RecipeKind;
  readonly schedule: Schedule;
  /** `toConfig(schedule)`: the native config, or the `{ type: 'torch' | 'keras', … }` preset config. */
  readonly config: JsonValue;
  /** One line for the page, for example `preset warmup-cosine` or `PyTorch OneCycleLR`. */
  readonly label: string;
}

/** The outcome of {@link parseRecipe}: a recipe, or the message to show next to the field. */
export type RecipeResult = { readonly ok: true; readonly recipe: Recipe } | { readonly ok: false; readonly error: string };

/**
 * Turns the text of the page's recipe field into a schedule. Accepted forms:
 *
 * - a preset name from {@link presets} (`warmup-cosine`), built for the run's learning rate
 *   and length;
 * - a native JSON config (`{"type": "cosine", "initialValue": 0.01, "decaySteps": 500}`),
 *   loaded with `fromConfig`;
 * - a Keras serialised schedule (`{"class_name": "CosineDecay", "config": {…}}`) or a Keras
 *   constructor call (`CosineDecay(initial_learning_rate=0.01, decay_steps=500)`), loaded
 *   with `fromKeras`;
 * - a PyTorch scheduler call (`OneCycleLR(optimizer, max_lr=0.01)`,
 *   `torch.optim.lr_scheduler.StepLR(step_size=100, gamma=0.5)`), loaded with `fromTorch`
 *   with the optimizer's learning rate as `learningRate` and the run's updates as `totalSteps`.
 *
 * The schedule is stepped once per optimizer update (batch) and evaluated at every step of
 * the run before it is accepted. Never throws: an invalid recipe returns the library's
 * error message.
 *
 * @example
 * ```ts
 * const result = parseRecipe('cosine', { learningRate: 0.01, totalSteps: 100 });
 * if (result.ok) result.recipe.schedule(50); // 0.005
 * ```
 */
export function parseRecipe(text: string, context: PresetContext, framework: FrameworkPresets = frameworkPresets): RecipeResult {
  try {
    const recipe = buildRecipe(text.trim(), context, framework);
    checkOverRun(recipe.schedule, context.totalSteps);
    return { ok: true, recipe };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Evaluates the schedule at every step of the run, so a schedule that throws inside it
 * (PyTorch `OneCycleLR` past its `total_steps`) or returns an unusable learning rate is
 * reported before training starts.
 */
function checkOverRun(schedule: Schedule, totalSteps: number): void {
  for (let step = 0; step < totalSteps; step += 1) {
    const value = schedule(step);
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`The schedule returns ${value} at step ${step}; a learning rate must be a finite number >= 0`);
    }
  }
}

function buildRecipe(text: string, context: PresetContext, framework: FrameworkPresets): Recipe {
  if (text === '') {
    throw new Error('Enter a preset name, a native JSON config, or a PyTorch or Keras scheduler call');
  }
  if (text.startsWith('{')) return fromJson(text, context, framework);
  if (/^[A-Za-z_][\w.]*\s*\(/.test(text)) return fromCall(parsePythonCall(text), context, framework);
  if (/^[\w-]+$/.test(text)) return fromPreset(text, context);
  throw new Error(`Cannot read the recipe: expected a preset name, a JSON object or a scheduler call; received ${JSON.stringify(shorten(text))}`);
}

function fromPreset(name: string, context: PresetContext): Recipe {
  const preset = findPreset(name);
  if (preset === undefined) {
    const names = presets.map((entry) => entry.name);
    const suggestion = closestName(name, names);
    throw new Error(`Unknown preset \`${name}\`${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`} ` + `Known presets: ${names.join(', ')}`);
  }
  return native('preset', `preset ${name}`, preset.build(context));
}

function fromJson(text: string, context: PresetContext, framework: FrameworkPresets): Recipe {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.class_name === 'string' && !('type' in record)) {
      const schedule = framework.fromKeras(record as { class_name: string; config: Record<string, unknown> });
      return { kind: 'keras', schedule, config: toConfig(schedule) as unknown as JsonValue, label: `Keras ${record.class_name}` };
    }
    if (record.type === 'torch' || record.type === 'keras') {
      const schedule = fromConfig(value);
      const label = record.type === 'torch' ? `PyTorch ${String(record.name)}` : `Keras ${String(record.class_name)}`;
      return { kind: record.type, schedule, config: toConfig(schedule) as unknown as JsonValue, label };
    }
  }
  const schedule = fromConfig(value);
  return { kind: 'native', schedule, config: toConfig(schedule) as unknown as JsonValue, label: `native ${String(schedule.config.type)}` };
}

function fromCall(call: PythonCall, context: PresetContext, framework: FrameworkPresets): Recipe {
  const keras =
    /(^|\.)keras(\.|$)/.test(call.module) || (!/(^|\.)(torch|lr_scheduler)(\.|$)/.test(call.module) && framework.kerasClassNames.includes(call.name));
  if (keras) {
    const schedule = framework.fromKeras({ class_name: call.name, config: plainArguments(call.args) });
    return { kind: 'keras', schedule, config: toConfig(schedule) as unknown as JsonValue, label: `Keras ${call.name}` };
  }
  const schedule = framework.fromTorch(call.name, plainArguments(call.args), {
    learningRate: context.learningRate,
    totalSteps: context.totalSteps,
  });
  return { kind: 'torch', schedule, config: toConfig(schedule) as unknown as JsonValue, label: `PyTorch ${call.name}` };
}

/** Nested calls (`SequentialLR(schedulers=[LinearLR(...), ...])`) become `{ name, args }` descriptors. */
function plainArguments(args: Record<string, PythonValue>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) result[key] = plainValue(value);
  return result;
}

function plainValue(value: PythonValue): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object') return { name: value.name, args: plainArguments(value.args) };
  return value;
}

function native(kind: RecipeKind, label: string, config: unknown): Recipe {
  const schedule = fromConfig(config);
  return { kind, schedule, config: toConfig(schedule) as unknown as JsonValue, label };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

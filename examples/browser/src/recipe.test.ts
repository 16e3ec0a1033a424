import { cosine, fromKeras, fromTorch, warmup } from '@lrkit/schedules';
import { describe, expect, it } from 'vitest';
import { parseRecipe, type Recipe } from './recipe.js';

const context = { learningRate: 0.01, totalSteps: 100 };

function recipe(text: string): Recipe {
  const result = parseRecipe(text, context);
  if (!result.ok) throw new Error(result.error);
  return result.recipe;
}

function error(text: string): string {
  const result = parseRecipe(text, context);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result.error;
}

describe('parseRecipe: presets', () => {
  it('builds a preset for the run: warmup-cosine warms up over 10% of the updates then decays to 0', () => {
    const parsed = recipe('warmup-cosine');
    const expected = warmup({ schedule: cosine({ initialValue: 0.01, decaySteps: 90 }), warmupSteps: 10 });
    expect(parsed.kind).toBe('preset');
    expect(parsed.label).toBe('preset warmup-cosine');
    for (const step of [0, 5, 10, 50, 99]) expect(parsed.schedule(step)).toBeCloseTo(expected(step), 12);
    expect(parsed.schedule(10)).toBeCloseTo(0.01, 12);
  });

  it('trims surrounding whitespace', () => {
    expect(recipe('  constant \n').schedule(42)).toBe(0.01);
  });

  it('rejects an unknown preset, suggesting the closest name and listing the known ones', () => {
    expect(error('cosnie')).toBe(
      'Unknown preset `cosnie`; did you mean `cosine`? Known presets: warmup-cosine, constant, cosine, one-cycle, step-decay, exponential, triangular2, warmup-stable-decay',
    );
  });

  it('rejects an empty field with a hint of what to type', () => {
    expect(error('   ')).toBe('Enter a preset name, a native JSON config, or a PyTorch or Keras scheduler call');
  });
});

describe('parseRecipe: native JSON', () => {
  it('loads a native config with fromConfig and keeps its config with defaults filled in', () => {
    const parsed = recipe('{"type": "cosine", "initialValue": 0.1, "decaySteps": 100}');
    expect(parsed.kind).toBe('native');
    expect(parsed.schedule(50)).toBeCloseTo(0.05, 12);
    expect(parsed.config).toEqual({ type: 'cosine', initialValue: 0.1, decaySteps: 100, finalValue: 0, exponent: 1 });
  });

  it('reports invalid JSON with the parser message', () => {
    expect(error('{"type": "cosine",')).toMatch(/^Invalid JSON: /);
  });

  it('passes the library message for an invalid argument through unchanged', () => {
    let message = '';
    try {
      cosine({ initialValue: 0.1, decaySteps: -3 });
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    expect(message).not.toBe('');
    expect(error('{"type": "cosine", "initialValue": 0.1, "decaySteps": -3}')).toBe(message);
  });

  it('passes the library message for an unknown type through', () => {
    expect(error('{"type": "cosine-decay", "initialValue": 0.1}')).toMatch(/cosine-decay/);
  });

  it('rejects text that is neither a name, JSON nor a call', () => {
    expect(error('0.01 * 0.5')).toBe('Cannot read the recipe: expected a preset name, a JSON object or a scheduler call; received "0.01 * 0.5"');
  });
});

describe('parseRecipe: PyTorch and Keras', () => {
  it("builds a PyTorch call with the run's learning rate as fromTorch's learningRate", () => {
    const parsed = recipe('StepLR(optimizer, step_size=30, gamma=0.5)');
    const expected = fromTorch('StepLR', { step_size: 30, gamma: 0.5 }, { learningRate: 0.01 });
    expect(parsed.kind).toBe('torch');
    expect(parsed.label).toBe('PyTorch StepLR');
    for (const step of [0, 29, 30, 61]) expect(parsed.schedule(step)).toBe(expected(step));
  });

  it("gives PyTorch OneCycleLR the run's updates as total_steps", () => {
    const parsed = recipe('torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01)');
    const expected = fromTorch('OneCycleLR', { max_lr: 0.01, total_steps: 100 });
    for (const step of [0, 29, 60, 99]) expect(parsed.schedule(step)).toBe(expected(step));
  });

  it('builds a Keras call when the class name is a Keras schedule', () => {
    const parsed = recipe('CosineDecay(initial_learning_rate=0.1, decay_steps=100)');
    const expected = fromKeras({ class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 100 } });
    expect(parsed.kind).toBe('keras');
    expect(parsed.schedule(50)).toBe(expected(50));
  });

  it('builds a Keras serialised schedule given as JSON', () => {
    const parsed = recipe('{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}}');
    expect(parsed.kind).toBe('keras');
    expect(parsed.schedule(10)).toBeCloseTo(0.05, 7);
  });

  it('builds SequentialLR from nested calls', () => {
    const parsed = recipe(
      'SequentialLR(optimizer, schedulers=[LinearLR(optimizer, start_factor=0.1, total_iters=5), ExponentialLR(optimizer, gamma=0.9)], milestones=[5])',
    );
    const expected = fromTorch(
      'SequentialLR',
      {
        schedulers: [
          { name: 'LinearLR', args: { start_factor: 0.1, total_iters: 5 } },
          { name: 'ExponentialLR', args: { gamma: 0.9 } },
        ],
        milestones: [5],
      },
      { learningRate: 0.01 },
    );
    for (const step of [0, 3, 5, 9]) expect(parsed.schedule(step)).toBe(expected(step));
  });

  it('passes an unknown PyTorch scheduler error through', () => {
    expect(error('CosineAnnealingLRR(T_max=10)')).toMatch(/CosineAnnealingLRR/);
  });

  it('passes an invalid PyTorch argument error through', () => {
    expect(error('StepLR(step_size=-1)')).toMatch(/step_size/);
  });

  it('rejects a PyTorch OneCycleLR shorter than the run with the error it throws past total_steps', () => {
    let message = '';
    try {
      fromTorch('OneCycleLR', { max_lr: 0.01, total_steps: 10 })(11);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    expect(message).not.toBe('');
    expect(error('OneCycleLR(optimizer, max_lr=0.01, total_steps=10)')).toBe(message);
  });

  it('rejects a schedule that goes negative inside the run', () => {
    expect(error('{"type": "linear", "initialValue": 0.01, "finalValue": -0.01, "totalSteps": 100}')).toMatch(
      /^The schedule returns -0\.0002\d* at step 51; a learning rate must be a finite number >= 0$/,
    );
  });

  it('reports a syntax error in a call with its position', () => {
    expect(error('StepLR(step_size=)')).toBe('expected a value (a number, a string, True, False, None, a list or a call) at character 18');
  });
});

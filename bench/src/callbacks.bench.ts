/**
 * Benchmark (2): the cost of the lrkit callbacks on `model.fit` — bare vs each callback alone
 * vs all together (per-batch and per-epoch scheduling), for an MLP and a small CNN on the cpu
 * backend and the examples' demo CNN on wasm (with lrkit's training kernels), next to what a
 * tfjs user writes by hand today (a CustomCallback that creates a new Adam optimizer each
 * epoch to change the learning rate).
 *
 * Models, data and the hook timer come from overhead.bench.ts; timing
 * from the shared alternating timer. Every variant trains its own model (same seeds), with
 * one long-lived set of callbacks, so the schedules' steps and plateau state continue across
 * fits as in a real run.
 */

import { initializeWasmBackend, type WasmModule } from '@lrkit/backends/node';
import { buildDemoCnn } from '@lrkit/examples-common';
import { cosine } from '@lrkit/schedules';
import * as tf from '@tensorflow/tfjs';
import { lrkitCallbackSet, lrkitCallbackSetNames } from './lrkit-callback-sets.js';
import { buildCnn, buildMlp, disposeModelAndOptimizer, instrument, syntheticData } from './overhead.bench.js';
import { millisecondsSpread, ratioSpread, type Spread, spread, timeAlternating, type Variant } from './timing.js';

/** Sizes of a callback-overhead run. */
export interface CallbackBenchOptions {
  readonly repetitions: number;
  readonly warmup: number;
  /** Epochs per fit call. */
  readonly epochs: number;
  /** Training samples of the MLP. */
  readonly mlpSamples: number;
  /** Training samples of the CNN. */
  readonly cnnSamples: number;
  readonly batchSize: number;
  /** Training samples of the demo CNN (28x28) on wasm. */
  readonly demoCnnSamples: number;
  /** Which models to run (default all three). */
  readonly models?: ReadonlyArray<CallbackBenchModel>;
}

/** One row of the table: a callback configuration against bare `model.fit`. */
export interface CallbackVariantResult {
  readonly name: string;
  /** Fit time, milliseconds (wall): median, min, max. */
  readonly milliseconds: Spread;
  /** Per-round wall-time ratio to bare fit. */
  readonly wallRatio: Spread;
  /** Per-round ratio of process CPU time (user + system) to bare fit. */
  readonly cpuRatio: Spread;
  /** Share of this variant's fit wall time spent inside its callbacks' hooks (0 for bare). */
  readonly hookShare: Spread;
}

/** The results for one model on one backend. */
export interface CallbackModelResult {
  readonly model: string;
  readonly backend: string;
  readonly batchesPerFit: number;
  /** Median wall time of one batch of bare fit, milliseconds. */
  readonly batchMilliseconds: number;
  /** Median process CPU time of one batch of bare fit, milliseconds. */
  readonly batchCpuMilliseconds: number;
  readonly variants: readonly CallbackVariantResult[];
}

/** The models of the benchmark: MLP and 12x12 CNN on cpu, the examples' demo CNN on wasm with lrkit's kernels. */
export type CallbackBenchModel = 'mlp' | 'cnn' | 'demo-cnn-wasm';

export const fullCallbackOptions: CallbackBenchOptions = {
  repetitions: 5,
  warmup: 1,
  epochs: 2,
  mlpSamples: 1024,
  cnnSamples: 256,
  demoCnnSamples: 256,
  batchSize: 32,
};
export const smokeCallbackOptions: CallbackBenchOptions = {
  repetitions: 1,
  warmup: 0,
  epochs: 2,
  mlpSamples: 64,
  cnnSamples: 32,
  demoCnnSamples: 16,
  batchSize: 16,
};

/** Names of the variants, in table order. */
export const callbackVariantNames = ['bare model.fit', ...lrkitCallbackSetNames, 'hand-rolled: new Adam each epoch'] as const;

/**
 * What a tfjs user writes by hand today to change Adam's learning rate per epoch: a
 * CustomCallback that disposes the optimizer and assigns a new one (re-compiling is the
 * same: a new optimizer, its moments reset).
 */
export function handRolledScheduler(model: tf.LayersModel, learningRate: (epoch: number) => number): tf.CustomCallback {
  return new tf.CustomCallback({
    onEpochBegin: async (epoch) => {
      const old = model.optimizer;
      model.optimizer = tf.train.adam(learningRate(epoch));
      old.dispose();
    },
  });
}

function callbacksFor(name: (typeof callbackVariantNames)[number], model: tf.LayersModel, totalBatches: number, totalEpochs: number): tf.CustomCallback[] {
  switch (name) {
    case 'bare model.fit':
      return [];
    case 'hand-rolled: new Adam each epoch': {
      const schedule = cosine({ initialValue: 0.001, decaySteps: totalEpochs });
      return [handRolledScheduler(model, (epoch) => schedule(epoch))];
    }
    default:
      return lrkitCallbackSet(name, { totalBatches, totalEpochs });
  }
}

async function measureModel(
  label: string,
  build: () => tf.Sequential,
  shape: readonly number[],
  samples: number,
  options: CallbackBenchOptions,
): Promise<CallbackModelResult> {
  const training = syntheticData(shape, samples);
  const validationSet = syntheticData(shape, Math.max(8, Math.floor(samples / 8)), 11);
  const batchesPerEpoch = Math.ceil(samples / options.batchSize);
  const batchesPerFit = batchesPerEpoch * options.epochs;
  const rounds = options.warmup + options.repetitions;
  const models: tf.LayersModel[] = [];
  const hookTimes = new Map<string, number[]>();
  const variants: Variant[] = callbackVariantNames.map((name) => {
    const model = build();
    models.push(model);
    const callbacks = callbacksFor(name, model, batchesPerFit * rounds, options.epochs * rounds);
    const clock = { total: 0 };
    instrument(callbacks, clock);
    const times: number[] = [];
    hookTimes.set(name, times);
    return [
      name,
      async () => {
        const before = clock.total;
        await model.fit(training.xs, training.ys, {
          epochs: options.epochs,
          batchSize: options.batchSize,
          validationData: [validationSet.xs, validationSet.ys],
          shuffle: false,
          verbose: 0,
          callbacks,
        });
        times.push(clock.total - before);
      },
    ] as const;
  });
  try {
    const samplesByVariant = await timeAlternating(variants, { repetitions: options.repetitions, warmup: options.warmup });
    const bare = callbackVariantNames[0];
    const bareTime = millisecondsSpread(samplesByVariant, bare);
    return {
      model: label,
      backend: tf.getBackend(),
      batchesPerFit,
      batchMilliseconds: bareTime.median / batchesPerFit,
      batchCpuMilliseconds: millisecondsSpread(samplesByVariant, bare, 'cpu').median / batchesPerFit,
      variants: callbackVariantNames.map((name) => {
        const walls = samplesByVariant.get(name) ?? [];
        const hooks = (hookTimes.get(name) ?? []).slice(options.warmup);
        return {
          name,
          milliseconds: millisecondsSpread(samplesByVariant, name),
          wallRatio: ratioSpread(samplesByVariant, name, bare, 'wall'),
          cpuRatio: ratioSpread(samplesByVariant, name, bare, 'cpu'),
          hookShare: spread(hooks.map((total, round) => total / (walls[round]?.wallMilliseconds ?? Number.NaN))),
        };
      }),
    };
  } finally {
    for (const model of models) disposeModelAndOptimizer(model);
    tf.dispose([training.xs, training.ys, validationSet.xs, validationSet.ys]);
  }
}

/**
 * Runs the callback-overhead benchmark on the current backend, all models with Adam (so the
 * hand-rolled row is comparable).
 *
 * @example
 * ```ts
 * const [mlp, cnn] = await runCallbackBench(smokeCallbackOptions);
 * ```
 */
export async function runCallbackBench(options: CallbackBenchOptions): Promise<CallbackModelResult[]> {
  const results: CallbackModelResult[] = [];
  const models = options.models ?? ['mlp', 'cnn', 'demo-cnn-wasm'];
  if (models.includes('mlp')) {
    await tf.setBackend('cpu');
    results.push(await measureModel('MLP 32-64-10', () => buildMlp(tf.train.adam(0.001)), [32], options.mlpSamples, options));
  }
  if (models.includes('cnn')) {
    await tf.setBackend('cpu');
    results.push(await measureModel('CNN 12x12 conv8-pool-dense10', () => buildCnn(tf.train.adam(0.001)), [12, 12, 1], options.cnnSamples, options));
  }
  if (models.includes('demo-cnn-wasm')) {
    await useWasm();
    try {
      results.push(
        await measureModel(
          'demo CNN 28x28 conv8-pool-conv16-pool-dense10',
          () => {
            const model = buildDemoCnn({ seed: 1 });
            model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
            return model;
          },
          [28, 28, 1],
          options.demoCnnSamples,
          options,
        ),
      );
    } finally {
      await tf.setBackend('cpu');
    }
  }
  return results;
}

/**
 * Switches tfjs to the wasm backend as the examples run it: single-threaded SIMD binary from
 * the package folder, lrkit's training kernels registered (examples/common).
 */
export async function useWasm(): Promise<void> {
  const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as unknown as WasmModule;
  if (!(await initializeWasmBackend(wasm))) throw new Error('the wasm backend did not start');
}

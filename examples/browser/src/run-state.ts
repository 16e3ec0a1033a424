import { batchesPerEpoch } from './epoch-order.js';

/** Where a run stands. `stopped` runs can be resumed; `finished` and `failed` ones start over. */
export type RunStatus = 'idle' | 'training' | 'stopping' | 'stopped' | 'evaluating' | 'finished' | 'failed';

/** One optimizer update as drawn on the charts. */
export interface BatchPoint {
  /** Global step: the optimizer's update count before this update (0 for the first). */
  readonly step: number;
  readonly epoch: number;
  /** The learning rate the optimizer used for this update. */
  readonly learningRate: number;
  readonly loss: number;
  readonly accuracy: number | null;
}

/** The end of an epoch (or of the part of it trained before a stop). */
export interface EpochPoint {
  readonly epoch: number;
  /** Global step after the epoch's last update. */
  readonly step: number;
  /** `false` when training stopped inside the epoch. */
  readonly complete: boolean;
  readonly loss: number | null;
  readonly accuracy: number | null;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
}

/** Everything the page shows about the current run; changed only by {@link reduceRun}. */
export interface RunState {
  readonly status: RunStatus;
  readonly totalEpochs: number;
  readonly trainCount: number;
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  /** Optimizer updates in the whole run. */
  readonly totalSteps: number;
  /** The epoch in progress (or next to start). */
  readonly epoch: number;
  /** Batches of `epoch` already trained. */
  readonly batchesDoneInEpoch: number;
  /** Optimizer updates so far (the next update's global step). */
  readonly globalStep: number;
  /** How many times training was started or resumed in this run. */
  readonly segments: number;
  readonly batches: readonly BatchPoint[];
  readonly epochs: readonly EpochPoint[];
  readonly testAccuracy: number | null;
  readonly error: string | null;
}

/** What happens to a run. */
export type RunEvent =
  | { readonly type: 'start' }
  | { readonly type: 'batch'; readonly point: BatchPoint }
  | { readonly type: 'epoch-end'; readonly point: Omit<EpochPoint, 'complete' | 'step'> }
  | { readonly type: 'stop-requested' }
  | { readonly type: 'segment-ended' }
  | { readonly type: 'evaluated'; readonly testAccuracy: number }
  | { readonly type: 'failed'; readonly message: string };

/** The shape of a run: epochs, training examples per epoch and batch size. */
export interface RunShape {
  readonly totalEpochs: number;
  readonly trainCount: number;
  readonly batchSize: number;
}

/**
 * A run that has not started.
 *
 * @example
 * ```ts
 * initialRun({ totalEpochs: 2, trainCount: 500, batchSize: 32 }).totalSteps; // 32
 * ```
 */
export function initialRun(shape: RunShape): RunState {
  const perEpoch = batchesPerEpoch(shape.trainCount, shape.batchSize);
  return {
    status: 'idle',
    totalEpochs: shape.totalEpochs,
    trainCount: shape.trainCount,
    batchSize: shape.batchSize,
    batchesPerEpoch: perEpoch,
    totalSteps: perEpoch * shape.totalEpochs,
    epoch: 0,
    batchesDoneInEpoch: 0,
    globalStep: 0,
    segments: 0,
    batches: [],
    epochs: [],
    testAccuracy: null,
    error: null,
  };
}

/** Whether the Start button starts or resumes training. */
export function canStart(state: RunState): boolean {
  return state.status === 'idle' || state.status === 'stopped';
}

/** Whether the Stop button can stop training. */
export function canStop(state: RunState): boolean {
  return state.status === 'training';
}

/** Whether training has begun and a new run needs a fresh model (the page then shows "New run"). */
export function hasProgress(state: RunState): boolean {
  return state.globalStep > 0 || state.status === 'finished' || state.status === 'failed';
}

/**
 * The next slice of training: which epoch, from which batch, and how many examples are
 * left in it. `undefined` when every epoch is done.
 */
export function nextSlice(state: RunState): { epoch: number; firstExample: number } | undefined {
  if (state.epoch >= state.totalEpochs) return undefined;
  return { epoch: state.epoch, firstExample: state.batchesDoneInEpoch * state.batchSize };
}

/**
 * The run's state after `event`. Pure: returns a new object, ignores events that do not
 * apply to the current status (a batch after a failure, a second stop).
 *
 * @example
 * ```ts
 * let state = reduceRun(initialRun({ totalEpochs: 1, trainCount: 64, batchSize: 32 }), { type: 'start' });
 * state.status; // 'training'
 * ```
 */
export function reduceRun(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'start':
      if (!canStart(state)) return state;
      return { ...state, status: 'training', segments: state.segments + 1, error: null };
    case 'batch': {
      if (state.status !== 'training' && state.status !== 'stopping') return state;
      const batchesDoneInEpoch = state.batchesDoneInEpoch + 1;
      return {
        ...state,
        batches: [...state.batches, event.point],
        globalStep: event.point.step + 1,
        batchesDoneInEpoch,
      };
    }
    case 'epoch-end': {
      if (state.status !== 'training' && state.status !== 'stopping') return state;
      const complete = state.batchesDoneInEpoch >= state.batchesPerEpoch;
      const point: EpochPoint = { ...event.point, complete, step: state.globalStep };
      return {
        ...state,
        epochs: [...state.epochs, point],
        epoch: complete ? state.epoch + 1 : state.epoch,
        batchesDoneInEpoch: complete ? 0 : state.batchesDoneInEpoch,
      };
    }
    case 'stop-requested':
      return state.status === 'training' ? { ...state, status: 'stopping' } : state;
    case 'segment-ended':
      if (state.status !== 'training' && state.status !== 'stopping') return state;
      if (state.epoch >= state.totalEpochs) return { ...state, status: 'evaluating' };
      return { ...state, status: 'stopped' };
    case 'evaluated':
      return state.status === 'evaluating' ? { ...state, status: 'finished', testAccuracy: event.testAccuracy } : state;
    case 'failed':
      return { ...state, status: 'failed', error: event.message };
  }
}

export type { JsonValue, Schedule, ScheduleConfig } from './schedule.js';
export { defineSchedule } from './schedule.js';
export { toConfig, fromConfig } from './config.js';
export { limits, type Limits } from './limits.js';
export { excerpt, excerptText } from './excerpt.js';
export { checkConfigShape } from './config-shape.js';
export { checkFiniteOverDomain, probeSteps } from './finite-check.js';
export { scheduleFactories, type ScheduleFactory } from './registry.js';
export { constant, type ConstantConfig, type ConstantOptions } from './constant.js';
export { cosine, type CosineConfig, type CosineOptions } from './cosine.js';
export { linear, type LinearConfig, type LinearOptions } from './linear.js';
export { polynomial, type PolynomialConfig, type PolynomialOptions } from './polynomial.js';
export { step, type StepConfig, type StepOptions } from './step.js';
export { multiStep, type MultiStepConfig, type MultiStepOptions } from './multi-step.js';
export {
  piecewiseConstant,
  type PiecewiseConstantConfig,
  type PiecewiseConstantOptions,
} from './piecewise-constant.js';
export { exponential, type ExponentialConfig, type ExponentialOptions } from './exponential.js';
export { inverseTime, type InverseTimeConfig, type InverseTimeOptions } from './inverse-time.js';
export { inverseSqrt, type InverseSqrtConfig, type InverseSqrtOptions } from './inverse-sqrt.js';
export {
  cosineRestarts,
  type CosineRestartsConfig,
  type CosineRestartsOptions,
} from './cosine-restarts.js';
export {
  cyclic,
  type CyclicConfig,
  type CyclicMode,
  type CyclicMomentumConfig,
  type CyclicOptions,
  type CyclicScaleMode,
} from './cyclic.js';
export {
  oneCycle,
  type OneCycleAnnealing,
  type OneCycleConfig,
  type OneCycleMomentumConfig,
  type OneCycleOptions,
} from './one-cycle.js';
export { warmup, type WarmupConfig, type WarmupOptions, type WarmupShape } from './warmup.js';
export {
  warmupStableDecay,
  type WarmupStableDecayConfig,
  type WarmupStableDecayOptions,
  type WarmupStableDecayShape,
} from './warmup-stable-decay.js';
export { join, type JoinConfig, type JoinOptions } from './join.js';
export { multiply, type MultiplyConfig, type MultiplyOptions } from './multiply.js';
export { clamp, type ClampConfig, type ClampOptions } from './clamp.js';
export { offset, type OffsetConfig, type OffsetOptions } from './offset.js';
export { lambda, type LambdaConfig, type LambdaOptions } from './lambda.js';
export { scheduleArgument, scheduleArray } from './schedule-argument.js';
export {
  plateau,
  type PlateauConfig,
  type PlateauOptions,
  type PlateauReducer,
  type PlateauState,
} from './plateau.js';
export {
  fromTorch,
  torchPreset,
  torchSchedulerNames,
  type TorchConfig,
  type TorchOptions,
  type TorchPresetOptions,
} from './presets/torch.js';
export type { TorchSchedulerDescriptor } from './presets/torch-composite.js';
export { fromKeras, kerasClassNames, type KerasConfig, type KerasSerialized } from './presets/keras.js';
export { torchPlateau, type TorchPlateauOptions } from './presets/torch-plateau.js';
export { kerasPlateau, type KerasPlateauOptions, type KerasPlateauReducer } from './presets/keras-plateau.js';
export { toTorch, type TorchEquivalent } from './presets/to-torch.js';
export { toKeras, type KerasEquivalent } from './presets/to-keras.js';
export { tanhDecay, type TanhConfig, type TanhOptions } from './tanh.js';
export {
  annealingCycles,
  type AnnealingCyclesConfig,
  type AnnealingCyclesOptions,
  type AnnealingShape,
} from './annealing-cycles.js';
export { overlappingWarmup, type OverlappingWarmupConfig, type OverlappingWarmupOptions } from './overlapping-warmup.js';
export { noise, type NoiseConfig, type NoiseOptions } from './noise.js';
export {
  piecewiseInterpolate,
  type Interpolation,
  type PiecewiseInterpolateConfig,
  type PiecewiseInterpolateOptions,
} from './piecewise-interpolate.js';
export { TorchGenerator } from './torch-generator.js';
export { fromOptax, optaxPreset, optaxScheduleNames, type OptaxConfig, type OptaxPresetOptions } from './presets/optax.js';
export {
  fromHuggingFace,
  huggingFacePlateau,
  huggingFacePreset,
  huggingFaceSchedulerNames,
  type HuggingFaceConfig,
  type HuggingFaceOptions,
  type HuggingFacePresetOptions,
} from './presets/hugging-face.js';
export {
  fromTimm,
  timmNumEpochs,
  timmPreset,
  timmSchedulerNames,
  type TimmArguments,
  type TimmConfig,
  type TimmOptions,
  type TimmPresetOptions,
} from './presets/timm.js';
export { toOptax, type OptaxEquivalent } from './presets/to-optax.js';

export {
  type AnnealingCyclesConfig,
  type AnnealingCyclesOptions,
  type AnnealingShape,
  annealingCycles,
} from './annealing-cycles.js';
export { type ClampConfig, type ClampOptions, clamp } from './clamp.js';
export { fromConfig, toConfig } from './config.js';
export { checkConfigShape } from './config-shape.js';
export { type ConstantConfig, type ConstantOptions, constant } from './constant.js';
export { type CosineConfig, type CosineOptions, cosine } from './cosine.js';
export {
  type CosineRestartsConfig,
  type CosineRestartsOptions,
  cosineRestarts,
} from './cosine-restarts.js';
export {
  type CyclicConfig,
  type CyclicMode,
  type CyclicMomentumConfig,
  type CyclicOptions,
  type CyclicScaleMode,
  cyclic,
} from './cyclic.js';
export { excerpt, excerptText } from './excerpt.js';
export { type ExponentialConfig, type ExponentialOptions, exponential } from './exponential.js';
export { checkFiniteOverDomain, probeSteps } from './finite-check.js';
export { type InverseSqrtConfig, type InverseSqrtOptions, inverseSqrt } from './inverse-sqrt.js';
export { type InverseTimeConfig, type InverseTimeOptions, inverseTime } from './inverse-time.js';
export { type JoinConfig, type JoinOptions, join } from './join.js';
export { type LambdaConfig, type LambdaOptions, lambda } from './lambda.js';
export { type Limits, limits } from './limits.js';
export { type LinearConfig, type LinearOptions, linear } from './linear.js';
export { type MultiStepConfig, type MultiStepOptions, multiStep } from './multi-step.js';
export { type MultiplyConfig, type MultiplyOptions, multiply } from './multiply.js';
export { type NoiseConfig, type NoiseOptions, noise } from './noise.js';
export { type OffsetConfig, type OffsetOptions, offset } from './offset.js';
export {
  type OneCycleAnnealing,
  type OneCycleConfig,
  type OneCycleMomentumConfig,
  type OneCycleOptions,
  oneCycle,
  oneCycleKeys,
} from './one-cycle.js';
export { type OverlappingWarmupConfig, type OverlappingWarmupOptions, overlappingWarmup } from './overlapping-warmup.js';
export {
  type PiecewiseConstantConfig,
  type PiecewiseConstantOptions,
  piecewiseConstant,
} from './piecewise-constant.js';
export {
  type Interpolation,
  type PiecewiseInterpolateConfig,
  type PiecewiseInterpolateOptions,
  piecewiseInterpolate,
} from './piecewise-interpolate.js';
export {
  type PlateauConfig,
  type PlateauOptions,
  type PlateauReducer,
  type PlateauState,
  plateau,
} from './plateau.js';
export { type PolynomialConfig, type PolynomialOptions, polynomial } from './polynomial.js';
export {
  fromHuggingFace,
  type HuggingFaceConfig,
  type HuggingFaceOptions,
  type HuggingFacePresetOptions,
  huggingFacePlateau,
  huggingFacePreset,
  huggingFaceSchedulerNames,
} from './presets/hugging-face.js';
export { fromKeras, type KerasConfig, type KerasSerialized, kerasClassNames } from './presets/keras.js';
export { type KerasPlateauOptions, type KerasPlateauReducer, kerasPlateau } from './presets/keras-plateau.js';
export { fromOptax, type OptaxConfig, type OptaxPresetOptions, optaxPreset, optaxScheduleNames } from './presets/optax.js';
export {
  fromTimm,
  type TimmArguments,
  type TimmConfig,
  type TimmOptions,
  type TimmPresetOptions,
  timmNumEpochs,
  timmPreset,
  timmSchedulerNames,
} from './presets/timm.js';
export { type KerasEquivalent, toKeras } from './presets/to-keras.js';
export { type OptaxEquivalent, toOptax } from './presets/to-optax.js';
export { type TorchEquivalent, toTorch } from './presets/to-torch.js';
export {
  fromTorch,
  type TorchConfig,
  type TorchOptions,
  type TorchPresetOptions,
  torchPreset,
  torchSchedulerNames,
} from './presets/torch.js';
export type { TorchSchedulerDescriptor } from './presets/torch-composite.js';
export { type TorchPlateauOptions, torchPlateau } from './presets/torch-plateau.js';
export { type ScheduleFactory, scheduleFactories } from './registry.js';
export type { JsonValue, Schedule, ScheduleConfig } from './schedule.js';
export { defineSchedule } from './schedule.js';
export { scheduleArgument, scheduleArray } from './schedule-argument.js';
export { type StepConfig, type StepOptions, step } from './step.js';
export { type TanhConfig, type TanhOptions, tanhDecay } from './tanh.js';
export { TorchGenerator } from './torch-generator.js';
export { type WarmupConfig, type WarmupOptions, type WarmupShape, warmup } from './warmup.js';
export {
  type WarmupStableDecayConfig,
  type WarmupStableDecayOptions,
  type WarmupStableDecayShape,
  warmupStableDecay,
} from './warmup-stable-decay.js';

// Shared example infrastructure; each area lives in its own folder (data/, report/, …). Backend
// selection and the training kernels are in the published @lrkit/backends.
export { buildDemoCnn, type DemoCnnOptions } from './models/demo-cnn.js';

// Datasets (src/data): loaders, seeded split/limit/one-hot, seeded tf.data batches.
export { type ImageSet, type RawDataset, checkImageSet, concatImageSets } from './data/image-set.js';
export { type IdxArray, parseIdx, encodeIdx, readIdxImageSet } from './data/idx.js';
export {
  type LoadMnistOptions,
  idxFileNames,
  mnistClassNames,
  hasIdxFiles,
  loadIdxDirectory,
  mnistPackageDirectory,
  loadMnist,
} from './data/mnist.js';
export {
  type LoadFashionMnistOptions,
  fashionMnistClassNames,
  fashionMnistTestImagesPerClass,
  fashionMnistPackageDirectory,
  loadFashionMnistJson,
  loadFashionMnist,
} from './data/fashion-mnist.js';
export {
  type LoadCifar10Options,
  cifar10ClassNames,
  cifar10FileNames,
  parseCifar10Batch,
  loadCifar10,
} from './data/cifar10.js';
export { type DatasetName, datasetNames, loadDataset } from './data/load-dataset.js';
export { type TensorPair, type PreparedDataset, type PrepareOptions, prepareDataset } from './data/prepare.js';
export { type ShuffledBatchesOptions, shuffledBatches, batchesPerEpoch } from './data/batches.js';
export { seededRandom, permutation } from './data/random.js';

// Progress (src/progress): a bar per epoch on a terminal, one line per epoch otherwise.
export { type EpochLine, formatNumber, formatDuration, formatEpochLine } from './progress/format.js';
export {
  type ProgressOutput,
  type TrainingProgressOptions,
  TrainingProgress,
  optimizerLearningRate,
} from './progress/training-progress.js';

// Report (src/report): runs/<example>/<timestamp>/ with summary.md, summary.json, charts.
export {
  type EpochRecord,
  type BatchRecord,
  type VariantResult,
  type VariantSummary,
  summarizeVariant,
} from './report/variant-result.js';
export { summaryTable } from './report/summary-table.js';
export { type ReportedSettings, reportSettings } from './report/report-settings.js';
export { type RunDirectoryOptions, createRunDirectory } from './report/run-directory.js';
export { readJsonl, toJsonl } from './report/jsonl.js';
export {
  type RunReport,
  type WriteReportOptions,
  type WrittenReport,
  type ChartFormat,
  type ReportCharts,
  reportCharts,
  writeReport,
} from './report/write-report.js';
export { type TestEvaluationOptions, type TestRecord, TestEvaluation } from './report/test-evaluation.js';

// Training (src/training): one demo-CNN run per variant, recorded for the report.
export {
  type TrainingSettings,
  type TrainingVariant,
  type TrainVariantIo,
  compiledDemoCnn,
  trainVariant,
} from './training/train-variant.js';

// Run set-up (src/run): backend, dataset and run directory of one invocation.
export { type ExampleIo, type PreparedRun, prepareRun } from './run/prepare-run.js';

// Command line (src/cli): the commander flags every example app shares.
export {
  type DataOptionTexts,
  type SharedFlags,
  type SharedOptions,
  addDataOptions,
  addOutputOptions,
  dataArgumentParts,
  outputArgumentParts,
  parseCommandFlags,
  positiveIntegerArgument,
  positiveNumberArgument,
  sharedOptions,
} from './cli/shared-options.js';
export { runCommandLine } from './cli/run-command-line.js';

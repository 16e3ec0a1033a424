// Shared example infrastructure; each area lives in its own folder (data/, report/, …). Backend
// selection and the training kernels are in the published @lrkit/backends.

export { runCommandLine } from './cli/run-command-line.js';
// Command line (src/cli): the commander flags every example app shares.
export {
  addDataOptions,
  addOutputOptions,
  type DataOptionTexts,
  dataArgumentParts,
  outputArgumentParts,
  parseCommandFlags,
  positiveIntegerArgument,
  positiveNumberArgument,
  type SharedFlags,
  type SharedOptions,
  sharedOptions,
} from './cli/shared-options.js';
export { batchesPerEpoch, type ShuffledBatchesOptions, shuffledBatches } from './data/batches.js';
export {
  cifar10ClassNames,
  cifar10FileNames,
  type LoadCifar10Options,
  loadCifar10,
  parseCifar10Batch,
} from './data/cifar10.js';
export {
  fashionMnistClassNames,
  fashionMnistPackageDirectory,
  fashionMnistTestImagesPerClass,
  type LoadFashionMnistOptions,
  loadFashionMnist,
  loadFashionMnistJson,
} from './data/fashion-mnist.js';
export { encodeIdx, type IdxArray, parseIdx, readIdxImageSet } from './data/idx.js';
// Datasets (src/data): loaders, seeded split/limit/one-hot, seeded tf.data batches.
export { checkImageSet, concatImageSets, type ImageSet, type RawDataset } from './data/image-set.js';
export { type DatasetName, datasetNames, loadDataset } from './data/load-dataset.js';
export {
  hasIdxFiles,
  idxFileNames,
  type LoadMnistOptions,
  loadIdxDirectory,
  loadMnist,
  mnistClassNames,
  mnistPackageDirectory,
} from './data/mnist.js';
export { firstExamples, type PreparedDataset, type PrepareOptions, prepareDataset, type TensorPair } from './data/prepare.js';
export { permutation, seededRandom } from './data/random.js';
export { buildDemoCnn, type DemoCnnOptions } from './models/demo-cnn.js';
// Progress (src/progress): a bar per epoch on a terminal, one line per epoch otherwise.
export { type EpochLine, formatDuration, formatEpochLine, formatNumber } from './progress/format.js';
export {
  optimizerLearningRate,
  type ProgressOutput,
  TrainingProgress,
  type TrainingProgressOptions,
} from './progress/training-progress.js';
export { readJsonl, toJsonl } from './report/jsonl.js';
export { type ReportedSettings, reportSettings } from './report/report-settings.js';
export { createRunDirectory, type RunDirectoryOptions } from './report/run-directory.js';
export { summaryTable } from './report/summary-table.js';
export { TestEvaluation, type TestEvaluationOptions, type TestRecord } from './report/test-evaluation.js';
// Report (src/report): runs/<example>/<timestamp>/ with summary.md, summary.json, charts.
export {
  type BatchRecord,
  type EpochRecord,
  summarizeVariant,
  type VariantResult,
  type VariantSummary,
} from './report/variant-result.js';
export {
  type ChartFormat,
  type ReportCharts,
  type RunReport,
  reportCharts,
  type WriteReportOptions,
  type WrittenReport,
  writeReport,
} from './report/write-report.js';
// Run set-up (src/run): backend, dataset and run directory of one invocation.
export { type ExampleIo, type PreparedRun, prepareRun } from './run/prepare-run.js';
// Training (src/training): one demo-CNN run per variant, recorded for the report.
export {
  compiledDemoCnn,
  type TrainingSettings,
  type TrainingVariant,
  type TrainVariantIo,
  trainVariant,
} from './training/train-variant.js';

export { CliError } from './cli-error.js';
export { type ConvertOptions, convert } from './convert.js';
export { type NativeEquivalent, nativeEquivalent } from './native-equivalent.js';
export { parseKeywordArguments } from './parse-arguments.js';
export { parseSteps, type StepRange } from './parse-steps.js';
export { presets } from './presets.js';
export { type Output, type PreviewOptions, preview } from './preview.js';
export { createProgram, run } from './program.js';
export { collectSchedules, type SourcedSchedule, type SourceOptions } from './schedule-sources.js';

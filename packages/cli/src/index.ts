export { run, createProgram } from './program.js';
export { CliError } from './cli-error.js';
export { parseSteps, type StepRange } from './parse-steps.js';
export { parseKeywordArguments } from './parse-arguments.js';
export { collectSchedules, type SourceOptions, type SourcedSchedule } from './schedule-sources.js';
export { preview, type Output, type PreviewOptions } from './preview.js';
export { convert, type ConvertOptions } from './convert.js';
export { presets } from './presets.js';
export { nativeEquivalent, type NativeEquivalent } from './native-equivalent.js';

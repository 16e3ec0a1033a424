// A CommonJS TypeScript file (module node20): TypeScript >= 5.8 lets CommonJS code
// require() the ESM-only packages, as Node >= 20.19 does. Type-checked only.
import schedules = require('@lrkit/schedules');
import lrkitTfjs = require('@lrkit/tfjs');
import backends = require('@lrkit/backends/node');

const schedule: schedules.Schedule = schedules.cosine({ initialValue: 0.1, decaySteps: 10 });
const value: number = schedule(5);
const scheduler: lrkitTfjs.LearningRateScheduler = new lrkitTfjs.LearningRateScheduler({ schedule, unit: 'batch' });
const choice: backends.BackendChoice = backends.parseBackendFlag(['--backend', 'wasm']) ?? 'cpu';
const selection: Promise<backends.SelectedBackend> = backends.selectBackend({ preferred: choice, log: () => {} });
export = { value, scheduler, selection };

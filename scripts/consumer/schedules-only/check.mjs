// A user who installed only @lrkit/schedules: it works without TensorFlow.js, from ESM and
// from require().
import { createRequire } from 'node:module';
import { cosine, fromConfig, toConfig } from '@lrkit/schedules';

const require = createRequire(import.meta.url);
const fromRequire = require('@lrkit/schedules');
const schedule = cosine({ initialValue: 0.1, decaySteps: 100 });
const roundTrip = fromConfig(toConfig(schedule));
const values = [schedule(0), schedule(50), roundTrip(100), fromRequire.cosine({ initialValue: 0.1, decaySteps: 100 })(50)];
const expected = [0.1, 0.05, 0, 0.05];
if (values.some((value, index) => Math.abs(value - expected[index]) > 1e-12)) {
  throw new Error(`values ${JSON.stringify(values)}, expected ${JSON.stringify(expected)}`);
}
console.log(`RESULT ${JSON.stringify({ ok: true, kind: 'schedules-only', values })}`);

import { run } from './program.js';

// The `lrkit` executable: bin/lrkit.js runs this file (built, or from source via tsx).
const status = await run(
  process.argv.slice(2),
  { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
  (text) => process.stderr.write(text),
);
process.exitCode = status;

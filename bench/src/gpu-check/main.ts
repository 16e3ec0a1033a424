/**
 * `pnpm gpu:check [--quick] [--out FILE]` prints the GPU check's JSON report and writes it to
 * FILE (default gpu-check-report.json); `pnpm gpu:check --bundle DIR` writes the self-contained
 * folder that runs the check on a GPU server with nothing but an NVIDIA driver.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBundle } from './bundle.js';
import { fullSettings, quickSettings, runGpuCheck } from './run-gpu-check.js';

const usage = 'usage: pnpm gpu:check [--quick] [--out FILE] | pnpm gpu:check --bundle DIR';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== '--'),
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, bundle: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.bundle !== undefined) {
    const written = await writeBundle(path.resolve(values.bundle), { log: (line) => console.error(line) });
    console.error(`bundle: ${written.directory} (${(written.bytes / 2 ** 20).toFixed(1)} MiB); run it with: bash ${path.join(written.directory, 'run.sh')}`);
    return;
  }
  const report = await runGpuCheck({ settings: values.quick ? quickSettings : fullSettings, args: argv });
  const out = path.resolve(values.out ?? 'gpu-check-report.json');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stdout.write(text);
  console.error(`report written to ${out}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`gpu:check: ${error instanceof Error ? error.message : String(error)}`);
    console.error(usage);
    process.exit(1);
  },
);

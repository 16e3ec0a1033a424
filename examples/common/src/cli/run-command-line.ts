import { CommanderError } from 'commander';

/**
 * Runs an example's entry point and turns failures into an exit code instead of a stack
 * trace: a commander error (bad flag, `--help`) has already printed its message and sets
 * its own exit code; any other error prints its message to stderr and sets exit code 1.
 *
 * @param main - the example's work (parse the arguments, run).
 * @returns when `main` has settled; it never rejects.
 * @example
 * ```ts
 * await runCommandLine(async () => runComparison(parseComparisonArguments(process.argv.slice(2))));
 * ```
 */
export async function runCommandLine(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

import { CommanderError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { runCommandLine } from './run-command-line.js';

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('runCommandLine', () => {
  it('leaves the exit code alone when the work succeeds', async () => {
    await runCommandLine(async () => 'done');
    expect(process.exitCode).toBeUndefined();
  });

  it("takes a commander error's exit code without printing again", async () => {
    const write = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    await runCommandLine(async () => {
      throw new CommanderError(2, 'commander.unknownOption', "error: unknown option '--bogus'");
    });
    expect(process.exitCode).toBe(2);
    expect(write).not.toHaveBeenCalled();
  });

  it('prints any other error message to stderr and exits with 1', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    await runCommandLine(async () => {
      throw new RangeError('--initial-learning-rate must be smaller than --final-learning-rate; received 1 and 0.1');
    });
    expect(process.exitCode).toBe(1);
    expect(write).toHaveBeenCalledWith('--initial-learning-rate must be smaller than --final-learning-rate; received 1 and 0.1\n');
  });

  it('prints a thrown non-error value as a string', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    await runCommandLine(() => Promise.reject('plain text'));
    expect(write).toHaveBeenCalledWith('plain text\n');
  });
});

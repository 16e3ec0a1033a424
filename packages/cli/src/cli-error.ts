/**
 * An error caused by the command line (a bad flag value, an unreadable file). The CLI prints
 * its message as one line, `lrkit: <message>`, on stderr and exits with status 1.
 *
 * @example
 * ```ts
 * throw new CliError('--steps must look like start:end; received "10"');
 * // the CLI prints: lrkit: --steps must look like start:end; received "10"
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

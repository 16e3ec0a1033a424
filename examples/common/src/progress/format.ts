/**
 * Formats a number for a progress line: 4 significant digits, no trailing zeros
 * (`0.1`, `0.09091`, `2.303`), `nan`/`inf` for non-finite values.
 *
 * @param value - the number.
 * @returns its short text form.
 * @example
 * ```ts
 * formatNumber(1 / 11); // '0.09091'
 * ```
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

/**
 * Formats a duration in seconds as `12.3s`, `4m05s` or `1h02m`.
 *
 * @param seconds - the duration (>= 0).
 * @returns its short text form.
 * @example
 * ```ts
 * formatDuration(245); // '4m05s'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** What one epoch line shows. */
export interface EpochLine {
  /** A prefix naming the run (a variant name), or empty. */
  readonly label: string;
  /** The epoch just finished, counted from 1. */
  readonly epoch: number;
  /** Epochs in the run. */
  readonly epochs: number;
  /** The epoch's logs: loss, metrics, validation and test values. */
  readonly logs: Readonly<Record<string, number>>;
  /** The learning rate at the end of the epoch, if known. */
  readonly learningRate: number | undefined;
  /** Seconds the epoch took. */
  readonly seconds: number;
  /** Estimated seconds until the run ends. */
  readonly remainingSeconds: number;
}

/**
 * The plain one-line-per-epoch form used when the output is not a terminal (CI logs),
 * training values first, then validation (`val_…`) and test (`test_…`) values:
 * `label epoch 2/5  loss 0.3121  acc 0.91  val_loss 0.29  val_acc 0.92  lr 0.05  3.2s  ETA 9.6s`.
 *
 * @param line - the values to show.
 * @returns the line, without a trailing newline.
 * @example
 * ```ts
 * formatEpochLine({ label: 'adam', epoch: 1, epochs: 2, logs: { loss: 0.5 }, learningRate: 0.001, seconds: 2, remainingSeconds: 2 });
 * // 'adam epoch 1/2  loss 0.5  lr 0.001  2.0s  ETA 2.0s'
 * ```
 */
export function formatEpochLine(line: EpochLine): string {
  const parts = [`${line.label === '' ? '' : `${line.label} `}epoch ${line.epoch}/${line.epochs}`];
  // Training values first (loss, then the metrics), then validation and test values.
  const rank = (key: string): number => (key === 'loss' ? 0 : key.startsWith('val_') ? 2 : key.startsWith('test_') ? 3 : 1);
  const entries = Object.entries(line.logs).sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of entries) parts.push(`${key} ${formatNumber(value)}`);
  if (line.learningRate !== undefined) parts.push(`lr ${formatNumber(line.learningRate)}`);
  parts.push(formatDuration(line.seconds));
  if (line.epoch < line.epochs) parts.push(`ETA ${formatDuration(line.remainingSeconds)}`);
  return parts.join('  ');
}

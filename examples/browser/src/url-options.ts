/** Backends the page can train on, best first. */
export const backendOrder = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** A tfjs backend name the page knows. */
export type BackendName = (typeof backendOrder)[number];

/** The page's settings, read from the URL's query (`?epochs=1&limit=500`). */
export interface PageOptions {
  /** Epochs of a run (`epochs`, 1 … 50). Default 3. */
  readonly epochs: number;
  /** Training examples used (`limit`, 64 … the subset's size). Default: all of the subset. */
  readonly limit: number | undefined;
  /** Test examples used for the per-epoch validation and the final accuracy (`testLimit`, 64 … the subset's size). Default: all of the subset. */
  readonly testLimit: number | undefined;
  /** Batch size (`batchSize`, 8 … 512). Default 64. */
  readonly batchSize: number;
  /** The optimizer's (Adam) learning rate (`lr`, > 0 and <= 1). Default 0.005. */
  readonly learningRate: number;
  /** Recipe text to put in the field (`recipe`). Default the first preset. */
  readonly recipe: string | undefined;
  /** Use only this backend (`backend`), for comparing or testing; default the best available. */
  readonly backend: BackendName | undefined;
  /** Seed of the weight initialisation and the shuffling (`seed`, an integer). Default 1. */
  readonly seed: number;
  /** Batches of the LR finder's sweep (`finderIterations`, 10 … 500). Default 100. */
  readonly finderIterations: number;
}

/** The default options (no query). */
export const defaultPageOptions: PageOptions = {
  epochs: 3,
  limit: undefined,
  testLimit: undefined,
  batchSize: 64,
  learningRate: 0.005,
  recipe: undefined,
  backend: undefined,
  seed: 1,
  finderIterations: 100,
};

/**
 * Reads the page options from a query string. Invalid values are reported in `warnings`
 * and replaced by the defaults, so a bad link still opens a working page.
 *
 * @example
 * ```ts
 * readPageOptions('?epochs=1&limit=500').options.epochs; // 1
 * ```
 */
export function readPageOptions(search: string): { options: PageOptions; warnings: string[] } {
  const query = new URLSearchParams(search);
  const warnings: string[] = [];
  const integer = (key: string, minimum: number, maximum: number, fallback: number): number => {
    const text = query.get(key);
    if (text === null) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      warnings.push(`?${key} must be an integer from ${minimum} to ${maximum}; received ${JSON.stringify(text)}`);
      return fallback;
    }
    return value;
  };
  const limitText = query.get('limit');
  const limit = limitText === null ? undefined : integer('limit', 64, 60_000, Number.NaN);
  const testLimitText = query.get('testLimit');
  const testLimit = testLimitText === null ? undefined : integer('testLimit', 64, 10_000, Number.NaN);
  let learningRate = defaultPageOptions.learningRate;
  const learningRateText = query.get('lr');
  if (learningRateText !== null) {
    const value = Number(learningRateText);
    if (Number.isFinite(value) && value > 0 && value <= 1) learningRate = value;
    else warnings.push(`?lr must be a number in (0, 1]; received ${JSON.stringify(learningRateText)}`);
  }
  let backend: BackendName | undefined;
  const backendText = query.get('backend');
  if (backendText !== null) {
    if ((backendOrder as readonly string[]).includes(backendText)) backend = backendText as BackendName;
    else warnings.push(`?backend must be one of ${backendOrder.join(', ')}; received ${JSON.stringify(backendText)}`);
  }
  return {
    options: {
      epochs: integer('epochs', 1, 50, defaultPageOptions.epochs),
      limit: limit === undefined || Number.isNaN(limit) ? undefined : limit,
      testLimit: testLimit === undefined || Number.isNaN(testLimit) ? undefined : testLimit,
      batchSize: integer('batchSize', 8, 512, defaultPageOptions.batchSize),
      learningRate,
      recipe: query.get('recipe') ?? undefined,
      backend,
      seed: integer('seed', 0, 2 ** 31 - 1, defaultPageOptions.seed),
      finderIterations: integer('finderIterations', 10, 500, defaultPageOptions.finderIterations),
    },
    warnings,
  };
}

/** The backends lrkit can train on, in the order `selectBackend` (`@lrkit/backends/node`) tries them. */
export const backendChoices = ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

/**
 * A backend choice: `tensorflow-gpu` (@tensorflow/tfjs-node-gpu, CUDA), `tensorflow`
 * (@tensorflow/tfjs-node, libtensorflow on the CPU), `webgpu` (@tensorflow/tfjs-backend-webgpu;
 * in Node through Dawn, npm `webgpu`), `wasm` (@tensorflow/tfjs-backend-wasm with lrkit's
 * training kernels) or `cpu` (plain JavaScript, always present).
 */
export type BackendChoice = (typeof backendChoices)[number];

/** The npm package that provides each backend (`cpu` ships with @tensorflow/tfjs). */
export const backendPackages: Readonly<Record<BackendChoice, string | undefined>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: undefined,
};

/** The name tfjs registers each backend under (both native packages register `tensorflow`). */
export const tfjsBackendNames: Readonly<Record<BackendChoice, string>> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  webgpu: 'webgpu',
  wasm: 'wasm',
  cpu: 'cpu',
};

/**
 * Checks a backend name given by a user.
 *
 * @throws RangeError naming the option, the allowed values and the value received.
 * @example
 * toBackendChoice('wasm'); // 'wasm'
 * toBackendChoice('gpu');  // RangeError: --backend must be one of tensorflow-gpu, tensorflow, webgpu, wasm, cpu; received "gpu" (did you mean "tensorflow-gpu"?)
 */
export function toBackendChoice(value: unknown, optionName = '--backend'): BackendChoice {
  if (typeof value === 'string' && (backendChoices as readonly string[]).includes(value)) return value as BackendChoice;
  const suggestion = typeof value === 'string' ? backendChoices.find((choice) => choice.includes(value) || value.includes(choice)) : undefined;
  throw new RangeError(
    `${optionName} must be one of ${backendChoices.join(', ')}; received ${JSON.stringify(value)}` +
      (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`),
  );
}

/**
 * Reads `--backend <name>` or `--backend=<name>` from command-line arguments.
 *
 * @param argv the arguments, e.g. `process.argv.slice(2)`.
 * @returns the choice, or `undefined` when the flag is absent (then pick the best present).
 * @throws RangeError for an unknown name or a flag without a value.
 * @example
 * parseBackendFlag(['--epochs', '3', '--backend', 'cpu']); // 'cpu'
 * parseBackendFlag(['--backend=wasm']);                    // 'wasm'
 */
export function parseBackendFlag(argv: readonly string[]): BackendChoice | undefined {
  let choice: BackendChoice | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--backend') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new RangeError(`--backend needs a value, one of ${backendChoices.join(', ')}`);
      }
      choice = toBackendChoice(value);
      index += 1;
    } else if (argument.startsWith('--backend=')) {
      choice = toBackendChoice(argument.slice('--backend='.length));
    }
  }
  return choice;
}

/** Config types whose builder is not the camel-case of the type, or that a preset builds. */
const owners: Readonly<Record<string, string>> = {
  tanh: 'tanhDecay',
  'cyclic-momentum': 'cyclic',
  'one-cycle-momentum': 'oneCycle',
  // Presets: their messages go on to name the framework's class (`torch StepLR`).
  'hugging-face': 'hugging-face',
};

/**
 * The function a user called to build a schedule of config `type`, for the start of an error
 * message: `'one-cycle'` → `'oneCycle'`, `'tanh'` → `'tanhDecay'`; a preset's type
 * (`'torch'`, `'keras'`, `'optax'`, `'timm'`, `'hugging-face'`) is kept, since its message
 * goes on to name the framework's class.
 *
 * @example
 * ```ts
 * scheduleOwner('cosine-restarts'); // 'cosineRestarts'
 * scheduleOwner('tanh');            // 'tanhDecay'
 * ```
 */
export function scheduleOwner(type: string): string {
  return Object.hasOwn(owners, type) ? (owners[type] as string) : type.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

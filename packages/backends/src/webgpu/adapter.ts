/**
 * The fields of a WebGPU `GPUAdapterInfo` that lrkit reads (a structural subset, so this
 * package needs no WebGPU type package).
 */
export interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  /** Set by Dawn and recent browsers for a software (fallback) adapter. */
  readonly isFallbackAdapter?: boolean;
}

/** The parts of a WebGPU `GPUAdapter` that lrkit reads. */
export interface AdapterLike {
  readonly info?: AdapterInfoLike;
  /** Older spelling of `info.isFallbackAdapter`. */
  readonly isFallbackAdapter?: boolean;
}

/** What a WebGPU adapter is, as lrkit reports it. */
export interface AdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A CPU implementation (SwiftShader, lavapipe/llvmpipe, WARP): correct but slow. */
  readonly software: boolean;
}

const softwareNames = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|warp/i;

/**
 * Whether an adapter is a software (CPU) implementation: flagged as a fallback adapter, or
 * named after a known software rasteriser (SwiftShader, llvmpipe, lavapipe, WARP).
 *
 * @example
 * isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' }); // true
 * isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' });      // false
 */
export function isSoftwareAdapter(info: AdapterInfoLike): boolean {
  if (info.isFallbackAdapter === true) return true;
  return [info.vendor, info.architecture, info.device, info.description].some((text) => text !== undefined && softwareNames.test(text));
}

/**
 * Describes a WebGPU adapter: vendor, architecture, device, description and whether it is a
 * software adapter ({@link isSoftwareAdapter}).
 *
 * @example
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) console.log(formatAdapter(describeAdapter(adapter)));
 */
export function describeAdapter(adapter: AdapterLike): AdapterDescription {
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software: isSoftwareAdapter({ ...info, isFallbackAdapter: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true }),
  };
}

/**
 * One line naming an adapter, e.g. `nvidia hopper (NVIDIA H200)` or
 * `google swiftshader (SwiftShader driver 5.0.0), software adapter`.
 *
 * @example
 * formatAdapter({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', software: false });
 * // 'nvidia hopper (NVIDIA H200)'
 */
export function formatAdapter(adapter: AdapterDescription): string {
  const name = [adapter.vendor, adapter.architecture].filter((part) => part !== '').join(' ') || 'unnamed adapter';
  const detail = adapter.description || adapter.device;
  return `${name}${detail === '' ? '' : ` (${detail})`}${adapter.software ? ', software adapter' : ''}`;
}

import type { WebGpuLimits } from './webgpu-program.js';

/** How a reduction of length `K` is cut into splits that run as separate workgroups. */
export interface SplitSettings {
  /**
   * Workgroups to aim for over the whole dispatch: enough to fill a large GPU (an H200 holds
   * about a thousand 256-thread workgroups at once). Default 1024.
   */
  readonly targetWorkgroups: number;
  /** The shortest stretch of the reduction one split covers. Default 512. */
  readonly minimumSplitLength: number;
}

/** The split settings the kernels use unless told otherwise. */
export const defaultSplitSettings: SplitSettings = { targetWorkgroups: 1024, minimumSplitLength: 512 };

/** The outcome of {@link planSplits}. */
export interface SplitPlan {
  /** Number of splits (the third dispatch dimension); 1 means no partial sums. */
  readonly splits: number;
  /** Reduction length per split, a multiple of `granule`. */
  readonly splitLength: number;
}

/**
 * Cuts a reduction of `length` into splits of whole `granule`s so that `tiles × splits`
 * workgroups come near `settings.targetWorkgroups`, no split is shorter than
 * `settings.minimumSplitLength` (unless the whole reduction is), and the split count fits in
 * one dispatch dimension.
 *
 * @example
 * planSplits(262_144, 1, 32, defaultSplitSettings, 65_535); // { splits: 512, splitLength: 512 }
 */
export function planSplits(length: number, tiles: number, granule: number, settings: SplitSettings, maxWorkgroupsPerDimension: number): SplitPlan {
  if (length <= 0) return { splits: 1, splitLength: granule };
  const wanted = Math.ceil(settings.targetWorkgroups / Math.max(1, tiles));
  const mostByLength = Math.max(1, Math.floor(length / Math.max(granule, settings.minimumSplitLength)));
  const requested = Math.max(1, Math.min(wanted, mostByLength, maxWorkgroupsPerDimension));
  const splitLength = Math.ceil(Math.ceil(length / requested) / granule) * granule;
  return { splits: Math.ceil(length / splitLength), splitLength };
}

/** The output tile of one workgroup of the filter-gradient GEMM, and its reduction step. */
export interface GemmTile {
  /** Rows (filter taps × input channels) per workgroup: 32 or 64. */
  readonly rows: number;
  /** Columns (output channels) per workgroup: 32 or 64. */
  readonly columns: number;
  /** Reduction elements staged in workgroup memory per step: 32, or 16 on small devices. */
  readonly depth: number;
}

/**
 * Picks the GEMM tile for an `[rows × columns]` output: 64 along a dimension of at least 64,
 * else 32 (each thread computes 4 × 4 outputs, so 64 to 256 threads), and a reduction depth
 * that fits the device's workgroup memory and invocation limits.
 *
 * @example
 * chooseGemmTile(288, 32, limits); // { rows: 64, columns: 32, depth: 32 }
 */
export function chooseGemmTile(rows: number, columns: number, limits: WebGpuLimits): GemmTile {
  let tileRows = rows >= 64 ? 64 : 32;
  let tileColumns = columns >= 64 ? 64 : 32;
  while ((tileRows * tileColumns) / 16 > limits.maxComputeInvocationsPerWorkgroup && tileRows * tileColumns > 32 * 32) {
    if (tileRows >= tileColumns) tileRows /= 2;
    else tileColumns /= 2;
  }
  let depth = 32;
  while (depth > 4 && (tileRows + tileColumns) * depth * 4 > limits.maxComputeWorkgroupStorageSize) depth /= 2;
  return { rows: tileRows, columns: tileColumns, depth };
}

import { geometryKey, receptiveFieldSnippet, type FilterGradientGeometry } from './filter-gradient-geometry.js';
import type { GemmTile } from './split-plan.js';
import type { WebGpuProgram } from './webgpu-program.js';

const lanes = ['x', 'y', 'z', 'w'] as const;

/**
 * Conv2D's filter gradient as an implicit GEMM in WGSL: dW, viewed as an
 * `[M = filterHeight·filterWidth·inChannels, N = outChannels]` matrix, is
 * `Σ_k im2col(x)[m, k] · dy[k, n]` over `K = batch·outHeight·outWidth`. The im2col matrix is
 * never built: each workgroup stages a `depth × rows` slice of it (read from x with stride,
 * dilation and padding, zero outside the image) and a `depth × columns` slice of dy in
 * workgroup memory, and each thread accumulates 4 × 4 outputs. The reduction is cut into
 * `splits` ranges of `splitLength` (the third dispatch dimension, a uniform); with more than
 * one split the output is `[splits, M, N]` partial sums for {@link SplitSumProgram}, else
 * the filter gradient itself.
 */
export class FilterGradientProgram implements WebGpuProgram {
  variableNames = ['x', 'dy'];
  uniforms = 'splitLength : i32,';
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0], y: [1], z: [2] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size = false;
  private readonly rows: number;
  private readonly columns: number;
  private readonly reduction: number;

  constructor(
    private readonly geometry: FilterGradientGeometry,
    private readonly tile: GemmTile,
    splits: number,
    private readonly splitLength: number,
  ) {
    this.rows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
    this.columns = geometry.outChannels;
    this.reduction = geometry.batch * geometry.outHeight * geometry.outWidth;
    this.outputShape =
      splits > 1 ? [splits, this.rows, this.columns] : [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, geometry.outChannels];
    this.workgroupSize = [tile.columns / 4, tile.rows / 4, 1];
    this.dispatch = [Math.ceil(this.columns / tile.columns), Math.ceil(this.rows / tile.rows), splits];
    this.shaderKey = `lrkitFilterGradient_${geometryKey(geometry)}_${tile.rows}_${tile.columns}_${tile.depth}_${splitLength}_${splits > 1 ? 1 : 0}`;
  }

  getUserCode(): string {
    const { geometry, tile, rows, columns, reduction } = this;
    const { inHeight, inWidth, inChannels, filterWidth, dilationHeight, dilationWidth, outHeight, outWidth, channelsLast } = geometry;
    const rowVectors = tile.rows / 4;
    const columnVectors = tile.columns / 4;
    const threads = rowVectors * columnVectors;
    const aRounds = (tile.depth * rowVectors) / threads;
    const bRounds = (tile.depth * columnVectors) / threads;
    const tapOffset = channelsLast
      ? (lane: string) => `(tapRow.${lane} * ${inWidth} + tapColumn.${lane}) * ${inChannels} + channel.${lane}`
      : (lane: string) => `channel.${lane} * ${inHeight * inWidth} + tapRow.${lane} * ${inWidth} + tapColumn.${lane}`;
    const dyBase = channelsLast ? `k * ${columns}` : `image * ${columns * outHeight * outWidth} + pixel`;
    const dyOffset = channelsLast ? (lane: string) => `column.${lane}` : (lane: string) => `column.${lane} * ${outHeight * outWidth}`;
    const dyDecompose = channelsLast
      ? ''
      : `let image = k / ${outHeight * outWidth};
          let pixel = k - image * ${outHeight * outWidth};`;
    return `
      var<workgroup> tileX : array<vec4<f32>, ${tile.depth * rowVectors}>;
      var<workgroup> tileDy : array<vec4<f32>, ${tile.depth * columnVectors}>;

      fn main() {
        let localColumn = i32(localId.x);
        let localRow = i32(localId.y);
        let thread = localRow * ${columnVectors} + localColumn;
        let rowBase = i32(workgroupId.y) * ${tile.rows};
        let columnBase = i32(workgroupId.x) * ${tile.columns};
        let kStart = i32(workgroupId.z) * uniforms.splitLength;
        let kEnd = min(kStart + uniforms.splitLength, ${reduction});

        // This thread loads x for filter rows m = rowBase + 4·xVector + (0…3): tap and channel.
        let xVector = thread % ${rowVectors};
        let m = vec4<i32>(rowBase + xVector * 4) + vec4<i32>(0, 1, 2, 3);
        let mValid = m < vec4<i32>(${rows});
        let mClamped = min(m, vec4<i32>(${rows - 1}));
        let tap = mClamped / vec4<i32>(${inChannels});
        let channel = mClamped - tap * vec4<i32>(${inChannels});
        let tapRow = (tap / vec4<i32>(${filterWidth})) * vec4<i32>(${dilationHeight});
        let tapColumn = (tap % vec4<i32>(${filterWidth})) * vec4<i32>(${dilationWidth});
        let xOffset = vec4<i32>(${lanes.map(tapOffset).join(', ')});

        // …and dy for output channels n = columnBase + 4·dyVector + (0…3).
        let dyVector = thread % ${columnVectors};
        let column = vec4<i32>(columnBase + dyVector * 4) + vec4<i32>(0, 1, 2, 3);
        let columnValid = column < vec4<i32>(${columns});
        let dyOffset = vec4<i32>(${lanes.map(dyOffset).join(', ')});

        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        let tileCount = uniforms.splitLength / ${tile.depth};
        for (var tileIndex = 0; tileIndex < tileCount; tileIndex++) {
          let kTile = kStart + tileIndex * ${tile.depth};
          for (var load = 0; load < ${aRounds}; load++) {
            let row = thread / ${rowVectors} + load * ${threads / rowVectors};
            let k = kTile + row;
            var value = vec4<f32>(0.0);
            if (k < kEnd) {
              ${receptiveFieldSnippet(geometry, 'k')}
              let inputRow = vec4<i32>(rowStart) + tapRow;
              let inputColumn = vec4<i32>(columnStart) + tapColumn;
              let inside = mValid & (inputRow >= vec4<i32>(0)) & (inputRow < vec4<i32>(${inHeight})) &
                  (inputColumn >= vec4<i32>(0)) & (inputColumn < vec4<i32>(${inWidth}));
              ${lanes.map((lane) => `if (inside.${lane}) { value.${lane} = x[imageBase + xOffset.${lane}]; }`).join('\n              ')}
            }
            tileX[row * ${rowVectors} + xVector] = value;
          }
          for (var load = 0; load < ${bRounds}; load++) {
            let row = thread / ${columnVectors} + load * ${threads / columnVectors};
            let k = kTile + row;
            var value = vec4<f32>(0.0);
            if (k < kEnd) {
              ${dyDecompose}
              let dyBase = ${dyBase};
              ${lanes.map((lane) => `if (columnValid.${lane}) { value.${lane} = dy[dyBase + dyOffset.${lane}]; }`).join('\n              ')}
            }
            tileDy[row * ${columnVectors} + dyVector] = value;
          }
          workgroupBarrier();
          for (var inner = 0; inner < ${tile.depth}; inner++) {
            let a = tileX[inner * ${rowVectors} + localRow];
            let b = tileDy[inner * ${columnVectors} + localColumn];
            sum0 = fma(vec4<f32>(a.x), b, sum0);
            sum1 = fma(vec4<f32>(a.y), b, sum1);
            sum2 = fma(vec4<f32>(a.z), b, sum2);
            sum3 = fma(vec4<f32>(a.w), b, sum3);
          }
          workgroupBarrier();
        }

        let outBase = i32(workgroupId.z) * ${rows * columns};
        let outColumn = columnBase + localColumn * 4;
        let outRow = rowBase + localRow * 4;
        var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          let row = outRow + i;
          if (row < ${rows}) {
            for (var j = 0; j < 4; j++) {
              if (outColumn + j < ${columns}) {
                result[outBase + row * ${columns} + outColumn + j] = sums[i][j];
              }
            }
          }
        }
      }
    `;
  }
}

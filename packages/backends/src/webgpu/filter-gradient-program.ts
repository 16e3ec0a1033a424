import type { ConvGeometry } from '../conv-geometry.js';
import { geometryUniformDeclarations, receptiveFieldSnippet } from './filter-gradient-geometry.js';
import type { GemmTile } from './split-plan.js';
import { SplitReductionProgram } from './split-reduction-program.js';

const lanes = ['x', 'y', 'z', 'w'] as const;

/**
 * Conv2D's filter gradient as an implicit GEMM in WGSL: dW, viewed as an
 * `[M = filterHeight·filterWidth·inChannels, N = outChannels]` matrix, is
 * `Σ_k im2col(x)[m, k] · dy[k, n]` over `K = batch·outHeight·outWidth`. The im2col matrix is
 * never built: each workgroup stages a `depth × rows` slice of it (read from x with stride,
 * dilation and padding, zero outside the image) and a `depth × columns` slice of dy in
 * workgroup memory, and each thread accumulates 4 × 4 outputs. The reduction is cut into
 * splits of `splitLength` (the third dispatch dimension); with more than one split the output
 * is `[splits, M, N]` partial sums for {@link SplitSumProgram}, else the filter gradient
 * itself. Sizes are uniforms, so one pipeline serves every shape with the same tile and layout.
 */
export class FilterGradientProgram extends SplitReductionProgram {
  variableNames = ['x', 'dy'];
  uniforms = geometryUniformDeclarations('rows', 'columns', 'reduction', 'splitLength');

  constructor(
    private readonly geometry: ConvGeometry,
    private readonly tile: GemmTile,
    splits: number,
  ) {
    super();
    const rows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
    const columns = geometry.outChannels;
    this.outputShape = splits > 1 ? [splits, rows, columns] : [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, columns];
    this.workgroupSize = [tile.columns / 4, tile.rows / 4, 1];
    this.dispatch = [Math.ceil(columns / tile.columns), Math.ceil(rows / tile.rows), splits];
    this.shaderKey = `lrkitFilterGradient_${geometry.channelsLast ? 'NHWC' : 'NCHW'}_${tile.rows}_${tile.columns}_${tile.depth}`;
  }

  getUserCode(): string {
    const { tile } = this;
    const { channelsLast } = this.geometry;
    const rowVectors = tile.rows / 4;
    const columnVectors = tile.columns / 4;
    const threads = rowVectors * columnVectors;
    const xLoads = (tile.depth * rowVectors) / threads;
    const dyLoads = (tile.depth * columnVectors) / threads;
    const tapOffset = channelsLast
      ? (lane: string) => `(tapRow.${lane} * uniforms.inWidth + tapColumn.${lane}) * uniforms.inChannels + channel.${lane}`
      : (lane: string) => `channel.${lane} * uniforms.inHeight * uniforms.inWidth + tapRow.${lane} * uniforms.inWidth + tapColumn.${lane}`;
    const dyOffset = channelsLast ? (lane: string) => `column.${lane}` : (lane: string) => `column.${lane} * uniforms.outHeight * uniforms.outWidth`;
    const dyBase = channelsLast
      ? 'let dyBase = k * uniforms.columns;'
      : `let image = k / (uniforms.outHeight * uniforms.outWidth);
              let dyBase = image * (uniforms.columns - 1) * uniforms.outHeight * uniforms.outWidth + k;`;
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
        let kEnd = min(kStart + uniforms.splitLength, uniforms.reduction);

        // This thread loads x for filter rows m = rowBase + 4·xVector + (0…3): tap and channel…
        let xVector = thread % ${rowVectors};
        let m = vec4<i32>(rowBase + xVector * 4) + vec4<i32>(0, 1, 2, 3);
        let mValid = m < vec4<i32>(uniforms.rows);
        let mClamped = min(m, vec4<i32>(uniforms.rows - 1));
        let tap = mClamped / vec4<i32>(uniforms.inChannels);
        let channel = mClamped - tap * vec4<i32>(uniforms.inChannels);
        let tapRow = (tap / vec4<i32>(uniforms.filterWidth)) * vec4<i32>(uniforms.dilationHeight);
        let tapColumn = (tap % vec4<i32>(uniforms.filterWidth)) * vec4<i32>(uniforms.dilationWidth);
        let xOffset = vec4<i32>(${lanes.map(tapOffset).join(', ')});

        // …and dy for output channels n = columnBase + 4·dyVector + (0…3).
        let dyVector = thread % ${columnVectors};
        let column = vec4<i32>(columnBase + dyVector * 4) + vec4<i32>(0, 1, 2, 3);
        let columnValid = column < vec4<i32>(uniforms.columns);
        let dyOffset = vec4<i32>(${lanes.map(dyOffset).join(', ')});

        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        let tileCount = uniforms.splitLength / ${tile.depth};
        for (var tileIndex = 0; tileIndex < tileCount; tileIndex++) {
          let kTile = kStart + tileIndex * ${tile.depth};
          for (var load = 0; load < ${xLoads}; load++) {
            let row = thread / ${rowVectors} + load * ${threads / rowVectors};
            let k = kTile + row;
            var value = vec4<f32>(0.0);
            if (k < kEnd) {
              ${receptiveFieldSnippet(channelsLast, 'k')}
              let inputRow = vec4<i32>(rowStart) + tapRow;
              let inputColumn = vec4<i32>(columnStart) + tapColumn;
              let inside = mValid & (inputRow >= vec4<i32>(0)) & (inputRow < vec4<i32>(uniforms.inHeight)) &
                  (inputColumn >= vec4<i32>(0)) & (inputColumn < vec4<i32>(uniforms.inWidth));
              ${lanes.map((lane) => `if (inside.${lane}) { value.${lane} = x[imageBase + xOffset.${lane}]; }`).join('\n              ')}
            }
            tileX[row * ${rowVectors} + xVector] = value;
          }
          for (var load = 0; load < ${dyLoads}; load++) {
            let row = thread / ${columnVectors} + load * ${threads / columnVectors};
            let k = kTile + row;
            var value = vec4<f32>(0.0);
            if (k < kEnd) {
              ${dyBase}
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

        let outBase = i32(workgroupId.z) * uniforms.rows * uniforms.columns;
        let outColumn = columnBase + localColumn * 4;
        let outRow = rowBase + localRow * 4;
        var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          let row = outRow + i;
          if (row < uniforms.rows) {
            for (var j = 0; j < 4; j++) {
              if (outColumn + j < uniforms.columns) {
                result[outBase + row * uniforms.columns + outColumn + j] = sums[i][j];
              }
            }
          }
        }
      }
    `;
  }
}

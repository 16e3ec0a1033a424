import { SplitReductionProgram } from './split-reduction-program.js';

/** Threads per workgroup of {@link SkinnyMatMulProgram}. */
export const skinnyMatMulWorkgroupThreads = 64;

/**
 * A batched matrix product for skinny shapes (few rows, few columns or a short reduction), in
 * WGSL without workgroup memory: each thread reads A and B straight from memory and keeps a
 * 4 × 4 block of the output in registers (four `vec4` accumulators), so no thread waits at a
 * barrier and no workgroup stages a tile that is mostly padding. Row and column indices past the
 * edge are clamped (their results are never written), so the inner loop has no branch. The
 * reduction can be split (the third dispatch dimension is split × batch): with more than one
 * split the output is `[splits, …outputShape]` partial sums for {@link SplitSumProgram}.
 * Uniforms: `outRows` (M), `outColumns` (N), `depth` (K), `batches`, `aBatchStride` and
 * `bBatchStride` (0 for a broadcast operand), `splitLength`.
 */
export class SkinnyMatMulProgram extends SplitReductionProgram {
  variableNames = ['a', 'b'];
  uniforms = 'outRows : i32, outColumns : i32, depth : i32, batches : i32, aBatchStride : i32, bBatchStride : i32, splitLength : i32,';

  constructor(
    outputShape: readonly number[],
    rows: number,
    columns: number,
    batches: number,
    splits: number,
    private readonly transposeA: boolean,
    private readonly transposeB: boolean,
  ) {
    super();
    this.outputShape = splits > 1 ? [splits, ...outputShape] : [...outputShape];
    const rowBlocks = Math.ceil(rows / 4);
    const columnBlocks = Math.ceil(columns / 4);
    // Wide along the columns (neighbouring threads write neighbouring 16-byte blocks) unless there are few.
    const width = columnBlocks >= skinnyMatMulWorkgroupThreads || rowBlocks < 4 ? skinnyMatMulWorkgroupThreads : 16;
    this.workgroupSize = [width, skinnyMatMulWorkgroupThreads / width, 1];
    this.dispatch = [Math.ceil(columnBlocks / this.workgroupSize[0]), Math.ceil(rowBlocks / this.workgroupSize[1]), splits * batches];
    this.shaderKey = `lrkitSkinnyMatMul_${transposeA}_${transposeB}_${width}`;
  }

  getUserCode(): string {
    // A[r, k] is a[r·K + k], or a[k·M + r] when transposed; B[k, c] is b[k·N + c], or b[c·K + k].
    const aStart = this.transposeA ? 'aBase + rows' : 'aBase + rows * uniforms.depth';
    const aStep = this.transposeA ? 'uniforms.outRows' : '1';
    const bStart = this.transposeB ? 'bBase + columns * uniforms.depth' : 'bBase + columns';
    const bStep = this.transposeB ? '1' : 'uniforms.outColumns';
    return `
      fn main() {
        let row = i32(globalId.y) * 4;
        let column = i32(globalId.x) * 4;
        if (row >= uniforms.outRows || column >= uniforms.outColumns) {
          return;
        }
        let batch = i32(globalId.z) % uniforms.batches;
        let split = i32(globalId.z) / uniforms.batches;
        let kStart = split * uniforms.splitLength;
        let kEnd = min(kStart + uniforms.splitLength, uniforms.depth);
        let lanes = vec4<i32>(0, 1, 2, 3);
        let rows = min(vec4<i32>(row) + lanes, vec4<i32>(uniforms.outRows - 1));
        let columns = min(vec4<i32>(column) + lanes, vec4<i32>(uniforms.outColumns - 1));
        let aBase = vec4<i32>(batch * uniforms.aBatchStride);
        let bBase = vec4<i32>(batch * uniforms.bBatchStride);
        let aStep = ${aStep};
        let bStep = ${bStep};
        var aOffset = ${aStart} + vec4<i32>(kStart * aStep);
        var bOffset = ${bStart} + vec4<i32>(kStart * bStep);
        var sum0 = vec4<f32>(0.0);
        var sum1 = vec4<f32>(0.0);
        var sum2 = vec4<f32>(0.0);
        var sum3 = vec4<f32>(0.0);
        for (var k = kStart; k < kEnd; k++) {
          let av = vec4<f32>(a[aOffset.x], a[aOffset.y], a[aOffset.z], a[aOffset.w]);
          let bv = vec4<f32>(b[bOffset.x], b[bOffset.y], b[bOffset.z], b[bOffset.w]);
          sum0 = fma(vec4<f32>(av.x), bv, sum0);
          sum1 = fma(vec4<f32>(av.y), bv, sum1);
          sum2 = fma(vec4<f32>(av.z), bv, sum2);
          sum3 = fma(vec4<f32>(av.w), bv, sum3);
          aOffset += vec4<i32>(aStep);
          bOffset += vec4<i32>(bStep);
        }
        let outBase = (split * uniforms.batches + batch) * uniforms.outRows * uniforms.outColumns;
        var sums = array<vec4<f32>, 4>(sum0, sum1, sum2, sum3);
        for (var i = 0; i < 4; i++) {
          if (row + i < uniforms.outRows) {
            let rowBase = outBase + (row + i) * uniforms.outColumns + column;
            for (var j = 0; j < 4; j++) {
              if (column + j < uniforms.outColumns) {
                result[rowBase + j] = sums[i][j];
              }
            }
          }
        }
      }
    `;
  }
}

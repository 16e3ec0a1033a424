import type { ConvGeometry, PatchLayout } from '../conv-geometry.js';

/** Offsets inside the NHWC or NCHW input: one image, one step along a row, a column and a channel. */
function inputSteps(g: ConvGeometry): { imageSize: number; rowStep: number; columnStep: number; channelStep: number } {
  return {
    imageSize: g.inHeight * g.inWidth * g.inChannels,
    rowStep: g.channelsLast ? g.inWidth * g.inChannels : g.inWidth,
    columnStep: g.channelsLast ? g.inChannels : 1,
    channelStep: g.channelsLast ? 1 : g.inHeight * g.inWidth,
  };
}

/**
 * For filter column `j`: the input column of output column 0 (`columnOffset`), and the output
 * columns [firstColumn, endColumn) whose input column `outColumn * stride + columnOffset` lies inside.
 */
function insideColumns(g: ConvGeometry, j: number): { columnOffset: number; firstColumn: number; endColumn: number } {
  const columnOffset = j * g.dilationWidth - g.padLeft;
  const firstColumn = Math.min(g.outWidth, Math.max(0, Math.ceil(-columnOffset / g.strideWidth)));
  const endColumn = Math.max(firstColumn, Math.min(g.outWidth, Math.ceil((g.inWidth - columnOffset) / g.strideWidth)));
  return { columnOffset, firstColumn, endColumn };
}

/**
 * im2col: copies the receptive field of every output pixel of images
 * [firstImage, firstImage + imageCount) into `patches` (laid out by `layout`), writing 0
 * for taps that fall into the padding. Row m = ((n - firstImage) * outHeight + outRow) *
 * outWidth + outColumn. `input` is the whole NHWC or NCHW input (by `geometry.channelsLast`).
 *
 * @example
 * im2col(xValues, geometry, 0, geometry.batchSize, patches, rowMajorPatchLayout(geometry));
 */
export function im2col(input: Float32Array, geometry: ConvGeometry, firstImage: number, imageCount: number, patches: Float32Array, layout: PatchLayout): void {
  const g = geometry;
  const { rowStride, tapStride, channelStride } = layout;
  const { imageSize, rowStep, columnStep, channelStep } = inputSteps(g);
  patches.fill(0);
  let row = 0;
  for (let n = firstImage; n < firstImage + imageCount; n += 1) {
    const imageOffset = n * imageSize;
    for (let outRow = 0; outRow < g.outHeight; outRow += 1) {
      const inRowStart = outRow * g.strideHeight - g.padTop;
      for (let outColumn = 0; outColumn < g.outWidth; outColumn += 1, row += 1) {
        const inColumnStart = outColumn * g.strideWidth - g.padLeft;
        const rowOffset = row * rowStride;
        for (let i = 0; i < g.filterHeight; i += 1) {
          const inRow = inRowStart + i * g.dilationHeight;
          if (inRow < 0 || inRow >= g.inHeight) continue;
          for (let j = 0; j < g.filterWidth; j += 1) {
            const inColumn = inColumnStart + j * g.dilationWidth;
            if (inColumn < 0 || inColumn >= g.inWidth) continue;
            const source = imageOffset + inRow * rowStep + inColumn * columnStep;
            const target = rowOffset + (i * g.filterWidth + j) * tapStride;
            for (let c = 0; c < g.inChannels; c += 1) {
              patches[target + c * channelStride] = input[source + c * channelStep]!;
            }
          }
        }
      }
    }
  }
}

/**
 * col2im: the adjoint of {@link im2col}. Adds every patch entry back onto the input pixel it
 * was read from (`input` must be zeroed by the caller before the first chunk); taps in the
 * padding are dropped. Used for the input gradient: d input = col2im(d patches).
 *
 * @example
 * col2im(patchGradients, geometry, 0, geometry.batchSize, inputGradient, channelMajorPatchLayout(geometry, rows));
 */
export function col2im(patches: Float32Array, geometry: ConvGeometry, firstImage: number, imageCount: number, input: Float32Array, layout: PatchLayout): void {
  const g = geometry;
  const { rowStride, tapStride, channelStride } = layout;
  const { imageSize, rowStep, columnStep, channelStep } = inputSteps(g);
  let row = 0;
  for (let n = firstImage; n < firstImage + imageCount; n += 1) {
    const imageOffset = n * imageSize;
    for (let outRow = 0; outRow < g.outHeight; outRow += 1) {
      const inRowStart = outRow * g.strideHeight - g.padTop;
      for (let outColumn = 0; outColumn < g.outWidth; outColumn += 1, row += 1) {
        const inColumnStart = outColumn * g.strideWidth - g.padLeft;
        const rowOffset = row * rowStride;
        for (let i = 0; i < g.filterHeight; i += 1) {
          const inRow = inRowStart + i * g.dilationHeight;
          if (inRow < 0 || inRow >= g.inHeight) continue;
          for (let j = 0; j < g.filterWidth; j += 1) {
            const inColumn = inColumnStart + j * g.dilationWidth;
            if (inColumn < 0 || inColumn >= g.inWidth) continue;
            const target = imageOffset + inRow * rowStep + inColumn * columnStep;
            const source = rowOffset + (i * g.filterWidth + j) * tapStride;
            for (let c = 0; c < g.inChannels; c += 1) {
              input[target + c * channelStep]! += patches[source + c * channelStride]!;
            }
          }
        }
      }
    }
  }
}

/**
 * im2col in the transposed ("rows of taps") layout, the fast operand of a BatchMatMul
 * without transposes: for every filter tap k = i·filterWidth + j and input channel c, one
 * contiguous row of `rows` = imageCount · outHeight · outWidth values (ordered by image,
 * output row, output column) starting at `k * tapStride + c * channelStride`. Taps in the
 * padding are 0. Standard conv: tapStride = inChannels · rows, channelStride = rows
 * ([taps · channels, rows]); depthwise: tapStride = rows, channelStride = taps · rows
 * ([channels, taps, rows]).
 *
 * @example
 * im2colRows(xValues, geometry, 0, geometry.batchSize, patches, geometry.inChannels * rows, rows);
 */
export function im2colRows(
  input: Float32Array,
  geometry: ConvGeometry,
  firstImage: number,
  imageCount: number,
  patches: Float32Array,
  tapStride: number,
  channelStride: number,
): void {
  const g = geometry;
  const { imageSize, rowStep, columnStep, channelStep } = inputSteps(g);
  const { outHeight, outWidth, strideHeight, strideWidth } = g;
  const sourceStep = strideWidth * columnStep;
  for (let i = 0; i < g.filterHeight; i += 1) {
    for (let j = 0; j < g.filterWidth; j += 1) {
      const tap = i * g.filterWidth + j;
      const { columnOffset, firstColumn, endColumn } = insideColumns(g, j);
      for (let c = 0; c < g.inChannels; c += 1) {
        let target = tap * tapStride + c * channelStride;
        for (let n = firstImage; n < firstImage + imageCount; n += 1) {
          const imageOffset = n * imageSize + c * channelStep;
          for (let outRow = 0; outRow < outHeight; outRow += 1, target += outWidth) {
            const inRow = outRow * strideHeight + i * g.dilationHeight - g.padTop;
            if (inRow < 0 || inRow >= g.inHeight) {
              patches.fill(0, target, target + outWidth);
              continue;
            }
            if (firstColumn > 0) patches.fill(0, target, target + firstColumn);
            let source = imageOffset + inRow * rowStep + (firstColumn * strideWidth + columnOffset) * columnStep;
            for (let outColumn = firstColumn; outColumn < endColumn; outColumn += 1, source += sourceStep) {
              patches[target + outColumn] = input[source]!;
            }
            if (endColumn < outWidth) patches.fill(0, target + endColumn, target + outWidth);
          }
        }
      }
    }
  }
}

/**
 * col2im in the transposed ("rows of taps") layout of {@link im2colRows}: adds every entry of
 * the row of tap k and channel c (starting at `k * tapStride + c * channelStride`, `rows`
 * contiguous values) back onto the input pixel it was read from; taps in the padding are
 * dropped. `input` must be zeroed by the caller before the first chunk.
 *
 * @example
 * col2imRows(patchGradients, geometry, 0, geometry.batchSize, inputGradient, geometry.inChannels * rows, rows);
 */
export function col2imRows(
  patches: Float32Array,
  geometry: ConvGeometry,
  firstImage: number,
  imageCount: number,
  input: Float32Array,
  tapStride: number,
  channelStride: number,
): void {
  const g = geometry;
  const { imageSize, rowStep, columnStep, channelStep } = inputSteps(g);
  const { outHeight, outWidth, strideHeight, strideWidth } = g;
  const targetStep = strideWidth * columnStep;
  for (let i = 0; i < g.filterHeight; i += 1) {
    for (let j = 0; j < g.filterWidth; j += 1) {
      const tap = i * g.filterWidth + j;
      const { columnOffset, firstColumn, endColumn } = insideColumns(g, j);
      for (let c = 0; c < g.inChannels; c += 1) {
        let source = tap * tapStride + c * channelStride;
        for (let n = firstImage; n < firstImage + imageCount; n += 1) {
          const imageOffset = n * imageSize + c * channelStep;
          for (let outRow = 0; outRow < outHeight; outRow += 1, source += outWidth) {
            const inRow = outRow * strideHeight + i * g.dilationHeight - g.padTop;
            if (inRow < 0 || inRow >= g.inHeight) continue;
            let target = imageOffset + inRow * rowStep + (firstColumn * strideWidth + columnOffset) * columnStep;
            for (let outColumn = firstColumn; outColumn < endColumn; outColumn += 1, target += targetStep) {
              input[target]! += patches[source + outColumn]!;
            }
          }
        }
      }
    }
  }
}

import type * as tf from '@tensorflow/tfjs';

/**
 * The index arithmetic of a 2-D convolution, flattened out of tfjs' `Conv2DInfo` so the
 * im2col loops read plain numbers. All lengths are in elements, positions in pixels.
 */
export interface ConvGeometry {
  readonly batchSize: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  /** Rows of zero padding above the input (the `top` of tfjs' padInfo). */
  readonly padTop: number;
  /** Columns of zero padding left of the input. */
  readonly padLeft: number;
  /** `true` for NHWC (`channelsLast`), `false` for NCHW. */
  readonly channelsLast: boolean;
}

/**
 * Reads the geometry out of tfjs' own `computeConv2DInfo`, so padding ('same', 'valid',
 * explicit numbers or per-side arrays) and rounding follow tfjs exactly.
 *
 * @example
 * const geometry = toConvGeometry(tf.backend_util.computeConv2DInfo([1, 5, 5, 1], [3, 3, 1, 2], 1, 1, 'same'));
 */
export function toConvGeometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  return {
    batchSize: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    channelsLast: info.dataFormat === 'channelsLast',
  };
}

/**
 * Where the patch matrix puts element (row m, filter tap k, input channel c):
 * `m * rowStride + k * tapStride + c * channelStride`, with k = i * filterWidth + j.
 * The standard layout [rows, taps, channels] matches a [filterHeight, filterWidth, inChannels,
 * outChannels] filter; the depthwise layout is [channels, rows, taps].
 */
export interface PatchLayout {
  readonly rowStride: number;
  readonly tapStride: number;
  readonly channelStride: number;
}

/** Layout [rows, filterHeight * filterWidth, inChannels]: one im2col row per output pixel. */
export function rowMajorPatchLayout(geometry: ConvGeometry): PatchLayout {
  const taps = geometry.filterHeight * geometry.filterWidth;
  return { rowStride: taps * geometry.inChannels, tapStride: geometry.inChannels, channelStride: 1 };
}

/** Layout [inChannels, rows, filterHeight * filterWidth]: one matrix per channel (depthwise). */
export function channelMajorPatchLayout(geometry: ConvGeometry, rows: number): PatchLayout {
  const taps = geometry.filterHeight * geometry.filterWidth;
  return { rowStride: taps, tapStride: 1, channelStride: rows * taps };
}

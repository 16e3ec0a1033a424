import type * as tf from '@tensorflow/tfjs';

/** A convolution's shapes as the filter-gradient programs bake them into WGSL. */
export interface FilterGradientGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** dy's channels: `outChannels` for Conv2D, `inChannels × multiplier` for depthwise. */
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  /** NHWC (`true`) or NCHW. */
  readonly channelsLast: boolean;
}

/** The geometry of a `backend_util.computeConv2DInfo` result. */
export function geometryOf(info: tf.backend_util.Conv2DInfo): FilterGradientGeometry {
  return {
    batch: info.batchSize,
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

/** A short, unique text of the geometry, for shader keys. */
export function geometryKey(geometry: FilterGradientGeometry): string {
  return Object.values(geometry).map((value) => (typeof value === 'boolean' ? Number(value) : value)).join('_');
}

/**
 * WGSL that turns reduction index `k` (batch × output row × output column) into `imageBase`
 * (x's offset of the receptive field's corner, before the tap) and `rowStart` / `columnStart`
 * (the corner's input row and column, possibly negative), with every size a constant.
 */
export function receptiveFieldSnippet(geometry: FilterGradientGeometry, k: string): string {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, padTop, padLeft } = geometry;
  const imageBase = geometry.channelsLast
    ? `((image * ${inHeight} + rowStart) * ${inWidth} + columnStart) * ${inChannels}`
    : `image * ${inChannels * inHeight * inWidth} + rowStart * ${inWidth} + columnStart`;
  return `
          let image = ${k} / ${outHeight * outWidth};
          let pixel = ${k} - image * ${outHeight * outWidth};
          let outRow = pixel / ${outWidth};
          let rowStart = outRow * ${strideHeight} - ${padTop};
          let columnStart = (pixel - outRow * ${outWidth}) * ${strideWidth} - ${padLeft};
          let imageBase = ${imageBase};`;
}

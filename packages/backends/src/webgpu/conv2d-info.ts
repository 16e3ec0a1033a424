import * as tf from '@tensorflow/tfjs';

/** The attributes tfjs passes to `Conv2D` and both its gradients (`dilations` only from callers that set it). */
export interface ConvolutionAttributes {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
}

/** tfjs' `computeConv2DInfo` for a (not depthwise) 2-D convolution with these attributes; dilations default to 1. */
export function conv2dInfo(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  { strides, pad, dataFormat, dimRoundingMode, dilations = 1 }: ConvolutionAttributes,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
}

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { channelMajorPatchLayout, rowMajorPatchLayout, toConvGeometry } from './conv-geometry.js';
import { col2im, col2imRows, im2col, im2colRows } from './im2col.js';
import { randomInteger, randomValues, seededRandom } from './kernel-test-support.js';

const random = seededRandom(13);
const geometries = Array.from({ length: 30 }, (_, index) => {
  for (;;) {
    const channelsLast = random() < 0.5;
    const [n, h, w, c] = [randomInteger(random, 1, 2), randomInteger(random, 2, 8), randomInteger(random, 2, 8), randomInteger(random, 1, 3)];
    const pad = (['same', 'valid', randomInteger(random, 0, 2)] as const)[randomInteger(random, 0, 2)]!;
    const info = tf.backend_util.computeConv2DInfo(
      channelsLast ? [n, h, w, c] : [n, c, h, w],
      [randomInteger(random, 1, 3), randomInteger(random, 1, 3), c, 2],
      [randomInteger(random, 1, 3), randomInteger(random, 1, 3)],
      [randomInteger(random, 1, 2), randomInteger(random, 1, 2)],
      pad,
      undefined,
      false,
      channelsLast ? 'channelsLast' : 'channelsFirst',
    );
    if (info.outHeight > 0 && info.outWidth > 0) return { name: `#${index}`, geometry: toConvGeometry(info) };
  }
});

describe('im2colRows', () => {
  it.each(geometries)('equals the generic im2col in the [taps · channels, rows] layout ($name)', ({ geometry: g }) => {
    const input = randomValues(random, g.batchSize * g.inHeight * g.inWidth * g.inChannels);
    const rows = g.batchSize * g.outHeight * g.outWidth;
    const taps = g.filterHeight * g.filterWidth;
    const expected = new Float32Array(rows * taps * g.inChannels);
    const actual = new Float32Array(rows * taps * g.inChannels).fill(Number.NaN);
    im2col(input, g, 0, g.batchSize, expected, { rowStride: 1, tapStride: g.inChannels * rows, channelStride: rows });
    im2colRows(input, g, 0, g.batchSize, actual, g.inChannels * rows, rows);
    expect(actual).toEqual(expected);
  });
});

describe('col2im', () => {
  it.each(geometries)('is the adjoint of im2col: <im2col(x), p> = <x, col2im(p)> ($name)', ({ geometry: g }) => {
    const rows = g.batchSize * g.outHeight * g.outWidth;
    const size = rows * g.filterHeight * g.filterWidth * g.inChannels;
    const input = randomValues(random, g.batchSize * g.inHeight * g.inWidth * g.inChannels);
    const patches = randomValues(random, size);
    for (const layout of [rowMajorPatchLayout(g), channelMajorPatchLayout(g, rows)]) {
      const columns = new Float32Array(size);
      im2col(input, g, 0, g.batchSize, columns, layout);
      const back = new Float32Array(input.length);
      col2im(patches, g, 0, g.batchSize, back, layout);
      const left = columns.reduce((sum, value, index) => sum + value * patches[index]!, 0);
      const right = input.reduce((sum, value, index) => sum + value * back[index]!, 0);
      expect(Math.abs(left - right)).toBeLessThan(1e-4 * Math.max(1, Math.abs(left)));
    }
  });
});

describe('col2imRows', () => {
  it.each(geometries)('equals the generic col2im in the [taps · channels, rows] layout ($name)', ({ geometry: g }) => {
    const rows = g.batchSize * g.outHeight * g.outWidth;
    const patches = randomValues(random, rows * g.filterHeight * g.filterWidth * g.inChannels);
    const expected = new Float32Array(g.batchSize * g.inHeight * g.inWidth * g.inChannels);
    const actual = new Float32Array(expected.length);
    col2im(patches, g, 0, g.batchSize, expected, { rowStride: 1, tapStride: g.inChannels * rows, channelStride: rows });
    col2imRows(patches, g, 0, g.batchSize, actual, g.inChannels * rows, rows);
    expect(Array.from(actual).map((value, index) => Math.abs(value - expected[index]!) < 1e-6)).not.toContain(false);
  });
});

import { describe, expect, it } from 'vitest';

import { mergeCloseMarkers } from './merge-markers.js';

describe('mergeCloseMarkers', () => {
  it('joins markers within a factor 2 of the first of their group', () => {
    const merged = mergeCloseMarkers([
      { x: 0.4642, y: 3, label: 'steepest' },
      { x: 0.0614, y: 2, label: 'minimum' },
      { x: 0.0572, y: 1, label: 'valley' },
    ]);
    expect(merged).toEqual([
      { x: 0.0572, y: 1, label: 'valley / minimum' },
      { x: 0.4642, y: 3, label: 'steepest' },
    ]);
  });

  it('keeps markers further apart than the factor separate', () => {
    expect(
      mergeCloseMarkers([
        { x: 1, y: 0, label: 'a' },
        { x: 2.1, y: 0, label: 'b' },
      ]).map((marker) => marker.label),
    ).toEqual(['a', 'b']);
  });
});

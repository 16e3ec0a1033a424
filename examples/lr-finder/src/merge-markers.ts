import type { Marker } from '@lrkit/plot';

/**
 * Joins markers whose x values lie within `factor` of each other (on a log axis: closer
 * than log10(factor) decades) into one marker at the first of them, labels joined with
 * " / ", so suggestions a few percent apart do not print their labels on top of each other.
 * Markers are compared in increasing x; the order of the result follows the first marker
 * of each group.
 *
 * @param markers - the markers (x > 0).
 * @param factor - the largest ratio of two x values that are joined (> 1); default 2 (0.3 decades, about the width of a label).
 * @returns the merged markers.
 * @example
 * ```ts
 * mergeCloseMarkers([{ x: 0.057, y: 1, label: 'valley' }, { x: 0.061, y: 1, label: 'minimum' }]);
 * // [{ x: 0.057, y: 1, label: 'valley / minimum' }]
 * ```
 */
export function mergeCloseMarkers(markers: readonly Marker[], factor = 2): Marker[] {
  const sorted = [...markers].sort((a, b) => a.x - b.x);
  const groups: Marker[][] = [];
  for (const marker of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group !== undefined && first !== undefined && marker.x / first.x <= factor) group.push(marker);
    else groups.push([marker]);
  }
  return groups.map((group) => {
    const first = group[0] as Marker;
    return { x: first.x, y: first.y, label: group.map((marker) => marker.label).join(' / ') };
  });
}

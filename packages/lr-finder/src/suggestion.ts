/** The rules that turn a range-test curve into a learning rate. */
export type SuggestionMethod = 'edge' | 'steepest' | 'minimum' | 'valley';

/** One suggested learning rate and the point of the curve it came from. */
export interface LearningRateSuggestion {
  /** The rule: `'edge'` (the edge's learning rate / 3), `'steepest'`, `'minimum'` (the minimum's learning rate / 10) or `'valley'`. */
  readonly method: SuggestionMethod;
  /** The suggested learning rate. */
  readonly learningRate: number;
  /** Index (batch of the sweep) of the point the rule picked; for `'minimum'` the minimum itself, for `'edge'` the edge itself. */
  readonly index: number;
  /** The smoothed loss at `index`. */
  readonly loss: number;
  /** False when the curve is too short or too noisy to trust (see `RangeTestConfidence`) or the pick is the first point of the analysed window. */
  readonly confident: boolean;
}

/** A rule's pick inside the analysed window: an index into the window's arrays. */
export interface WindowPick {
  readonly index: number;
}

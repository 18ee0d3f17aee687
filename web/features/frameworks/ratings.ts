import type { Rating } from '../../../shared/schemas/frameworks.ts';

/** How each rating reads, everywhere in the feature. */
export const RATING_LABELS: Record<Rating, string> = {
  demonstrating_consistently: 'Demonstrating consistently',
  showing_signs: 'Showing signs',
  gap: 'Gap',
};

export const RATING_COLORS: Record<Rating, string> = {
  demonstrating_consistently: 'teal',
  showing_signs: 'blue',
  gap: 'red',
};

// Pull to refresh on my items: from a finger's travel to what the indicator says and whether letting go
// re-reads the list. Pure; the element feeds it touch positions.

/** How far the indicator must come down (CSS px) before letting go refreshes. */
export const PULL_THRESHOLD = 64;
/** The indicator stops here however far the finger goes. */
export const PULL_MAX = 96;
/** The indicator follows the finger at half its speed: the list feels held, not dragged. */
const RESISTANCE = 0.5;

/** The indicator's height for a finger that has moved `dy` px down since it touched the top of the list. */
export function pullDistance(dy) {
  if (!Number.isFinite(dy) || dy <= 0) return 0;
  return Math.min(PULL_MAX, Math.round(dy * RESISTANCE));
}

/** idle, pulling (not far enough yet), armed (letting go refreshes), or reading (a read is under way). */
export function pullPhase(distance, reading) {
  if (reading) return 'reading';
  if (distance >= PULL_THRESHOLD) return 'armed';
  return distance > 0 ? 'pulling' : 'idle';
}

/** Whether letting go at `distance` starts a read: only when armed, and never a second read over one under way. */
export function releaseRefreshes(distance, reading) {
  return pullPhase(distance, reading) === 'armed';
}

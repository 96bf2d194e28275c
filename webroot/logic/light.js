// The traffic light of an item, for the person looking at it. Pure.
//
// The rule (also in docs/app.md):
//   red    - overdue (a report the unit owes is past its deadline) or in key supervision (R16);
//   yellow - due within 24 hours, or returned by the sponsor (R30) and not yet red;
//   green  - otherwise (nothing owed soon, or nothing owed at all).
// A closed item has no light ("none"): nothing is owed any more.

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

export function deadlineOf(item) {
  const iso = item.nextDeadline ?? item.deadline ?? null;
  return iso ? Date.parse(iso) : null;
}

export function isReturned(item) {
  return (item.returns ?? 0) > 0 || item.unitStatus === 'returned';
}

export function light(item, nowMs) {
  if (item.status === 'closed') return 'none';
  const deadline = deadlineOf(item);
  if (item.overdue || item.keySupervision || (deadline !== null && deadline <= nowMs)) return 'red';
  if ((deadline !== null && deadline - nowMs <= DAY) || isReturned(item)) return 'yellow';
  return 'green';
}

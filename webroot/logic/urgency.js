// Most urgent first. Pure.
// Red before yellow before green before closed; within a colour, the earliest deadline first
// (the most overdue at the top); items without a deadline after those with one; then by number,
// so the order is total and stable.
import { light, deadlineOf } from './light.js';

const RANK = { red: 0, yellow: 1, green: 2, none: 3 };

export function compareUrgency(a, b, nowMs) {
  const la = RANK[light(a, nowMs)];
  const lb = RANK[light(b, nowMs)];
  if (la !== lb) return la - lb;
  const da = deadlineOf(a);
  const db = deadlineOf(b);
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da - db;
  }
  return String(a.number ?? '').localeCompare(String(b.number ?? ''));
}

export function byUrgency(items, nowMs) {
  return [...items].sort((a, b) => compareUrgency(a, b, nowMs));
}

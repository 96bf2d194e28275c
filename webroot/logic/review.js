// A sponsor's review of a unit's report from the thread (R30), and a return's reason as the server
// takes it. Pure.
//
// Nothing here is a rule of the app's own: who may review, and which report a review is about, are
// read off what the server says and does. `POST /items/{id}/return` and `/accept` are the sponsor's
// (the contract's x-roles), of the item's own sponsor office (Lifecycle.returnReport / acceptReport),
// while the item is active and the unit's state is `reported`; the server then marks that unit's latest
// submitted report (ReportRepository.reviewLatest). Should the app be wrong, the server refuses, and the
// refusal is shown.

/** The server's limit: UnitReason.reason is a Text2000. */
export const REASON_MAX = 2000;

/** Whether the signed-in person (GET /me: role, unitId) reviews the reports of this item: its sponsor office's staff. */
export function reviews(me, item) {
  return me?.role === 'sponsor' && me.unitId != null && item != null && me.unitId === item.sponsorUnitId;
}

/**
 * The reports waiting for this person's review, as a Map from report id to its unit id: for each unit
 * whose state is `reported` on an active item, its latest submitted report. Empty for anyone else.
 */
export function awaitingReview(me, item, reports = []) {
  const waiting = new Map();
  if (!reviews(me, item) || item.status !== 'active') return waiting;
  for (const unit of item.units ?? []) {
    if (unit.status !== 'reported') continue;
    const latest = reports.filter((r) => r.unitId === unit.unitId && r.status === 'submitted')
      .reduce((best, r) => (best === null || r.id > best.id ? r : best), null);
    if (latest) waiting.set(latest.id, unit.unitId);
  }
  return waiting;
}

/** Characters as JSON Schema counts them (code points), not UTF-16 units. */
export function length(text) {
  return [...(text ?? '')].length;
}

/** A return's reason as the server takes it: { ok, reason } trimmed, or { ok: false, error: 'empty' | 'tooLong' }. */
export function returnReason(text) {
  const reason = (text ?? '').trim();
  if (reason === '') return { ok: false, error: 'empty' };
  if (length(reason) > REASON_MAX) return { ok: false, error: 'tooLong' };
  return { ok: true, reason };
}

/**
 * The sponsor office's step on the item itself, as the contract gives it to a sponsor: 'grade' once the
 * lead unit applied for completion (R33, POST /items/{id}/grade), 'signOff' once the grade is approved
 * (R34, POST /items/{id}/sign-off); null otherwise, and for anyone else.
 */
export function officeStep(me, item) {
  if (!reviews(me, item)) return null;
  if (item.status === 'completion_requested') return 'grade';
  if (item.status === 'grade_approved') return 'signOff';
  return null;
}

/** The grades of R33, best first, as GradeRequest.grade takes them; a grade's note is at most 2000 characters. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'];
export const NOTE_MAX = 2000;

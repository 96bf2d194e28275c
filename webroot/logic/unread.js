// Unread events and the read mark (PUT /items/{id}/read): what the phone sends and what it shows. Pure.
// The server counts; the phone only says how far the person has seen and keeps the counts it is told.

/** The id of the newest event in a thread, or null for none. */
export function newestEventId(events = []) {
  let newest = null;
  for (const e of events) if (Number.isInteger(e?.id) && (newest === null || e.id > newest)) newest = e.id;
  return newest;
}

/**
 * The event to mark the thread read up to, or null when there is nothing to say: its newest event, once the thread
 * shows one after the mark already sent that someone other than the reader made (their own never count as unread,
 * so a mark past them alone would change no count).
 */
export function markTarget(events = [], sent, personId) {
  const after = (e) => sent === undefined || sent === null || e.id > sent;
  return events.some((e) => after(e) && e.actorId !== personId) ? newestEventId(events) : null;
}

/** My items with one row's unread count as the server gave it; the same list when the row is not there or unchanged. */
export function listWithUnread(list, itemId, unread) {
  const index = list.findIndex((r) => r.id === itemId);
  if (index < 0 || list[index].unread === unread) return list;
  const next = [...list];
  next[index] = { ...list[index], unread };
  return next;
}

/**
 * Whether the answer to a mark is newer than the one applied before: two marks of one item can answer out of order,
 * and the later mark's count is the true one.
 */
export function answerIsNewer(answerEventId, appliedEventId) {
  return appliedEventId === undefined || appliedEventId === null || answerEventId >= appliedEventId;
}

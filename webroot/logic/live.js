// What the live socket (/live, openapi/live.asyncapi.yaml) says, applied to what the app shows. Pure.

/** The wait before reconnect number `attempt` (0, 1, 2…): 1 s, 2 s, 4 s… at most 30 s. */
export function reconnectDelay(attempt) {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}

/** Whether a row of my items belongs in the list under the filters, as GET /items decides it. */
export function matchesFilters(row, filters = {}) {
  if (filters.board && row.board !== filters.board) return false;
  if (filters.status === 'open') return row.status !== 'closed';
  if (filters.status && row.status !== filters.status) return false;
  return true;
}

/** The person's own unit on an item (the entry with report state), or null. */
export function myUnit(item) {
  return item?.units?.find((u) => u.status !== undefined) ?? null;
}

/** A row of my items from an item as GET /items/{id} shows it and its countdown, over the row it had. */
export function rowFromItem(item, countdown, row = {}) {
  const mine = myUnit(item);
  const lead = item.units?.find((u) => u.role === 'lead');
  return {
    ...row,
    id: item.id, number: item.number, title: item.title, board: item.board, kind: item.kind, source: item.source,
    node: item.node, status: item.status, sponsorUnitId: item.sponsorUnitId, sponsorName: item.sponsorName,
    leadUnitId: lead?.unitId ?? row.leadUnitId, leadUnitName: lead?.name ?? row.leadUnitName,
    responsibleLeader: item.responsibleLeader,
    nextDeadline: countdown ? countdown.deadline : (row.nextDeadline ?? null),
    nextReminder: countdown ? (countdown.nextReminder ?? null) : (row.nextReminder ?? null),
    overdue: Boolean(item.overdue),
    calendar: mine?.calendar ?? row.calendar ?? item.calendar,
    keySupervision: Boolean(item.keySupervision),
    returns: mine?.returns ?? row.returns ?? 0,
    registeredAt: item.registeredAt ?? row.registeredAt,
    unread: item.unread ?? row.unread ?? 0,
  };
}

/** A snapshot's rows under the filters: null when they may not all be there (more than the snapshot holds). */
export function listFromSnapshot(snapshot, filters) {
  if (!snapshot.complete) return null;
  return snapshot.items.map(({ countdown, ...row }) => ({ ...row, nextReminder: countdown?.nextReminder ?? null }))
    .filter((row) => matchesFilters(row, filters));
}

/**
 * A list read through the API keeps the next reminder each row had: only the socket's countdowns name it, and a
 * read that lands after the snapshot (or a pull to refresh) must not wipe it.
 */
export function listKeepingReminders(fresh, old) {
  const known = new Map(old.map((r) => [r.id, r.nextReminder ?? null]));
  return fresh.map((row) => ({ ...row, nextReminder: row.nextReminder ?? known.get(row.id) ?? null }));
}

/** My items after an `item` message: the row replaced, added, or gone when it no longer matches the filters. */
export function listWithItem(list, item, countdown, filters) {
  const index = list.findIndex((r) => r.id === item.id);
  const row = rowFromItem(item, countdown, index >= 0 ? list[index] : {});
  const rest = list.filter((r) => r.id !== item.id);
  if (!matchesFilters(row, filters)) return rest;
  if (index < 0) return [...rest, row];
  const next = [...list];
  next[index] = row;
  return next;
}

/** A row after a `phase` message: the clock alone moved its countdown. */
export function rowWithPhase(row, countdown) {
  return {
    ...row,
    nextDeadline: countdown.deadline,
    nextReminder: countdown.nextReminder ?? null,
    overdue: countdown.phase === 'overdue' || (countdown.phase === 'key_supervision' && Boolean(row.overdue)),
    keySupervision: countdown.phase === 'key_supervision' || Boolean(row.keySupervision),
  };
}

/** The open item after its countdown moved by the clock: overdue or in key supervision once the phase says so. */
export function itemWithPhase(item, countdown) {
  return {
    ...item,
    overdue: countdown.phase === 'overdue' || Boolean(item.overdue),
    keySupervision: countdown.phase === 'key_supervision' || Boolean(item.keySupervision),
  };
}

/** My items after `resumed`: each row whose item it names takes its countdown as it stands now. */
export function listWithCountdowns(list, countdowns = []) {
  const now = new Map(countdowns.map((c) => [c.itemId, c.countdown]));
  return list.map((row) => (now.has(row.id) ? rowWithPhase(row, now.get(row.id)) : row));
}

/**
 * Where to resume from once `message` has come: the last event of an `item` message, or the
 * `lastEventId` a `snapshot` or `resumed` names; anything else leaves it where it was. The server
 * keeps its changes in the order it sent them, so the last one that came is the place, not the
 * highest id.
 */
export function resumePointAfter(point, message) {
  if (message.type === 'item') return message.events?.length ? message.events[message.events.length - 1].id : point;
  if ((message.type === 'snapshot' || message.type === 'resumed') && message.lastEventId != null) return message.lastEventId;
  return point;
}

/** The first message on a socket: the token, and where to resume from when there is a place. */
export function authMessage(token, resumeFrom) {
  return resumeFrom == null ? { type: 'auth', token } : { type: 'auth', token, lastEventId: resumeFrom };
}

/**
 * Whether the socket after one closed with `code` resumes: after a 4401 the person's role or unit
 * may have changed, and what they may see is read afresh.
 */
export function resumesAfter(code) {
  return code !== 4401;
}

/** The thread's events with new ones appended, each once, in id order. */
export function withEvents(events, added) {
  const known = new Set(events.map((e) => e.id));
  const fresh = added.filter((e) => !known.has(e.id));
  return fresh.length ? [...events, ...fresh].sort((a, b) => a.id - b.id) : events;
}

/** Whether new events change the item's reports (their status, a new one): they are read again then. */
export function touchesReports(events) {
  return events.some((e) => e.type === 'reported' || e.type === 'returned' || e.type === 'accepted');
}

/** The clock offset from a message's `serverTime`, taken when it arrived; null when there is none. */
export function offsetFromServerTime(serverIso, receivedAtMs) {
  if (!serverIso) return null;
  const server = Date.parse(serverIso);
  return Number.isNaN(server) ? null : server - receivedAtMs;
}

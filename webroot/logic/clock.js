// The server's time as the phone should count with it. Pure: no DOM, no fetch.
// The offset is what to add to the phone's own clock (Date.now()) to get the server's.

/**
 * From an answer's `Date` header (RFC 9110, whole seconds), taken when the answer arrived.
 * The header truncates to the second, so half a second is added back; null when there is none.
 */
export function offsetFromDateHeader(dateHeader, receivedAtMs) {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  return server + 500 - receivedAtMs;
}

/** From an exact server instant (GET /clock's `now`), measured over a round trip from sentAt to receivedAt. */
export function offsetFromInstant(serverIso, sentAtMs, receivedAtMs) {
  const server = Date.parse(serverIso);
  if (Number.isNaN(server)) return null;
  return server - (sentAtMs + receivedAtMs) / 2;
}

export function serverNow(offsetMs, phoneNowMs = Date.now()) {
  return phoneNowMs + (offsetMs || 0);
}

// The offline queue's rules, without IndexedDB or fetch (those are in store.js). Pure.
//
// A report gets its idempotency key the moment it is composed, and keeps it in the queue until the
// server has it: however often the phone retries (a lost answer, a dropped network, a reload), the
// server stores it once (POST /items/{id}/reports answers the first report again for a known key).

// Files (photos already made smaller) wait with their report: each is uploaded once, its attachment id
// kept in the entry, and the report names them all when every one is up.
export function compose(itemId, text, makeKey, nowMs, files = []) {
  return {
    key: makeKey(), itemId, text, composedAt: new Date(nowMs).toISOString(), state: 'waiting', problem: null,
    files: files.map((f) => ({ name: f.name, type: f.type, size: f.size, blob: f.blob, attachmentId: null })),
  };
}

/** The indexes of the entry's files still to upload, in order. */
export function toUpload(entry) {
  return (entry.files ?? []).map((f, i) => (f.attachmentId ? null : i)).filter((i) => i !== null);
}

/** The entry once its file at `index` is stored as `attachmentId` (a new entry; the blob is no longer needed). */
export function uploaded(entry, index, attachmentId) {
  return { ...entry, files: entry.files.map((f, i) => (i === index ? { ...f, attachmentId, blob: null } : f)) };
}

/** What POST /items/{id}/reports gets: the text, and the files once all are uploaded. */
export function reportBody(entry) {
  const ids = (entry.files ?? []).map((f) => f.attachmentId);
  if (ids.some((id) => !id)) throw new Error('files still to upload');
  return ids.length ? { text: entry.text, attachmentIds: ids } : { text: entry.text };
}

/**
 * What an answer means for a queued report: 'sent' (the server has it, 201 or the replayed 200),
 * 'retry' (nothing to conclude: no answer, the server failing, a session to renew, too many requests),
 * or 'refused' (the server said no for a reason that retrying will not change; the person decides).
 */
export function outcome(status) {
  if (status === 200 || status === 201) return 'sent';
  if (status === null || status === undefined || status === 0) return 'retry';
  if (status === 401 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/** The queue in the order it is sent: oldest first. */
export function sendingOrder(entries) {
  return [...entries].sort((a, b) => a.composedAt.localeCompare(b.composedAt) || a.key.localeCompare(b.key));
}

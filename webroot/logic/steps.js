// What the lead unit may ask for from the thread, and why not when it may not. Pure.
//
// R32: an item that cannot finish on its 7-day or 1-month node asks for an extension, with a plan,
// at least 2 days before the deadline: the last moment is the deadline less 48 hours.
// R31: the lead unit applies for completion once it has reported the result.
const NOTICE_MS = 2 * 24 * 3600 * 1000;
const EXTENDABLE = new Set(['7d', '1m']);

/** The last moment an extension may be asked for (ISO), or null without a deadline. */
export function extensionLastMoment(deadline) {
  if (!deadline) return null;
  return new Date(Date.parse(deadline) - NOTICE_MS).toISOString();
}

/** The liaison's own unit on an item (the one entry with report state), or null. */
export function ownUnit(item) {
  return item?.units?.find((u) => u.status !== undefined) ?? null;
}

/**
 * Whether the extension is offered: { offered, lastMoment, why } where why is null when offered, else
 * 'notLead' | 'notActive' | 'node' | 'noDeadline' | 'pending' | 'tooLate'.
 */
export function extensionOffer(item, nowMs) {
  const unit = ownUnit(item);
  const deadline = unit?.deadline ?? null;
  const lastMoment = extensionLastMoment(deadline);
  const no = (why) => ({ offered: false, lastMoment, why });
  if (!unit || unit.role !== 'lead') return no('notLead');
  if (item.status !== 'active') return no('notActive');
  if (item.node && !EXTENDABLE.has(item.node)) return no('node');
  if (!deadline) return no('noDeadline');
  if (unit.extension?.state === 'requested') return no('pending');
  if (nowMs > Date.parse(lastMoment)) return no('tooLate');
  return { offered: true, lastMoment, why: null };
}

/** Whether completion is offered: { offered, why }, why one of 'notLead' | 'notActive' | 'notReported'. */
export function completionOffer(item) {
  const unit = ownUnit(item);
  if (!unit || unit.role !== 'lead') return { offered: false, why: 'notLead' };
  if (item.status !== 'active') return { offered: false, why: 'notActive' };
  if (unit.status !== 'reported' && unit.status !== 'accepted') return { offered: false, why: 'notReported' };
  return { offered: true, why: null };
}

/** A moment as a datetime-local field shows it, in Shanghai time (R11): "2026-12-16T03:52". */
export function toShanghaiField(iso) {
  const shifted = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 16);
}

/** A datetime-local field's value read as Shanghai time, as an instant (ISO), or null if it is not a moment. */
export function fromShanghaiField(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value ?? '')) return null;
  const ms = Date.parse(`${value}:00+08:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// An item's timeline as a conversation, oldest first (newest at the bottom). Pure.
// - the unit's reports, with their text, and the sponsor side's word on them (a return, an acceptance,
//   an extension decided, a grade, with the reason) face each other: for a liaison (viewer 'unit') the
//   reports are "mine" (on the right) and the sponsor's word "theirs" (on the left); for the sponsor
//   office and everyone else (viewer 'office') the other way round, each report named by its unit;
// - everything else the item went through, and every reminder that went out, is a "system" line with its rule.
// The 'reported' event is the report itself, so only the report is shown. An extension request carries
// its milestones when the unit's request on the item is that one (the event itself only counts them).
const FROM_SPONSOR = new Set(['returned', 'accepted', 'extension_granted', 'extension_refused', 'graded']);

export function thread(events = [], reports = [], reminders = [], { viewer = 'unit', units = [] } = {}) {
  const office = viewer === 'office';
  const unitOf = new Map(units.map((u) => [u.unitId, u]));
  const entries = [];
  for (const report of reports) {
    entries.push({ side: office ? 'theirs' : 'mine', kind: 'report', at: report.submittedAt, id: `r${report.id}`, report,
      unitName: unitOf.get(report.unitId)?.name ?? null });
  }
  for (const event of events) {
    if (event.type === 'reported') continue;
    const side = FROM_SPONSOR.has(event.type) ? (office ? 'mine' : 'theirs') : 'system';
    const entry = { side, kind: 'event', at: event.at, id: `e${event.id}`, event };
    if (event.type === 'extension_requested') entry.milestones = milestonesOf(unitOf.get(event.unitId), event);
    entries.push(entry);
  }
  for (const message of reminders) {
    if (message.state !== 'fired') continue;
    entries.push({ side: 'system', kind: 'reminder', at: message.firedAt ?? message.sendAt, id: `m${message.key}`, message });
  }
  // the same moment keeps the server's order (events come oldest first), reports before events
  return entries.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
}

/** The milestones of the request this event records, or null when the unit's request on the item is a later one. */
function milestonesOf(unit, event) {
  const extension = unit?.extension;
  if (!extension || Date.parse(extension.requestedAt) !== Date.parse(event.at)) return null;
  return extension.milestones ?? [];
}

// An item's timeline as a conversation, oldest first (newest at the bottom). Pure.
// - the unit's reports are "mine" (on the right), with their text;
// - a return, a refused extension, a grade come from the sponsor side ("theirs", on the left), with the reason;
// - everything else the item went through, and every reminder that went out, is a "system" line with its rule.
// The 'reported' event is the report itself, so only the report is shown.
const FROM_SPONSOR = new Set(['returned', 'accepted', 'extension_granted', 'extension_refused', 'graded']);

export function thread(events = [], reports = [], reminders = []) {
  const entries = [];
  for (const report of reports) {
    entries.push({ side: 'mine', kind: 'report', at: report.submittedAt, id: `r${report.id}`, report });
  }
  for (const event of events) {
    if (event.type === 'reported') continue;
    const side = FROM_SPONSOR.has(event.type) ? 'theirs' : 'system';
    entries.push({ side, kind: 'event', at: event.at, id: `e${event.id}`, event });
  }
  for (const message of reminders) {
    if (message.state !== 'fired') continue;
    entries.push({ side: 'system', kind: 'reminder', at: message.firedAt ?? message.sendAt, id: `m${message.key}`, message });
  }
  // the same moment keeps the server's order (events come oldest first), reports before events
  return entries.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
}

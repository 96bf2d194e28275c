// "Why is it red?": the item's clock in plain words, for the liaison. Pure: the item, its timeline
// and its messages (GET /items/{id}/reminders) in, sections of sentences out.
//   the light    - which rule made the colour (logic/light.js);
//   the deadline - the node it was counted from, a day off it was moved past (R10, R12), a year
//                  without a holiday notice (R12), a move once the notice came (deadline_moved, R12);
//   sent         - the messages already gone (held to the end of the quiet hours, R21; skipped, why);
//   next         - the ones planned, assuming nothing changes;
//   what stops   - a report before the deadline cancels the unit's reminders (R14), a report also
//                  stops the urging (R15).
import { countdown } from './countdown.js';
import { light } from './light.js';
import { localTime } from './time.js';

const NEXT_SHOWN = 3;
const DAY_MS = 24 * 3600 * 1000;

const WORDS = {
  zh: {
    titles: { red: '为什么是红灯？', yellow: '为什么是黄灯？', green: '为什么是绿灯？', none: '时限说明' },
    light: '灯色',
    overdue: '本单位的反馈已过时限（{time}），{left}。',
    key: '事项已列为重点督办（依据 R16），重点督办期间一直是红灯。',
    soon: '距时限不到 24 小时：{left}。',
    returned: '本单位的反馈被督办科室退回 {n} 次（依据 R30），请按退回理由重新反馈。',
    calm: '距时限还有 24 小时以上：{left}。',
    closed: '事项已办结，不再计时。',
    rule: '红灯：已逾期或重点督办；黄灯：24 小时内到期或被退回；绿灯：其他。',
    deadline: '时限怎么算',
    node: '时间节点 {node}：自交办（{from}）起算，到 {plain}。',
    nodes: { '1d': '1 天', '3d': '3 天', '7d': '7 天', '1m': '1 个月' },
    rolled: '{plain} 是休息日或法定节假日，时限顺延到下一个工作日：{time}（依据 R10、R12）。',
    set: '时限：{time}。',
    noDeadline: '事项没有时限。',
    missing: '{years}年的节假日安排尚未发布，这一年按周一至周五计算工作日；安排发布后时限可能调整（依据 R12）。',
    moved: '{year}年节假日安排发布后，时限由 {from} 调整为 {to}（依据 R12）。',
    extended: '延期获批，时限改为 {time}（依据 R32）。',
    sent: '已发出的提醒',
    noneSent: '还没有发出提醒。',
    next: '接下来的提醒',
    noneNext: '目前没有计划中的提醒。',
    nextNote: '以上按现状推算；反馈、退回、延期或节假日安排变化后会重新安排。',
    held: '（{due} 到点时在夜间免打扰时段，推迟到 {time} 发出）',
    late: '（晚于计划发出）',
    skipped: '{time} {what}：未发出，{note}',
    stop: '怎样停止提醒',
    stopBefore: '在时限（{time}）前报送反馈，本节点此后的提醒即全部取消（依据 R14）。',
    stopAfter: '现在报送反馈，逾期催办随即停止（依据 R14、R15）；超时反馈会记为超时。',
    stopReported: '本单位已报送反馈，等待督办科室审核；审核通过前不会再有到期提醒。如被退回，会按退回时的新要求计时。',
    stopClosed: '事项已办结，不会再有提醒。',
    to: { unit_responsible: '发给本单位负责人', sponsor_office: '发给督办科室', supervision_office: '发给督查室' },
    kinds: {
      before_deadline: '到期前提醒', after_deadline: '逾期提醒', urge: '逾期催办', escalate_sponsor: '提请督办科室协调',
      key_supervision: '列为重点督办', weekly: '每周提醒', monthly_urge: '月度催报', monthly_sponsor_urge: '月度督办提醒',
      monthly_hand_off: '月度交接提醒', quarterly_summary: '季度汇总', report_due: '报送提醒', quarterly_report_due: '季度报送提醒',
      reply_due: '答复提醒', report_reason_early: '提前说明提醒',
    },
    rules: '依据 {rules}',
    sep: '、',
  },
  en: {
    titles: { red: 'Why is it red?', yellow: 'Why is it yellow?', green: 'Why is it green?', none: 'About the deadline' },
    light: 'The light',
    overdue: "Your unit's report is past its deadline ({time}): {left}.",
    key: 'The item is under key supervision (rule R16): red for as long as it lasts.',
    soon: 'Due within 24 hours: {left}.',
    returned: "Your unit's report was returned {n} time(s) by the sponsor office (rule R30): report again as the reason asks.",
    calm: 'More than 24 hours to the deadline: {left}.',
    closed: 'The item is closed: no clock runs.',
    rule: 'Red: overdue or key supervision; yellow: due within 24 hours or returned; green: otherwise.',
    deadline: 'How the deadline was set',
    node: 'Time node {node}: counted from the assignment ({from}), ending {plain}.',
    nodes: { '1d': '1 day', '3d': '3 days', '7d': '7 days', '1m': '1 month' },
    rolled: '{plain} is a day off or a public holiday, so the deadline moves to the next working day: {time} (rules R10, R12).',
    set: 'Deadline: {time}.',
    noDeadline: 'The item has no deadline.',
    missing: 'The {years} holiday schedule is not published yet: that year counts Monday to Friday as working days, and the deadline may move once it is (rule R12).',
    moved: 'When the {year} holiday schedule came out, the deadline moved from {from} to {to} (rule R12).',
    extended: 'Extension granted: the deadline is now {time} (rule R32).',
    sent: 'Reminders sent',
    noneSent: 'No reminder has gone out yet.',
    next: 'Reminders planned next',
    noneNext: 'No reminder is planned for now.',
    nextNote: 'Planned as things stand; a report, a return, an extension or a new holiday schedule plans them again.',
    held: '(due {due} in the quiet hours, held until {time})',
    late: '(sent later than planned)',
    skipped: '{time} {what}: not sent, {note}',
    stop: 'What stops them',
    stopBefore: "Report before the deadline ({time}) and this node's remaining reminders are all cancelled (rule R14).",
    stopAfter: 'Report now and the overdue urging stops (rules R14, R15); the report is marked late.',
    stopReported: 'Your unit has reported; the sponsor office reviews it. No deadline reminder comes meanwhile; a return sets a new clock.',
    stopClosed: 'The item is closed: no more reminders.',
    to: { unit_responsible: "to your unit's responsible person", sponsor_office: 'to the sponsor office', supervision_office: 'to the supervision office' },
    kinds: {
      before_deadline: 'deadline reminder', after_deadline: 'overdue reminder', urge: 'overdue urge', escalate_sponsor: 'referral to the sponsor',
      key_supervision: 'key supervision', weekly: 'weekly reminder', monthly_urge: 'monthly urge', monthly_sponsor_urge: 'monthly sponsor reminder',
      monthly_hand_off: 'monthly hand-off', quarterly_summary: 'quarterly summary', report_due: 'report due', quarterly_report_due: 'quarterly report due',
      reply_due: 'reply due', report_reason_early: 'early reason due',
    },
    rules: 'rule {rules}',
    sep: ', ',
  },
};

const fill = (text, params) => text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));

/** The plain end of a node counted from the assignment, in Shanghai calendar days or months (R10, R11). */
export function plainEnd(assignedAt, node) {
  if (!assignedAt || !node) return null;
  const shanghai = new Date(Date.parse(assignedAt) + 8 * 3600 * 1000); // read its UTC fields as Shanghai's
  const days = { '1d': 1, '3d': 3, '7d': 7 }[node];
  if (days) shanghai.setUTCDate(shanghai.getUTCDate() + days);
  else if (node === '1m') {
    const day = shanghai.getUTCDate();
    shanghai.setUTCDate(1);
    shanghai.setUTCMonth(shanghai.getUTCMonth() + 1);
    const last = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1, 0)).getUTCDate();
    shanghai.setUTCDate(Math.min(day, last)); // 31 January + 1 month is the end of February
  } else return null;
  return new Date(shanghai.getTime() - 8 * 3600 * 1000).toISOString();
}

/** A reminder's kinds in words (到期前提醒、逾期催办), as the thread shows a reminder sent. */
export function reminderKinds(kinds = [], lang = 'zh') {
  return kindsIn(kinds, WORDS[lang] ?? WORDS.zh);
}

function kindsIn(kinds, w) {
  return kinds.map((k) => w.kinds[k] ?? k).join(w.sep);
}

/** What a message was, in words: its kinds and to whom. */
function what(message, w) {
  const kinds = kindsIn(message.kinds ?? [], w);
  const to = w.to[message.recipient] ?? '';
  return [kinds, to].filter(Boolean).join(' ');
}

/** A message the quiet hours held (R21): when it was due, and when it goes or went. */
function heldNote(m, w, t) {
  const due = m.heldFrom ?? (m.dueAt && m.sendAt && Date.parse(m.dueAt) < Date.parse(m.sendAt) ? m.dueAt : null);
  return due ? ` ${fill(w.held, { due: t(due), time: t(m.firedAt ?? m.sendAt) })}` : '';
}

function rulesOf(message, w) {
  return message.rules?.length ? ` · ${fill(w.rules, { rules: message.rules.join(w.sep) })}` : '';
}

/**
 * The explanation: { title, colour, sections: [{ key, heading, lines }] }.
 * `item` is the item as GET /items/{id} answers it; the liaison's own unit is the entry with report state.
 */
export function explainClock(item, events = [], reminders = [], nowMs = Date.now(), lang = 'zh') {
  const w = WORDS[lang] ?? WORDS.zh;
  const t = (iso) => localTime(iso, lang);
  const unit = item.units?.find((u) => u.status !== undefined) ?? null;
  const deadline = unit?.deadline ?? item.deadline ?? null;
  const view = { ...item, nextDeadline: deadline, returns: unit?.returns ?? 0, unitStatus: unit?.status, overdue: unit?.overdue ?? item.overdue };
  const colour = light(view, nowMs);
  const left = deadline ? countdown(Date.parse(deadline), nowMs, lang) : '';
  const sections = [];

  // the light
  const why = [];
  if (colour === 'none') why.push(w.closed);
  else {
    const owes = unit ? unit.status === 'assigned' || unit.status === 'returned' : true;
    if (deadline && owes && (view.overdue || Date.parse(deadline) <= nowMs)) why.push(fill(w.overdue, { time: t(deadline), left }));
    if (item.keySupervision) why.push(w.key);
    if (colour === 'yellow' && deadline && Date.parse(deadline) > nowMs && Date.parse(deadline) - nowMs <= DAY_MS) why.push(fill(w.soon, { left }));
    if ((unit?.returns ?? 0) > 0 && colour !== 'green') why.push(fill(w.returned, { n: unit.returns }));
    if (colour === 'green' && deadline && Date.parse(deadline) > nowMs) why.push(fill(w.calm, { left }));
    why.push(w.rule);
  }
  sections.push({ key: 'light', heading: w.light, lines: why });

  // the deadline
  const how = [];
  const moves = events.filter((e) => e.type === 'deadline_moved');
  const granted = events.filter((e) => e.type === 'extension_granted');
  const plain = plainEnd(item.assignedAt, item.node);
  if (!deadline) how.push(w.noDeadline);
  else {
    if (plain && item.node) how.push(fill(w.node, { node: w.nodes[item.node] ?? item.node, from: t(item.assignedAt), plain: t(plain) }));
    const firstDeadline = moves.length ? moves[0].data?.from : deadline;
    if (plain && !granted.length && firstDeadline && Date.parse(firstDeadline) > Date.parse(plain)) {
      how.push(fill(w.rolled, { plain: t(plain), time: t(firstDeadline) }));
    } else if (!plain || granted.length) how.push(fill(w.set, { time: t(deadline) }));
    for (const m of moves) how.push(fill(w.moved, { year: m.data?.year ?? '', from: t(m.data?.from), to: t(m.data?.to) }));
    for (const g of granted) if (g.data?.newDeadline) how.push(fill(w.extended, { time: t(g.data.newDeadline) }));
    const mark = unit?.calendar ?? item.calendar;
    if (mark?.status === 'missing') how.push(fill(w.missing, { years: (mark.missingYears ?? []).join(w.sep) }));
  }
  sections.push({ key: 'deadline', heading: w.deadline, lines: how });

  // the messages: gone, and planned
  const gone = [];
  for (const m of reminders) {
    if (m.state === 'fired') {
      const when = t(m.firedAt ?? m.sendAt);
      const held = heldNote(m, w, t);
      gone.push(`${when} ${what(m, w)}${rulesOf(m, w)}${held}${m.late ? ` ${w.late}` : ''}`);
    } else if (m.state === 'skipped') {
      gone.push(`${fill(w.skipped, { time: t(m.sendAt), what: what(m, w), note: m.note ?? '' })}${rulesOf(m, w)}`);
    }
  }
  sections.push({ key: 'sent', heading: w.sent, lines: gone.length ? gone : [w.noneSent] });
  const planned = reminders.filter((m) => m.state === 'planned').slice(0, NEXT_SHOWN)
    .map((m) => `${t(m.sendAt)} ${what(m, w)}${rulesOf(m, w)}${heldNote(m, w, t)}`);
  sections.push({ key: 'next', heading: w.next, lines: planned.length ? [...planned, w.nextNote] : [w.noneNext] });

  // what stops them
  let stop;
  if (colour === 'none') stop = w.stopClosed;
  else if (unit && (unit.status === 'reported' || unit.status === 'accepted')) stop = w.stopReported;
  else if (deadline && Date.parse(deadline) > nowMs) stop = fill(w.stopBefore, { time: t(deadline) });
  else stop = w.stopAfter;
  sections.push({ key: 'stop', heading: w.stop, lines: [stop] });

  return { title: w.titles[colour], colour, sections };
}

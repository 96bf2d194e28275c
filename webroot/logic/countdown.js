// Countdown wording. Pure. The two biggest units that matter, rounded down:
//   zh: "4 小时 12 分后到期", "已逾期 1 天 3 小时", "不到 1 分钟后到期"
//   en: "due in 4 h 12 min", "overdue by 1 d 3 h", "due in under a minute"
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = {
  zh: { d: ' 天', h: ' 小时', m: ' 分', sep: ' ' },
  en: { d: ' d', h: ' h', m: ' min', sep: ' ' },
};

/** The parts of a span: days, hours and minutes, rounded down. */
export function parts(ms) {
  const span = Math.abs(ms);
  return {
    days: Math.floor(span / DAY),
    hours: Math.floor((span % DAY) / HOUR),
    minutes: Math.floor((span % HOUR) / MINUTE),
    seconds: Math.floor((span % MINUTE) / 1000),
  };
}

function span(ms, lang) {
  const u = UNITS[lang] ?? UNITS.zh;
  const { days, hours, minutes } = parts(ms);
  if (days > 0) return hours > 0 ? `${days}${u.d}${u.sep}${hours}${u.h}` : `${days}${u.d}`;
  if (hours > 0) return minutes > 0 ? `${hours}${u.h}${u.sep}${minutes}${u.m}` : `${hours}${u.h}`;
  return `${minutes}${u.m}`;
}

/** The wording for a deadline seen at nowMs; null without a deadline. */
export function countdown(deadlineMs, nowMs, lang = 'zh') {
  if (deadlineMs === null || deadlineMs === undefined) return null;
  const left = deadlineMs - nowMs;
  if (left > 0 && left < MINUTE) return lang === 'en' ? 'due in under a minute' : '不到 1 分钟后到期';
  if (left > 0) return lang === 'en' ? `due in ${span(left, lang)}` : `${span(left, lang)}后到期`;
  if (-left < MINUTE) return lang === 'en' ? 'overdue just now' : '刚刚逾期';
  return lang === 'en' ? `overdue by ${span(left, lang)}` : `已逾期 ${span(left, lang)}`;
}

/**
 * How long until the wording can next change, so a ticking countdown redraws exactly then
 * (never later than a minute, never sooner than a second).
 */
export function nextChangeIn(deadlineMs, nowMs) {
  // before the deadline the time left drops to the next whole minute; after it the time overdue
  // grows to the next one: both are this far away
  const left = deadlineMs - nowMs;
  const wait = ((left % MINUTE) + MINUTE) % MINUTE;
  return Math.min(MINUTE, Math.max(1000, wait || MINUTE));
}

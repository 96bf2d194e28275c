// A chosen date in the person's words, whatever the browser's own date field shows (headless
// Chromium shows "12/16/2026, 04:34 AM" on any page): the date, its weekday and the time in Beijing
// time (R11; China keeps UTC+8 all year). Pure, and built by hand so it reads the same everywhere.
const SHANGHAI_MS = 8 * 3600 * 1000;
const WEEKDAYS = {
  zh: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n) => String(n).padStart(2, '0');

function day(d, lang) {
  const weekday = WEEKDAYS[lang === 'en' ? 'en' : 'zh'][d.getUTCDay()];
  if (lang === 'en') return `${weekday} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${weekday}`;
}

/** An instant as "2026年12月16日 星期三 04:34（北京时间）" / "Wednesday 16 December 2026, 04:34 (Beijing time)"; '' if none. */
export function readableMoment(iso, lang = 'zh') {
  const ms = Date.parse(iso ?? '');
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + SHANGHAI_MS);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return lang === 'en' ? `${day(d, lang)}, ${time} (Beijing time)` : `${day(d, lang)} ${time}（北京时间）`;
}

/** A calendar date ("2026-12-10") as "2026年12月10日 星期四" / "Thursday 10 December 2026"; '' if it is none. */
export function readableDate(value, lang = 'zh') {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) return '';
  const [y, m, dd] = value.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1, dd));
  if (d.getUTCMonth() !== m - 1) return '';
  return day(d, lang);
}

/**
 * How much later `to` is than `from`: { days, hours }, whole hours rounded down, each moment taken to its
 * minute as a date field shows it (a deadline at 04:34:50 and a choice a week on at 04:34 are 7 days
 * apart); null if not later.
 */
export function laterBy(from, to) {
  const minute = (iso) => Math.floor(Date.parse(iso ?? '') / 60_000);
  const minutes = minute(to) - minute(from);
  if (!(minutes > 0)) return null;
  const hours = Math.floor(minutes / 60);
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}

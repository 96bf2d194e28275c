// Moments as a liaison reads them: Shanghai time, whatever zone the phone is set to (R11). Pure.
const FORMAT = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai', hour12: false };

export function localTime(iso, lang = 'zh') {
  return iso ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', FORMAT).format(new Date(iso)) : '';
}

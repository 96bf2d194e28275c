// The R12 mark: a deadline counted in a year whose holidays are not published yet. Pure.
export function calendarNote(mark, lang = 'zh') {
  if (!mark || mark.status !== 'missing') return null;
  const years = (mark.missingYears ?? []).join(lang === 'en' ? ', ' : '、');
  return lang === 'en'
    ? `(the ${years} holiday schedule is not published yet; this deadline may move)`
    : `（${years}年节假日安排未发布，时限可能调整）`;
}

// An extension request's milestones (R32: a concrete plan; 000 快速处置 二.2: a timetable) in the
// shape `POST /items/{id}/extension` takes them (ExtensionRequest.milestones). Pure.
import { length } from './review.js';

/** The server's limits: a milestone's description is a Text2000; 50 milestones at most. */
export const MILESTONE_TEXT_MAX = 2000;
export const MILESTONES_MAX = 50;

/** Whether "2026-12-10" is a real calendar date (format: date). */
export function isDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The milestones the form holds, as ExtensionRequest.milestones: a row left wholly empty is no
 * milestone; every other row needs a date and what is to be done by then, within the server's limits.
 * Answers { milestones, errors } where each error is { index, field: 'date' | 'description' | 'count', error }.
 */
export function milestones(rows = []) {
  const kept = [];
  const errors = [];
  rows.forEach((row, index) => {
    const date = (row.date ?? '').trim();
    const description = (row.description ?? '').trim();
    if (date === '' && description === '') return;
    if (!isDate(date)) errors.push({ index, field: 'date', error: date === '' ? 'empty' : 'invalid' });
    if (description === '') errors.push({ index, field: 'description', error: 'empty' });
    else if (length(description) > MILESTONE_TEXT_MAX) errors.push({ index, field: 'description', error: 'tooLong' });
    kept.push({ date, description });
  });
  if (kept.length > MILESTONES_MAX) errors.push({ index: MILESTONES_MAX, field: 'count', error: 'tooMany' });
  return { milestones: errors.length ? [] : kept, errors };
}

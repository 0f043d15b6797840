// Dates, distances and durations, as the traveller reads them.

export const pctFormat = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const kmFormat = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/**
 * The departure in the origin airport's local time, as the server wrote it
 * ("2026-12-24T10:15:00+01:00" → "Thu, Dec 24" and "10:15 AM"), never converted to the viewer's zone.
 */
export function departureParts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
  if (!m) return { date: iso || '', time: '' };
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return { date: dateFormat.format(d), time: timeFormat.format(d) };
}

export function ago(ms) {
  const sec = Math.max(0, ms) / 1000;
  if (sec < 10) return sec.toFixed(1) + ' s';
  if (sec < 60) return Math.floor(sec) + ' s';
  if (sec < 3600) return Math.floor(sec / 60) + ' min';
  return Math.floor(sec / 3600) + ' h';
}

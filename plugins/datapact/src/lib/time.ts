import { DateTime, Duration } from 'luxon';

/** Today as `YYYY-MM-DD` in UTC, the date agreement status is judged on. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An ISO 8601 duration in words: `P90D` → `90 days`, `P5Y` → `5 years`. */
export function durationWords(iso: string): string {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return iso;
  const units = Object.entries(duration.toObject()).filter(([, v]) => v);
  if (units.length === 0) return 'no time';
  return Duration.fromObject(Object.fromEntries(units)).toHuman({
    listStyle: 'long',
  });
}

/** The whole days an ISO 8601 duration spans from `from`. */
export function durationDays(iso: string, from: Date = new Date()): number {
  const start = DateTime.fromJSDate(from, { zone: 'utc' });
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return 0;
  return Math.floor(start.plus(duration).diff(start, 'days').days);
}

/** `2026-12-15 14:02` in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm') : iso;
}

/** `in 3 days`, `2 hours ago`. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return iso;
  return time.toRelative({ base: DateTime.fromJSDate(now) }) ?? iso;
}

/**
 * `15 Dec 2026`: the UTC day of an instant. Access ends at the end of an
 * agreement's last day in UTC, so the day is read in UTC too.
 */
export function formatDay(iso: string): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' });
  return time.isValid ? time.toFormat('d LLL yyyy') : iso;
}

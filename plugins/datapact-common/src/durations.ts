/*
 * ISO 8601 durations as Datapact reads them: grant durations, a dataset's
 * `access.maxDuration`, retention periods. Every parse and comparison of a
 * duration goes through here, so that none of them meets NaN.
 */
import { Duration } from 'luxon';

/**
 * The longest duration text accepted: room for every field, and no more.
 * @public
 */
export const MAX_DURATION_LENGTH = 64;

/**
 * The longest access a request may ask for, whatever a dataset allows.
 * @public
 */
export const MAX_GRANT_DURATION = 'P10Y';

/** Milliseconds per unit, at luxon's `longterm` rates; whole numbers, so that sums are exact. */
const MILLIS: Record<string, number> = {
  years: 31_556_952_000, // 365.2425 days
  quarters: 7_889_238_000,
  months: 2_629_746_000, // a twelfth of a year
  weeks: 604_800_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

/**
 * The length of a duration in milliseconds, converted at fixed, exact rates
 * (luxon's `longterm` conversion: a year is 365.2425 days, a month a twelfth
 * of that, a week 7 days), so that a comparison does not depend on the day it
 * is made: `P12M` equals `P1Y`, `P1M` is a little longer than `P30D` and
 * shorter than `P31D`, `P10Y` is 3652.425 days. Undefined when the text is no
 * ISO 8601 duration (luxon's grammar), is longer than 64 characters, has a
 * negative field, or is too large to be a finite number of milliseconds.
 * @public
 */
export function durationMillis(value: string): number | undefined {
  if (
    typeof value !== 'string' ||
    value.length > MAX_DURATION_LENGTH ||
    !/^P/.test(value) ||
    value.includes('-')
  ) {
    return undefined;
  }
  const duration = Duration.fromISO(value);
  if (!duration.isValid) return undefined;
  const fields = duration.toObject() as Record<string, number>;
  const millis = Object.entries(fields).reduce(
    (sum, [unit, n]) => sum + n * MILLIS[unit],
    0,
  );
  return Number.isFinite(millis) ? millis : undefined;
}

/**
 * Whether a string is a positive ISO 8601 duration such as `P90D` or `P5Y`,
 * of at most 64 characters and of a finite size (see `durationMillis`).
 * @public
 */
export function isIsoDuration(value: string): boolean {
  const millis = durationMillis(value);
  return millis !== undefined && millis > 0;
}

/**
 * What is wrong with a duration a request asks for, as a phrase to follow
 * the field's name, or undefined when it is a positive ISO 8601 duration of
 * at most `MAX_GRANT_DURATION` (10 years).
 * @public
 */
export function grantDurationProblem(value: string): string | undefined {
  if (typeof value === 'string' && value.length > MAX_DURATION_LENGTH) {
    return `must be at most ${MAX_DURATION_LENGTH} characters`;
  }
  if (!isIsoDuration(value)) {
    return 'must be a positive ISO 8601 duration such as P30D';
  }
  if (compareDurations(value, MAX_GRANT_DURATION) > 0) {
    return `must be at most ${MAX_GRANT_DURATION} (10 years)`;
  }
  return undefined;
}

/**
 * Compares two durations as exact lengths (see `durationMillis`): below 0
 * when `a` is shorter, 0 when they are as long, above 0 when `a` is longer.
 * A text that is no valid duration counts as longer than every valid one, so
 * that it never passes as within a limit. (The kind schemas let no invalid
 * duration into the catalog, and the API none into a request.)
 * @public
 */
export function compareDurations(a: string, b: string): number {
  const x = durationMillis(a) ?? Infinity;
  const y = durationMillis(b) ?? Infinity;
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

/**
 * The longest grant a dataset allows: its `maxDuration`, or
 * `MAX_GRANT_DURATION` (10 years) when that says more or is no valid
 * duration, so that no expiry is ever computed from an unbounded duration.
 * @public
 */
export function cappedMaxDuration(maxDuration: string): string {
  return compareDurations(maxDuration, MAX_GRANT_DURATION) > 0
    ? MAX_GRANT_DURATION
    : maxDuration;
}

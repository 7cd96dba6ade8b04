import { durationDays, durationWords, formatDay } from './time';

describe('durations', () => {
  it('says ISO 8601 durations in words', () => {
    expect(durationWords('P90D')).toBe('90 days');
    expect(durationWords('P5Y')).toBe('5 years');
    expect(durationWords('P1Y6M')).toBe('1 year and 6 months');
    expect(durationWords('not a duration')).toBe('not a duration');
  });

  it('counts the days a duration spans from a date', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(durationDays('P90D', from)).toBe(90);
    expect(durationDays('P1Y', from)).toBe(365);
    expect(durationDays('P1M', new Date('2026-02-01T00:00:00Z'))).toBe(28);
  });
});

describe('formatDay', () => {
  it("reads the day in UTC, so an agreement's last day stays that day", () => {
    expect(formatDay('2026-12-15T23:59:59.999Z')).toBe('15 Dec 2026');
  });
});

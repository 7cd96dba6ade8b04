import { parseDay, utcDay } from './day';

describe('parseDay', () => {
  it('accepts real dates as YYYY-MM-DD', () => {
    expect(parseDay('2026-11-29')).toBe('2026-11-29');
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '26-11-29',
    '2026-1-2',
    '2026-11-29T00:00:00Z',
    'today',
    '',
  ])('rejects %j', text => {
    expect(parseDay(text)).toBeUndefined();
  });
});

describe('utcDay', () => {
  it('is the UTC day, whatever the local time zone', () => {
    expect(utcDay(new Date('2026-11-29T23:30:00-05:00'))).toBe('2026-11-30');
  });
});

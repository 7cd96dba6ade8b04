import {
  cappedMaxDuration,
  compareDurations,
  durationMillis,
  grantDurationProblem,
  isIsoDuration,
} from './durations';

describe('durations', () => {
  it('compares exact lengths at fixed rates, whatever the day', () => {
    expect(compareDurations('P12M', 'P1Y')).toBe(0);
    expect(compareDurations('P1M', 'P30D')).toBe(1);
    expect(compareDurations('P1M', 'P31D')).toBe(-1);
    expect(compareDurations('P1W', 'P7D')).toBe(0);
    expect(compareDurations('P10Y', 'P3652D')).toBe(1);
    expect(compareDurations('P10Y', 'P3653D')).toBe(-1);
    expect(compareDurations('PT24H', 'P1D')).toBe(0);
  });

  it('never meets NaN: huge and invalid durations are longer than any limit', () => {
    expect(compareDurations('P300000Y', 'P180D')).toBe(1);
    expect(compareDurations(`P${'9'.repeat(400)}D`, 'P180D')).toBe(1);
    expect(compareDurations('nonsense', 'P180D')).toBe(1);
    expect(compareDurations('P30D', 'nonsense')).toBe(-1);
    expect(compareDurations('nonsense', 'also nonsense')).toBe(0);
    expect(durationMillis(`P${'1'.repeat(63)}D`)).toBeUndefined();
  });

  it('knows a positive duration of at most 64 characters', () => {
    expect(isIsoDuration('P90D')).toBe(true);
    expect(isIsoDuration('P1Y2M3W4DT5H6M7S')).toBe(true);
    expect(isIsoDuration('P0D')).toBe(false);
    expect(isIsoDuration('-P1D')).toBe(false);
    expect(isIsoDuration('P-1D')).toBe(false);
    expect(isIsoDuration('90D')).toBe(false);
    expect(isIsoDuration('P')).toBe(false);
    expect(
      isIsoDuration(
        `P${'0'.repeat(9)}1Y${'0'.repeat(9)}1M${'0'.repeat(9)}1DT${'0'.repeat(
          9,
        )}1H${'0'.repeat(9)}1M${'0'.repeat(5)}1S`,
      ),
    ).toBe(true); // 64 characters
    expect(
      isIsoDuration(
        `P${'0'.repeat(9)}1Y${'0'.repeat(9)}1M${'0'.repeat(9)}1DT${'0'.repeat(
          9,
        )}1H${'0'.repeat(9)}1M${'0'.repeat(6)}1S`,
      ),
    ).toBe(false); // 65
  });

  it('bounds what a request may ask for at 10 years', () => {
    expect(grantDurationProblem('P10Y')).toBeUndefined();
    expect(grantDurationProblem('P120M')).toBeUndefined();
    expect(grantDurationProblem('P10Y1D')).toBe(
      'must be at most P10Y (10 years)',
    );
    expect(grantDurationProblem('P300000Y')).toBe(
      'must be at most P10Y (10 years)',
    );
    expect(grantDurationProblem(`P${'1'.repeat(294)}D`)).toBe(
      'must be at most 64 characters',
    );
    expect(grantDurationProblem('P0D')).toBe(
      'must be a positive ISO 8601 duration such as P30D',
    );
  });

  it('caps what a dataset allows at 10 years', () => {
    expect(cappedMaxDuration('P90D')).toBe('P90D');
    expect(cappedMaxDuration('P120M')).toBe('P120M');
    expect(cappedMaxDuration('P300000Y')).toBe('P10Y');
    expect(cappedMaxDuration('nonsense')).toBe('P10Y');
  });
});

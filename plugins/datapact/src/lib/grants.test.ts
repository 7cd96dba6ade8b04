import { grantEndCauseWords } from './grants';

describe('grantEndCauseWords', () => {
  it('says each cause in words, and a new one as its words', () => {
    expect(grantEndCauseWords('agreement')).toBe(
      'its agreement ended or no longer covers the data',
    );
    expect(grantEndCauseWords('licence-withdrawn')).toBe('licence withdrawn');
  });
});

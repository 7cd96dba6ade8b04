import {
  EEA_MEMBER_STATES,
  EU_MEMBER_STATES,
  isWithinJurisdictions,
} from './regions';

describe('jurisdictions', () => {
  it('lists the 27 EU member states and the 30 EEA states', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(EEA_MEMBER_STATES).toHaveLength(30);
    expect(EEA_MEMBER_STATES).toEqual(
      expect.arrayContaining([...EU_MEMBER_STATES, 'IS', 'LI', 'NO']),
    );
    expect(EU_MEMBER_STATES).not.toContain('GB');
    expect(EU_MEMBER_STATES).toContain('GR');
  });

  it('matches a country code against itself and the regions it belongs to', () => {
    expect(isWithinJurisdictions('NZ', ['NZ'])).toBe(true);
    expect(isWithinJurisdictions('NZ', ['AU'])).toBe(false);
    expect(isWithinJurisdictions('DE', ['EU'])).toBe(true);
    expect(isWithinJurisdictions('DE', ['EEA'])).toBe(true);
    expect(isWithinJurisdictions('NO', ['EEA'])).toBe(true);
    expect(isWithinJurisdictions('NO', ['EU'])).toBe(false);
    expect(isWithinJurisdictions('CH', ['EU', 'EEA'])).toBe(false);
    expect(isWithinJurisdictions('GB', ['EU'])).toBe(false);
    expect(isWithinJurisdictions('US', ['EU', 'US'])).toBe(true);
  });

  it('places a region no narrower than it is', () => {
    // Data "somewhere in the EU" is within the EU and the EEA, not within one country.
    expect(isWithinJurisdictions('EU', ['EU'])).toBe(true);
    expect(isWithinJurisdictions('EU', ['EEA'])).toBe(true);
    expect(isWithinJurisdictions('EU', ['DE'])).toBe(false);
    expect(isWithinJurisdictions('EEA', ['EEA'])).toBe(true);
    expect(isWithinJurisdictions('EEA', ['EU'])).toBe(false);
  });

  it('ignores case', () => {
    expect(isWithinJurisdictions('de', ['eu'])).toBe(true);
  });
});

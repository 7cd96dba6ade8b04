import { createDatapactEntityValidator } from './validator';

const validator = createDatapactEntityValidator();

const dataset = (jurisdiction: string) => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'visits' },
  spec: {
    type: 'table',
    owner: 'group:default/health-analytics',
    sensitivity: { tier: 'restricted' },
    location: { jurisdiction },
  },
});

const agreement = (jurisdictions: string[]) => ({
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Agreement',
  metadata: { name: 'dsa' },
  spec: {
    type: 'data-sharing',
    owner: 'group:default/legal',
    parties: [
      { party: 'group:default/st-mary-hospital', role: 'provider' },
      { party: 'group:default/northbridge-university', role: 'recipient' },
    ],
    effective: { from: '2025-01-01' },
    terms: { jurisdictions },
  },
});

describe('where data lives', () => {
  it('accepts a country code, EU or EEA as a dataset’s and an agreement’s jurisdiction', () => {
    for (const code of ['NZ', 'DE', 'EU', 'EEA']) {
      expect(validator.validate(dataset(code))).toEqual([]);
    }
    expect(validator.validate(agreement(['EU', 'NO', 'NZ']))).toEqual([]);
  });

  it('names the field and what it expects otherwise', () => {
    expect(validator.validate(dataset('Germany')).map(p => p.message)).toEqual([
      'spec.location.jurisdiction must be an ISO 3166-1 alpha-2 country code such as NZ or DE, or EU or EEA (got "Germany")',
    ]);
    expect(
      validator.validate(agreement(['EU', 'nz'])).map(p => p.message),
    ).toEqual([
      'spec.terms.jurisdictions[1] must be an ISO 3166-1 alpha-2 country code such as NZ or DE, or EU or EEA (got "nz")',
    ]);
  });
});

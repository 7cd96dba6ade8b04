import { dataset, run } from './__testUtils__/builders';
import { A, B, dsa, threeOrgs } from './__testUtils__/termsWorld';
import { jurisdiction } from './jurisdiction';

const world = (visits: string | undefined, panel: string | undefined) => [
  ...threeOrgs(),
  dataset('visits', { owner: A, jurisdiction: visits }),
  dataset('panel', { owner: B, upstream: ['visits'], jurisdiction: panel }),
];

describe('jurisdiction', () => {
  it('passes covered data located within the agreement’s jurisdictions', () => {
    expect(
      run(jurisdiction, [...world('NZ', 'NZ'), dsa({ jurisdictions: ['NZ'] })])
        .findings,
    ).toEqual([]);
    expect(
      run(jurisdiction, [...world('DE', 'EU'), dsa({ jurisdictions: ['EU'] })])
        .findings,
    ).toEqual([]);
    expect(
      run(jurisdiction, [...world('NO', 'FR'), dsa({ jurisdictions: ['EEA'] })])
        .findings,
    ).toEqual([]);
  });

  it('fails covered data that declares no jurisdiction', () => {
    const { findings } = run(jurisdiction, [
      ...world('NZ', undefined),
      dsa({ jurisdictions: ['NZ', 'AU'] }),
    ]);
    expect(findings).toEqual([
      {
        rule: 'jurisdiction',
        severity: 'error',
        entities: [
          'dataset:default/panel',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
        message:
          '`panel` holds data of `visits` covered by `dsa`, which keeps the data within NZ or AU, but `panel` declares no `spec.location.jurisdiction`; declare where the data is stored and processed.',
      },
    ]);
  });

  it('fails covered data located elsewhere, the listed dataset included', () => {
    const { findings } = run(jurisdiction, [
      ...world('NO', 'US'),
      dsa({ jurisdictions: ['EU'] }),
    ]);
    expect(findings.map(f => f.message)).toEqual([
      '`visits` is listed by `dsa`, which keeps the data within EU, but `visits` is located in NO (`spec.location.jurisdiction`); move the data within EU or stop sharing it under `dsa`.',
      '`panel` holds data of `visits` covered by `dsa`, which keeps the data within EU, but `panel` is located in US (`spec.location.jurisdiction`); move the data within EU or stop using it.',
    ]);
  });

  it('holds covered data to every agreement that covers it', () => {
    const { summary } = run(jurisdiction, [
      ...world('FR', 'FR'),
      dsa({ jurisdictions: ['EU'] }, { name: 'eu' }),
      dsa({ jurisdictions: ['DE'] }, { name: 'germany' }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/visits agreement:default/germany',
      'error dataset:default/panel dataset:default/visits agreement:default/germany',
    ]);
  });

  it('stops at aggregated, de-identified data and binds nothing without the term', () => {
    expect(
      run(jurisdiction, [
        ...threeOrgs(),
        dataset('visits', { owner: A, jurisdiction: 'NZ' }),
        dataset('weekly', {
          owner: B,
          upstream: ['visits'],
          deidentified: true,
          personalData: 'none',
          jurisdiction: 'US',
        }),
        dsa({ jurisdictions: ['NZ'] }),
      ]).findings,
    ).toEqual([]);
    expect(
      run(jurisdiction, [
        ...world(undefined, 'US'),
        dsa({ jurisdictions: [], deidentificationRequired: true }),
      ]).findings,
    ).toEqual([]);
  });
});

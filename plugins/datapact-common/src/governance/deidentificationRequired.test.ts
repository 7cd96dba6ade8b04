import {
  dataset,
  evaluateGovernance,
  run,
  TODAY,
} from './__testUtils__/builders';
import { A, B, dsa, threeOrgs } from './__testUtils__/termsWorld';
import { deidentificationRequired } from './deidentificationRequired';

const required = { deidentificationRequired: true };

describe('deidentification-required', () => {
  it('passes when each path from the agreement’s dataset to a recipient dataset declares de-identification', () => {
    const { findings } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      // The recipient's own dataset declares it...
      dataset('panel', { owner: B, upstream: ['visits'], deidentified: true }),
      // ...so everything the recipient derives from it passes.
      dataset('model', { owner: B, upstream: ['panel'] }),
      // The provider's own derived data is not bound.
      dataset('extract', { owner: A, upstream: ['visits'] }),
      dsa(required),
    ]);
    expect(findings).toEqual([]);
  });

  it('passes when the provider shares data it already de-identified', () => {
    expect(
      run(deidentificationRequired, [
        ...threeOrgs(),
        dataset('visits', { owner: A, deidentified: true }),
        dataset('panel', { owner: B, upstream: ['visits'] }),
        dsa(required),
      ]).findings,
    ).toEqual([]);
  });

  it('fails a recipient dataset with no de-identification on the way from the agreement’s dataset', () => {
    const { findings } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
      dsa(required),
    ]);
    expect(findings).toEqual([
      {
        rule: 'deidentification-required',
        severity: 'error',
        entities: [
          'dataset:default/panel',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
        message:
          '`panel` holds data of `visits` covered by `dsa`, which requires `org-b` to de-identify it, but no dataset from `visits` to `panel` declares `sensitivity.deidentification`; de-identify the data before `org-b` uses it and declare the method in `sensitivity.deidentification`.',
      },
    ]);
  });

  it('fails when one path of several skips de-identification, through the provider’s own data too', () => {
    const { summary } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('extract', { owner: A, upstream: ['visits'] }),
      dataset('pseudo', { owner: B, upstream: ['visits'], deidentified: true }),
      dataset('panel', { owner: B, upstream: ['pseudo', 'extract'] }),
      dsa(required),
    ]);
    expect(summary).toEqual([
      'error dataset:default/panel dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('names the listed dataset on the path that lacks de-identification', () => {
    const { findings } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('labs', { owner: A }),
      dataset('pseudo', { owner: B, upstream: ['visits'], deidentified: true }),
      dataset('panel', { owner: B, upstream: ['pseudo', 'labs'] }),
      dsa(required, {
        datasets: ['dataset:default/visits', 'dataset:default/labs'],
      }),
    ]);
    expect(findings.map(f => f.message)).toEqual([
      '`panel` holds data of `labs` covered by `dsa`, which requires `org-b` to de-identify it, but no dataset from `labs` to `panel` declares `sensitivity.deidentification`; de-identify the data before `org-b` uses it and declare the method in `sensitivity.deidentification`.',
    ]);
  });

  it('binds only agreements that require it, each for itself', () => {
    const world = [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
    ];
    expect(
      run(deidentificationRequired, [
        ...world,
        dsa({ deidentificationRequired: false }),
      ]).findings,
    ).toEqual([]);
    expect(
      run(deidentificationRequired, [
        ...world,
        dsa({ jurisdictions: ['NZ'] }, { name: 'loose' }),
        dsa(required, { name: 'strict' }),
        dsa(required, { name: 'also-strict' }),
      ]).summary,
    ).toEqual([
      'error dataset:default/panel dataset:default/visits agreement:default/strict',
      'error dataset:default/panel dataset:default/visits agreement:default/also-strict',
    ]);
  });

  it('finds the recipient through a party named by its team Group', () => {
    const { summary } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
      dsa(required, { parties: [A, B] }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/panel dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('does not reach past data that was aggregated and de-identified', () => {
    expect(
      run(deidentificationRequired, [
        ...threeOrgs(),
        dataset('visits', { owner: A }),
        dataset('weekly', {
          owner: A,
          upstream: ['visits'],
          deidentified: true,
          personalData: 'aggregated',
        }),
        dataset('atlas', { owner: B, upstream: ['weekly'] }),
        dsa(required),
      ]).findings,
    ).toEqual([]);
  });

  it('finds every recipient dataset on a lineage cycle, once', () => {
    const { summary } = run(deidentificationRequired, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('loop-a', { owner: B, upstream: ['visits', 'loop-b'] }),
      dataset('loop-b', { owner: B, upstream: ['loop-a'] }),
      dsa(required),
    ]);
    expect(summary.sort()).toEqual([
      'error dataset:default/loop-a dataset:default/visits agreement:default/dsa',
      'error dataset:default/loop-b dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('leaves an expired agreement to agreement coverage', () => {
    const findings = evaluateGovernance(
      [
        ...threeOrgs(),
        dataset('visits', { owner: A }),
        dataset('panel', { owner: B, upstream: ['visits'] }),
        dsa(required, { until: '2025-06-30' }),
      ],
      { today: TODAY },
    );
    expect(findings.map(f => `${f.rule} ${f.entities[0]}`)).toEqual([
      'agreement-coverage dataset:default/panel',
    ]);
  });
});

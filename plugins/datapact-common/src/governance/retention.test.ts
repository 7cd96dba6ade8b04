import { agreement, dataset, orgs, run } from './__testUtils__/builders';
import { retention } from './retention';

const dsa = (period?: string, name = 'dsa') =>
  agreement(name, {
    parties: ['group:default/org-a', 'group:default/org-b'],
    datasets: ['dataset:default/visits'],
    retention: period,
  });

const world = (
  downstream: object,
  ...agreements: ReturnType<typeof agreement>[]
) => [
  ...orgs(),
  dataset('visits', { owner: 'group:default/team-a' }),
  dataset('panel', {
    owner: 'group:default/team-b',
    upstream: ['visits'],
    ...downstream,
  }),
  ...agreements,
];

describe('retention', () => {
  it('passes when the derived dataset keeps data no longer than the agreement allows', () => {
    expect(
      run(retention, world({ retention: 'P2Y' }, dsa('P2Y'))).findings,
    ).toEqual([]);
    expect(
      run(retention, world({ retention: 'P18M' }, dsa('P2Y'))).findings,
    ).toEqual([]);
    expect(
      run(retention, world({ retention: 'P700D' }, dsa('P2Y'))).findings,
    ).toEqual([]);
  });

  it('fails a longer retention, naming the agreement and its limit', () => {
    const { findings } = run(
      retention,
      world({ retention: 'P10Y' }, dsa('P2Y')),
    );
    expect(findings).toEqual([
      {
        rule: 'retention',
        severity: 'error',
        entities: [
          'dataset:default/panel',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
        message:
          '`panel` keeps data for P10Y, but `dsa`, which covers `visits`, allows P2Y; shorten `retention.period` to P2Y or less.',
      },
    ]);
    expect(
      run(retention, world({ retention: 'P25M' }, dsa('P2Y'))).findings,
    ).toHaveLength(1);
  });

  it('fails a derived dataset that declares no retention under a limiting agreement', () => {
    expect(run(retention, world({}, dsa('P2Y'))).findings[0].message).toContain(
      '`panel` declares no retention period, but `dsa`',
    );
  });

  it('sets no limit when the agreement has no retention term or does not cover the data', () => {
    expect(
      run(retention, world({ retention: 'P99Y' }, dsa(undefined))).findings,
    ).toEqual([]);
    expect(run(retention, world({ retention: 'P99Y' })).findings).toEqual([]);
  });

  it('binds what is derived further inside the recipient, until a de-identified dataset', () => {
    const entities = [
      ...world({ retention: 'P1Y' }, dsa('P2Y')),
      dataset('panel-features', {
        owner: 'group:default/team-b',
        upstream: ['panel'],
        retention: 'P5Y',
      }),
      dataset('panel-stats', {
        owner: 'group:default/team-b',
        upstream: ['panel'],
        retention: 'P5Y',
        deidentified: true,
      }),
      dataset('stats-archive', {
        owner: 'group:default/team-b',
        upstream: ['panel-stats'],
        retention: 'P50Y',
      }),
    ];
    expect(run(retention, entities).summary).toEqual([
      'error dataset:default/panel-features dataset:default/visits agreement:default/dsa',
      'error dataset:default/panel-stats dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('takes the strictest limit over several upstreams', () => {
    const entities = [
      ...orgs(),
      dataset('visits', { owner: 'group:default/team-a' }),
      dataset('labs', { owner: 'group:default/team-a' }),
      dataset('panel', {
        owner: 'group:default/team-b',
        upstream: ['visits', 'labs'],
        retention: 'P3Y',
      }),
      dsa('P5Y'),
      agreement('labs-dsa', {
        parties: ['group:default/org-a', 'group:default/org-b'],
        datasets: ['dataset:default/labs'],
        retention: 'P1Y',
      }),
    ];
    expect(run(retention, entities).findings[0].message).toContain(
      '`labs-dsa`, which covers `labs`, allows P1Y',
    );
  });
});

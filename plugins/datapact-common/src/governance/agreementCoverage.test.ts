import { agreementCoverage } from './agreementCoverage';
import { agreement, dataset, orgs, run, team } from './__testUtils__/builders';

const crossOrg = (...agreements: ReturnType<typeof agreement>[]) => [
  ...orgs(),
  dataset('visits', { owner: 'group:default/team-a' }),
  dataset('outcomes', { owner: 'group:default/team-b', upstream: ['visits'] }),
  ...agreements,
];

const dsa = (o: Partial<Parameters<typeof agreement>[1]> = {}) =>
  agreement('dsa', {
    parties: ['group:default/org-a', 'group:default/org-b'],
    datasets: ['dataset:default/visits'],
    ...o,
  });

describe('agreement-coverage', () => {
  it('passes when an active agreement lists the upstream and names both organizations', () => {
    expect(
      run(agreementCoverage, crossOrg(dsa({ until: '2027-12-31' }))).findings,
    ).toEqual([]);
  });

  it('counts a party named by a team Group for its organization', () => {
    expect(
      run(
        agreementCoverage,
        crossOrg(
          dsa({
            parties: ['group:default/team-a', 'group:default/team-b'],
            until: '2027-12-31',
          }),
        ),
      ).findings,
    ).toEqual([]);
  });

  it('needs no agreement within one organization', () => {
    expect(
      run(agreementCoverage, [
        ...orgs(),
        dataset('visits', { owner: 'group:default/team-a' }),
        dataset('clean', {
          owner: 'group:default/team-a',
          upstream: ['visits'],
        }),
      ]).findings,
    ).toEqual([]);
  });

  it('fails without any agreement, naming both organizations', () => {
    const { findings } = run(agreementCoverage, crossOrg());
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'agreement-coverage',
        severity: 'error',
        entities: ['dataset:default/outcomes', 'dataset:default/visits'],
      }),
    ]);
    expect(findings[0].message).toBe(
      '`outcomes` derives from `visits` of another organization, but no agreement between `org-a` and `org-b` lists `visits`; add an Agreement that names both organizations as parties and lists `visits` in `spec.datasets`.',
    );
  });

  it('fails when the only agreement has expired', () => {
    const { findings } = run(
      agreementCoverage,
      crossOrg(dsa({ until: '2025-06-30' })),
    );
    expect(findings.map(f => [f.severity, f.entities])).toEqual([
      [
        'error',
        [
          'dataset:default/outcomes',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
      ],
    ]);
    expect(findings[0].message).toContain('`dsa` expired after 2025-06-30');
  });

  it('fails when the agreement is not yet in force', () => {
    const { findings } = run(
      agreementCoverage,
      crossOrg(dsa({ from: '2027-01-01' })),
    );
    expect(findings[0].message).toContain(
      '`dsa` in force only from 2027-01-01',
    );
  });

  it('counts the first and the last day as active', () => {
    expect(
      run(
        agreementCoverage,
        crossOrg(dsa({ from: '2026-11-29', until: '2027-12-31' })),
      ).findings,
    ).toEqual([]);
    expect(
      run(
        agreementCoverage,
        crossOrg(dsa({ until: '2027-01-31' })),
        '2027-01-31',
      ).summary,
    ).toEqual(['warning agreement:default/dsa dataset:default/visits']);
    expect(
      run(
        agreementCoverage,
        crossOrg(dsa({ until: '2027-01-31' })),
        '2027-02-01',
      ).summary,
    ).toEqual([
      'error dataset:default/outcomes dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('fails when the agreement does not list the upstream or misses a party', () => {
    expect(
      run(agreementCoverage, crossOrg(dsa({ datasets: [] }))).summary,
    ).toEqual(['error dataset:default/outcomes dataset:default/visits']);
    expect(
      run(
        agreementCoverage,
        crossOrg(
          dsa({ parties: ['group:default/org-a', 'group:default/org-c'] }),
        ),
      ).summary,
    ).toEqual(['error dataset:default/outcomes dataset:default/visits']);
  });

  it('resolves organizations through Group parents and provenance', () => {
    // team-b2 sits under a department under org-b: its organization is org-b.
    const entities = [
      ...orgs(),
      team('department-b', 'org-b'),
      team('team-b2', 'department-b'),
      dataset('visits', { owner: 'group:default/team-a' }),
      dataset('outcomes', {
        owner: 'group:default/team-b2',
        upstream: ['visits'],
      }),
      dsa(),
    ];
    expect(run(agreementCoverage, entities).findings).toEqual([]);
    // Provenance wins over the owner's organization.
    const fromB = [
      ...orgs(),
      dataset('visits', {
        owner: 'group:default/team-a',
        organization: 'group:default/org-b',
      }),
      dataset('outcomes', {
        owner: 'group:default/team-b',
        upstream: ['visits'],
      }),
    ];
    expect(run(agreementCoverage, fromB).findings).toEqual([]);
    // Without an organization Group above it, the owner is the organization.
    const ownerless = [
      ...orgs(),
      dataset('visits', { owner: 'group:default/freelancers' }),
      dataset('outcomes', {
        owner: 'group:default/team-b',
        upstream: ['visits'],
      }),
      agreement('dsa', {
        parties: ['group:default/freelancers', 'group:default/org-b'],
        datasets: ['dataset:default/visits'],
      }),
    ];
    expect(run(agreementCoverage, ownerless).findings).toEqual([]);
  });

  it('warns about an active agreement that expires within 30 days', () => {
    const { findings } = run(
      agreementCoverage,
      crossOrg(dsa({ until: '2026-12-15' })),
    );
    expect(findings).toEqual([
      {
        rule: 'agreement-coverage',
        severity: 'warning',
        entities: ['agreement:default/dsa', 'dataset:default/visits'],
        message:
          '`dsa` expires on 2026-12-15 (in 16 days); renew it or plan for the data it covers to stop flowing.',
      },
    ]);
    expect(
      run(agreementCoverage, crossOrg(dsa({ until: '2026-12-30' }))).findings,
    ).toEqual([]);
  });

  it('checks every upstream of another organization separately', () => {
    const { summary } = run(agreementCoverage, [
      ...orgs(),
      dataset('a1', { owner: 'group:default/team-a' }),
      dataset('a2', { owner: 'group:default/team-a' }),
      dataset('b', { owner: 'group:default/team-b', upstream: ['a1', 'a2'] }),
      dsa({ datasets: ['dataset:default/a1'] }),
    ]);
    expect(summary).toEqual(['error dataset:default/b dataset:default/a2']);
  });
});

import { Entity } from '@backstage/catalog-model';
import { agreement, dataset, orgs, TODAY } from './__testUtils__/builders';
import { coverageOf, termsCoverage } from './coveredData';
import { GovernanceWorld } from './world';

const dsa = (o: { until?: string; from?: string } = {}) =>
  agreement('dsa', {
    parties: ['group:default/org-a', 'group:default/org-b'],
    datasets: ['dataset:default/visits'],
    terms: { onwardTransfer: 'prohibited' },
    ...o,
  });

function covered(entities: Entity[], today = TODAY) {
  const world = new GovernanceWorld(entities, { today });
  return termsCoverage(world).map(c => ({
    agreement: world.refOf(c.agreement),
    covered: [...c.covered]
      .map(([d, source]) => `${d.metadata.name}<-${source.metadata.name}`)
      .sort(),
  }));
}

describe('covered data', () => {
  it('is the listed dataset and everything derived from it at any depth', () => {
    expect(
      covered([
        ...orgs(),
        dataset('visits', { owner: 'group:default/team-a' }),
        dataset('clean', {
          owner: 'group:default/team-b',
          upstream: ['visits'],
        }),
        dataset('joined', {
          owner: 'group:default/team-b',
          upstream: ['clean'],
        }),
        dataset('model', {
          owner: 'group:default/team-a',
          upstream: ['joined'],
        }),
        dataset('other', { owner: 'group:default/team-b' }),
        dsa(),
      ]),
    ).toEqual([
      {
        agreement: 'agreement:default/dsa',
        covered: [
          'clean<-visits',
          'joined<-visits',
          'model<-visits',
          'visits<-visits',
        ],
      },
    ]);
  });

  it('ends before the first derived dataset that is de-identified and aggregated or free of personal data', () => {
    expect(
      covered([
        ...orgs(),
        dataset('visits', { owner: 'group:default/team-a' }),
        // De-identified but still record-level: still covered.
        dataset('pseudo', {
          upstream: ['visits'],
          deidentified: true,
          personalData: 'pseudonymized',
        }),
        // Aggregated without a declared de-identification: still covered.
        dataset('counts', { upstream: ['pseudo'], personalData: 'aggregated' }),
        // The end of covered data, and everything after it.
        dataset('weekly', {
          upstream: ['counts'],
          deidentified: true,
          personalData: 'aggregated',
        }),
        dataset('atlas', { upstream: ['weekly'] }),
        dataset('open', {
          upstream: ['visits'],
          deidentified: true,
          personalData: 'none',
        }),
        dsa(),
      ])[0].covered,
    ).toEqual(['counts<-visits', 'pseudo<-visits', 'visits<-visits']);
  });

  it('still reaches data derived from a listed dataset that is itself aggregated and de-identified', () => {
    // The agreement names that dataset: its terms bind what the recipient makes of it.
    expect(
      covered([
        ...orgs(),
        dataset('visits', {
          owner: 'group:default/team-a',
          deidentified: true,
          personalData: 'aggregated',
        }),
        dataset('panel', {
          owner: 'group:default/team-b',
          upstream: ['visits'],
        }),
        dsa(),
      ])[0].covered,
    ).toEqual(['panel<-visits', 'visits<-visits']);
  });

  it('tells for each dataset the listed dataset its data comes from', () => {
    expect(
      covered([
        ...orgs(),
        dataset('visits', { owner: 'group:default/team-a' }),
        dataset('labs', { owner: 'group:default/team-a' }),
        dataset('lab-panel', { upstream: ['labs'] }),
        dataset('joined', { upstream: ['visits', 'lab-panel'] }),
        agreement('dsa', {
          parties: ['group:default/org-a', 'group:default/org-b'],
          datasets: ['dataset:default/visits', 'dataset:default/labs'],
          terms: { jurisdictions: ['NZ'] },
        }),
      ])[0].covered,
    ).toEqual([
      'joined<-visits',
      'lab-panel<-labs',
      'labs<-labs',
      'visits<-visits',
    ]);
  });

  it('follows a lineage cycle once and stops', () => {
    expect(
      covered([
        ...orgs(),
        dataset('visits', {
          owner: 'group:default/team-a',
          upstream: ['loop-b'],
        }),
        dataset('loop-a', { upstream: ['visits'] }),
        dataset('loop-b', { upstream: ['loop-a'] }),
        dataset('after', { upstream: ['loop-b'] }),
        dsa(),
      ])[0].covered,
    ).toEqual([
      'after<-visits',
      'loop-a<-visits',
      'loop-b<-visits',
      'visits<-visits',
    ]);
  });

  it('is computed for agreements in force that carry a term the rules read', () => {
    const world = [
      ...orgs(),
      dataset('visits', { owner: 'group:default/team-a' }),
    ];
    expect(covered([...world, dsa({ until: '2025-06-30' })])).toEqual([]);
    expect(covered([...world, dsa({ from: '2027-01-01' })])).toEqual([]);
    expect(
      covered([
        ...world,
        agreement('plain', {
          parties: ['group:default/org-a', 'group:default/org-b'],
          datasets: ['dataset:default/visits'],
          retention: 'P2Y',
        }),
      ]),
    ).toEqual([]);
  });

  it('is computed once per world and agreement', () => {
    const world = new GovernanceWorld(
      [...orgs(), dataset('visits', { owner: 'group:default/team-a' }), dsa()],
      { today: TODAY },
    );
    const [first] = termsCoverage(world);
    expect(termsCoverage(world)[0]).toBe(first);
    expect(coverageOf(world, first.agreement)).toBe(first);
  });

  it('knows the parties through the organizations their Groups belong to', () => {
    const world = new GovernanceWorld(
      [
        ...orgs(),
        dataset('visits', { owner: 'group:default/team-a' }),
        agreement('dsa', {
          parties: ['group:default/team-a', 'group:default/team-b'],
          datasets: ['dataset:default/visits'],
          terms: { onwardTransfer: 'prohibited' },
        }),
      ],
      { today: TODAY },
    );
    const [coverage] = termsCoverage(world);
    expect(coverage.isParty('group:default/org-b')).toBe(true);
    expect(coverage.isParty('group:default/team-b')).toBe(true);
    expect(coverage.isParty('group:default/org-c')).toBe(false);
    expect(coverage.isRecipient('group:default/org-b')).toBe(true);
    expect(coverage.isRecipient('group:default/org-a')).toBe(false);
    expect(world.datasets.map(d => coverage.covered.has(d))).toEqual([true]);
  });
});

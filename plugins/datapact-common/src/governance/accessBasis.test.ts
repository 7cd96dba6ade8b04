import { Entity } from '@backstage/catalog-model';
import {
  checkAccessBasis,
  communitySources,
  consentStewardships,
  grantExpiry,
  vetoedPurposes,
} from './accessBasis';
import { agreement, dataset, orgs, TODAY } from './__testUtils__/builders';
import { GovernanceWorld } from './world';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';

const world = (entities: Entity[], today = TODAY) =>
  new GovernanceWorld(entities, { today });

const A = 'group:default/org-a';
const B = 'group:default/org-b';
const source = dataset('source', {
  purposes: ['research'],
  tier: 'confidential',
});
const dua = agreement('dua', {
  parties: [A, B],
  datasets: ['dataset:default/source'],
  until: '2026-12-15',
  purposes: ['research'],
});
const request = {
  dataset: 'dataset:default/source',
  purpose: 'research',
  agreement: 'agreement:default/dua',
  requesterOrganization: B,
};

describe('checkAccessBasis', () => {
  it('finds nothing while the basis holds', () => {
    expect(checkAccessBasis(world([...orgs(), source, dua]), request)).toEqual(
      [],
    );
  });

  it.each([
    ['the dataset is gone', [dua], request, 'dataset-removed'],
    [
      'it is no longer requestable',
      [dataset('source', { tier: 'confidential' }), dua],
      request,
      'not-requestable',
    ],
    [
      'its tier rose',
      [dataset('source', { purposes: ['research'], tier: 'restricted' }), dua],
      { ...request, tier: 'confidential' },
      'tier-raised',
    ],
    [
      'the requester left the organization',
      [source, dua],
      { ...request, requesterOrganizations: [A] },
      'organization',
    ],
    [
      'the purpose was withdrawn',
      [dataset('source', { purposes: ['audit'] }), dua],
      request,
      'purpose',
    ],
    ['the agreement is gone', [source], request, 'agreement'],
  ])('ends access when %s', (_, entities, check, cause) => {
    const problems = checkAccessBasis(world([...orgs(), ...entities]), check);
    expect(problems.map(p => p.cause)).toContain(cause);
  });

  it('ends access once the agreement has expired, the day after its last day', () => {
    const entities = [...orgs(), source, dua];
    expect(checkAccessBasis(world(entities, '2026-12-15'), request)).toEqual(
      [],
    );
    const after = checkAccessBasis(world(entities, '2026-12-16'), request);
    expect(after.map(p => [p.rule, p.cause])).toEqual([
      ['agreement-coverage', 'agreement'],
    ]);
  });

  it('refuses a purpose a community upstream vetoes, at any depth, and through de-identified data', () => {
    const entities = [
      ...orgs(),
      dataset('survey', {
        community: { name: 'Iwi', vetoOn: ['commercial-use'] },
      }),
      dataset('clean', { upstream: ['dataset:default/survey'] }),
      dataset('aggregate', {
        upstream: ['dataset:default/clean'],
        deidentified: true,
        purposes: ['commercial-analytics', 'research'],
      }),
    ];
    const problems = checkAccessBasis(world(entities), {
      dataset: 'dataset:default/aggregate',
      purpose: 'commercial-analytics',
      requesterOrganization: A,
    });
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'community-veto',
        cause: 'community-veto',
        entities: ['dataset:default/aggregate', 'dataset:default/survey'],
      }),
    ]);
    expect(
      vetoedPurposes(
        world(entities),
        world(entities).dataset('dataset:default/aggregate')!,
        ['research', 'commercial-analytics'],
      ),
    ).toEqual(['commercial-analytics']);
  });

  it('ends access to derived data once its upstream agreement no longer covers it', () => {
    const derived = dataset('derived', {
      owner: 'group:default/team-b',
      purposes: ['research'],
      upstream: ['dataset:default/source'],
    });
    const check = {
      dataset: 'dataset:default/derived',
      purpose: 'research',
      requesterOrganization: B,
    };
    expect(
      checkAccessBasis(world([...orgs(), source, dua, derived]), check),
    ).toEqual([]);
    const problems = checkAccessBasis(
      world([...orgs(), source, dua, derived], '2027-01-01'),
      check,
    );
    expect(problems.map(p => p.cause)).toEqual(['agreement']);
  });
});

describe('data derived across organizations further up', () => {
  const linked = dataset('linked', {
    owner: 'group:default/team-b',
    purposes: ['research'],
    upstream: ['dataset:default/source'],
  });
  const derived = (name: string, o: object = {}) =>
    dataset(name, {
      owner: 'group:default/team-b',
      purposes: ['research'],
      upstream: ['dataset:default/linked'],
      ...o,
    });
  const check = (name: string) => ({
    dataset: `dataset:default/${name}`,
    purpose: 'research',
    requesterOrganization: B,
  });
  const decidedAt = new Date('2026-11-29T09:00:00.000Z');

  it('is bounded by the agreement two hops up, and ends with it', () => {
    const entities = [...orgs(), source, dua, linked, derived('weekly')];
    expect(
      grantExpiry(world(entities), check('weekly'), decidedAt, 'P365D'),
    ).toMatchObject({
      expiresAt: '2026-12-15T23:59:59.999Z',
      expiresBecause: 'agreement',
    });
    const after = checkAccessBasis(
      world(entities, '2026-12-16'),
      check('weekly'),
    );
    expect(after.map(p => p.cause)).toEqual(['agreement']);
    expect(after[0].message).toContain(
      '`weekly` derives, through `linked`, from `source` of another organization',
    );
  });

  it('stops at a de-identified aggregate: it is the recipient’s own data', () => {
    const aggregate = derived('aggregate', { deidentified: true });
    (aggregate.spec as any).sensitivity.personalData = 'aggregated';
    const entities = [...orgs(), source, dua, linked, aggregate];
    expect(
      grantExpiry(world(entities), check('aggregate'), decidedAt, 'P365D')
        .expiresBecause,
    ).toBe('duration');
    expect(
      checkAccessBasis(world(entities, '2027-01-01'), check('aggregate')),
    ).toEqual([]);
  });
});

describe('communitySources and consentStewardships', () => {
  it('follow lineage at any depth, and survive a cycle', () => {
    const entities = [
      ...orgs(),
      dataset('survey', {
        community: {
          name: 'Iwi',
          vetoOn: [],
          steward: 'steward:default/council',
          consent: 'required',
        } as any,
      }),
      dataset('a', {
        upstream: ['dataset:default/survey', 'dataset:default/b'],
      }),
      dataset('b', { upstream: ['dataset:default/a'] }),
      dataset('c', { upstream: ['dataset:default/b'] }),
    ];
    const w = world(entities);
    for (const name of ['a', 'b', 'c']) {
      const d = w.dataset(`dataset:default/${name}`) as DatasetEntityV1alpha1;
      expect(communitySources(w, d).map(s => s.metadata.name)).toEqual([
        'survey',
      ]);
      expect(consentStewardships(w, d)).toEqual(['steward:default/council']);
    }
  });

  it('need no consent when the community does not require it', () => {
    const w = world([
      ...orgs(),
      dataset('survey', {
        community: {
          name: 'Iwi',
          vetoOn: [],
          steward: 'steward:default/council',
        },
      }),
    ]);
    expect(
      consentStewardships(w, w.dataset('dataset:default/survey')!),
    ).toEqual([]);
  });
});

describe('grantExpiry', () => {
  const decidedAt = new Date('2026-11-29T09:00:00.000Z');

  it('caps a grant at the end of the agreement’s last day (UTC)', () => {
    expect(
      grantExpiry(world([...orgs(), source, dua]), request, decidedAt, 'P365D'),
    ).toEqual({
      expiresAt: '2026-12-15T23:59:59.999Z',
      expiresBecause: 'agreement',
      agreement: 'agreement:default/dua',
    });
  });

  it('keeps the duration when it ends first, or when the agreement has no end', () => {
    expect(
      grantExpiry(world([...orgs(), source, dua]), request, decidedAt, 'P7D'),
    ).toEqual({
      expiresAt: '2026-12-06T09:00:00.000Z',
      expiresBecause: 'duration',
    });
    const open = agreement('dua', {
      parties: [A, B],
      datasets: ['dataset:default/source'],
    });
    expect(
      grantExpiry(world([...orgs(), source, open]), request, decidedAt, 'P365D')
        .expiresBecause,
    ).toBe('duration');
  });

  it('bounds derived data by the latest of the agreements covering its upstream', () => {
    const later = agreement('dua-2027', {
      parties: [A, B],
      datasets: ['dataset:default/source'],
      until: '2027-03-31',
    });
    const derived = dataset('derived', {
      owner: 'group:default/team-b',
      purposes: ['research'],
      upstream: ['dataset:default/source'],
    });
    expect(
      grantExpiry(
        world([...orgs(), source, dua, later, derived]),
        {
          dataset: 'dataset:default/derived',
          purpose: 'research',
          requesterOrganization: B,
        },
        decidedAt,
        'P365D',
      ),
    ).toEqual({
      expiresAt: '2027-03-31T23:59:59.999Z',
      expiresBecause: 'agreement',
      agreement: 'agreement:default/dua-2027',
    });
  });
});

import { Entity } from '@backstage/catalog-model';
import {
  dataset,
  evaluateGovernance,
  run,
  TODAY,
} from './__testUtils__/builders';
import { A, B, C, dsa, threeOrgs } from './__testUtils__/termsWorld';
import { onwardTransfer, onwardTransferOfRequest } from './onwardTransfer';
import { GovernanceWorld } from './world';

const prohibited = { onwardTransfer: 'prohibited' };

describe('onward-transfer', () => {
  it('passes while covered data stays with the parties', () => {
    expect(
      run(onwardTransfer, [
        ...threeOrgs(),
        dataset('visits', { owner: A }),
        dataset('panel', { owner: B, upstream: ['visits'] }),
        dataset('model', { owner: A, upstream: ['panel'] }),
        dsa(prohibited),
      ]).findings,
    ).toEqual([]);
  });

  it('fails covered data that reaches an organization that is not a party', () => {
    const { findings } = run(onwardTransfer, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
      dataset('copy', { owner: C, upstream: ['panel'] }),
      dsa(prohibited),
    ]);
    expect(findings).toEqual([
      {
        rule: 'onward-transfer',
        severity: 'error',
        entities: [
          'dataset:default/copy',
          'dataset:default/visits',
          'agreement:default/dsa',
          'group:default/org-c',
        ],
        message:
          '`copy` holds data of `visits` covered by `dsa`, which prohibits onward transfer, but belongs to `org-c`, which is not a party; stop deriving it from that data, derive it from an aggregated, de-identified dataset instead, or make `org-c` a party to `dsa`.',
      },
    ]);
  });

  it('fails a listed dataset of an organization that is not a party', () => {
    const { findings } = run(onwardTransfer, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('survey', { owner: C }),
      dsa(prohibited, {
        datasets: ['dataset:default/visits', 'dataset:default/survey'],
      }),
    ]);
    expect(findings.map(f => f.message)).toEqual([
      '`survey` is listed by `dsa`, which prohibits onward transfer, but belongs to `org-c`, which is not a party; make `org-c` a party to `dsa` or remove `survey` from its `spec.datasets`.',
    ]);
  });

  it('lets data go once it is aggregated and de-identified', () => {
    expect(
      run(onwardTransfer, [
        ...threeOrgs(),
        dataset('visits', { owner: A }),
        dataset('weekly', {
          owner: B,
          upstream: ['visits'],
          deidentified: true,
          personalData: 'aggregated',
        }),
        dataset('dashboard', { owner: C, upstream: ['weekly'] }),
        dsa(prohibited),
      ]).findings,
    ).toEqual([]);
  });

  it('leaves `with-approval` and `allowed` to request time', () => {
    const world = [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('copy', { owner: C, upstream: ['visits'] }),
    ];
    for (const term of ['with-approval', 'allowed']) {
      expect(
        run(onwardTransfer, [...world, dsa({ onwardTransfer: term })]).findings,
      ).toEqual([]);
    }
  });

  it('judges each agreement over the same data by its own parties', () => {
    const { summary } = run(onwardTransfer, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('copy', { owner: C, upstream: ['visits'] }),
      dsa(prohibited, { name: 'a-b' }),
      dsa(prohibited, {
        name: 'a-c',
        parties: ['group:default/org-a', 'group:default/org-c'],
      }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/copy dataset:default/visits agreement:default/a-b group:default/org-c',
    ]);
  });

  it('counts an organization as a party when the agreement names one of its teams', () => {
    const { summary } = run(onwardTransfer, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
      dataset('copy', { owner: C, upstream: ['panel'] }),
      dsa(prohibited, { parties: [A, B] }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/copy dataset:default/visits agreement:default/dsa group:default/org-c',
    ]);
  });

  it('follows covered data around a lineage cycle', () => {
    const { summary } = run(onwardTransfer, [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('loop-b', { owner: B, upstream: ['visits', 'loop-c'] }),
      dataset('loop-c', { owner: C, upstream: ['loop-b'] }),
      dsa(prohibited),
    ]);
    expect(summary).toEqual([
      'error dataset:default/loop-c dataset:default/visits agreement:default/dsa group:default/org-c',
    ]);
  });

  it('leaves an expired agreement to agreement coverage', () => {
    const rules = evaluateGovernance(
      [
        ...threeOrgs(),
        dataset('visits', { owner: A }),
        dataset('panel', { owner: B, upstream: ['visits'] }),
        dataset('copy', { owner: C, upstream: ['panel'] }),
        dsa(prohibited, { until: '2025-06-30' }),
      ],
      { today: TODAY },
    ).map(f => `${f.rule} ${f.entities[0]}`);
    expect(rules).toEqual([
      'agreement-coverage dataset:default/panel',
      'agreement-coverage dataset:default/copy',
    ]);
  });
});

describe('onward transfer at request time', () => {
  const judge = (entities: Entity[], datasetName: string, org: string) => {
    const world = new GovernanceWorld(entities, { today: TODAY });
    return onwardTransferOfRequest(
      world,
      world.dataset(`dataset:default/${datasetName}`)!,
      org,
    );
  };
  const world = (terms: Record<string, unknown>, o = {}) => [
    ...threeOrgs(),
    dataset('visits', { owner: A }),
    dataset('panel', { owner: B, upstream: ['visits'] }),
    dataset('own', { owner: A, upstream: ['visits'] }),
    dsa(terms, o),
  ];

  it('refuses a non-party requester data a recipient holds under a prohibition', () => {
    const { refusals, approvals } = judge(
      world(prohibited),
      'panel',
      'group:default/org-c',
    );
    expect(approvals).toEqual([]);
    expect(refusals).toEqual([
      {
        rule: 'onward-transfer',
        cause: 'agreement',
        entities: [
          'dataset:default/panel',
          'dataset:default/visits',
          'agreement:default/dsa',
          'group:default/org-c',
        ],
        message:
          '`panel` holds data of `visits` covered by `dsa`, which prohibits onward transfer, and `org-c`, for which access is asked, is not a party: it may not be given the data.',
      },
    ]);
  });

  it('does not judge the provider’s own data, listed or derived, nor a party’s requester', () => {
    expect(
      judge(world(prohibited), 'visits', 'group:default/org-c').refusals,
    ).toEqual([]);
    expect(
      judge(world(prohibited), 'own', 'group:default/org-c').refusals,
    ).toEqual([]);
    expect(
      judge(world(prohibited), 'panel', 'group:default/org-a').refusals,
    ).toEqual([]);
  });

  it('counts a party named by a team Group for its organization', () => {
    expect(
      judge(
        world(prohibited, {
          parties: ['group:default/team-a', 'group:default/team-c'],
        }),
        'panel',
        'group:default/org-c',
      ).refusals,
    ).toEqual([]);
  });

  it('asks a steward of a with-approval agreement, naming its providers', () => {
    const entities = world({ onwardTransfer: 'with-approval' }).map(e =>
      e.kind === 'Agreement'
        ? {
            ...e,
            spec: {
              ...e.spec,
              stewards: ['steward:default/b-steward', 'a-steward'],
            },
          }
        : e,
    );
    expect(judge(entities, 'panel', 'group:default/org-c')).toEqual({
      refusals: [],
      approvals: [
        {
          agreement: 'agreement:default/dsa',
          providers: ['group:default/org-a'],
          stewards: ['steward:default/b-steward', 'steward:default/a-steward'],
        },
      ],
    });
  });

  it('leaves out an expired agreement and one that allows onward transfer', () => {
    expect(
      judge(
        world(prohibited, { until: '2025-06-30' }),
        'panel',
        'group:default/org-c',
      ),
    ).toEqual({ refusals: [], approvals: [] });
    expect(
      judge(
        world({ onwardTransfer: 'allowed' }),
        'panel',
        'group:default/org-c',
      ),
    ).toEqual({ refusals: [], approvals: [] });
  });

  it('judges every agreement covering the same data', () => {
    const entities = [
      ...world(prohibited),
      dsa(
        { onwardTransfer: 'with-approval' },
        {
          name: 'second',
          parties: ['group:default/org-a', 'group:default/org-b'],
        },
      ),
    ];
    const { refusals, approvals } = judge(
      entities,
      'panel',
      'group:default/org-c',
    );
    expect(refusals.map(r => r.entities[2])).toEqual(['agreement:default/dsa']);
    expect(approvals.map(a => a.agreement)).toEqual([
      'agreement:default/second',
    ]);
  });
});

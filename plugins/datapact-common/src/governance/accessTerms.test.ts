import { Entity } from '@backstage/catalog-model';
import { accessTermsOf } from './accessTerms';
import { dataset, TODAY } from './__testUtils__/builders';
import { A, B, dsa, threeOrgs } from './__testUtils__/termsWorld';
import { GovernanceWorld } from './world';

function termsOf(entities: Entity[], name: string, agreement?: string) {
  const world = new GovernanceWorld(entities, { today: TODAY });
  return accessTermsOf(
    world,
    world.dataset(`dataset:default/${name}`)!,
    agreement,
  );
}

const full = {
  retention: 'P2Y',
  onwardTransfer: 'prohibited',
  deidentificationRequired: true,
  breachNotificationHours: 48,
  jurisdictions: ['NZ', 'EU'],
  derivedWorks: { owner: 'recipient', commercialization: 'none' },
};

describe('accessTermsOf', () => {
  it('words the licence’s duties and prohibitions', () => {
    const terms = termsOf(
      [
        ...threeOrgs(),
        dataset('visits', {
          owner: A,
          license: 'CC-BY-NC-4.0',
          terms: { prohibitions: ['reidentify'] },
          attribution: 'Org A',
        }),
      ],
      'visits',
    );
    expect(terms.map(t => [t.kind, t.id, t.text])).toEqual([
      ['term', 'license', 'The data is licensed under CC-BY-NC-4.0.'],
      ['duty', 'attribute', 'You must credit the provider.'],
      ['duty', 'attribution', 'Credit it as: Org A'],
      ['prohibition', 'commercial-use', 'You may not use it commercially.'],
      ['prohibition', 'reidentify', 'You may not try to re-identify people.'],
    ]);
    expect(terms.every(t => t.source === 'license')).toBe(true);
  });

  it('words every term of the named agreement, then of each agreement in force covering the data', () => {
    const entities = [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('panel', { owner: B, upstream: ['visits'] }),
      dsa(full, { name: 'zz-named' }),
      dsa({ retention: 'P1Y' }, { name: 'aa-covering' }),
      dsa({ retention: 'P5Y' }, { name: 'expired', until: '2025-06-30' }),
    ];
    const terms = termsOf(entities, 'panel', 'agreement:default/zz-named');
    expect(terms.map(t => [t.entity, t.id, t.text])).toEqual([
      [
        'agreement:default/zz-named',
        'retention',
        'Keep the data no longer than 2 years (P2Y).',
      ],
      [
        'agreement:default/zz-named',
        'deidentificationRequired',
        'De-identify the data before you use it: every dataset derived from it must be de-identified.',
      ],
      [
        'agreement:default/zz-named',
        'onwardTransfer',
        'Do not pass the data, or data derived from it, to an organization that is not a party to the agreement.',
      ],
      [
        'agreement:default/zz-named',
        'jurisdictions',
        'Store and process the data, and data derived from it, only in EU and NZ.',
      ],
      [
        'agreement:default/zz-named',
        'breachNotificationHours',
        'Report a breach involving the data to the provider within 48 hours.',
      ],
      [
        'agreement:default/zz-named',
        'derivedWorks.owner',
        'Derived works are owned by: recipient.',
      ],
      [
        'agreement:default/zz-named',
        'derivedWorks.commercialization',
        'Do not commercialize derived works.',
      ],
      // Covering, in force, not named: by ref. The expired one binds no more.
      [
        'agreement:default/aa-covering',
        'retention',
        'Keep the data no longer than 1 year (P1Y).',
      ],
    ]);
  });

  it('stops at an aggregated, de-identified dataset, where covered data ends', () => {
    const entities = [
      ...threeOrgs(),
      dataset('visits', { owner: A }),
      dataset('rates', {
        owner: B,
        upstream: ['visits'],
        personalData: 'aggregated',
        deidentified: true,
      }),
      dsa(full),
    ];
    expect(termsOf(entities, 'rates')).toEqual([]);
  });

  it('words the labels, vetoes and consent of every community whose rights reach the data', () => {
    const entities = [
      ...threeOrgs(),
      {
        ...dataset('survey', {
          owner: A,
          community: {
            name: 'Ngāti Example',
            vetoOn: ['commercial-use'],
            steward: 'steward:default/council',
          },
        }),
      },
      dataset('indicators', { owner: B, upstream: ['survey'] }),
    ].map(e =>
      e.metadata.name === 'survey'
        ? {
            ...e,
            spec: {
              ...e.spec,
              community: {
                ...(e.spec as any).community,
                labels: ['tk-attribution'],
                consent: 'required',
              },
            },
          }
        : e,
    );
    expect(
      termsOf(entities, 'indicators').map(t => [
        t.source,
        t.entity,
        t.kind,
        t.text,
      ]),
    ).toEqual([
      [
        'community',
        'dataset:default/survey',
        'label',
        'TK Attribution: a label of the Ngāti Example community on this data.',
      ],
      [
        'community',
        'dataset:default/survey',
        'prohibition',
        'The Ngāti Example community vetoes commercial use: do not use the data for it.',
      ],
      [
        'community',
        'dataset:default/survey',
        'term',
        "The Ngāti Example community's steward must consent to this use.",
      ],
    ]);
  });

  it('gives the same terms whatever the order of the catalog', () => {
    const entities = [
      ...threeOrgs(),
      dataset('visits', { owner: A, license: 'CC-BY-4.0' }),
      dataset('panel', {
        owner: B,
        upstream: ['visits'],
        license: 'CC-BY-4.0',
      }),
      dsa({ retention: 'P1Y' }, { name: 'one' }),
      dsa({ retention: 'P2Y' }, { name: 'two' }),
    ];
    expect(termsOf([...entities].reverse(), 'panel')).toEqual(
      termsOf(entities, 'panel'),
    );
  });
});

import { dataset, run } from './__testUtils__/builders';
import { A, B, dsa, threeOrgs } from './__testUtils__/termsWorld';
import { derivedWorks } from './derivedWorks';

const none = { derivedWorks: { owner: 'provider', commercialization: 'none' } };

const world = (panel: Parameters<typeof dataset>[1]) => [
  ...threeOrgs(),
  // The provider's own dataset may be licensed as the provider likes.
  dataset('visits', { owner: A, license: 'CC-BY-4.0' }),
  dataset('panel', { owner: B, upstream: ['visits'], ...panel }),
];

describe('derived-works', () => {
  it('passes non-commercial derived data', () => {
    expect(
      run(derivedWorks, [
        ...world({ license: 'CC-BY-NC-4.0', purposes: ['research'] }),
        dsa(none),
      ]).findings,
    ).toEqual([]);
  });

  it('fails derived data whose licence or purposes permit commercial use', () => {
    const { findings } = run(derivedWorks, [
      ...world({ license: 'CC-BY-4.0', purposes: ['commercial-analytics'] }),
      dsa(none),
    ]);
    expect(findings).toEqual([
      {
        rule: 'derived-works',
        severity: 'error',
        entities: [
          'dataset:default/panel',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
        message:
          '`panel` holds data of `visits` covered by `dsa`, which allows no commercialization of derived works, but its licence CC-BY-4.0 permits commercial use and it may be requested for `commercial-analytics`; license it for non-commercial use only and remove the commercial purposes from `access.allowedPurposes`.',
      },
    ]);
    expect(
      run(derivedWorks, [
        ...world({
          license: 'CC-BY-NC-4.0',
          purposes: ['commercial-analytics'],
        }),
        dsa(none),
      ]).summary,
    ).toEqual([
      'error dataset:default/panel dataset:default/visits agreement:default/dsa',
    ]);
  });

  it('reads `prohibited` as `none`', () => {
    expect(
      run(derivedWorks, [
        ...world({ license: 'MIT' }),
        dsa({ derivedWorks: { commercialization: 'prohibited' } }),
      ]).summary,
    ).toHaveLength(1);
  });

  it('binds nothing when derived works may be commercialized', () => {
    for (const commercialization of ['with-revenue-share', 'allowed']) {
      expect(
        run(derivedWorks, [
          ...world({ license: 'CC-BY-4.0' }),
          dsa({ derivedWorks: { commercialization } }),
        ]).findings,
      ).toEqual([]);
    }
  });

  it('stops at aggregated, de-identified data', () => {
    expect(
      run(derivedWorks, [
        ...world({
          license: 'CC-BY-4.0',
          deidentified: true,
          personalData: 'aggregated',
        }),
        dsa(none),
      ]).findings,
    ).toEqual([]);
  });

  it('judges data covered by several agreements under each', () => {
    const { summary } = run(derivedWorks, [
      ...world({ license: 'CC-BY-4.0' }),
      dsa(none, { name: 'strict' }),
      dsa(
        { derivedWorks: { commercialization: 'allowed' } },
        { name: 'loose' },
      ),
    ]);
    expect(summary).toEqual([
      'error dataset:default/panel dataset:default/visits agreement:default/strict',
    ]);
  });
});

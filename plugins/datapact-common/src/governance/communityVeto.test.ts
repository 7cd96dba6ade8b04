import { communityVeto } from './communityVeto';
import { dataset, run } from './__testUtils__/builders';

const survey = dataset('survey', {
  tier: 'confidential',
  license: 'CC-BY-4.0',
  community: {
    name: 'Ngāti Example',
    vetoOn: ['commercial-use'],
    steward: 'community-council',
  },
});

describe('community-veto', () => {
  it('passes a derived dataset that permits nothing the community vetoes', () => {
    expect(
      run(communityVeto, [
        survey,
        dataset('indicators', {
          upstream: ['survey'],
          license: 'CC-BY-NC-4.0',
          purposes: ['research'],
        }),
      ]).findings,
    ).toEqual([]);
  });

  it('does not judge the community dataset itself', () => {
    expect(run(communityVeto, [survey]).findings).toEqual([]);
  });

  it('fails a derived dataset whose licence permits vetoed commercial use', () => {
    const { findings } = run(communityVeto, [
      survey,
      dataset('leads', { upstream: ['survey'], license: 'CC-BY-4.0' }),
    ]);
    expect(findings).toEqual([
      {
        rule: 'community-veto',
        severity: 'error',
        entities: [
          'dataset:default/leads',
          'dataset:default/survey',
          'steward:default/community-council',
        ],
        message:
          "`leads` derives from `survey`, whose community (Ngāti Example) vetoes `commercial-use`, but its licence CC-BY-4.0 permits commercial use; withdraw that permission or obtain the community's consent.",
      },
    ]);
  });

  it('fails a derived dataset offered for a commercial purpose', () => {
    const { findings } = run(communityVeto, [
      survey,
      dataset('leads', {
        upstream: ['survey'],
        license: 'CC-BY-NC-4.0',
        purposes: ['commercial-analytics'],
      }),
    ]);
    expect(findings[0].message).toContain(
      'it may be requested for `commercial-analytics`',
    );
  });

  it('follows lineage at any depth, through de-identified datasets', () => {
    const { summary } = run(communityVeto, [
      survey,
      dataset('agg', {
        upstream: ['survey'],
        license: 'CC-BY-NC-4.0',
        deidentified: true,
      }),
      dataset('model', { upstream: ['agg'], license: 'CC-BY-NC-4.0' }),
      dataset('product', { upstream: ['model'], license: 'CC-BY-4.0' }),
    ]);
    expect(summary).toEqual([
      'error dataset:default/product dataset:default/survey steward:default/community-council',
    ]);
  });

  it('checks other vetoed actions against licence terms and purposes', () => {
    const sacred = dataset('sites', {
      community: { name: 'Ngāti Example', vetoOn: ['publish-locations'] },
    });
    expect(
      run(communityVeto, [
        sacred,
        dataset('map', {
          upstream: ['sites'],
          license: 'LicenseRef-Map',
          terms: { permissions: ['publish-locations'] },
        }),
      ]).summary,
    ).toEqual(['error dataset:default/map dataset:default/sites']);
    expect(
      run(communityVeto, [
        sacred,
        dataset('map', {
          upstream: ['sites'],
          purposes: ['publish-locations'],
        }),
      ]).summary,
    ).toEqual(['error dataset:default/map dataset:default/sites']);
  });

  it('terminates on cyclic lineage', () => {
    const a = dataset('a', { upstream: ['b', 'survey'], license: 'CC-BY-4.0' });
    const b = dataset('b', { upstream: ['a'], license: 'CC-BY-NC-4.0' });
    expect(run(communityVeto, [survey, a, b]).summary).toEqual([
      'error dataset:default/a dataset:default/survey steward:default/community-council',
    ]);
  });
});

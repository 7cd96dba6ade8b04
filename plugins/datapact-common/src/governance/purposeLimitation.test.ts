import { agreement, dataset, orgs, run } from './__testUtils__/builders';
import { purposeLimitation } from './purposeLimitation';

const world = (
  purposes: string[] | undefined,
  agreementPurposes?: string[],
) => [
  ...orgs(),
  dataset('visits', { owner: 'group:default/team-a' }),
  dataset('outcomes', {
    owner: 'group:default/team-b',
    upstream: ['visits'],
    purposes,
  }),
  agreement('dsa', {
    parties: ['group:default/org-a', 'group:default/org-b'],
    datasets: ['dataset:default/visits'],
    purposes: agreementPurposes,
  }),
];

describe('purpose-limitation', () => {
  it('passes when every offered purpose is allowed by the covering agreement', () => {
    expect(
      run(purposeLimitation, world(['research'], ['research', 'teaching']))
        .findings,
    ).toEqual([]);
    expect(
      run(purposeLimitation, world(['anything'], undefined)).findings,
    ).toEqual([]);
    expect(
      run(purposeLimitation, world(undefined, ['research'])).findings,
    ).toEqual([]);
  });

  it('fails a dataset offered for a purpose its upstream agreement does not allow', () => {
    const { findings } = run(
      purposeLimitation,
      world(['research', 'marketing'], ['research']),
    );
    expect(findings).toEqual([
      {
        rule: 'purpose-limitation',
        severity: 'error',
        entities: [
          'dataset:default/outcomes',
          'dataset:default/visits',
          'agreement:default/dsa',
        ],
        message:
          '`outcomes` may be requested for `marketing`, which `dsa` covering `visits` does not allow; remove that purpose from `access.allowedPurposes`.',
      },
    ]);
  });
});

import { checkAccessRequest } from './accessRequest';
import { agreement, dataset, orgs, TODAY } from './__testUtils__/builders';
import { GovernanceWorld } from './world';

const world = (until = '2027-12-31') =>
  new GovernanceWorld(
    [
      ...orgs(),
      dataset('visits', {
        owner: 'group:default/team-a',
        purposes: ['research', 'public-health'],
      }),
      agreement('dsa', {
        parties: ['group:default/org-a', 'group:default/org-b'],
        datasets: ['dataset:default/visits'],
        purposes: ['research'],
        until,
      }),
      agreement('other', {
        parties: ['group:default/org-a', 'group:default/org-b'],
        datasets: [],
      }),
    ],
    { today: TODAY },
  );

const check = (
  request: Partial<Parameters<typeof checkAccessRequest>[1]>,
  w = world(),
) =>
  checkAccessRequest(w, {
    dataset: 'dataset:default/visits',
    purpose: 'research',
    requesterOrganization: 'group:default/org-b',
    agreement: 'agreement:default/dsa',
    ...request,
  }).map(f => `${f.rule}: ${f.message}`);

describe('checkAccessRequest', () => {
  it('allows a purpose allowed by the dataset and the active covering agreement', () => {
    expect(check({})).toEqual([]);
  });

  it('allows a request from the same organization without an agreement', () => {
    expect(
      check({
        requesterOrganization: 'group:default/org-a',
        agreement: undefined,
        purpose: 'public-health',
      }),
    ).toEqual([]);
  });

  it('refuses a purpose the dataset does not allow', () => {
    expect(check({ purpose: 'marketing' })).toEqual([
      'purpose-limitation: `visits` may only be requested for `research`, `public-health`, not `marketing`.',
      'purpose-limitation: `dsa` allows `research`, not `marketing`.',
    ]);
  });

  it('refuses a purpose the agreement used does not allow', () => {
    expect(check({ purpose: 'public-health' })).toEqual([
      'purpose-limitation: `dsa` allows `research`, not `public-health`.',
    ]);
  });

  it('needs an agreement for another organization’s data', () => {
    expect(check({ agreement: undefined })).toEqual([
      'agreement-coverage: `visits` belongs to another organization: name the agreement the request relies on (`dsa`).',
    ]);
  });

  it('refuses an expired agreement, one that does not cover the data, and an unknown one', () => {
    expect(check({}, world('2026-01-31'))).toEqual([
      'agreement-coverage: `dsa` is expired (it ended 2026-01-31); a request needs an active agreement.',
    ]);
    expect(check({ agreement: 'agreement:default/other' })).toEqual([
      'agreement-coverage: `other` does not cover `visits` for `org-b`: it must list the dataset and name both organizations as parties.',
    ]);
    expect(check({ agreement: 'agreement:default/nope' })).toEqual([
      'agreement-coverage: `nope` is not an agreement in the catalog.',
    ]);
  });
});

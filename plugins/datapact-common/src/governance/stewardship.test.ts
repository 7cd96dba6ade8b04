import { dataset, run } from './__testUtils__/builders';
import { stewardship } from './stewardship';

describe('stewardship', () => {
  it('passes public and internal datasets without stewards', () => {
    expect(
      run(stewardship, [
        dataset('a', { tier: 'public', stewards: [] }),
        dataset('b', { tier: 'internal', stewards: [] }),
      ]).findings,
    ).toEqual([]);
  });

  it('fails confidential and restricted datasets without a steward', () => {
    const { findings } = run(stewardship, [
      dataset('contacts', { tier: 'confidential', stewards: [] }),
      dataset('records', { tier: 'restricted', stewards: [] }),
    ]);
    expect(findings.map(f => f.message)).toEqual([
      '`contacts` is `confidential` but has no steward; name at least one in `spec.stewards`.',
      '`records` is `restricted` but has no steward; name at least one in `spec.stewards`.',
    ]);
  });

  it('needs two approvers for restricted data by default', () => {
    expect(
      run(stewardship, [
        dataset('r', { tier: 'restricted', stewards: ['s1', 's2'] }),
      ]).findings,
    ).toEqual([]);
    const { findings } = run(stewardship, [
      dataset('r', { tier: 'restricted', stewards: ['s1'] }),
    ]);
    expect(findings).toEqual([
      {
        rule: 'stewardship',
        severity: 'error',
        entities: ['dataset:default/r', 'steward:default/s1'],
        message:
          '`r` is `restricted` and needs 2 distinct approvals, but has only 1 approver; add approvers or stewards.',
      },
    ]);
  });

  it('counts explicit approvers against approvalsRequired', () => {
    expect(
      run(stewardship, [
        dataset('r', {
          tier: 'restricted',
          stewards: ['s1'],
          approvers: ['s1', 's2', 's3'],
          approvalsRequired: 3,
        }),
      ]).findings,
    ).toEqual([]);
    expect(
      run(stewardship, [
        dataset('r', {
          tier: 'restricted',
          approvers: ['s1', 'steward:default/s1'],
          approvalsRequired: 2,
        }),
      ]).findings[0].message,
    ).toContain('needs 2 distinct approvals, but has only 1 approver');
  });
});

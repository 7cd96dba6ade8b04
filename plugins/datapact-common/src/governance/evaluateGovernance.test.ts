import { dataset, evaluateGovernance, TODAY } from './__testUtils__/builders';
import { GOVERNANCE_RULE_IDS } from './types';

describe('evaluateGovernance', () => {
  it('runs every rule and warns about datasets without a description', () => {
    const findings = evaluateGovernance(
      [
        dataset('raw', { tier: 'restricted', description: null }),
        dataset('out', {
          tier: 'public',
          upstream: ['raw', 'ghost'],
          stewards: [],
        }),
      ],
      { today: TODAY },
    );
    expect(
      findings.map(f => `${f.rule} ${f.severity} ${f.entities[0]}`),
    ).toEqual([
      'sensitivity-floor error dataset:default/out',
      'lineage-integrity error dataset:default/out',
      'schema warning dataset:default/raw',
    ]);
    expect(findings.every(f => GOVERNANCE_RULE_IDS.includes(f.rule))).toBe(
      true,
    );
  });

  it('uses a custom sensitivity scale', () => {
    const entities = [
      dataset('raw', { tier: 'secret' }),
      dataset('out', { tier: 'open', upstream: ['raw'], stewards: [] }),
    ];
    const findings = evaluateGovernance(entities, {
      today: TODAY,
      sensitivityTiers: ['open', 'secret'],
    });
    expect(findings.map(f => f.rule)).toEqual(['sensitivity-floor']);
  });
});

import {
  GOVERNANCE_RULE_IDS,
  GovernanceRuleId,
} from '@datapact/backstage-plugin-common';
import { messageParts, ruleTitle, ruleWhy, sortFindings } from './findings';

describe('findings in words', () => {
  it('names every rule id and says why each matters', () => {
    for (const rule of GOVERNANCE_RULE_IDS) {
      expect(ruleTitle(rule)).toMatch(/^[A-Z][a-z-]+( [a-z]+)?$/);
      expect(ruleWhy(rule)).toMatch(/^[A-Z].*\.$/);
    }
    expect(ruleTitle('license-compatibility')).toBe('Licence compatibility');
    expect(ruleTitle('custom-rule')).toBe('custom-rule');
  });

  it('splits a message into text and the code it quotes in backticks', () => {
    expect(messageParts('`a` keeps data; shorten `retention.period`.')).toEqual(
      [
        { text: 'a', code: true },
        { text: ' keeps data; shorten ', code: false },
        { text: 'retention.period', code: true },
        { text: '.', code: false },
      ],
    );
  });

  it('puts errors first, then rules in the order of the design', () => {
    const f = (
      rule: GovernanceRuleId,
      severity: 'error' | 'warning',
      ref: string,
    ) => ({
      rule,
      severity,
      entities: [ref],
      message: '',
    });
    expect(
      sortFindings([
        f('stewardship', 'error', 'b'),
        f('agreement-coverage', 'warning', 'a'),
        f('retention', 'error', 'c'),
        f('sensitivity-floor', 'error', 'd'),
      ]).map(x => `${x.severity} ${x.rule}`),
    ).toEqual([
      'error sensitivity-floor',
      'error retention',
      'error stewardship',
      'warning agreement-coverage',
    ]);
  });
});

import { GovernanceWorld } from './world';
import { FindingSeverity, GovernanceFinding, GovernanceRuleId } from './types';

/**
 * A governance rule: a pure function from the world to its findings.
 * @public
 */
export type GovernanceRule = (world: GovernanceWorld) => GovernanceFinding[];

export function finding(
  rule: GovernanceRuleId,
  severity: FindingSeverity,
  entities: string[],
  message: string,
): GovernanceFinding {
  return { rule, severity, entities: [...new Set(entities)], message };
}

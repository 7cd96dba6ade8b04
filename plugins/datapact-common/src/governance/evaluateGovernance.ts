import { Entity } from '@backstage/catalog-model';
import { agreementCoverage } from './agreementCoverage';
import { communityVeto } from './communityVeto';
import { deidentificationRequired } from './deidentificationRequired';
import { derivedWorks } from './derivedWorks';
import { descriptions } from './descriptions';
import { jurisdiction } from './jurisdiction';
import { licenseCompatibility } from './licenseCompatibility';
import { lineageIntegrity } from './lineageIntegrity';
import { onwardTransfer } from './onwardTransfer';
import { purposeLimitation } from './purposeLimitation';
import { retention } from './retention';
import { GovernanceRule } from './rule';
import { sensitivityFloor } from './sensitivityFloor';
import { stewardship } from './stewardship';
import { GovernanceFinding, GovernanceOptions } from './types';
import { GovernanceWorld } from './world';

/** Every catalog-wide rule, in the order of DESIGN.md. */
export const GOVERNANCE_RULES: ReadonlyArray<GovernanceRule> = [
  sensitivityFloor,
  licenseCompatibility,
  agreementCoverage,
  purposeLimitation,
  retention,
  communityVeto,
  stewardship,
  lineageIntegrity,
  deidentificationRequired,
  onwardTransfer,
  jurisdiction,
  derivedWorks,
  descriptions,
];

/**
 * Runs every governance rule over a set of entities: the Datapact kinds plus
 * the Groups (and Users) that decide organizations. The same function serves
 * the command line, the backend and the frontend.
 * @public
 */
export function evaluateGovernance(
  entities: Entity[],
  options: GovernanceOptions,
): GovernanceFinding[] {
  const world = new GovernanceWorld(entities, options);
  return GOVERNANCE_RULES.flatMap(rule => rule(world));
}

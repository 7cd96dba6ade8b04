import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';
import { GovernanceWorld } from './world';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';

/**
 * The approvals a request for the dataset needs: `access.approvalsRequired`,
 * or by default 2 at the top of the sensitivity scale (restricted) and 1 below.
 * @public
 */
export function approvalsRequired(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): number {
  return (
    dataset.spec.access?.approvalsRequired ??
    (isTopTier(world, dataset.spec.sensitivity.tier) ? 2 : 1)
  );
}

/**
 * The dataset's approvers: `access.approvers`, by default its stewards.
 * @public
 */
export function approverRefs(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): string[] {
  const refs = dataset.spec.access?.approvers ?? dataset.spec.stewards ?? [];
  return [...new Set(refs.map(r => world.resolve(dataset, r, 'Steward')))];
}

function isTopTier(world: GovernanceWorld, tier: string): boolean {
  return world.tierRank(tier) === world.tiers.length - 1;
}

/**
 * Sensitive tiers are the upper half of the scale: confidential and restricted by default.
 * @public
 */
export function isSensitiveTier(world: GovernanceWorld, tier: string): boolean {
  return world.tierRank(tier) >= Math.floor(world.tiers.length / 2);
}

/**
 * Rule 7: confidential and restricted datasets have a steward; restricted
 * ones enough approvers for their `approvalsRequired`.
 */
export const stewardship: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const dataset of world.datasets) {
    const tier = dataset.spec.sensitivity.tier;
    if (!isSensitiveTier(world, tier)) continue;
    const self = world.refOf(dataset);
    if ((dataset.spec.stewards ?? []).length === 0) {
      findings.push(
        finding(
          'stewardship',
          'error',
          [self],
          `${world.label(
            self,
          )} is \`${tier}\` but has no steward; name at least one in \`spec.stewards\`.`,
        ),
      );
      continue;
    }
    if (!isTopTier(world, tier)) continue;
    const approvers = approverRefs(world, dataset);
    const required = approvalsRequired(world, dataset);
    if (approvers.length < required) {
      findings.push(
        finding(
          'stewardship',
          'error',
          [self, ...approvers],
          `${world.label(
            self,
          )} is \`${tier}\` and needs ${required} distinct approvals, but has only ${
            approvers.length
          } approver${
            approvers.length === 1 ? '' : 's'
          }; add approvers or stewards.`,
        ),
      );
    }
  }
  return findings;
};

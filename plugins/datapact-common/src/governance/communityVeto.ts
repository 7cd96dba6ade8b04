import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';
import { permitsAction } from './usage';

/**
 * Rule 6: a dataset derived, at any depth, from community data may not
 * permit what the community vetoes. Collective rights do not end at
 * de-identification, so the veto follows all of the lineage.
 */
export const communityVeto: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const dataset of world.datasets) {
    const self = world.refOf(dataset);
    // Community datasets upstream of this one, at any depth.
    const communities: DatasetEntityV1alpha1[] = [];
    const seen = new Set<string>([self]);
    const queue = [...world.upstreamRefs(dataset)];
    while (queue.length > 0) {
      const ref = queue.shift()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const upstream = world.dataset(ref);
      if (!upstream) continue;
      if ((upstream.spec.community?.vetoOn ?? []).length > 0)
        communities.push(upstream);
      queue.push(...world.upstreamRefs(upstream));
    }
    for (const source of communities) {
      const community = source.spec.community!;
      for (const action of community.vetoOn ?? []) {
        const reasons = permitsAction(dataset, action);
        if (reasons.length === 0) continue;
        const sourceRef = world.refOf(source);
        findings.push(
          finding(
            'community-veto',
            'error',
            [
              self,
              sourceRef,
              ...(community.steward
                ? [world.resolve(source, community.steward, 'Steward')]
                : []),
            ],
            `${world.label(self)} derives from ${world.label(
              sourceRef,
            )}, whose community (${
              community.name
            }) vetoes \`${action}\`, but ${reasons.join(
              ' and ',
            )}; withdraw that permission or obtain the community's consent.`,
          ),
        );
      }
    }
  }
  return findings;
};

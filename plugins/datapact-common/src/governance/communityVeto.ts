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
  // The community datasets upstream of each dataset, at any depth: computed
  // once per dataset from its upstreams' sets, upstream first.
  const upstreamCommunities = new Map<string, Set<DatasetEntityV1alpha1>>();
  // Datasets on a cycle have no upstream-first order: search their ancestry.
  const searchAbove = (start: DatasetEntityV1alpha1) => {
    const found = new Set<DatasetEntityV1alpha1>();
    const seen = new Set<string>();
    const queue = [...world.upstreamRefs(start)];
    while (queue.length > 0) {
      const ref = queue.pop()!;
      const upstream = world.dataset(ref);
      if (!upstream || seen.has(world.refOf(upstream))) continue;
      seen.add(world.refOf(upstream));
      if ((upstream.spec.community?.vetoOn ?? []).length > 0)
        found.add(upstream);
      queue.push(...world.upstreamRefs(upstream));
    }
    return found;
  };

  const communitiesAbove = (dataset: DatasetEntityV1alpha1) => {
    const found = new Set<DatasetEntityV1alpha1>();
    for (const ref of world.upstreamRefs(dataset)) {
      const upstream = world.dataset(ref);
      if (!upstream) continue;
      if ((upstream.spec.community?.vetoOn ?? []).length > 0)
        found.add(upstream);
      const known = upstreamCommunities.get(world.refOf(upstream));
      if (known) known.forEach(c => found.add(c));
      else searchAbove(upstream).forEach(c => found.add(c));
    }
    return found;
  };

  for (const dataset of world.topologicalOrder()) {
    const self = world.refOf(dataset);
    const communities = communitiesAbove(dataset);
    upstreamCommunities.set(self, communities);
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

import { finding, GovernanceRule } from './rule';

/**
 * Rule 1: a dataset's tier is at least the highest tier of its upstream
 * datasets, unless it declares `deidentification`.
 */
export const sensitivityFloor: GovernanceRule = world => {
  const findings = [];
  for (const dataset of world.datasets) {
    if (dataset.spec.sensitivity.deidentification) continue;
    const tier = dataset.spec.sensitivity.tier;
    const above = world
      .upstreamRefs(dataset)
      .map(ref => world.dataset(ref))
      .filter(
        u =>
          u && world.tierRank(u.spec.sensitivity.tier) > world.tierRank(tier),
      );
    if (above.length === 0) continue;
    const highest = above.reduce((a, b) =>
      world.tierRank(b!.spec.sensitivity.tier) >
      world.tierRank(a!.spec.sensitivity.tier)
        ? b
        : a,
    )!;
    const self = world.refOf(dataset);
    const sources = above
      .map(
        u =>
          `${world.label(world.refOf(u!))}, which is \`${
            u!.spec.sensitivity.tier
          }\``,
      )
      .join(' and ');
    findings.push(
      finding(
        'sensitivity-floor',
        'error',
        [self, ...above.map(u => world.refOf(u!))],
        `${world.label(
          self,
        )} is \`${tier}\` but derives from ${sources}; declare a de-identification method or raise its tier to \`${
          highest.spec.sensitivity.tier
        }\`.`,
      ),
    );
  }
  return findings;
};

import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';
import { GovernanceWorld } from './world';

interface Limit {
  period: string;
  agreement: string;
  upstream: string;
}

/**
 * The retention limits an edge from `upstream` into `organization` carries:
 * the most generous retention among the active agreements covering it, or
 * none when one of them sets no retention.
 */
function edgeLimit(
  world: GovernanceWorld,
  upstream: DatasetEntityV1alpha1,
  organization: string,
): Limit | undefined {
  const covering = world.coveringAgreements(upstream, organization);
  if (covering.length === 0) return undefined;
  let best: Limit | undefined;
  for (const agreement of covering) {
    const period = agreement.spec.terms?.retention;
    if (!period) return undefined;
    if (!best || world.compareDurations(period, best.period) > 0) {
      best = {
        period,
        agreement: world.refOf(agreement),
        upstream: world.refOf(upstream),
      };
    }
  }
  return best;
}

/**
 * Rule 5: a derived dataset keeps data no longer than its upstream agreements
 * allow. The limit of an agreement binds the dataset that receives the data
 * across organizations and, through lineage, everything derived from it,
 * until a dataset declares de-identification (its data is no longer the
 * provider's record-level data).
 */
export const retention: GovernanceRule = world => {
  const stricter = (a: Limit | undefined, b: Limit | undefined) =>
    !a || (b && world.compareDurations(b.period, a.period) < 0) ? b : a;
  // The strictest limit that binds each dataset, computed upstream first;
  // only the strictest matters, so only it is passed on.
  const binding = new Map<DatasetEntityV1alpha1, Limit | undefined>();
  const passedOn = (dataset: DatasetEntityV1alpha1) =>
    dataset.spec.sensitivity.deidentification
      ? undefined
      : binding.get(dataset);
  for (const dataset of world.topologicalOrder()) {
    const organization = world.organizationOf(dataset);
    let limit: Limit | undefined;
    for (const ref of world.upstreamRefs(dataset)) {
      const upstream = world.dataset(ref);
      if (!upstream) continue;
      if (world.organizationOf(upstream) !== organization) {
        limit = stricter(limit, edgeLimit(world, upstream, organization));
      }
      limit = stricter(limit, passedOn(upstream));
    }
    binding.set(dataset, limit);
  }

  const findings: GovernanceFinding[] = [];
  for (const dataset of world.datasets) {
    const strictest = binding.get(dataset);
    if (!strictest) continue;
    const self = world.refOf(dataset);
    const period = dataset.spec.retention?.period;
    const allows = `${world.label(
      strictest.agreement,
    )}, which covers ${world.label(strictest.upstream)}, allows ${
      strictest.period
    }`;
    let problem: string | undefined;
    if (!period) {
      problem = `declares no retention period, but ${allows}; set`;
    } else if (world.compareDurations(period, strictest.period) > 0) {
      problem = `keeps data for ${period}, but ${allows}; shorten`;
    }
    if (problem) {
      findings.push(
        finding(
          'retention',
          'error',
          [self, strictest.upstream, strictest.agreement],
          `${world.label(self)} ${problem} \`retention.period\` to ${
            strictest.period
          } or less.`,
        ),
      );
    }
  }
  return findings;
};

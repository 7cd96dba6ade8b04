import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';
import { EXPIRY_WARNING_DAYS, GovernanceWorld } from './world';

/**
 * Why `upstream` is not covered for a recipient in `organization`, or
 * undefined when an active agreement covers it. Shared by the catalog-wide
 * rule and the check at request time.
 */
export function coverageProblem(
  world: GovernanceWorld,
  upstream: DatasetEntityV1alpha1,
  organization: string,
): { message: string; agreements: string[] } | undefined {
  if (world.coveringAgreements(upstream, organization).length > 0)
    return undefined;
  const candidates = world.agreementsFor(upstream, organization);
  const them = world.label(world.refOf(upstream));
  const orgs = `${world.label(
    world.organizationOf(upstream),
  )} and ${world.label(organization)}`;
  if (candidates.length === 0) {
    return {
      agreements: [],
      message: `no agreement between ${orgs} lists ${them}; add an Agreement that names both organizations as parties and lists ${them} in \`spec.datasets\`.`,
    };
  }
  const states = candidates.map(a => {
    const status = world.agreementStatus(a);
    const when =
      status === 'expired'
        ? `expired after ${a.spec.effective.until}`
        : `in force only from ${a.spec.effective.from}`;
    return `${world.label(world.refOf(a))} ${when}`;
  });
  return {
    agreements: candidates.map(a => world.refOf(a)),
    message: `the only agreement${
      candidates.length > 1 ? 's' : ''
    } covering ${them} between ${orgs}: ${states.join(
      ', ',
    )}; renew it or stop using the data.`,
  };
}

/**
 * Rule 3: a dataset derived from another organization's data needs an active
 * agreement that covers that upstream and names both organizations; an
 * agreement that expires within 30 days is a warning.
 */
export const agreementCoverage: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const {
    dataset,
    organization,
    upstream,
  } of world.crossOrganizationEdges()) {
    const problem = coverageProblem(world, upstream, organization);
    if (problem) {
      const self = world.refOf(dataset);
      const ref = world.refOf(upstream);
      findings.push(
        finding(
          'agreement-coverage',
          'error',
          [self, ref, ...problem.agreements],
          `${world.label(self)} derives from ${world.label(
            ref,
          )} of another organization, but ${problem.message}`,
        ),
      );
    }
  }
  for (const agreement of world.agreements) {
    const daysLeft = world.daysLeft(agreement);
    if (
      world.agreementStatus(agreement) !== 'active' ||
      daysLeft === undefined ||
      daysLeft > EXPIRY_WARNING_DAYS
    ) {
      continue;
    }
    const self = world.refOf(agreement);
    const covered = (agreement.spec.datasets ?? []).map(d =>
      world.resolve(agreement, d, 'Dataset'),
    );
    findings.push(
      finding(
        'agreement-coverage',
        'warning',
        [self, ...covered],
        `${world.label(self)} expires on ${agreement.spec.effective.until} (${
          daysLeft === 0
            ? 'today'
            : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`
        }); renew it or plan for the data it covers to stop flowing.`,
      ),
    );
  }
  return findings;
};

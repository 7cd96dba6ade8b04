import { termsCoverage } from './coveredData';
import { finding, GovernanceRule } from './rule';
import { GovernanceFinding } from './types';

/**
 * With `terms.onwardTransfer: prohibited`, no covered data belongs to an
 * organization that is not a party. (Requesters of such an organization are
 * refused at request time; `with-approval` only asks for an extra approval
 * there, so neither it nor `allowed` is a catalog finding.)
 */
export const onwardTransfer: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const coverage of termsCoverage(world)) {
    if (coverage.agreement.spec.terms?.onwardTransfer !== 'prohibited') {
      continue;
    }
    const agreement = world.refOf(coverage.agreement);
    for (const [dataset, source] of coverage.covered) {
      if (coverage.belongsToParty(dataset)) continue;
      const organization = world.organizationOf(dataset);
      const self = world.refOf(dataset);
      const org = world.label(organization);
      const fix =
        source === dataset
          ? `make ${org} a party to ${world.label(
              agreement,
            )} or remove ${world.label(self)} from its \`spec.datasets\``
          : `stop deriving it from that data, derive it from an aggregated, de-identified dataset instead, or make ${org} a party to ${world.label(
              agreement,
            )}`;
      findings.push(
        finding(
          'onward-transfer',
          'error',
          [self, world.refOf(source), agreement, organization],
          `${coverage.describe(
            dataset,
            source,
          )}, which prohibits onward transfer, but belongs to ${org}, which is not a party; ${fix}.`,
        ),
      );
    }
  }
  return findings;
};

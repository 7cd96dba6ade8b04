import { termsCoverage } from './coveredData';
import { finding, GovernanceRule } from './rule';
import { GovernanceFinding } from './types';

/**
 * With `terms.deidentificationRequired: true`, every dataset of a recipient
 * organization derived from covered data has a dataset declaring
 * `sensitivity.deidentification` on each lineage path from the agreement's
 * dataset to it, itself included: the recipient never holds the provider's
 * data as it was shared.
 */
export const deidentificationRequired: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const coverage of termsCoverage(world)) {
    if (coverage.agreement.spec.terms?.deidentificationRequired !== true) {
      continue;
    }
    const agreement = world.refOf(coverage.agreement);
    // A path without de-identification stays within covered data, so these
    // are exactly the datasets the rule fails, with the provider's and the
    // listed ones (each its own source) left out.
    for (const [dataset, source] of coverage.undeidentified()) {
      if (source === dataset || !coverage.belongsToRecipient(dataset)) {
        continue;
      }
      const self = world.refOf(dataset);
      const from = world.refOf(source);
      const recipient = world.label(world.organizationOf(dataset));
      findings.push(
        finding(
          'deidentification-required',
          'error',
          [self, from, agreement],
          `${coverage.describe(
            dataset,
            source,
          )}, which requires ${recipient} to de-identify it, but no dataset from ${world.label(
            from,
          )} to ${world.label(
            self,
          )} declares \`sensitivity.deidentification\`; de-identify the data before ${recipient} uses it and declare the method in \`sensitivity.deidentification\`.`,
        ),
      );
    }
  }
  return findings;
};

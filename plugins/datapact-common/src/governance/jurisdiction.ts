import { termsCoverage } from './coveredData';
import { isWithinJurisdictions } from './regions';
import { finding, GovernanceRule } from './rule';
import { GovernanceFinding } from './types';

/**
 * With `terms.jurisdictions`, covered data declares
 * `spec.location.jurisdiction`, and it lies within one of them (`EU` and
 * `EEA` stand for their member states; see `isWithinJurisdictions`).
 */
export const jurisdiction: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const coverage of termsCoverage(world)) {
    const allowed = coverage.agreement.spec.terms?.jurisdictions ?? [];
    if (allowed.length === 0) continue;
    const agreement = world.refOf(coverage.agreement);
    const within = allowed.join(' or ');
    // Few places, many datasets: judge each place once per agreement.
    const places = new Map<string, boolean>();
    const isWithin = (location: string) => {
      let answer = places.get(location);
      if (answer === undefined) {
        answer = isWithinJurisdictions(location, allowed);
        places.set(location, answer);
      }
      return answer;
    };
    for (const [dataset, source] of coverage.covered) {
      const location = dataset.spec.location?.jurisdiction;
      if (location && isWithin(location)) continue;
      const self = world.label(world.refOf(dataset));
      const problem = location
        ? `${self} is located in ${location} (\`spec.location.jurisdiction\`); move the data within ${within} or ${
            source === dataset
              ? `stop sharing it under ${world.label(agreement)}`
              : 'stop using it'
          }`
        : `${self} declares no \`spec.location.jurisdiction\`; declare where the data is stored and processed`;
      findings.push(
        finding(
          'jurisdiction',
          'error',
          [world.refOf(dataset), world.refOf(source), agreement],
          `${coverage.describe(
            dataset,
            source,
          )}, which keeps the data within ${within}, but ${problem}.`,
        ),
      );
    }
  }
  return findings;
};

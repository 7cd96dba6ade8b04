import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { termsCoverage } from './coveredData';
import { finding, GovernanceRule } from './rule';
import { GovernanceFinding } from './types';
import {
  commercialUseGrantedBy,
  isCommercialPurpose,
  profileOf,
} from './usage';

/**
 * The `derivedWorks.commercialization` values that forbid commercial use of
 * derived works: `none`, as DESIGN.md names it, and `prohibited`, which
 * agreements written before the rule used for the same promise.
 */
const NO_COMMERCIALIZATION = ['none', 'prohibited'];

/**
 * With `derivedWorks.commercialization: none`, no covered dataset derived
 * from the agreement's datasets carries a licence that permits commercial
 * use or allows a commercial purpose. The datasets the agreement lists are
 * exempt: they are the provider's own.
 */
export const derivedWorks: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  // A dataset is often covered by several agreements: judge its licence once.
  const grants = new Map<DatasetEntityV1alpha1, string[]>();
  const grantedBy = (dataset: DatasetEntityV1alpha1) => {
    let reasons = grants.get(dataset);
    if (!reasons) {
      reasons = commercialUseGrantedBy(dataset);
      grants.set(dataset, reasons);
    }
    return reasons;
  };
  for (const coverage of termsCoverage(world)) {
    const commercialization =
      coverage.agreement.spec.terms?.derivedWorks?.commercialization;
    if (
      !commercialization ||
      !NO_COMMERCIALIZATION.includes(commercialization)
    ) {
      continue;
    }
    const agreement = world.refOf(coverage.agreement);
    for (const [dataset, source] of coverage.covered) {
      if (source === dataset) continue;
      const reasons = grantedBy(dataset);
      if (reasons.length === 0) continue;
      const fixes: string[] = [];
      const profile = profileOf(dataset);
      if (profile && !profile.nonCommercial) {
        fixes.push('license it for non-commercial use only');
      }
      if (
        (dataset.spec.access?.allowedPurposes ?? []).some(isCommercialPurpose)
      ) {
        fixes.push(
          'remove the commercial purposes from `access.allowedPurposes`',
        );
      }
      findings.push(
        finding(
          'derived-works',
          'error',
          [world.refOf(dataset), world.refOf(source), agreement],
          `${coverage.describe(
            dataset,
            source,
          )}, which allows no commercialization of derived works, but ${reasons.join(
            ' and ',
          )}; ${fixes.join(' and ')}.`,
        ),
      );
    }
  }
  return findings;
};

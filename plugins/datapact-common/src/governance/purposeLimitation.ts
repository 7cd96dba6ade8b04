import { AgreementEntityV1alpha1 } from '../kinds/Agreement.v1alpha1';
import { GovernanceFinding } from './types';
import { finding, GovernanceRule } from './rule';

/** Whether an agreement allows a purpose (an agreement without purposes restricts none). */
export function agreementAllowsPurpose(
  agreement: AgreementEntityV1alpha1,
  purpose: string,
): boolean {
  const purposes = agreement.spec.purposes;
  return !purposes || purposes.length === 0 || purposes.includes(purpose);
}

/**
 * Rule 4 over the catalog: a dataset derived from another organization's
 * data may only be offered for purposes that an agreement covering that data
 * allows. (At request time, `checkAccessRequest` applies the rule to the
 * requested purpose.)
 */
export const purposeLimitation: GovernanceRule = world => {
  const findings: GovernanceFinding[] = [];
  for (const {
    dataset,
    organization,
    upstream,
  } of world.crossOrganizationEdges()) {
    const offered = dataset.spec.access?.allowedPurposes ?? [];
    const covering = world.coveringAgreements(upstream, organization);
    // Without a covering agreement, agreement-coverage reports the edge.
    const refused = offered.filter(
      purpose => !covering.some(a => agreementAllowsPurpose(a, purpose)),
    );
    if (covering.length === 0 || refused.length === 0) continue;
    const self = world.refOf(dataset);
    const ref = world.refOf(upstream);
    const agreements = covering.map(a => world.refOf(a));
    findings.push(
      finding(
        'purpose-limitation',
        'error',
        [self, ref, ...agreements],
        `${world.label(self)} may be requested for ${refused
          .map(p => `\`${p}\``)
          .join(', ')}, which ${agreements
          .map(a => world.label(a))
          .join(' and ')} covering ${world.label(ref)} do${
          agreements.length === 1 ? 'es' : ''
        } not allow; remove ${
          refused.length === 1 ? 'that purpose' : 'those purposes'
        } from \`access.allowedPurposes\`.`,
      ),
    );
  }
  return findings;
};

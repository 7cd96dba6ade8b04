import { isAgreementEntity } from '../kinds/Agreement.v1alpha1';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { coverageProblem } from './agreementCoverage';
import { agreementAllowsPurpose } from './purposeLimitation';
import { finding } from './rule';
import { GovernanceFinding } from './types';
import { GovernanceWorld } from './world';

/**
 * An access request as the rules see it.
 * @public
 */
export interface AccessRequestCheck {
  /** The requested dataset's ref. */
  dataset: string;
  purpose: string;
  /** The agreement the request relies on, if any. */
  agreement?: string;
  /** The organization (Group ref) the requester acts for. */
  requesterOrganization: string;
}

/**
 * Rules 3 and 4 at request time: the purpose must be allowed by the dataset
 * and by the agreement used; a request for another organization's data needs
 * an active agreement that covers the dataset for the requester's
 * organization. Returns the findings that refuse the request (none: allowed).
 * @public
 */
export function checkAccessRequest(
  world: GovernanceWorld,
  request: AccessRequestCheck,
): GovernanceFinding[] {
  const dataset: DatasetEntityV1alpha1 | undefined = world.dataset(
    request.dataset,
  );
  if (!dataset) {
    return [
      finding(
        'lineage-integrity',
        'error',
        [request.dataset],
        `${world.label(request.dataset)} does not exist in the catalog.`,
      ),
    ];
  }
  const self = world.refOf(dataset);
  const findings: GovernanceFinding[] = [];
  const allowed = dataset.spec.access?.allowedPurposes;
  if (allowed && allowed.length > 0 && !allowed.includes(request.purpose)) {
    findings.push(
      finding(
        'purpose-limitation',
        'error',
        [self],
        `${world.label(self)} may only be requested for ${allowed
          .map(p => `\`${p}\``)
          .join(', ')}, not \`${request.purpose}\`.`,
      ),
    );
  }

  const agreementEntity = request.agreement
    ? world.entity(request.agreement)
    : undefined;
  if (
    request.agreement &&
    (!agreementEntity || !isAgreementEntity(agreementEntity))
  ) {
    findings.push(
      finding(
        'agreement-coverage',
        'error',
        [self, request.agreement],
        `${world.label(request.agreement)} is not an agreement in the catalog.`,
      ),
    );
    return findings;
  }
  const agreement =
    agreementEntity && isAgreementEntity(agreementEntity)
      ? agreementEntity
      : undefined;

  const foreign =
    world.organizationOf(dataset) !== request.requesterOrganization;
  if (foreign) {
    const covering = world.coveringAgreements(
      dataset,
      request.requesterOrganization,
    );
    if (!agreement) {
      const problem = coverageProblem(
        world,
        dataset,
        request.requesterOrganization,
      );
      findings.push(
        finding(
          'agreement-coverage',
          'error',
          [self, ...covering.map(a => world.refOf(a))],
          problem
            ? `${world.label(self)} belongs to another organization and ${
                problem.message
              }`
            : `${world.label(
                self,
              )} belongs to another organization: name the agreement the request relies on (${covering
                .map(a => world.label(world.refOf(a)))
                .join(' or ')}).`,
        ),
      );
    } else if (!covering.includes(agreement)) {
      const ref = world.refOf(agreement);
      const status = world.agreementStatus(agreement);
      findings.push(
        finding(
          'agreement-coverage',
          'error',
          [self, ref],
          status !== 'active'
            ? `${world.label(ref)} is ${
                status === 'expired'
                  ? `expired (it ended ${agreement.spec.effective.until})`
                  : `not yet in force (it starts ${agreement.spec.effective.from})`
              }; a request needs an active agreement.`
            : `${world.label(ref)} does not cover ${world.label(
                self,
              )} for ${world.label(
                request.requesterOrganization,
              )}: it must list the dataset and name both organizations as parties.`,
        ),
      );
    }
  }
  if (agreement && !agreementAllowsPurpose(agreement, request.purpose)) {
    const ref = world.refOf(agreement);
    findings.push(
      finding(
        'purpose-limitation',
        'error',
        [self, ref],
        `${world.label(ref)} allows ${agreement.spec
          .purposes!.map(p => `\`${p}\``)
          .join(', ')}, not \`${request.purpose}\`.`,
      ),
    );
  }
  return findings;
}

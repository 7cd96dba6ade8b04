import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import type { AccessBasisProblem } from './accessBasis';
import { termsCoverage } from './coveredData';
import { finding, GovernanceRule } from './rule';
import { GovernanceFinding } from './types';
import { GovernanceWorld } from './world';

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

/**
 * An agreement in force whose `with-approval` onward transfer a request by a
 * non-party organization needs: a steward of the agreement must approve,
 * preferably one of a provider's.
 * @public
 */
export interface TransferApproval {
  agreement: string;
  /** The parties with the role `provider`, as their organizations. */
  providers: string[];
  /** The agreement's `stewards`, resolved, in declared order. */
  stewards: string[];
}

/**
 * What the onward-transfer terms ask of a request for `dataset` made for
 * `organization`: for each agreement in force whose covered data the dataset
 * is, held by a recipient (or a non-party), and of which the organization is
 * not a party, a refusal when it prohibits onward transfer, an extra
 * approval when it allows it with approval. A provider's own datasets are
 * not judged: they were not received under the agreement.
 * @public
 */
export function onwardTransferOfRequest(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  organization: string,
): { refusals: AccessBasisProblem[]; approvals: TransferApproval[] } {
  const refusals: AccessBasisProblem[] = [];
  const approvals: TransferApproval[] = [];
  for (const coverage of termsCoverage(world)) {
    const term = coverage.agreement.spec.terms?.onwardTransfer;
    if (term !== 'prohibited' && term !== 'with-approval') continue;
    const source = coverage.covered.sourceOf(dataset);
    if (!source || coverage.isParty(organization)) continue;
    // A provider's own data, listed or derived, is not received under the
    // agreement: the provider may give it to others under other agreements.
    // The terms bind data a recipient (or, already in breach, a non-party)
    // holds.
    if (
      coverage.belongsToParty(dataset) &&
      !coverage.belongsToRecipient(dataset)
    ) {
      continue;
    }
    const agreement = world.refOf(coverage.agreement);
    if (term === 'prohibited') {
      refusals.push({
        rule: 'onward-transfer',
        cause: 'agreement',
        entities: [
          world.refOf(dataset),
          world.refOf(source),
          agreement,
          organization,
        ],
        message: `${coverage.describe(
          dataset,
          source,
        )}, which prohibits onward transfer, and ${world.label(
          organization,
        )}, for which access is asked, is not a party: it may not be given the data.`,
      });
    } else {
      approvals.push({
        agreement,
        providers: coverage.agreement.spec.parties
          .filter(p => p.role === 'provider')
          .map(p =>
            world.organizationOfGroup(
              world.resolve(coverage.agreement, p.party, 'Group'),
            ),
          ),
        stewards: (coverage.agreement.spec.stewards ?? []).map(s =>
          world.resolve(coverage.agreement, s, 'Steward'),
        ),
      });
    }
  }
  return { refusals, approvals };
}

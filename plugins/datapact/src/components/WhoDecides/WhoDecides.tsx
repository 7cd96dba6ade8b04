import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { AccessEligibility } from '@datapact/backstage-plugin-common';
import { plural } from '../../lib/words';

/**
 * Who would decide the viewer's request, as the server says: the approver
 * stewardships, how many must approve, and the stewardships that must
 * approve besides (a community that requires consent, or an agreement's
 * steward when the data would pass to an organization that is not a party).
 */
export function WhoDecides(props: {
  eligibility: Pick<
    AccessEligibility,
    'approvers' | 'approvalsRequired' | 'requiredStewardships'
  >;
}) {
  const { approvers, approvalsRequired, requiredStewardships } =
    props.eligibility;
  return (
    <>
      <Typography variant="body2" data-testid="approvers">
        {approvers.length ? (
          <>
            Decided by{' '}
            <EntityRefLinks entityRefs={approvers} defaultKind="Steward" /> (or
            their delegates):{' '}
          </>
        ) : (
          'No approver could decide your request. '
        )}
        <strong>
          {plural(approvalsRequired, 'approval')} needed
          {approvalsRequired > 1 ? ' from different approvers' : ''}
        </strong>
        .
      </Typography>
      {requiredStewardships.length > 0 && (
        <Typography
          variant="body2"
          data-testid="required-stewardships"
          style={{ marginTop: 4 }}
        >
          <EntityRefLinks
            entityRefs={requiredStewardships}
            defaultKind="Steward"
          />{' '}
          must also approve, besides the approvers: a community's consent or an
          agreement's terms require their approval.
        </Typography>
      )}
    </>
  );
}

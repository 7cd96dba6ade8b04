import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { Grant } from '@datapact/backstage-plugin-common';
import { grantEndCauseWords } from '../../lib/grants';

/**
 * What bounds or ended a grant, under its state: the agreement it ends with,
 * the lifecycle sweep's cause and sentence, or the approver's reason.
 */
export function GrantEnding(props: { grant: Grant }) {
  const { grant } = props;
  return (
    <>
      {grant.revokeCause ? (
        <Typography
          variant="caption"
          display="block"
          data-testid="grant-end-cause"
        >
          Ended by the lifecycle sweep: {grantEndCauseWords(grant.revokeCause)}.
          {grant.revokeReason ? ` ${grant.revokeReason}` : ''}
        </Typography>
      ) : (
        grant.revokeReason && (
          <Typography variant="caption" display="block">
            {grant.revokeReason}
          </Typography>
        )
      )}
      {grant.state === 'active' &&
        grant.expiresBecause === 'agreement' &&
        grant.expiresAgreement && (
          <Typography variant="caption" display="block" color="textSecondary">
            ends with agreement{' '}
            <EntityRefLink
              entityRef={grant.expiresAgreement}
              defaultKind="Agreement"
              hideIcon
            />
          </Typography>
        )}
    </>
  );
}

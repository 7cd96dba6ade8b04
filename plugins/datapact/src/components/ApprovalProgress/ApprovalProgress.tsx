import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ApprovalStatus } from '@datapact/backstage-plugin-common';
import { plural } from '../../lib/words';

/**
 * Which stewardships have approved a pending request (and who approved for
 * each), how many more approvals it needs and from whom, and which
 * stewardships must approve besides: the server's approval status.
 */
export function ApprovalProgress(props: { status: ApprovalStatus }) {
  const { approved, stillNeeded, stillRequired, eligible, approvalsRequired } =
    props.status;
  const approvedRefs = new Set(approved.map(a => a.stewardship));
  const others = eligible.filter(e => !approvedRefs.has(e));
  return (
    <div data-testid="approval-progress">
      <Typography variant="body2">
        {approved.length} of {approvalsRequired}
      </Typography>
      {approved.map(a => (
        <Typography
          key={a.stewardship}
          variant="caption"
          display="block"
          color="textSecondary"
        >
          ✓ <EntityRefLink entityRef={a.stewardship} hideIcon /> approved (by{' '}
          <EntityRefLink entityRef={a.approver} defaultKind="User" hideIcon />
          {a.delegate && (
            <>
              {' '}
              as delegate <EntityRefLink entityRef={a.delegate} hideIcon />
            </>
          )}
          )
        </Typography>
      ))}
      {stillNeeded > 0 && (
        <Typography variant="caption" display="block">
          Still needed: {plural(stillNeeded, 'approval')}
          {others.length > 0 && (
            <>
              {' '}
              from <EntityRefLinks entityRefs={others} hideIcons />
            </>
          )}
        </Typography>
      )}
      {stillRequired.length > 0 && (
        <Typography variant="caption" display="block">
          Must also approve:{' '}
          <EntityRefLinks entityRefs={stillRequired} hideIcons />
        </Typography>
      )}
    </div>
  );
}

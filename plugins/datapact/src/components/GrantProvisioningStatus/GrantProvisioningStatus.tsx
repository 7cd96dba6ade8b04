import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ComponentType, PropsWithChildren } from 'react';
import { Grant } from '@datapact/backstage-plugin-common';
import { ProvisioningStatus, provisioningView } from '../../lib/provisioning';

const STATUS_LINE: Record<
  ProvisioningStatus,
  ComponentType<PropsWithChildren<{}>>
> = {
  ready: StatusOK,
  pending: StatusPending,
  failed: StatusError,
  'not-applicable': StatusAborted,
};

/**
 * Where a grant's privilege stands in the data platforms, a status line per
 * sentence (one per failing provisioner); nothing when the server reports no
 * provisioning.
 */
export function GrantProvisioningStatus(props: { grant: Grant }) {
  const view = provisioningView(props.grant.provisioning);
  if (!view) return null;
  const StatusLine = STATUS_LINE[view.status];
  return (
    <>
      {view.lines.map(line => (
        <Typography
          key={line}
          variant="caption"
          display="block"
          data-testid="grant-provisioning"
        >
          <StatusLine>{line}</StatusLine>
        </Typography>
      ))}
    </>
  );
}

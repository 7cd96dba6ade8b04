import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  AccessRequestState,
  GrantState,
} from '@datapact/backstage-plugin-common';

/** The state of an access request or of a grant, as a status line. */
export function RequestStateChip(props: {
  state: AccessRequestState | GrantState;
}) {
  const { state } = props;
  switch (state) {
    case 'pending':
      return <StatusPending>pending</StatusPending>;
    case 'approved':
      return <StatusOK>approved</StatusOK>;
    case 'active':
      return <StatusOK>active</StatusOK>;
    case 'denied':
      return <StatusError>denied</StatusError>;
    case 'revoked':
      return <StatusError>revoked</StatusError>;
    case 'cancelled':
      return <StatusAborted>cancelled</StatusAborted>;
    default:
      return <StatusWarning>{state}</StatusWarning>;
  }
}

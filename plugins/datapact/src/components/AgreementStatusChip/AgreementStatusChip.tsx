import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  AgreementStatus,
  EXPIRY_WARNING_DAYS,
} from '@datapact/backstage-plugin-common';
import { plural } from '../../lib/words';

/**
 * An agreement's status (draft, active, expired) with its countdown: days
 * until it ends, or since it ended.
 */
export function AgreementStatusChip(props: {
  status: AgreementStatus;
  daysLeft?: number;
  from: string;
}) {
  const { status, daysLeft, from } = props;
  if (status === 'draft') {
    return <StatusPending>draft, in force from {from}</StatusPending>;
  }
  if (status === 'expired') {
    return (
      <StatusError>
        expired
        {daysLeft !== undefined && ` ${plural(-daysLeft, 'day')} ago`}
      </StatusError>
    );
  }
  if (daysLeft === undefined) {
    return <StatusOK>active, no end date</StatusOK>;
  }
  const text = `active, ${
    daysLeft === 0 ? 'last day today' : `${plural(daysLeft, 'day')} left`
  }`;
  return daysLeft <= EXPIRY_WARNING_DAYS ? (
    <StatusWarning>{text}</StatusWarning>
  ) : (
    <StatusOK>{text}</StatusOK>
  );
}

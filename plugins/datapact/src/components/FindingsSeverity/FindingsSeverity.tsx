import { StatusError, StatusWarning } from '@backstage/core-components';
import { FindingSeverity } from '@datapact/backstage-plugin-common';

/** A finding's severity: a breach of a rule (error) or advice (warning). */
export function FindingsSeverity(props: { severity: FindingSeverity }) {
  return props.severity === 'error' ? (
    <StatusError>error</StatusError>
  ) : (
    <StatusWarning>warning</StatusWarning>
  );
}

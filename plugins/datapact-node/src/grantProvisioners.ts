import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Grant } from '@datapact/backstage-plugin-common';

/**
 * Makes Datapact's grants take real effect in a data platform: creates a role
 * binding, a share or a bucket policy when access is granted, and removes it
 * when the grant expires or is revoked.
 *
 * Calling semantics, the same for all three methods:
 * - Called after the transaction that changed the grant has committed, so a
 *   provisioner never sees a change that did not happen.
 * - Provisioners run one after another, in the order they were added.
 * - A provisioner that throws (or rejects) is logged and an audit entry
 *   `grant.provisioning-failed` names it, the grant and the error; the
 *   decision, expiry or revocation stands and the next provisioner still runs.
 * - Datapact does not retry. Make provisioners idempotent and retry inside
 *   them where the platform is flaky; operators find failures in the audit log.
 * - `onExpiry` is called once, by the scheduled sweep (on one replica) shortly
 *   after `expiresAt`; grants are reported expired from `expiresAt` on even if
 *   the sweep has not run yet.
 *
 * @public
 */
export interface GrantProvisioner {
  /** A short name for logs and audit entries, e.g. `snowflake`. */
  readonly name: string;
  /** The grant was created: an approved request. */
  onGrant(grant: Grant): Promise<void>;
  /** The grant reached its `expiresAt`. */
  onExpiry(grant: Grant): Promise<void>;
  /** An approver revoked the grant (`grant.revokedBy`, `grant.revokeReason`). */
  onRevoke(grant: Grant): Promise<void>;
}

/**
 * Lets backend modules add grant provisioners to the Datapact backend.
 * @public
 */
export interface DatapactGrantProvisionersExtensionPoint {
  addGrantProvisioner(...provisioners: GrantProvisioner[]): void;
}

/**
 * Extension point for grant provisioners; see {@link GrantProvisioner} for
 * when they are called and what happens when they fail.
 * @public
 */
export const datapactGrantProvisionersExtensionPoint =
  createExtensionPoint<DatapactGrantProvisionersExtensionPoint>({
    id: 'datapact.grant-provisioners',
  });

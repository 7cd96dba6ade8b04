import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { Grant } from '@datapact/backstage-plugin-common';

/**
 * What a provisioner is given to open or take back one grant: the grant,
 * and the Dataset and User entities as the catalog holds them now (missing
 * when the catalog no longer has them).
 * @public
 */
export interface ProvisioningInput {
  grant: Grant;
  dataset?: Entity;
  user?: Entity;
  /**
   * For `revoke`: where this provisioner's `grant` step said it opened the
   * privilege (its `placement`), so that it is taken back from there even
   * when the catalog has changed since (an annotation removed, a user gone).
   */
  placement?: JsonObject;
}

/**
 * How a provisioning step ended: `done`, or `not-applicable` when the
 * provisioner does not manage this dataset or user (for example a dataset
 * without its table annotation), with the reason shown on the grant.
 * Throwing means the step failed; Datapact retries it.
 * @public
 */
export type ProvisioningOutcome =
  | {
      status: 'done';
      detail?: string;
      /**
       * For `grant`: where the privilege now lives (target, object,
       * principal), in the provisioner's own terms. Datapact keeps it and
       * hands it back to `revoke`, and compares grants by it: two grants
       * with the same placement share one privilege.
       */
      placement?: JsonObject;
    }
  | { status: 'not-applicable'; reason: string };

/**
 * A privilege a target really holds on a dataset a provisioner manages, as
 * `inspect` reports it for reconciliation.
 * @public
 */
export interface ObservedPrivilege {
  /** The dataset ref the privilege is on. */
  dataset: string;
  /** The principal on the target (a role name, a service account). */
  principal: string;
  /** The user ref the principal stands for, when the provisioner knows it. */
  user?: string;
  /** A readable description: target, object and privilege. */
  description: string;
  /** When the privilege covers only some columns of the dataset, which. */
  columns?: string[];
}

/**
 * What `inspect` found: the privileges held, and the datasets it could not
 * inspect (an unreachable target), about which it says nothing.
 * @public
 */
export interface InspectResult {
  privileges: ObservedPrivilege[];
  /** Dataset refs whose target could not be inspected. */
  notInspected?: string[];
}

/**
 * What reconciliation asks a provisioner about: the datasets and users the
 * catalog holds.
 * @public
 */
export interface InspectInput {
  datasets: Entity[];
  users: Entity[];
}

/**
 * Turns Datapact's grants into real privileges in a data platform and takes
 * them back.
 *
 * Calling semantics:
 * - Every grant, revoke and expiry writes one durable job per provisioner in
 *   the same transaction as the change; a worker runs the jobs after the
 *   commit, on any replica, with retries and exponential backoff, until they
 *   succeed. A crash or an unreachable target delays a step, never loses it.
 * - `grant` and `revoke` must be idempotent: a step may run more than once
 *   (a worker that died after the step but before recording it).
 * - The steps of one grant run one at a time, in the order they were
 *   written; a grant step still waiting when its revoke is written is
 *   skipped.
 * - `inspect` (optional) reports the privileges the target really holds on
 *   the datasets this provisioner manages, so that reconciliation can report
 *   drift (finding rule `provisioning-drift`); `revokePrivilege` (optional)
 *   takes back one of them when reconciliation is set to `enforce`.
 *
 * @public
 */
export interface GrantProvisioner {
  /** A short name for logs, audit entries and the grant's provisioning state, e.g. `postgres`. */
  readonly name: string;
  /** Opens the privilege the grant gives. */
  grant(input: ProvisioningInput): Promise<ProvisioningOutcome>;
  /** Takes it back (the grant was revoked, ended by the sweep, or expired). */
  revoke(input: ProvisioningInput): Promise<ProvisioningOutcome>;
  /** The privileges the target holds on the datasets it manages. */
  inspect?(input: InspectInput): Promise<InspectResult>;
  /** Takes back a privilege that no grant explains. */
  revokePrivilege?(privilege: ObservedPrivilege): Promise<void>;
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

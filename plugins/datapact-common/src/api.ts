import { JsonObject } from '@backstage/types';
import { components, operations } from './schema/openapi.generated';

/*
 * The request and response types of the Datapact backend's HTTP API
 * (`/api/datapact`), shared by the backend, the frontend and scripts. Times
 * are ISO 8601 UTC strings; entity refs are `kind:namespace/name`.
 *
 * They are the types generated from the backend's openapi.yaml
 * (schema/openapi.generated.ts, `yarn openapi:generate`) under their own
 * names; the few written here by hand are checked against the generated ones
 * in schema/contract.ts. Field documentation lives in openapi.yaml.
 */

/**
 * `pending` until decided; then `approved` (with a grant), `denied`,
 * `cancelled` by the requester, or `expired` when nobody decided in time.
 * @public
 */
export type AccessRequestState = components['schemas']['AccessRequestState'];

/** @public */
export const ACCESS_REQUEST_STATES: readonly AccessRequestState[] = [
  'pending',
  'approved',
  'denied',
  'cancelled',
  'expired',
];

/** @public */
export type DecisionKind = components['schemas']['DecisionKind'];

/**
 * One approver's decision on a request.
 * @public
 */
export type Decision = components['schemas']['Decision'];

/**
 * `active` until `expiresAt` or revocation; computed when read, so an expired
 * grant is never reported active.
 * @public
 */
export type GrantState = components['schemas']['GrantState'];

/**
 * Which bound set a grant's `expiresAt`: the requested duration from the
 * decision, or the last day of an agreement the grant relies on.
 * @public
 */
export type ExpiryBound = components['schemas']['ExpiryBound'];

/**
 * Why the lifecycle sweep ended a grant before its time:
 * - `agreement`: the agreement it relies on expired, was removed or no
 *   longer covers the dataset and both organizations;
 * - `dataset-removed`, `not-requestable`, `tier-raised`: the dataset changed;
 * - `organization`: the holder no longer belongs to the organization the
 *   request was made for;
 * - `purpose`: the purpose is no longer allowed;
 * - `community-veto`: a community veto now forbids the purpose.
 * @public
 */
export type GrantEndCause = components['schemas']['GrantEndCause'];

/**
 * When access would end if granted now, and why.
 * @public
 */
export type ExpiryPreview = components['schemas']['ExpiryPreview'];

/**
 * Access to a dataset that an approved request gave a user.
 * @public
 */
export type Grant = components['schemas']['Grant'];

/**
 * One provisioning step of a grant: what a provisioner did, or is still
 * trying, to open (`grant`) or take back (`revoke`) the privilege.
 * @public
 */
export type ProvisioningStep = components['schemas']['ProvisioningStep'];

/**
 * Where a grant's privilege stands in the data platforms: the steps of its
 * latest action (`grant` while active, `revoke` once it ended).
 * @public
 */
export type GrantProvisioning = components['schemas']['GrantProvisioning'];

/**
 * An access request with its decisions and, once approved, its grant.
 * @public
 */
export type AccessRequest = components['schemas']['AccessRequest'];

/**
 * Body of `POST /access-requests`.
 * @public
 */
export type CreateAccessRequest = components['schemas']['CreateAccessRequest'];

/**
 * One term a requester accepts: a duty or prohibition of the dataset's
 * licence, a term of an agreement that binds the data, or a community's
 * label, veto or consent; in plain words.
 * @public
 */
export type AccessTerm = components['schemas']['AccessTerm'];

/**
 * Answer of `GET /access-requests/terms`: what binds whoever is given the
 * dataset (for the agreement named), and the `sha256` a request carries as
 * `acceptedTerms`.
 * @public
 */
export type AccessTerms = components['schemas']['AccessTerms'];

/**
 * A reason the rules refuse access, as the API reports it (the `rule` and
 * `message` of the governance finding behind it).
 * @public
 */
export type AccessRefusal = components['schemas']['AccessRefusal'];

/**
 * Answer of `GET /access-requests/eligibility`: whether the caller may
 * request the dataset now (for the purpose, duration and agreement given),
 * and what a request would need. The portal shows this; it never recomputes it.
 * @public
 */
export type AccessEligibility = components['schemas']['AccessEligibility'];

/**
 * Answer of `GET /access-requests/{id}/approvals`: which stewardships have
 * approved, which are still needed, and whether the caller's approval would
 * be accepted now.
 * @public
 */
export type ApprovalStatus = components['schemas']['ApprovalStatus'];

/**
 * Body of `POST /access-requests/{id}/decisions`.
 * @public
 */
export type DecideAccessRequest = components['schemas']['DecideAccessRequest'];

/**
 * Body of `POST /access-requests/{id}/cancel`.
 * @public
 */
export type CancelAccessRequest = components['schemas']['CancelAccessRequest'];

/**
 * Body of `POST /grants/{id}/revoke`.
 * @public
 */
export type RevokeGrant = components['schemas']['RevokeGrant'];

/**
 * Query of `GET /access-requests`.
 * @public
 */
export type ListAccessRequestsQuery = NonNullable<
  operations['listAccessRequests']['parameters']['query']
>;

/**
 * Query of `GET /grants`.
 * @public
 */
export type ListGrantsQuery = NonNullable<
  operations['listGrants']['parameters']['query']
>;

/**
 * Query of `GET /audit`.
 * @public
 */
export type ListAuditQuery = NonNullable<
  operations['listAudit']['parameters']['query']
>;

/**
 * One entry of the append-only, hash-chained audit log.
 * @public
 */
export type AuditEntry = Omit<
  components['schemas']['AuditEntry'],
  'details'
> & {
  details: JsonObject;
};

/**
 * Answer of `GET /audit/verify`.
 * @public
 */
export type AuditVerification = components['schemas']['AuditVerification'];

/**
 * The audit chain's head at a moment: what a checkpoint signs.
 * @public
 */
export type AuditCheckpoint = components['schemas']['AuditCheckpoint'];

/**
 * A checkpoint signed with Ed25519 over `{"seq":…,"hash":"…","at":"…"}`.
 * @public
 */
export type SignedAuditCheckpoint =
  components['schemas']['SignedAuditCheckpoint'];

/**
 * A grant whose row disagrees with its audit entries. `row` and `chain` (the
 * two values) are shown to auditors only.
 * @public
 */
export type GrantDisagreement = components['schemas']['GrantDisagreement'];

/**
 * A page of a list; pass `nextCursor` as `cursor` for the next one.
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A governance finding as `GET /findings` serves it: the problem shape of
 * `datapact check --format json`, with the organization it concerns.
 * @public
 */
export type ReportedFinding = components['schemas']['Finding'];

/**
 * Answer of `GET /findings`: the latest evaluation of the rules over the catalog.
 * @public
 */
export type FindingsReport = components['schemas']['FindingsReport'];

/**
 * Answer of `GET /findings/summary`: counts per severity, and per severity
 * within each rule id and each organization (`unknown` when a finding has none).
 * @public
 */
export type FindingsSummary = components['schemas']['FindingsSummary'];

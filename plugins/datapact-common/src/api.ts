import { JsonObject } from '@backstage/types';
import { GovernanceFinding } from './governance/types';

/*
 * The request and response types of the Datapact backend's HTTP API
 * (`/api/datapact`), shared by the backend, the frontend and scripts. Times
 * are ISO 8601 UTC strings; entity refs are `kind:namespace/name`.
 */

/**
 * `pending` until decided; then `approved` (with a grant), `denied`,
 * `cancelled` by the requester, or `expired` when nobody decided in time.
 * @public
 */
export type AccessRequestState =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'cancelled'
  | 'expired';

/** @public */
export const ACCESS_REQUEST_STATES: readonly AccessRequestState[] = [
  'pending',
  'approved',
  'denied',
  'cancelled',
  'expired',
];

/** @public */
export type DecisionKind = 'approve' | 'deny';

/**
 * One approver's decision on a request.
 * @public
 */
export interface Decision {
  /** The user who decided. */
  approver: string;
  /** The approver Steward of the dataset the user decided for. */
  onBehalfOf: string;
  /** The user's own Steward when they decided as a delegate of `onBehalfOf`. */
  delegate?: string;
  decision: DecisionKind;
  /**
   * The stewardship this approval counts for: `onBehalfOf`, unless that
   * stewardship had already approved (then the approval is recorded but does
   * not count). Absent on denials.
   */
  countsFor?: string;
  comment?: string;
  decidedAt: string;
}

/**
 * `active` until `expiresAt` or revocation; computed when read, so an expired
 * grant is never reported active.
 * @public
 */
export type GrantState = 'active' | 'expired' | 'revoked';

/**
 * Which bound set a grant's `expiresAt`: the requested duration from the
 * decision, or the last day of an agreement the grant relies on.
 * @public
 */
export type ExpiryBound = 'duration' | 'agreement';

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
export type GrantEndCause =
  | 'agreement'
  | 'dataset-removed'
  | 'not-requestable'
  | 'tier-raised'
  | 'organization'
  | 'purpose'
  | 'community-veto';

/**
 * When access would end if granted now, and why.
 * @public
 */
export interface ExpiryPreview {
  expiresAt: string;
  expiresBecause: ExpiryBound;
  /** The agreement whose last day bounds it, when `expiresBecause` is `agreement`. */
  agreement?: string;
}

/**
 * Access to a dataset that an approved request gave a user.
 * @public
 */
export interface Grant {
  id: string;
  requestId: string;
  dataset: string;
  user: string;
  purpose: string;
  grantedAt: string;
  expiresAt: string;
  /** Which bound set `expiresAt`. */
  expiresBecause: ExpiryBound;
  /** The agreement whose last day set `expiresAt`, when `expiresBecause` is `agreement`. */
  expiresAgreement?: string;
  state: GrantState;
  revokedAt?: string;
  /** The approver who revoked it, or `plugin:datapact` when the lifecycle sweep ended it. */
  revokedBy?: string;
  /** The approver's reason, or the sweep's sentence. */
  revokeReason?: string;
  /** Set when the lifecycle sweep ended the grant: why. */
  revokeCause?: GrantEndCause /** Where its privilege stands in the data platforms (absent without provisioners). */;
  provisioning?: GrantProvisioning;
}

/**
 * One provisioning step of a grant: what a provisioner did, or is still
 * trying, to open (`grant`) or take back (`revoke`) the privilege.
 * @public
 */
export interface ProvisioningStep {
  provisioner: string;
  action: 'grant' | 'revoke';
  /**
   * `pending` (not run yet), `done`, `not-applicable` (the provisioner does
   * not manage this dataset), `failed` (the last attempt failed; retried at
   * `nextAttemptAt`) or `skipped` (a grant step overtaken by its revoke).
   */
  state: 'pending' | 'done' | 'not-applicable' | 'failed' | 'skipped';
  attempts: number;
  lastError?: string;
  /** What the provisioner reported, or why it did not apply. */
  detail?: string;
  nextAttemptAt?: string;
  updatedAt: string;
}

/**
 * Where a grant's privilege stands in the data platforms: the steps of its
 * latest action (`grant` while active, `revoke` once it ended).
 * @public
 */
export interface GrantProvisioning {
  action: 'grant' | 'revoke';
  /** `done` when every step is done (or does not apply), `failed` when one failed, `pending` otherwise. */
  state: 'pending' | 'done' | 'failed';
  steps: ProvisioningStep[];
}

/**
 * An access request with its decisions and, once approved, its grant.
 * @public
 */
export interface AccessRequest {
  id: string;
  dataset: string;
  requester: string;
  /** The organization (Group ref) the requester acts for. */
  organization: string;
  purpose: string;
  justification: string;
  /** ISO 8601 duration of the grant asked for. */
  duration: string;
  agreement?: string;
  state: AccessRequestState;
  /** The dataset's sensitivity tier when the request was made. */
  tier: string;
  /** How many distinct stewardships among the dataset's approvers must approve. */
  approvalsRequired: number;
  /**
   * Stewardships that must approve besides (e.g. a community's steward when
   * the community requires consent, an agreement's steward for onward
   * transfer with approval), whether or not they are approvers.
   */
  requiredStewardships: string[];
  /** The `sha256` of the terms the requester accepted (absent on requests made before terms were asked). */
  acceptedTerms?: string;
  /** The terms the requester accepted, as they were worded then. */
  terms?: AccessTerm[];
  createdAt: string;
  updatedAt: string;
  /** When a request still pending expires. */
  pendingUntil: string;
  decisions: Decision[];
  grant?: Grant;
}

/**
 * Body of `POST /access-requests`.
 * @public
 */
export interface CreateAccessRequest {
  dataset: string;
  purpose: string;
  justification: string;
  /** ISO 8601 duration, at most the dataset's `access.maxDuration`. */
  duration: string;
  /** The agreement the request relies on; needed for another organization's data. */
  agreement?: string;
  /**
   * The `sha256` of the terms the requester accepts, as
   * `GET /access-requests/terms` answered it for this dataset and agreement.
   */
  acceptedTerms: string;
}

/**
 * One term a requester accepts: a duty or prohibition of the dataset's
 * licence, a term of an agreement that binds the data, or a community's
 * label, veto or consent; in plain words.
 * @public
 */
export interface AccessTerm {
  /** Where it comes from. */
  source: 'license' | 'agreement' | 'community';
  /** The entity that sets it: the dataset (licence, community) or the agreement. */
  entity: string;
  kind: 'duty' | 'prohibition' | 'term' | 'label';
  /** Its identifier: a licence action, an agreement term's field, a label. */
  id: string;
  /** What it asks of the requester, as a sentence. */
  text: string;
}

/**
 * Answer of `GET /access-requests/terms`: what binds whoever is given the
 * dataset (for the agreement named), and the `sha256` a request carries as
 * `acceptedTerms`.
 * @public
 */
export interface AccessTerms {
  dataset: string;
  agreement?: string;
  terms: AccessTerm[];
  /** Hex SHA-256 of the dataset, the agreement and the terms, as the server words them. */
  sha256: string;
}

/**
 * A reason the rules refuse access, as the API reports it (the `rule` and
 * `message` of the governance finding behind it).
 * @public
 */
export interface AccessRefusal {
  /** A rule id (`purpose-limitation`, `community-veto`, …) or `access` for the workflow's own checks. */
  rule: string;
  message: string;
  entities: string[];
}

/**
 * Answer of `GET /access-requests/eligibility`: whether the caller may
 * request the dataset now (for the purpose, duration and agreement given),
 * and what a request would need. The portal shows this; it never recomputes it.
 * @public
 */
export interface AccessEligibility {
  dataset: string;
  /** Whether a request as described would be accepted now. */
  allowed: boolean;
  /** Why not (empty when allowed). */
  refusals: AccessRefusal[];
  /** The organization the request would be made for (the first that passes). */
  organization?: string;
  /** The organizations (Group refs) the caller acts for. */
  organizations: string[];
  /** Active agreements covering the dataset for one of the caller's organizations. */
  agreements: Array<{ ref: string; title?: string; until?: string }>;
  /** Whether the dataset belongs to another organization than the caller's (an agreement is needed). */
  needsAgreement: boolean;
  maxDuration: string;
  allowedPurposes?: string[];
  /** Purposes a community vetoes for this dataset (it or an upstream is community data). */
  vetoedPurposes: string[];
  approvalsRequired: number;
  /** The approver stewardships that may decide this caller's request. */
  approvers: string[];
  /** Stewardships that must approve besides. */
  requiredStewardships: string[];
  /** When access would end if granted now, for the duration asked (else the longest allowed). */
  expiry: ExpiryPreview;
}

/**
 * Answer of `GET /access-requests/{id}/approvals`: which stewardships have
 * approved, which are still needed, and whether the caller's approval would
 * be accepted now.
 * @public
 */
export interface ApprovalStatus {
  requestId: string;
  approvalsRequired: number;
  /** Stewardships whose approval counts, with who gave it. */
  approved: Array<{ stewardship: string; approver: string; delegate?: string }>;
  /** Approver stewardships that may still approve (not the requester's own). */
  eligible: string[];
  /** How many more approvals from `eligible` are needed. */
  stillNeeded: number;
  /** Required stewardships that have not approved yet. */
  stillRequired: string[];
  /** What the caller may do. */
  viewer: {
    /** Whether the caller may decide at all (approve or deny). */
    canDecide: boolean;
    /** The stewardship the caller's approval would count for. */
    stewardship?: { onBehalfOf: string; delegate?: string };
    /** Why an approval by the caller would be refused now (a deny is always accepted). */
    approveRefusal?: AccessRefusal;
  };
  /** When access would end if the final approval came now. */
  expiry?: ExpiryPreview;
}

/**
 * Body of `POST /access-requests/{id}/decisions`.
 * @public
 */
export interface DecideAccessRequest {
  decision: DecisionKind;
  comment?: string;
}

/**
 * Body of `POST /access-requests/{id}/cancel`.
 * @public
 */
export interface CancelAccessRequest {
  reason?: string;
}

/**
 * Body of `POST /grants/{id}/revoke`.
 * @public
 */
export interface RevokeGrant {
  reason: string;
}

/**
 * Query of `GET /access-requests`.
 * @public
 */
export interface ListAccessRequestsQuery {
  dataset?: string;
  state?: AccessRequestState;
  /** Only the caller's own requests. */
  mine?: boolean;
  /** Only pending requests the caller may still decide. */
  toDecide?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * Query of `GET /grants`.
 * @public
 */
export interface ListGrantsQuery {
  dataset?: string;
  user?: string;
  /** Only grants active now. */
  active?: boolean;
  /** Only grants the lifecycle sweep ended (with a `revokeCause`). */
  endedBySweep?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * Query of `GET /audit`.
 * @public
 */
export interface ListAuditQuery {
  /** A dataset ref, or the subject of entries (`access-request:<id>`, `grant:<id>`). */
  entity?: string;
  limit?: number;
  cursor?: string;
}

/**
 * One entry of the append-only, hash-chained audit log.
 * @public
 */
export interface AuditEntry {
  seq: number;
  at: string;
  /** The user or service that made the change (`datapact` for scheduled work). */
  actor: string;
  /** What happened, e.g. `access-request.created`, `grant.revoked`. */
  action: string;
  /** What it happened to: `access-request:<id>` or `grant:<id>`. */
  subject: string;
  /** The dataset concerned. */
  entity: string;
  details: JsonObject;
  /** The hash of the entry before (64 zeros for the first entry). */
  prevHash: string;
  /** SHA-256 over the previous hash and this entry's fields. */
  hash: string;
}

/**
 * Answer of `GET /audit/verify`.
 * @public
 */
export interface AuditVerification {
  ok: boolean;
  /** How many entries were checked. */
  entries: number;
  /**
   * The hash the chain head records: the hash of the last entry when `ok`.
   * Kept elsewhere, it lets a later verification show the chain still extends it.
   */
  headHash: string;
  /** The first sequence number whose entry is missing, altered or out of order. */
  firstBadSeq?: number;
  /** What is wrong at `firstBadSeq`. */
  problem?: string;
  /**
   * The entry the chain was re-hashed from: the anchor (a checkpoint, or
   * where this backend's last verification ended) whose entry was re-hashed
   * first, or 0 when the whole chain was.
   */
  from?: number;
  /** How many entries this verification re-hashed. */
  rehashed?: number;
  /**
   * The checkpoint verified against and whether the chain extends it;
   * `'not configured'` without a checkpoint key, `'none'` before the first.
   */
  checkpoint?:
    | 'not configured'
    | 'none'
    | (AuditCheckpoint & { keyId: string; extended: boolean });
  /** How many grant rows were compared with the chain. */
  grantsChecked?: number;
  /** The grants whose row disagrees with what the chain says of them. */
  grantsDisagreeing?: GrantDisagreement[];
  /** Things an operator should know, such as a chain head row recreated. */
  notices?: string[];
}

/**
 * The audit chain's head at a moment: what a checkpoint signs.
 * @public
 */
export interface AuditCheckpoint {
  /** The sequence number of the last entry. */
  seq: number;
  /** Its hash. */
  hash: string;
  /** When the checkpoint was made. */
  at: string;
}

/**
 * A checkpoint signed with Ed25519 over `{"seq":…,"hash":"…","at":"…"}`.
 * @public
 */
export interface SignedAuditCheckpoint extends AuditCheckpoint {
  /** `sha256:` and the SHA-256 of the signing public key (SPKI DER). */
  keyId: string;
  /** The signature, base64url. */
  signature: string;
}

/**
 * A grant whose row disagrees with its audit entries. `row` and `chain` (the
 * two values) are shown to auditors only.
 * @public
 */
export interface GrantDisagreement {
  grant: string;
  /** The column that disagrees, `state`, or `grant` when only one side has the grant. */
  field: string;
  row?: string | null;
  chain?: string | null;
}

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
export interface ReportedFinding extends GovernanceFinding {
  /**
   * Where the first entity is defined, when known: a file relative to its
   * repository (`catalog-info/datasets/x.yaml`) or a URL, never a server path.
   */
  file?: string;
  /** The organization (Group ref) of the first entity, when it has one. */
  organization?: string;
}

/**
 * Answer of `GET /findings`: the latest evaluation of the rules over the catalog.
 * @public
 */
export interface FindingsReport {
  /** How many entities were evaluated. */
  entities: number;
  problems: ReportedFinding[];
  /** When the rules were last evaluated. */
  computedAt: string;
  /** The day (YYYY-MM-DD) agreement status was judged on. */
  today: string;
}

/**
 * Answer of `GET /findings/summary`: counts per severity, and per severity
 * within each rule id and each organization (`unknown` when a finding has none).
 * @public
 */
export interface FindingsSummary {
  computedAt: string;
  today: string;
  entities: number;
  total: number;
  bySeverity: Record<string, number>;
  byRule: Record<string, Record<string, number>>;
  byOrganization: Record<string, Record<string, number>>;
}

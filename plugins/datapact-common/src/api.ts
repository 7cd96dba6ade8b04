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
  state: GrantState;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
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
  approvalsRequired: number;
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
  /** The first sequence number whose entry is missing, altered or out of order. */
  firstBadSeq?: number;
  /** What is wrong at `firstBadSeq`. */
  problem?: string;
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
  /** Where the first entity is defined (its location), when known. */
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

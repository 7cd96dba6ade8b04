import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessEligibility,
  AccessRequest,
  AccessTerms,
  ApprovalStatus,
  AuditEntry,
  AuditVerification,
  CancelAccessRequest,
  CreateAccessRequest,
  DecideAccessRequest,
  FindingsReport,
  FindingsSummary,
  DatasetImpact,
  Grant,
  ImpactGrant,
  LineageGraph,
  ListAccessRequestsQuery,
  ListAuditQuery,
  ListGrantsQuery,
  Page,
  RevokeGrant,
  DatapactApiOperations,
} from '@datapact/backstage-plugin-common';

/**
 * The Datapact backend's HTTP API (`/api/datapact`), as the portal uses it.
 * Every method rejects with a {@link DatapactApiError} that carries the
 * server's own message.
 * @public
 */
export interface DatapactApi {
  createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest>;
  listAccessRequests(
    query?: ListAccessRequestsQuery,
  ): Promise<Page<AccessRequest>>;
  getAccessRequest(id: string): Promise<AccessRequest>;
  /**
   * Whether the caller may request a dataset now (for the purpose, duration
   * and agreement given), why not, who would decide and when access would
   * end (`GET /access-requests/eligibility`).
   */
  getAccessEligibility(query: EligibilityQuery): Promise<AccessEligibility>;
  /**
   * The terms that bind whoever is given the dataset under the agreement, in
   * the server's words, and their `sha256`, which a request carries as
   * `acceptedTerms` (`GET /access-requests/terms`).
   */
  getAccessTerms(query: AccessTermsQuery): Promise<AccessTerms>;
  /**
   * Which stewardships have approved a request, which are still needed, and
   * whether the caller's approval would be accepted now
   * (`GET /access-requests/{id}/approvals`).
   */
  getApprovalStatus(id: string): Promise<ApprovalStatus>;
  decideAccessRequest(
    id: string,
    decision: DecideAccessRequest,
  ): Promise<AccessRequest>;
  cancelAccessRequest(
    id: string,
    body?: CancelAccessRequest,
  ): Promise<AccessRequest>;
  listGrants(query?: ListGrantsQuery): Promise<Page<Grant>>;
  revokeGrant(id: string, body: RevokeGrant): Promise<Grant>;
  listAudit(query?: ListAuditQuery): Promise<Page<AuditEntry>>;
  verifyAudit(): Promise<AuditVerification>;
  /** The latest governance findings; with `entity`, those that name it. */
  getFindings(entity?: string): Promise<FindingsReport>;
  /** Counts of the latest findings per severity, rule and organization. */
  getFindingsSummary(): Promise<FindingsSummary>;
  /** A dataset's lineage graph in one request (`GET /lineage`). */
  getLineage(query: LineageQuery): Promise<LineageGraph>;
  /** What lies downstream of a dataset and who to tell (`GET /impact`). */
  getImpact(entity: string): Promise<DatasetImpact>;
}

/**
 * An eligibility question: the dataset and, as far as the form says them
 * yet, the purpose, the duration (ISO 8601) and the agreement.
 * @public
 */
export type EligibilityQuery =
  DatapactApiOperations['getAccessEligibility']['parameters']['query'];

/**
 * Which terms to read: the dataset's, under the agreement a request relies
 * on (if any).
 * @public
 */
export type AccessTermsQuery =
  DatapactApiOperations['getAccessTerms']['parameters']['query'];

/**
 * A lineage request: the dataset, which way to walk (default both), how many
 * hops (server default 3) and how many nodes at most (server default 500).
 * @public
 */
export type LineageQuery =
  DatapactApiOperations['getLineage']['parameters']['query'];

export type { DatasetImpact, ImpactGrant };

/** @public */
export const datapactApiRef = createApiRef<DatapactApi>({
  id: 'plugin.datapact.service',
});

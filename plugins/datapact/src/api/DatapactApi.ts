import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessRequest,
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
  LineageDirection,
  LineageGraph,
  ListAccessRequestsQuery,
  ListAuditQuery,
  ListGrantsQuery,
  Page,
  RevokeGrant,
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
 * A lineage request: the dataset, which way to walk (default both), how many
 * hops (server default 3) and how many nodes at most (server default 500).
 * @public
 */
export interface LineageQuery {
  entity: string;
  direction?: LineageDirection;
  depth?: number;
  limit?: number;
}

export type { DatasetImpact, ImpactGrant };

/** @public */
export const datapactApiRef = createApiRef<DatapactApi>({
  id: 'plugin.datapact.service',
});

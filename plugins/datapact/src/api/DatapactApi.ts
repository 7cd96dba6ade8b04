import { createApiRef } from '@backstage/core-plugin-api';
import {
  AccessRequest,
  AuditEntry,
  AuditVerification,
  CancelAccessRequest,
  CreateAccessRequest,
  DecideAccessRequest,
  Grant,
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
}

/** @public */
export const datapactApiRef = createApiRef<DatapactApi>({
  id: 'plugin.datapact.service',
});

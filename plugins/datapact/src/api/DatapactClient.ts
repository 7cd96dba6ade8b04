import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
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
  Grant,
  LineageGraph,
  ListAccessRequestsQuery,
  ListAuditQuery,
  ListGrantsQuery,
  Page,
  RevokeGrant,
} from '@datapact/backstage-plugin-common';
import {
  AccessTermsQuery,
  DatapactApi,
  DatasetImpact,
  EligibilityQuery,
  LineageQuery,
} from './DatapactApi';
import { DatapactApiError } from './DatapactApiError';

type Query = Record<string, string | number | boolean | undefined>;

/** How many times a call is sent while the backend answers 503. */
const MAX_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A key no other change will use: a random UUID. */
function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * {@link DatapactApi} over HTTP, with the signed-in user's token (fetchApi).
 * @public
 */
export class DatapactClient implements DatapactApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  createAccessRequest(request: CreateAccessRequest): Promise<AccessRequest> {
    return this.call('POST', '/access-requests', { body: request });
  }

  listAccessRequests(
    query: ListAccessRequestsQuery = {},
  ): Promise<Page<AccessRequest>> {
    return this.call('GET', '/access-requests', { query: { ...query } });
  }

  getAccessRequest(id: string): Promise<AccessRequest> {
    return this.call('GET', `/access-requests/${encodeURIComponent(id)}`);
  }

  getAccessEligibility(query: EligibilityQuery): Promise<AccessEligibility> {
    return this.call('GET', '/access-requests/eligibility', {
      query: { ...query },
    });
  }

  getAccessTerms(query: AccessTermsQuery): Promise<AccessTerms> {
    return this.call('GET', '/access-requests/terms', { query: { ...query } });
  }

  getApprovalStatus(id: string): Promise<ApprovalStatus> {
    return this.call(
      'GET',
      `/access-requests/${encodeURIComponent(id)}/approvals`,
    );
  }

  decideAccessRequest(
    id: string,
    decision: DecideAccessRequest,
  ): Promise<AccessRequest> {
    return this.call(
      'POST',
      `/access-requests/${encodeURIComponent(id)}/decisions`,
      { body: decision },
    );
  }

  cancelAccessRequest(
    id: string,
    body: CancelAccessRequest = {},
  ): Promise<AccessRequest> {
    return this.call(
      'POST',
      `/access-requests/${encodeURIComponent(id)}/cancel`,
      { body },
    );
  }

  listGrants(query: ListGrantsQuery = {}): Promise<Page<Grant>> {
    return this.call('GET', '/grants', { query: { ...query } });
  }

  revokeGrant(id: string, body: RevokeGrant): Promise<Grant> {
    return this.call('POST', `/grants/${encodeURIComponent(id)}/revoke`, {
      body,
    });
  }

  listAudit(query: ListAuditQuery = {}): Promise<Page<AuditEntry>> {
    return this.call('GET', '/audit', { query: { ...query } });
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.call('GET', '/audit/verify');
  }

  getFindings(entity?: string): Promise<FindingsReport> {
    return this.call('GET', '/findings', { query: { entity } });
  }

  getFindingsSummary(): Promise<FindingsSummary> {
    return this.call('GET', '/findings/summary');
  }

  getLineage(query: LineageQuery): Promise<LineageGraph> {
    return this.call('GET', '/lineage', { query: { ...query } });
  }

  getImpact(entity: string): Promise<DatasetImpact> {
    return this.call('GET', '/impact', { query: { entity } });
  }

  /**
   * One call. A POST carries a fresh `Idempotency-Key`; when the backend
   * answers 503 (its database is briefly away) or the network fails, the
   * same POST is sent again with the same key, after `Retry-After` (at most
   * 5 s), up to `MAX_ATTEMPTS` times: a change that did happen comes
   * back as its stored answer instead of being made twice.
   */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('datapact');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    const headers: Record<string, string> = {};
    if (options.body !== undefined)
      headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = newIdempotencyKey();
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchApi.fetch(
          `${baseUrl}${path}${search ? `?${search}` : ''}`,
          {
            method,
            headers: Object.keys(headers).length ? headers : undefined,
            body:
              options.body === undefined
                ? undefined
                : JSON.stringify(options.body),
          },
        );
      } catch (error) {
        if (method !== 'POST' || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(1000);
        continue;
      }
      if (response.status === 503 && attempt < MAX_ATTEMPTS) {
        const seconds = Number(response.headers.get('Retry-After'));
        await sleep(Math.min(5, Number.isFinite(seconds) ? seconds : 1) * 1000);
        continue;
      }
      if (!response.ok) {
        throw await DatapactApiError.fromResponse(response);
      }
      return (await response.json()) as T;
    }
  }
}

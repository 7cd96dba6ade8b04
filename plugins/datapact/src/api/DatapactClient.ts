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
  DatapactApiPaths as Paths,
} from '@datapact/backstage-plugin-common';
import {
  AccessTermsQuery,
  DatapactApi,
  DatasetImpact,
  EligibilityQuery,
  LineageQuery,
} from './DatapactApi';
import { DatapactApiError } from './DatapactApiError';

type Method = 'get' | 'post';

/** The operation openapi.yaml describes for a path and method. */
type Operation<P extends keyof Paths, M extends Method> = Exclude<
  Paths[P][M],
  undefined
>;

/** What a call sends: path parameters, query and body, as the spec types them. */
type CallOptions<O> = O extends {
  parameters: { path?: unknown; query?: unknown };
  requestBody?: unknown;
}
  ? (undefined extends O['parameters']['path']
      ? { path?: never }
      : { path: O['parameters']['path'] }) &
      (undefined extends O['parameters']['query']
        ? { query?: NonNullable<O['parameters']['query']> }
        : { query: O['parameters']['query'] }) &
      (undefined extends O['requestBody']
        ? { body?: JsonBody<NonNullable<O['requestBody']>> }
        : { body: JsonBody<O['requestBody']> })
  : never;

type JsonBody<B> = B extends { content: { 'application/json': infer J } }
  ? J
  : never;

/** The JSON body of the operation's success answer (200 or 201). */
type Answer<O> = O extends { responses: infer R }
  ? {
      [S in keyof R & (200 | 201)]: R[S] extends {
        content: { 'application/json': infer J };
      }
        ? J
        : never;
    }[keyof R & (200 | 201)]
  : never;

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
    return this.call('post', '/access-requests', { body: request });
  }

  listAccessRequests(
    query: ListAccessRequestsQuery = {},
  ): Promise<Page<AccessRequest>> {
    return this.call('get', '/access-requests', { query });
  }

  getAccessRequest(id: string): Promise<AccessRequest> {
    return this.call('get', '/access-requests/{id}', { path: { id } });
  }

  getAccessEligibility(query: EligibilityQuery): Promise<AccessEligibility> {
    return this.call('get', '/access-requests/eligibility', { query });
  }

  getAccessTerms(query: AccessTermsQuery): Promise<AccessTerms> {
    return this.call('get', '/access-requests/terms', { query });
  }

  getApprovalStatus(id: string): Promise<ApprovalStatus> {
    return this.call('get', '/access-requests/{id}/approvals', {
      path: { id },
    });
  }

  decideAccessRequest(
    id: string,
    decision: DecideAccessRequest,
  ): Promise<AccessRequest> {
    return this.call('post', '/access-requests/{id}/decisions', {
      path: { id },
      body: decision,
    });
  }

  cancelAccessRequest(
    id: string,
    body: CancelAccessRequest = {},
  ): Promise<AccessRequest> {
    return this.call('post', '/access-requests/{id}/cancel', {
      path: { id },
      body,
    });
  }

  listGrants(query: ListGrantsQuery = {}): Promise<Page<Grant>> {
    return this.call('get', '/grants', { query });
  }

  revokeGrant(id: string, body: RevokeGrant): Promise<Grant> {
    return this.call('post', '/grants/{id}/revoke', { path: { id }, body });
  }

  listAudit(query: ListAuditQuery = {}): Promise<Page<AuditEntry>> {
    // JSON Schema's `type: object` cannot say the details are JSON; they are.
    return this.call('get', '/audit', { query }) as Promise<Page<AuditEntry>>;
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.call('get', '/audit/verify', {});
  }

  getFindings(entity?: string): Promise<FindingsReport> {
    return this.call('get', '/findings', { query: { entity } });
  }

  getFindingsSummary(): Promise<FindingsSummary> {
    return this.call('get', '/findings/summary', {});
  }

  getLineage(query: LineageQuery): Promise<LineageGraph> {
    return this.call('get', '/lineage', { query });
  }

  getImpact(entity: string): Promise<DatasetImpact> {
    return this.call('get', '/impact', { query: { entity } });
  }

  /**
   * One call. A POST carries a fresh `Idempotency-Key`; when the backend
   * answers 503 (its database is briefly away) or the network fails, the
   * same POST is sent again with the same key, after `Retry-After` (at most
   * 5 s), up to `MAX_ATTEMPTS` times: a change that did happen comes
   * back as its stored answer instead of being made twice.
   *
   * `path` is a path of openapi.yaml (`/access-requests/{id}`); its
   * parameters, query, body and answer are typed by the types generated
   * from that file, so a call the spec does not describe does not compile.
   */
  private async call<P extends keyof Paths, M extends Method>(
    method: M,
    path: P,
    options: CallOptions<Operation<P, M>>,
  ): Promise<Answer<Operation<P, M>>> {
    const {
      path: pathParams,
      query,
      body,
    } = options as {
      path?: Record<string, string>;
      query?: Record<string, string | number | boolean | undefined>;
      body?: unknown;
    };
    const baseUrl = await this.discoveryApi.getBaseUrl('datapact');
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(pathParams![name]),
    );
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'post') headers['Idempotency-Key'] = newIdempotencyKey();
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchApi.fetch(
          `${baseUrl}${url}${search ? `?${search}` : ''}`,
          {
            method: method.toUpperCase(),
            headers: Object.keys(headers).length ? headers : undefined,
            body: body === undefined ? undefined : JSON.stringify(body),
          },
        );
      } catch (error) {
        if (method !== 'post' || attempt >= MAX_ATTEMPTS) throw error;
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
      return (await response.json()) as Answer<Operation<P, M>>;
    }
  }
}

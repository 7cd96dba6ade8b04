import {
  ExpiryBound,
  Grant,
  GrantEndCause,
  Page,
} from '@datapact/backstage-plugin-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { Clock } from '../clock';
import { AccessRequestQuery } from '@datapact/backstage-plugin-node';
import { applyAccessRequestCriteria } from '../permissions/queryFilter';
import { ProvisioningJobStore } from './ProvisioningJobStore';
import { decodeCursor, encodeCursor } from './queryHelpers';

/** A row of `datapact_grants`. */
export interface GrantRow {
  id: string;
  request_id: string;
  dataset_ref: string;
  user_ref: string;
  purpose: string;
  granted_at: string;
  expires_at: string;
  expires_because: ExpiryBound;
  expires_agreement: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  expiry_warned_at: string | null;
  expiry_handled_at: string | null;
  revoke_cause: GrantEndCause | null;
}

/** An active grant with what it rests on: the request it came from. */
export interface GrantBasis {
  grant: Grant;
  organization: string;
  agreement?: string;
  tier: string;
}

function grantState(row: GrantRow, now: Date): Grant['state'] {
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now.toISOString() ? 'expired' : 'active';
}

/** A grant as the API shows it; its state follows from the clock, so an expired grant never reads active. */
export function grantFromRow(row: GrantRow, now: Date): Grant {
  return {
    id: row.id,
    requestId: row.request_id,
    dataset: row.dataset_ref,
    user: row.user_ref,
    purpose: row.purpose,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    expiresBecause: row.expires_because ?? 'duration',
    ...(row.expires_agreement && { expiresAgreement: row.expires_agreement }),
    state: grantState(row, now),
    ...(row.revoked_at && {
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by ?? undefined,
      revokeReason: row.revoke_reason ?? undefined,
    }),
    ...(row.revoke_cause && { revokeCause: row.revoke_cause }),
  };
}

/** Storage of grants: `datapact_grants`. */
export class GrantStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly jobs: ProvisioningJobStore,
  ) {}

  /** Grants with their provisioning state. */
  private async withProvisioning(grants: Grant[]): Promise<Grant[]> {
    const states = await this.jobs.provisioningOf(grants.map(g => g.id));
    return grants.map(g => {
      const provisioning = states.get(g.id);
      return provisioning ? { ...g, provisioning } : g;
    });
  }

  async insert(grant: {
    id: string;
    requestId: string;
    dataset: string;
    user: string;
    purpose: string;
    grantedAt: string;
    expiresAt: string;
    expiresBecause: ExpiryBound;
    expiresAgreement?: string;
  }): Promise<Grant> {
    const row: GrantRow = {
      id: grant.id,
      request_id: grant.requestId,
      dataset_ref: grant.dataset,
      user_ref: grant.user,
      purpose: grant.purpose,
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
      expires_because: grant.expiresBecause,
      expires_agreement: grant.expiresAgreement ?? null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      expiry_warned_at: null,
      expiry_handled_at: null,
      revoke_cause: null,
    };
    await this.db<GrantRow>('datapact_grants').insert(row);
    return grantFromRow(row, this.clock.now());
  }

  async get(id: string): Promise<Grant | undefined> {
    const row = await this.db<GrantRow>('datapact_grants')
      .where({ id })
      .first();
    return row
      ? (await this.withProvisioning([grantFromRow(row, this.clock.now())]))[0]
      : undefined;
  }

  /** The grants of the given requests, by request id. */
  async ofRequests(requestIds: string[]): Promise<Map<string, Grant>> {
    const now = this.clock.now();
    const rows = requestIds.length
      ? await this.db<GrantRow>('datapact_grants').whereIn(
          'request_id',
          requestIds,
        )
      : [];
    const grants = await this.withProvisioning(
      rows.map(r => grantFromRow(r, now)),
    );
    return new Map(grants.map(g => [g.requestId, g]));
  }

  /** Grants, newest first; `permission` filters on the requests they came from. */
  async list(options: {
    dataset?: string;
    /** Grants on any of these datasets. */
    datasets?: string[];
    user?: string;
    active?: boolean;
    /** Only grants the lifecycle sweep ended. */
    endedBySweep?: boolean;
    permission?: PermissionCriteria<AccessRequestQuery>;
    limit: number;
    cursor?: string;
  }): Promise<Page<Grant>> {
    const now = this.clock.now();
    const query = this.db<GrantRow>('datapact_grants as g')
      .select('g.*')
      .orderBy([
        { column: 'g.granted_at', order: 'desc' },
        { column: 'g.id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.dataset) query.where('g.dataset_ref', options.dataset);
    if (options.datasets) query.whereIn('g.dataset_ref', options.datasets);
    if (options.user) query.where('g.user_ref', options.user);
    if (options.active) {
      query
        .whereNull('g.revoked_at')
        .where('g.expires_at', '>', now.toISOString());
    }
    if (options.endedBySweep) query.whereNotNull('g.revoke_cause');
    if (options.permission) {
      const criteria = options.permission;
      query
        .join('datapact_access_requests as r', 'r.id', 'g.request_id')
        .where(b => applyAccessRequestCriteria(b, criteria, 'r', this.db));
    }
    if (options.cursor) {
      const [at, id] = decodeCursor<[string, string]>(options.cursor, [
        'string',
        'string',
      ]);
      query.where(b =>
        b
          .where('g.granted_at', '<', at)
          .orWhere(b2 => b2.where('g.granted_at', at).where('g.id', '<', id)),
      );
    }
    const rows: GrantRow[] = await query;
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: await this.withProvisioning(items.map(r => grantFromRow(r, now))),
      nextCursor:
        rows.length > options.limit
          ? encodeCursor([last.granted_at, last.id])
          : undefined,
    };
  }

  /** Revokes an active grant; false when it is already revoked or expired. */
  async revoke(id: string, by: string, reason: string): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const updated = await this.db<GrantRow>('datapact_grants')
      .where({ id })
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .update({ revoked_at: now, revoked_by: by, revoke_reason: reason });
    return updated === 1;
  }

  /**
   * Ends an active grant for the lifecycle sweep, with its cause and
   * sentence; false when it is no longer active.
   */
  async endBySweep(
    id: string,
    by: string,
    cause: GrantEndCause,
    reason: string,
  ): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const updated = await this.db<GrantRow>('datapact_grants')
      .where({ id })
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .update({
        revoked_at: now,
        revoked_by: by,
        revoke_reason: reason,
        revoke_cause: cause,
      });
    return updated === 1;
  }

  /**
   * A page of active grants, by id, with the request each rests on; pass the
   * last id as `afterId` for the next page.
   */
  async activeWithBasis(afterId: string, limit: number): Promise<GrantBasis[]> {
    const now = this.clock.now();
    const rows: Array<
      GrantRow & {
        r_organization: string;
        r_agreement: string | null;
        r_tier: string;
      }
    > = await this.db('datapact_grants as g')
      .join('datapact_access_requests as r', 'r.id', 'g.request_id')
      .select(
        'g.*',
        'r.organization_ref as r_organization',
        'r.agreement_ref as r_agreement',
        'r.tier as r_tier',
      )
      .whereNull('g.revoked_at')
      .where('g.expires_at', '>', now.toISOString())
      .where('g.id', '>', afterId)
      .orderBy('g.id')
      .limit(limit);
    return rows.map(row => ({
      grant: grantFromRow(row, now),
      organization: row.r_organization,
      ...(row.r_agreement && { agreement: row.r_agreement }),
      tier: row.r_tier,
    }));
  }

  /** Grants past `expiresAt` whose expiry has not been handled (audited, provisioners told). */
  async expiredUnhandled(limit: number): Promise<Grant[]> {
    const now = this.clock.now();
    const rows = await this.db<GrantRow>('datapact_grants')
      .whereNull('expiry_handled_at')
      .whereNull('revoked_at')
      .where('expires_at', '<=', now.toISOString())
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(r => grantFromRow(r, now));
  }

  /** Marks a grant's expiry handled; false when another sweep got there first. */
  async markExpiryHandled(id: string): Promise<boolean> {
    const updated = await this.db<GrantRow>('datapact_grants')
      .where({ id })
      .whereNull('expiry_handled_at')
      .update({ expiry_handled_at: this.clock.now().toISOString() });
    return updated === 1;
  }

  /** Active grants that expire before `until` and whose holder was not warned yet. */
  async expiringUnwarned(until: Date, limit: number): Promise<Grant[]> {
    const now = this.clock.now();
    const rows = await this.db<GrantRow>('datapact_grants')
      .whereNull('expiry_warned_at')
      .whereNull('revoked_at')
      .where('expires_at', '>', now.toISOString())
      .where('expires_at', '<=', until.toISOString())
      .orderBy('expires_at')
      .limit(limit);
    return rows.map(r => grantFromRow(r, now));
  }

  /** A page of grant rows as stored, by id, for comparing them with the audit chain. */
  async rowsAfter(afterId: string, limit: number): Promise<GrantRow[]> {
    return this.db<GrantRow>('datapact_grants')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
  }

  /** Marks a grant's holder warned; false when another sweep got there first. */
  async markWarned(id: string): Promise<boolean> {
    const updated = await this.db<GrantRow>('datapact_grants')
      .where({ id })
      .whereNull('expiry_warned_at')
      .update({ expiry_warned_at: this.clock.now().toISOString() });
    return updated === 1;
  }
}

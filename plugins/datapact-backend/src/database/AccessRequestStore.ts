import {
  AccessRequest,
  AccessRequestState,
  Decision,
  DecisionKind,
  Page,
} from '@datapact/backstage-plugin-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { Clock } from '../clock';
import {
  AccessRequestQuery,
  AccessRequestResource,
} from '@datapact/backstage-plugin-node';
import { applyAccessRequestCriteria } from '../permissions/queryFilter';
import { GrantStore } from './GrantStore';
import { decodeCursor, encodeCursor, isUniqueViolation } from './queryHelpers';

interface RequestRow {
  id: string;
  dataset_ref: string;
  requester_ref: string;
  organization_ref: string;
  purpose: string;
  justification: string;
  duration: string;
  agreement_ref: string | null;
  state: AccessRequestState;
  tier: string;
  approvals_required: number;
  created_at: string;
  updated_at: string;
  pending_until: string;
  required_stewardships: string;
  excluded_stewardships: string;
  accepted_terms?: string | null;
  terms?: string | null;
}

interface DecisionRow {
  id?: number;
  request_id: string;
  approver_ref: string;
  on_behalf_of: string;
  delegate: string | null;
  decision: DecisionKind;
  counts_for: string | null;
  comment: string | null;
  decided_at: string;
}

/** A request as it is first stored. */
export type NewAccessRequest = Omit<
  AccessRequest,
  'state' | 'updatedAt' | 'decisions' | 'grant'
> & {
  /** Users and groups that may decide it (for lists and permission filters). */
  deciders: string[];
  /** Stewardships the requester holds or is a delegate of: they may not approve. */
  excludedStewardships: string[];
};

/** An approval that counts, for the stewardship it counts for. */
export interface CountedApproval {
  stewardship: string;
  approver: string;
  delegate?: string;
}

/** Filters of {@link AccessRequestStore.list}. */
export interface AccessRequestFilter {
  dataset?: string;
  state?: AccessRequestState;
  requester?: string;
  /** Pending requests these claims may decide and `user` has not decided yet. */
  decidableBy?: { user: string; claims: string[] };
  permission?: PermissionCriteria<AccessRequestQuery>;
  limit: number;
  cursor?: string;
}

/** Storage of access requests, their deciders and decisions. */
export class AccessRequestStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly grants: GrantStore,
  ) {}

  /** Stores a new pending request; a second pending request of the same requester for the same dataset is a conflict. */
  async insert(request: NewAccessRequest): Promise<void> {
    const row: RequestRow = {
      id: request.id,
      dataset_ref: request.dataset,
      requester_ref: request.requester,
      organization_ref: request.organization,
      purpose: request.purpose,
      justification: request.justification,
      duration: request.duration,
      agreement_ref: request.agreement ?? null,
      state: 'pending',
      tier: request.tier,
      approvals_required: request.approvalsRequired,
      created_at: request.createdAt,
      updated_at: request.createdAt,
      pending_until: request.pendingUntil,
      required_stewardships: JSON.stringify(request.requiredStewardships),
      excluded_stewardships: JSON.stringify(request.excludedStewardships),
      accepted_terms: request.acceptedTerms ?? null,
      terms: request.terms ? JSON.stringify(request.terms) : null,
    };
    try {
      await this.db<RequestRow>('datapact_access_requests').insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${request.requester} already has a pending request for ${request.dataset}`,
        );
      }
      throw error;
    }
    const deciders = [...new Set(request.deciders)];
    if (deciders.length) {
      await this.db('datapact_request_deciders').insert(
        deciders.map(ref => ({ request_id: request.id, ref })),
      );
    }
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const row = await this.db<RequestRow>('datapact_access_requests')
      .where({ id })
      .first();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  /** Requests, newest first. */
  async list(filter: AccessRequestFilter): Promise<Page<AccessRequest>> {
    const query = this.db<RequestRow>('datapact_access_requests as r')
      .select('r.*')
      .orderBy([
        { column: 'r.created_at', order: 'desc' },
        { column: 'r.id', order: 'desc' },
      ])
      .limit(filter.limit + 1);
    if (filter.dataset) query.where('r.dataset_ref', filter.dataset);
    if (filter.state) query.where('r.state', filter.state);
    if (filter.requester) query.where('r.requester_ref', filter.requester);
    if (filter.decidableBy) {
      const { user, claims } = filter.decidableBy;
      query
        .where('r.state', 'pending')
        .whereNot('r.requester_ref', user)
        .whereIn(
          'r.id',
          this.db('datapact_request_deciders')
            .select('request_id')
            .whereIn('ref', claims),
        )
        .whereNotIn(
          'r.id',
          this.db('datapact_decisions')
            .select('request_id')
            .where('approver_ref', user),
        );
    }
    if (filter.permission) {
      const criteria = filter.permission;
      query.where(b => applyAccessRequestCriteria(b, criteria, 'r', this.db));
    }
    if (filter.cursor) {
      const [at, id] = decodeCursor<[string, string]>(filter.cursor, [
        'string',
        'string',
      ]);
      query.where(b =>
        b
          .where('r.created_at', '<', at)
          .orWhere(b2 => b2.where('r.created_at', at).where('r.id', '<', id)),
      );
    }
    const rows: RequestRow[] = await query;
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: await this.hydrate(page),
      nextCursor:
        rows.length > filter.limit
          ? encodeCursor([last.created_at, last.id])
          : undefined,
    };
  }

  /** Requests as permission rules see them. */
  async resources(ids: string[]): Promise<AccessRequestResource[]> {
    if (!ids.length) return [];
    const rows = await this.db<RequestRow>('datapact_access_requests').whereIn(
      'id',
      ids,
    );
    const deciders = await this.db('datapact_request_deciders').whereIn(
      'request_id',
      ids,
    );
    return rows.map(row => ({
      id: row.id,
      dataset: row.dataset_ref,
      requester: row.requester_ref,
      tier: row.tier,
      deciders: deciders
        .filter(d => d.request_id === row.id)
        .map(d => d.ref as string),
    }));
  }

  /**
   * Takes the request's row for this transaction if it is still pending
   * (on PostgreSQL, concurrent deciders wait here and then see the request no
   * longer pending); false when it is not pending.
   */
  async lockPending(id: string): Promise<boolean> {
    const updated = await this.db<RequestRow>('datapact_access_requests')
      .where({ id, state: 'pending' })
      .update({ updated_at: this.clock.now().toISOString() });
    return updated === 1;
  }

  /** Moves a pending request to `to`; false when it is no longer pending. */
  async leavePending(
    id: string,
    to: Exclude<AccessRequestState, 'pending'>,
  ): Promise<boolean> {
    const updated = await this.db<RequestRow>('datapact_access_requests')
      .where({ id, state: 'pending' })
      .update({ state: to, updated_at: this.clock.now().toISOString() });
    return updated === 1;
  }

  /**
   * Records a decision; a second decision by the same person, or a second
   * approval counted for the same stewardship, is a conflict (a unique index
   * decides, so concurrent approvals cannot both count).
   */
  async addDecision(requestId: string, decision: Decision): Promise<void> {
    try {
      await this.db<DecisionRow>('datapact_decisions').insert({
        request_id: requestId,
        approver_ref: decision.approver,
        on_behalf_of: decision.onBehalfOf,
        delegate: decision.delegate ?? null,
        decision: decision.decision,
        counts_for: decision.countsFor ?? null,
        comment: decision.comment ?? null,
        decided_at: decision.decidedAt,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const message = String((error as Error).message);
        throw new ConflictError(
          /counts_for|one_per_stewardship/.test(message)
            ? `${decision.countsFor} has already approved this request`
            : `${decision.approver} has already decided this request`,
        );
      }
      throw error;
    }
  }

  /** The approvals that count, one per stewardship, in the order given. */
  async countedApprovals(requestId: string): Promise<CountedApproval[]> {
    const rows = await this.db<DecisionRow>('datapact_decisions')
      .where({ request_id: requestId, decision: 'approve' })
      .whereNotNull('counts_for')
      .orderBy('id');
    return rows.map(r => ({
      stewardship: r.counts_for!,
      approver: r.approver_ref,
      ...(r.delegate && { delegate: r.delegate }),
    }));
  }

  /** The stewardships that may not approve the request (the requester's own). */
  async excludedStewardships(requestId: string): Promise<string[]> {
    const row = await this.db<RequestRow>('datapact_access_requests')
      .select('excluded_stewardships')
      .where({ id: requestId })
      .first();
    return row ? JSON.parse(row.excluded_stewardships) : [];
  }

  /**
   * Sets who may decide a pending request (the catalog changed who holds
   * its stewardships); safe to run twice at once.
   */
  async setDeciders(requestId: string, deciders: string[]): Promise<void> {
    const refs = [...new Set(deciders)];
    const stale = this.db('datapact_request_deciders').where({
      request_id: requestId,
    });
    if (refs.length) stale.whereNotIn('ref', refs);
    await stale.delete();
    if (refs.length) {
      await this.db('datapact_request_deciders')
        .insert(refs.map(ref => ({ request_id: requestId, ref })))
        .onConflict(['request_id', 'ref'])
        .ignore();
    }
  }

  /** A page of pending requests' ids, by id; pass the last id as `afterId` for the next page. */
  async pendingIds(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db<RequestRow>('datapact_access_requests')
      .select('id')
      .where('state', 'pending')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    return rows.map(r => r.id);
  }

  /** Ids of pending requests whose time to be decided has passed. */
  async overdue(limit: number): Promise<string[]> {
    const rows = await this.db<RequestRow>('datapact_access_requests')
      .select('id')
      .where('state', 'pending')
      .where('pending_until', '<=', this.clock.now().toISOString())
      .orderBy('pending_until')
      .limit(limit);
    return rows.map(r => r.id);
  }

  private async hydrate(rows: RequestRow[]): Promise<AccessRequest[]> {
    const ids = rows.map(r => r.id);
    const decisions: DecisionRow[] = ids.length
      ? await this.db<DecisionRow>('datapact_decisions')
          .whereIn('request_id', ids)
          .orderBy('id')
      : [];
    const grants = await this.grants.ofRequests(ids);
    return rows.map(row => {
      const grant = grants.get(row.id);
      return {
        id: row.id,
        dataset: row.dataset_ref,
        requester: row.requester_ref,
        organization: row.organization_ref,
        purpose: row.purpose,
        justification: row.justification,
        duration: row.duration,
        ...(row.agreement_ref && { agreement: row.agreement_ref }),
        state: row.state,
        tier: row.tier,
        approvalsRequired: Number(row.approvals_required),
        requiredStewardships: JSON.parse(row.required_stewardships ?? '[]'),
        ...(row.accepted_terms && { acceptedTerms: row.accepted_terms }),
        ...(row.terms && { terms: JSON.parse(row.terms) }),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        pendingUntil: row.pending_until,
        decisions: decisions
          .filter(d => d.request_id === row.id)
          .map(d => ({
            approver: d.approver_ref,
            onBehalfOf: d.on_behalf_of,
            ...(d.delegate && { delegate: d.delegate }),
            decision: d.decision,
            ...(d.counts_for && { countsFor: d.counts_for }),
            ...(d.comment && { comment: d.comment }),
            decidedAt: d.decided_at,
          })),
        ...(grant && { grant }),
      };
    });
  }
}

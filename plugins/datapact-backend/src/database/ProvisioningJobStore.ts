import {
  GrantProvisioning,
  ProvisioningStep,
} from '@datapact/backstage-plugin-common';
import { Knex } from 'knex';
import { Clock } from '../clock';

/** A row of `datapact_provisioning_jobs`. */
export interface JobRow {
  id: number;
  grant_id: string;
  provisioner: string;
  action: ProvisioningStep['action'];
  state: ProvisioningStep['state'];
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  detail: string | null;
  placement: string | null;
  created_at: string;
  updated_at: string;
}

const OPEN: Array<ProvisioningStep['state']> = ['pending', 'failed'];

/** Storage of provisioning jobs and of the leases workers take on grants. */
export class ProvisioningJobStore {
  constructor(private readonly db: Knex, private readonly clock: Clock) {}

  /**
   * Writes one `action` job per provisioner for a grant; call it in the
   * transaction of the change that causes it. A revoke overtakes the grant's
   * grant jobs that have not run yet (they are skipped).
   */
  async enqueue(
    grantId: string,
    action: ProvisioningStep['action'],
    provisioners: string[],
  ): Promise<void> {
    if (provisioners.length === 0) return;
    const now = this.clock.now().toISOString();
    if (action === 'revoke') {
      await this.db<JobRow>('datapact_provisioning_jobs')
        .where({ grant_id: grantId, action: 'grant', state: 'pending' })
        .update({ state: 'skipped', updated_at: now });
    }
    await this.db<JobRow>('datapact_provisioning_jobs').insert(
      provisioners.map(provisioner => ({
        grant_id: grantId,
        provisioner,
        action,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        detail: null,
        placement: null,
        created_at: now,
        updated_at: now,
      })),
    );
  }

  /** Grants with a job due now, oldest first. */
  async dueGrants(limit: number): Promise<string[]> {
    const rows = await this.db<JobRow>('datapact_provisioning_jobs')
      .select('grant_id')
      .min('next_attempt_at as due')
      .whereIn('state', OPEN)
      .where('next_attempt_at', '<=', this.clock.now().toISOString())
      .groupBy('grant_id')
      .orderBy('due')
      .limit(limit);
    return rows.map(r => r.grant_id as string);
  }

  /**
   * Takes the grant for `owner` until `until` unless another worker holds
   * it: one compare-and-set, so that replicas never run a grant's jobs at
   * the same time. A worker that dies leaves the lease to expire.
   */
  async lease(grantId: string, owner: string, until: Date): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const taken = await this.db('datapact_grants')
      .where({ id: grantId })
      .where(b =>
        b
          .whereNull('provisioning_lease_until')
          .orWhere('provisioning_lease_until', '<', now)
          .orWhere('provisioning_lease_owner', owner),
      )
      .update({
        provisioning_lease_until: until.toISOString(),
        provisioning_lease_owner: owner,
      });
    return taken === 1;
  }

  async release(grantId: string, owner: string): Promise<void> {
    await this.db('datapact_grants')
      .where({ id: grantId, provisioning_lease_owner: owner })
      .update({
        provisioning_lease_until: null,
        provisioning_lease_owner: null,
      });
  }

  /** The grant's open jobs that are due, in the order they were written. */
  async dueJobs(grantId: string): Promise<JobRow[]> {
    return this.db<JobRow>('datapact_provisioning_jobs')
      .where({ grant_id: grantId })
      .whereIn('state', OPEN)
      .where('next_attempt_at', '<=', this.clock.now().toISOString())
      .orderBy('id');
  }

  /** Whether a later revoke job exists for the same grant and provisioner. */
  async overtaken(job: JobRow): Promise<boolean> {
    const later = await this.db<JobRow>('datapact_provisioning_jobs')
      .where({
        grant_id: job.grant_id,
        provisioner: job.provisioner,
        action: 'revoke',
      })
      .where('id', '>', job.id)
      .first();
    return Boolean(later);
  }

  /**
   * Records how a job ended; false when it is no longer open (a revoke
   * overtook it, or another worker recorded it while this one ran late).
   */
  async finish(
    job: JobRow,
    state: 'done' | 'not-applicable' | 'skipped',
    detail?: string,
    placement?: object,
  ): Promise<boolean> {
    const updated = await this.db<JobRow>('datapact_provisioning_jobs')
      .where({ id: job.id })
      .whereIn('state', OPEN)
      .update({
        state,
        attempts: job.attempts + 1,
        detail: detail ?? null,
        placement: placement ? JSON.stringify(placement) : null,
        last_error: null,
        updated_at: this.clock.now().toISOString(),
      });
    return updated === 1;
  }

  /** Records a failed attempt and when to retry; false when the job is no longer open. */
  async fail(job: JobRow, error: string, retryAt: Date): Promise<boolean> {
    const updated = await this.db<JobRow>('datapact_provisioning_jobs')
      .where({ id: job.id })
      .whereIn('state', OPEN)
      .update({
        state: 'failed',
        attempts: job.attempts + 1,
        last_error: error,
        next_attempt_at: retryAt.toISOString(),
        updated_at: this.clock.now().toISOString(),
      });
    return updated === 1;
  }

  /** Where the grant's last done grant step of `provisioner` opened the privilege. */
  async placementOf(
    grantId: string,
    provisioner: string,
  ): Promise<object | undefined> {
    const row = await this.db<JobRow>('datapact_provisioning_jobs')
      .where({ grant_id: grantId, provisioner, action: 'grant', state: 'done' })
      .whereNotNull('placement')
      .orderBy('id', 'desc')
      .first();
    return row?.placement ? JSON.parse(row.placement) : undefined;
  }

  /**
   * Other active grants whose privilege with `provisioner` is the same one:
   * their done grant step has the same placement, or (without placements)
   * they are the same user's on the same dataset.
   */
  async sharing(
    grant: { id: string; dataset: string; user: string },
    provisioner: string,
    placement: object | undefined,
  ): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const query = this.db('datapact_grants as g')
      .distinct('g.id')
      .whereNot('g.id', grant.id)
      .whereNull('g.revoked_at')
      .where('g.expires_at', '>', now);
    if (placement) {
      query
        .join('datapact_provisioning_jobs as j', 'j.grant_id', 'g.id')
        .where({
          'j.provisioner': provisioner,
          'j.action': 'grant',
          'j.placement': JSON.stringify(placement),
        })
        .whereIn('j.state', ['done', ...OPEN]);
    } else {
      query.where({ 'g.dataset_ref': grant.dataset, 'g.user_ref': grant.user });
    }
    return (await query).map((r: { id: string }) => r.id);
  }

  /** Whether a grant has an open job of this provisioner and action. */
  async hasOpen(
    grantId: string,
    provisioner: string,
    action: ProvisioningStep['action'],
  ): Promise<boolean> {
    const row = await this.db<JobRow>('datapact_provisioning_jobs')
      .where({ grant_id: grantId, provisioner, action })
      .whereIn('state', OPEN)
      .first();
    return Boolean(row);
  }

  /** The provisioning state of each grant that has jobs, by grant id. */
  async provisioningOf(
    grantIds: string[],
  ): Promise<Map<string, GrantProvisioning>> {
    const result = new Map<string, GrantProvisioning>();
    if (grantIds.length === 0) return result;
    const rows: JobRow[] = await this.db<JobRow>('datapact_provisioning_jobs')
      .whereIn('grant_id', grantIds)
      .orderBy('id');
    const byGrant = new Map<string, JobRow[]>();
    for (const row of rows) {
      byGrant.set(row.grant_id, [...(byGrant.get(row.grant_id) ?? []), row]);
    }
    for (const [grantId, jobs] of byGrant) {
      const action = jobs.some(j => j.action === 'revoke') ? 'revoke' : 'grant';
      const steps = jobs
        .filter(j => j.action === action)
        .map(
          (j): ProvisioningStep => ({
            provisioner: j.provisioner,
            action: j.action,
            state: j.state,
            attempts: Number(j.attempts),
            ...(j.last_error && { lastError: j.last_error }),
            ...(j.detail && { detail: j.detail }),
            ...(OPEN.includes(j.state) && { nextAttemptAt: j.next_attempt_at }),
            updatedAt: j.updated_at,
          }),
        );
      let state: GrantProvisioning['state'] = 'done';
      if (steps.some(s => s.state === 'failed')) state = 'failed';
      else if (steps.some(s => s.state === 'pending')) state = 'pending';
      result.set(grantId, { action, state, steps });
    }
    return result;
  }
}

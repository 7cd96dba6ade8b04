import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Grant } from '@datapact/backstage-plugin-common';
import { JsonObject } from '@backstage/types';
import { GrantProvisioner } from '@datapact/backstage-plugin-node';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock';
import { DatapactStores } from '../database/DatapactStores';
import { JobRow } from '../database/ProvisioningJobStore';
import { PLUGIN_ACTOR } from '../services/caller';
import { Notifier } from '../services/Notifier';

/** How the worker paces itself; the defaults suit a real warehouse. */
export interface ProvisioningTiming {
  /** How long a worker holds a grant while it runs its jobs (a dead worker's lease expires). */
  leaseMs: number;
  /** The wait before the first retry; it doubles with each failed attempt. */
  retryBaseMs: number;
  /** The longest wait between retries. */
  retryMaxMs: number;
  /** How long one provisioner call may take before it counts as failed. */
  callTimeoutMs: number;
}

export const DEFAULT_PROVISIONING_TIMING: ProvisioningTiming = {
  leaseMs: 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
  callTimeoutMs: 30_000,
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the durable provisioning jobs that grants, revokes and expiries
 * write: on every replica (a scheduled `local` task, and at once after a
 * change on this replica), each grant under a lease so that replicas never
 * run one grant's jobs together, its jobs in the order they were written,
 * each failure retried with exponential backoff until it succeeds. Results
 * are recorded on the job and audited (`grant.provisioned`,
 * `grant.deprovisioned`, `grant.provisioning-failed` on the first failure).
 */
export class ProvisioningWorker {
  private running: Promise<void> = Promise.resolve();
  private readonly owner = randomUUID();
  private readonly byName: Map<string, GrantProvisioner>;

  constructor(
    private readonly deps: {
      stores: DatapactStores;
      provisioners: readonly GrantProvisioner[];
      /** Reads an entity with the plugin's own credentials. */
      entity: (ref: string) => Promise<Entity | undefined>;
      clock: Clock;
      notifier: Notifier;
      logger: LoggerService;
      timing?: Partial<ProvisioningTiming>;
      /** Whether `wake` starts a run (else jobs wait for the schedule). */
      runAfterCommit?: boolean;
    },
  ) {
    this.byName = new Map(deps.provisioners.map(p => [p.name, p]));
  }

  /** The names jobs are written for: one job per installed provisioner. */
  get provisioners(): string[] {
    return [...this.byName.keys()];
  }

  private get timing(): ProvisioningTiming {
    return { ...DEFAULT_PROVISIONING_TIMING, ...this.deps.timing };
  }

  /** Runs every job due now, after any run in progress on this replica. */
  runOnce(): Promise<void> {
    this.running = this.running
      .then(() => this.drain())
      .catch(error =>
        this.deps.logger.warn(`Provisioning run failed: ${message(error)}`),
      );
    return this.running;
  }

  /** Starts a run soon, without waiting for it (after a commit). */
  wake(): void {
    if (this.byName.size > 0 && this.deps.runAfterCommit !== false) {
      void this.runOnce();
    }
  }

  private async drain(): Promise<void> {
    if (this.byName.size === 0) return;
    for (let round = 0; round < 100; round++) {
      const grants = await this.deps.stores.jobs.dueGrants(50);
      let progressed = false;
      for (const grantId of grants) {
        if (await this.runGrant(grantId)) progressed = true;
      }
      if (!progressed) return;
    }
  }

  /** Runs one grant's due jobs under its lease; false when another worker holds it or nothing ran. */
  private async runGrant(grantId: string): Promise<boolean> {
    const { stores, clock } = this.deps;
    const until = new Date(clock.now().getTime() + this.timing.leaseMs);
    if (!(await stores.jobs.lease(grantId, this.owner, until))) return false;
    try {
      const jobs = await stores.jobs.dueJobs(grantId);
      const grant = await stores.grants.get(grantId);
      if (jobs.length === 0 || !grant) return false;
      let entities: { dataset?: Entity; user?: Entity } | undefined;
      let catalogError: string | undefined;
      try {
        const [dataset, user] = await Promise.all([
          this.deps.entity(grant.dataset),
          this.deps.entity(grant.user),
        ]);
        entities = { dataset, user };
      } catch (error) {
        catalogError = `the catalog could not be read: ${message(error)}`;
      }
      const stalled = new Set<string>();
      let granted = false;
      for (const job of jobs) {
        if (stalled.has(job.provisioner)) continue;
        // Hold the grant for the length of each step.
        await stores.jobs.lease(
          grantId,
          this.owner,
          new Date(clock.now().getTime() + this.timing.leaseMs),
        );
        const skip = await this.skipReason(job, grant);
        if (skip) {
          await stores.jobs.finish(job, 'skipped', skip);
          continue;
        }
        const ok = entities
          ? await this.runJob(job, grant, entities)
          : await this.recordFailure(job, grant, catalogError!);
        if (!ok) stalled.add(job.provisioner);
        if (ok && job.action === 'grant') granted = true;
      }
      if (granted) await this.announceReady(grant);
      return true;
    } finally {
      await stores.jobs.release(grantId, this.owner);
    }
  }

  /**
   * Why a job need not run: a grant step overtaken by its revoke, or for a
   * grant no longer active; a revoke while another active grant still needs
   * the same privilege.
   */
  private async skipReason(
    job: JobRow,
    grant: Grant,
  ): Promise<string | undefined> {
    const { jobs } = this.deps.stores;
    if (job.action === 'grant') {
      if (await jobs.overtaken(job)) return 'overtaken by its revoke';
      if (grant.state !== 'active') return `the grant is ${grant.state}`;
      return undefined;
    }
    const placement = await jobs.placementOf(grant.id, job.provisioner);
    const [other] = await jobs.sharing(grant, job.provisioner, placement);
    return other
      ? `kept: grant ${other} still needs the same privilege`
      : undefined;
  }

  /** Runs one job; true when it is done (or does not apply). */
  private async runJob(
    job: JobRow,
    grant: Grant,
    entities: { dataset?: Entity; user?: Entity },
  ): Promise<boolean> {
    const provisioner = this.byName.get(job.provisioner);
    if (!provisioner) {
      return this.recordFailure(
        job,
        grant,
        `provisioner ${job.provisioner} is not installed on this backend`,
      );
    }
    let outcome;
    const placement =
      job.action === 'revoke'
        ? await this.deps.stores.jobs.placementOf(grant.id, job.provisioner)
        : undefined;
    try {
      const input = {
        grant,
        ...entities,
        ...(placement && { placement: placement as JsonObject }),
      };
      outcome = await this.withTimeout(
        job.action === 'grant'
          ? provisioner.grant(input)
          : provisioner.revoke(input),
      );
    } catch (error) {
      return this.recordFailure(job, grant, message(error));
    }
    const { stores, clock } = this.deps;
    if (outcome?.status === 'not-applicable') {
      await stores.jobs.finish(job, 'not-applicable', outcome.reason);
      return true;
    }
    const done = outcome?.status === 'done' ? outcome : undefined;
    const recorded = await stores.transaction(async tx => {
      if (!(await tx.jobs.finish(job, 'done', done?.detail, done?.placement))) {
        // Overtaken while it ran (a revoke, or another worker after this
        // one's lease ran out): a grant that landed late must be taken back.
        if (job.action === 'grant') {
          await tx.jobs.enqueue(grant.id, 'revoke', [job.provisioner]);
        }
        return false;
      }
      await tx.audit.append({
        at: clock.now().toISOString(),
        actor: PLUGIN_ACTOR,
        action:
          job.action === 'grant' ? 'grant.provisioned' : 'grant.deprovisioned',
        subject: `grant:${grant.id}`,
        entity: grant.dataset,
        details: {
          provisioner: job.provisioner,
          attempts: job.attempts + 1,
          detail: done?.detail ?? null,
        },
      });
      return true;
    });
    if (recorded && job.action === 'revoke')
      await this.reopenShared(job, grant);
    return recorded;
  }

  /**
   * After a revoke, grants that came to need the same privilege while it ran
   * (approved on another replica) get a new grant step: a revoke never
   * leaves an active grant without its privilege.
   */
  private async reopenShared(job: JobRow, grant: Grant): Promise<void> {
    const { stores } = this.deps;
    const placement = await stores.jobs.placementOf(grant.id, job.provisioner);
    for (const other of await stores.jobs.sharing(
      grant,
      job.provisioner,
      placement,
    )) {
      if (!(await stores.jobs.hasOpen(other, job.provisioner, 'grant'))) {
        await stores.transaction(tx =>
          tx.jobs.enqueue(other, 'grant', [job.provisioner]),
        );
      }
    }
  }

  /** Records a failed attempt and when to retry; the first failure is audited. */
  private async recordFailure(
    job: JobRow,
    grant: Grant,
    error: string,
  ): Promise<false> {
    const { stores, clock, logger } = this.deps;
    const { retryBaseMs, retryMaxMs } = this.timing;
    const wait = Math.min(retryMaxMs, retryBaseMs * 2 ** job.attempts);
    const retryAt = new Date(clock.now().getTime() + wait);
    logger.warn(
      `Grant provisioner ${job.provisioner} failed to ${job.action} grant ${
        grant.id
      } (attempt ${
        job.attempts + 1
      }): ${error}; retrying at ${retryAt.toISOString()}`,
    );
    await stores.transaction(async tx => {
      await tx.jobs.fail(job, error, retryAt);
      if (job.attempts === 0) {
        await tx.audit.append({
          at: clock.now().toISOString(),
          actor: PLUGIN_ACTOR,
          action: 'grant.provisioning-failed',
          subject: `grant:${grant.id}`,
          entity: grant.dataset,
          details: {
            provisioner: job.provisioner,
            action: job.action,
            error,
            retryAt: retryAt.toISOString(),
          },
        });
      }
    });
    return false;
  }

  /** Tells the holder once every grant step is done. */
  private async announceReady(grant: Grant): Promise<void> {
    const state = (await this.deps.stores.jobs.provisioningOf([grant.id])).get(
      grant.id,
    );
    if (
      state?.action === 'grant' &&
      state.state === 'done' &&
      state.steps.some(s => s.state === 'done')
    ) {
      this.deps.notifier.grantChanged(grant, 'is ready: your access is open');
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.timing.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${ms / 1000} s`)),
        ms,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

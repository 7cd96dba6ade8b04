import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  AccessBasisProblem,
  checkAccessBasis,
  GovernanceWorld,
  Grant,
  ImpactGrant,
  RevokeGrant,
} from '@datapact/backstage-plugin-common';
import { DateTime, Duration } from 'luxon';
import { Clock } from '../clock';
import { DatapactStores } from '../database/DatapactStores';
import { stewardshipOf } from './approvers';
import { PLUGIN_ACTOR, UserCaller } from './caller';
import {
  CatalogAccess,
  memberGroupsOf,
  organizationsOf,
} from './CatalogAccess';
import { Governance } from './Governance';
import { Notifier } from './Notifier';
import { ProvisioningWorker } from '../provisioning/ProvisioningWorker';
import { normalizeRef } from '../refs';

/**
 * Grants: read with their state as of now, revoked by an approver, expired
 * by the sweep (which audits the expiry and tells the provisioners) and
 * announced to their holder shortly before they end.
 */
export class Grants {
  constructor(
    private readonly deps: {
      stores: DatapactStores;
      catalog: CatalogAccess;
      governance: Governance;
      clock: Clock;
      sensitivityTiers?: string[];
      expiryWarning: Duration;
      notifier: Notifier;
      provisioning: ProvisioningWorker;
      logger: LoggerService;
    },
  ) {}

  async get(id: string): Promise<Grant> {
    const grant = await this.deps.stores.grants.get(id);
    if (!grant) throw new NotFoundError(`No grant ${id}`);
    return grant;
  }

  list(options: Parameters<DatapactStores['grants']['list']>[0]) {
    return this.deps.stores.grants.list(options);
  }

  /** The active grants on any of `datasets` that `permission` lets the caller see, for impact analysis. */
  async activeOn(
    datasets: string[],
    permission: Parameters<DatapactStores['grants']['list']>[0]['permission'],
  ): Promise<ImpactGrant[]> {
    if (datasets.length === 0) return [];
    const page = await this.deps.stores.grants.list({
      datasets: datasets.map(d => normalizeRef(d, 'Dataset')),
      active: true,
      permission,
      limit: 1000,
    });
    return page.items.map(g => ({
      id: g.id,
      dataset: g.dataset,
      user: g.user,
      expiresAt: g.expiresAt,
    }));
  }

  async revoke(user: UserCaller, id: string, input: RevokeGrant) {
    const { stores, catalog } = this.deps;
    const grant = await this.get(id);
    const context = await catalog.datasetContext(grant.dataset);
    const stewardship = stewardshipOf(
      await catalog.approvers(context),
      user.claims,
    );
    if (!stewardship) {
      throw new NotAllowedError(
        `${user.ref} is not an approver of ${grant.dataset}, nor a delegate of one`,
      );
    }
    const revoked = await stores.answer(async tx => {
      if (!(await tx.grants.revoke(id, user.ref, input.reason))) {
        throw new ConflictError(`Grant ${id} is not active`);
      }
      await this.recordEnd(tx, grant, user.ref, 'grant.revoked', {
        reason: input.reason,
        onBehalfOf: stewardship.onBehalfOf,
        delegate: stewardship.delegate ?? null,
      });
      return tx.grants.get(id);
    });
    this.deps.notifier.grantChanged(revoked!, 'was revoked');
    this.deps.provisioning.wake();
    return revoked!;
  }

  /**
   * The lifecycle sweep: ends every active grant whose basis no longer holds
   * over the current catalog (`checkAccessBasis`, the rules a request and
   * an approval pass), read once per run. Each ended grant is `revoked` by
   * `plugin:datapact` with its cause, audited, announced to its holder and
   * handed to the provisioners. Returns how many it ended.
   */
  async endBrokenGrants(): Promise<number> {
    const { stores, clock, governance } = this.deps;
    const entities = await governance.readCatalog();
    const world = new GovernanceWorld(entities, {
      today: clock.now().toISOString().slice(0, 10),
      sensitivityTiers: this.deps.sensitivityTiers,
    });
    const users = new Map(
      entities
        .filter(e => e.kind === 'User')
        .map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
    );
    const organizations = new Map<string, string[]>();
    const organizationsOfUser = (ref: string) => {
      let found = organizations.get(ref);
      if (!found) {
        const user = users.get(ref.toLocaleLowerCase('en-US'));
        found = organizationsOf(world, ref, user ? memberGroupsOf(user) : []);
        organizations.set(ref, found);
      }
      return found;
    };
    // Many grants share a basis (dataset, purpose, agreement, organization).
    const judged = new Map<string, AccessBasisProblem[]>();
    let ended = 0;
    let after = '';
    for (;;) {
      const page = await stores.grants.activeWithBasis(after, 500);
      if (page.length === 0) break;
      after = page[page.length - 1].grant.id;
      for (const { grant, organization, agreement, tier } of page) {
        const requesterOrganizations = organizationsOfUser(grant.user);
        const key = JSON.stringify([
          grant.dataset,
          grant.purpose,
          agreement,
          organization,
          tier,
          requesterOrganizations,
        ]);
        let problems = judged.get(key);
        if (!problems) {
          problems = checkAccessBasis(world, {
            dataset: grant.dataset,
            purpose: grant.purpose,
            agreement,
            requesterOrganization: organization,
            tier,
            requesterOrganizations,
            requester: grant.user,
          });
          judged.set(key, problems);
        }
        if (problems.length > 0 && (await this.endGrant(grant, problems[0]))) {
          ended++;
        }
      }
    }
    return ended;
  }

  private async endGrant(
    grant: Grant,
    problem: AccessBasisProblem,
  ): Promise<boolean> {
    const { stores } = this.deps;
    const reason = problem.message;
    const ended = await stores.transaction(async tx => {
      if (
        !(await tx.grants.endBySweep(
          grant.id,
          PLUGIN_ACTOR,
          problem.cause,
          reason,
        ))
      ) {
        return undefined;
      }
      await this.recordEnd(tx, grant, PLUGIN_ACTOR, 'grant.revoked', {
        cause: problem.cause,
        rule: problem.rule,
        reason,
        entities: problem.entities,
      });
      return tx.grants.get(grant.id);
    });
    if (ended) {
      this.deps.notifier.grantChanged(ended, `ended: ${reason}`);
      this.deps.provisioning.wake();
    }
    return Boolean(ended);
  }

  /**
   * What every end of a grant writes in its transaction: the revoke job of
   * each provisioner, and the audit entry. A revocation's entry carries the
   * `revokedAt` its row got, so that verification can compare the row with
   * the chain.
   */
  private async recordEnd(
    tx: DatapactStores,
    grant: Grant,
    actor: string,
    action: 'grant.revoked' | 'grant.expired',
    details: JsonObject,
  ): Promise<void> {
    await tx.jobs.enqueue(
      grant.id,
      'revoke',
      this.deps.provisioning.provisioners,
    );
    const revokedAt =
      action === 'grant.revoked'
        ? { revokedAt: (await tx.grants.get(grant.id))?.revokedAt ?? null }
        : {};
    await tx.audit.append({
      at: this.deps.clock.now().toISOString(),
      actor,
      action,
      subject: `grant:${grant.id}`,
      entity: grant.dataset,
      details: { ...details, ...revokedAt, requestId: grant.requestId },
    });
  }

  /** Audits the grants that reached `expiresAt` and writes their revoke jobs; returns how many. */
  async expireDue(): Promise<number> {
    const { stores } = this.deps;
    let expired = 0;
    for (const grant of await stores.grants.expiredUnhandled(500)) {
      const handled = await stores.transaction(async tx => {
        if (!(await tx.grants.markExpiryHandled(grant.id))) return false;
        await this.recordEnd(tx, grant, PLUGIN_ACTOR, 'grant.expired', {
          expiresAt: grant.expiresAt,
        });
        return true;
      });
      if (handled) expired++;
    }
    if (expired > 0) this.deps.provisioning.wake();
    return expired;
  }

  /** Tells holders whose grants end within the warning period; returns how many. */
  async warnExpiring(): Promise<number> {
    const { stores, clock, expiryWarning } = this.deps;
    const until = DateTime.fromJSDate(clock.now())
      .plus(expiryWarning)
      .toJSDate();
    let warned = 0;
    for (const grant of await stores.grants.expiringUnwarned(until, 500)) {
      if (await stores.grants.markWarned(grant.id)) {
        warned++;
        this.deps.notifier.grantChanged(grant, 'ends soon');
      }
    }
    return warned;
  }
}

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Grant,
  ImpactGrant,
  RevokeGrant,
} from '@datapact/backstage-plugin-common';
import { DateTime, Duration } from 'luxon';
import { Clock } from '../clock';
import { DatapactStores } from '../database/DatapactStores';
import { stewardshipOf } from './approvers';
import { PLUGIN_ACTOR, UserCaller } from './caller';
import { CatalogAccess } from './CatalogAccess';
import { Notifier } from './Notifier';
import { Provisioning } from './Provisioning';
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
      clock: Clock;
      expiryWarning: Duration;
      notifier: Notifier;
      provisioning: Provisioning;
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
    const { stores, catalog, clock } = this.deps;
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
    await stores.transaction(async tx => {
      if (!(await tx.grants.revoke(id, user.ref, input.reason))) {
        throw new ConflictError(`Grant ${id} is not active`);
      }
      await tx.audit.append({
        at: clock.now().toISOString(),
        actor: user.ref,
        action: 'grant.revoked',
        subject: `grant:${id}`,
        entity: grant.dataset,
        details: {
          reason: input.reason,
          onBehalfOf: stewardship.onBehalfOf,
          delegate: stewardship.delegate ?? null,
          requestId: grant.requestId,
        },
      });
    });
    const revoked = await this.get(id);
    this.deps.notifier.grantChanged(revoked, 'was revoked');
    await this.deps.provisioning.run('revoke', revoked);
    return revoked;
  }

  /** Audits the grants that reached `expiresAt` and tells the provisioners; returns how many. */
  async expireDue(): Promise<number> {
    const { stores, clock } = this.deps;
    let expired = 0;
    for (const grant of await stores.grants.expiredUnhandled(500)) {
      const handled = await stores.transaction(async tx => {
        if (!(await tx.grants.markExpiryHandled(grant.id))) return false;
        await tx.audit.append({
          at: clock.now().toISOString(),
          actor: PLUGIN_ACTOR,
          action: 'grant.expired',
          subject: `grant:${grant.id}`,
          entity: grant.dataset,
          details: { expiresAt: grant.expiresAt, requestId: grant.requestId },
        });
        return true;
      });
      if (handled) {
        expired++;
        await this.deps.provisioning.run('expiry', grant);
      }
    }
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

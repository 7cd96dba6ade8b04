import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  Grant,
  isDatasetEntity,
  ReportedFinding,
} from '@datapact/backstage-plugin-common';
import { GrantProvisioner } from '@datapact/backstage-plugin-node';
import { Clock } from '../clock';
import { DatapactStores } from '../database/DatapactStores';
import { FindingsSnapshot, FindingsStore } from '../database/FindingsStore';
import { normalizeRef } from '../refs';
import { PLUGIN_ACTOR } from '../services/caller';

/** `report` only reports drift; `enforce` also takes back what no grant explains. */
export type ReconcileMode = 'report' | 'enforce';

const label = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref);
  return `\`${namespace === 'default' ? name : `${namespace}/${name}`}\``;
};

/**
 * Compares what each provisioner's target really allows (`inspect`) with
 * the active grants, and keeps the differences as findings with rule
 * `provisioning-drift`, served with the governance findings: a privilege no
 * active grant explains, and an active grant whose privilege is missing
 * (its grant step done, yet the target shows nothing). With `enforce`, the
 * first are taken back (`revokePrivilege`, audited) and the second opened
 * again (a new grant job).
 */
export class Reconciliation {
  constructor(
    private readonly deps: {
      stores: DatapactStores;
      provisioners: readonly GrantProvisioner[];
      readCatalog: () => Promise<Entity[]>;
      store: FindingsStore;
      clock: Clock;
      logger: LoggerService;
      mode: ReconcileMode;
      /** Starts the worker after jobs were written. */
      wake: () => void;
    },
  ) {}

  async run(): Promise<FindingsSnapshot> {
    const { provisioners, logger, mode } = this.deps;
    const inspecting = provisioners.filter(p => p.inspect);
    const entities = inspecting.length ? await this.deps.readCatalog() : [];
    const datasets = entities.filter(isDatasetEntity);
    const users = entities.filter(e => e.kind === 'User');
    const grants = inspecting.length ? await this.activeGrants() : [];
    const findings: ReportedFinding[] = [];
    for (const provisioner of inspecting) {
      let observed;
      let notInspected: Set<string>;
      try {
        const result = await provisioner.inspect!({ datasets, users });
        observed = result.privileges;
        notInspected = new Set(
          (result.notInspected ?? []).map(d => normalizeRef(d, 'Dataset')),
        );
      } catch (error) {
        // An unreachable target says nothing about drift.
        logger.warn(
          `Reconciliation: ${provisioner.name} could not be inspected: ${error}`,
        );
        continue;
      }
      // The active grants that may explain a privilege: on its dataset, the
      // same user's, or opened for the same principal (users sharing one role
      // share its privilege), with the columns their grant step opened.
      const placements = new Map<
        string,
        { role?: string; columns?: string[] }
      >();
      for (const grant of grants) {
        const placement = (await this.deps.stores.jobs.placementOf(
          grant.id,
          provisioner.name,
        )) as { role?: unknown; columns?: unknown } | undefined;
        placements.set(grant.id, {
          ...(typeof placement?.role === 'string' && { role: placement.role }),
          ...(Array.isArray(placement?.columns) && {
            columns: placement!.columns as string[],
          }),
        });
      }
      type Privilege = (typeof observed)[number];
      const sameHolder = (grant: Grant, privilege: Privilege) => {
        const placement = placements.get(grant.id) ?? {};
        return (
          normalizeRef(grant.dataset, 'Dataset') ===
            normalizeRef(privilege.dataset, 'Dataset') &&
          ((privilege.user &&
            normalizeRef(grant.user, 'User') ===
              normalizeRef(privilege.user, 'User')) ||
            placement.role === privilege.principal)
        );
      };
      // The privilege is within what the grant opened.
      const explains = (grant: Grant, privilege: Privilege) => {
        const placement = placements.get(grant.id) ?? {};
        const same = sameHolder(grant, privilege);
        if (!same) return false;
        // A grant scoped to columns explains no more than those columns.
        if (!placement.columns) return true;
        return Boolean(
          privilege.columns?.every(c => placement.columns!.includes(c)),
        );
      };

      // What the grant opened is within the privilege held.
      const covers = (privilege: Privilege, grant: Grant) => {
        if (!sameHolder(grant, privilege)) return false;
        const columns = placements.get(grant.id)?.columns;
        if (!privilege.columns) return true;
        return Boolean(columns?.every(c => privilege.columns!.includes(c)));
      };

      for (const privilege of observed) {
        if (grants.some(g => explains(g, privilege))) continue;
        let taken = false;
        if (mode === 'enforce' && provisioner.revokePrivilege) {
          try {
            await provisioner.revokePrivilege(privilege);
            taken = true;
            await this.audit(
              'provisioning.privilege-revoked',
              privilege.dataset,
              {
                provisioner: provisioner.name,
                principal: privilege.principal,
                user: privilege.user ?? null,
                description: privilege.description,
              },
            );
          } catch (error) {
            logger.warn(
              `Reconciliation: ${provisioner.name} could not take back ${privilege.description} from ${privilege.principal}: ${error}`,
            );
          }
        }
        findings.push({
          rule: 'provisioning-drift',
          severity: 'error',
          entities: [
            normalizeRef(privilege.dataset, 'Dataset'),
            ...(privilege.user ? [normalizeRef(privilege.user, 'User')] : []),
          ],
          message: `${privilege.description} is held by \`${
            privilege.principal
          }\`${
            privilege.user ? ` (${label(privilege.user)})` : ''
          }, but no active grant explains it (${provisioner.name}); ${
            taken
              ? 'it was taken back.'
              : 'take it back, or request access through Datapact.'
          }`,
        });
      }

      for (const grant of grants) {
        const step = grant.provisioning?.steps.find(
          s => s.provisioner === provisioner.name,
        );
        if (grant.provisioning?.action !== 'grant' || step?.state !== 'done') {
          continue;
        }
        if (notInspected.has(grant.dataset)) continue;
        if (observed.some(privilege => covers(privilege, grant))) continue;
        if (
          mode === 'enforce' &&
          !(await this.deps.stores.jobs.hasOpen(
            grant.id,
            provisioner.name,
            'grant',
          ))
        ) {
          await this.deps.stores.transaction(tx =>
            tx.jobs.enqueue(grant.id, 'grant', [provisioner.name]),
          );
        }
        findings.push({
          rule: 'provisioning-drift',
          severity: 'error',
          entities: [grant.dataset, grant.user],
          message: `${label(grant.user)} holds an active grant on ${label(
            grant.dataset,
          )} (grant ${grant.id}), but ${
            provisioner.name
          } shows no privilege for it on its target; ${
            mode === 'enforce'
              ? 'it is being opened again.'
              : 'open it again, or revoke the grant.'
          }`,
        });
      }
      // A target that could not be inspected keeps its earlier findings.
      if (notInspected.size) {
        const before = (await this.deps.store.latest())?.findings ?? [];
        findings.push(...before.filter(f => notInspected.has(f.entities[0])));
      }
    }
    if (mode === 'enforce' && findings.length) this.deps.wake();
    const snapshot: FindingsSnapshot = {
      computedAt: this.deps.clock.now().toISOString(),
      today: this.deps.clock.now().toISOString().slice(0, 10),
      entities: entities.length,
      findings,
    };
    await this.deps.store.save(snapshot);
    if (findings.length) {
      logger.info(`Reconciliation: ${findings.length} drift findings`);
    }
    return snapshot;
  }

  private async activeGrants(): Promise<Grant[]> {
    const grants: Grant[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.stores.grants.list({
        active: true,
        limit: 1000,
        cursor,
      });
      grants.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return grants;
  }

  private async audit(action: string, entity: string, details: object) {
    await this.deps.stores.transaction(tx =>
      tx.audit.append({
        at: this.deps.clock.now().toISOString(),
        actor: PLUGIN_ACTOR,
        action,
        subject: normalizeRef(entity, 'Dataset'),
        entity: normalizeRef(entity, 'Dataset'),
        details: details as any,
      }),
    );
  }
}

import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  evaluateGovernance,
  FindingsReport,
  FindingsSummary,
  GovernanceWorld,
  isAgreementEntity,
  isDatasetEntity,
  ReportedFinding,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';
import { FindingsSnapshot, FindingsStore } from '../database/FindingsStore';
import { createFindingFileResolver } from './findingFile';

/** The kinds the rules read: the Datapact kinds and the Groups and Users that decide organizations. */
const KINDS = ['Dataset', 'Agreement', 'Steward', 'Group', 'User'];
const PAGE = 1000;

/**
 * Runs the governance rules of the common package over the live catalog —
 * the same `evaluateGovernance` the command line runs — and keeps the latest
 * result in the database for every replica to serve.
 */
export class Governance {
  /** Where findings say their entity is defined: never a server path. */
  private readonly fileOf = createFindingFileResolver();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      clock: Clock;
      store: FindingsStore;
      /** Drift findings of the provisioning reconciliation, served with the rules' findings. */
      drift?: FindingsStore;
      logger: LoggerService;
      sensitivityTiers?: string[];
    },
  ) {}

  /** Reads the catalog, evaluates every rule and stores the result. */
  async refresh(): Promise<FindingsSnapshot> {
    const started = Date.now();
    const entities = await this.readCatalog();
    const today = this.options.clock.now().toISOString().slice(0, 10);
    const options = { today, sensitivityTiers: this.options.sensitivityTiers };
    const world = new GovernanceWorld(entities, options);
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    const findings = evaluateGovernance(entities, options).map(finding => {
      const subject = byRef.get(finding.entities[0]);
      const file = subject && this.fileOf(subject);
      return {
        ...finding,
        ...(file ? { file } : {}),
        ...(subject ? { organization: organizationOf(world, subject) } : {}),
      };
    });
    const snapshot = {
      computedAt: this.options.clock.now().toISOString(),
      today,
      entities: entities.length,
      findings,
    };
    await this.options.store.save(snapshot);
    this.options.logger.info(
      `Governance: ${findings.length} findings over ${
        entities.length
      } entities in ${Date.now() - started} ms`,
    );
    return snapshot;
  }

  /** The latest findings, for one entity when given; evaluated now if there are none yet. */
  async findings(entity?: string): Promise<FindingsReport> {
    const snapshot = await this.withDrift();
    const wanted = entity?.toLowerCase();
    return {
      entities: snapshot.entities,
      problems: wanted
        ? snapshot.findings.filter(f =>
            f.entities.some(ref => ref.toLowerCase() === wanted),
          )
        : snapshot.findings,
      computedAt: snapshot.computedAt,
      today: snapshot.today,
    };
  }

  async summary(): Promise<FindingsSummary> {
    const snapshot = await this.withDrift();
    const bySeverity: Record<string, number> = {};
    const byRule: Record<string, Record<string, number>> = {};
    const byOrganization: Record<string, Record<string, number>> = {};
    const count = (
      table: Record<string, Record<string, number>>,
      row: string,
      severity: string,
    ) => {
      table[row] ??= {};
      table[row][severity] = (table[row][severity] ?? 0) + 1;
    };
    for (const f of snapshot.findings) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      count(byRule, f.rule, f.severity);
      count(byOrganization, f.organization ?? 'unknown', f.severity);
    }
    return {
      computedAt: snapshot.computedAt,
      today: snapshot.today,
      entities: snapshot.entities,
      total: snapshot.findings.length,
      bySeverity,
      byRule,
      byOrganization,
    };
  }

  /**
   * The open `error` findings whose subject (first entity) is the dataset:
   * access to data that breaks a rule is not handed out.
   */
  async blockingFindings(dataset: string): Promise<ReportedFinding[]> {
    const snapshot = await this.latest();
    const wanted = dataset.toLowerCase();
    return snapshot.findings.filter(
      f => f.severity === 'error' && f.entities[0]?.toLowerCase() === wanted,
    );
  }

  /** The rules' findings and the reconciliation's drift findings together. */
  private async withDrift(): Promise<FindingsSnapshot> {
    const [snapshot, drift] = await Promise.all([
      this.latest(),
      this.options.drift?.latest(),
    ]);
    return drift
      ? { ...snapshot, findings: [...snapshot.findings, ...drift.findings] }
      : snapshot;
  }

  private async latest(): Promise<FindingsSnapshot> {
    return (await this.options.store.latest()) ?? (await this.refresh());
  }

  /** Every entity of the kinds the rules read, a page at a time, with the plugin's own credentials. */
  async readCatalog(): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE }
          : { filter: { kind: KINDS }, limit: PAGE },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }
}

/** The organization a finding concerns: its subject's organization. */
function organizationOf(
  world: GovernanceWorld,
  subject: Entity,
): string | undefined {
  if (isDatasetEntity(subject)) return world.organizationOf(subject);
  if (isAgreementEntity(subject)) {
    const provider = subject.spec.parties.find(p => p.role === 'provider');
    return world.organizationOfGroup(
      world.resolve(subject, provider?.party ?? subject.spec.owner, 'Group'),
    );
  }
  return undefined;
}

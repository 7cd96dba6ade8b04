import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GovernanceWorld,
  ImpactGrant,
  ImpactSummary,
  LineageDirection,
  LineageGraph,
  LineageSource,
  summarizeImpact,
  traverseLineage,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';
import { LineageIndex } from './LineageIndex';
import { DATASET_FIELDS, GROUP_FIELDS } from './lineageFields';

/** Limits of the lineage endpoints, from `datapact.lineage`. */
export interface LineageLimits {
  defaultDepth: number;
  maxDepth: number;
  defaultLimit: number;
  maxLimit: number;
}

/** Where a lineage or impact answer came from. */
export type LineageAnswerSource = 'index' | 'catalog';

/**
 * Lineage and impact, never one catalog request per dataset. Two ways:
 *
 * - from the {@link LineageIndex} (an in-memory copy of the catalog's
 *   datasets, groups and agreements, polled for changes every few seconds
 *   while lineage is in use), when the index is fresh, holds the root, and
 *   the caller may read every
 *   catalog entity (the permission framework answers an unconditional ALLOW
 *   for `catalog.entity.read`): no catalog request at all;
 * - otherwise from the catalog one batch per hop (`getEntitiesByRefs` of the
 *   whole frontier, with the caller's credentials, so that a dataset the
 *   caller cannot see appears as missing). Groups, used only to name each
 *   dataset's organization, and agreements are then cached briefly.
 */
export class Lineage {
  private cache?: { at: number; groups: Entity[]; agreements: Entity[] };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      clock: Clock;
      limits: LineageLimits;
      cacheMillis?: number;
      index?: LineageIndex;
      permissions?: PermissionsService;
    },
  ) {}

  async graph(
    request: {
      entity: string;
      direction: LineageDirection;
      depth?: number;
      limit?: number;
    },
    credentials: BackstageCredentials,
    answeredFrom?: (source: LineageAnswerSource) => void,
  ): Promise<LineageGraph> {
    const { limits } = this.options;
    const source = await this.source(request.entity, credentials);
    answeredFrom?.(source.name);
    return traverseLineage(source, {
      root: request.entity,
      direction: request.direction,
      depth: Math.min(request.depth ?? limits.defaultDepth, limits.maxDepth),
      limit: Math.min(request.limit ?? limits.defaultLimit, limits.maxLimit),
    });
  }

  /** Everything downstream of a dataset (up to the maximum depth and limit), and the active grants on it. */
  async impact(
    entity: string,
    credentials: BackstageCredentials,
    activeGrants: (datasets: string[]) => Promise<ImpactGrant[]>,
    answeredFrom?: (source: LineageAnswerSource) => void,
  ): Promise<ImpactSummary & { grants: ImpactGrant[] }> {
    const { limits } = this.options;
    const source = await this.source(entity, credentials);
    answeredFrom?.(source.name);
    const graph = await traverseLineage(source, {
      root: entity,
      direction: 'downstream',
      depth: limits.maxDepth,
      limit: limits.maxLimit,
    });
    const summary = summarizeImpact(graph, await source.agreements());
    return {
      ...summary,
      grants: await activeGrants(summary.datasets.map(d => d.ref)),
    };
  }

  private today() {
    return this.options.clock.now().toISOString().slice(0, 10);
  }

  /** Whether this request may be answered from the index. */
  private async indexFor(root: string, credentials: BackstageCredentials) {
    const { index, permissions } = this.options;
    index?.touch();
    if (!index?.ready || !permissions || !index.hasDataset(root)) return false;
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async source(
    root: string,
    credentials: BackstageCredentials,
  ): Promise<
    LineageSource & {
      name: LineageAnswerSource;
      agreements(): Promise<Entity[]>;
    }
  > {
    const { index } = this.options;
    if (index && (await this.indexFor(root, credentials))) {
      const today = this.today();
      const world = index.world(today);
      return {
        name: 'index',
        getDatasets: async refs => index.datasets(refs),
        organizationOf: dataset => world.organizationOf(dataset),
        agreements: async () => index.agreements(today),
      };
    }
    const { groups } = await this.reference();
    const world = new GovernanceWorld(groups, { today: this.today() });
    return {
      name: 'catalog',
      getDatasets: async refs =>
        (
          await this.options.catalog.getEntitiesByRefs(
            { entityRefs: refs, fields: DATASET_FIELDS },
            { credentials },
          )
        ).items.filter((e): e is Entity => Boolean(e)),
      organizationOf: dataset => world.organizationOf(dataset),
      agreements: async () => (await this.reference()).agreements,
    };
  }

  private async reference() {
    const now = Date.now();
    if (
      !this.cache ||
      now - this.cache.at > (this.options.cacheMillis ?? 60_000)
    ) {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const [groups, agreements] = await Promise.all([
        this.options.catalog.getEntities(
          { filter: { kind: 'Group' }, fields: GROUP_FIELDS },
          { credentials },
        ),
        this.options.catalog.getEntities(
          { filter: { kind: 'Agreement' } },
          { credentials },
        ),
      ]);
      this.cache = {
        at: now,
        groups: groups.items,
        agreements: agreements.items,
      };
    }
    return this.cache;
  }
}

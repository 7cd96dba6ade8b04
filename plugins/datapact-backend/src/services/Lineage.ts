import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GovernanceWorld,
  ImpactGrant,
  ImpactSummary,
  LineageDirection,
  LineageGraph,
  summarizeImpact,
  traverseLineage,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';

const GROUP_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.type',
  'spec.parent',
];

/** The fields lineage reads of a dataset: only what a node shows and the walk follows. */
const DATASET_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
  'spec.lifecycle',
  'spec.sensitivity.tier',
  'spec.license.spdx',
  'spec.lineage',
  'spec.provenance.organization',
  'relations',
];

/** Limits of the lineage endpoints, from `datapact.lineage`. */
export interface LineageLimits {
  defaultDepth: number;
  maxDepth: number;
  defaultLimit: number;
  maxLimit: number;
}

/**
 * Lineage and impact, computed from the catalog one batch per hop
 * (`getEntitiesByRefs` of the whole frontier), never one request per
 * dataset. Datasets are read live with the caller's credentials, so lineage
 * is as fresh as the catalog and shows only what the caller may see (a
 * dataset the caller cannot see appears as missing). Groups, used only to
 * name each dataset's organization, and agreements are cached briefly.
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
  ): Promise<LineageGraph> {
    const { limits } = this.options;
    return this.traverse(
      {
        root: request.entity,
        direction: request.direction,
        depth: Math.min(request.depth ?? limits.defaultDepth, limits.maxDepth),
        limit: Math.min(request.limit ?? limits.defaultLimit, limits.maxLimit),
      },
      credentials,
    );
  }

  /** Everything downstream of a dataset (up to the maximum depth and limit), and the active grants on it. */
  async impact(
    entity: string,
    credentials: BackstageCredentials,
    activeGrants: (datasets: string[]) => Promise<ImpactGrant[]>,
  ): Promise<ImpactSummary & { grants: ImpactGrant[] }> {
    const { limits } = this.options;
    const graph = await this.traverse(
      {
        root: entity,
        direction: 'downstream',
        depth: limits.maxDepth,
        limit: limits.maxLimit,
      },
      credentials,
    );
    const { agreements } = await this.reference();
    const summary = summarizeImpact(graph, agreements);
    return {
      ...summary,
      grants: await activeGrants(summary.datasets.map(d => d.ref)),
    };
  }

  private async traverse(
    options: Parameters<typeof traverseLineage>[1],
    credentials: BackstageCredentials,
  ) {
    const { groups } = await this.reference();
    const world = new GovernanceWorld(groups, {
      today: this.options.clock.now().toISOString().slice(0, 10),
    });
    return traverseLineage(
      {
        getDatasets: async refs =>
          (
            await this.options.catalog.getEntitiesByRefs(
              { entityRefs: refs, fields: DATASET_FIELDS },
              { credentials },
            )
          ).items.filter((e): e is Entity => Boolean(e)),
        organizationOf: dataset => world.organizationOf(dataset),
      },
      options,
    );
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

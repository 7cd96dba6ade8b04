import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GovernanceWorld,
  ImpactGrant,
  ImpactSummary,
  LineageDirection,
  LineageGraph,
  DatasetEntityV1alpha1,
  LineageOptions,
  LineageSource,
  summarizeImpact,
  traverseLineage,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';
import { LineageIndex } from './LineageIndex';
import { DATASET_FIELDS, GROUP_FIELDS } from './lineageFields';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Limits of the lineage endpoints, from `datapact.lineage`. */
export interface LineageLimits {
  defaultDepth: number;
  maxDepth: number;
  defaultLimit: number;
  maxLimit: number;
}

/**
 * Where a lineage or impact answer came from: the index, the index with the
 * catalog judging what the caller may see, or the catalog one batch per hop.
 */
export type LineageAnswerSource = 'index' | 'index-filtered' | 'catalog';

/**
 * Lineage and impact, never one catalog request per dataset. Three ways:
 *
 * - from the {@link LineageIndex} (an in-memory copy of the catalog's
 *   datasets, groups and agreements, polled for changes every few seconds
 *   while lineage is in use), when the index is fresh and holds the root, and
 *   the caller may read every catalog entity (the permission framework
 *   answers an unconditional ALLOW for `catalog.entity.read`): no catalog
 *   request at all;
 * - from the index with the catalog judging visibility, when the caller's
 *   catalog read is conditional: one or two catalog requests;
 * - otherwise from the catalog one batch per hop (`getEntitiesByRefs` of the
 *   whole frontier, with the caller's credentials). Groups, used only to name
 *   each dataset's organization, and agreements are then cached briefly.
 *
 * Either way a dataset the caller may not see appears as missing, and the
 * walk does not go past it.
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
    const walk: LineageOptions = {
      root: request.entity,
      direction: request.direction,
      depth: Math.min(request.depth ?? limits.defaultDepth, limits.maxDepth),
      limit: Math.min(request.limit ?? limits.defaultLimit, limits.maxLimit),
    };
    const source = await this.source(request.entity, credentials, walk);
    answeredFrom?.(source.name);
    return traverseLineage(source, walk);
  }

  /** Everything downstream of a dataset (up to the maximum depth and limit), and the active grants on it. */
  async impact(
    entity: string,
    credentials: BackstageCredentials,
    activeGrants: (datasets: string[]) => Promise<ImpactGrant[]>,
    answeredFrom?: (source: LineageAnswerSource) => void,
  ): Promise<ImpactSummary & { grants: ImpactGrant[] }> {
    const { limits } = this.options;
    const walk: LineageOptions = {
      root: entity,
      direction: 'downstream',
      depth: limits.maxDepth,
      limit: limits.maxLimit,
    };
    const source = await this.source(entity, credentials, walk);
    answeredFrom?.(source.name);
    const graph = await traverseLineage(source, walk);
    const summary = summarizeImpact(graph, await source.agreements());
    return {
      ...summary,
      grants: await activeGrants(summary.datasets.map(d => d.ref)),
    };
  }

  private today() {
    return this.options.clock.now().toISOString().slice(0, 10);
  }

  /**
   * How the caller may read the catalog, for the index: `all` (an
   * unconditional ALLOW of `catalog.entity.read`), `some` (a conditional
   * decision: the catalog decides entity by entity), or `none`. Undefined
   * when the index cannot answer for this root at all.
   */
  private async indexAccess(
    root: string,
    credentials: BackstageCredentials,
  ): Promise<'all' | 'some' | 'none' | undefined> {
    const { index, permissions } = this.options;
    index?.touch();
    if (!index?.ready || !permissions || !index.hasDataset(root)) {
      return undefined;
    }
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.CONDITIONAL) return 'some';
    return 'none';
  }

  /** Which of `refs` the caller may see, asked of the catalog in one request. */
  private async visibleAmong(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(
      items
        .filter((e): e is Entity => Boolean(e))
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    );
  }

  /**
   * Where the walk reads datasets: the index, or the catalog one batch per
   * hop. For a caller who may see only some entities, the walk runs on the
   * index twice: once to find every dataset it could reach, whose visibility
   * the catalog then judges in one request, and once more over only the
   * visible ones (a dataset first reached in the second walk is judged as it
   * is reached) — the same graph the catalog walk would give, in one or two
   * catalog requests instead of one per hop.
   */
  private async source(
    root: string,
    credentials: BackstageCredentials,
    walk: LineageOptions,
  ): Promise<
    LineageSource & {
      name: LineageAnswerSource;
      agreements(): Promise<Entity[]>;
    }
  > {
    const { index } = this.options;
    const access = await this.indexAccess(root, credentials);
    if (index && (access === 'all' || access === 'some')) {
      const today = this.today();
      const world = index.world(today);
      const organizationOf = (dataset: DatasetEntityV1alpha1) =>
        world.organizationOf(dataset);
      const agreements = async () => index.agreements(today);
      if (access === 'all') {
        return {
          name: 'index',
          getDatasets: async refs => index.datasets(refs),
          organizationOf,
          agreements,
        };
      }
      const reachable = await traverseLineage(
        { getDatasets: async refs => index.datasets(refs), organizationOf },
        walk,
      );
      const judged = new Set(reachable.nodes.map(n => key(n.ref)));
      const visible = await this.visibleAmong(
        reachable.nodes.map(n => n.ref),
        credentials,
      );
      return {
        name: 'index-filtered',
        getDatasets: async refs => {
          const unjudged = refs.filter(r => !judged.has(key(r)));
          if (unjudged.length) {
            unjudged.forEach(r => judged.add(key(r)));
            const more = await this.visibleAmong(unjudged, credentials);
            more.forEach(r => visible.add(r));
          }
          return index.datasets(refs.filter(r => visible.has(key(r))));
        },
        organizationOf,
        agreements,
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

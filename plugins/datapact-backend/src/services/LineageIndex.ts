import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GovernanceWorld } from '@datapact/backstage-plugin-common';
import { Clock, systemClock } from '../clock';
import { DATASET_FIELDS, GROUP_FIELDS } from './lineageFields';

/** The kinds the index holds: what lineage walks and what names organizations and agreements. */
const INDEXED_KINDS = ['Dataset', 'Group', 'Agreement'];

/** What the poll reads of every indexed entity to see whether it changed. */
const VERSION_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

/**
 * The fields kept of a dataset or group (what the walk and its nodes read,
 * and the etag). Agreements are kept whole (there are few, and impact
 * analysis reads their datasets and relations).
 */
const SLIM_FIELDS = [
  ...new Set([...DATASET_FIELDS, ...GROUP_FIELDS, 'metadata.etag']),
];

/** Refs read per catalog request when the index fetches what changed. */
const BATCH_SIZE = 500;

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** What one refresh did, for logs and tests. */
export interface LineageIndexRefresh {
  added: number;
  changed: number;
  removed: number;
  durationMs: number;
}

/**
 * An in-memory copy of the catalog's datasets (the fields lineage needs),
 * groups and agreements, so that a lineage request is answered without a
 * catalog round trip per hop.
 *
 * It is kept fresh by polling: each refresh lists the `metadata.etag` of every
 * indexed entity in one catalog request (the catalog changes an entity's etag
 * whenever the entity or any of its relations changes) and reads only the
 * entities that are new or changed, in batches; entities gone from the
 * catalog are dropped. The catalog itself has no change feed a plugin can
 * subscribe to, hence the poll. Each replica keeps its own index.
 *
 * The poll runs only while lineage is in use: when no lineage or impact
 * request has come for `idleAfterMs` (default 10 minutes), a scheduled poll
 * does nothing and the index counts as stale, so an idle portal costs the
 * catalog nothing. The next request is answered from the catalog and starts
 * a refresh; the index answers again once that refresh is done.
 */
export class LineageIndex {
  private readonly entities = new Map<string, Entity>();
  private loaded = false;
  private loadedAt = -Infinity;
  private stale = true;
  private lastUsed = -Infinity;
  private lastPollAt = -Infinity;
  /** How long the catalog took to list the etags, last time. */
  private listingMs = 0;
  private refreshing?: Promise<LineageIndexRefresh>;
  private version = 0;
  private derived?: {
    version: number;
    today: string;
    groups: Entity[];
    agreements: Entity[];
    world: GovernanceWorld;
  };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger?: LoggerService;
      sensitivityTiers?: string[];
      clock?: Clock;
      idleAfterMs?: number;
      /** How old the last successful refresh may be for the index to answer. */
      maxAgeMs?: number;
    },
  ) {}

  /**
   * Whether the index may answer: loaded, refreshed since lineage was last
   * idle, its last refresh succeeded and is at most `maxAgeMs` (default 1
   * minute) old, so that an index whose polls stopped never answers for long.
   */
  get ready(): boolean {
    return (
      this.loaded &&
      !this.stale &&
      this.now() - this.loadedAt <=
        Math.max(this.options.maxAgeMs ?? 60_000, 3 * this.pollSpacing())
    );
  }

  /**
   * The least time between two polls: four times what the last listing took,
   * so that polling never keeps the catalog busy more than a quarter of the
   * time, however large or loaded the catalog (at 10,000 datasets a listing
   * took about 0.3 s in `yarn bench:lineage`, so the configured 5 s holds; a
   * listing of 3 s spaces polls 12 s apart).
   */
  private pollSpacing(): number {
    return 4 * this.listingMs;
  }

  /** Notes that lineage is in use; a stale index starts catching up. */
  touch(): void {
    this.lastUsed = this.now();
    if (!this.ready && !this.refreshing) {
      this.refresh().catch(error =>
        this.options.logger?.warn(`Lineage index refresh failed: ${error}`),
      );
    }
  }

  /**
   * The scheduled poll: a refresh while lineage is in use, nothing (and the
   * index stale) once it has been idle for `idleAfterMs`, and nothing when
   * the last poll was too recent for the catalog's size (see pollSpacing).
   */
  async poll(): Promise<LineageIndexRefresh | undefined> {
    const now = this.now();
    if (now - this.lastUsed > (this.options.idleAfterMs ?? 600_000)) {
      this.stale = true;
      return undefined;
    }
    if (now - this.lastPollAt < this.pollSpacing()) return undefined;
    this.lastPollAt = now;
    return this.refresh();
  }

  /** Brings the index up to date with the catalog (one refresh at a time). */
  refresh(): Promise<LineageIndexRefresh> {
    if (!this.refreshing) {
      this.refreshing = this.load()
        .then(
          result => {
            this.stale = false;
            this.loadedAt = this.now();
            return result;
          },
          error => {
            // What the index holds may be out of date: answer from the
            // catalog until a refresh succeeds.
            this.stale = true;
            throw error;
          },
        )
        .finally(() => {
          this.refreshing = undefined;
        });
    }
    return this.refreshing;
  }

  private now() {
    return (this.options.clock ?? systemClock).now().getTime();
  }

  /** The number of indexed entities. */
  get size(): number {
    return this.entities.size;
  }

  private async load(): Promise<LineageIndexRefresh> {
    const started = Date.now();
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const listing = this.now();
    const { items } = await catalog.getEntities(
      { filter: { kind: INDEXED_KINDS }, fields: VERSION_FIELDS },
      { credentials },
    );
    this.listingMs = this.now() - listing;

    const seen = new Set<string>();
    const stale: { slim: string[]; whole: string[] } = { slim: [], whole: [] };
    let added = 0;
    for (const item of items) {
      const ref = key(stringifyEntityRef(item));
      seen.add(ref);
      const held = this.entities.get(ref);
      if (!held) added++;
      // An entity without an etag (only test doubles of the catalog) is
      // always read again: nothing tells whether it changed.
      if (
        !held ||
        !item.metadata.etag ||
        held.metadata.etag !== item.metadata.etag
      ) {
        (item.kind === 'Agreement' ? stale.whole : stale.slim).push(ref);
      }
    }

    let removed = 0;
    for (const ref of this.entities.keys()) {
      if (!seen.has(ref)) {
        this.entities.delete(ref);
        removed++;
      }
    }

    const read = async (refs: string[], fields?: string[]) => {
      for (let i = 0; i < refs.length; i += BATCH_SIZE) {
        const batch = refs.slice(i, i + BATCH_SIZE);
        const { items: found } = await catalog.getEntitiesByRefs(
          { entityRefs: batch, fields },
          { credentials },
        );
        found.forEach((entity, index) => {
          if (entity)
            this.entities.set(key(stringifyEntityRef(entity)), entity);
          else this.entities.delete(batch[index]);
        });
      }
    };
    await read(stale.slim, SLIM_FIELDS);
    await read(stale.whole);

    const changed = stale.slim.length + stale.whole.length - added;
    if (added || removed || changed || !this.loaded) this.version++;
    this.loaded = true;
    const result = {
      added,
      changed,
      removed,
      durationMs: Date.now() - started,
    };
    if (added || removed || changed) {
      this.options.logger?.debug(
        `Lineage index: ${added} added, ${changed} changed, ${removed} removed in ${result.durationMs} ms (${this.entities.size} entities)`,
      );
    }
    return result;
  }

  /** The indexed datasets among `refs` (in no particular order). */
  datasets(refs: string[]): Entity[] {
    const found: Entity[] = [];
    for (const ref of refs) {
      const entity = this.entities.get(key(ref));
      if (entity && entity.kind === 'Dataset') found.push(entity);
    }
    return found;
  }

  /** Whether `ref` is an indexed dataset. */
  hasDataset(ref: string): boolean {
    return this.entities.get(key(ref))?.kind === 'Dataset';
  }

  /** The indexed agreements. */
  agreements(today: string): Entity[] {
    return this.derive(today).agreements;
  }

  /** The groups as a GovernanceWorld, to name each dataset's organization. */
  world(today: string): GovernanceWorld {
    return this.derive(today).world;
  }

  private derive(today: string) {
    if (
      !this.derived ||
      this.derived.version !== this.version ||
      this.derived.today !== today
    ) {
      const groups: Entity[] = [];
      const agreements: Entity[] = [];
      for (const entity of this.entities.values()) {
        if (entity.kind === 'Group') groups.push(entity);
        else if (entity.kind === 'Agreement') agreements.push(entity);
      }
      this.derived = {
        version: this.version,
        today,
        groups,
        agreements,
        world: new GovernanceWorld(groups, {
          today,
          sensitivityTiers: this.options.sensitivityTiers,
        }),
      };
    }
    return this.derived;
  }
}

import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AgreementEntityV1alpha1,
  approverRefs,
  DatasetEntityV1alpha1,
  GovernanceWorld,
  isAgreementEntity,
  isDatasetEntity,
  isStewardEntity,
  resolveRef,
  StewardEntityV1alpha1,
  TransferApproval,
} from '@datapact/backstage-plugin-common';
import { Clock } from '../clock';
import { normalizeRef } from '../refs';
import { Approver, excludedStewardships } from './approvers';
import { TtlCache } from './TtlCache';

/** How deep group trees are walked, a guard against parent cycles. */
const MAX_GROUP_DEPTH = 20;
/** How far upstream a dataset's lineage is read for community rights and agreements. */
const MAX_LINEAGE_DEPTH = 50;

/** A dataset and the part of the catalog the rules need to judge a request for it. */
export interface DatasetContext {
  dataset: DatasetEntityV1alpha1;
  world: GovernanceWorld;
}

/**
 * Reads what the access rules need from the catalog. Datasets, stewards,
 * groups and agreements are read with the plugin's own credentials, so that
 * what a user may see in the catalog never changes the outcome of a rule,
 * and remembered for `cacheTtlMs` (the catalog itself takes longer than that
 * to take in a change); the dataset of a new request is also read with the
 * requester's credentials, so that nobody can request a dataset they cannot
 * see (that answer too is remembered for `cacheTtlMs`, per requester).
 */
export class CatalogAccess {
  private readonly entities: TtlCache<Entity | undefined>;
  private readonly agreements: TtlCache<AgreementEntityV1alpha1[]>;
  private readonly visible: TtlCache<boolean>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      clock: Clock;
      cacheTtlMs: number;
      sensitivityTiers?: string[];
    },
  ) {
    this.entities = new TtlCache(options.cacheTtlMs);
    this.agreements = new TtlCache(options.cacheTtlMs);
    this.visible = new TtlCache(options.cacheTtlMs);
  }

  /**
   * The dataset with its agreements and the groups up to the organizations
   * of the dataset and of `groupRefs`; 404 when the dataset does not exist
   * or `credentials` may not see it.
   */
  async datasetContext(
    datasetRef: string,
    options: { credentials?: BackstageCredentials; groupRefs?: string[] } = {},
  ): Promise<DatasetContext> {
    const notFound = new NotFoundError(
      `${datasetRef} is not a dataset in the catalog`,
    );
    const { credentials } = options;
    if (credentials) {
      // Whether this caller may see the dataset, remembered per caller like
      // the other catalog reads.
      const principal = credentials.principal as {
        userEntityRef?: string;
        subject?: string;
      };
      const who = principal.userEntityRef ?? principal.subject ?? 'unknown';
      const key = `${who} ${datasetRef}`.toLocaleLowerCase('en-US');
      const visible = await this.visible.get(key, async () =>
        Boolean(
          await this.options.catalog.getEntityByRef(datasetRef, {
            credentials,
          }),
        ),
      );
      if (!visible) throw notFound;
    }
    const entity = await this.entity(datasetRef);
    if (!entity || !isDatasetEntity(entity)) throw notFound;
    const datasets = await this.upstreamClosure(entity);
    const owners = datasets.map(d =>
      stringifyEntityRef(
        resolveRef(d.spec.owner, 'Group', d.metadata.namespace ?? 'default'),
      ),
    );
    const agreements = await this.agreements.get('all', async () => {
      const { items } = await this.options.catalog.getEntities(
        { filter: { kind: 'Agreement' } },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      return items.filter(isAgreementEntity);
    });
    // The parties of the agreements that list data of the closure, up to
    // their organizations: a party named by a team Group stands for its
    // organization, at request time as in the catalog-wide rules.
    const closure = new Set(
      datasets.map(d => stringifyEntityRef(d).toLocaleLowerCase('en-US')),
    );
    const parties = agreements
      .filter(a =>
        (a.spec.datasets ?? []).some(d =>
          closure.has(this.resolve(a, d, 'Dataset')),
        ),
      )
      .flatMap(a => a.spec.parties.map(p => this.resolve(a, p.party, 'Group')));
    const groups = await this.groupsUpToRoots([
      ...owners,
      ...(options.groupRefs ?? []),
      ...parties,
    ]);
    const world = new GovernanceWorld([...datasets, ...agreements, ...groups], {
      today: this.options.clock.now().toISOString().slice(0, 10),
      sensitivityTiers: this.options.sensitivityTiers,
    });
    return { dataset: entity, world };
  }

  /** The dataset's approver stewards, their holders and their delegates' holders. */
  approvers({ dataset, world }: DatasetContext): Promise<Approver[]> {
    return this.stewardships(approverRefs(world, dataset));
  }

  /** Stewards by ref, with their holders and their delegates' holders. */
  async stewardships(refs: string[]): Promise<Approver[]> {
    const stewards = await this.stewards(refs);
    const delegateRefs = new Set<string>();
    for (const steward of stewards.values()) {
      for (const d of steward.spec.delegates ?? []) {
        delegateRefs.add(this.resolve(steward, d, 'Steward'));
      }
    }
    const missing = [...delegateRefs].filter(r => !stewards.has(r));
    for (const [ref, steward] of await this.stewards(missing)) {
      stewards.set(ref, steward);
    }
    const holderOf = (ref: string) => {
      const steward = stewards.get(ref);
      return steward && this.resolve(steward, steward.spec.holder, 'User');
    };
    return refs.map(r => {
      const ref = r.toLocaleLowerCase('en-US');
      const delegates = stewards.get(ref)?.spec.delegates ?? [];
      return {
        steward: ref,
        holder: holderOf(ref),
        delegates: delegates.map(d => {
          const delegate = this.resolve(stewards.get(ref)!, d, 'Steward');
          return { steward: delegate, holder: holderOf(delegate) };
        }),
      };
    });
  }

  /**
   * The stewardship that approves an onward transfer an agreement allows
   * with approval: the first of the agreement's stewards whose organization
   * (`spec.organization`, else its holder's when that is a Group) is a
   * party with the role `provider` or, when none is, the agreement's first
   * steward that exists — passing over stewardships the requester (with
   * `requesterClaims`: their ref and groups) holds or is a delegate of,
   * unless no other is left (segregation of duties);
   * undefined when the agreement names none the catalog has.
   */
  async transferSteward(
    world: GovernanceWorld,
    approval: TransferApproval,
    requesterClaims: string[],
  ): Promise<string | undefined> {
    const stewards = await this.stewards(approval.stewards);
    const providers = new Set(
      approval.providers.map(p => p.toLocaleLowerCase('en-US')),
    );
    const organizationOf = (steward: StewardEntityV1alpha1) => {
      if (steward.spec.organization) {
        return this.resolve(steward, steward.spec.organization, 'Group');
      }
      const holder = this.resolve(steward, steward.spec.holder, 'User');
      return holder.startsWith('group:')
        ? world.organizationOfGroup(holder).toLocaleLowerCase('en-US')
        : undefined;
    };
    const present = approval.stewards
      .map(r => r.toLocaleLowerCase('en-US'))
      .filter(r => stewards.has(r));
    const excluded = new Set(
      excludedStewardships(await this.stewardships(present), requesterClaims),
    );
    const ofProvider = (r: string) => {
      const organization = organizationOf(stewards.get(r)!);
      return organization !== undefined && providers.has(organization);
    };
    // The provider approves its data's onward transfer: with provider
    // stewards, one of them, the requester's own only when no other is left
    // (the request is then refused as one that can never be approved);
    // without any, whoever the agreement names.
    const candidates = present.some(ofProvider)
      ? present.filter(ofProvider)
      : present;
    return candidates.find(r => !excluded.has(r)) ?? candidates[0];
  }

  /**
   * The organizations a user with these groups acts for: for each group, the
   * organization GovernanceWorld.organizationOf finds for a dataset that
   * group owns (the nearest Group of `spec.type: organization` up
   * `spec.parent`, else the group itself), so that the definition of a
   * group's organization lives in one place. A user in no group acts for
   * themselves.
   */
  organizationsOf(
    world: GovernanceWorld,
    userRef: string,
    groupRefs: string[],
  ): string[] {
    return organizationsOf(world, userRef, groupRefs);
  }

  /**
   * The groups a user is a member of now, as the catalog says (the user's
   * `memberOf` relations, or `spec.memberOf` before the catalog stitched
   * them); empty when the user is not in the catalog.
   */
  async groupsOf(userRef: string): Promise<string[]> {
    const user = await this.entity(userRef);
    return user ? memberGroupsOf(user) : [];
  }

  /** The dataset and every dataset upstream of it that the catalog has. */
  private async upstreamClosure(
    dataset: DatasetEntityV1alpha1,
  ): Promise<DatasetEntityV1alpha1[]> {
    const found = new Map<string, DatasetEntityV1alpha1>([
      [stringifyEntityRef(dataset).toLocaleLowerCase('en-US'), dataset],
    ]);
    let next = [dataset];
    for (let depth = 0; next.length && depth < MAX_LINEAGE_DEPTH; depth++) {
      const refs = next
        .flatMap(d =>
          (d.spec.lineage?.upstream ?? []).map(u =>
            this.resolve(d, u.dataset, 'Dataset'),
          ),
        )
        .filter(r => !found.has(r));
      const entities = await Promise.all(
        [...new Set(refs)].map(r => this.entity(r)),
      );
      next = [];
      for (const e of entities) {
        if (e && isDatasetEntity(e)) {
          found.set(stringifyEntityRef(e).toLocaleLowerCase('en-US'), e);
          next.push(e);
        }
      }
    }
    return [...found.values()];
  }

  private resolve(from: Entity, ref: string, defaultKind: string): string {
    return normalizeRef(
      stringifyEntityRef(
        resolveRef(ref, defaultKind, from.metadata.namespace ?? 'default'),
      ),
      defaultKind,
    );
  }

  /** An entity read with the plugin's own credentials (remembered for `cacheTtlMs`). */
  entityByRef(ref: string): Promise<Entity | undefined> {
    return this.entity(ref);
  }

  /** An entity read with the plugin's credentials, remembered for a while. */
  private entity(ref: string): Promise<Entity | undefined> {
    const key = ref.toLocaleLowerCase('en-US');
    return this.entities.get(key, async () =>
      this.options.catalog.getEntityByRef(key, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      }),
    );
  }

  private async stewards(
    refs: string[],
  ): Promise<Map<string, StewardEntityV1alpha1>> {
    const stewards = new Map<string, StewardEntityV1alpha1>();
    for (const item of await Promise.all(refs.map(r => this.entity(r)))) {
      if (item && isStewardEntity(item)) {
        stewards.set(stringifyEntityRef(item).toLocaleLowerCase('en-US'), item);
      }
    }
    return stewards;
  }

  /** The given groups and every group above them. */
  private async groupsUpToRoots(refs: string[]): Promise<Entity[]> {
    const found = new Map<string, Entity>();
    let next = [...new Set(refs.filter(r => r.startsWith('group:')))];
    for (let depth = 0; next.length && depth < MAX_GROUP_DEPTH; depth++) {
      const groups = await Promise.all(next.map(r => this.entity(r)));
      next = [];
      for (const group of groups) {
        if (!group || group.kind !== 'Group') continue;
        found.set(stringifyEntityRef(group).toLocaleLowerCase('en-US'), group);
        const parent = group.spec?.parent;
        if (typeof parent === 'string') {
          const ref = this.resolve(group, parent, 'Group');
          if (!found.has(ref)) next.push(ref);
        }
      }
    }
    return [...found.values()];
  }
}

/**
 * The organizations a user with these groups acts for: each group's
 * organization as GovernanceWorld.organizationOfGroup finds it (the nearest
 * Group of `spec.type: organization` up `spec.parent`, else the group
 * itself). A user in no group acts for themselves.
 */
export function organizationsOf(
  world: GovernanceWorld,
  userRef: string,
  groupRefs: string[],
): string[] {
  const organizations = groupRefs.map(group =>
    world.organizationOfGroup(group),
  );
  return organizations.length ? [...new Set(organizations)].sort() : [userRef];
}

/** A User entity's groups: its `memberOf` relations, or `spec.memberOf`. */
export function memberGroupsOf(user: Entity): string[] {
  const namespace = user.metadata.namespace ?? 'default';
  const refs = [
    ...(user.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef),
    ...((user.spec?.memberOf as string[] | undefined) ?? []).map(g =>
      stringifyEntityRef(resolveRef(g, 'Group', namespace)),
    ),
  ];
  return [...new Set(refs.map(r => r.toLocaleLowerCase('en-US')))];
}

import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { compareDurations } from '../durations';
import {
  AgreementEntityV1alpha1,
  isAgreementEntity,
} from '../kinds/Agreement.v1alpha1';
import {
  DatasetEntityV1alpha1,
  isDatasetEntity,
} from '../kinds/Dataset.v1alpha1';
import { resolveRef } from '../relations';
import { DEFAULT_SENSITIVITY_TIERS } from '../tiers';
import { GovernanceOptions } from './types';

/** @public */
export type AgreementStatus = 'draft' | 'active' | 'expired';

/**
 * How many days ahead an expiring agreement is worth a warning.
 * @public
 */
export const EXPIRY_WARNING_DAYS = 30;

// Entity names, kinds and namespaces are ASCII, so plain lower-casing
// matches the catalog's (and is much faster than a locale-aware one).
const key = (ref: string) => ref.toLowerCase();

/**
 * The catalog as the governance rules see it: entities by ref, and the
 * definitions of DESIGN.md (a dataset's organization, an agreement's status,
 * when an agreement covers an upstream) in one place.
 * @public
 */
export class GovernanceWorld {
  readonly datasets: DatasetEntityV1alpha1[] = [];
  readonly agreements: AgreementEntityV1alpha1[] = [];
  private readonly partiesByAgreement = new Map<
    AgreementEntityV1alpha1,
    Set<string>
  >();
  readonly today: string;
  readonly tiers: readonly string[];
  private readonly byRef = new Map<string, Entity>();
  private readonly known = new Set<string>();
  private readonly organizations = new Map<string, string>();
  private readonly upstreams = new Map<
    DatasetEntityV1alpha1,
    readonly string[]
  >();
  private agreementsByDataset?: Map<string, AgreementEntityV1alpha1[]>;

  constructor(entities: Entity[], options: GovernanceOptions) {
    this.today = options.today;
    this.tiers = options.sensitivityTiers ?? DEFAULT_SENSITIVITY_TIERS;
    for (const entity of entities) {
      this.byRef.set(key(stringifyEntityRef(entity)), entity);
      if (isDatasetEntity(entity)) this.datasets.push(entity);
      else if (isAgreementEntity(entity)) this.agreements.push(entity);
    }
    for (const ref of options.knownRefs ?? []) this.known.add(key(ref));
  }

  /** The canonical ref of an entity: lower-case kind and namespace. */
  refOf(entity: Entity): string {
    return stringifyEntityRef(entity);
  }

  /** Resolves a reference written in a field of `from`, with the field's default kind. */
  resolve(from: Entity, ref: string, defaultKind: string): string {
    return stringifyEntityRef(
      resolveRef(ref, defaultKind, getCompoundEntityRef(from).namespace),
    );
  }

  entity(ref: string): Entity | undefined {
    return this.byRef.get(key(ref));
  }

  /** Whether an entity exists, evaluated or only known to exist. */
  exists(ref: string): boolean {
    return this.byRef.has(key(ref)) || this.known.has(key(ref));
  }

  dataset(ref: string): DatasetEntityV1alpha1 | undefined {
    const entity = this.entity(ref);
    return entity && isDatasetEntity(entity) ? entity : undefined;
  }

  /** How an entity is named in a message: its name, with the namespace when not default. */
  label(ref: string): string {
    const { namespace, name } = parseEntityRef(ref);
    return `\`${namespace === 'default' ? name : `${namespace}/${name}`}\``;
  }

  /** The refs of a dataset's direct upstream datasets, in declared order. */
  upstreamRefs(dataset: DatasetEntityV1alpha1): readonly string[] {
    let refs = this.upstreams.get(dataset);
    if (!refs) {
      refs = (dataset.spec.lineage?.upstream ?? []).map(u =>
        this.resolve(dataset, u.dataset, 'Dataset'),
      );
      this.upstreams.set(dataset, refs);
    }
    return refs;
  }

  /**
   * The datasets with every upstream before its downstreams; datasets on a
   * cycle come last, in catalog order.
   */
  topologicalOrder(): DatasetEntityV1alpha1[] {
    const pending = new Map<DatasetEntityV1alpha1, number>();
    const downstream = new Map<string, DatasetEntityV1alpha1[]>();
    for (const dataset of this.datasets) {
      const ups = this.upstreamRefs(dataset).filter(u => this.dataset(u));
      pending.set(dataset, ups.length);
      for (const u of ups) {
        const list = downstream.get(key(u)) ?? [];
        list.push(dataset);
        downstream.set(key(u), list);
      }
    }
    const order = this.datasets.filter(d => pending.get(d) === 0);
    for (let i = 0; i < order.length; i++) {
      for (const next of downstream.get(key(this.refOf(order[i]))) ?? []) {
        const left = pending.get(next)! - 1;
        pending.set(next, left);
        if (left === 0) order.push(next);
      }
    }
    const placed = new Set(order);
    return [...order, ...this.datasets.filter(d => !placed.has(d))];
  }

  /**
   * Every lineage edge that crosses organizations: a dataset, its
   * organization, and an upstream dataset of another organization.
   */
  *crossOrganizationEdges(): Generator<{
    dataset: DatasetEntityV1alpha1;
    organization: string;
    upstream: DatasetEntityV1alpha1;
  }> {
    for (const dataset of this.datasets) {
      const organization = this.organizationOf(dataset);
      for (const ref of this.upstreamRefs(dataset)) {
        const upstream = this.dataset(ref);
        if (upstream && this.organizationOf(upstream) !== organization) {
          yield { dataset, organization, upstream };
        }
      }
    }
  }

  /** The position of a tier on the scale; -1 for a tier not on it. */
  tierRank(tier: string): number {
    return this.tiers.indexOf(tier);
  }

  /**
   * A dataset's organization: `spec.provenance.organization` when set;
   * otherwise the nearest Group, from its owner up `spec.parent`, whose
   * `spec.type` is `organization`; otherwise its owner.
   */
  organizationOf(dataset: DatasetEntityV1alpha1): string {
    const self = this.refOf(dataset);
    const cached = this.organizations.get(self);
    if (cached) return cached;
    let organization: string;
    if (dataset.spec.provenance?.organization) {
      organization = this.resolve(
        dataset,
        dataset.spec.provenance.organization,
        'Group',
      );
    } else {
      organization = this.organizationOfGroup(
        this.resolve(dataset, dataset.spec.owner, 'Group'),
      );
    }
    this.organizations.set(self, organization);
    return organization;
  }

  /**
   * The organization a Group (or User) belongs to: the nearest Group, from it
   * up `spec.parent`, whose `spec.type` is `organization`; otherwise itself.
   */
  organizationOfGroup(ref: string): string {
    const seen = new Set<string>();
    let group = this.entity(ref);
    while (
      group &&
      group.kind === 'Group' &&
      !seen.has(key(this.refOf(group)))
    ) {
      seen.add(key(this.refOf(group)));
      if (group.spec?.type === 'organization') return this.refOf(group);
      const parent = group.spec?.parent;
      group =
        typeof parent === 'string'
          ? this.entity(this.resolve(group, parent, 'Group'))
          : undefined;
    }
    return ref;
  }

  /** Draft before `effective.from`, expired after `effective.until`, active in between (both days included). */
  agreementStatus(agreement: AgreementEntityV1alpha1): AgreementStatus {
    const { from, until } = agreement.spec.effective;
    if (this.today < from) return 'draft';
    if (until && this.today > until) return 'expired';
    return 'active';
  }

  /** Days from today to the agreement's last day, or undefined when it has none. */
  daysLeft(agreement: AgreementEntityV1alpha1): number | undefined {
    const until = agreement.spec.effective.until;
    if (!until) return undefined;
    return Math.round(
      DateTime.fromISO(until, { zone: 'utc' }).diff(
        DateTime.fromISO(this.today, { zone: 'utc' }),
        'days',
      ).days,
    );
  }

  /** The refs of an agreement's parties. */
  partiesOf(agreement: AgreementEntityV1alpha1): string[] {
    return agreement.spec.parties.map(p =>
      this.resolve(agreement, p.party, 'Group'),
    );
  }

  /**
   * The agreements that list `upstream` in `spec.datasets` and name both the
   * upstream's and the downstream's organizations among their parties (a
   * party named by a team Group stands for its organization too, as in the
   * agreement-term rules), whatever their status. An agreement *covers* the
   * pair when it is also active.
   */
  agreementsFor(
    upstream: DatasetEntityV1alpha1,
    downstreamOrganization: string,
  ): AgreementEntityV1alpha1[] {
    if (!this.agreementsByDataset) {
      this.agreementsByDataset = new Map();
      for (const agreement of this.agreements) {
        for (const d of agreement.spec.datasets ?? []) {
          const k = key(this.resolve(agreement, d, 'Dataset'));
          const list = this.agreementsByDataset.get(k) ?? [];
          if (!list.includes(agreement)) list.push(agreement);
          this.agreementsByDataset.set(k, list);
        }
      }
    }
    const parties = [
      key(this.organizationOf(upstream)),
      key(downstreamOrganization),
    ];
    return (
      this.agreementsByDataset.get(key(this.refOf(upstream))) ?? []
    ).filter(agreement => {
      const named = this.namedParties(agreement);
      return parties.every(p => named.has(p));
    });
  }

  /** An agreement's parties and their organizations, lower-cased, computed once. */
  private namedParties(agreement: AgreementEntityV1alpha1): Set<string> {
    let named = this.partiesByAgreement.get(agreement);
    if (!named) {
      named = new Set(
        this.partiesOf(agreement).flatMap(p => [
          key(p),
          key(this.organizationOfGroup(p)),
        ]),
      );
      this.partiesByAgreement.set(agreement, named);
    }
    return named;
  }

  /** The active agreements that cover `upstream` for a recipient in `downstreamOrganization`. */
  coveringAgreements(
    upstream: DatasetEntityV1alpha1,
    downstreamOrganization: string,
  ): AgreementEntityV1alpha1[] {
    return this.agreementsFor(upstream, downstreamOrganization).filter(
      a => this.agreementStatus(a) === 'active',
    );
  }

  /** Compares two ISO 8601 durations as exact lengths (see `compareDurations`): negative, 0 or positive. */
  compareDurations(a: string, b: string): number {
    return compareDurations(a, b);
  }
}

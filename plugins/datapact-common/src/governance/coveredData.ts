import { AgreementEntityV1alpha1 } from '../kinds/Agreement.v1alpha1';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { GovernanceWorld } from './world';

/*
 * The data an agreement's terms bind, as DESIGN.md ("Agreement terms as
 * rules") defines it: each dataset the agreement lists and every dataset
 * derived from it at any depth, until (and excluding) the first derived
 * dataset that declares `sensitivity.deidentification` with `personalData`
 * `aggregated` or `none`. Only agreements in force bind: an expired one no
 * longer binds new data (agreement coverage already fails what derives from
 * it), a draft does not yet.
 *
 * Each agreement's covered data is one walk down the lineage from its
 * datasets, done once per world and agreement, so the four term rules share
 * it and the cost is linear in datasets and lineage edges for each agreement.
 * Datasets are numbered once per world and the walks run over typed arrays:
 * in a large catalog nearly every dataset may be covered by every agreement.
 */

const key = (ref: string) => ref.toLowerCase();

/**
 * Whether covered data ends at a dataset: it declares `deidentification` and
 * holds no personal data, or only aggregates.
 * @public
 */
export function endsCoverage(dataset: DatasetEntityV1alpha1): boolean {
  const { deidentification, personalData } = dataset.spec.sensitivity;
  return (
    !!deidentification &&
    (personalData === 'aggregated' || personalData === 'none')
  );
}

/** What every agreement's coverage of one world reads: built once, shared. */
class DatasetIndex {
  readonly datasets: readonly DatasetEntityV1alpha1[];
  readonly number = new Map<DatasetEntityV1alpha1, number>();
  /** Downstream datasets of dataset i: `targets[offsets[i]]` up to `targets[offsets[i + 1]]`. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  private readonly organizations: Array<string | undefined>;

  constructor(private readonly world: GovernanceWorld) {
    this.datasets = world.datasets;
    this.datasets.forEach((d, i) => this.number.set(d, i));
    const edges: number[] = [];
    const counts = new Int32Array(this.datasets.length + 1);
    this.datasets.forEach((dataset, to) => {
      for (const ref of world.upstreamRefs(dataset)) {
        const upstream = world.dataset(ref);
        if (!upstream) continue;
        const from = this.number.get(upstream)!;
        edges.push(from, to);
        counts[from + 1]++;
      }
    });
    this.offsets = new Int32Array(this.datasets.length + 1);
    for (let i = 0; i < this.datasets.length; i++) {
      this.offsets[i + 1] = this.offsets[i] + counts[i + 1];
    }
    this.targets = new Int32Array(edges.length / 2);
    const next = this.offsets.slice(0, this.datasets.length);
    for (let e = 0; e < edges.length; e += 2) {
      this.targets[next[edges[e]]++] = edges[e + 1];
    }
    this.organizations = new Array(this.datasets.length);
  }

  /** A dataset's organization, lower-cased: asked once per covered dataset and agreement. */
  organizationKey(i: number): string {
    let k = this.organizations[i];
    if (k === undefined) {
      k = key(this.world.organizationOf(this.datasets[i]));
      this.organizations[i] = k;
    }
    return k;
  }
}

/**
 * Datasets reached by a walk from an agreement's datasets, in the order
 * reached, each with the listed dataset it was reached from.
 * @public
 */
export class CoveredDatasets
  implements Iterable<[DatasetEntityV1alpha1, DatasetEntityV1alpha1]>
{
  /** @internal */
  constructor(
    private readonly index: DatasetIndex,
    private readonly order: Int32Array,
    private readonly source: Int32Array,
  ) {}

  get size(): number {
    return this.order.length;
  }

  has(dataset: DatasetEntityV1alpha1): boolean {
    const i = this.index.number.get(dataset);
    return i !== undefined && this.source[i] >= 0;
  }

  /** The listed dataset whose data reaches `dataset` (itself when listed). */
  sourceOf(dataset: DatasetEntityV1alpha1): DatasetEntityV1alpha1 | undefined {
    const i = this.index.number.get(dataset);
    return i === undefined || this.source[i] < 0
      ? undefined
      : this.index.datasets[this.source[i]];
  }

  *[Symbol.iterator](): Iterator<
    [DatasetEntityV1alpha1, DatasetEntityV1alpha1]
  > {
    const { datasets } = this.index;
    for (const i of this.order) yield [datasets[i], datasets[this.source[i]]];
  }
}

/**
 * The data one agreement's terms bind, and who its parties are.
 * @public
 */
export class AgreementCoverage {
  private coveredData?: CoveredDatasets;
  private undeidentifiedData?: CoveredDatasets;
  private readonly listed: Int32Array;
  private readonly parties = new Set<string>();
  private readonly recipients = new Set<string>();

  /** @internal */
  constructor(
    private readonly world: GovernanceWorld,
    readonly agreement: AgreementEntityV1alpha1,
    private readonly index: DatasetIndex,
  ) {
    const listed = new Set<number>();
    for (const ref of agreement.spec.datasets ?? []) {
      const dataset = world.dataset(world.resolve(agreement, ref, 'Dataset'));
      if (dataset) listed.add(index.number.get(dataset)!);
    }
    this.listed = Int32Array.from(listed);
    // A party named by a team Group stands for its organization too.
    for (const { party, role } of agreement.spec.parties) {
      const ref = world.resolve(agreement, party, 'Group');
      for (const k of [key(ref), key(world.organizationOfGroup(ref))]) {
        this.parties.add(k);
        if (role === 'recipient') this.recipients.add(k);
      }
    }
  }

  /** Each covered dataset, with the listed dataset its data comes from (itself when listed). */
  get covered(): CoveredDatasets {
    if (!this.coveredData) {
      // A listed dataset is covered whatever it declares.
      this.coveredData = this.walk(
        () => true,
        next => !endsCoverage(next),
      );
    }
    return this.coveredData;
  }

  /**
   * The covered datasets that a listed dataset reaches through datasets of
   * which none, both ends included, declares `sensitivity.deidentification`;
   * with that listed dataset.
   */
  undeidentified(): CoveredDatasets {
    if (!this.undeidentifiedData) {
      const raw = (d: DatasetEntityV1alpha1) =>
        !d.spec.sensitivity.deidentification;
      this.undeidentifiedData = this.walk(raw, raw);
    }
    return this.undeidentifiedData;
  }

  /** Whether the agreement lists the dataset in `spec.datasets`. */
  isListed(dataset: DatasetEntityV1alpha1): boolean {
    return this.covered.sourceOf(dataset) === dataset;
  }

  /** Whether an organization is a party, itself or through one of its Groups. */
  isParty(organization: string): boolean {
    return this.parties.has(key(organization));
  }

  /** Whether an organization is a party with the role `recipient`. */
  isRecipient(organization: string): boolean {
    return this.recipients.has(key(organization));
  }

  /** Whether a dataset's organization is a party. */
  belongsToParty(dataset: DatasetEntityV1alpha1): boolean {
    return this.parties.has(
      this.index.organizationKey(this.index.number.get(dataset)!),
    );
  }

  /** Whether a dataset's organization is a party with the role `recipient`. */
  belongsToRecipient(dataset: DatasetEntityV1alpha1): boolean {
    return this.recipients.has(
      this.index.organizationKey(this.index.number.get(dataset)!),
    );
  }

  /**
   * How a finding names a covered dataset, the listed dataset its data comes
   * from and the agreement: listed, or holding data of a listed dataset.
   */
  describe(
    dataset: DatasetEntityV1alpha1,
    source: DatasetEntityV1alpha1,
  ): string {
    const { world } = this;
    const self = world.label(world.refOf(dataset));
    const agreement = world.label(world.refOf(this.agreement));
    return source === dataset
      ? `${self} is listed by ${agreement}`
      : `${self} holds data of ${world.label(
          world.refOf(source),
        )} covered by ${agreement}`;
  }

  /**
   * Breadth first from the listed datasets that `start` admits, into every
   * downstream dataset that `enter` admits, each once: cycles end by
   * themselves.
   */
  private walk(
    start: (dataset: DatasetEntityV1alpha1) => boolean,
    enter: (dataset: DatasetEntityV1alpha1) => boolean,
  ): CoveredDatasets {
    const { datasets, offsets, targets } = this.index;
    const source = new Int32Array(datasets.length).fill(-1);
    const queue = new Int32Array(datasets.length);
    let length = 0;
    for (const i of this.listed) {
      if (!start(datasets[i])) continue;
      source[i] = i;
      queue[length++] = i;
    }
    for (let head = 0; head < length; head++) {
      const from = queue[head];
      for (let e = offsets[from]; e < offsets[from + 1]; e++) {
        const next = targets[e];
        if (source[next] >= 0 || !enter(datasets[next])) continue;
        source[next] = source[from];
        queue[length++] = next;
      }
    }
    return new CoveredDatasets(this.index, queue.slice(0, length), source);
  }
}

/** Whether an agreement carries a term that one of the term rules reads. */
function carriesRuleTerms(agreement: AgreementEntityV1alpha1): boolean {
  const terms = agreement.spec.terms;
  return (
    !!terms &&
    (terms.deidentificationRequired === true ||
      terms.onwardTransfer !== undefined ||
      (terms.jurisdictions ?? []).length > 0 ||
      terms.derivedWorks?.commercialization !== undefined)
  );
}

interface WorldCoverage {
  index: DatasetIndex;
  byAgreement: Map<AgreementEntityV1alpha1, AgreementCoverage>;
  binding?: AgreementCoverage[];
}

const coverageByWorld = new WeakMap<GovernanceWorld, WorldCoverage>();

function worldCoverage(world: GovernanceWorld): WorldCoverage {
  let known = coverageByWorld.get(world);
  if (!known) {
    known = { index: new DatasetIndex(world), byAgreement: new Map() };
    coverageByWorld.set(world, known);
  }
  return known;
}

/**
 * The coverage of one agreement, computed once per world (its covered data
 * on first use), whatever the agreement's status.
 * @public
 */
export function coverageOf(
  world: GovernanceWorld,
  agreement: AgreementEntityV1alpha1,
): AgreementCoverage {
  const known = worldCoverage(world);
  let coverage = known.byAgreement.get(agreement);
  if (!coverage) {
    coverage = new AgreementCoverage(world, agreement, known.index);
    known.byAgreement.set(agreement, coverage);
  }
  return coverage;
}

/**
 * The coverage of every agreement whose terms bind today: in force, and
 * carrying a term the rules read (de-identification, onward transfer,
 * jurisdictions, commercialization of derived works), in catalog order.
 * @public
 */
export function termsCoverage(world: GovernanceWorld): AgreementCoverage[] {
  const known = worldCoverage(world);
  if (!known.binding) {
    known.binding = world.agreements
      .filter(a => world.agreementStatus(a) === 'active' && carriesRuleTerms(a))
      .map(a => coverageOf(world, a));
  }
  return known.binding;
}

import { DateTime, Duration } from 'luxon';
import { AgreementEntityV1alpha1 } from '../kinds/Agreement.v1alpha1';
import { DatasetEntityV1alpha1 } from '../kinds/Dataset.v1alpha1';
import { ExpiryPreview, GrantEndCause } from '../api';
import { AccessRequestCheck, checkAccessRequest } from './accessRequest';
import { coverageProblem } from './agreementCoverage';
import { endsCoverage } from './coveredData';
import { onwardTransferOfRequest } from './onwardTransfer';
import { GovernanceRuleId } from './types';
import { isCommercialPurpose } from './usage';
import { GovernanceWorld } from './world';

/*
 * What access to a dataset rests on, judged the same way when a request is
 * made, when it is approved and, for as long as the grant lasts, by the
 * lifecycle sweep: one definition, so that what the portal says and what
 * the boundary enforces cannot drift apart.
 */

/**
 * Why access is refused or must end: the rule (a governance rule id, or
 * `access` for the workflow's own conditions), the cause a sweep records,
 * the entities involved (the dataset first) and a sentence a steward
 * understands.
 * @public
 */
export interface AccessBasisProblem {
  rule: GovernanceRuleId | 'access';
  cause: GrantEndCause;
  entities: string[];
  message: string;
}

/**
 * A request or grant as the basis check sees it.
 * @public
 */
export interface AccessBasisCheck extends AccessRequestCheck {
  /** The dataset's tier when access was requested; a higher tier now ends it. */
  tier?: string;
  /**
   * The organizations the requester belongs to now, when known; access made
   * for `requesterOrganization` ends when it is no longer among them.
   */
  requesterOrganizations?: string[];
  /** The requester's ref, for the sentence about their organization. */
  requester?: string;
}

/**
 * Every dataset's community sources, computed once per world in lineage
 * order (each from its upstreams' answers): a sweep judges many grants on
 * one catalog. Datasets on a cycle are searched one by one.
 */
const sourcesByWorld = new WeakMap<
  GovernanceWorld,
  Map<DatasetEntityV1alpha1, DatasetEntityV1alpha1[]>
>();

/**
 * The community datasets whose rights reach `dataset`: itself when it has a
 * `community`, and every upstream at any depth that has one.
 * @public
 */
export function communitySources(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): DatasetEntityV1alpha1[] {
  let known = sourcesByWorld.get(world);
  if (!known) {
    known = allCommunitySources(world);
    sourcesByWorld.set(world, known);
  }
  return known.get(dataset) ?? searchCommunitySources(world, dataset);
}

function allCommunitySources(
  world: GovernanceWorld,
): Map<DatasetEntityV1alpha1, DatasetEntityV1alpha1[]> {
  const known = new Map<DatasetEntityV1alpha1, DatasetEntityV1alpha1[]>();
  for (const dataset of world.topologicalOrder()) {
    const found = new Set<DatasetEntityV1alpha1>();
    if (dataset.spec.community) found.add(dataset);
    let complete = true;
    for (const ref of world.upstreamRefs(dataset)) {
      const upstream = world.dataset(ref);
      if (!upstream) continue;
      const above = known.get(upstream);
      if (!above) {
        complete = false;
        break;
      }
      above.forEach(s => found.add(s));
    }
    if (complete) known.set(dataset, [...found]);
  }
  return known;
}

function searchCommunitySources(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): DatasetEntityV1alpha1[] {
  const found: DatasetEntityV1alpha1[] = [];
  const seen = new Set<DatasetEntityV1alpha1>();
  const queue = [dataset];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next.spec.community) found.push(next);
    for (const ref of world.upstreamRefs(next)) {
      const upstream = world.dataset(ref);
      if (upstream) queue.push(upstream);
    }
  }
  return found;
}

/** Whether a community's veto on `action` forbids a request for `purpose`. */
function vetoes(action: string, purpose: string): boolean {
  return (
    action === purpose ||
    (action === 'commercial-use' && isCommercialPurpose(purpose))
  );
}

/**
 * The purposes among `purposes` that a community whose rights reach the
 * dataset vetoes.
 * @public
 */
export function vetoedPurposes(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  purposes: string[],
): string[] {
  const actions = communitySources(world, dataset).flatMap(
    s => s.spec.community?.vetoOn ?? [],
  );
  return purposes.filter(p => actions.some(a => vetoes(a, p)));
}

/**
 * The stewardships whose approval a request for the dataset needs because a
 * community whose rights reach it requires consent
 * (`community.consent: required`): the community's steward.
 * @public
 */
export function consentStewardships(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): string[] {
  const refs = communitySources(world, dataset)
    .filter(s => s.spec.community?.consent === 'required')
    .filter(s => s.spec.community?.steward)
    .map(s => world.resolve(s, s.spec.community!.steward!, 'Steward'));
  return [...new Set(refs.map(r => r.toLowerCase()))];
}

function vetoProblems(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  purpose: string,
): AccessBasisProblem[] {
  const self = world.refOf(dataset);
  const problems: AccessBasisProblem[] = [];
  for (const source of communitySources(world, dataset)) {
    const community = source.spec.community!;
    const action = (community.vetoOn ?? []).find(a => vetoes(a, purpose));
    if (!action) continue;
    const sourceRef = world.refOf(source);
    problems.push({
      rule: 'community-veto',
      cause: 'community-veto',
      entities: [
        self,
        ...(sourceRef === self ? [] : [sourceRef]),
        ...(community.steward
          ? [world.resolve(source, community.steward, 'Steward')]
          : []),
      ],
      message: `${world.label(self)} ${
        sourceRef === self ? 'is' : `derives from ${world.label(sourceRef)},`
      } data of the ${
        community.name
      } community, which vetoes \`${action}\`: it may not be used for \`${purpose}\`.`,
    });
  }
  return problems;
}

/** A lineage edge that crosses organizations: `dataset` derives from `upstream`. */
interface CrossEdge {
  dataset: DatasetEntityV1alpha1;
  organization: string;
  upstream: DatasetEntityV1alpha1;
}

const edgesByWorld = new WeakMap<
  GovernanceWorld,
  Map<DatasetEntityV1alpha1, CrossEdge[]>
>();

/**
 * The cross-organization edges the data of `dataset` passes through: its
 * own, and those of every dataset above it at any depth, walking up until a
 * dataset ends coverage (de-identified aggregates are the recipient's own
 * data). A dataset that itself ends coverage answers only for its own edges.
 */
function crossEdgesAbove(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): CrossEdge[] {
  let known = edgesByWorld.get(world);
  if (!known) {
    known = new Map();
    edgesByWorld.set(world, known);
  }
  const cached = known.get(dataset);
  if (cached) return cached;
  const edges: CrossEdge[] = [];
  const seen = new Set([dataset]);
  const queue = [dataset];
  while (queue.length > 0) {
    const next = queue.shift()!;
    const organization = world.organizationOf(next);
    for (const ref of world.upstreamRefs(next)) {
      const upstream = world.dataset(ref);
      if (!upstream) continue;
      if (world.organizationOf(upstream) !== organization) {
        edges.push({ dataset: next, organization, upstream });
      }
      if (
        !seen.has(upstream) &&
        !endsCoverage(dataset) &&
        !endsCoverage(upstream)
      ) {
        seen.add(upstream);
        queue.push(upstream);
      }
    }
  }
  known.set(dataset, edges);
  return edges;
}

/**
 * The cross-organization edges above `dataset` that no active agreement
 * covers any more: the data was derived under an agreement that has ended.
 */
const coverageByWorld = new WeakMap<
  GovernanceWorld,
  Map<string, ReturnType<typeof coverageProblem>>
>();

const problemsByWorld = new WeakMap<
  GovernanceWorld,
  Map<DatasetEntityV1alpha1, AccessBasisProblem[]>
>();

function upstreamProblems(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): AccessBasisProblem[] {
  // They depend on the dataset alone: judged once per world.
  let known = problemsByWorld.get(world);
  if (!known) {
    known = new Map();
    problemsByWorld.set(world, known);
  }
  let problems = known.get(dataset);
  if (!problems) {
    problems = findUpstreamProblems(world, dataset);
    known.set(dataset, problems);
  }
  return problems;
}

function findUpstreamProblems(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
): AccessBasisProblem[] {
  const self = world.refOf(dataset);
  const problems: AccessBasisProblem[] = [];
  let coverage = coverageByWorld.get(world);
  if (!coverage) {
    coverage = new Map();
    coverageByWorld.set(world, coverage);
  }
  for (const edge of crossEdgesAbove(world, dataset)) {
    // Many datasets share the edges above them: each is judged once.
    const key = `${world.refOf(edge.upstream)} ${edge.organization}`;
    if (!coverage.has(key)) {
      coverage.set(
        key,
        coverageProblem(world, edge.upstream, edge.organization),
      );
    }
    const problem = coverage.get(key);
    if (!problem) continue;
    const via = world.refOf(edge.dataset);
    const upstream = world.refOf(edge.upstream);
    problems.push({
      rule: 'agreement-coverage',
      cause: 'agreement',
      entities: [self, via, upstream, ...problem.agreements],
      message: `${world.label(self)} derives${
        via === self ? '' : `, through ${world.label(via)},`
      } from ${world.label(upstream)} of another organization, but ${
        problem.message
      }`,
    });
  }
  return problems;
}

const causeOf: Record<string, GrantEndCause> = {
  'purpose-limitation': 'purpose',
  'agreement-coverage': 'agreement',
  'lineage-integrity': 'dataset-removed',
};

/**
 * Everything that refuses access to a dataset now, for a request or a grant:
 * the dataset exists and is requestable, its tier has not risen since, the
 * requester still belongs to the organization, the purpose passes rule 4
 * and no community veto, the agreement passes rule 3, the data it was
 * derived from is still covered, and no agreement whose covered data it is
 * prohibits onward transfer to the requester's organization. Empty when
 * access stands.
 * @public
 */
export function checkAccessBasis(
  world: GovernanceWorld,
  check: AccessBasisCheck,
): AccessBasisProblem[] {
  const dataset = world.dataset(check.dataset);
  const label = world.label(check.dataset);
  if (!dataset) {
    return [
      {
        rule: 'access',
        cause: 'dataset-removed',
        entities: [check.dataset],
        message: `${label} is no longer a dataset in the catalog.`,
      },
    ];
  }
  const self = world.refOf(dataset);
  const problems: AccessBasisProblem[] = [];
  if (!dataset.spec.access?.requestable) {
    problems.push({
      rule: 'access',
      cause: 'not-requestable',
      entities: [self],
      message: `${label} is not requestable.`,
    });
  }
  const tier = dataset.spec.sensitivity.tier;
  if (check.tier && world.tierRank(tier) > world.tierRank(check.tier)) {
    problems.push({
      rule: 'access',
      cause: 'tier-raised',
      entities: [self],
      message: `${label} is now \`${tier}\`, above the \`${check.tier}\` it had when access was requested; request access again.`,
    });
  }
  if (
    check.requesterOrganizations &&
    !check.requesterOrganizations
      .map(o => o.toLowerCase())
      .includes(check.requesterOrganization.toLowerCase())
  ) {
    problems.push({
      rule: 'access',
      cause: 'organization',
      entities: [self, check.requesterOrganization],
      message: `${
        check.requester ? world.label(check.requester) : 'The requester'
      } no longer belongs to ${world.label(
        check.requesterOrganization,
      )}, for which access was requested.`,
    });
  }
  problems.push(...vetoProblems(world, dataset, check.purpose));
  for (const f of checkAccessRequest(world, check)) {
    if (f.severity !== 'error') continue;
    problems.push({
      rule: f.rule,
      cause: causeOf[f.rule] ?? 'agreement',
      entities: f.entities,
      message: f.message,
    });
  }
  problems.push(...upstreamProblems(world, dataset));
  problems.push(
    ...onwardTransferOfRequest(world, dataset, check.requesterOrganization)
      .refusals,
  );
  return problems;
}

/** The agreements whose end bounds access to `dataset`: the one the request names, and those covering the data above it. */
function boundingAgreements(
  world: GovernanceWorld,
  dataset: DatasetEntityV1alpha1,
  check: AccessRequestCheck,
): AgreementEntityV1alpha1[][] {
  // Each entry is one basis; access ends when the last agreement of any
  // basis ends (several agreements covering one edge: the latest counts).
  const bases: AgreementEntityV1alpha1[][] = [];
  const named = check.agreement ? world.entity(check.agreement) : undefined;
  if (named && named.kind === 'Agreement') {
    bases.push([named as AgreementEntityV1alpha1]);
  }
  for (const edge of crossEdgesAbove(world, dataset)) {
    const covering = world.coveringAgreements(edge.upstream, edge.organization);
    if (covering.length > 0) bases.push(covering);
  }
  return bases;
}

/** The end of an agreement's last day, or undefined when it has no end. */
function endOf(agreement: AgreementEntityV1alpha1): DateTime | undefined {
  const until = agreement.spec.effective.until;
  return until
    ? DateTime.fromISO(until, { zone: 'utc' }).endOf('day')
    : undefined;
}

/**
 * When a grant decided at `decidedAt` for `duration` ends: the earlier of
 * `decidedAt` + `duration` and the end (23:59:59.999 UTC) of the last day of
 * every agreement it relies on — the agreement the request names, and for
 * each cross-organization edge its data came through (up to a de-identified
 * aggregate) the covering agreement that ends last — and which
 * bound applied.
 * @public
 */
export function grantExpiry(
  world: GovernanceWorld,
  check: AccessRequestCheck,
  decidedAt: Date,
  duration: string,
): ExpiryPreview {
  const byDuration = DateTime.fromJSDate(decidedAt, { zone: 'utc' }).plus(
    Duration.fromISO(duration),
  );
  let expiry: ExpiryPreview = {
    expiresAt: byDuration.toJSDate().toISOString(),
    expiresBecause: 'duration',
  };
  let bound: DateTime = byDuration;
  const dataset = world.dataset(check.dataset);
  if (!dataset) return expiry;
  for (const basis of boundingAgreements(world, dataset, check)) {
    const ends = basis.map(a => ({ agreement: a, end: endOf(a) }));
    if (ends.some(e => !e.end)) continue;
    const last = ends.reduce((a, b) => (b.end! > a.end! ? b : a));
    if (last.end! < bound) {
      bound = last.end!;
      expiry = {
        expiresAt: last.end!.toJSDate().toISOString(),
        expiresBecause: 'agreement',
        agreement: world.refOf(last.agreement),
      };
    }
  }
  return expiry;
}

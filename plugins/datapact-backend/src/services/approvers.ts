/**
 * A stewardship: a Steward with its holder and its delegates' holders.
 * Refs are normalized (see `normalizeRef`).
 */
export interface Approver {
  steward: string;
  /** The User or Group that holds the steward; missing when the steward is not in the catalog. */
  holder?: string;
  delegates: Array<{ steward: string; holder?: string }>;
}

/** How a user may decide: for which stewardship, and as whose delegate. */
export interface Stewardship {
  onBehalfOf: string;
  delegate?: string;
}

/**
 * What a request's approvals must reach: `approvalsRequired` distinct
 * stewardships of `pool` (the dataset's approvers), and every stewardship
 * of `required` (community consent), none of them `excluded` (the
 * requester's own).
 */
export interface ApprovalPlan {
  pool: Approver[];
  required: Approver[];
  excluded: Set<string>;
  approvalsRequired: number;
}

/**
 * The holders of the delegates of the excluded stewardships: standing in for
 * the requester, they may not approve the request at all ("nor can its
 * delegates").
 */
export function barredDeciders(plan: ApprovalPlan): Set<string> {
  return new Set(
    all(plan)
      .filter(a => plan.excluded.has(a.steward))
      .flatMap(a => a.delegates.map(d => d.holder))
      .filter((h): h is string => Boolean(h)),
  );
}

/** Whether claims hold a barred decider. */
function isBarred(plan: ApprovalPlan, claims: string[]): boolean {
  const barred = barredDeciders(plan);
  return claims.some(c => barred.has(c));
}

/** The pool and the required stewardships, each once. */
function all(plan: ApprovalPlan): Approver[] {
  const byRef = new Map<string, Approver>();
  for (const a of [...plan.required, ...plan.pool]) byRef.set(a.steward, a);
  return [...byRef.values()];
}

/**
 * The stewardships a requester with these claims (their ref and their
 * groups') holds or is a delegate of, among `stewardships`: they may not
 * approve the request, nor may their delegates.
 */
export function excludedStewardships(
  stewardships: Approver[],
  requesterClaims: string[],
): string[] {
  const mine = new Set(requesterClaims);
  return stewardships
    .filter(
      s =>
        (s.holder && mine.has(s.holder)) ||
        s.delegates.some(d => d.holder && mine.has(d.holder)),
    )
    .map(s => s.steward);
}

/**
 * The stewardships a user with these claims may approve for, not yet
 * approved, the most needed first: a required one before one of the pool
 * (the pool only while it still needs approvals), held before stood in for
 * as a delegate. Empty when the user may approve for none.
 */
export function openStewardshipsOf(
  plan: ApprovalPlan,
  claims: string[],
  approved: Set<string>,
): Stewardship[] {
  if (isBarred(plan, claims)) return [];
  const mine = new Set(claims);
  const poolRefs = new Set(plan.pool.map(a => a.steward));
  const requiredRefs = new Set(plan.required.map(a => a.steward));
  const counted = [...approved].filter(
    s => poolRefs.has(s) && !plan.excluded.has(s),
  ).length;
  const poolNeeds = counted < plan.approvalsRequired;
  // Required first, then the pool while it needs approvals, then the rest;
  // within each, held before stood in for.
  const need = (a: Approver) => {
    if (requiredRefs.has(a.steward)) return 0;
    return poolNeeds ? 2 : 4;
  };
  const rank = (a: Approver, delegate: boolean) => need(a) + (delegate ? 1 : 0);
  const options: Array<{ rank: number; stewardship: Stewardship }> = [];
  for (const a of all(plan)) {
    if (plan.excluded.has(a.steward) || approved.has(a.steward)) continue;
    if (a.holder && mine.has(a.holder)) {
      options.push({
        rank: rank(a, false),
        stewardship: { onBehalfOf: a.steward },
      });
      continue;
    }
    const delegate = a.delegates.find(d => d.holder && mine.has(d.holder));
    if (delegate) {
      options.push({
        rank: rank(a, true),
        stewardship: { onBehalfOf: a.steward, delegate: delegate.steward },
      });
    }
  }
  return options.sort((x, y) => x.rank - y.rank).map(o => o.stewardship);
}

/** Whether a user with these claims holds, or is a delegate of, any stewardship of the plan. */
export function isDecider(plan: ApprovalPlan, claims: string[]): boolean {
  if (isBarred(plan, claims)) return false;
  const mine = new Set(claims);
  return all(plan).some(
    a =>
      !plan.excluded.has(a.steward) &&
      ((a.holder && mine.has(a.holder)) ||
        a.delegates.some(d => d.holder && mine.has(d.holder))),
  );
}

/** What approvals are still missing: how many of the pool, and which required stewardships. */
export function missingApprovals(
  plan: ApprovalPlan,
  approved: Set<string>,
): { stillNeeded: number; stillRequired: string[] } {
  const counted = plan.pool.filter(
    a => approved.has(a.steward) && !plan.excluded.has(a.steward),
  ).length;
  return {
    stillNeeded: Math.max(0, plan.approvalsRequired - counted),
    stillRequired: plan.required
      .map(a => a.steward)
      .filter(s => !approved.has(s)),
  };
}

/** Whether the approvals given complete the plan. */
export function isFullyApproved(
  plan: ApprovalPlan,
  approved: Set<string>,
): boolean {
  const { stillNeeded, stillRequired } = missingApprovals(plan, approved);
  return stillNeeded === 0 && stillRequired.length === 0;
}

/**
 * Why the plan can never be completed by distinct people other than the
 * requester, or undefined when it can. Each stewardship is decided by its
 * holder or a delegate's holder (a group holder counts as one person); a
 * matching assigns a distinct decider to every required stewardship and to
 * `approvalsRequired` of the pool.
 */
export function unreachable(
  plan: ApprovalPlan,
  requester: string,
): string | undefined {
  const barred = barredDeciders(plan);
  const decidersOf = (a: Approver) =>
    plan.excluded.has(a.steward)
      ? []
      : [
          ...new Set(
            [a.holder, ...a.delegates.map(d => d.holder)].filter(
              (h): h is string =>
                Boolean(h) && h !== requester && !barred.has(h!),
            ),
          ),
        ];
  const assigned = new Map<string, string>(); // decider -> stewardship
  const options = new Map(all(plan).map(a => [a.steward, decidersOf(a)]));
  // Kuhn's augmenting paths: a stewardship once matched stays matched.
  const tryMatch = (steward: string, seen: Set<string>): boolean => {
    for (const decider of options.get(steward) ?? []) {
      if (seen.has(decider)) continue;
      seen.add(decider);
      const holder = assigned.get(decider);
      if (holder === undefined || tryMatch(holder, seen)) {
        assigned.set(decider, steward);
        return true;
      }
    }
    return false;
  };
  for (const a of plan.required) {
    if (!tryMatch(a.steward, new Set())) {
      return `${a.steward} must approve it, but ${
        plan.excluded.has(a.steward)
          ? 'the requester holds it or is its delegate'
          : 'nobody other than the requester can decide for it'
      }.`;
    }
  }
  const requiredRefs = new Set(plan.required.map(a => a.steward));
  for (const a of plan.pool) {
    if (!requiredRefs.has(a.steward)) tryMatch(a.steward, new Set());
  }
  const matchedPool = plan.pool.filter(a =>
    [...assigned.values()].includes(a.steward),
  ).length;
  if (matchedPool >= plan.approvalsRequired) return undefined;
  const independent = plan.pool.filter(
    a => !plan.excluded.has(a.steward),
  ).length;
  return `it needs ${plan.approvalsRequired} approval${
    plan.approvalsRequired === 1 ? '' : 's'
  } from distinct stewardships, but only ${matchedPool} of its ${
    plan.pool.length
  } approver stewardships can be decided independently of the requester${
    independent < plan.pool.length
      ? ` (the requester holds, or is a delegate of, ${
          plan.pool.length - independent
        })`
      : ''
  }.`;
}

/** Everyone who may decide: holders of the stewardships and of their delegates, but the excluded and the barred. */
export function deciderRefs(plan: ApprovalPlan): string[] {
  const barred = barredDeciders(plan);
  const refs = all(plan)
    .filter(a => !plan.excluded.has(a.steward))
    .flatMap(a => [a.holder, ...a.delegates.map(d => d.holder)]);
  return [
    ...new Set(refs.filter((r): r is string => Boolean(r) && !barred.has(r!))),
  ];
}

/** The holders of the stewardships themselves (whom a new request notifies). */
export function approverHolderRefs(plan: ApprovalPlan): string[] {
  return [
    ...new Set(
      all(plan)
        .filter(a => !plan.excluded.has(a.steward))
        .map(a => a.holder)
        .filter(
          (r): r is string => Boolean(r) && !barredDeciders(plan).has(r!),
        ),
    ),
  ];
}

/**
 * The stewardship a user may revoke for: one they hold among the dataset's
 * approvers, or else one whose delegate they hold. Undefined when none.
 */
export function stewardshipOf(
  approvers: Approver[],
  claims: string[],
): Stewardship | undefined {
  return openStewardshipsOf(
    {
      pool: approvers,
      required: [],
      excluded: new Set(),
      approvalsRequired: 1,
    },
    claims,
    new Set(),
  )[0];
}

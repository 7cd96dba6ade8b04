/**
 * An approver Steward of a dataset, with the holders of its delegates' stewards.
 * Refs are normalized (see `normalizeRef`).
 */
export interface Approver {
  steward: string;
  /** The User or Group that holds the steward; missing when the steward is not in the catalog. */
  holder?: string;
  delegates: Array<{ steward: string; holder?: string }>;
}

/** How a user may decide for a dataset: for which approver, and as whose delegate. */
export interface Stewardship {
  onBehalfOf: string;
  delegate?: string;
}

/**
 * The stewardship a user with these claims (their ref and their groups') holds
 * over a dataset: an approver they hold, or else an approver whose delegate
 * they hold. Undefined when they may not decide.
 */
export function stewardshipOf(
  approvers: Approver[],
  claims: string[],
): Stewardship | undefined {
  const mine = new Set(claims);
  const held = approvers.find(a => a.holder && mine.has(a.holder));
  if (held) return { onBehalfOf: held.steward };
  for (const approver of approvers) {
    const delegate = approver.delegates.find(
      d => d.holder && mine.has(d.holder),
    );
    if (delegate) {
      return { onBehalfOf: approver.steward, delegate: delegate.steward };
    }
  }
  return undefined;
}

/** Everyone who may decide: holders of the approvers and of their delegates. */
export function deciderRefs(approvers: Approver[]): string[] {
  const refs = approvers.flatMap(a => [
    a.holder,
    ...a.delegates.map(d => d.holder),
  ]);
  return [...new Set(refs.filter((r): r is string => Boolean(r)))];
}

/** The holders of the approver stewards themselves (whom a new request notifies). */
export function approverHolderRefs(approvers: Approver[]): string[] {
  return [
    ...new Set(
      approvers.map(a => a.holder).filter((r): r is string => Boolean(r)),
    ),
  ];
}

/**
 * The rule ids of DESIGN.md, used everywhere a finding is shown.
 * @public
 */
export const GOVERNANCE_RULE_IDS = [
  'schema',
  'sensitivity-floor',
  'license-compatibility',
  'agreement-coverage',
  'purpose-limitation',
  'retention',
  'community-veto',
  'stewardship',
  'lineage-integrity',
  'deidentification-required',
  'onward-transfer',
  'jurisdiction',
  'derived-works',
  'provisioning-drift',
] as const;

/** @public */
export type GovernanceRuleId = (typeof GOVERNANCE_RULE_IDS)[number];

/**
 * `error` for a breach of a rule; `warning` for advice that breaks nothing yet.
 * @public
 */
export type FindingSeverity = 'error' | 'warning';

/**
 * One governance finding.
 * @public
 */
export interface GovernanceFinding {
  rule: GovernanceRuleId;
  severity: FindingSeverity;
  /**
   * Entity refs (`kind:namespace/name`, lower-case kind and namespace) of the
   * entities involved; the first is the entity the finding is about.
   */
  entities: string[];
  /** A sentence a steward understands: what is wrong and what to change. */
  message: string;
}

/** @public */
export interface GovernanceOptions {
  /** The day of the check as YYYY-MM-DD; decides agreement status. */
  today: string;
  /** The sensitivity scale, lowest first; defaults to public, internal, confidential, restricted. */
  sensitivityTiers?: readonly string[];
  /**
   * Refs of entities that exist but were left out of the evaluation (for
   * example because they failed schema validation), so that references to
   * them are not reported as missing.
   */
  knownRefs?: Iterable<string>;
}

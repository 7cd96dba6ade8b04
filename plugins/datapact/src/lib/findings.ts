import {
  GOVERNANCE_RULE_IDS,
  ReportedFinding,
} from '@datapact/backstage-plugin-common';

/*
 * How the portal speaks about governance findings: a name and a reason per
 * rule id. The findings themselves (what is wrong, what to change) come from
 * the server, worded by the rules of the common package.
 */

const RULE_TITLES: Record<string, string> = {
  schema: 'Schema',
  'sensitivity-floor': 'Sensitivity floor',
  'license-compatibility': 'Licence compatibility',
  'agreement-coverage': 'Agreement coverage',
  'purpose-limitation': 'Purpose limitation',
  retention: 'Retention',
  'community-veto': 'Community veto',
  stewardship: 'Stewardship',
  'lineage-integrity': 'Lineage integrity',
  'deidentification-required': 'De-identification required',
  'onward-transfer': 'Onward transfer',
  jurisdiction: 'Jurisdiction',
  'derived-works': 'Derived works',
  'provisioning-drift': 'Provisioning drift',
};

const WHY: Record<string, string> = {
  schema:
    'An entry that breaks the schema or says too little cannot be checked, and nobody can judge the data before relying on it.',
  'sensitivity-floor':
    'Data derived from sensitive data is just as sensitive unless it is de-identified; a lower tier lets it travel further than its sources allow.',
  'license-compatibility':
    'A dataset built from licensed data must honour those licences, or everyone who uses it breaches the provider’s terms.',
  'agreement-coverage':
    'Data may pass to another organization only under an agreement in force that covers it; without one the sharing has no legal basis.',
  'purpose-limitation':
    'Data shared for some purposes may not be used for others: the provider, and the people the data is about, agreed to those purposes only.',
  retention:
    'Data must be deleted when the agreement it arrived under says so; keeping it longer breaches that agreement.',
  'community-veto':
    'A community keeps collective rights over data about it, and those rights follow the data into everything derived from it.',
  stewardship:
    'Sensitive data needs accountable people to decide who may use it; without enough stewards, access cannot be decided safely.',
  'lineage-integrity':
    'Broken or circular lineage hides where data comes from, so the other rules cannot check what it inherits.',
  'deidentification-required':
    'An agreement that requires de-identification lets the recipient use the provider’s data only once no one in it can be recognized.',
  'onward-transfer':
    'An agreement that prohibits onward transfer keeps the data, and what is derived from it, with the organizations that signed it.',
  jurisdiction:
    'An agreement can bind where the data may be stored and processed, because the law that protects it stops at the border.',
  'derived-works':
    'An agreement can forbid selling what is made from the data; a licence or purpose that permits commercial use breaks that promise.',
  'provisioning-drift':
    'What the data platform really allows must match the grants: a privilege no grant explains is access nobody approved, and a grant without its privilege is access promised but not given.',
};

/** A rule id by its name: `license-compatibility` → `Licence compatibility`. */
export function ruleTitle(rule: string): string {
  return RULE_TITLES[rule] ?? rule;
}

/** Why a rule matters, in one plain sentence. */
export function ruleWhy(rule: string): string | undefined {
  return WHY[rule];
}

/** Rule ids in the order of DESIGN.md, then any the portal does not know. */
export function ruleOrder(rules: Iterable<string>): string[] {
  const known = GOVERNANCE_RULE_IDS as readonly string[];
  const rank = (r: string) => (known.includes(r) ? known.indexOf(r) : 99);
  return [...new Set(rules)].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1 };

/** Errors before warnings, then by rule in the order of DESIGN.md, then by subject. */
export function sortFindings<T extends ReportedFinding>(findings: T[]): T[] {
  const order = ruleOrder(findings.map(f => f.rule));
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      order.indexOf(a.rule) - order.indexOf(b.rule) ||
      a.entities[0].localeCompare(b.entities[0]),
  );
}

/**
 * A message of the rules split into text and code: the rules quote entity
 * names, fields and values in backticks, as in the command line's output.
 */
export function messageParts(
  message: string,
): Array<{ text: string; code: boolean }> {
  return message
    .split('`')
    .map((text, i) => ({ text, code: i % 2 === 1 }))
    .filter(part => part.text !== '');
}

/** What `byOrganization` of the summary calls a finding without an organization. */
export const NO_ORGANIZATION = 'unknown';

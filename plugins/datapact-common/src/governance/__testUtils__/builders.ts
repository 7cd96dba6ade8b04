import { Entity } from '@backstage/catalog-model';
import { evaluateGovernance } from '../evaluateGovernance';
import { GovernanceRule } from '../rule';
import { GovernanceWorld } from '../world';

/** Builders for small worlds in rule tests. */

export const TODAY = '2026-11-29';

export function organization(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'organization', children: [] },
  };
}

export function team(name: string, parent: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', parent, children: [] },
  };
}

type DatasetOptions = {
  owner?: string;
  tier?: string;
  upstream?: string[];
  deidentified?: boolean;
  personalData?: string;
  jurisdiction?: string;
  license?: string;
  terms?: {
    permissions?: string[];
    prohibitions?: string[];
    duties?: string[];
  };
  attribution?: string;
  purposes?: string[];
  retention?: string;
  stewards?: string[];
  approvers?: string[];
  approvalsRequired?: number;
  lifecycle?: string;
  organization?: string;
  community?: { name: string; vetoOn: string[]; steward?: string };
  description?: string | null;
};

export function dataset(name: string, o: DatasetOptions = {}): Entity {
  return {
    apiVersion: 'datapact.io/v1alpha1',
    kind: 'Dataset',
    metadata: {
      name,
      ...(o.description === null
        ? {}
        : { description: o.description ?? `About ${name}.` }),
    },
    spec: {
      type: 'table',
      owner: o.owner ?? 'group:default/org-a',
      ...(o.lifecycle ? { lifecycle: o.lifecycle } : {}),
      stewards: o.stewards ?? ['steward:default/s1', 'steward:default/s2'],
      sensitivity: {
        tier: o.tier ?? 'internal',
        ...(o.personalData ? { personalData: o.personalData } : {}),
        ...(o.deidentified
          ? { deidentification: { method: 'k-anonymity' } }
          : {}),
      },
      ...(o.license
        ? {
            license: {
              spdx: o.license,
              ...(o.terms ? { terms: o.terms } : {}),
              ...(o.attribution ? { attribution: o.attribution } : {}),
            },
          }
        : {}),
      ...(o.upstream
        ? { lineage: { upstream: o.upstream.map(u => ({ dataset: u })) } }
        : {}),
      ...(o.purposes || o.approvers || o.approvalsRequired
        ? {
            access: {
              requestable: true,
              ...(o.purposes ? { allowedPurposes: o.purposes } : {}),
              ...(o.approvers ? { approvers: o.approvers } : {}),
              ...(o.approvalsRequired
                ? { approvalsRequired: o.approvalsRequired }
                : {}),
            },
          }
        : {}),
      ...(o.retention ? { retention: { period: o.retention } } : {}),
      ...(o.organization
        ? { provenance: { organization: o.organization } }
        : {}),
      ...(o.community ? { community: o.community } : {}),
      ...(o.jurisdiction ? { location: { jurisdiction: o.jurisdiction } } : {}),
    },
  };
}

export function agreement(
  name: string,
  o: {
    parties: string[];
    datasets: string[];
    from?: string;
    until?: string;
    purposes?: string[];
    retention?: string;
    /** Agreement terms besides retention, as written in `spec.terms`. */
    terms?: Record<string, unknown>;
    /** A role per party; default: the first is the provider, the others recipients. */
    roles?: string[];
  },
): Entity {
  return {
    apiVersion: 'datapact.io/v1alpha1',
    kind: 'Agreement',
    metadata: { name },
    spec: {
      type: 'data-sharing',
      owner: o.parties[0],
      parties: o.parties.map((party, i) => ({
        party,
        role: o.roles?.[i] ?? (i === 0 ? 'provider' : 'recipient'),
      })),
      datasets: o.datasets,
      ...(o.purposes ? { purposes: o.purposes } : {}),
      effective: {
        from: o.from ?? '2025-01-01',
        ...(o.until ? { until: o.until } : {}),
      },
      ...(o.retention || o.terms
        ? {
            terms: {
              ...(o.retention ? { retention: o.retention } : {}),
              ...o.terms,
            },
          }
        : {}),
    },
  };
}

/** Two organizations, each with one team. */
export const orgs = (): Entity[] => [
  organization('org-a'),
  team('team-a', 'org-a'),
  organization('org-b'),
  team('team-b', 'org-b'),
];

/** Runs one rule over entities and returns `rule severity first-entity` lines and the findings. */
export function run(rule: GovernanceRule, entities: Entity[], today = TODAY) {
  const findings = rule(new GovernanceWorld(entities, { today }));
  return {
    findings,
    summary: findings.map(f => `${f.severity} ${f.entities.join(' ')}`),
  };
}

export { evaluateGovernance };

/*
 * A synthetic Datapact catalog for benchmarks: organizations, stewards,
 * agreements and datasets whose lineage forms a DAG with about `upstreams`
 * upstreams per dataset. Deterministic for a given size and seed.
 *
 * Every agreement carries every term the rules read (retention,
 * de-identification, onward transfer, jurisdictions, derived works), and
 * nearly every dataset is covered data of every agreement, so the four term
 * rules walk as much as they ever could; the world still keeps all of them.
 */
import { Entity } from '@backstage/catalog-model';

const TIERS = ['public', 'internal', 'confidential', 'restricted'];
// Sources are CC0 or CC-BY; derived data is CC-BY-NC, which honours both and
// the agreements' ban on commercializing derived works, so the generated
// world is mostly clean, as a real catalog would be.
const SOURCE_LICENSES = ['CC-BY-4.0', 'CC0-1.0'];
// Within the agreements' `EU`.
const LOCATIONS = ['DE', 'FR', 'NL', 'SE', 'IE', 'EU'];

/** A small deterministic PRNG (mulberry32), so runs compare like with like. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorldOptions {
  datasets: number;
  upstreams?: number;
  /** Upstreams are picked among this many datasets before each one. */
  window?: number;
  organizations?: number;
  seed?: number;
}

export function generateWorld(options: WorldOptions): Entity[] {
  const {
    datasets,
    upstreams = 3,
    window = 200,
    organizations = 10,
    seed = 42,
  } = options;
  const rnd = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const entities: Entity[] = [];

  for (let o = 0; o < organizations; o++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `org-${o}` },
      spec: { type: 'organization', children: [`team-${o}`] },
    });
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${o}` },
      spec: { type: 'team', parent: `org-${o}`, children: [] },
    });
    for (const s of [0, 1]) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: `steward-${o}-${s}` },
        spec: { memberOf: [`team-${o}`] },
      });
      entities.push({
        apiVersion: 'datapact.io/v1alpha1',
        kind: 'Steward',
        metadata: { name: `steward-${o}-${s}` },
        spec: {
          holder: `user:default/steward-${o}-${s}`,
          organization: `group:default/org-${o}`,
        },
      });
    }
  }
  // One agreement between every pair of neighbouring organizations, covering
  // the datasets assigned to it below.
  const agreementDatasets: string[][] = [];
  for (let o = 0; o < organizations; o++) agreementDatasets.push([]);

  const orgOf = (i: number) => i % organizations;
  for (let i = 0; i < datasets; i++) {
    const org = orgOf(i);
    const ups = new Set<number>();
    const want = i < upstreams ? i : upstreams;
    while (ups.size < want) {
      // Prefer recent datasets so lineage gets deep, not just wide.
      const span = Math.min(i, window);
      ups.add(i - 1 - Math.floor(rnd() * span));
    }
    const upstream = [...ups].map(u => ({
      dataset: `dataset:default/ds-${u}`,
      transformation: `job-${u}-${i}`,
    }));
    let crossOrganization = false;
    for (const u of ups) {
      if (orgOf(u) !== org) {
        agreementDatasets[orgOf(u)].push(`dataset:default/ds-${u}`);
        crossOrganization = true;
      }
    }
    const tier = TIERS[Math.min(3, Math.floor(i / Math.max(1, datasets / 4)))];
    entities.push({
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Dataset',
      metadata: {
        name: `ds-${i}`,
        title: `Dataset ${i}`,
        description: `Synthetic dataset ${i} of organization ${org}.`,
      },
      spec: {
        type: pick(['table', 'file', 'stream']),
        lifecycle: 'production',
        owner: `group:default/team-${org}`,
        stewards: [
          `steward:default/steward-${org}-0`,
          `steward:default/steward-${org}-1`,
        ],
        location: { jurisdiction: pick(LOCATIONS) },
        // What another organization receives is pseudonymised on arrival,
        // as the agreements require; it stays covered data.
        sensitivity: crossOrganization
          ? {
              tier,
              personalData: 'pseudonymized',
              deidentification: { method: 'pseudonymisation' },
            }
          : { tier },
        license: {
          spdx: upstream.length === 0 ? pick(SOURCE_LICENSES) : 'CC-BY-NC-4.0',
        },
        lineage: { upstream },
        agreements: [`agreement:default/agreement-${org}`],
        access: {
          requestable: true,
          maxDuration: 'P90D',
          allowedPurposes: ['research'],
        },
        retention: { period: 'P1Y' },
      },
    });
  }
  for (let o = 0; o < organizations; o++) {
    entities.push({
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Agreement',
      metadata: { name: `agreement-${o}` },
      spec: {
        type: 'data-sharing',
        owner: `group:default/org-${o}`,
        parties: [
          { party: `group:default/org-${o}`, role: 'provider' },
          ...Array.from({ length: organizations - 1 }, (_, k) => ({
            party: `group:default/org-${(o + 1 + k) % organizations}`,
            role: 'recipient',
          })),
        ],
        datasets: [...new Set(agreementDatasets[o])],
        purposes: ['research'],
        effective: { from: '2025-01-01', until: '2030-12-31' },
        terms: {
          retention: 'P5Y',
          onwardTransfer: 'prohibited',
          deidentificationRequired: true,
          breachNotificationHours: 72,
          jurisdictions: ['EU'],
          derivedWorks: { owner: 'joint', commercialization: 'none' },
        },
      },
    });
  }
  return entities;
}

/**
 * Components shaped like the generated datasets (an owner, a system and three
 * dependencies each), for comparing against Backstage's built-in kinds.
 */
export function generateComponents(count: number, seed = 42): Entity[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const deps = new Set<number>();
    while (deps.size < Math.min(i, 3)) {
      deps.add(i - 1 - Math.floor(rnd() * Math.min(i, 200)));
    }
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `component-${i}`,
        title: `Component ${i}`,
        description: `Synthetic component ${i}.`,
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 10}`,
        system: `system:default/system-${i % 10}`,
        dependsOn: [...deps].map(d => `component:default/component-${d}`),
      },
    };
  });
}

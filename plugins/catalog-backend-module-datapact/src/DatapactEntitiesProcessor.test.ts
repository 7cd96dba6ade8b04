import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { DatapactEntitiesProcessor } from './DatapactEntitiesProcessor';

const location = { type: 'file', target: '/catalog-info/datasets.yaml' };

async function relationsOf(entity: Entity): Promise<string[]> {
  const emitted: CatalogProcessorResult[] = [];
  await new DatapactEntitiesProcessor().postProcessEntity(
    entity,
    location,
    result => emitted.push(result),
  );
  return emitted.map(result => {
    if (result.type !== 'relation')
      throw new Error(`unexpected ${result.type}`);
    const { source, type, target } = result.relation;
    return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
  });
}

const dataset: Entity = {
  apiVersion: 'datapact.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name: 'uni-outcomes', namespace: 'research' },
  spec: {
    type: 'table',
    owner: 'group:default/uni-epidemiology',
    stewards: ['steward:default/ana-ruiz', 'kofi-mensah'],
    system: 'outcomes-platform',
    sensitivity: { tier: 'confidential' },
    lineage: {
      upstream: [
        { dataset: 'dataset:default/clinic-visits-2024' },
        { dataset: 'registry-extract' },
      ],
    },
    agreements: ['hospital-uni-dsa'],
  },
};

describe('DatapactEntitiesProcessor', () => {
  const processor = new DatapactEntitiesProcessor();

  it('emits every Dataset relation in both directions, defaulting kinds by field', async () => {
    expect(await relationsOf(dataset)).toEqual([
      'Dataset:research/uni-outcomes ownedBy group:default/uni-epidemiology',
      'group:default/uni-epidemiology ownerOf Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes stewardedBy steward:default/ana-ruiz',
      'steward:default/ana-ruiz stewardOf Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes stewardedBy steward:research/kofi-mensah',
      'steward:research/kofi-mensah stewardOf Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes derivedFrom dataset:default/clinic-visits-2024',
      'dataset:default/clinic-visits-2024 sourceOf Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes derivedFrom dataset:research/registry-extract',
      'dataset:research/registry-extract sourceOf Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes governedBy agreement:research/hospital-uni-dsa',
      'agreement:research/hospital-uni-dsa governs Dataset:research/uni-outcomes',
      'Dataset:research/uni-outcomes partOf system:research/outcomes-platform',
      'system:research/outcomes-platform hasPart Dataset:research/uni-outcomes',
    ]);
  });

  it('emits Agreement relations: owner, stewards, parties and covered datasets', async () => {
    const agreement: Entity = {
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Agreement',
      metadata: { name: 'hospital-uni-dsa' },
      spec: {
        type: 'data-sharing',
        owner: 'legal',
        parties: [
          { party: 'st-mary-hospital', role: 'provider' },
          { party: 'group:default/northbridge-university', role: 'recipient' },
        ],
        datasets: ['clinic-visits-2024'],
        effective: { from: '2025-01-01' },
        stewards: ['ana-ruiz'],
      },
    };
    expect(await relationsOf(agreement)).toEqual([
      'Agreement:default/hospital-uni-dsa ownedBy group:default/legal',
      'group:default/legal ownerOf Agreement:default/hospital-uni-dsa',
      'Agreement:default/hospital-uni-dsa stewardedBy steward:default/ana-ruiz',
      'steward:default/ana-ruiz stewardOf Agreement:default/hospital-uni-dsa',
      'Agreement:default/hospital-uni-dsa hasParty group:default/st-mary-hospital',
      'group:default/st-mary-hospital partyTo Agreement:default/hospital-uni-dsa',
      'Agreement:default/hospital-uni-dsa hasParty group:default/northbridge-university',
      'group:default/northbridge-university partyTo Agreement:default/hospital-uni-dsa',
      'Agreement:default/hospital-uni-dsa governs dataset:default/clinic-visits-2024',
      'dataset:default/clinic-visits-2024 governedBy Agreement:default/hospital-uni-dsa',
    ]);
  });

  it('emits heldBy for a Steward, defaulting the holder to a User', async () => {
    const steward = (holder: string): Entity => ({
      apiVersion: 'datapact.io/v1alpha1',
      kind: 'Steward',
      metadata: { name: 'ana-ruiz' },
      spec: { holder },
    });
    expect(await relationsOf(steward('ana.ruiz'))).toEqual([
      'Steward:default/ana-ruiz heldBy user:default/ana.ruiz',
      'user:default/ana.ruiz holdsStewardship Steward:default/ana-ruiz',
    ]);
    expect(
      await relationsOf(steward('group:default/community-council')),
    ).toEqual([
      'Steward:default/ana-ruiz heldBy group:default/community-council',
      'group:default/community-council holdsStewardship Steward:default/ana-ruiz',
    ]);
  });

  it('emits nothing for other kinds', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { owner: 'team-a', type: 'service', lifecycle: 'production' },
    };
    expect(await relationsOf(component)).toEqual([]);
  });

  it('accepts the three kinds and leaves other kinds to other processors', async () => {
    await expect(processor.validateEntityKind(dataset)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({
        ...dataset,
        apiVersion: 'datapact.io/v9',
      }),
    ).resolves.toBe(false);
  });

  it('rejects an invalid entity with a message naming each field and what was expected', async () => {
    const invalid = {
      ...dataset,
      spec: {
        ...dataset.spec,
        sensitivity: { tier: 'secret' },
        access: { maxDuration: '90 days' },
        owner: undefined,
      },
    } as unknown as Entity;
    await expect(processor.validateEntityKind(invalid)).rejects.toThrow(
      'Dataset:research/uni-outcomes is not a valid Dataset: spec.owner is required; ' +
        'spec.sensitivity.tier must be one of public, internal, confidential, restricted (got "secret"); ' +
        'spec.access.maxDuration must be an ISO 8601 duration such as P90D or P5Y (got "90 days")',
    );
  });

  it('uses a configured sensitivity scale', async () => {
    const custom = new DatapactEntitiesProcessor({
      sensitivityTiers: ['open', 'secret'],
    });
    const secret = {
      ...dataset,
      spec: { ...dataset.spec, sensitivity: { tier: 'secret' } },
    } as Entity;
    await expect(custom.validateEntityKind(secret)).resolves.toBe(true);
    await expect(custom.validateEntityKind(dataset)).rejects.toThrow(
      'spec.sensitivity.tier must be one of open, secret (got "confidential")',
    );
  });
});

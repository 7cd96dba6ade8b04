import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LoadedEntity } from './loadEntities';
import { parseYamlDocuments } from './parseYamlDocuments';
import { validateEntities } from './validateEntities';

function load(text: string): LoadedEntity[] {
  return parseYamlDocuments(text).documents.map(doc => {
    const entity = doc.value as Entity;
    return {
      entity,
      ref: stringifyEntityRef(entity),
      file: 'catalog-info.yaml',
      line: doc.line,
      lineOf: doc.lineOf,
    };
  });
}

describe('validateEntities', () => {
  it('passes valid entities', async () => {
    const entities = load(`apiVersion: datapact.io/v1alpha1
kind: Steward
metadata: { name: ada }
spec: { holder: user:default/ada }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team }
spec: { type: team, children: [] }
`);
    const { problems, invalid } = await validateEntities(entities);
    expect(problems).toEqual([]);
    expect(invalid.size).toBe(0);
  });

  it('reports Datapact schema problems at the line of the field, or of its parent when missing', async () => {
    const entities = load(`apiVersion: datapact.io/v1alpha1
kind: Dataset
metadata:
  name: visits
spec:
  owner: group:default/team
  sensitivity:
    tier: secret
  lineage:
    upstream:
      - dataset: dataset:default/a
      - transformation: no dataset
`);
    const { problems, invalid } = await validateEntities(entities);
    expect(invalid).toEqual(new Set(entities));
    expect(
      problems.map(p => [p.line, p.rule, p.severity, p.entities, p.message]),
    ).toEqual(
      expect.arrayContaining([
        [
          5,
          'schema',
          'error',
          ['dataset:default/visits'],
          expect.stringContaining('spec.type'),
        ],
        [
          8,
          'schema',
          'error',
          ['dataset:default/visits'],
          expect.stringContaining('spec.sensitivity.tier'),
        ],
        [
          12,
          'schema',
          'error',
          ['dataset:default/visits'],
          expect.stringContaining('spec.lineage.upstream[1].dataset'),
        ],
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports a misspelt Datapact kind', async () => {
    const entities = load(`apiVersion: datapact.io/v1alpha1
kind: Datset
metadata: { name: visits }
spec: {}
`);
    const { problems } = await validateEntities(entities);
    expect(problems.map(p => [p.line, p.message])).toEqual([
      [2, expect.stringContaining('Datset')],
    ]);
  });

  it('validates Groups and Users with the catalog model', async () => {
    const entities = load(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team }
spec:
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec:
  memberOf: team
`);
    const { problems, invalid } = await validateEntities(entities);
    expect(invalid.size).toBe(2);
    expect(problems.map(p => [p.line, p.entities, p.message])).toEqual([
      [4, ['group:default/team'], 'spec.type is required'],
      [
        11,
        ['user:default/ada'],
        expect.stringMatching(/^spec.memberOf must be/),
      ],
    ]);
  });
});

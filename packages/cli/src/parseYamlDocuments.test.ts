import { parseYamlDocuments, splitPath } from './parseYamlDocuments';

const dataset = `# A comment before the entity.
apiVersion: datapact.io/v1alpha1
kind: Dataset
metadata:
  name: clinic-visits
  annotations:
    backstage.io/source-location: url:https://example.org/
spec:
  type: table
  sensitivity:
    tier: restricted
  lineage:
    upstream:
      - dataset: dataset:default/raw-visits
      - dataset: dataset:default/raw-referrals
        transformation: dbt
  access: { requestable: true, maxDuration: 90 days }
  effective:
    from: 2025-01-01
`;

describe('splitPath', () => {
  it('splits dotted paths with list indices', () => {
    expect(splitPath('spec.lineage.upstream[1].dataset')).toEqual([
      'spec',
      'lineage',
      'upstream',
      1,
      'dataset',
    ]);
    expect(splitPath('spec')).toEqual(['spec']);
  });
});

describe('parseYamlDocuments', () => {
  const [doc] = parseYamlDocuments(dataset).documents;

  it('starts a document at its first node, after comments', () => {
    expect(doc.line).toBe(2);
  });

  it('finds the line of the key of a mapping entry', () => {
    expect(doc.lineOf('kind')).toBe(3);
    expect(doc.lineOf('spec')).toBe(8);
    expect(doc.lineOf('spec.sensitivity')).toBe(10);
    expect(doc.lineOf('spec.sensitivity.tier')).toBe(11);
  });

  it('finds list items', () => {
    expect(doc.lineOf('spec.lineage.upstream[0]')).toBe(14);
    expect(doc.lineOf('spec.lineage.upstream[1].dataset')).toBe(15);
    expect(doc.lineOf('spec.lineage.upstream[1].transformation')).toBe(16);
  });

  it('finds keys in flow mappings', () => {
    expect(doc.lineOf('spec.access.maxDuration')).toBe(17);
  });

  it('finds keys that contain dots', () => {
    expect(
      doc.lineOf('metadata.annotations.backstage.io/source-location'),
    ).toBe(7);
  });

  it('falls back to the nearest existing parent for a missing field', () => {
    expect(doc.lineOf('spec.owner')).toBe(8);
    expect(doc.lineOf('spec.sensitivity.personalData')).toBe(10);
    expect(doc.lineOf('spec.lineage.upstream[7].dataset')).toBe(13);
    expect(doc.lineOf('metadata.title')).toBe(4);
  });

  it('keeps dates as strings (YAML 1.2)', () => {
    expect((doc.value as any).spec.effective.from).toBe('2025-01-01');
  });

  it('reads every document of a file and skips empty ones', () => {
    const { documents, errors } = parseYamlDocuments(
      'a: 1\n---\n# only a comment\n---\nb: 2\nc: 3\n---\n',
    );
    expect(errors).toEqual([]);
    expect(documents.map(d => d.value)).toEqual([{ a: 1 }, { b: 2, c: 3 }]);
    expect(documents.map(d => d.line)).toEqual([1, 5]);
    expect(documents[1].lineOf('c')).toBe(6);
  });

  it('reports the line of a syntax error and keeps the other documents', () => {
    const { documents, errors } = parseYamlDocuments(
      'a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n',
    );
    expect(errors).toEqual([
      { line: 4, message: expect.stringMatching(/^YAML syntax error: /) },
    ]);
    expect(errors[0].message).not.toContain('\n');
    expect(documents.map(d => d.value)).toEqual([{ a: 1 }, { d: 4 }]);
  });

  it('reports duplicate keys as syntax errors', () => {
    const { documents, errors } = parseYamlDocuments(
      'kind: Dataset\nspec: {}\nkind: Steward\n',
    );
    expect(documents).toEqual([]);
    expect(errors).toEqual([
      { line: 3, message: expect.stringContaining('unique') },
    ]);
  });

  it('reports an alias that expands too often instead of throwing', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const { documents, errors } = parseYamlDocuments(bomb);
    expect(documents).toEqual([]);
    expect(errors).toEqual([
      { line: 1, message: expect.stringMatching(/^YAML error: /) },
    ]);
  });
});

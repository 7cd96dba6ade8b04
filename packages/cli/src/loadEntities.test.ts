import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UnreadablePathError } from './errors';
import { loadEntities } from './loadEntities';

const fixtures = resolve(__dirname, '__fixtures__');

async function withFiles(
  files: Record<string, string>,
  test: (dir: string) => Promise<void>,
) {
  const dir = await fs.mkdtemp(join(tmpdir(), 'datapact-cli-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(join(dir, name, '..'), { recursive: true });
      await fs.writeFile(join(dir, name), text);
    }
    await test(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const steward = (name: string) => `apiVersion: datapact.io/v1alpha1
kind: Steward
metadata:
  name: ${name}
spec:
  holder: user:default/${name}
`;

describe('loadEntities', () => {
  it('reads folders recursively, .yaml and .yml, in sorted order', async () => {
    const { entities, problems } = await loadEntities(['clean'], fixtures);
    expect(problems).toEqual([]);
    expect(entities.map(e => `${e.file}:${e.line} ${e.ref}`)).toEqual([
      'clean/agreement.yaml:1 agreement:default/hospital-university',
      'clean/datasets/derived/visits-by-week.yml:1 dataset:default/visits-by-week',
      'clean/datasets/visits.yaml:1 dataset:default/visits-raw',
      'clean/org/organizations.yaml:3 group:default/acme-hospital',
      'clean/org/organizations.yaml:12 group:default/acme-analytics',
      'clean/org/organizations.yaml:22 group:default/acme-university',
      'clean/org/organizations.yaml:31 user:default/ada',
      'clean/stewards.yaml:1 steward:default/ada',
      'clean/stewards.yaml:10 steward:default/analytics-team',
    ]);
  });

  it('skips other kinds (Location, Component) without counting them', async () => {
    const { entities } = await loadEntities(['clean/org'], fixtures);
    expect(entities.map(e => e.entity.kind)).toEqual([
      'Group',
      'Group',
      'Group',
      'User',
    ]);
  });

  it('gives each entity the lines of its fields', async () => {
    const { entities } = await loadEntities(
      ['clean/datasets/derived/visits-by-week.yml'],
      fixtures,
    );
    expect(entities[0].lineOf('spec.sensitivity.deidentification.method')).toBe(
      15,
    );
    expect(entities[0].lineOf('spec.lineage.upstream[0].dataset')).toBe(21);
  });

  it('reports a YAML syntax error with its line and reads the other documents', async () => {
    const { entities, problems } = await loadEntities(
      ['broken/syntax.yaml'],
      fixtures,
    );
    expect(problems).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        entities: [],
        file: 'broken/syntax.yaml',
        line: 6,
        message: expect.stringMatching(/^YAML syntax error: /),
      },
    ]);
    expect(entities.map(e => `${e.line} ${e.ref}`)).toEqual([
      '10 steward:default/bea',
    ]);
  });

  it('reports an entity defined twice, naming both files and lines', async () => {
    const { entities, problems } = await loadEntities(['duplicates'], fixtures);
    expect(problems).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        entities: ['steward:default/ada'],
        file: 'duplicates/b.yaml',
        line: 8,
        message:
          'steward:default/ada is defined more than once: in duplicates/a.yaml (line 1) and in duplicates/b.yaml (line 8)',
      },
    ]);
    expect(entities).toHaveLength(3);
    expect(entities[2].duplicateOf).toBe(entities[0]);
  });

  it('shows files relative to the working directory', async () => {
    const { entities } = await loadEntities(
      [join(fixtures, 'clean', 'stewards.yaml')],
      join(fixtures, 'clean', 'datasets'),
    );
    expect(entities[0].file).toBe('../stewards.yaml');
  });

  it('reads a file given by name whatever its extension, once', async () => {
    await withFiles({ 'steward.txt': steward('ada') }, async dir => {
      const { entities } = await loadEntities(
        ['steward.txt', './steward.txt', dir],
        dir,
      );
      expect(entities.map(e => e.ref)).toEqual(['steward:default/ada']);
    });
  });

  it('skips node_modules and hidden folders when searching a folder', async () => {
    await withFiles(
      {
        'a.yaml': steward('ada'),
        'node_modules/x/b.yaml': steward('bea'),
        '.git/c.yaml': steward('cai'),
        'sub/d.YML': steward('dan'),
      },
      async dir => {
        const { entities } = await loadEntities(['.'], dir);
        expect(entities.map(e => e.file)).toEqual(['a.yaml', 'sub/d.YML']);
      },
    );
  });

  it('reports documents that are not entities', async () => {
    await withFiles(
      {
        'bad.yaml': [
          '- a list',
          '---',
          'apiVersion: datapact.io/v1alpha1',
          'kind: Dataset',
          'metadata:',
          '  title: no name',
          '---',
          'kind: Steward',
          'metadata: { name: ada }',
        ].join('\n'),
      },
      async dir => {
        const { entities, problems } = await loadEntities(['.'], dir);
        expect(entities).toEqual([]);
        expect(problems.map(p => [p.line, p.message])).toEqual([
          [
            1,
            'expected an entity (a mapping with apiVersion, kind and metadata), got a list',
          ],
          [5, 'not a valid entity: metadata.name is missing or not a string'],
          [8, 'not a valid entity: apiVersion is missing or not a string'],
        ]);
      },
    );
  });

  it('throws UnreadablePathError for a path that does not exist', async () => {
    await expect(loadEntities(['clean', 'nope'], fixtures)).rejects.toEqual(
      new UnreadablePathError('nope', 'no such file or directory'),
    );
  });
});

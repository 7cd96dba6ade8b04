import { mockServices } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FindingsStore } from '../database/FindingsStore';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { loadExampleWorld } from '../__testUtils__/exampleWorld';
import { Governance } from './Governance';

const migrations = resolve(__dirname, '../../migrations');
const cli = resolve(__dirname, '../../../../packages/cli/bin/datapact');
const repository = resolve(__dirname, '../../../..');
const catalogInfo = join(repository, 'catalog-info');

/** The catalog's location annotations of each example entity: its file, read through all.yaml. */
function fileLocations(): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of ['org', 'stewards', 'datasets', 'agreements']) {
    for (const name of readdirSync(join(catalogInfo, folder))) {
      const file = join(catalogInfo, folder, name);
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const entity = doc.toJS() as Entity;
        entity.metadata.namespace ??= 'default';
        files.set(stringifyEntityRef(entity), `file:${file}`);
      }
    }
  }
  return files;
}

/** The example world with each entity's location (and origin location) annotations. */
function locatedWorld(
  locationOf: (ref: string) => string | undefined,
  origin = `file:${join(catalogInfo, 'all.yaml')}`,
): Entity[] {
  return loadExampleWorld().map(entity => {
    const location = locationOf(stringifyEntityRef(entity));
    if (!location) return entity;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: origin,
        },
      },
    };
  });
}

jest.setTimeout(60_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())('Governance on %s', databaseId => {
  async function governance(
    now = '2026-11-29T10:00:00Z',
    entities = loadExampleWorld(),
  ) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrations });
    const clock = { now: () => new Date(now) };
    return new Governance({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      clock,
      store: new FindingsStore(knex),
      logger: mockServices.logger.mock(),
    });
  }

  it('finds over the catalog exactly what `datapact check` finds in catalog-info/', async () => {
    const cliRun = spawnSync(
      process.execPath,
      [cli, 'check', '--format', 'json', '--today', '2026-11-29', catalogInfo],
      { encoding: 'utf8' },
    );
    const fromCli = JSON.parse(cliRun.stdout);
    const fromBackend = await (await governance()).findings();

    const shape = (p: {
      rule: string;
      severity: string;
      entities: string[];
      message: string;
    }) => JSON.stringify([p.rule, p.severity, p.entities, p.message]);
    expect(fromBackend.problems.map(shape).sort()).toEqual(
      fromCli.problems.map(shape).sort(),
    );
    expect(fromBackend.problems).toHaveLength(12);
    expect(fromBackend.entities).toBe(fromCli.entities);
    expect(fromBackend.today).toBe('2026-11-29');
  });

  it('serves the findings of one entity and a summary per rule, organization and severity', async () => {
    const service = await governance();
    const one = await service.findings(
      'dataset:default/uni-mobility-health-panel',
    );
    expect(one.problems.map(p => p.rule)).toEqual(['retention']);
    expect(one.problems[0].organization).toBe(
      'group:default/northbridge-university',
    );

    const summary = await service.summary();
    expect(summary.total).toBe(12);
    expect(summary.bySeverity).toEqual({ error: 10, warning: 2 });
    expect(summary.byRule['agreement-coverage']).toEqual({
      error: 1,
      warning: 1,
    });
    expect(
      summary.byOrganization['group:default/northbridge-university'],
    ).toEqual({
      error: 4,
      warning: 1,
    });
    expect(
      summary.byOrganization['group:default/riverside-mobility-cooperative'],
    ).toEqual({
      error: 1,
      warning: 1,
    });
  });

  it('keeps one snapshot that a refresh replaces, with the day it was computed for', async () => {
    const later = await governance('2027-01-05T08:00:00Z');
    await later.refresh();
    const report = await later.findings(
      'agreement:default/riverside-hospital-travel-dua',
    );
    // After 2026-12-15 the expiring agreement has expired: the warning became an error downstream.
    expect(report.today).toBe('2027-01-05');
    expect(
      report.problems.map(p => `${p.severity} ${p.rule} ${p.entities[0]}`),
    ).toEqual([
      'error agreement-coverage dataset:default/st-mary-outpatient-travel-times',
    ]);
  });

  it('locates findings in files relative to the repository, as `datapact check` run from its root does', async () => {
    const cliRun = spawnSync(
      process.execPath,
      [
        cli,
        'check',
        '--format',
        'json',
        '--today',
        '2026-11-29',
        'catalog-info',
      ],
      { encoding: 'utf8', cwd: repository },
    );
    const fromCli = JSON.parse(cliRun.stdout);
    const files = fileLocations();
    const service = await governance(
      undefined,
      locatedWorld(r => files.get(r)),
    );
    const fromBackend = await service.findings();

    const located = (p: { rule: string; entities: string[]; file?: string }) =>
      `${p.rule} ${p.entities[0]} ${p.file}`;
    expect(fromBackend.problems.map(located).sort()).toEqual(
      fromCli.problems.map(located).sort(),
    );
    expect(
      fromBackend.problems.find(
        p => p.entities[0] === 'dataset:default/uni-mobility-health-panel',
      )?.file,
    ).toBe('catalog-info/datasets/northbridge-university.yaml');
  });

  it('never shows a server path: URLs stay (without credentials), files outside a repository are relative to their root location', async () => {
    const panel = 'dataset:default/uni-mobility-health-panel';
    const fileOf = async (location: string, origin?: string) => {
      const service = await governance(
        undefined,
        locatedWorld(r => (r === panel ? location : undefined), origin),
      );
      return (await service.findings(panel)).problems[0].file;
    };

    expect(
      await fileOf(
        'url:https://robot:s3cret@git.example.org/org/repo/blob/main/datasets.yaml',
      ),
    ).toBe('https://git.example.org/org/repo/blob/main/datasets.yaml');
    // No repository around /srv/catalog: relative to the registered root location.
    expect(
      await fileOf(
        'file:/srv/catalog/datasets/panel.yaml',
        'file:/srv/catalog/all.yaml',
      ),
    ).toBe('datasets/panel.yaml');
    // Outside the root location's folder too: only the file's name.
    expect(
      await fileOf('file:/srv/other/panel.yaml', 'file:/srv/catalog/all.yaml'),
    ).toBe('panel.yaml');
    // A location type that names no public URL shows nothing.
    expect(await fileOf('custom-store:/var/lib/catalog/panel.yaml')).toBe(
      undefined,
    );
  });
});

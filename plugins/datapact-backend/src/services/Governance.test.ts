import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { FindingsStore } from '../database/FindingsStore';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { loadExampleWorld } from '../__testUtils__/exampleWorld';
import { Governance } from './Governance';

const migrations = resolve(__dirname, '../../migrations');
const cli = resolve(__dirname, '../../../../packages/cli/bin/datapact');
const catalogInfo = resolve(__dirname, '../../../../catalog-info');

jest.setTimeout(60_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())('Governance on %s', databaseId => {
  async function governance(now = '2026-11-29T10:00:00Z') {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrations });
    const clock = { now: () => new Date(now) };
    return new Governance({
      catalog: catalogServiceMock({ entities: loadExampleWorld() }),
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
    expect(fromBackend.problems).toHaveLength(8);
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
    expect(summary.total).toBe(8);
    expect(summary.bySeverity).toEqual({ error: 6, warning: 2 });
    expect(summary.byRule['agreement-coverage']).toEqual({
      error: 1,
      warning: 1,
    });
    expect(
      summary.byOrganization['group:default/northbridge-university'],
    ).toEqual({
      error: 3,
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
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { AddressInfo, createServer, Socket } from 'node:net';
import { escapeIdentifier } from 'pg';
import { PostgresGrantProvisioner } from './PostgresGrantProvisioner';
import { datasetEntity, grantOf, userEntity } from './__testUtils__/entities';
import {
  describeOnPostgres,
  ScratchDatabase,
} from './__testUtils__/scratchDatabase';

jest.setTimeout(60_000);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describeOnPostgres('PostgresGrantProvisioner on PostgreSQL', () => {
  const db = new ScratchDatabase();
  const provisioners: PostgresGrantProvisioner[] = [];
  let tables = 0;

  beforeAll(() => db.create());
  afterAll(async () => {
    await Promise.all(provisioners.map(p => p.close()));
    await db.drop();
  });

  /** A provisioner whose target `warehouse` is the scratch database. */
  function provisioner(settings: Record<string, unknown> = {}) {
    const created = PostgresGrantProvisioner.fromConfig(
      new ConfigReader({
        datapact: {
          postgresGrants: {
            targets: { warehouse: { connection: db.url() } },
            roleTemplate: `${db.rolePrefix}{{ name }}`,
            ...settings,
          },
        },
      }),
      { logger: mockServices.logger.mock() },
    );
    provisioners.push(created);
    return created;
  }

  /** A fresh table `analytics.<name>` with a few rows; its annotation value. */
  async function table(): Promise<{ name: string; annotation: string }> {
    tables += 1;
    const name = `visits_${tables}`;
    await db.sql('CREATE SCHEMA IF NOT EXISTS analytics');
    // Reading a table also needs USAGE on its schema, granted outside Datapact.
    await db.sql('GRANT USAGE ON SCHEMA analytics TO PUBLIC');
    await db.sql(
      `CREATE TABLE analytics.${name} (id int, visitor_id text, "Visited At" timestamptz, secret text)`,
    );
    await db.sql(
      `INSERT INTO analytics.${name} VALUES (1, 'a', now(), 'x'), (2, 'b', now(), 'y')`,
    );
    return { name, annotation: `warehouse/analytics.${name}` };
  }

  /** A user whose role (from the template) exists with LOGIN. */
  async function user(name: string): Promise<{ entity: Entity; role: string }> {
    const role = await db.createRole(name);
    return { entity: userEntity(name), role };
  }

  async function hasTablePrivilege(role: string, tableName: string) {
    const [row] = await db.sql<{ held: boolean }>(
      `SELECT has_table_privilege($1, $2, 'SELECT') AS held`,
      [role, `analytics.${tableName}`],
    );
    return row.held;
  }

  async function hasColumnPrivilege(
    role: string,
    tableName: string,
    column: string,
  ) {
    const [row] = await db.sql<{ held: boolean }>(
      `SELECT has_column_privilege($1, $2, $3, 'SELECT') AS held`,
      [role, `analytics.${tableName}`, column],
    );
    return row.held;
  }

  async function acl(tableName: string) {
    const [row] = await db.sql<{ acl: string | null; columns: string }>(
      `SELECT c.relacl::text AS acl,
              (SELECT string_agg(attname || '=' || attacl::text, ';' ORDER BY attnum)
                 FROM pg_attribute WHERE attrelid = c.oid AND attacl IS NOT NULL) AS columns
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [`analytics.${tableName}`],
    );
    return row;
  }

  it('grants SELECT on the table, and a second run changes nothing', async () => {
    const { name, annotation } = await table();
    const tomas = await user('tomas.novak');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    const input = {
      grant: grantOf(dataset, tomas.entity),
      dataset,
      user: tomas.entity,
    };
    const pg = provisioner();

    expect(await hasTablePrivilege(tomas.role, name)).toBe(false);
    await expect(pg.grant(input)).resolves.toMatchObject({
      status: 'done',
      detail: `SELECT on ${annotation} granted to role "${tomas.role}"`,
    });
    expect(await hasTablePrivilege(tomas.role, name)).toBe(true);

    const before = await acl(name);
    await expect(pg.grant(input)).resolves.toMatchObject({ status: 'done' });
    expect(await acl(name)).toEqual(before);

    const session = await db.connect({ name: tomas.role, password: 'secret' });
    const { rows } = await session.query(
      `SELECT count(*)::int AS n FROM analytics.${name}`,
    );
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('revokes SELECT and ends the open sessions of the role, idempotently', async () => {
    const { name, annotation } = await table();
    const tomas = await user('tomas.novak.revoked');
    const other = await user('hannah.weber');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    const input = {
      grant: grantOf(dataset, tomas.entity),
      dataset,
      user: tomas.entity,
    };
    const pg = provisioner();
    await pg.grant(input);
    const session = await db.connect({ name: tomas.role, password: 'secret' });
    const bystander = await db.connect({
      name: other.role,
      password: 'secret',
    });
    await expect(
      session.query(`SELECT count(*) FROM analytics.${name}`),
    ).resolves.toBeDefined();

    const outcome = await pg.revoke(input);

    expect(outcome).toEqual({
      status: 'done',
      detail: `SELECT on ${annotation} revoked from role "${tomas.role}"; 1 open session(s) ended`,
    });
    expect(await hasTablePrivilege(tomas.role, name)).toBe(false);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await expect(bystander.query('SELECT 1')).resolves.toBeDefined();

    await expect(pg.revoke(input)).resolves.toEqual({
      status: 'done',
      detail: `SELECT on ${annotation} revoked from role "${tomas.role}"`,
    });
    expect(await hasTablePrivilege(tomas.role, name)).toBe(false);
  });

  it('leaves sessions open when terminateSessions is false', async () => {
    const { annotation } = await table();
    const liam = await user('liam.oconnor');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    const input = {
      grant: grantOf(dataset, liam.entity),
      dataset,
      user: liam.entity,
    };
    const pg = provisioner({ terminateSessions: false });
    await pg.grant(input);
    const session = await db.connect({ name: liam.role, password: 'secret' });

    await pg.revoke(input);

    await expect(session.query('SELECT 1')).resolves.toBeDefined();
  });

  it('grants only the scoped columns, and revoke takes them back', async () => {
    const { name, annotation } = await table();
    const amara = await user('amara.nwosu');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
      'datapact.io/postgres-columns': 'visitor_id, "Visited At"',
    });
    const input = {
      grant: grantOf(dataset, amara.entity),
      dataset,
      user: amara.entity,
    };
    const pg = provisioner();

    await expect(pg.grant(input)).resolves.toMatchObject({
      status: 'done',
      detail: `SELECT (visitor_id, Visited At) on ${annotation} granted to role "${amara.role}"`,
    });

    expect(await hasColumnPrivilege(amara.role, name, 'visitor_id')).toBe(true);
    expect(await hasColumnPrivilege(amara.role, name, 'Visited At')).toBe(true);
    expect(await hasColumnPrivilege(amara.role, name, 'secret')).toBe(false);
    expect(await hasTablePrivilege(amara.role, name)).toBe(false);
    const session = await db.connect({ name: amara.role, password: 'secret' });
    await expect(
      session.query(`SELECT visitor_id FROM analytics.${name}`),
    ).resolves.toBeDefined();
    await expect(
      session.query(`SELECT secret FROM analytics.${name}`),
    ).rejects.toThrow(/permission denied/);

    await pg.revoke(input);
    expect(await hasColumnPrivilege(amara.role, name, 'visitor_id')).toBe(
      false,
    );
    expect((await acl(name)).columns).toBeNull();
  });

  it('uses the role annotation of the User before the template', async () => {
    const { name, annotation } = await table();
    const role = await db.createRole('warehouse_reader');
    const priya = userEntity('priya.raman', {
      'datapact.io/postgres-role': role,
    });
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });

    await provisioner().grant({
      grant: grantOf(dataset, priya),
      dataset,
      user: priya,
    });

    expect(await hasTablePrivilege(role, name)).toBe(true);
  });

  it('says why it does not apply to a dataset without the table annotation', async () => {
    const tomas = userEntity('tomas.novak');
    const dataset = datasetEntity('plain');
    const input = { grant: grantOf(dataset, tomas), dataset, user: tomas };

    await expect(provisioner().grant(input)).resolves.toEqual({
      status: 'not-applicable',
      reason:
        'dataset:default/plain has no datapact.io/postgres-table annotation',
    });
    await expect(provisioner().revoke(input)).resolves.toEqual({
      status: 'not-applicable',
      reason:
        'dataset:default/plain has no datapact.io/postgres-table annotation',
    });
  });

  it('fails a revoke whose dataset the catalog no longer holds', async () => {
    const tomas = userEntity('tomas.novak');
    const grant = grantOf(datasetEntity('gone'), tomas);

    await expect(provisioner().revoke({ grant, user: tomas })).rejects.toThrow(
      'dataset:default/gone is no longer in the catalog, so the table whose SELECT to take back from user:default/tomas.novak is unknown',
    );
  });

  it('names the unknown target, table, column or role', async () => {
    const { name, annotation } = await table();
    const tomas = await user('tomas.novak.errors');
    const stranger = userEntity('nobody');
    const pg = provisioner();
    const attempt = (
      annotations: Record<string, string>,
      who = tomas.entity,
    ) => {
      const dataset = datasetEntity('visits', annotations);
      return pg.grant({ grant: grantOf(dataset, who), dataset, user: who });
    };

    await expect(
      attempt({ 'datapact.io/postgres-table': 'lake/analytics.visits' }),
    ).rejects.toThrow(
      'target "lake" is not configured (datapact.postgresGrants.targets)',
    );
    await expect(
      attempt({ 'datapact.io/postgres-table': 'warehouse/analytics.nothing' }),
    ).rejects.toThrow(
      'table analytics.nothing does not exist on target warehouse',
    );
    await expect(
      attempt({
        'datapact.io/postgres-table': annotation,
        'datapact.io/postgres-columns': 'visitor_id, email',
      }),
    ).rejects.toThrow(
      `datapact.io/postgres-columns names "email", not in table analytics.${name} on target warehouse`,
    );
    await expect(
      attempt({ 'datapact.io/postgres-table': annotation }, stranger),
    ).rejects.toThrow(
      `role "${db.rolePrefix}nobody" does not exist on target warehouse`,
    );
    const admin = userEntity('admin', {
      'datapact.io/postgres-role': db.parts().user,
    });
    await expect(
      attempt({ 'datapact.io/postgres-table': annotation }, admin),
    ).rejects.toThrow(
      /is a superuser; Datapact does not manage its privileges/,
    );
  });

  it('cannot be made to run SQL through hostile annotations', async () => {
    const { name, annotation } = await table();
    await db.sql('CREATE TABLE analytics.x (id int)');
    const tomas = await user('tomas.novak.hostile');
    const pg = provisioner();
    const attempt = (
      annotations: Record<string, string>,
      who: Entity = tomas.entity,
    ) => {
      const dataset = datasetEntity('visits', annotations);
      return pg.grant({ grant: grantOf(dataset, who), dataset, user: who });
    };
    const hostileTables = [
      `${annotation}; DROP TABLE analytics.x`,
      `${annotation}; DROP TABLE analytics.x; --`,
      `warehouse/analytics.${name}' OR '1'='1`,
      `warehouse/analytics."${name}; DROP TABLE analytics.x; --"`,
      `warehouse/analytics."${name}"" TO PUBLIC; DROP TABLE analytics.x; --"`,
      `warehouse/"analytics"".""${name}"`,
      `warehouse/analytics.${name}"`,
      `warehouse/analytics.${name} TO PUBLIC`,
      'warehouse/analytics.x\nDROP TABLE analytics.x',
      'warehouse;DROP TABLE analytics.x/analytics.x',
    ];
    for (const hostile of hostileTables) {
      await expect(
        attempt({ 'datapact.io/postgres-table': hostile }),
      ).rejects.toThrow(
        /invalid annotation: |does not exist on target warehouse|is not configured/,
      );
    }
    const hostileColumns = [
      'visitor_id) ON analytics.x TO PUBLIC; --',
      '"visitor_id) ON analytics.x TO PUBLIC; --"',
      `visitor_id; DROP TABLE analytics.x`,
    ];
    for (const hostile of hostileColumns) {
      await expect(
        attempt({
          'datapact.io/postgres-table': annotation,
          'datapact.io/postgres-columns': hostile,
        }),
      ).rejects.toThrow(
        /invalid annotation: |datapact.io\/postgres-columns names/,
      );
    }
    const hostileRoles = [
      `${tomas.role}" TO PUBLIC; --`,
      `x"; DROP TABLE analytics.x; --`,
      `${tomas.role}; DROP TABLE analytics.x`,
      'public',
      'PUBLIC',
      `${tomas.role}', 'x`,
    ];
    for (const hostile of hostileRoles) {
      await expect(
        attempt(
          { 'datapact.io/postgres-table': annotation },
          userEntity('mallory', { 'datapact.io/postgres-role': hostile }),
        ),
      ).rejects.toThrow(
        new RegExp(
          `(role "${escapeRegExp(
            hostile,
          )}" does not exist on target warehouse|maps to "${escapeRegExp(
            hostile,
          )}", which is not a PostgreSQL role name)`,
        ),
      );
    }

    expect(
      await db.sql(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'analytics' AND table_name IN ('x', $1) ORDER BY 1`,
        [name],
      ),
    ).toEqual([{ table_name: name }, { table_name: 'x' }]);
    expect(
      await db.sql(
        `SELECT grantee, table_name FROM information_schema.role_table_grants
          WHERE table_schema = 'analytics' AND table_name IN ('x', $1)
            AND grantee <> current_user
         UNION ALL
         SELECT grantee, table_name FROM information_schema.column_privileges
          WHERE table_schema = 'analytics' AND table_name IN ('x', $1)
            AND grantee <> current_user`,
        [name],
      ),
    ).toEqual([]);
    expect(await acl('x')).toEqual({ acl: null, columns: null });
  });

  it('grants on tables whose names need quoting, taken exactly', async () => {
    const hostileName = `odd"; DROP TABLE analytics.x; --`;
    await db.sql('CREATE SCHEMA IF NOT EXISTS "Odd Schema"');
    await db.sql(
      `CREATE TABLE "Odd Schema".${escapeIdentifier(hostileName)} (id int)`,
    );
    const tomas = await user('tomas.novak.quoted');
    const dataset = datasetEntity('odd', {
      'datapact.io/postgres-table': `warehouse/"Odd Schema"."${hostileName.replace(
        /"/g,
        '""',
      )}"`,
    });

    await provisioner().grant({
      grant: grantOf(dataset, tomas.entity),
      dataset,
      user: tomas.entity,
    });

    const [row] = await db.sql<{ held: boolean }>(
      `SELECT has_table_privilege($1, c.oid, 'SELECT') AS held
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'Odd Schema' AND c.relname = $2`,
      [tomas.role, hostileName],
    );
    expect(row).toEqual({ held: true });
  });

  it('grants to many roles on one table at once', async () => {
    const { name, annotation } = await table();
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    const users = [];
    for (let i = 0; i < 12; i++) {
      users.push(await user(`concurrent.${i}`));
    }
    const pg = provisioner();

    await Promise.all(
      users.map(u =>
        pg.grant({
          grant: grantOf(dataset, u.entity),
          dataset,
          user: u.entity,
        }),
      ),
    );

    for (const u of users) {
      expect(await hasTablePrivilege(u.role, name)).toBe(true);
    }
  });

  it('reports out-of-band privileges to inspect, and revokePrivilege takes them back', async () => {
    const { name, annotation } = await table();
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    const scoped = datasetEntity('visits-scoped', {
      'datapact.io/postgres-table': annotation,
      'datapact.io/postgres-columns': 'visitor_id',
    });
    const unmanaged = datasetEntity('plain');
    const tomas = await user('tomas.novak.inspect');
    const pg = provisioner();
    await pg.grant({
      grant: grantOf(dataset, tomas.entity),
      dataset,
      user: tomas.entity,
    });
    const intruders: string[] = [];
    for (let i = 0; i < 20; i++) {
      const role = await db.createRole(`intruder.${i}`);
      intruders.push(role);
      await db.sql(
        i % 2 === 0
          ? `GRANT SELECT ON analytics.${name} TO ${escapeIdentifier(role)}`
          : `GRANT SELECT (visitor_id, secret) ON analytics.${name} TO ${escapeIdentifier(
              role,
            )}`,
      );
    }

    const { privileges: observed } = await pg.inspect({
      datasets: [dataset, unmanaged],
      users: [tomas.entity, userEntity('someone.else')],
    });

    expect(observed).toHaveLength(21);
    expect(observed).toContainEqual({
      dataset: 'dataset:default/visits',
      principal: tomas.role,
      user: 'user:default/tomas.novak.inspect',
      description: `SELECT on ${annotation}`,
    });
    const unexplained = observed.filter(p => p.user === undefined);
    expect(unexplained.map(p => p.principal).sort()).toEqual(
      [...intruders].sort(),
    );
    expect(unexplained).toContainEqual({
      dataset: 'dataset:default/visits',
      principal: intruders[1],
      user: undefined,
      description: `SELECT on ${annotation}, columns visitor_id, secret`,
      columns: ['visitor_id', 'secret'],
    });

    // Half through the provisioner that inspected, half through a fresh one
    // (as another replica would), which reads the table from the description.
    const fresh = provisioner();
    for (const [i, privilege] of unexplained.entries()) {
      await (i % 2 === 0 ? pg : fresh).revokePrivilege(privilege);
    }

    for (const role of intruders) {
      expect(await hasColumnPrivilege(role, name, 'visitor_id')).toBe(false);
    }
    const { privileges: after } = await pg.inspect({
      datasets: [dataset, scoped],
      users: [tomas.entity],
    });
    expect(after).toEqual([
      {
        dataset: 'dataset:default/visits',
        principal: tomas.role,
        user: 'user:default/tomas.novak.inspect',
        description: `SELECT on ${annotation}`,
      },
      {
        dataset: 'dataset:default/visits-scoped',
        principal: tomas.role,
        user: 'user:default/tomas.novak.inspect',
        description: `SELECT on ${annotation}`,
      },
    ]);
  });

  it('reports a grant to PUBLIC, and takes it back', async () => {
    const { name, annotation } = await table();
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });
    await db.sql(`GRANT SELECT ON analytics.${name} TO PUBLIC`);
    const pg = provisioner();

    const { privileges: observed } = await pg.inspect({
      datasets: [dataset],
      users: [],
    });

    expect(observed).toEqual([
      {
        dataset: 'dataset:default/visits',
        principal: 'PUBLIC',
        user: undefined,
        description: `SELECT on ${annotation}`,
      },
    ]);
    await pg.revokePrivilege(observed[0]);
    expect(await acl(name)).toMatchObject({
      acl: expect.not.stringMatching(/(^|[{,])=r/),
    });
    await expect(
      pg.inspect({ datasets: [dataset], users: [] }),
    ).resolves.toEqual({ privileges: [], notInspected: [] });
  });

  it('works with a connection given as parts', async () => {
    const { name, annotation } = await table();
    const tomas = await user('tomas.novak.parts');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': annotation,
    });

    await provisioner({
      targets: { warehouse: { connection: db.parts() } },
    }).grant({
      grant: grantOf(dataset, tomas.entity),
      dataset,
      user: tomas.entity,
    });

    expect(await hasTablePrivilege(tomas.role, name)).toBe(true);
  });

  /** A grant attempt on the target `down` at `url`; how long it took to fail. */
  async function failingGrant(url: string): Promise<number> {
    const tomas = userEntity('tomas.novak');
    const dataset = datasetEntity('visits', {
      'datapact.io/postgres-table': 'down/analytics.visits',
    });
    const pg = provisioner({
      targets: { down: { connection: url } },
      timeout: '2s',
    });
    const started = Date.now();
    await expect(
      pg.grant({ grant: grantOf(dataset, tomas), dataset, user: tomas }),
    ).rejects.toThrow(/^cannot connect to target "down"( \([A-Z_]+\))?$/);
    const elapsed = Date.now() - started;
    // A target that is down is not inspected, and says nothing about drift.
    await expect(
      pg.inspect({ datasets: [dataset], users: [] }),
    ).resolves.toEqual({
      privileges: [],
      notInspected: ['dataset:default/visits'],
    });
    return elapsed;
  }

  it('fails clearly when the target refuses connections', async () => {
    expect(
      await failingGrant(
        'postgresql://postgres:postgres@127.0.0.1:1/warehouse',
      ),
    ).toBeLessThan(2000);
  });

  it('fails within the timeout when the target accepts but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(socket => sockets.add(socket));
    await new Promise<void>(resolve =>
      silent.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = silent.address() as AddressInfo;
    try {
      const elapsed = await failingGrant(
        `postgresql://postgres:postgres@127.0.0.1:${port}/warehouse`,
      );
      expect(elapsed).toBeGreaterThanOrEqual(1900);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      sockets.forEach(socket => socket.destroy());
      await new Promise(resolve => silent.close(resolve));
    }
  });
});

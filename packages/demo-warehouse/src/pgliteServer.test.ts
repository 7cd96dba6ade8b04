import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { DEMO_PASSWORD } from './seed';

// PGlite cannot load inside Jest's module sandbox (it imports dynamically),
// so the warehouse runs as `yarn demo:warehouse` does, in its own process.
jest.setTimeout(60_000);

let warehouse: ChildProcess;
let port: number;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>(done => probe.listen(0, '127.0.0.1', done));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise(done => probe.close(done));
  return free;
}

beforeAll(async () => {
  port = await freePort();
  warehouse = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(__dirname, 'main.ts'),
    ],
    {
      env: {
        ...process.env,
        DATAPACT_DEMO_WAREHOUSE: 'pglite',
        DATAPACT_DEMO_WAREHOUSE_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((ready, fail) => {
    let out = '';
    warehouse.stdout!.on('data', chunk => {
      out += chunk;
      if (out.includes('ready:')) {
        ready();
      }
    });
    warehouse.on('exit', code =>
      fail(new Error(`warehouse exited ${code}: ${out}`)),
    );
  });
});

afterAll(() => {
  warehouse?.kill();
});

function url(role: string) {
  return `postgresql://${encodeURIComponent(
    role,
  )}:${DEMO_PASSWORD}@127.0.0.1:${port}/datapact_demo_warehouse`;
}

async function as<T>(role: string, work: (c: Client) => Promise<T>) {
  const client = new Client({ connectionString: url(role) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const select = (role: string) =>
  as(role, c =>
    c.query('SELECT count(*)::int AS n FROM analytics.clinic_visits'),
  )
    .then(r => r.rows[0].n as number)
    .catch((e: Error) => e.message);

describe('the PGlite warehouse server', () => {
  it('checks the privileges of the role a client logged in as', async () => {
    expect(
      await as('tomas.novak', c =>
        c.query('SELECT current_user AS u, session_user AS s'),
      ).then(r => r.rows[0]),
    ).toEqual({ u: 'tomas.novak', s: 'tomas.novak' });
    expect(await select('tomas.novak')).toBe(
      'permission denied for table clinic_visits',
    );
    await as('datapact_provisioner', c =>
      c.query('GRANT SELECT ON analytics.clinic_visits TO "tomas.novak"'),
    );
    expect(await select('tomas.novak')).toBe(8);
    expect(await select('rahul.mehta')).toMatch(/permission denied/);
    await as('datapact_provisioner', c =>
      c.query('REVOKE SELECT ON analytics.clinic_visits FROM "tomas.novak"'),
    );
    expect(await select('tomas.novak')).toMatch(/permission denied/);
  });

  it('refuses a login whose role does not exist', async () => {
    await expect(as('nobody', c => c.query('SELECT 1'))).rejects.toThrow(
      'role "nobody" does not exist',
    );
  });

  it("keeps one client's SET ROLE from the others", async () => {
    const provisioner = new Client({
      connectionString: url('datapact_provisioner'),
    });
    const tomas = new Client({ connectionString: url('tomas.novak') });
    await Promise.all([provisioner.connect(), tomas.connect()]);
    try {
      await tomas.query('SET ROLE "tomas.novak"');
      const { rows } = await provisioner.query('SELECT current_user AS u');
      expect(rows[0].u).toBe('datapact_provisioner');
    } finally {
      await Promise.all([provisioner.end(), tomas.end()]);
    }
  });

  it('serves concurrent clients, transactions and parameterized queries without mixing them up', async () => {
    const provisioner = new Pool({
      connectionString: url('datapact_provisioner'),
      max: 2,
    });
    const reader = new Pool({ connectionString: url('tomas.novak'), max: 3 });
    const failures: string[] = [];
    const provision = async (i: number) => {
      const c = await provisioner.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, ['t']);
        await c.query(
          `${i % 2 ? 'GRANT' : 'REVOKE'} SELECT ON analytics.clinic_visits ${
            i % 2 ? 'TO' : 'FROM'
          } "tomas.novak"`,
        );
        const { rows } = await c.query(
          `SELECT session_user AS s,
                  has_table_privilege($1, 'analytics.clinic_visits', 'SELECT') AS p`,
          ['tomas.novak'],
        );
        if (
          rows[0].s !== 'datapact_provisioner' ||
          rows[0].p !== Boolean(i % 2)
        ) {
          failures.push(`provision ${i}: ${JSON.stringify(rows[0])}`);
        }
        await c.query('COMMIT');
      } catch (e) {
        failures.push(`provision ${i}: ${(e as Error).message}`);
        await c.query('ROLLBACK').catch(() => undefined);
      } finally {
        c.release();
      }
    };
    const read = async (i: number) => {
      try {
        const { rows } = await reader.query(
          'SELECT current_user AS u, $1::int AS n',
          [i],
        );
        if (rows[0].u !== 'tomas.novak' || rows[0].n !== i) {
          failures.push(`read ${i}: ${JSON.stringify(rows[0])}`);
        }
      } catch (e) {
        failures.push(`read ${i}: ${(e as Error).message}`);
      }
    };
    try {
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => [provision(i), read(i)]).flat(),
      );
    } finally {
      await Promise.all([provisioner.end(), reader.end()]);
    }
    expect(failures).toEqual([]);
  });
});

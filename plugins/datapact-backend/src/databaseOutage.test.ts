import knexFactory, { Knex } from 'knex';
import {
  startCuttableProxy,
  CuttableProxy,
} from './__testUtils__/cuttableProxy';
import { createPostgresOnlyDatabases } from './__testUtils__/databases';
import { ben, mei, travelTimesRequest } from './__testUtils__/people';
import {
  startDatapact,
  TestClock,
  TestDatapact,
} from './__testUtils__/startDatapact';
import { DatapactStores } from './database/DatapactStores';

jest.setTimeout(120_000);

/*
 * What a client is told when the database is away or a peer stalls, on
 * PostgreSQL (an in-memory SQLite database has neither outages nor peers):
 * the backend reaches its database through a TCP proxy the test cuts and
 * restores, and a second connection pool plays a replica frozen inside a
 * transaction.
 */

const databases = createPostgresOnlyDatabases();

describe.each(databases.eachSupportedId())('the database away on %s', id => {
  let direct: Knex;
  let proxied: Knex;
  let proxy: CuttableProxy;
  let api: TestDatapact;

  beforeEach(async () => {
    direct = await databases.init(id);
    const connection = (direct.client.config as Knex.Config)
      .connection as Knex.PgConnectionConfig;
    proxy = await startCuttableProxy({
      host: connection.host ?? '127.0.0.1',
      port: connection.port ?? 5432,
    });
    proxied = knexFactory({
      client: 'pg',
      connection: { ...connection, host: '127.0.0.1', port: proxy.port },
      pool: { min: 0, max: 5, acquireTimeoutMillis: 10_000 },
    });
    api = await startDatapact({ knex: proxied });
  });

  afterEach(async () => {
    await api.stop();
    await proxy.close();
    await proxied.destroy();
  });

  it('answers 503 with Retry-After and no internals while the database is away, and the same change once it is back', async () => {
    const body = await api
      .as(mei)
      .accept(travelTimesRequest('Clinic catchments'));
    const create = () =>
      api
        .as(mei)
        .post('/access-requests', body)
        .set('Idempotency-Key', 'during-outage');
    await proxy.cut();
    const answers = [
      await create(),
      await api.as(mei).get('/access-requests?mine=true'),
      await api.as(mei).get('/audit/verify'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(answer.body.error.name).toBe('ServiceUnavailableError');
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONN|:\d{4,5}\b/);
      expect(text).not.toContain(String(proxy.port));
    }

    await proxy.restore();
    const created = await create();
    expect(created.status).toBe(201);
    const again = await create();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(created.body.id);
    const mine = await api.as(mei).get('/access-requests?mine=true');
    expect(mine.body.items.map((r: any) => r.id)).toEqual([created.body.id]);
  });

  it('lets a replica frozen inside a transaction hold the others up for seconds, not for as long as it is frozen', async () => {
    // The frozen replica: its own pool, a transaction that takes the audit
    // chain's head row as every write does, then sends nothing for 15 s.
    const frozenPool = knexFactory((direct.client as Knex.Client).config);
    const frozen = new DatapactStores(frozenPool, new TestClock()).transaction(
      async tx => {
        await (tx as unknown as { db: Knex }).db.raw(
          'select * from datapact_audit_head where id = 1 for update',
        );
        await new Promise(r => setTimeout(r, 15_000));
        await (tx as unknown as { db: Knex }).db.raw('select 1');
      },
    );
    const frozenOutcome = frozen.then(
      () => 'committed',
      (e: Error) => e.message,
    );
    await new Promise(r => setTimeout(r, 500));

    const body = await api
      .as(mei)
      .accept(travelTimesRequest('While a peer is frozen'));
    const started = Date.now();
    const created = await api.as(mei).post('/access-requests', body);
    const stalledMs = Date.now() - started;
    expect(created.status).toBe(201);
    // The idle-in-transaction timeout (3 s by default) ends the frozen
    // session and releases the head row.
    expect(stalledMs).toBeLessThan(6_000);
    expect(await frozenOutcome).toMatch(/terminat|Connection|idle/i);

    const decided = await api
      .as(ben)
      .post(`/access-requests/${created.body.id}/decisions`, {
        decision: 'approve',
      });
    expect(decided.status).toBe(201);
    await frozenPool.destroy();
  });
});

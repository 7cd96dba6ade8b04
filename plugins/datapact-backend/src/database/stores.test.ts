import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { resolve } from 'node:path';
import { TestClock } from '../__testUtils__/startDatapact';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { Audit } from '../services/Audit';
import { NewAccessRequest } from './AccessRequestStore';
import { DatapactStores, migrateDatapactDatabase } from './DatapactStores';

jest.setTimeout(60_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

let counter = 0;
function newRequest(
  overrides: Partial<NewAccessRequest> = {},
): NewAccessRequest {
  counter++;
  return {
    id: `request-${String(counter).padStart(4, '0')}`,
    dataset: 'dataset:default/clinic-visits-2024',
    requester: 'user:default/priya.raman',
    organization: 'group:default/northbridge-university',
    purpose: 'research',
    justification: 'A study',
    duration: 'P30D',
    tier: 'restricted',
    approvalsRequired: 2,
    requiredStewardships: [],
    excludedStewardships: [],
    createdAt: `2026-11-29T09:00:${String(counter % 60).padStart(2, '0')}.000Z`,
    pendingUntil: '2026-12-13T09:00:00.000Z',
    deciders: ['user:default/ana.ruiz', 'user:default/ben.okafor'],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('the stores on %s', databaseId => {
  let knex: Knex;
  let stores: DatapactStores;
  const clock = new TestClock();

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await migrateDatapactDatabase(mockServices.database({ knex }));
    stores = new DatapactStores(knex, clock);
  });

  afterEach(async () => {
    await knex('datapact_audit_log').delete();
    await knex('datapact_audit_head').update({ seq: 0, hash: '0'.repeat(64) });
    await knex('datapact_access_requests').delete();
  });

  it('skips migrations when database.migrations.skip is set', async () => {
    const other = await databases.init(databaseId);
    await migrateDatapactDatabase(
      mockServices.database({ knex: other, migrations: { skip: true } }),
    );
    expect(await other.schema.hasTable('datapact_access_requests')).toBe(false);
  });

  it('migrates a fresh database from several replicas at once', async () => {
    const fresh = await databases.init(databaseId);
    // Separate pools, as separate processes would have (SQLite in memory
    // has one connection, so there the migrations simply queue).
    const pools =
      databaseId === 'SQLITE_3'
        ? [fresh, fresh, fresh, fresh]
        : [fresh, ...[1, 2, 3].map(() => knexFactory(fresh.client.config))];
    try {
      await Promise.all(
        pools.map(k =>
          migrateDatapactDatabase(mockServices.database({ knex: k })),
        ),
      );
      expect(await fresh('datapact_audit_head').select('seq')).toEqual([
        { seq: 0 },
      ]);
    } finally {
      await Promise.all(pools.slice(1).map(k => k !== fresh && k.destroy()));
    }
  });

  it('migrates although replicas racing to create the migration lock table each inserted its row', async () => {
    const fresh = await databases.init(databaseId);
    // What two replicas leave when both find the new lock table empty and
    // both insert the row: knex then reads it as locked for ever.
    await fresh.schema.createTable('knex_migrations_lock', t => {
      t.increments('index').primary();
      t.integer('is_locked');
    });
    await fresh('knex_migrations_lock').insert([
      { is_locked: 0 },
      { is_locked: 0 },
    ]);
    await migrateDatapactDatabase(mockServices.database({ knex: fresh }));
    expect(await fresh('datapact_audit_head').select('seq')).toEqual([
      { seq: 0 },
    ]);
    expect(await fresh('knex_migrations_lock').select('is_locked')).toEqual([
      { is_locked: 0 },
    ]);
  });

  it('stores a request and reads it back with its decisions', async () => {
    const request = newRequest({
      agreement: 'agreement:default/hospital-uni-dsa',
    });
    await stores.requests.insert(request);
    await stores.requests.addDecision(request.id, {
      approver: 'user:default/ana.ruiz',
      onBehalfOf: 'steward:default/ana-ruiz',
      decision: 'approve',
      comment: 'ok',
      decidedAt: '2026-11-29T10:00:00.000Z',
    });
    expect(await stores.requests.get(request.id)).toEqual({
      id: request.id,
      dataset: request.dataset,
      requester: request.requester,
      organization: request.organization,
      purpose: 'research',
      justification: 'A study',
      duration: 'P30D',
      agreement: 'agreement:default/hospital-uni-dsa',
      state: 'pending',
      tier: 'restricted',
      approvalsRequired: 2,
      requiredStewardships: [],
      createdAt: request.createdAt,
      updatedAt: request.createdAt,
      pendingUntil: request.pendingUntil,
      decisions: [
        {
          approver: 'user:default/ana.ruiz',
          onBehalfOf: 'steward:default/ana-ruiz',
          decision: 'approve',
          comment: 'ok',
          decidedAt: '2026-11-29T10:00:00.000Z',
        },
      ],
    });
    expect(await stores.requests.resources([request.id])).toEqual([
      {
        id: request.id,
        dataset: request.dataset,
        requester: request.requester,
        tier: 'restricted',
        deciders: expect.arrayContaining(request.deciders),
      },
    ]);
  });

  it('refuses a second pending request of the same requester for the same dataset, even concurrently', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        stores.transaction(tx => tx.requests.insert(newRequest())),
      ),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter(
      (x): x is PromiseRejectedResult => x.status === 'rejected',
    )) {
      expect(r.reason).toBeInstanceOf(ConflictError);
    }
    // Once the first is no longer pending, a new one may be made.
    const [first] = (await stores.requests.list({ limit: 10 })).items;
    expect(await stores.requests.leavePending(first.id, 'cancelled')).toBe(
      true,
    );
    await expect(stores.requests.insert(newRequest())).resolves.toBeUndefined();
  });

  it('refuses a second decision by the same approver', async () => {
    const request = newRequest();
    await stores.requests.insert(request);
    const decision = {
      approver: 'user:default/ana.ruiz',
      onBehalfOf: 'steward:default/ana-ruiz',
      decision: 'approve' as const,
      decidedAt: '2026-11-29T10:00:00.000Z',
    };
    await stores.requests.addDecision(request.id, decision);
    await expect(
      stores.requests.addDecision(request.id, {
        ...decision,
        decision: 'deny',
      }),
    ).rejects.toThrow(ConflictError);
    expect(await stores.requests.countedApprovals(request.id)).toEqual([]);
  });

  it('counts one approval per stewardship, even from concurrent transactions', async () => {
    const request = newRequest();
    await stores.requests.insert(request);
    const approval = (approver: string) => ({
      approver,
      onBehalfOf: 'steward:default/community-council',
      countsFor: 'steward:default/community-council',
      decision: 'approve' as const,
      decidedAt: '2026-11-29T10:00:00.000Z',
    });
    const results = await Promise.allSettled(
      ['user:default/aroha.ngata', 'user:default/wiremu.tane'].map(who =>
        stores.transaction(tx =>
          tx.requests.addDecision(request.id, approval(who)),
        ),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const rejected = results.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    )!;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(rejected.reason.message).toBe(
      'steward:default/community-council has already approved this request',
    );
    expect(await stores.requests.countedApprovals(request.id)).toEqual([
      {
        stewardship: 'steward:default/community-council',
        approver: expect.stringMatching(/aroha|wiremu/),
      },
    ]);
    // A denial by another member counts for no stewardship and is accepted.
    await stores.requests.addDecision(request.id, {
      ...approval('user:default/hemi.walker'),
      countsFor: undefined,
      decision: 'deny',
    });
  });

  it('migrates existing decisions: the first approval of each stewardship counts, later ones stay recorded', async () => {
    const old = await databases.init(databaseId);
    const directory = resolve(__dirname, '../../migrations');
    for (const name of [
      '20261129120000_access_requests.js',
      '20261129130000_governance_findings.js',
    ]) {
      await old.migrate.up({ directory, name });
    }
    const { requiredStewardships, excludedStewardships, deciders, ...row } =
      newRequest();
    await old('datapact_access_requests').insert({
      id: row.id,
      dataset_ref: row.dataset,
      requester_ref: row.requester,
      organization_ref: row.organization,
      purpose: row.purpose,
      justification: row.justification,
      duration: row.duration,
      state: 'pending',
      tier: row.tier,
      approvals_required: 2,
      created_at: row.createdAt,
      updated_at: row.createdAt,
      pending_until: row.pendingUntil,
    });
    const decision = (approver: string, onBehalfOf: string, kind: string) => ({
      request_id: row.id,
      approver_ref: approver,
      on_behalf_of: onBehalfOf,
      decision: kind,
      decided_at: row.createdAt,
    });
    await old('datapact_decisions').insert([
      decision(
        'user:default/aroha.ngata',
        'steward:default/council',
        'approve',
      ),
      decision(
        'user:default/wiremu.tane',
        'steward:default/council',
        'approve',
      ),
      decision('user:default/ana.ruiz', 'steward:default/ana-ruiz', 'approve'),
    ]);
    await migrateDatapactDatabase(mockServices.database({ knex: old }));
    const migrated = new DatapactStores(old, clock);
    expect(await migrated.requests.countedApprovals(row.id)).toEqual([
      {
        stewardship: 'steward:default/council',
        approver: 'user:default/aroha.ngata',
      },
      {
        stewardship: 'steward:default/ana-ruiz',
        approver: 'user:default/ana.ruiz',
      },
    ]);
    const request = await migrated.requests.get(row.id);
    expect(request?.decisions.map(d => d.countsFor ?? null)).toEqual([
      'steward:default/council',
      null,
      'steward:default/ana-ruiz',
    ]);
    expect(request?.requiredStewardships).toEqual([]);
  });

  it('leaves pending only once', async () => {
    const request = newRequest();
    await stores.requests.insert(request);
    expect(await stores.requests.lockPending(request.id)).toBe(true);
    expect(await stores.requests.leavePending(request.id, 'denied')).toBe(true);
    expect(await stores.requests.leavePending(request.id, 'approved')).toBe(
      false,
    );
    expect(await stores.requests.lockPending(request.id)).toBe(false);
    expect((await stores.requests.get(request.id))?.state).toBe('denied');
  });

  it('lists newest first, by page, with filters', async () => {
    const users = ['a', 'b', 'c', 'd', 'e'].map(u => `user:default/${u}`);
    for (const requester of users) {
      await stores.requests.insert(newRequest({ requester }));
    }
    const first = await stores.requests.list({ limit: 2 });
    expect(first.items.map(r => r.requester)).toEqual([users[4], users[3]]);
    const second = await stores.requests.list({
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map(r => r.requester)).toEqual([users[2], users[1]]);
    const third = await stores.requests.list({
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(third.items.map(r => r.requester)).toEqual([users[0]]);
    expect(third.nextCursor).toBeUndefined();

    expect(
      (await stores.requests.list({ limit: 10, requester: users[1] })).items,
    ).toHaveLength(1);
    expect(
      (
        await stores.requests.list({
          limit: 10,
          permission: {
            anyOf: [
              { key: 'requester', values: [users[0]] },
              { key: 'requester', values: [users[1]] },
            ],
          },
        })
      ).items.map(r => r.requester),
    ).toEqual([users[1], users[0]]);
    expect(
      (
        await stores.requests.list({
          limit: 10,
          permission: {
            not: { key: 'decider', values: ['user:default/ana.ruiz'] },
          },
        })
      ).items,
    ).toEqual([]);
    expect(
      (
        await stores.requests.list({
          limit: 10,
          decidableBy: {
            user: 'user:default/ana.ruiz',
            claims: ['user:default/ana.ruiz'],
          },
        })
      ).items,
    ).toHaveLength(5);
  });

  it('reports a grant expired from its expiresAt on, and revokes only active grants', async () => {
    const request = newRequest();
    await stores.requests.insert(request);
    const grant = await stores.grants.insert({
      id: 'grant-1',
      requestId: request.id,
      dataset: request.dataset,
      user: request.requester,
      purpose: 'research',
      grantedAt: '2026-11-29T09:00:00.000Z',
      expiresAt: '2026-11-29T10:00:00.000Z',
      expiresBecause: 'duration',
    });
    expect(grant.state).toBe('active');
    expect(
      (await stores.grants.list({ limit: 10, active: true })).items,
    ).toHaveLength(1);

    const later = new TestClock('2026-11-29T10:00:00.000Z');
    const laterStores = new DatapactStores(knex, later);
    expect((await laterStores.grants.get('grant-1'))?.state).toBe('expired');
    expect(
      (await laterStores.grants.list({ limit: 10, active: true })).items,
    ).toEqual([]);
    expect(
      await laterStores.grants.revoke('grant-1', 'user:default/x', 'r'),
    ).toBe(false);
    expect(await stores.grants.revoke('grant-1', 'user:default/x', 'r')).toBe(
      true,
    );
    expect(await stores.grants.get('grant-1')).toMatchObject({
      state: 'revoked',
      revokedBy: 'user:default/x',
      revokeReason: 'r',
    });
  });

  it('chains concurrent audit appends into one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        stores.transaction(tx =>
          tx.audit.append({
            at: '2026-11-29T09:00:00.000Z',
            actor: `user:default/u${i}`,
            action: 'test.appended',
            subject: `test:${i}`,
            entity: 'dataset:default/x',
            details: { i },
          }),
        ),
      ),
    );
    const seqs = (await knex('datapact_audit_log').select('seq')).map(r =>
      Number(r.seq),
    );
    expect(seqs.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await new Audit({ stores, clock }).verify()).toMatchObject({
      ok: true,
      entries: 50,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('writes no audit entry for a change that rolls back, and no change without its entry', async () => {
    const request = newRequest();
    await expect(
      stores.transaction(async tx => {
        await tx.requests.insert(request);
        await tx.audit.append({
          at: '2026-11-29T09:00:00.000Z',
          actor: 'user:default/x',
          action: 'access-request.created',
          subject: `access-request:${request.id}`,
          entity: request.dataset,
          details: {},
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await stores.requests.get(request.id)).toBeUndefined();
    expect(await stores.audit.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });

    // An audit entry that cannot be written takes the change with it: here
    // a stray row already holds the next sequence number.
    await knex('datapact_audit_log').insert({
      seq: 1,
      at: '2026-11-29T09:00:00.000Z',
      actor: 'user:default/x',
      action: 'stray',
      subject: 'stray',
      entity: 'stray',
      details: '{}',
      prev_hash: '0'.repeat(64),
      hash: '0'.repeat(64),
    });
    // The driver's error may come from outside Jest's realm, where
    // `rejects.toThrow` does not recognize it: look at the outcome itself.
    const outcome = await stores
      .transaction(async tx => {
        await tx.requests.insert(request);
        await tx.audit.append({
          at: '2026-11-29T09:00:00.000Z',
          actor: 'user:default/x',
          action: 'access-request.created',
          subject: `access-request:${request.id}`,
          entity: request.dataset,
          details: {},
        });
      })
      .then(
        () => 'committed',
        error => String(error),
      );
    expect(outcome).toMatch(/UNIQUE constraint failed|duplicate key/);
    expect(await stores.requests.get(request.id)).toBeUndefined();
  });
});

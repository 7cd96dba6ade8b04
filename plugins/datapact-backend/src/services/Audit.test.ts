import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { TestClock } from '../__testUtils__/startDatapact';
import {
  DatapactStores,
  migrateDatapactDatabase,
} from '../database/DatapactStores';
import { auditHash } from '../database/auditHash';
import { Audit } from './Audit';

jest.setTimeout(60_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

describe.each(databases.eachSupportedId())(
  'audit verification on %s',
  databaseId => {
    let knex: Knex;
    let stores: DatapactStores;
    let audit: Audit;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatapactDatabase(mockServices.database({ knex }));
      stores = new DatapactStores(knex, new TestClock());
      audit = new Audit(stores.audit);
      for (let i = 1; i <= 5; i++) {
        await stores.transaction(tx =>
          tx.audit.append({
            at: `2026-11-29T09:00:0${i}.000Z`,
            actor: 'user:default/ana.ruiz',
            action: 'access-request.approved',
            subject: `access-request:${i}`,
            entity: 'dataset:default/clinic-visits-2024',
            details: { decision: 'approve', n: i },
          }),
        );
      }
    });

    it('accepts an untouched chain', async () => {
      const [newest] = (await stores.audit.list({ limit: 1 })).items;
      expect(await audit.verify()).toEqual({
        ok: true,
        entries: 5,
        headHash: newest.hash,
      });
    });

    it('accepts an empty log', async () => {
      const empty = await databases.init(databaseId);
      await migrateDatapactDatabase(mockServices.database({ knex: empty }));
      const fresh = new DatapactStores(empty, new TestClock());
      expect(await new Audit(fresh.audit).verify()).toEqual({
        ok: true,
        entries: 0,
        headHash: '0'.repeat(64),
      });
    });

    it('names an edited entry', async () => {
      await knex('datapact_audit_log')
        .where({ seq: 3 })
        .update({ actor: 'user:default/mallory' });
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        problem: 'entry 3 was altered',
      });
    });

    it('names an entry whose details were edited', async () => {
      await knex('datapact_audit_log')
        .where({ seq: 2 })
        .update({ details: JSON.stringify({ decision: 'deny', n: 2 }) });
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
    });

    it('names a deleted entry', async () => {
      await knex('datapact_audit_log').where({ seq: 4 }).delete();
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        problem: 'entry 4 is missing',
      });
    });

    it('names a deleted last entry', async () => {
      await knex('datapact_audit_log').where({ seq: 5 }).delete();
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
    });

    it('names reordered entries', async () => {
      // Swap entries 2 and 3 by their sequence numbers.
      await knex('datapact_audit_log').where({ seq: 2 }).update({ seq: -2 });
      await knex('datapact_audit_log').where({ seq: 3 }).update({ seq: 2 });
      await knex('datapact_audit_log').where({ seq: -2 }).update({ seq: 3 });
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
    });

    it('catches an entry rewritten with a recomputed hash at the entry after it', async () => {
      const [entry] = await stores.audit.after(2, 1);
      const forged = { ...entry, actor: 'user:default/mallory' };
      const { hash: _, ...content } = forged;
      await knex('datapact_audit_log')
        .where({ seq: 3 })
        .update({ actor: forged.actor, hash: auditHash(content) });
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        problem: 'entry 4 does not follow the entry before it',
      });
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { generateKeyPairSync } from 'node:crypto';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from '../__testUtils__/databases';
import { TestClock } from '../__testUtils__/startDatapact';
import {
  DatapactStores,
  migrateDatapactDatabase,
} from '../database/DatapactStores';
import { auditHash, GENESIS_HASH } from '../database/auditHash';
import { applyAuditAppendOnly } from '../database/auditAppendOnly';
import { Audit } from './Audit';
import {
  CheckpointSigner,
  encodeCheckpoint,
  verifyCheckpointSignature,
} from './checkpointSignature';

jest.setTimeout(60_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

/** A fresh Ed25519 key, as `openssl genpkey -algorithm ed25519` makes one. */
function newSigner(): CheckpointSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  return CheckpointSigner.fromPrivateKey(
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
}

describe.each(databases.eachSupportedId())(
  'audit verification on %s',
  databaseId => {
    let knex: Knex;
    let stores: DatapactStores;
    let audit: Audit;
    const clock = new TestClock();

    const appendEntries = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) {
        await stores.transaction(tx =>
          tx.audit.append({
            at: `2026-11-29T09:00:${String(i).padStart(2, '0')}.000Z`,
            actor: 'user:default/ana.ruiz',
            action: 'access-request.approved',
            subject: `access-request:${i}`,
            entity: 'dataset:default/clinic-visits-2024',
            details: { decision: 'approve', n: i },
          }),
        );
      }
    };

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateDatapactDatabase(mockServices.database({ knex }));
      stores = new DatapactStores(knex, clock);
      audit = new Audit({ stores, clock });
      await appendEntries(1, 5);
    });

    it('accepts an untouched chain', async () => {
      const [newest] = (await stores.audit.list({ limit: 1 })).items;
      expect(await audit.verify({ full: true })).toEqual({
        ok: true,
        entries: 5,
        headHash: newest.hash,
        from: 0,
        rehashed: 5,
        checkpoint: 'not configured',
        grantsChecked: 0,
      });
    });

    it('accepts an empty log', async () => {
      const empty = await databases.init(databaseId);
      await migrateDatapactDatabase(mockServices.database({ knex: empty }));
      const fresh = new DatapactStores(empty, clock);
      expect(await new Audit({ stores: fresh, clock }).verify()).toMatchObject({
        ok: true,
        entries: 0,
        headHash: GENESIS_HASH,
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

    describe('a missing chain head row', () => {
      beforeEach(async () => {
        await knex('datapact_audit_head').delete();
      });

      it('is recreated from the last entry by the next write, which the chain records', async () => {
        const [fifth] = (await stores.audit.list({ limit: 1 })).items;
        const appended = await stores.transaction(tx =>
          tx.audit.append({
            at: '2026-11-29T10:00:00.000Z',
            actor: 'user:default/ana.ruiz',
            action: 'access-request.created',
            subject: 'access-request:6',
            entity: 'dataset:default/clinic-visits-2024',
            details: {},
          }),
        );
        expect(appended.seq).toBe(7);
        const [, recreated] = (await stores.audit.list({ limit: 2 })).items;
        expect(recreated).toMatchObject({
          seq: 6,
          action: 'audit.head-recreated',
          actor: 'plugin:datapact',
          prevHash: fifth.hash,
          details: { lastSeq: 5, lastHash: fifth.hash },
        });
        expect(await audit.verify({ full: true })).toMatchObject({
          ok: true,
          entries: 7,
          notices: [
            'entry 6: the chain head row was missing and was recreated from entry 5',
          ],
        });
      });

      it('is recreated by a verification, which says so', async () => {
        expect(await audit.verify()).toMatchObject({
          ok: true,
          entries: 6,
          notices: [
            'entry 6: the chain head row was missing and was recreated from entry 5',
          ],
        });
      });
    });

    describe('against signed checkpoints', () => {
      let signer: CheckpointSigner;

      beforeEach(async () => {
        signer = newSigner();
        audit = new Audit({ stores, clock, signer });
      });

      const checkpointNow = async () => {
        const head = await stores.audit.head();
        const signed = signer.sign({
          seq: head.seq,
          hash: head.hash,
          at: clock.now().toISOString(),
        });
        await stores.audit.addCheckpoint(signed, 'user:default/sofia');
        return signed;
      };

      /** Rewrites every entry (a new actor) and recomputes the chain and its head, as an attacker with the database could. */
      const recomputeChain = async () => {
        let prevHash = GENESIS_HASH;
        for (const entry of await stores.audit.after(0, 1000)) {
          const forged = {
            ...entry,
            actor: 'user:default/mallory',
            prevHash,
          };
          const { hash: _, ...content } = forged;
          const hash = auditHash(content);
          await knex('datapact_audit_log')
            .where({ seq: entry.seq })
            .update({ actor: forged.actor, prev_hash: prevHash, hash });
          prevHash = hash;
        }
        await knex('datapact_audit_head').update({ hash: prevHash });
      };

      it('verifies a good chain incrementally, from the last checkpoint', async () => {
        const signed = await checkpointNow();
        await appendEntries(6, 7);
        const head = await stores.audit.head();
        expect(await audit.verify()).toEqual({
          ok: true,
          entries: 7,
          headHash: head.hash,
          from: 5,
          rehashed: 3,
          checkpoint: {
            seq: 5,
            hash: signed.hash,
            at: signed.at,
            keyId: signer.keyId,
            extended: true,
          },
          grantsChecked: 0,
        });
        // The next call starts where this one ended.
        await appendEntries(8, 8);
        expect(await audit.verify()).toMatchObject({
          ok: true,
          entries: 8,
          from: 7,
          rehashed: 2,
        });
        // A full re-hash remains available.
        expect(await audit.verify({ full: true })).toMatchObject({
          ok: true,
          from: 0,
          rehashed: 8,
        });
      });

      it('catches a wholly recomputed chain', async () => {
        await checkpointNow();
        await recomputeChain();
        // Recomputed with the plugin's own hash, the chain holds together...
        expect(
          await new Audit({ stores, clock }).verify({ full: true }),
        ).toMatchObject({ ok: true });
        // ...but no longer extends the checkpoint.
        expect(await audit.verify()).toMatchObject({
          ok: false,
          firstBadSeq: 5,
          problem: 'entry 5 does not match checkpoint 5',
        });
      });

      it('catches a truncated tail with the head moved back', async () => {
        await checkpointNow();
        const [third] = await stores.audit.after(2, 1);
        await knex('datapact_audit_log').where('seq', '>', 3).delete();
        await knex('datapact_audit_head').update({ seq: 3, hash: third.hash });
        expect(await audit.verify()).toMatchObject({
          ok: false,
          problem:
            'the chain ends at entry 3, before checkpoint 5: entries were removed',
        });
      });

      it('catches a recomputed chain against an earlier checkpoint the caller kept, even with the stored checkpoints deleted', async () => {
        const kept = await checkpointNow();
        await appendEntries(6, 6);
        await recomputeChain();
        await knex('datapact_audit_checkpoints').delete();
        expect(await audit.verify()).toMatchObject({ ok: true });
        expect(await audit.verify({ checkpoint: kept })).toMatchObject({
          ok: false,
          firstBadSeq: 5,
          problem: 'entry 5 does not match checkpoint 5',
        });
      });

      it('accepts a checkpoint by its sequence number, or as the caller kept it', async () => {
        const kept = await checkpointNow();
        await appendEntries(6, 9);
        expect(await audit.verify({ checkpoint: 5 })).toMatchObject({
          ok: true,
          entries: 9,
          from: 5,
          checkpoint: { seq: 5, extended: true },
        });
        // The verification before covered the chain up to entry 9.
        expect(await audit.verify({ checkpoint: kept })).toMatchObject({
          ok: true,
          from: 9,
          rehashed: 1,
          checkpoint: { seq: 5, extended: true },
        });
      });

      it('refuses a checkpoint signed with another key', async () => {
        const other = newSigner();
        const head = await stores.audit.head();
        const forged = other.sign({
          seq: head.seq,
          hash: head.hash,
          at: clock.now().toISOString(),
        });
        expect(verifyCheckpointSignature(forged, signer.publicKey)).toBe(false);
        expect(verifyCheckpointSignature(forged, other.publicKey)).toBe(true);
        expect(await audit.verify({ checkpoint: forged })).toMatchObject({
          ok: false,
          problem: `checkpoint 5 is not signed by the configured key ${signer.keyId}`,
        });
        // Stored in the database, it is refused too.
        await stores.audit.addCheckpoint(forged, 'user:default/mallory');
        expect(await audit.verify()).toMatchObject({ ok: false });
      });

      it('refuses a checkpoint whose fields were changed after signing', async () => {
        const kept = await checkpointNow();
        const changed = { ...kept, seq: 4 };
        expect(verifyCheckpointSignature(changed, signer.publicKey)).toBe(
          false,
        );
        expect(encodeCheckpoint(kept)).toMatch(/^[A-Za-z0-9_-]+$/);
      });
    });

    describe('with the log append-only', () => {
      /** What a statement did: `done (…)`, or the message it failed with. */
      const outcome = (query: PromiseLike<unknown>) =>
        Promise.resolve(query).then(
          result => `done (${JSON.stringify(result)})`,
          (error: Error) => error.message,
        );

      afterEach(async () => {
        await applyAuditAppendOnly(knex, false);
      });

      it('refuses to update or delete an entry, and allows it again when turned off', async () => {
        await applyAuditAppendOnly(knex, true);
        // Installing it twice (a restart) is harmless.
        await applyAuditAppendOnly(knex, true);
        expect(
          await outcome(
            knex('datapact_audit_log')
              .where({ seq: 3 })
              .update({ actor: 'user:default/mallory' }),
          ),
        ).toMatch(/append-only/);
        expect(
          await outcome(knex('datapact_audit_log').where({ seq: 5 }).delete()),
        ).toMatch(/append-only/);
        await appendEntries(6, 6);
        expect(await audit.verify({ full: true })).toMatchObject({
          ok: true,
          entries: 6,
        });
        await applyAuditAppendOnly(knex, false);
        await knex('datapact_audit_log')
          .where({ seq: 3 })
          .update({ actor: 'user:default/mallory' });
        expect(await audit.verify({ full: true })).toMatchObject({
          ok: false,
          firstBadSeq: 3,
        });
      });

      if (databaseId === 'POSTGRES_15') {
        it('refuses TRUNCATE on PostgreSQL', async () => {
          await applyAuditAppendOnly(knex, true);
          expect(
            await outcome(knex.raw('TRUNCATE datapact_audit_log')),
          ).toMatch(/append-only/);
        });
      }
    });
  },
);

import { AuditEntry } from '@datapact/backstage-plugin-common';
import { Knex } from 'knex';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditHash, GENESIS_HASH } from './database/auditHash';
import { AUDIT_CHECKPOINT_TASK_ID } from './plugin';
import {
  encodeCheckpoint,
  verifyCheckpointSignature,
} from './services/checkpointSignature';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import {
  ana,
  ben,
  fatima,
  mei,
  priya,
  rahul,
  sofia,
  tomas,
  travelTimesRequest,
} from './__testUtils__/people';

jest.setTimeout(120_000);

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const clinicVisits = 'dataset:default/clinic-visits-2024';

/** A request Northbridge researchers may make under the hospital-university agreement. */
const clinicVisitsRequest = (justification: string) => ({
  dataset: clinicVisits,
  purpose: 'research',
  justification,
  duration: 'P30D',
  agreement: 'agreement:default/hospital-uni-dsa',
});

describe.each(databases.eachSupportedId())(
  'who reads the audit log on %s',
  databaseId => {
    let api: TestDatapact;
    /** The subjects of the log's entries: Tomáš's, Priya's and Mei's requests, Mei's grant. */
    const subject = { tomas: '', priya: '', mei: '', meiGrant: '' };

    /** Every entry `who` may read, following the cursor `limit` entries at a time. */
    async function readAll(
      who: string,
      query: string = '',
      limit = 100,
    ): Promise<AuditEntry[]> {
      const entries: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const res = await api
          .as(who)
          .get(
            `/audit?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
          );
        expect(res.status).toBe(200);
        entries.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return entries;
    }

    const subjectsOf = (entries: AuditEntry[]) =>
      [...new Set(entries.map(e => e.subject))].sort();

    /** Creates a request and returns its id. */
    async function made(who: string, body: object): Promise<string> {
      const res = await api
        .as(who)
        .post('/access-requests', await api.as(who).accept(body));
      expect(res.status).toBe(201);
      return res.body.id;
    }

    /** Approves a request as ben-okafor, then revokes its grant; returns the grant's id. */
    async function grantedAndRevoked(id: string): Promise<string> {
      const approved = await api
        .as(ben)
        .post(`/access-requests/${id}/decisions`, { decision: 'approve' });
      expect(approved.status).toBe(201);
      const revoked = await api
        .as(ben)
        .post(`/grants/${approved.body.grant.id}/revoke`, {
          reason: 'project ended',
        });
      expect(revoked.status).toBe(200);
      return approved.body.grant.id;
    }

    beforeAll(async () => {
      api = await startDatapact({
        knex: await databases.init(databaseId),
        config: { datapact: { audit: { auditors: ['group:default/legal'] } } },
      });
      subject.tomas = `access-request:${await made(
        tomas,
        clinicVisitsRequest('Travel burden study'),
      )}`;
      subject.priya = `access-request:${await made(
        priya,
        clinicVisitsRequest('Respiratory admissions and clinic visits'),
      )}`;
      const meis = await made(mei, travelTimesRequest('Clinic opening hours'));
      subject.mei = `access-request:${meis}`;
      subject.meiGrant = `grant:${await grantedAndRevoked(meis)}`;
    });

    afterAll(async () => {
      await api.stop();
    });

    it('shows a requester the entries of their own requests only', async () => {
      expect(subjectsOf(await readAll(tomas))).toEqual([subject.tomas]);
      expect(subjectsOf(await readAll(priya))).toEqual([subject.priya]);
      // A grant's entries belong to the request it came from.
      expect(subjectsOf(await readAll(mei))).toEqual(
        [subject.mei, subject.meiGrant].sort(),
      );
    });

    it('shows an approver (or delegate) of a dataset the entries of its requests', async () => {
      // ana-ruiz and ben-okafor steward the clinic visits; ana is ben's
      // delegate for the travel times.
      for (const who of [ana, ben]) {
        expect(subjectsOf(await readAll(who))).toEqual(
          [subject.tomas, subject.priya, subject.mei, subject.meiGrant].sort(),
        );
      }
    });

    it('shows another organization’s user, and a colleague who approves nothing, none of them', async () => {
      expect(await readAll(fatima)).toEqual([]);
      expect(await readAll(rahul)).toEqual([]);
      const res = await api
        .as(fatima)
        .get(`/audit?entity=${encodeURIComponent(subject.tomas)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [] });
    });

    it('shows members of a `datapact.audit.auditors` group and service principals everything', async () => {
      const all = await readAll('service');
      expect(subjectsOf(all)).toEqual(
        [subject.tomas, subject.priya, subject.mei, subject.meiGrant].sort(),
      );
      expect(all.map(e => e.seq)).toEqual(all.map((_, i) => all.length - i));
      expect(await readAll(sofia)).toEqual(all);
    });

    it('keeps the entity filter and paging within what the caller may read', async () => {
      const everything = await readAll(ana);
      // One entry a page, through the cursor, gives the same entries in the same order.
      expect(await readAll(ana, '', 1)).toEqual(everything);
      expect(await readAll(tomas, '', 1)).toEqual(
        everything.filter(e => e.subject === subject.tomas),
      );

      const ofDataset = `&entity=${encodeURIComponent(clinicVisits)}`;
      expect(subjectsOf(await readAll(ana, ofDataset, 1))).toEqual(
        [subject.tomas, subject.priya].sort(),
      );
      expect(subjectsOf(await readAll(tomas, ofDataset))).toEqual([
        subject.tomas,
      ]);
      const ofPriyas = `&entity=${encodeURIComponent(subject.priya)}`;
      expect(await readAll(tomas, ofPriyas)).toEqual([]);
      const ofGrant = `&entity=${encodeURIComponent(subject.meiGrant)}`;
      expect(await readAll(mei, ofGrant)).toEqual([
        expect.objectContaining({
          action: 'grant.revoked',
          details: expect.objectContaining({ reason: 'project ended' }),
        }),
      ]);
      expect(await readAll(priya, ofGrant)).toEqual([]);
    });

    it('verifies the chain for any signed-in user or service, with counts and the head hash only', async () => {
      const [newest] = (await api.as('service').get('/audit?limit=1')).body
        .items;
      for (const who of [fatima, rahul, tomas, 'service']) {
        const res = await api.as(who).get('/audit/verify');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          ok: true,
          entries: newest.seq,
          headHash: newest.hash,
          checkpoint: 'not configured',
        });
      }
    });

    it('re-hashes the whole chain on request for auditors and services only', async () => {
      expect((await api.as(tomas).get('/audit/verify?full=true')).status).toBe(
        403,
      );
      for (const who of [sofia, 'service']) {
        const res = await api.as(who).get('/audit/verify?full=true');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ ok: true, from: 0 });
        expect(res.body.rehashed).toBe(res.body.entries);
      }
    });

    it('says that checkpoints are not configured when asked for one without a key', async () => {
      const res = await api.as(sofia).post('/audit/checkpoints', {});
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(
        /datapact\.audit\.checkpoints\.privateKey/,
      );
      expect((await api.as(fatima).get('/audit/checkpoints')).body).toEqual({
        items: [],
      });
    });

    it.each(['/audit', '/audit/verify', '/audit/checkpoints'])(
      'answers GET %s without credentials with a 401',
      async path => {
        expect((await api.as('nobody').get(path)).status).toBe(401);
      },
    );
  },
);

describe.each(databases.eachSupportedId())(
  'signed checkpoints and grants covered by the chain on %s',
  databaseId => {
    let api: TestDatapact;
    let knex: Knex;
    let sinkFile: string;
    let config: object;
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      sinkFile = join(
        mkdtempSync(join(tmpdir(), 'datapact-checkpoints-')),
        'checkpoints.jsonl',
      );
      config = {
        datapact: {
          audit: {
            auditors: ['group:default/legal'],
            checkpoints: {
              privateKey: privateKey
                .export({ type: 'pkcs8', format: 'pem' })
                .toString(),
              sink: { file: sinkFile },
            },
          },
        },
      };
      api = await startDatapact({ knex, config });
    });

    afterEach(async () => {
      await api.stop();
    });

    /** Mei's request for the travel times (P14D), approved by ben-okafor; returns the grant's id. */
    async function grantedToMei(): Promise<string> {
      const made = await api
        .as(mei)
        .post(
          '/access-requests',
          await api.as(mei).accept(travelTimesRequest('Clinic opening hours')),
        );
      expect(made.status).toBe(201);
      const approved = await api
        .as(ben)
        .post(`/access-requests/${made.body.id}/decisions`, {
          decision: 'approve',
        });
      expect(approved.status).toBe(201);
      return approved.body.grant.id;
    }

    /**
     * Rewrites every entry with the plugin's own hash function, head and
     * stored checkpoints included, as someone with write access to the
     * plugin's database alone could.
     */
    async function rewriteChain() {
      let prevHash = GENESIS_HASH;
      const rows = await knex('datapact_audit_log').orderBy('seq');
      for (const row of rows) {
        const entry = {
          seq: Number(row.seq),
          at: row.at,
          actor: row.actor,
          action: row.action,
          subject: row.subject,
          entity: row.entity,
          details: { ...JSON.parse(row.details), rewritten: true },
          prevHash,
        };
        const hash = auditHash(entry);
        await knex('datapact_audit_log')
          .where({ seq: entry.seq })
          .update({
            details: JSON.stringify(entry.details),
            prev_hash: prevHash,
            hash,
          });
        prevHash = hash;
      }
      await knex('datapact_audit_head').update({ hash: prevHash });
      await knex('datapact_audit_checkpoints').delete();
    }

    const checkpoint = async (who: string = sofia) => {
      const res = await api.as(who).post('/audit/checkpoints', {});
      expect(res.status).toBe(201);
      return res.body;
    };

    it('signs the chain head on demand for auditors and services, publishes it, and lists it to anyone signed in', async () => {
      await grantedToMei();
      expect((await api.as(tomas).post('/audit/checkpoints', {})).status).toBe(
        403,
      );
      const first = await checkpoint(sofia);
      const [newest] = (await api.as('service').get('/audit?limit=1')).body
        .items;
      expect(first).toEqual({
        seq: newest.seq,
        hash: newest.hash,
        at: expect.any(String),
        keyId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        signature: expect.any(String),
      });
      expect(verifyCheckpointSignature(first, publicKey)).toBe(true);
      const second = await checkpoint('service');

      const listed = await api.as(fatima).get('/audit/checkpoints');
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([second, first]);
      const paged = await api.as(fatima).get('/audit/checkpoints?limit=1');
      expect(paged.body.items).toEqual([second]);
      const rest = await api
        .as(fatima)
        .get(`/audit/checkpoints?limit=1&cursor=${paged.body.nextCursor}`);
      expect(rest.body).toEqual({ items: [first] });

      expect(
        readFileSync(sinkFile, 'utf8')
          .trim()
          .split('\n')
          .map(line => JSON.parse(line)),
      ).toEqual([first, second]);
      expect(
        api.recorded.auditorEvents.filter(e =>
          e.startsWith('audit-checkpoint '),
        ),
      ).toEqual(['audit-checkpoint succeeded', 'audit-checkpoint succeeded']);
    });

    it('signs at an interval when the chain has moved since the last checkpoint', async () => {
      await api.runTask(AUDIT_CHECKPOINT_TASK_ID);
      await grantedToMei();
      await api.runTask(AUDIT_CHECKPOINT_TASK_ID);
      await api.runTask(AUDIT_CHECKPOINT_TASK_ID);
      const { items } = (await api.as(fatima).get('/audit/checkpoints')).body;
      const [newest] = (await api.as('service').get('/audit?limit=1')).body
        .items;
      expect(items.map((c: { seq: number }) => c.seq)).toEqual([newest.seq]);
    });

    it('reports an expired grant whose row was made active again', async () => {
      const grant = await grantedToMei();
      api.clock.advance({ days: 15 });
      await api.sweep();
      await checkpoint();
      const later = new Date(api.clock.now().getTime() + 30 * 86400_000);
      await knex('datapact_grants')
        .where({ id: grant })
        .update({ expires_at: later.toISOString() });
      expect(
        (await api.as('service').get('/grants?active=true')).body.items,
      ).toHaveLength(1);

      const res = await api.as(fatima).get('/audit/verify');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ok: false,
        grantsDisagreeing: [
          { grant, field: 'expires_at' },
          { grant, field: 'state' },
        ],
      });
      // The values are shown to auditors only.
      expect(res.body.grantsDisagreeing[0].row).toBeUndefined();
      const byAuditor = await api.as(sofia).get('/audit/verify');
      expect(byAuditor.body.grantsDisagreeing).toEqual([
        {
          grant,
          field: 'expires_at',
          row: later.toISOString(),
          chain: expect.any(String),
        },
        { grant, field: 'state', row: 'active', chain: 'expired' },
      ]);
    });

    it('reports a revoked grant whose row was made active again', async () => {
      const grant = await grantedToMei();
      expect(
        (
          await api
            .as(ben)
            .post(`/grants/${grant}/revoke`, { reason: 'project ended' })
        ).status,
      ).toBe(200);
      await knex('datapact_grants')
        .where({ id: grant })
        .update({ revoked_at: null, revoked_by: null, revoke_reason: null });
      const res = await api.as(sofia).get('/audit/verify');
      expect(res.body).toMatchObject({ ok: false });
      expect(res.body.grantsDisagreeing).toEqual(
        expect.arrayContaining([
          {
            grant,
            field: 'revoked_at',
            row: null,
            chain: expect.any(String),
          },
          { grant, field: 'revoked_by', row: null, chain: ben },
          { grant, field: 'state', row: 'active', chain: 'revoked' },
        ]),
      );
    });

    it('does not sign a chain rewritten in the database, its kept checkpoints deleted, even on a fresh replica: the sink file holds the last checkpoint', async () => {
      await grantedToMei();
      await checkpoint();
      await rewriteChain();
      // A second backend on the same database, which remembers nothing of
      // earlier verifications, as a replica restarted after the rewrite.
      const fresh = await startDatapact({ knex, config });
      try {
        const signed = await fresh.as(sofia).post('/audit/checkpoints', {});
        expect(signed.status).toBe(409);
        expect(signed.body.error.message).toMatch(
          /^The audit chain does not verify, so no checkpoint was signed: entry \d+ does not match checkpoint \d+/,
        );
      } finally {
        await fresh.stop();
      }
    });

    it('proves the chain extends a checkpoint the caller kept, and catches a recomputed one', async () => {
      await grantedToMei();
      const kept = await checkpoint();
      await api
        .as(tomas)
        .post(
          '/access-requests',
          await api
            .as(tomas)
            .accept(clinicVisitsRequest('Travel burden study')),
        );
      const encoded = encodeCheckpoint(kept);
      const good = await api
        .as(fatima)
        .get(`/audit/verify?checkpoint=${encoded}`);
      expect(good.body).toMatchObject({
        ok: true,
        checkpoint: { seq: kept.seq, hash: kept.hash, extended: true },
      });

      await rewriteChain();

      const bad = await api
        .as(fatima)
        .get(`/audit/verify?checkpoint=${encoded}`);
      expect(bad.status).toBe(200);
      expect(bad.body).toMatchObject({
        ok: false,
        firstBadSeq: kept.seq,
        problem: `entry ${kept.seq} does not match checkpoint ${kept.seq}`,
      });
      expect(
        (await api.as(fatima).get('/audit/verify?checkpoint=not-a-checkpoint'))
          .status,
      ).toBe(400);
    });

    it('recreates a missing chain head row instead of failing every write', async () => {
      await knex('datapact_audit_head').delete();
      await grantedToMei();
      const res = await api.as(fatima).get('/audit/verify');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ok: true,
        notices: [expect.stringMatching(/chain head row was missing/)],
      });
    });
  },
);

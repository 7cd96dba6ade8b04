import { AuditEntry } from '@datapact/backstage-plugin-common';
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
      const res = await api.as(who).post('/access-requests', body);
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
        config: { datapact: { auditors: ['group:default/legal'] } },
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

    it('shows members of a `datapact.auditors` group and service principals everything', async () => {
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
        expect(res.body).toEqual({
          ok: true,
          entries: newest.seq,
          headHash: newest.hash,
        });
      }
    });

    it.each(['/audit', '/audit/verify'])(
      'answers GET %s without credentials with a 401',
      async path => {
        expect((await api.as('nobody').get(path)).status).toBe(401);
      },
    );
  },
);

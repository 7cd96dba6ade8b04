import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { resolve } from 'node:path';
import { relationsOf, startCatalog } from './__testUtils__/startCatalog';

// The example world of catalog-info/README.md, run through the real catalog.
const world = resolve(__dirname, '../../../catalog-info/all.yaml');

const expectedCounts: Record<string, number> = {
  Dataset: 30,
  Agreement: 5,
  Steward: 9,
  Group: 14,
  User: 17,
};

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

if (process.env.DATAPACT_REQUIRE_POSTGRES) {
  it('has PostgreSQL to run on (see BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
      'SQLITE_3',
      'POSTGRES_15',
    ]);
  });
}

describe.each(databases.eachSupportedId())(
  'the example world on %s',
  databaseId => {
    let catalog: Awaited<ReturnType<typeof startCatalog>>;
    let byRef: Map<string, Entity>;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      catalog = await startCatalog({ knex, locations: [world] });
      // Wait until every entity is in and stitching has settled: the total
      // number of relations stays the same across consecutive reads.
      const filter =
        'kind=dataset,kind=agreement,kind=steward,kind=group,kind=user';
      const total = Object.values(expectedCounts).reduce((a, b) => a + b, 0);
      let fresh = await catalog.waitFor(
        filter,
        items => items.length === total,
      );
      const relationCount = (items: Entity[]) =>
        items.reduce((n, e) => n + (e.relations ?? []).length, 0);
      for (let stable = 0; stable < 3; ) {
        await new Promise(r => setTimeout(r, 1000));
        const next = await catalog.entities(filter);
        stable = relationCount(next) === relationCount(fresh) ? stable + 1 : 0;
        fresh = next;
      }
      byRef = new Map(fresh.map(e => [stringifyEntityRef(e), e]));
    });

    afterAll(async () => {
      await catalog?.stop();
    });

    const relations = (ref: string) => {
      const entity = byRef.get(ref);
      if (!entity) throw new Error(`${ref} is not in the catalog`);
      return relationsOf(entity);
    };

    it('holds every entity of the world, of each kind', () => {
      const counts: Record<string, number> = {};
      for (const entity of byRef.values()) {
        counts[entity.kind] = (counts[entity.kind] ?? 0) + 1;
      }
      expect(counts).toEqual(expectedCounts);
    });

    it('processes every file and entity without errors', async () => {
      const rows = await knex('refresh_state').select('entity_ref', 'errors');
      expect(rows.length).toBeGreaterThan(byRef.size);
      expect(rows.filter(row => row.errors && row.errors !== '[]')).toEqual([]);
    });

    it('relates a fan-in dataset to its owner, stewards, upstreams and agreements', () => {
      expect(
        relations('dataset:default/ed-respiratory-traffic-linked'),
      ).toEqual([
        'derivedFrom dataset:default/northbridge-small-areas-2023',
        'derivedFrom dataset:default/riverside-trips-by-area-daily',
        'derivedFrom dataset:default/st-mary-ed-attendances-clean',
        'governedBy agreement:default/coop-uni-dua',
        'governedBy agreement:default/hospital-uni-dsa',
        'ownedBy group:default/uni-epidemiology',
        'sourceOf dataset:default/ed-respiratory-by-area-weekly',
        'sourceOf dataset:default/st-mary-ed-surge-forecast-inputs',
        'stewardedBy steward:default/amara-nwosu',
        'stewardedBy steward:default/priya-raman',
      ]);
    });

    it('shows fan-out as sourceOf on the upstream', () => {
      expect(
        relations('dataset:default/riverside-trips-by-area-daily').filter(r =>
          r.startsWith('sourceOf'),
        ),
      ).toEqual([
        'sourceOf dataset:default/ed-respiratory-traffic-linked',
        'sourceOf dataset:default/riverside-mobility-dashboard-public',
        'sourceOf dataset:default/uni-mobility-health-panel',
      ]);
    });

    it('defaults the kinds of bare names', () => {
      const clinicVisits = relations('dataset:default/clinic-visits-2024');
      expect(clinicVisits).toContain('ownedBy group:default/health-analytics');
      expect(clinicVisits).toContain('stewardedBy steward:default/ana-ruiz');
      expect(clinicVisits).toContain('stewardedBy steward:default/ben-okafor');
    });

    it('emits each relation once, even when both sides declare it', () => {
      for (const [ref, entity] of byRef) {
        const list = relationsOf(entity);
        expect({ ref, relations: [...new Set(list)] }).toEqual({
          ref,
          relations: list,
        });
      }
      expect(
        relations('dataset:default/clinic-visits-2024').filter(r =>
          r.startsWith('governedBy'),
        ),
      ).toEqual(['governedBy agreement:default/hospital-uni-dsa']);
    });

    it('relates agreements to their parties and the datasets they cover', () => {
      const agreement = relations('agreement:default/hospital-uni-dsa');
      expect(agreement).toEqual(
        expect.arrayContaining([
          'hasParty group:default/northbridge-university',
          'hasParty group:default/st-mary-hospital',
          'governs dataset:default/clinic-visits-2024',
          'governs dataset:default/st-mary-ed-attendances-clean',
          'ownedBy group:default/legal',
          'stewardedBy steward:default/ana-ruiz',
          'stewardedBy steward:default/priya-raman',
        ]),
      );
      expect(relations('group:default/st-mary-hospital')).toContain(
        'partyTo agreement:default/hospital-uni-dsa',
      );
    });

    it('relates stewards to the users and groups that hold them', () => {
      expect(relations('steward:default/community-council')).toContain(
        'heldBy group:default/ngati-example-data-council',
      );
      expect(relations('group:default/ngati-example-data-council')).toContain(
        'holdsStewardship steward:default/community-council',
      );
      expect(relations('user:default/ana.ruiz')).toContain(
        'holdsStewardship steward:default/ana-ruiz',
      );
      expect(relations('group:default/uni-epidemiology')).toContain(
        'ownerOf dataset:default/ed-respiratory-traffic-linked',
      );
    });
  },
);

import { TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { relationsOf, startCatalog } from './__testUtils__/startCatalog';

const fixtures = resolve(__dirname, '__fixtures__');

jest.setTimeout(90_000);

describe('catalogModuleDatapact', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lets the catalog ingest the Datapact kinds with their relations', async () => {
    const knex = await databases.init('SQLITE_3');
    const catalog = await startCatalog({
      knex,
      locations: [resolve(fixtures, 'valid/entities.yaml')],
    });
    try {
      const [clean] = await catalog.waitFor(
        'kind=dataset,metadata.name=clean-visits',
        items => items.length === 1 && items[0].relations!.length >= 3,
      );
      expect(relationsOf(clean)).toEqual([
        'derivedFrom dataset:default/raw-visits',
        'ownedBy group:default/st-mary-hospital',
        'stewardedBy steward:default/ana-ruiz',
      ]);
      const [raw] = await catalog.waitFor(
        'kind=dataset,metadata.name=raw-visits',
        items =>
          items.length === 1 &&
          relationsOf(items[0]).some(r => r.startsWith('sourceOf')),
      );
      expect(relationsOf(raw)).toEqual([
        'ownedBy group:default/st-mary-hospital',
        'sourceOf dataset:default/clean-visits',
        'stewardedBy steward:default/ana-ruiz',
      ]);
      const [steward] = await catalog.waitFor(
        'kind=steward',
        items => items.length === 1 && items[0].relations!.length >= 3,
      );
      expect(relationsOf(steward)).toEqual([
        'heldBy user:default/ana.ruiz',
        'stewardOf dataset:default/clean-visits',
        'stewardOf dataset:default/raw-visits',
      ]);
    } finally {
      await catalog.stop();
    }
  });

  it('records a processing error that names the invalid field', async () => {
    const knex = await databases.init('SQLITE_3');
    const catalog = await startCatalog({
      knex,
      locations: [resolve(fixtures, 'invalid/dataset.yaml')],
    });
    try {
      let errors = '';
      const deadline = Date.now() + 60_000;
      while (!errors.includes('broken-visits') && Date.now() < deadline) {
        const rows = await knex('refresh_state')
          .where('entity_ref', 'dataset:default/broken-visits')
          .select('errors');
        errors = rows[0]?.errors ?? '';
        await new Promise(r => setTimeout(r, 250));
      }
      expect(errors).toContain(
        'Dataset:default/broken-visits is not a valid Dataset: spec.sensitivity.tier must be one of public, internal, confidential, restricted (got \\"secret\\"); spec.access.maxDuration must be an ISO 8601 duration such as P90D or P5Y (got \\"90 days\\")',
      );
      expect(await catalog.entities('kind=dataset')).toEqual([]);
    } finally {
      await catalog.stop();
    }
  });
});

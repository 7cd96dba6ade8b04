import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadExampleWorld } from '../__testUtils__/exampleWorld';
import { CatalogAccess } from './CatalogAccess';

const dataset = 'dataset:default/st-mary-ed-attendances-clean';

/** A catalog in which only `allowed` users see anything with their own credentials. */
function access(allowed: string[], cacheTtlMs = 10_000) {
  const catalog = catalogServiceMock({ entities: loadExampleWorld() });
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  const asked: string[] = [];
  catalog.getEntityByRef = async (ref, options) => {
    const { credentials } = options as { credentials: BackstageCredentials };
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type === 'user') {
      asked.push(principal.userEntityRef!);
      if (!allowed.includes(principal.userEntityRef!)) return undefined;
    }
    return getEntityByRef(ref, options);
  };
  const service = new CatalogAccess({
    catalog,
    auth: mockServices.auth(),
    clock: { now: () => new Date('2026-11-29T10:00:00Z') },
    cacheTtlMs,
  });
  return { service, asked };
}

describe('CatalogAccess', () => {
  it('refuses a dataset the requester may not see, remembering the answer per requester', async () => {
    const priya = mockCredentials.user('user:default/priya.raman');
    const rahul = mockCredentials.user('user:default/rahul.mehta');
    const { service, asked } = access(['user:default/priya.raman']);

    for (let i = 0; i < 3; i++) {
      const { dataset: found } = await service.datasetContext(dataset, {
        credentials: priya,
      });
      expect(found.metadata.name).toBe('st-mary-ed-attendances-clean');
      await expect(
        service.datasetContext(dataset, { credentials: rahul }),
      ).rejects.toThrow(`${dataset} is not a dataset in the catalog`);
    }
    // One catalog read per requester within the cache's lifetime.
    expect(asked.sort()).toEqual([
      'user:default/priya.raman',
      'user:default/rahul.mehta',
    ]);
  });

  it('asks the catalog every time with a cache lifetime of 0', async () => {
    const priya = mockCredentials.user('user:default/priya.raman');
    const { service, asked } = access(['user:default/priya.raman'], 0);
    await service.datasetContext(dataset, { credentials: priya });
    await service.datasetContext(dataset, { credentials: priya });
    expect(asked).toHaveLength(2);
  });
});

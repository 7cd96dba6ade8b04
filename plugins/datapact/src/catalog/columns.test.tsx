import { CatalogTable } from '@backstage/plugin-catalog';
import {
  EntityListContextProps,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { dataset } from '../__testUtils__/entities';
import { unsafeHrefs, unsafeUrls } from '../__testUtils__/urls';
import { datapactCatalogColumns } from './columns';

const context = (kind: string, entities = [] as any[]) =>
  ({
    entities,
    filters: { kind: { value: kind } },
  } as unknown as EntityListContextProps);

describe('datapactCatalogColumns', () => {
  it('shows tier, licence, owner and stewards for Datasets', () => {
    const titles = datapactCatalogColumns(context('dataset', [dataset])).map(
      c => c.title,
    );
    expect(titles).toEqual(
      expect.arrayContaining(['Tier', 'Licence', 'Stewards']),
    );
    expect(titles.indexOf('Tier')).toBeLessThan(titles.indexOf('Licence'));
  });

  it("keeps the catalog's own columns for other kinds", () => {
    const titles = datapactCatalogColumns(context('component')).map(
      c => c.title,
    );
    expect(titles).not.toContain('Tier');
  });

  it('sorts tiers by their place on the scale', () => {
    const tier = datapactCatalogColumns(context('dataset')).find(
      c => c.title === 'Tier',
    )!;
    const row = (t: string) =>
      ({
        entity: {
          ...dataset,
          spec: { ...dataset.spec, sensitivity: { tier: t } },
        },
      } as any);
    expect(
      tier.customSort!(row('public'), row('restricted'), 'row'),
    ).toBeLessThan(0);
  });

  const renderTable = (url?: string) => {
    const entity = {
      ...dataset,
      spec: { ...dataset.spec, license: { ...dataset.spec.license!, url } },
    };
    return renderInTestApp(
      <TestApiProvider
        apis={[[starredEntitiesApiRef, new MockStarredEntitiesApi()]]}
      >
        <MockEntityListContextProvider
          value={{
            entities: [entity],
            totalItems: 1,
            filters: { kind: { value: 'dataset' } as any },
          }}
        >
          <CatalogTable columns={datapactCatalogColumns} />
        </MockEntityListContextProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  };

  it("links a Dataset's licence in the catalog table", async () => {
    await renderTable('https://example.org/st-mary/research-terms');
    expect(
      screen.getByRole('link', { name: /LicenseRef-StMary-Research-Terms/ }),
    ).toHaveAttribute('href', 'https://example.org/st-mary/research-terms');
  });

  it.each(unsafeUrls)(
    'shows a licence URL that is %s as plain text in the catalog table',
    async (_, url) => {
      await renderTable(url);
      expect(
        screen.queryByRole('link', {
          name: /LicenseRef-StMary-Research-Terms/,
        }),
      ).not.toBeInTheDocument();
      expect(unsafeHrefs(document.body)).toEqual([]);
      expect(
        screen.getByText(/LicenseRef-StMary-Research-Terms/).textContent,
      ).toContain(url.trim());
      expect(
        screen.getByRole('link', { name: /Clinic visits 2024/ }),
      ).toBeInTheDocument();
    },
  );
});

import { Entity } from '@backstage/catalog-model';
import { catalogPlugin } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityKindPicker,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { catalogEntities, dataset } from '../../__testUtils__/entities';
import { DatasetCatalogPage } from './DatasetCatalogPage';

describe('DatasetCatalogPage', () => {
  const renderPage = (
    options: { exportEnabled?: boolean; entities?: Entity[] } = {},
  ) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: options.entities ?? catalogEntities,
            }),
          ],
          [starredEntitiesApiRef, new MockStarredEntitiesApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <DatasetCatalogPage
          filters={<EntityKindPicker initialFilter="dataset" />}
          exportSettings={options.exportEnabled ? { enabled: true } : undefined}
        />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/create': catalogPlugin.externalRoutes.createComponent,
        },
      },
    );

  it("keeps the catalog page's Create button", async () => {
    await renderPage();
    const create = await screen.findByRole('link', { name: /create/i });
    expect(create).toHaveAttribute('href', '/create');
  });

  it("keeps the catalog page's export button when export is enabled", async () => {
    await renderPage({ exportEnabled: true });
    expect(
      await screen.findByRole('button', { name: /export/i }),
    ).toBeInTheDocument();
  });

  it('shows the Dataset columns when Datasets are listed', async () => {
    await renderPage({ entities: [dataset] });
    expect(await screen.findByText('Clinic visits 2024')).toBeInTheDocument();
    expect(screen.getByText('Tier')).toBeInTheDocument();
    expect(screen.getByText('Stewards')).toBeInTheDocument();
  });
});

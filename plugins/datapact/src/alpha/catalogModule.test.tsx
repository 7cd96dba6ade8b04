import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { dataset } from '../__testUtils__/entities';
import { datapactCatalogModule } from './catalogModule';

// The whole app renders (lazy pages, the catalog's filters, the table):
// give it time on a busy machine.
jest.setTimeout(60_000);
const slow = { timeout: 20_000 };

describe('datapactCatalogModule', () => {
  const renderCatalogPage = (options: { exportEnabled?: boolean } = {}) =>
    renderTestApp({
      features: [catalogPlugin, datapactCatalogModule],
      initialRouteEntries: ['/catalog?filters[kind]=dataset'],
      mountedRoutes: {
        '/create': catalogPlugin.externalRoutes.createComponent,
      },
      config: {
        app: {
          extensions: [
            {
              'page:catalog': {
                config: {
                  exportSettings: { enabled: !!options.exportEnabled },
                },
              },
            },
          ],
        },
      },
      apis: [catalogApiMock({ entities: [dataset] }), mockApis.permission()],
    });

  it("shows the Dataset columns on the catalog's page, with its Create button", async () => {
    renderCatalogPage();
    const create = await screen.findByRole('link', { name: /create/i }, slow);
    expect(create).toHaveAttribute('href', '/create');
    expect(await screen.findByText('Tier', {}, slow)).toBeInTheDocument();
    expect(await screen.findByText('Stewards', {}, slow)).toBeInTheDocument();
  });

  it("keeps the catalog page's export button when page:catalog enables it", async () => {
    renderCatalogPage({ exportEnabled: true });
    expect(
      await screen.findByRole('button', { name: /export/i }, slow),
    ).toBeInTheDocument();
    expect(await screen.findByText('Tier', {}, slow)).toBeInTheDocument();
  });
});

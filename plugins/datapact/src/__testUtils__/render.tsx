import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactNode } from 'react';
import { DatapactApi, datapactApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { catalogEntities, fakeDatapactApi } from './entities';

/**
 * Renders a component in a test app with the catalog slice, a fake Datapact
 * API and a signed-in user; with `entity`, inside its entity page context.
 */
export async function renderWithApis(
  element: ReactNode,
  options: {
    entity?: Entity;
    api?: DatapactApi;
    user?: string;
    ownership?: string[];
    /** The catalog's entities; by default the slice of `entities.ts`. */
    catalog?: Entity[];
  } = {},
) {
  const api = options.api ?? fakeDatapactApi();
  const user = options.user ?? 'user:default/tomas.novak';
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [datapactApiRef, api],
        [
          catalogApiRef,
          catalogApiMock({ entities: options.catalog ?? catalogEntities }),
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: user,
            ownershipEntityRefs: [user, ...(options.ownership ?? [])],
          }),
        ],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/data-access': rootRouteRef,
      },
    },
  );
  return { rendered, api };
}

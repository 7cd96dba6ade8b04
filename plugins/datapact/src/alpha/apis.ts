import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { datapactApiRef, DatapactClient } from '../api';

/** The Datapact backend client. */
export const datapactApi = ApiBlueprint.make({
  params: define =>
    define({
      api: datapactApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DatapactClient({ discoveryApi, fetchApi }),
    }),
});

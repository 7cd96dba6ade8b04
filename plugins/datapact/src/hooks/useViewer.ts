import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** Who is looking: the signed-in user's ref and the refs they own through (their groups). */
export interface Viewer {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

export function useViewer(): {
  viewer?: Viewer;
  loading: boolean;
  error?: Error;
} {
  const identityApi = useApi(identityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return {
      userEntityRef: identity.userEntityRef.toLocaleLowerCase('en-US'),
      ownershipEntityRefs: identity.ownershipEntityRefs.map(r =>
        r.toLocaleLowerCase('en-US'),
      ),
    };
  }, [identityApi]);
  return { viewer: value, loading, error };
}

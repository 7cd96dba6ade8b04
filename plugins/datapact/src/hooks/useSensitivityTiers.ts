import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { DEFAULT_SENSITIVITY_TIERS } from '@datapact/backstage-plugin-common';

/** The sensitivity scale, lowest first: `datapact.sensitivityTiers` or the default. */
export function useSensitivityTiers(): readonly string[] {
  const config = useApi(configApiRef);
  return (
    config.getOptionalStringArray('datapact.sensitivityTiers') ??
    DEFAULT_SENSITIVITY_TIERS
  );
}

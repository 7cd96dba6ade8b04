import { EntityAutocompletePicker } from '@backstage/plugin-catalog-react';
import {
  DatapactEntityFilters,
  DatasetLicenseFilter,
  DatasetTierFilter,
  LICENSE_PATH,
  TIER_PATH,
} from '../../catalog/filters';

/**
 * Filters the catalog list by sensitivity tier. It offers the tiers the
 * listed kind has, so it shows only while Datasets are listed.
 * @public
 */
export function DatasetTierPicker() {
  return (
    <EntityAutocompletePicker<DatapactEntityFilters, 'tier'>
      label="Tier"
      name="tier"
      path={TIER_PATH}
      Filter={DatasetTierFilter}
      showCounts
    />
  );
}

/**
 * Filters the catalog list by licence (SPDX id); shows only while Datasets
 * are listed.
 * @public
 */
export function DatasetLicensePicker() {
  return (
    <EntityAutocompletePicker<DatapactEntityFilters, 'license'>
      label="Licence"
      name="license"
      path={LICENSE_PATH}
      Filter={DatasetLicenseFilter}
      showCounts
    />
  );
}

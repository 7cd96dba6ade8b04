import { Entity } from '@backstage/catalog-model';
import {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';
import { FilterPredicate } from '@backstage/filter-predicates';
import { isDatasetEntity } from '@datapact/backstage-plugin-common';

/** Where a Dataset keeps its tier and its licence id, for catalog queries. */
export const TIER_PATH = 'spec.sensitivity.tier';
export const LICENSE_PATH = 'spec.license.spdx';

/**
 * A catalog filter on one field of Datasets: the base of
 * {@link DatasetTierFilter} and {@link DatasetLicenseFilter}.
 * @public
 */
export abstract class DatasetFieldFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  protected abstract readonly path: string;
  protected abstract valueOf(entity: Entity): string | undefined;

  /** Any of the chosen values. */
  getCatalogQuery(): FilterPredicate | undefined {
    if (this.values.length === 0) return undefined;
    // A computed key loses the template-literal typing of predicate paths.
    return { [this.path]: { $in: this.values } } as FilterPredicate;
  }

  /** For catalog backends without predicate queries. */
  getCatalogFilters(): Record<string, string[]> {
    return { [this.path]: this.values };
  }

  filterEntity(entity: Entity): boolean {
    const value = this.valueOf(entity);
    return value !== undefined && this.values.includes(value);
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** Datasets of any of the chosen sensitivity tiers. @public */
export class DatasetTierFilter extends DatasetFieldFilter {
  protected readonly path = TIER_PATH;
  protected valueOf(entity: Entity) {
    return isDatasetEntity(entity) ? entity.spec.sensitivity.tier : undefined;
  }
}

/** Datasets under any of the chosen licences (SPDX ids). @public */
export class DatasetLicenseFilter extends DatasetFieldFilter {
  protected readonly path = LICENSE_PATH;
  protected valueOf(entity: Entity) {
    return isDatasetEntity(entity) ? entity.spec.license?.spdx : undefined;
  }
}

/** The catalog's filters with Datapact's. @public */
export type DatapactEntityFilters = DefaultEntityFilters & {
  tier?: DatasetTierFilter;
  license?: DatasetLicenseFilter;
};

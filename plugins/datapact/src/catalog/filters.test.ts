import { dataset } from '../__testUtils__/entities';
import { DatasetLicenseFilter, DatasetTierFilter } from './filters';

describe('Dataset catalog filters', () => {
  it('ask the catalog for datasets of any of the chosen tiers', () => {
    const filter = new DatasetTierFilter(['restricted', 'confidential']);
    expect(filter.getCatalogQuery()).toEqual({
      'spec.sensitivity.tier': { $in: ['restricted', 'confidential'] },
    });
    expect(filter.getCatalogFilters()).toEqual({
      'spec.sensitivity.tier': ['restricted', 'confidential'],
    });
    expect(filter.toQueryValue()).toEqual(['restricted', 'confidential']);
    expect(new DatasetTierFilter([]).getCatalogQuery()).toBeUndefined();
  });

  it('match datasets on the frontend too', () => {
    expect(new DatasetTierFilter(['restricted']).filterEntity(dataset)).toBe(
      true,
    );
    expect(new DatasetTierFilter(['public']).filterEntity(dataset)).toBe(false);
    expect(
      new DatasetLicenseFilter([
        'LicenseRef-StMary-Research-Terms',
      ]).filterEntity(dataset),
    ).toBe(true);
    expect(new DatasetLicenseFilter(['CC-BY-4.0']).getCatalogQuery()).toEqual({
      'spec.license.spdx': { $in: ['CC-BY-4.0'] },
    });
  });
});

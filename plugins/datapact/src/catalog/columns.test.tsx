import { EntityListContextProps } from '@backstage/plugin-catalog-react';
import { dataset } from '../__testUtils__/entities';
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
});

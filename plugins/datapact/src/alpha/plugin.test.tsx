import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import datapactPlugin, { datapactCatalogModule } from '../alpha';
import {
  agreementOverviewCard,
  datasetAccessCard,
  datasetOverviewCard,
  datasetSchemaCard,
  stewardDecisionsCard,
  stewardOverviewCard,
} from './entityCards';
import { datasetAccessHistoryContent } from './entityContents';

describe('the new frontend system wiring', () => {
  it('shows each card on the pages of its kind only', () => {
    const filterOf = (extension: Parameters<typeof createExtensionTester>[0]) =>
      createExtensionTester(extension).get(
        EntityCardBlueprint.dataRefs.filterExpression,
      );
    expect(filterOf(datasetOverviewCard)).toBe('kind:dataset');
    expect(filterOf(datasetAccessCard)).toBe('kind:dataset');
    expect(filterOf(datasetSchemaCard)).toBe('kind:dataset');
    expect(filterOf(agreementOverviewCard)).toBe('kind:agreement');
    expect(filterOf(stewardOverviewCard)).toBe('kind:steward');
    expect(filterOf(stewardDecisionsCard)).toBe('kind:steward');
  });

  it("adds an access history tab to datasets' pages", () => {
    const tester = createExtensionTester(datasetAccessHistoryContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Access history',
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      'kind:dataset',
    );
  });

  it('is a plugin with the page, the API, and a catalog module', () => {
    expect(datapactPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(datapactPlugin.pluginId).toBe('datapact');
    expect(datapactPlugin.getExtension('page:datapact')).toBeDefined();
    expect(datapactPlugin.getExtension('api:datapact')).toBeDefined();
    expect(
      datapactPlugin.getExtension('catalog-filter:datapact/tier'),
    ).toBeDefined();
    expect(datapactCatalogModule.$$type).toBe('@backstage/FrontendModule');
    expect(datapactCatalogModule.pluginId).toBe('catalog');
  });
});

import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import datapactPlugin from '../alpha';
import { datasetImpactCard, datasetLineageContent } from './lineage';

describe('the lineage wiring of the new frontend system', () => {
  it("adds a Lineage tab to datasets' pages", () => {
    const tester = createExtensionTester(datasetLineageContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Lineage');
    expect(tester.get(EntityContentBlueprint.dataRefs.filterExpression)).toBe(
      'kind:dataset',
    );
    expect(
      datapactPlugin.getExtension('entity-content:datapact/dataset-lineage'),
    ).toBeDefined();
  });

  it('offers the impact card for datasets, disabled unless enabled', () => {
    expect(
      createExtensionTester(datasetImpactCard).get(
        EntityCardBlueprint.dataRefs.filterExpression,
      ),
    ).toBe('kind:dataset');
    expect(
      datapactPlugin.getExtension('entity-card:datapact/dataset-impact'),
    ).toMatchObject({ disabled: true });
  });
});

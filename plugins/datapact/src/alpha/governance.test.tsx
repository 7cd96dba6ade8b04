import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import datapactPlugin from '../alpha';
import { agreement, anaRuiz, dataset } from '../__testUtils__/entities';
import { findingsCard, governancePage } from './governance';

describe('the governance wiring of the new frontend system', () => {
  it('shows the findings card on Dataset and Agreement pages only', () => {
    const shownOn = createExtensionTester(findingsCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(shownOn(dataset)).toBe(true);
    expect(shownOn(agreement)).toBe(true);
    expect(shownOn(anaRuiz)).toBe(false);
  });

  it('adds the Governance page at /governance, titled for its sidebar item', () => {
    const tester = createExtensionTester(governancePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/governance');
    expect(tester.get(coreExtensionData.title)).toBe('Governance');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(
      datapactPlugin.getExtension('page:datapact/governance'),
    ).toBeDefined();
    expect(
      datapactPlugin.getExtension('entity-card:datapact/findings'),
    ).toBeDefined();
  });
});

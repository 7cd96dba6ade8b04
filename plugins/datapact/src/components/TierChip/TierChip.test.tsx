import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TierChip, tierColour } from './TierChip';

describe('tierColour', () => {
  const tiers = ['public', 'internal', 'confidential', 'restricted'];

  it('runs from green at the bottom of the scale to red at the top', () => {
    expect(tiers.map(t => tierColour(t, tiers))).toEqual([
      '#2e7d32',
      '#1565c0',
      '#e65100',
      '#c62828',
    ]);
  });

  it('gives each tier of a scale of up to six its own colour', () => {
    for (const length of [2, 3, 4, 5, 6]) {
      const scale = Array.from({ length }, (_, i) => `tier-${i}`);
      const colours = scale.map(t => tierColour(t, scale));
      expect(new Set(colours).size).toBe(length);
    }
  });

  it('spreads a longer scale over the same colours, and greys an unknown tier', () => {
    const six = ['open', 'a', 'b', 'c', 'd', 'secret'];
    expect(tierColour('open', six)).toBe('#2e7d32');
    expect(tierColour('secret', six)).toBe('#c62828');
    expect(tierColour('unknown', six)).toBe('#616161');
  });
});

describe('TierChip', () => {
  it('colours the tier by its place on the configured scale', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            configApiRef,
            mockApis.config({
              data: { datapact: { sensitivityTiers: ['open', 'closed'] } },
            }),
          ],
        ]}
      >
        <TierChip tier="closed" />
      </TestApiProvider>,
    );
    expect(screen.getByTestId('tier-chip')).toHaveTextContent('closed');
    expect(screen.getByTestId('tier-chip')).toHaveStyle({
      backgroundColor: '#c62828',
    });
  });
});

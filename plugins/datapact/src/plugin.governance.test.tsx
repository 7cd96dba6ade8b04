import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { dataset, fakeDatapactApi } from './__testUtils__/entities';
import { renderWithApis } from './__testUtils__/render';
import { EntityFindingsCard, GovernancePage } from './plugin';

describe('the legacy wiring of governance', () => {
  it('lazy-loads the findings card for EntitySwitch pages', async () => {
    const api = fakeDatapactApi({
      getFindings: jest.fn().mockResolvedValue({
        entities: 1,
        problems: [],
        computedAt: new Date().toISOString(),
        today: '2026-11-29',
      }),
    });
    await renderWithApis(<EntityFindingsCard />, { entity: dataset, api });
    expect(await screen.findByText('No findings')).toBeInTheDocument();
  });

  it('provides the dashboard as a routable page with its own header', async () => {
    const api = fakeDatapactApi({
      getFindings: jest.fn().mockReturnValue(new Promise(() => {})),
      getFindingsSummary: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await renderWithApis(
      <Routes>
        <Route path="/" element={<GovernancePage />} />
      </Routes>,
      { api },
    );
    expect(
      await screen.findByRole('heading', { name: 'Governance' }),
    ).toBeInTheDocument();
  });
});

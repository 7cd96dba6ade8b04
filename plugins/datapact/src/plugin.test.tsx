import { screen } from '@testing-library/react';
import { agreement, dataset } from './__testUtils__/entities';
import { renderWithApis } from './__testUtils__/render';
import {
  datapactPlugin,
  EntityAgreementOverviewCard,
  EntityDatasetOverviewCard,
} from './plugin';

describe('the legacy wiring', () => {
  it('is a plugin with the Datapact API', () => {
    expect(datapactPlugin.getId()).toBe('datapact');
    expect([...datapactPlugin.getApis()].map(f => f.api.id)).toEqual([
      'plugin.datapact.service',
    ]);
  });

  it('lazy-loads the same cards for EntitySwitch pages', async () => {
    await renderWithApis(<EntityDatasetOverviewCard />, { entity: dataset });
    expect(await screen.findByText('Data governance')).toBeInTheDocument();
  });

  it('renders a card only on the kind it is for', async () => {
    const { rendered } = await renderWithApis(<EntityDatasetOverviewCard />, {
      entity: agreement,
    });
    expect(rendered.queryByText('Data governance')).not.toBeInTheDocument();
    await renderWithApis(<EntityAgreementOverviewCard />, {
      entity: agreement,
    });
    expect(await screen.findByText('Parties')).toBeInTheDocument();
  });
});

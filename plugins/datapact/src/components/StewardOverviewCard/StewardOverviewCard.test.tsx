import { screen, within } from '@testing-library/react';
import { anaRuiz } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityStewardOverviewCard } from './StewardOverviewCard';

const field = (label: string) => screen.getByText(label).parentElement!;

describe('StewardOverviewCard', () => {
  it('shows the holder, organization, delegates, domains and datasets stewarded', async () => {
    await renderWithApis(<EntityStewardOverviewCard />, { entity: anaRuiz });
    expect(within(field('Held by')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/ana.ruiz',
    );
    expect(within(field('Organization')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/st-mary-hospital',
    );
    const delegates = field('Delegates');
    expect(within(delegates).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/steward/ben-okafor',
    );
    expect(delegates).toHaveTextContent('may decide while the holder is away');
    expect(
      within(field('Datasets stewarded')).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/dataset/clinic-visits-2024');
    expect(within(field('Domains')).getByText('health')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /ana-ruiz@example.org/ }),
    ).toBeInTheDocument();
  });
});

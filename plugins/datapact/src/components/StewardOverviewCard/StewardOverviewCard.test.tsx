import { screen, within } from '@testing-library/react';
import { anaRuiz } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { unsafeHrefs, unsafeUrls } from '../../__testUtils__/urls';
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

  it('links the contact address with mailto', async () => {
    await renderWithApis(<EntityStewardOverviewCard />, { entity: anaRuiz });
    expect(
      within(field('Contact')).getByRole('link', {
        name: /ana-ruiz@example.org/,
      }),
    ).toHaveAttribute('href', 'mailto:ana-ruiz@example.org');
  });

  it.each([
    ...unsafeUrls,
    ['an address with a control character', 'ana\u0000@example.org'],
    ['an address with a line break', 'ana@example.org\nBcc: all@example.org'],
  ])(
    'shows a contact address that is %s as plain text, not as a link',
    async (_, email) => {
      await renderWithApis(<EntityStewardOverviewCard />, {
        entity: { ...anaRuiz, spec: { ...anaRuiz.spec, contact: { email } } },
      });
      const contact = field('Contact');
      expect(within(contact).queryByRole('link')).not.toBeInTheDocument();
      expect(unsafeHrefs(document.body)).toEqual([]);
      expect(contact.textContent).toContain(email.trim());
    },
  );
});

/* eslint-disable no-script-url -- script URLs are the hostile input under test */
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { unsafeHrefs, unsafeUrls } from '../../__testUtils__/urls';
import { mailtoUrl } from '../../lib/safeUrl';
import { SafeLink } from './SafeLink';

describe('SafeLink', () => {
  it('links an https URL under its label', async () => {
    await renderInTestApp(
      <SafeLink url=" https://example.org/terms ">Terms</SafeLink>,
    );
    expect(screen.getByRole('link', { name: /Terms/ })).toHaveAttribute(
      'href',
      'https://example.org/terms',
    );
  });

  it('links a contact address with mailto, under the address', async () => {
    await renderInTestApp(
      <SafeLink url="ana@example.org" toHref={mailtoUrl} />,
    );
    expect(
      screen.getByRole('link', { name: /ana@example.org/ }),
    ).toHaveAttribute('href', 'mailto:ana@example.org');
  });

  it.each(unsafeUrls)(
    'shows a URL that is %s as text beside its label',
    async (_, url) => {
      const { container } = await renderInTestApp(
        <SafeLink url={url}>Terms</SafeLink>,
      );
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
      expect(unsafeHrefs(container)).toEqual([]);
      expect(container.textContent).toContain(
        `Terms (not linked: ${url.trim()})`,
      );
    },
  );

  it('shows an unsafe URL without a label as the URL itself', async () => {
    const { container } = await renderInTestApp(
      <SafeLink url="javascript:alert(1)" />,
    );
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(container.textContent).toContain('javascript:alert(1) (not linked)');
  });
});

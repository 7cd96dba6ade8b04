import { test, expect, Page } from '@playwright/test';
import { backendUrl, signInAs, tokenOf } from './personas';

/*
 * The story of issue 5 in Chromium: a university epidemiologist finds a
 * restricted hospital dataset by filtering the catalog by tier, understands
 * it from its page and requests access under the hospital-university
 * agreement, accepting the licence's and the agreement's terms the dialog
 * lists; the dataset's two stewards see the terms accepted and approve it in
 * their inbox; the requester then holds an active grant with its expiry. The
 * requester has no approve action, and the API refuses one.
 *
 * Screenshots of every step land in e2e-test-results/; with
 * UPDATE_DOCS_SCREENSHOTS=1 the dataset page and the inbox also refresh the
 * README's images in docs/images/.
 */

const DATASET = '/catalog/default/dataset/clinic-visits-2024';
const REQUESTER = { name: 'Tomáš Novák', user: 'tomas.novak' };
const STEWARDS = ['Ana Ruiz', 'Ben Okafor'];
const justification =
  'Winter-pressure study: respiratory admissions by home area, 2024';
/** Two of the terms the server words for the dataset under the agreement. */
const LICENCE_DUTY = 'You must credit the provider.';
const AGREEMENT_TERM =
  'Report a breach involving the data to the provider within 72 hours.';

const docsImages = process.env.UPDATE_DOCS_SCREENSHOTS
  ? `${__dirname}/../../../docs/images`
  : undefined;

async function shot(page: Page, name: string, docsName?: string) {
  await page.screenshot({
    path: `e2e-test-results/${name}.png`,
    fullPage: true,
  });
  if (docsImages && docsName) {
    await page.screenshot({ path: `${docsImages}/${docsName}.png` });
  }
}

/**
 * The inbox row of this run's request: lists are newest first, so earlier
 * runs against the same backend leave their rows below it.
 */
const requestRow = (page: Page) =>
  page.getByRole('row').filter({ hasText: justification }).first();

test.describe.serial('requesting restricted data and approving it', () => {
  // Each step signs a persona in from scratch.
  test.describe.configure({ timeout: 120_000 });
  test('the requester finds the dataset by tier and requests access', async ({
    browser,
  }) => {
    const page = await signInAs(browser, REQUESTER.name);
    await expect(page.getByText('All Datasets (30)')).toBeVisible();

    // Filter the catalog by tier: restricted datasets only.
    await page.getByLabel('Tier').click();
    await page.getByRole('option', { name: /restricted/ }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByText(/All Datasets \(8\)/)).toBeVisible();
    await shot(page, '01-catalog-filtered-by-tier');

    // The dataset page says what it is and who decides.
    await page.getByRole('link', { name: 'Clinic visits 2024' }).click();
    await expect(page).toHaveURL(new RegExp(`${DATASET}$`));
    await expect(page.getByText('Data governance')).toBeVisible();
    await expect(page.getByTestId('tier-chip').first()).toHaveText(
      'restricted',
    );
    await expect(
      page.getByText('LicenseRef-StMary-Research-Terms'),
    ).toBeVisible();
    await expect(
      page.getByText('Hospital–University data-sharing agreement').first(),
    ).toBeVisible();
    await expect(page.getByTestId('approvers')).toContainText(
      '2 approvals needed',
    );
    await shot(page, '02-dataset-page', 'dataset-page');

    // Request access: purpose, justification, duration, the agreement.
    await page.getByRole('button', { name: 'Request access' }).click();
    const dialog = page.getByRole('dialog');
    // The data is another organization's: the covering agreement is chosen.
    await expect(
      dialog.getByText('Hospital–University data-sharing agreement'),
    ).toBeVisible();
    await dialog.getByLabel('Justification').fill(justification);
    await dialog.getByLabel('Duration (days)').fill('60');
    // The terms that bind the requester, grouped by licence and agreement;
    // nothing is sent until they are accepted.
    const terms = dialog.getByTestId('access-terms');
    await expect(terms.getByTestId('access-terms-license')).toContainText(
      LICENCE_DUTY,
    );
    await expect(terms.getByTestId('access-terms-agreement')).toContainText(
      AGREEMENT_TERM,
    );
    const submit = dialog.getByRole('button', { name: 'Submit request' });
    const accept = dialog.getByRole('checkbox', {
      name: 'I accept these terms',
    });
    await expect(accept).not.toBeChecked();
    await expect(submit).toBeDisabled();
    await accept.check();
    await expect(submit).toBeEnabled();
    await accept.uncheck();
    await expect(submit).toBeDisabled();
    await accept.check();
    await shot(page, '03-request-dialog');
    await submit.click();
    await expect(
      page.getByText('Request sent: it needs 2 approvals'),
    ).toBeVisible();
    await expect(page.getByTestId('my-requests')).toContainText('pending');
    await shot(page, '04-request-sent');
    await page.context().close();
  });

  test('the requester has no approve action, and the API refuses one', async ({
    browser,
    request,
  }) => {
    const page = await signInAs(browser, REQUESTER.name, '/data-access');
    await page.getByRole('tab', { name: /My requests/ }).click();
    const row = requestRow(page);
    await expect(row).toContainText('Your own request');
    await expect(row.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await shot(page, '05-requester-inbox');
    await page.context().close();

    const token = await tokenOf(request, REQUESTER.user);
    const headers = { Authorization: `Bearer ${token}` };
    const mine = await request.get(
      `${backendUrl}/api/datapact/access-requests?mine=true&state=pending`,
      { headers },
    );
    const pending = (await mine.json()).items.find(
      (r: { justification: string }) => r.justification === justification,
    );
    const refused = await request.post(
      `${backendUrl}/api/datapact/access-requests/${pending.id}/decisions`,
      { headers, data: { decision: 'approve', comment: 'my own' } },
    );
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toBeTruthy();
  });

  test("the steward's inbox shows the terms the requester accepted", async ({
    browser,
  }) => {
    const page = await signInAs(browser, STEWARDS[0], '/data-access');
    const row = requestRow(page);
    await expect(row).toContainText(REQUESTER.name);
    const disclosure = row.getByRole('button', {
      name: /Accepted terms \(\d+\)/,
    });
    await disclosure.click();
    await expect(disclosure).toHaveAttribute('aria-expanded', 'true');
    const terms = row.getByTestId('access-terms');
    await expect(terms).toContainText(LICENCE_DUTY);
    await expect(terms).toContainText(AGREEMENT_TERM);
    await shot(page, '05b-inbox-accepted-terms');

    // The decision dialog lists them too.
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('accepted-terms')).toContainText(
      LICENCE_DUTY,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.context().close();
  });

  for (const [index, steward] of STEWARDS.entries()) {
    test(`steward ${steward} approves`, async ({ browser }) => {
      const page = await signInAs(browser, steward, '/data-access');
      const row = requestRow(page);
      await expect(row).toContainText(REQUESTER.name);
      await expect(row).toContainText(`${index} of 2`);
      await shot(
        page,
        `0${6 + index * 2}-inbox-${steward.split(' ')[0]}`,
        index === 0 ? 'inbox' : undefined,
      );
      await row.getByRole('button', { name: 'Approve' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel('Comment')
        .fill(`Approved by ${steward}: covered by the agreement`);
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expect(
        page.getByText(
          index === 0
            ? 'Recorded: 1 of 2 approvals so far.'
            : /Approved: access granted until/,
        ),
      ).toBeVisible();
      if (index === 0) {
        // The first approver cannot approve twice: the request waits for
        // the second, and the inbox says so.
        await page.getByRole('tab', { name: /Decided/ }).click();
        await expect(requestRow(page)).toContainText(
          'You approved it; it needs 1 more approval from another approver.',
        );
      }
      await shot(
        page,
        `0${7 + index * 2}-approved-by-${steward.split(' ')[0]}`,
      );
      await page.context().close();
    });
  }

  test('the requester sees the active grant with its expiry', async ({
    browser,
  }) => {
    const page = await signInAs(browser, REQUESTER.name, DATASET);
    await expect(page.getByTestId('active-grant')).toContainText(
      'You have access for research until',
    );
    await expect(page.getByTestId('my-grants')).toContainText('active');
    await shot(page, '10-grant-on-dataset-page');

    await page.goto('/data-access');
    await page.getByRole('tab', { name: /My grants/ }).click();
    await expect(
      page.getByRole('row').filter({ hasText: 'Clinic visits 2024' }).first(),
    ).toContainText('active');
    await shot(page, '11-my-grants');
    await page.context().close();
  });
});

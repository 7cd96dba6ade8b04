import { test, expect } from '@playwright/test';
import { signInAs } from './personas';

test('the catalog offers the Datapact kinds and lists the example world', async ({
  browser,
}) => {
  const page = await signInAs(browser, 'Tomáš Novák');

  // The demo lands on all Datasets.
  await expect(page.getByText('All Datasets (30)')).toBeVisible();
  await page.screenshot({ path: 'e2e-test-results/catalog-datasets.png' });

  // The Kind picker offers the three kinds.
  await page
    .getByRole('button', { name: /Dataset/ })
    .first()
    .click();
  for (const kind of ['Dataset', 'Agreement', 'Steward']) {
    await expect(
      page.getByRole('option', { name: kind, exact: true }),
    ).toBeVisible();
  }
  await page.getByRole('option', { name: 'Agreement', exact: true }).click();
  await expect(page.getByText('All Agreements (5)')).toBeVisible();

  // A dataset page shows its owner and its lineage relations.
  await page.goto('/catalog/default/dataset/clinic-visits-2024');
  await expect(
    page.getByRole('heading', { name: 'Clinic visits 2024' }),
  ).toBeVisible();
  await expect(page.getByText('sourceOf').first()).toBeVisible();
  await expect(page.getByText('Outpatient records (raw)')).toBeVisible();
  await page.screenshot({ path: 'e2e-test-results/dataset-page.png' });
});

test('without a persona, the guest can still enter', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter as a guest instead' }).click();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('All Datasets (30)')).toBeVisible();
});

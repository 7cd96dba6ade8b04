import { APIRequestContext, test, expect, Page } from '@playwright/test';
import { backendUrl, signInAs, tokenOf } from './personas';

/*
 * Issue 11 in Chromium: the portal says why, before anything is sent, and
 * what it says is the server's answer.
 * - A St Mary user asks for 365 days of the cooperative's travel times under
 *   the patient-travel agreement, which ends on 2026-12-15: the dialog says
 *   access would end then, because of the agreement, and the grant that the
 *   cooperative's steward approves ends no later.
 * - A dataset with an open community-veto finding cannot be requested, and
 *   its Access card says why.
 * - A university request for indicators derived from the community's
 *   survey (its community requires consent) needs the data council's
 *   approval besides the dataset's steward's; both approve in their inbox.
 *
 * Every run starts from what earlier runs against the same backend left:
 * the personas' pending requests on these datasets are cancelled first, and
 * rows are found by a justification unique to the run.
 */

const AGREEMENT_END = '2026-12-15T23:59:59.999Z';
const TRAVEL = {
  path: '/catalog/default/dataset/riverside-od-travel-times',
  ref: 'dataset:default/riverside-od-travel-times',
  requester: { name: 'Rahul Mehta', user: 'rahul.mehta' },
  approver: 'lucia.ferreira',
};
const BLOCKED = '/catalog/default/dataset/ngati-example-household-energy-leads';
const WELLBEING = {
  path: '/catalog/default/dataset/uni-whanau-wellbeing-indicators',
  ref: 'dataset:default/uni-whanau-wellbeing-indicators',
  requester: { name: 'Tomáš Novák', user: 'tomas.novak' },
  approvers: ['Amara Nwosu', 'Aroha Ngata'],
};
const run = Date.now().toString(36);

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: `e2e-test-results/${name}.png`,
    fullPage: true,
  });
}

async function headersOf(request: APIRequestContext, user: string) {
  return { Authorization: `Bearer ${await tokenOf(request, user)}` };
}

/** Cancels the user's pending requests for a dataset, left by earlier runs. */
async function cancelPending(
  request: APIRequestContext,
  user: string,
  dataset: string,
) {
  const headers = await headersOf(request, user);
  const mine = await request.get(
    `${backendUrl}/api/datapact/access-requests?mine=true&state=pending&dataset=${encodeURIComponent(
      dataset,
    )}`,
    { headers },
  );
  expect(mine.ok()).toBeTruthy();
  for (const pending of (await mine.json()).items) {
    await request.post(
      `${backendUrl}/api/datapact/access-requests/${pending.id}/cancel`,
      { headers, data: { reason: 'left by an earlier end-to-end run' } },
    );
  }
}

/** The inbox row of this run's request (lists are newest first). */
const requestRow = (page: Page, justification: string) =>
  page.getByRole('row').filter({ hasText: justification }).first();

test.describe.serial('a grant never outlives its agreement', () => {
  test.describe.configure({ timeout: 120_000 });
  const justification = `Outpatient clinic planning by travel time (${run})`;

  test('the dialog says access would end with the agreement, before sending', async ({
    browser,
    request,
  }) => {
    await cancelPending(request, TRAVEL.requester.user, TRAVEL.ref);
    const page = await signInAs(browser, TRAVEL.requester.name, TRAVEL.path);
    await page.getByRole('button', { name: 'Request access' }).click();
    const dialog = page.getByRole('dialog');
    // The first purpose, and the only agreement that covers the data for
    // St Mary, are chosen.
    await expect(dialog).toContainText('service planning');
    await expect(dialog).toContainText(
      'Cooperative–Hospital patient travel data-use agreement',
    );
    await dialog.getByLabel('Justification').fill(justification);
    await dialog.getByLabel('Duration (days)').fill('365');
    await expect(dialog.getByTestId('expiry')).toContainText(
      'Access would end on 15 Dec 2026 — the end of agreement Cooperative–Hospital patient travel data-use agreement',
    );
    await shot(page, 'issue11-01-request-capped-by-agreement');
    await dialog
      .getByRole('checkbox', { name: 'I accept these terms' })
      .check();
    await dialog.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByText(/Request sent: it needs/)).toBeVisible();
    await page.context().close();
  });

  test("the cooperative's steward approves, and the grant ends with the agreement", async ({
    browser,
    request,
  }) => {
    const page = await signInAs(browser, 'Lucía Ferreira', '/data-access');
    const row = requestRow(page, justification);
    await expect(row).toContainText('Rahul Mehta');
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('expiry')).toContainText('15 Dec 2026');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(
      page.getByText(/Approved: access granted until/),
    ).toBeVisible();
    await shot(page, 'issue11-02-approved-capped');
    await page.context().close();

    const headers = await headersOf(request, TRAVEL.requester.user);
    const mine = await request.get(
      `${backendUrl}/api/datapact/access-requests?mine=true&dataset=${encodeURIComponent(
        TRAVEL.ref,
      )}`,
      { headers },
    );
    const approved = (await mine.json()).items.find(
      (r: { justification: string }) => r.justification === justification,
    );
    expect(approved.state).toBe('approved');
    expect(approved.grant.expiresBecause).toBe('agreement');
    expect(Date.parse(approved.grant.expiresAt)).toBeLessThanOrEqual(
      Date.parse(AGREEMENT_END),
    );
  });
});

test('a dataset with a community-veto finding says why it cannot be requested', async ({
  browser,
}) => {
  const page = await signInAs(browser, 'Hemi Walker', BLOCKED);
  const refusals = page.getByTestId('refusals');
  await expect(refusals).toContainText('You cannot request this dataset now');
  await expect(refusals).toContainText('(community-veto)');
  await expect(
    page.getByRole('button', { name: 'Request access' }),
  ).toHaveCount(0);
  await shot(page, 'issue11-03-blocked-by-veto');
  await page.context().close();
});

test.describe.serial('community data needs the council’s consent', () => {
  test.describe.configure({ timeout: 120_000 });
  const justification = `Energy hardship and health care access by area (${run})`;

  test('the request names the council as a required approver', async ({
    browser,
    request,
  }) => {
    await cancelPending(request, WELLBEING.requester.user, WELLBEING.ref);
    const page = await signInAs(
      browser,
      WELLBEING.requester.name,
      WELLBEING.path,
    );
    await page.getByRole('button', { name: 'Request access' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('required-stewardships')).toContainText(
      'Ngāti Example Data Council must also approve',
    );
    await dialog.getByLabel('Justification').fill(justification);
    await dialog.getByLabel('Duration (days)').fill('30');
    await shot(page, 'issue11-04-council-required');
    await dialog
      .getByRole('checkbox', { name: 'I accept these terms' })
      .check();
    await dialog.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByText(/Request sent: it needs/)).toContainText(
      'Ngāti Example Data Council must also approve',
    );
    await page.context().close();
  });

  test('the steward approves, and the inbox says the council must still approve', async ({
    browser,
  }) => {
    const page = await signInAs(
      browser,
      WELLBEING.approvers[0],
      '/data-access',
    );
    const row = requestRow(page, justification);
    await expect(row).toContainText('Tomáš Novák');
    await expect(row.getByTestId('approval-progress')).toContainText(
      'Must also approve: Ngāti Example Data Council',
    );
    await row.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect(
      page.getByText(/Recorded: .*1 required stewardship must also approve/),
    ).toBeVisible();
    await shot(page, 'issue11-05-steward-approved');
    await page.context().close();
  });

  test('a council member approves for the council, and the request is approved', async ({
    browser,
    request,
  }) => {
    const page = await signInAs(
      browser,
      WELLBEING.approvers[1],
      '/data-access',
    );
    const row = requestRow(page, justification);
    await expect(row.getByTestId('approval-progress')).toContainText(
      'Must also approve: Ngāti Example Data Council',
    );
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('counts-for')).toContainText(
      'Ngāti Example Data Council',
    );
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(
      page.getByText(/Approved: access granted until/),
    ).toBeVisible();
    await shot(page, 'issue11-06-council-approved');
    await page.context().close();

    const headers = await headersOf(request, WELLBEING.requester.user);
    const mine = await request.get(
      `${backendUrl}/api/datapact/access-requests?mine=true&dataset=${encodeURIComponent(
        WELLBEING.ref,
      )}`,
      { headers },
    );
    const approved = (await mine.json()).items.find(
      (r: { justification: string }) => r.justification === justification,
    );
    expect(approved.state).toBe('approved');
    expect(approved.requiredStewardships).toEqual([
      'steward:default/community-council',
    ]);
  });
});

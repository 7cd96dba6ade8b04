import { test, expect, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { backendUrl, signInAs, tokenOf } from './personas';

/*
 * Issue 7 in Chromium: the findings the portal serves are those
 * `datapact check` prints for catalog-info/ on the same day. A hospital
 * steward opens the Governance dashboard from the sidebar, sees the findings
 * of the example world by rule and by organization, the agreements about to
 * end and the grants on the restricted data she approves, narrows the list to
 * one rule, and follows a finding to its dataset, whose page explains it.
 *
 * Screenshots land in e2e-test-results/; with UPDATE_DOCS_SCREENSHOTS=1 the
 * dashboard and the card also refresh the README's images in docs/images/.
 */

const root = resolve(__dirname, '../../..');
const STEWARD = { name: 'Ana Ruiz', user: 'ana.ruiz' };
/** Clinic visits 2024 is restricted: two approvals, by its stewards Ana and Ben. */
const GRANT = {
  requester: 'priya.raman',
  approvers: ['ana.ruiz', 'ben.okafor'],
  request: {
    dataset: 'dataset:default/clinic-visits-2024',
    purpose: 'research',
    justification: 'Governance dashboard check: open grants on restricted data',
    duration: 'P30D',
    agreement: 'agreement:default/hospital-uni-dsa',
  },
};
const DATASET = '/catalog/default/dataset/uni-mobility-health-panel';

const docsImages = process.env.UPDATE_DOCS_SCREENSHOTS
  ? `${root}/docs/images`
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

/** The table whose toolbar heading is `title`. */
const tableTitled = (page: Page, title: string | RegExp) =>
  page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title }) })
    .filter({ has: page.getByRole('table') })
    .last();

test.describe.serial('governance in the portal', () => {
  test.describe.configure({ timeout: 240_000 });

  test('the portal serves the findings that `datapact check` prints', async ({
    request,
  }) => {
    const shape = (p: { rule: string; severity: string; entities: string[] }) =>
      `${p.severity} ${p.rule} ${p.entities.join(' ')}`;
    const check = (today: string) => {
      const cli = spawnSync(
        process.execPath,
        [
          `${root}/packages/cli/bin/datapact`,
          'check',
          '--format',
          'json',
          '--today',
          today,
          `${root}/catalog-info`,
        ],
        { encoding: 'utf8', cwd: root },
      );
      return JSON.parse(cli.stdout).problems.map(shape).sort();
    };
    // Right after start-up the catalog may still be loading the example
    // world, and the first evaluation with it; the scheduled task evaluates
    // again every minute.
    let compared: { portal: string[]; cli: string[] } | undefined;
    await expect
      .poll(
        async () => {
          const token = await tokenOf(request, STEWARD.user).catch(() => '');
          if (!token) return 'no sign-in yet';
          const response = await request.get(
            `${backendUrl}/api/datapact/findings`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          if (!response.ok()) return `HTTP ${response.status()}`;
          const report = await response.json();
          compared = {
            portal: report.problems.map(shape).sort(),
            cli: check(report.today),
          };
          return (
            JSON.stringify(compared.portal) === JSON.stringify(compared.cli)
          );
        },
        { timeout: 150_000, intervals: [5_000] },
      )
      .toBe(true);
    expect(compared!.portal).toEqual(compared!.cli);
    expect(compared!.portal.length).toBeGreaterThan(0);
  });

  test('a university researcher holds a grant on restricted hospital data', async ({
    request,
  }) => {
    const as = async (user: string) => ({
      Authorization: `Bearer ${await tokenOf(request, user)}`,
    });
    const api = `${backendUrl}/api/datapact`;
    // A request carries the digest of the terms its requester accepts.
    const terms = await request.get(
      `${api}/access-requests/terms?dataset=${encodeURIComponent(
        GRANT.request.dataset,
      )}&agreement=${encodeURIComponent(GRANT.request.agreement)}`,
      { headers: await as(GRANT.requester) },
    );
    expect(terms.ok()).toBeTruthy();
    const created = await request.post(`${api}/access-requests`, {
      headers: await as(GRANT.requester),
      data: { ...GRANT.request, acceptedTerms: (await terms.json()).sha256 },
    });
    let id: string;
    if (created.status() === 409) {
      // An earlier run against the same backend stopped half-way.
      const mine = await request.get(
        `${api}/access-requests?mine=true&state=pending&dataset=${encodeURIComponent(
          GRANT.request.dataset,
        )}`,
        { headers: await as(GRANT.requester) },
      );
      id = (await mine.json()).items[0].id;
    } else {
      expect(created.status()).toBe(201);
      id = (await created.json()).id;
    }
    for (const approver of GRANT.approvers) {
      const decided = await request.post(
        `${api}/access-requests/${id}/decisions`,
        {
          headers: await as(approver),
          data: { decision: 'approve', comment: 'Covered by the DSA' },
        },
      );
      expect([201, 409]).toContain(decided.status());
    }
    const approved = await request.get(`${api}/access-requests/${id}`, {
      headers: await as(GRANT.requester),
    });
    expect((await approved.json()).state).toBe('approved');
  });

  test('a steward opens the dashboard and follows a finding to its dataset', async ({
    browser,
  }) => {
    const page = await signInAs(browser, STEWARD.name);
    await expect(page.getByText('All Datasets (30)')).toBeVisible();

    // The dashboard is in the sidebar.
    await page.getByRole('link', { name: 'Governance' }).click();
    await expect(page).toHaveURL(/\/governance$/);
    await expect(page.getByTestId('findings-summary')).toContainText(
      /\d+ findings \(\d+ errors, \d+ warnings\)/,
    );

    // Findings by rule and by organization, with counts.
    const byRule = tableTitled(page, 'Findings by rule');
    await expect(byRule.getByRole('row', { name: /Retention/ })).toBeVisible();
    // The agreement-term rules, each with its deliberate breach.
    for (const rule of [
      'De-identification required',
      'Onward transfer',
      'Jurisdiction',
      'Derived works',
    ]) {
      await expect(byRule.getByRole('row', { name: rule })).toBeVisible();
    }
    const byOrganization = tableTitled(page, 'Findings by organization');
    await expect(
      byOrganization.getByRole('link', { name: 'Northbridge University' }),
    ).toBeVisible();

    // The cooperative–hospital agreement ends within 30 days (2026-12-15).
    const ending = tableTitled(page, /^Agreements ending within/);
    await expect(
      ending.getByRole('link', {
        name: 'Cooperative–Hospital patient travel data-use agreement',
      }),
    ).toBeVisible();

    // Every section is there.
    await expect(
      page.getByRole('heading', { name: /^Datasets without stewards/ }),
    ).toBeVisible();
    const grants = tableTitled(page, /^Sensitive datasets with open grants/);
    const clinicVisits = grants
      .getByRole('row')
      .filter({ hasText: 'Clinic visits 2024' });
    await expect(clinicVisits).toContainText('restricted');
    await expect(
      clinicVisits.getByRole('link', { name: 'Priya Raman' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: /^All findings \(\d+\)$/ }),
    ).toBeVisible();
    await shot(page, 'governance-01-dashboard', 'governance-dashboard');

    // Narrow the list to the retention rule.
    await page.getByLabel('Rule').selectOption('retention');
    await expect(page).toHaveURL(/rule=retention/);
    const list = tableTitled(page, /^Findings \(1 of \d+\)$/);
    await expect(list).toContainText(
      'keeps data for P10Y, but coop-uni-dua, which covers riverside-trips-by-area-daily, allows P2Y',
    );
    await shot(page, 'governance-02-retention-findings');

    // Follow it to the dataset: its page explains the finding.
    await list
      .getByRole('link', {
        name: 'Neighbourhood mobility panel (10-year cohort)',
      })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`${DATASET}$`));
    const finding = page.getByTestId('finding');
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText('error');
    await expect(finding).toContainText('Retention');
    await expect(finding).toContainText(
      'shorten retention.period to P2Y or less.',
    );
    await expect(finding).toContainText('Why it matters:');
    await expect(
      finding.getByRole('link', {
        name: 'Cooperative–University data-use agreement',
      }),
    ).toBeVisible();
    await finding.scrollIntoViewIfNeeded();
    await shot(page, 'governance-03-dataset-finding');
    if (docsImages) {
      // The card alone, from its title to its caption, for the README.
      await page.evaluate(() => window.scrollTo(0, 0));
      const title = await page
        .getByText('Governance findings', { exact: true })
        .boundingBox();
      const caption = await page.getByText(/^Rules checked over/).boundingBox();
      const card = await finding.boundingBox();
      await page.screenshot({
        path: `${docsImages}/findings-card.png`,
        fullPage: true,
        clip: {
          x: card!.x - 24,
          y: title!.y - 24,
          width: card!.width + 48,
          height: caption!.y + caption!.height + 24 - (title!.y - 24),
        },
      });
    }
    await page.context().close();
  });
  test('the card on an agreement page, and on a dataset with nothing to change', async ({
    browser,
  }) => {
    const page = await signInAs(
      browser,
      STEWARD.name,
      '/catalog/default/agreement/coop-uni-dua',
    );
    // The retention finding about a university dataset, and the onward
    // transfer of the cooperative's trip counts to the hospital, both name
    // the agreement.
    const findings = page.getByTestId('finding');
    await expect(findings).toHaveCount(2);
    await expect(findings.filter({ hasText: 'Onward transfer' })).toHaveCount(
      1,
    );
    const finding = findings.filter({ hasText: 'Retention' });
    await expect(finding).toHaveCount(1);
    await expect(
      finding.getByRole('link', {
        name: 'Neighbourhood mobility panel (10-year cohort)',
      }),
    ).toBeVisible();
    await finding.scrollIntoViewIfNeeded();
    await shot(page, 'governance-04-agreement-finding');

    await page.goto('/catalog/default/dataset/clinic-visits-2024');
    await expect(page.getByText('No findings')).toBeVisible();
    await shot(page, 'governance-05-dataset-without-findings');
    await page.context().close();
  });
});

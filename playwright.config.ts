import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests drive Debian's Chromium (`/usr/bin/chromium`, or
 * PLAYWRIGHT_CHROMIUM_PATH) against the demo portal; never a downloaded browser.
 * The portal and the demo warehouse are started here unless they already run
 * on :3000, :7007 and :5433; the portal as ./scripts/demo.sh starts it, with
 * app-config.demo.yaml (the demo personas) over app-config.yaml.
 */
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 30_000 },

  webServer: [
    {
      // The demo warehouse (packages/demo-warehouse), where approved grants
      // become real SELECT privileges, as ./scripts/demo.sh starts it.
      command: 'yarn demo:warehouse',
      port: Number(process.env.DATAPACT_DEMO_WAREHOUSE_PORT ?? 5433),
      reuseExistingServer: true,
      timeout: 60_000,
    },
    {
      command: 'yarn start',
      env: { BACKSTAGE_ENV: 'demo' },
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 240_000,
    },
    {
      // `yarn start` above starts the backend too; this only waits for it
      // (a process that stays alive while Playwright polls the URL).
      command: 'sleep 3600',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: true,
      timeout: 240_000,
    },
  ],

  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  outputDir: 'e2e-test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: { ...project.use, channel: undefined },
  })),
});

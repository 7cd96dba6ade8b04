import { APIRequestContext, Browser, Page } from '@playwright/test';

const backendUrl =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/**
 * A fresh browser context signed in as a demo persona (the sign-in page of
 * the demo configuration), at `path`.
 */
export async function signInAs(
  browser: Browser,
  name: string,
  path = '/',
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  return page;
}

/** A Backstage token for a persona, from the backend's demo provider. */
export async function tokenOf(
  request: APIRequestContext,
  user: string,
): Promise<string> {
  const response = await request.get(
    `${backendUrl}/api/auth/demo/refresh?user=${encodeURIComponent(user)}`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!response.ok()) {
    throw new Error(`Cannot sign in as ${user}: ${await response.text()}`);
  }
  return (await response.json()).backstageIdentity.token;
}

export { backendUrl };

import { discoveryApiRef, IdentityApi } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DemoPersonasSignInPage,
  PERSONA_STORAGE_KEY,
} from './DemoPersonasSignInPage';

const personas = [
  {
    user: 'tomas.novak',
    name: 'Tomáš Novák',
    organization: 'Northbridge University',
    role: 'epidemiologist',
  },
  {
    user: 'ana.ruiz',
    name: 'Ana Ruiz',
    organization: 'St Mary Hospital',
    role: 'steward',
  },
];

/** A token the proxied sign-in can read an expiry from. */
const token = [
  'e30',
  btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })),
  'sig',
].join('.');

function backend(demoProvider: boolean) {
  return jest.fn(async (_url: string, init?: RequestInit) => {
    if (!demoProvider) return new Response('{}', { status: 404 });
    const user = new Headers(init?.headers).get('x-datapact-demo-user');
    if (!user) return new Response('{}', { status: 400 });
    return new Response(
      JSON.stringify({
        profile: { displayName: user },
        backstageIdentity: {
          token,
          identity: {
            type: 'user',
            userEntityRef: `user:default/${user}`,
            ownershipEntityRefs: [`user:default/${user}`],
          },
        },
      }),
      { status: 200, headers: { 'Content-Type': 'application/json' } },
    );
  });
}

async function renderPage(fetch: jest.Mock) {
  global.fetch = fetch as unknown as typeof global.fetch;
  const onSignInSuccess = jest.fn<void, [IdentityApi]>();
  renderInTestApp(
    <DemoPersonasSignInPage
      onSignInSuccess={onSignInSuccess}
      personas={personas}
      provider="demo"
    />,
    {
      config: { app: { title: 'Datapact demo portal' } },
      apis: [
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
      ],
    },
  );
  return onSignInSuccess;
}

describe('DemoPersonasSignInPage', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    localStorage.clear();
  });

  it('lists the personas by organization and signs in as the chosen one', async () => {
    const fetch = backend(true);
    const onSignInSuccess = await renderPage(fetch);
    expect(
      await screen.findByText('Northbridge University'),
    ).toBeInTheDocument();
    expect(screen.getByText('St Mary Hospital')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as Ana Ruiz' }),
    );
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    expect(localStorage.getItem(PERSONA_STORAGE_KEY)).toBe('ana.ruiz');
    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/ana.ruiz',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/auth/demo/refresh',
      expect.anything(),
    );
  });

  it('signs the remembered persona straight back in, and forgets it on sign-out', async () => {
    localStorage.setItem(PERSONA_STORAGE_KEY, 'tomas.novak');
    const onSignInSuccess = await renderPage(backend(true));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/tomas.novak',
    );
    await identity.signOut().catch(() => {});
    expect(localStorage.getItem(PERSONA_STORAGE_KEY)).toBeNull();
  });

  it('is the usual guest sign-in when the backend has no demo provider', async () => {
    await renderPage(backend(false));
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign in as Ana Ruiz' }),
    ).not.toBeInTheDocument();
  });
});

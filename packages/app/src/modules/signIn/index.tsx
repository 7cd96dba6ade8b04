import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { z } from 'zod';

/**
 * The sign-in page: the demo personas when the backend has the `demo` auth
 * provider (app-config.yaml), the usual guest sign-in otherwise. Personas
 * are listed in this extension's config (`sign-in-page:app` in
 * app-config.yaml): before sign-in the catalog cannot be read.
 */
const demoPersonasSignInPage = SignInPageBlueprint.makeWithOverrides({
  configSchema: {
    provider: z.string().default('demo'),
    personas: z
      .array(
        z.object({
          user: z.string(),
          name: z.string().optional(),
          role: z.string().optional(),
          organization: z.string().optional(),
        }),
      )
      .default([]),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      loader: async () => {
        const { DemoPersonasSignInPage } = await import(
          './DemoPersonasSignInPage'
        );
        return props => (
          <DemoPersonasSignInPage
            {...props}
            provider={config.provider}
            personas={config.personas}
          />
        );
      },
    });
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoPersonasSignInPage],
});

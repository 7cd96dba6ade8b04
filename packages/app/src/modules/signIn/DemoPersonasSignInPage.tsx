import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  IdentityApi,
  useApi,
} from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';

/** An example user the demo lets a visitor play. */
export interface Persona {
  /** The user's entity name or ref (`ana.ruiz`, `user:default/ana.ruiz`). */
  user: string;
  /** How the user is shown; defaults to `user`. */
  name?: string;
  /** What the user does in the example world, e.g. "steward of hospital data". */
  role?: string;
  /** The organization the persona is listed under. */
  organization?: string;
}

export interface DemoPersonasSignInPageProps {
  onSignInSuccess(identityApi: IdentityApi): void;
  personas: Persona[];
  /** The auth provider id of the demo personas (`auth.providers.<id>`). */
  provider: string;
}

/** Where the chosen persona is remembered, so that a reload stays signed in. */
export const PERSONA_STORAGE_KEY = 'datapact:demo-persona';

/** The header the backend's demo provider reads the persona from. */
const PERSONA_HEADER = 'x-datapact-demo-user';

type ProviderState = 'checking' | 'present' | 'absent';

/**
 * Whether the backend has the demo provider: the auth backend mounts only
 * configured providers, and answers 404 for any other.
 */
function useProviderState(provider: string): ProviderState {
  const discoveryApi = useApi(discoveryApiRef);
  const [state, setState] = useState<ProviderState>('checking');
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const baseUrl = await discoveryApi.getBaseUrl('auth');
        const response = await fetch(
          `${baseUrl}/${encodeURIComponent(provider)}/refresh`,
          {
            credentials: 'include',
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
          },
        );
        if (!cancelled) {
          setState(response.status === 404 ? 'absent' : 'present');
        }
      } catch {
        if (!cancelled) setState('absent');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, provider]);
  return state;
}

/** The identity of a persona, forgetting the persona on sign-out. */
function forgettingPersona(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(PERSONA_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

function PersonaPicker(props: {
  personas: Persona[];
  onChoose: (user: string) => void;
  onGuest: () => void;
}) {
  const { personas, onChoose, onGuest } = props;
  const organizations = [
    ...new Set(personas.map(p => p.organization ?? 'Other users')),
  ];
  return (
    <Page themeId="home">
      <Header
        title="Datapact demo portal"
        subtitle="Choose who you are: request data as one person, then decide as its stewards"
      />
      <Content>
        <Grid container spacing={3}>
          {organizations.map(organization => (
            <Grid item xs={12} md={6} lg={3} key={organization}>
              <InfoCard title={organization}>
                <List dense disablePadding>
                  {personas
                    .filter(
                      p => (p.organization ?? 'Other users') === organization,
                    )
                    .map(p => (
                      <ListItem
                        key={p.user}
                        button
                        onClick={() => onChoose(p.user)}
                        aria-label={`Sign in as ${p.name ?? p.user}`}
                      >
                        <ListItemText
                          primary={p.name ?? p.user}
                          secondary={p.role}
                        />
                      </ListItem>
                    ))}
                </List>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
        <Box mt={3}>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            Demo configuration only: anyone may sign in as anyone. Production
            configuration has no demo provider and keeps real sign-in.
          </Typography>
          <Button variant="outlined" onClick={onGuest}>
            Enter as a guest instead
          </Button>
        </Box>
      </Content>
    </Page>
  );
}

/**
 * Signs in as one of the example world's users through the backend's demo
 * provider, so that one browser can play requester and then steward. Without
 * the provider (production configuration) it is the usual guest sign-in page.
 */
export function DemoPersonasSignInPage(props: DemoPersonasSignInPageProps) {
  const { onSignInSuccess, personas, provider } = props;
  const providerState = useProviderState(provider);
  const [persona, setPersona] = useState(
    () => localStorage.getItem(PERSONA_STORAGE_KEY) ?? undefined,
  );
  const [guest, setGuest] = useState(false);

  if (providerState === 'checking') {
    return <Progress />;
  }
  if (providerState === 'absent' || guest || personas.length === 0) {
    return (
      <SignInPage onSignInSuccess={onSignInSuccess} providers={['guest']} />
    );
  }
  if (persona) {
    return (
      <ProxiedSignInPage
        provider={provider}
        headers={{ [PERSONA_HEADER]: persona }}
        onSignInSuccess={identity =>
          onSignInSuccess(forgettingPersona(identity))
        }
        ErrorComponent={({ error }) => (
          <PersonaError
            persona={persona}
            error={error}
            onBack={() => {
              localStorage.removeItem(PERSONA_STORAGE_KEY);
              setPersona(undefined);
            }}
          />
        )}
      />
    );
  }
  return (
    <PersonaPicker
      personas={personas}
      onChoose={user => {
        localStorage.setItem(PERSONA_STORAGE_KEY, user);
        setPersona(user);
      }}
      onGuest={() => setGuest(true)}
    />
  );
}

function PersonaError(props: {
  persona: string;
  error?: Error;
  onBack: () => void;
}) {
  return (
    <Page themeId="home">
      <Header title="Datapact demo portal" />
      <Content>
        <InfoCard title={`Could not sign in as ${props.persona}`}>
          <Typography variant="body2" paragraph>
            {props.error?.message}
          </Typography>
          <Button variant="contained" color="primary" onClick={props.onBack}>
            Choose another persona
          </Button>
        </InfoCard>
      </Content>
    </Page>
  );
}

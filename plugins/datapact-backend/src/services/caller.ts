import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/** A signed-in user: their ref and the refs they own or act as (their groups). */
export interface UserCaller {
  kind: 'user';
  ref: string;
  /** Normalized `ownershipEntityRefs`, always including `ref`. */
  claims: string[];
  credentials: BackstageCredentials<BackstageUserPrincipal>;
}

/** Another backend plugin or an external service with a static token. */
export interface ServiceCaller {
  kind: 'service';
  ref: string;
  credentials: BackstageCredentials<BackstageServicePrincipal>;
}

/** Who called the API. */
export type Caller = UserCaller | ServiceCaller;

/** The audit actor of scheduled work. */
export const PLUGIN_ACTOR = 'plugin:datapact';

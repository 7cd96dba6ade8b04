import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_ROLE_TEMPLATE } from './roleMapping';

const ROOT = 'datapact.postgresGrants';

/**
 * How to reach one target: a connection string or its parts.
 * @public
 */
export type TargetConnection =
  | string
  | {
      host: string;
      port?: number;
      user: string;
      password?: string;
      database: string;
    };

/**
 * The provisioner's settings (`datapact.postgresGrants`, see config.d.ts).
 * @public
 */
export interface PostgresGrantsOptions {
  /** The databases by target name. */
  targets: Record<string, TargetConnection>;
  /** The role of a user without a role annotation. Default: `{{ name }}`. */
  roleTemplate?: string;
  /** Whether revoking ends the role's sessions. Default: true. */
  terminateSessions?: boolean;
  /** Connect and statement timeout in milliseconds. Default: 5000. */
  timeoutMs?: number;
}

function readConnection(config: Config, key: string): TargetConnection {
  if (typeof config.getOptional(key) === 'string') {
    return config.getString(key);
  }
  const parts = config.getConfig(key);
  return {
    host: parts.getString('host'),
    port: parts.getOptionalNumber('port'),
    user: parts.getString('user'),
    password: parts.getOptionalString('password'),
    database: parts.getString('database'),
  };
}

/** Reads `datapact.postgresGrants`; no targets when it is absent. */
export function readPostgresGrantsOptions(
  config: Config,
): Required<PostgresGrantsOptions> {
  const targetsConfig = config.getOptionalConfig(`${ROOT}.targets`);
  const targets: Record<string, TargetConnection> = {};
  for (const name of targetsConfig?.keys() ?? []) {
    targets[name] = readConnection(targetsConfig!, `${name}.connection`);
  }
  return {
    targets,
    roleTemplate:
      config.getOptionalString(`${ROOT}.roleTemplate`) ?? DEFAULT_ROLE_TEMPLATE,
    terminateSessions:
      config.getOptionalBoolean(`${ROOT}.terminateSessions`) ?? true,
    timeoutMs: config.has(`${ROOT}.timeout`)
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: `${ROOT}.timeout` }),
        )
      : 5000,
  };
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  GrantProvisioner,
  InspectInput,
  InspectResult,
  ObservedPrivilege,
  ProvisioningInput,
  ProvisioningOutcome,
} from '@datapact/backstage-plugin-node';
import { escapeIdentifier } from 'pg';
import { PostgresGrantsOptions, readPostgresGrantsOptions } from './config';
import { PostgresTargets } from './PostgresTargets';
import { RoleMapping } from './roleMapping';
import {
  checkColumns,
  checkRole,
  directGrantors,
  findTable,
  holds,
  lockTable,
  noTable,
  privilegesOn,
  quoted,
} from './tableQueries';
import {
  AnnotationSyntaxError,
  formatTableLocation,
  parseTableLocation,
  POSTGRES_TABLE_ANNOTATION,
  readTableLocation,
  TableLocation,
} from './tableLocation';

/** Where one grant's privilege lives: the table and the role. */
interface Resolved {
  location: TableLocation;
  role: string;
  /** `warehouse/analytics.visits`, for messages. */
  where: string;
}

const DESCRIPTION_PREFIX = 'SELECT on ';
/** Schemas of PostgreSQL itself: never managed, whatever an annotation says. */
const SYSTEM_SCHEMA = /^(pg_|information_schema$)/i;

function refuseSystemSchema(location: TableLocation): void {
  if (SYSTEM_SCHEMA.test(location.schema)) {
    throw new Error(
      `${location.schema}.${location.table} is in a system schema of PostgreSQL; Datapact never grants on it`,
    );
  }
}

/** A placement as `grant` writes it and `revoke` reads it back. */
function placementOf(location: TableLocation, role: string): JsonObject {
  return {
    target: location.target,
    schema: location.schema,
    table: location.table,
    ...(location.columns ? { columns: location.columns } : {}),
    role,
  };
}

const NAME = (v: unknown): v is string =>
  typeof v === 'string' &&
  v.length > 0 &&
  !v.includes('\0') &&
  Buffer.byteLength(v, 'utf8') <= 63;

/** The table and role of a stored placement; undefined when it is not one. */
function fromPlacement(
  placement: JsonObject | undefined,
): { location: TableLocation; role: string } | undefined {
  if (!placement) return undefined;
  const { target, schema, table, columns, role } = placement;
  if (
    typeof target !== 'string' ||
    !NAME(schema) ||
    !NAME(table) ||
    !NAME(role) ||
    (columns !== undefined && !(Array.isArray(columns) && columns.every(NAME)))
  ) {
    return undefined;
  }
  return {
    location: {
      target,
      schema,
      table,
      ...(columns ? { columns: columns as string[] } : {}),
    } as TableLocation,
    role,
  };
}
const PUBLIC = 'PUBLIC';

/** The form in which Datapact stores refs: lower case. */
function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function tableSql(location: TableLocation): string {
  return `${escapeIdentifier(location.schema)}.${escapeIdentifier(
    location.table,
  )}`;
}

/**
 * A grant provisioner for PostgreSQL. A Dataset is managed when it has the
 * annotation `datapact.io/postgres-table: <target>/<schema>.<table>` (and
 * optionally `datapact.io/postgres-columns: col1,col2`); its user's role is
 * the User's `datapact.io/postgres-role` annotation or the role template.
 *
 * `grant` runs `GRANT SELECT`, `revoke` runs `REVOKE SELECT` and ends the
 * role's sessions on the target's database; both are idempotent. Every
 * catalog value reaches SQL as a bound parameter or a quoted identifier.
 *
 * @public
 */
export class PostgresGrantProvisioner implements GrantProvisioner {
  readonly name = 'postgres';

  private readonly targets: PostgresTargets;
  private readonly roles: RoleMapping;
  private readonly terminateSessions: boolean;
  private readonly logger: LoggerService;
  /** Where each dataset seen by the last `inspect` lives, for `revokePrivilege`. */
  private readonly inspected = new Map<string, TableLocation>();

  /** Reads `datapact.postgresGrants` (see config.d.ts). */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): PostgresGrantProvisioner {
    return new PostgresGrantProvisioner({
      ...readPostgresGrantsOptions(config),
      logger: options.logger,
    });
  }

  constructor(options: PostgresGrantsOptions & { logger: LoggerService }) {
    this.logger = options.logger;
    this.roles = new RoleMapping(options.roleTemplate);
    this.terminateSessions = options.terminateSessions ?? true;
    this.targets = new PostgresTargets(
      options.targets,
      options.timeoutMs ?? 5000,
      options.logger,
    );
  }

  async grant(input: ProvisioningInput): Promise<ProvisioningOutcome> {
    if (!input.dataset) {
      return {
        status: 'not-applicable',
        reason: `${input.grant.dataset} is no longer in the catalog`,
      };
    }
    const resolved = this.resolve(input, input.dataset);
    if (!resolved) {
      return this.unmanaged(input.dataset);
    }
    const { location, role, where } = resolved;
    refuseSystemSchema(location);
    const columns = location.columns;
    await this.targets.transaction(location.target, async client => {
      const table = await findTable(client, location);
      if (!table) {
        throw new Error(noTable(location));
      }
      if (columns) {
        await checkColumns(client, table, location, columns);
      }
      if (!(await checkRole(client, role, location, table))) {
        throw new Error(
          `role "${role}" does not exist on target ${location.target}`,
        );
      }
      await lockTable(client, table);
      const privilege = columns
        ? `SELECT (${columns.map(escapeIdentifier).join(', ')})`
        : 'SELECT';
      await client.query(
        `GRANT ${privilege} ON TABLE ${tableSql(
          location,
        )} TO ${escapeIdentifier(role)}`,
      );
      // Without the right to grant, PostgreSQL only warns: check the result.
      if (!(await holds(client, role, table, columns))) {
        throw new Error(
          `could not grant SELECT on ${where} to role "${role}": the provisioner's login role must own the table or hold SELECT on it WITH GRANT OPTION`,
        );
      }
    });
    return {
      status: 'done',
      detail: `SELECT${
        columns ? ` (${columns.join(', ')})` : ''
      } on ${where} granted to role "${role}"`,
      placement: placementOf(location, role),
    };
  }

  async revoke(input: ProvisioningInput): Promise<ProvisioningOutcome> {
    // Where the grant step opened it, whatever the catalog says now.
    const placed = fromPlacement(input.placement);
    if (placed) {
      refuseSystemSchema(placed.location);
      return {
        status: 'done',
        detail: await this.revokeFrom(placed.location, placed.role, false),
      };
    }
    if (!input.dataset) {
      // Without the dataset its table is unknown; failing keeps it visible.
      throw new Error(
        `${input.grant.dataset} is no longer in the catalog, so the table whose SELECT to take back from ${input.grant.user} is unknown`,
      );
    }
    const resolved = this.resolve(input, input.dataset);
    if (!resolved) {
      return this.unmanaged(input.dataset);
    }
    return {
      status: 'done',
      detail: await this.revokeFrom(resolved.location, resolved.role, false),
    };
  }

  async inspect(input: InspectInput): Promise<InspectResult> {
    const roleUsers = new Map<string, string>();
    for (const user of input.users) {
      const ref = refOf(user);
      const role = this.roles.roleOf(ref, user);
      if (!roleUsers.has(role)) {
        roleUsers.set(role, ref);
      }
    }
    const byTarget = new Map<string, Array<[string, TableLocation]>>();
    for (const dataset of input.datasets) {
      const ref = refOf(dataset);
      let location: TableLocation | undefined;
      try {
        location = parseTableLocation(dataset.metadata.annotations);
      } catch (error) {
        this.logger.warn(`${ref}: ${(error as Error).message}`);
        continue;
      }
      if (!location) {
        continue;
      }
      if (!this.targets.has(location.target)) {
        this.logger.warn(
          `${ref}: target "${location.target}" is not configured (datapact.postgresGrants.targets)`,
        );
        continue;
      }
      this.inspected.set(ref, location);
      byTarget.set(location.target, [
        ...(byTarget.get(location.target) ?? []),
        [ref, location],
      ]);
    }

    const observed: ObservedPrivilege[] = [];
    const notInspected: string[] = [];
    for (const [target, datasets] of byTarget) {
      let held;
      try {
        held = await this.targets.withClient(target, client =>
          privilegesOn(
            client,
            datasets.map(([, location]) => location),
          ),
        );
      } catch (error) {
        // One target down says nothing about the others.
        this.logger.warn(`inspect: ${(error as Error).message}`);
        notInspected.push(...datasets.map(([ref]) => ref));
        continue;
      }
      for (const [dataset, location] of datasets) {
        const where = formatTableLocation(location);
        const byRole = held.get(`${location.schema}\0${location.table}`);
        for (const [principal, columns] of byRole ?? []) {
          observed.push({
            dataset,
            principal,
            user: roleUsers.get(principal),
            ...(columns === 'table' ? {} : { columns }),
            description:
              columns === 'table'
                ? `${DESCRIPTION_PREFIX}${where}`
                : `${DESCRIPTION_PREFIX}${where}, columns ${columns.join(
                    ', ',
                  )}`,
          });
        }
      }
    }
    return { privileges: observed, notInspected };
  }

  async revokePrivilege(privilege: ObservedPrivilege): Promise<void> {
    const location =
      this.inspected.get(privilege.dataset) ??
      this.locationFromDescription(privilege);
    await this.revokeFrom(
      location,
      privilege.principal,
      privilege.principal === PUBLIC,
    );
  }

  /** Closes the connections to the targets. */
  async close(): Promise<void> {
    await this.targets.close();
  }

  /**
   * The table and role of a grant, or undefined when the dataset has no table
   * annotation. Throws on a malformed annotation or an unknown target.
   */
  private resolve(
    input: ProvisioningInput,
    dataset: Entity,
  ): Resolved | undefined {
    let location: TableLocation | undefined;
    try {
      location = parseTableLocation(dataset.metadata.annotations);
    } catch (error) {
      if (error instanceof AnnotationSyntaxError) {
        throw new Error(
          `${input.grant.dataset}: invalid annotation: ${error.message}`,
        );
      }
      throw error;
    }
    if (!location) {
      return undefined;
    }
    if (!this.targets.has(location.target)) {
      throw new Error(
        `target "${location.target}" is not configured (datapact.postgresGrants.targets)`,
      );
    }
    const role = this.roles.roleOf(input.grant.user, input.user);
    if (
      role === '' ||
      role.includes('\0') ||
      Buffer.byteLength(role, 'utf8') > 63
    ) {
      throw new Error(
        `${input.grant.user} maps to "${role}", which is not a PostgreSQL role name (1 to 63 bytes, no NUL)`,
      );
    }
    return { location, role, where: formatTableLocation(location) };
  }

  private unmanaged(dataset: Entity): ProvisioningOutcome {
    return {
      status: 'not-applicable',
      reason: `${refOf(
        dataset,
      )} has no ${POSTGRES_TABLE_ANNOTATION} annotation`,
    };
  }

  /**
   * Takes SELECT (on the table and its columns) back from a role, checks
   * that no direct grant is left, then ends the role's sessions. A table or
   * role that no longer exists holds no privilege: nothing to do.
   * `isPublic` takes back a grant to PUBLIC (only `inspect` reports one).
   */
  private async revokeFrom(
    location: TableLocation,
    role: string,
    isPublic: boolean,
  ): Promise<string> {
    if (!this.targets.has(location.target)) {
      throw new Error(
        `target "${location.target}" is not configured (datapact.postgresGrants.targets)`,
      );
    }
    const where = formatTableLocation(location);
    const outcome = await this.targets.transaction(
      location.target,
      async client => {
        const table = await findTable(client, location);
        if (!table) {
          return `${noTable(location)}: nothing to take back`;
        }
        if (!isPublic && !(await checkRole(client, role, location, table))) {
          return `role "${role}" does not exist on target ${location.target}: nothing to take back`;
        }
        await lockTable(client, table);
        // Revoking on the table also revokes the privilege on its columns.
        await client.query(
          `REVOKE SELECT ON TABLE ${tableSql(location)} FROM ${
            isPublic ? PUBLIC : escapeIdentifier(role)
          }`,
        );
        const grantors = await directGrantors(client, role, isPublic, table);
        if (grantors.length > 0) {
          throw new Error(
            `role "${role}" still holds SELECT on ${where}, granted by ${quoted(
              grantors,
            )}, which the provisioner's login role cannot revoke`,
          );
        }
        return undefined;
      },
    );
    if (outcome) {
      return outcome;
    }
    const ended =
      this.terminateSessions && !isPublic
        ? await this.endSessions(location.target, role)
        : 0;
    return `SELECT on ${where} revoked from ${
      isPublic ? PUBLIC : `role "${role}"`
    }${ended > 0 ? `; ${ended} open session(s) ended` : ''}`;
  }

  /** Ends the role's sessions on the target's database; how many. */
  private async endSessions(target: string, role: string): Promise<number> {
    try {
      return await this.targets.withClient(target, async client => {
        const { rows } = await client.query<{ ended: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
            WHERE usename = $1 AND datname = current_database()
              AND pid <> pg_backend_pid()`,
          [role],
        );
        return rows.filter(row => row.ended).length;
      });
    } catch (error) {
      throw new Error(
        `SELECT was revoked from role "${role}" on target ${target}, but its open sessions could not be ended (the provisioner's login role needs pg_signal_backend): ${
          (error as Error).message
        }`,
      );
    }
  }

  /** The table an observed privilege is on, read back from its description. */
  private locationFromDescription(privilege: ObservedPrivilege): TableLocation {
    if (privilege.description.startsWith(DESCRIPTION_PREFIX)) {
      try {
        return readTableLocation(
          privilege.description.slice(DESCRIPTION_PREFIX.length),
        ).location;
      } catch {
        // Not written by inspect: reported below.
      }
    }
    throw new Error(
      `cannot tell which table the privilege "${privilege.description}" of ${privilege.principal} on ${privilege.dataset} is on`,
    );
  }
}

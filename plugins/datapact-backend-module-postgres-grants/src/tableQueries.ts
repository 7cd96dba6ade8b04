import { PoolClient } from 'pg';
import { POSTGRES_COLUMNS_ANNOTATION, TableLocation } from './tableLocation';

// What the provisioner reads from PostgreSQL's system catalogs; every value
// it is given is a bound parameter.

/** A table found on its target. */
export interface FoundTable {
  oid: string;
  owner: string;
}

/** Names for messages: `"a", "b"`. */
export function quoted(names: string[]): string {
  return names.map(name => `"${name}"`).join(', ');
}

/** The message for a table that is not on its target. */
export function noTable(location: TableLocation): string {
  return `table ${location.schema}.${location.table} does not exist on target ${location.target}`;
}

/** The table (or view) a location names, if it exists. */
export async function findTable(
  client: PoolClient,
  location: TableLocation,
): Promise<FoundTable | undefined> {
  const { rows } = await client.query<FoundTable>(
    `SELECT c.oid::text AS oid, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2
        AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [location.schema, location.table],
  );
  return rows[0];
}

/** Throws when a column of the scope is not in the table. */
export async function checkColumns(
  client: PoolClient,
  table: FoundTable,
  location: TableLocation,
  columns: string[],
): Promise<void> {
  const { rows } = await client.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute
      WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped
        AND attname = ANY($2::text[])`,
    [table.oid, columns],
  );
  const found = new Set(rows.map(row => row.attname));
  const missing = columns.filter(column => !found.has(column));
  if (missing.length > 0) {
    throw new Error(
      `${POSTGRES_COLUMNS_ANNOTATION} names ${quoted(missing)}, not in table ${
        location.schema
      }.${location.table} on target ${location.target}`,
    );
  }
}

/**
 * Whether the role exists. Refuses the roles whose privileges Datapact must
 * not touch: superusers, predefined `pg_` roles, the provisioner's own login
 * role and the table's owner (revoking would take the owner's own access
 * and end its sessions).
 */
export async function checkRole(
  client: PoolClient,
  role: string,
  location: TableLocation,
  table: FoundTable,
): Promise<boolean> {
  const { rows } = await client.query<{ super: boolean; self: boolean }>(
    `SELECT rolsuper AS super, rolname = session_user AS self
       FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  if (rows.length === 0) {
    return false;
  }
  const [{ super: isSuper, self }] = rows;
  const why =
    (isSuper && 'a superuser') ||
    (self && "the provisioner's own login role") ||
    (role === table.owner &&
      `the owner of ${location.schema}.${location.table}`) ||
    (role.startsWith('pg_') && 'a predefined role');
  if (why) {
    throw new Error(
      `role "${role}" on target ${location.target} is ${why}; Datapact does not manage its privileges`,
    );
  }
  return true;
}

/** Serializes Datapact's changes to one table's privileges, across replicas. */
export async function lockTable(
  client: PoolClient,
  table: FoundTable,
): Promise<void> {
  // Concurrent GRANTs on one table can fail with "tuple concurrently updated".
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtext('datapact.postgres-grants'), hashtext($1))`,
    [table.oid],
  );
}

/** Whether the role may read the table, or each column of the scope. */
export async function holds(
  client: PoolClient,
  role: string,
  table: FoundTable,
  columns: string[] | undefined,
): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(
    columns
      ? `SELECT bool_and(has_column_privilege($1, $2::oid, column_name, 'SELECT')) AS held
           FROM unnest($3::text[]) AS column_name`
      : `SELECT has_table_privilege($1, $2::oid, 'SELECT') AS held`,
    columns ? [role, table.oid, columns] : [role, table.oid],
  );
  return rows[0].held;
}

/** Who still grants the role (or PUBLIC) SELECT directly on the table or its columns. */
export async function directGrantors(
  client: PoolClient,
  role: string,
  isPublic: boolean,
  table: FoundTable,
): Promise<string[]> {
  const { rows } = await client.query<{ grantor: string }>(
    `WITH grantee AS (
       SELECT CASE WHEN $3 THEN 0::oid
                   ELSE (SELECT oid FROM pg_roles WHERE rolname = $2) END AS oid
     ), acl AS (
       SELECT (aclexplode(relacl)).* FROM pg_class WHERE oid = $1::oid
       UNION ALL
       SELECT (aclexplode(attacl)).* FROM pg_attribute
        WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped
     )
     SELECT DISTINCT pg_get_userbyid(acl.grantor) AS grantor
       FROM acl, grantee
      WHERE acl.grantee = grantee.oid AND acl.privilege_type = 'SELECT'`,
    [table.oid, role, isPublic],
  );
  return rows.map(row => row.grantor);
}

/**
 * The direct SELECT privileges on some tables of a target, by table
 * (`schema\0table`) and principal: `table` for the whole table, or the
 * columns. Leaves out the tables' owners, superusers and the provisioner's
 * own login role; a grant to PUBLIC shows as the principal `PUBLIC`.
 */
export async function privilegesOn(
  client: PoolClient,
  locations: TableLocation[],
): Promise<Map<string, Map<string, 'table' | string[]>>> {
  const { rows } = await client.query<{
    schema_name: string;
    table_name: string;
    principal: string;
    column_name: string | null;
  }>(
    `WITH wanted AS (
         SELECT c.oid, c.relowner, n.nspname, c.relname, c.relacl
           FROM unnest($1::text[], $2::text[]) AS w(schema_name, table_name)
           JOIN pg_namespace n ON n.nspname = w.schema_name
           JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table_name
       ), acl AS (
         SELECT w.nspname, w.relname, w.relowner, a.grantee, a.privilege_type,
                NULL::name AS attname, NULL::int2 AS attnum
           FROM wanted w, aclexplode(w.relacl) a
         UNION ALL
         SELECT w.nspname, w.relname, w.relowner, a.grantee, a.privilege_type,
                att.attname, att.attnum
           FROM wanted w
           JOIN pg_attribute att ON att.attrelid = w.oid AND att.attnum > 0
                                AND NOT att.attisdropped
           , aclexplode(att.attacl) a
       )
       SELECT DISTINCT acl.nspname AS schema_name, acl.relname AS table_name,
              COALESCE(r.rolname, 'PUBLIC') AS principal,
              acl.attname AS column_name, acl.attnum
         FROM acl LEFT JOIN pg_roles r ON r.oid = acl.grantee
        WHERE acl.privilege_type = 'SELECT'
          AND acl.grantee <> acl.relowner
          AND (acl.grantee = 0 OR (NOT r.rolsuper AND r.rolname <> session_user))
        ORDER BY 1, 2, 3, acl.attnum`,
    [locations.map(l => l.schema), locations.map(l => l.table)],
  );
  const held = new Map<string, Map<string, 'table' | string[]>>();
  for (const row of rows) {
    const key = `${row.schema_name}\0${row.table_name}`;
    const byRole = held.get(key) ?? new Map<string, 'table' | string[]>();
    held.set(key, byRole);
    const previous = byRole.get(row.principal);
    if (row.column_name === null) {
      byRole.set(row.principal, 'table');
    } else if (previous !== 'table') {
      byRole.set(row.principal, [...(previous ?? []), row.column_name]);
    }
  }
  return held;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeIdentifier, escapeLiteral } from 'pg';
import { parseAllDocuments } from 'yaml';

/** The password of every demo login role. */
export const DEMO_PASSWORD = 'demo';
/** The login role of Datapact's grant provisioner; it owns the tables. */
export const PROVISIONER_ROLE = 'datapact_provisioner';
/** The schema of the example tables. */
export const SCHEMA = 'analytics';

/**
 * The example tables, one per dataset annotated with
 * `datapact.io/postgres-table: warehouse/analytics.<table>` in catalog-info/.
 */
export const TABLES: Array<{
  dataset: string;
  table: string;
  columns: string;
  rows: string[];
}> = [
  {
    dataset: 'clinic-visits-2024',
    table: 'clinic_visits',
    columns: `patient_key text NOT NULL, visit_date date NOT NULL,
      clinic_code text NOT NULL, specialty text NOT NULL,
      small_area_code text NOT NULL`,
    rows: [
      `('9f1c2a', '2024-01-08', 'OPD-CARD', 'cardiology', 'SA2-10412')`,
      `('9f1c2a', '2024-03-11', 'OPD-CARD', 'cardiology', 'SA2-10412')`,
      `('b7e044', '2024-02-02', 'OPD-RESP', 'respiratory', 'SA2-10433')`,
      `('c31d9e', '2024-02-19', 'OPD-DIAB', 'endocrinology', 'SA2-10587')`,
      `('d0a771', '2024-04-23', 'OPD-RESP', 'respiratory', 'SA2-10587')`,
      `('e5b310', '2024-06-05', 'OPD-ORTH', 'orthopaedics', 'SA2-10701')`,
      `('f82c6b', '2024-09-17', 'OPD-CARD', 'cardiology', 'SA2-10433')`,
      `('a4d5e8', '2024-11-28', 'OPD-DIAB', 'endocrinology', 'SA2-10412')`,
    ],
  },
  {
    dataset: 'st-mary-outpatient-travel-times',
    table: 'outpatient_travel_times',
    columns: `clinic_code text NOT NULL, small_area_code text NOT NULL,
      visits integer NOT NULL, median_minutes numeric(5,1) NOT NULL,
      car_share numeric(3,2) NOT NULL, bus_share numeric(3,2) NOT NULL,
      bike_share numeric(3,2) NOT NULL`,
    rows: [
      `('OPD-CARD', 'SA2-10412', 142, 18.5, 0.61, 0.30, 0.09)`,
      `('OPD-CARD', 'SA2-10433', 87, 26.0, 0.72, 0.22, 0.06)`,
      `('OPD-RESP', 'SA2-10433', 64, 24.5, 0.68, 0.27, 0.05)`,
      `('OPD-RESP', 'SA2-10587', 51, 41.0, 0.80, 0.18, 0.02)`,
      `('OPD-DIAB', 'SA2-10587', 119, 39.5, 0.77, 0.21, 0.02)`,
      `('OPD-ORTH', 'SA2-10701', 33, 52.0, 0.88, 0.12, 0.00)`,
    ],
  },
  {
    dataset: 'riverside-od-travel-times',
    table: 'od_travel_times',
    columns: `origin_small_area text NOT NULL,
      destination_small_area text NOT NULL, mode text NOT NULL,
      month date NOT NULL, trips integer NOT NULL,
      median_minutes double precision NOT NULL`,
    rows: [
      `('SA2-10412', 'SA2-10020', 'car', '2024-10-01', 1830, 17.0)`,
      `('SA2-10412', 'SA2-10020', 'bus', '2024-10-01', 912, 29.5)`,
      `('SA2-10433', 'SA2-10020', 'car', '2024-10-01', 1204, 24.0)`,
      `('SA2-10433', 'SA2-10020', 'bike', '2024-10-01', 211, 33.0)`,
      `('SA2-10587', 'SA2-10020', 'car', '2024-10-01', 760, 38.5)`,
      `('SA2-10701', 'SA2-10020', 'bus', '2024-10-01', 145, 61.0)`,
    ],
  },
];

/** The names of the example world's Users (catalog-info/org/*.yaml). */
export function exampleUsers(catalogDir: string): string[] {
  const dir = join(catalogDir, 'org');
  const users: string[] = [];
  for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(
      readFileSync(join(dir, file), 'utf8'),
    )) {
      const entity = doc.toJS();
      if (entity?.kind === 'User' && entity.metadata?.name) {
        users.push(entity.metadata.name);
      }
    }
  }
  return users;
}

/**
 * Statements that create a login role, or make an existing one log in with
 * the demo password (roles belong to a whole PostgreSQL server, so a second
 * start finds them). Never a superuser.
 */
export function roleStatements(role: string): string[] {
  const name = escapeIdentifier(role);
  const login = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${escapeLiteral(
    DEMO_PASSWORD,
  )}`;
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${escapeLiteral(
         role,
       )}) THEN CREATE ROLE ${name}; END IF;
     END $$`,
    `ALTER ROLE ${name} ${login}`,
  ];
}

/**
 * Statements that build the warehouse in an empty database: the schema and
 * its tables owned by the provisioner's login role, a few rows each, and
 * USAGE on the schema for every user's role (SELECT on a table is what
 * Datapact grants). Roles must exist already.
 */
export function warehouseStatements(users: string[]): string[] {
  const schema = escapeIdentifier(SCHEMA);
  const provisioner = escapeIdentifier(PROVISIONER_ROLE);
  const statements = [
    `CREATE SCHEMA ${schema} AUTHORIZATION ${provisioner}`,
    `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
  ];
  for (const { table, columns, rows } of TABLES) {
    const name = `${schema}.${escapeIdentifier(table)}`;
    statements.push(
      `CREATE TABLE ${name} (${columns})`,
      `INSERT INTO ${name} VALUES ${rows.join(', ')}`,
      `ALTER TABLE ${name} OWNER TO ${provisioner}`,
      `REVOKE ALL ON ${name} FROM PUBLIC`,
    );
  }
  if (users.length > 0) {
    statements.push(
      `GRANT USAGE ON SCHEMA ${schema} TO ${users
        .map(escapeIdentifier)
        .join(', ')}`,
    );
  }
  return statements;
}

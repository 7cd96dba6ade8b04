/* eslint-disable jest/no-export -- shared helpers; the guard test is added by each database test file that calls it */
import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases every database test runs on: SQLite, and PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at one.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}

/**
 * With DATAPACT_REQUIRE_POSTGRES set (as scripts/test.sh and CI do), adds a
 * test that fails when PostgreSQL is missing instead of silently skipping it.
 */
export function requirePostgresWhenAsked(databases: TestDatabases): void {
  if (process.env.DATAPACT_REQUIRE_POSTGRES) {
    it('has PostgreSQL to run on (see BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)', () => {
      expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
        'SQLITE_3',
        'POSTGRES_15',
      ]);
    });
  }
}

/**
 * PostgreSQL alone, for what only a database server has (replicas sharing
 * one database, outages, a peer holding locks): with
 * DATAPACT_REQUIRE_POSTGRES set a missing server fails a test; without it
 * the file has no database to run on (and says so).
 */
export function createPostgresOnlyDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  if (process.env.DATAPACT_REQUIRE_POSTGRES) {
    it('has the PostgreSQL server these tests need (see BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)', () => {
      expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
        'POSTGRES_15',
      ]);
    });
  }
  return databases;
}

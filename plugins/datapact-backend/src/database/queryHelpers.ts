import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/** Whether the database is PostgreSQL (row locks) rather than SQLite (one writer at a time). */
export function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}

/** Whether an error is a unique-constraint violation, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Encodes the position after the last item of a page. */
export function encodeCursor(position: Array<string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; a cursor it did not make is a 400. */
export function decodeCursor<T extends Array<string | number>>(
  cursor: string,
  shape: Array<'string' | 'number'>,
): T {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (
    !Array.isArray(position) ||
    position.length !== shape.length ||
    position.some((value, i) => typeof value !== shape[i])
  ) {
    throw new InputError(
      'Invalid query: `cursor` is not a cursor of this list',
    );
  }
  return position as T;
}

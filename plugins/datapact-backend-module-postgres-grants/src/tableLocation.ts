/**
 * The annotation on a Dataset that names its table:
 * `<target>/<schema>.<table>`.
 * @public
 */
export const POSTGRES_TABLE_ANNOTATION = 'datapact.io/postgres-table';

/**
 * The optional annotation on a Dataset that limits its grants to some
 * columns: `col1,col2`.
 * @public
 */
export const POSTGRES_COLUMNS_ANNOTATION = 'datapact.io/postgres-columns';

/** A table on a target, with the column scope of the dataset if it has one. */
export interface TableLocation {
  target: string;
  schema: string;
  table: string;
  /** Only these columns; undefined for the whole table. */
  columns?: string[];
}

/** Thrown when an annotation does not follow the grammar below. */
export class AnnotationSyntaxError extends Error {}

// PostgreSQL truncates longer names (NAMEDATALEN - 1 bytes): refuse them
// rather than grant on a name that silently means another one.
const MAX_IDENTIFIER_BYTES = 63;
const TARGET = /^[A-Za-z0-9_-]+/;
const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*/;
const QUOTED = /^"((?:[^"]|"")+)"/;

/**
 * Reads one identifier at the start of `text`, as PostgreSQL reads it:
 * unquoted names are folded to lower case, double-quoted ones are taken
 * exactly (`""` stands for one `"`). Returns the name and what follows.
 */
function readIdentifier(
  text: string,
  what: string,
): { name: string; rest: string } {
  const quoted = QUOTED.exec(text);
  const unquoted = quoted ? undefined : UNQUOTED.exec(text);
  const match = quoted ?? unquoted;
  if (!match) {
    throw new AnnotationSyntaxError(
      `expected a ${what} name (letters, digits, _ and $, or a double-quoted name) at "${text}"`,
    );
  }
  const name = quoted
    ? quoted[1].replace(/""/g, '"')
    : match[0].toLocaleLowerCase('en-US');
  if (name.includes('\0')) {
    throw new AnnotationSyntaxError(`a ${what} name cannot contain NUL`);
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new AnnotationSyntaxError(
      `the ${what} name "${name}" is longer than PostgreSQL's ${MAX_IDENTIFIER_BYTES} bytes`,
    );
  }
  return { name, rest: text.slice(match[0].length) };
}

/**
 * Reads `<target>/<schema>.<table>` at the start of `text` and returns what
 * follows it.
 */
export function readTableLocation(text: string): {
  location: TableLocation;
  rest: string;
} {
  const target = TARGET.exec(text);
  if (!target || text[target[0].length] !== '/') {
    throw new AnnotationSyntaxError(
      `expected <target>/<schema>.<table>, where the target is a configured name (letters, digits, _ and -), not "${text}"`,
    );
  }
  const schema = readIdentifier(text.slice(target[0].length + 1), 'schema');
  if (!schema.rest.startsWith('.')) {
    throw new AnnotationSyntaxError(
      `expected <target>/<schema>.<table>, with both a schema and a table, not "${text}"`,
    );
  }
  const table = readIdentifier(schema.rest.slice(1), 'table');
  return {
    location: { target: target[0], schema: schema.name, table: table.name },
    rest: table.rest,
  };
}

/** Parses the columns annotation: identifiers separated by commas. */
export function parseColumns(value: string): string[] {
  const columns: string[] = [];
  let rest = value.trim();
  for (;;) {
    const column = readIdentifier(rest, 'column');
    columns.push(column.name);
    rest = column.rest.trimStart();
    if (rest === '') {
      return [...new Set(columns)];
    }
    if (!rest.startsWith(',')) {
      throw new AnnotationSyntaxError(
        `expected a comma between column names at "${rest}"`,
      );
    }
    rest = rest.slice(1).trimStart();
  }
}

/**
 * The table (and column scope) that a Dataset's annotations name, or
 * undefined when the dataset has no table annotation. Throws
 * {@link AnnotationSyntaxError} on anything else than the strict grammar:
 * `<target>/<schema>.<table>`, each name either plain (folded to lower case)
 * or double-quoted (taken exactly), and no other text.
 */
export function parseTableLocation(
  annotations: Record<string, string> | undefined,
): TableLocation | undefined {
  const value = annotations?.[POSTGRES_TABLE_ANNOTATION];
  if (value === undefined) {
    return undefined;
  }
  const { location, rest } = readTableLocation(value.trim());
  if (rest !== '') {
    throw new AnnotationSyntaxError(
      `unexpected "${rest}" after the table name in ${POSTGRES_TABLE_ANNOTATION}: ${value}`,
    );
  }
  const columns = annotations?.[POSTGRES_COLUMNS_ANNOTATION];
  return columns === undefined
    ? location
    : { ...location, columns: parseColumns(columns) };
}

/** Writes a location back as the annotation would: `warehouse/analytics.visits`. */
export function formatTableLocation(location: TableLocation): string {
  const name = (identifier: string) =>
    /^[a-z_][a-z0-9_$]*$/.test(identifier)
      ? identifier
      : `"${identifier.replace(/"/g, '""')}"`;
  return `${location.target}/${name(location.schema)}.${name(location.table)}`;
}

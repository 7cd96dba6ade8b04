import { formatTableLocation, parseTableLocation } from './tableLocation';

const table = (value: string, columns?: string) =>
  parseTableLocation({
    'datapact.io/postgres-table': value,
    ...(columns === undefined
      ? {}
      : { 'datapact.io/postgres-columns': columns }),
  });

describe('parseTableLocation', () => {
  it('reads <target>/<schema>.<table>, folding plain names to lower case as PostgreSQL does', () => {
    expect(table('warehouse/analytics.visits')).toEqual({
      target: 'warehouse',
      schema: 'analytics',
      table: 'visits',
    });
    expect(table(' warehouse/Analytics.Visits ')).toEqual({
      target: 'warehouse',
      schema: 'analytics',
      table: 'visits',
    });
  });

  it('takes double-quoted names exactly', () => {
    expect(table('warehouse/"My Schema"."Visits ""2024"""')).toEqual({
      target: 'warehouse',
      schema: 'My Schema',
      table: 'Visits "2024"',
    });
  });

  it('reads the column scope', () => {
    expect(
      table(
        'warehouse/analytics.visits',
        'visitor_id, "Visited At",visitor_id',
      ),
    ).toEqual({
      target: 'warehouse',
      schema: 'analytics',
      table: 'visits',
      columns: ['visitor_id', 'Visited At'],
    });
  });

  it('is undefined without the table annotation', () => {
    expect(parseTableLocation(undefined)).toBeUndefined();
    expect(
      parseTableLocation({ 'datapact.io/postgres-columns': 'a' }),
    ).toBeUndefined();
  });

  it.each([
    ['', /expected <target>\/<schema>.<table>/],
    ['analytics.visits', /expected <target>\/<schema>.<table>/],
    ['warehouse/visits', /with both a schema and a table/],
    ['warehouse/analytics.visits; DROP TABLE x', /unexpected "; DROP TABLE x"/],
    ['warehouse/analytics.visits --', /unexpected " --"/],
    ['warehouse/analytics."visits', /expected a table name/],
    ['warehouse/analytics.""', /expected a table name/],
    ['warehouse/1analytics.visits', /expected a schema name/],
    ["warehouse/analytics.visits'", /unexpected "'"/],
    ['ware house/analytics.visits', /expected <target>/],
    [
      `warehouse/analytics.${'v'.repeat(64)}`,
      /longer than PostgreSQL's 63 bytes/,
    ],
    ['warehouse/analytics."a\0b"', /cannot contain NUL/],
  ])('refuses %j', (value, message) => {
    expect(() => table(value)).toThrow(message);
  });

  it.each([
    ['', /expected a column name/],
    ['a,', /expected a column name/],
    ['a b', /expected a comma/],
    ['a); DROP TABLE x', /expected a comma/],
  ])('refuses the columns %j', (columns, message) => {
    expect(() => table('warehouse/analytics.visits', columns)).toThrow(message);
  });
});

describe('formatTableLocation', () => {
  it('writes names back, quoting those that need it', () => {
    for (const value of [
      'warehouse/analytics.visits',
      'warehouse/"My Schema"."Visits ""2024"""',
      'warehouse/analytics."Visits"',
    ]) {
      expect(formatTableLocation(table(value)!)).toBe(value);
    }
  });
});

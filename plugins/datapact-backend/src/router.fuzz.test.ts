import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  createTestDatabases,
  requirePostgresWhenAsked,
} from './__testUtils__/databases';
import { startDatapact, TestDatapact } from './__testUtils__/startDatapact';
import { ben, mei, rahul, travelTimesRequest } from './__testUtils__/people';

/*
 * A property-based fuzz test over the OpenAPI contract: for every operation
 * of openapi.yaml, generated bodies (well shaped and hostile), query strings
 * and path ids go through the real router, as a signed-in user and as a
 * service, on SQLite and on PostgreSQL (which refuses NUL bytes and
 * over-long values that SQLite stores). Whatever the input, the answer is
 * never a 5xx, and every 4xx carries a JSON error with a message. Wrong
 * methods are a 405 that lists the path's methods in `Allow`.
 *
 * fast-check prints the seed and the shrunk counterexample on failure; rerun
 * one with `fc.assert(..., { seed, path })`.
 */

jest.setTimeout(240_000);

/** Runs per operation: about 15 operations x 2 databases within a minute each. */
const RUNS = 150;

const databases = createTestDatabases();
requirePostgresWhenAsked(databases);

const spec = parse(
  readFileSync(resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

function deref(node: any): any {
  if (node?.$ref) {
    const path = node.$ref.replace(/^#\//, '').split('/');
    return deref(path.reduce((n: any, key: string) => n[key], spec));
  }
  return node;
}

interface Operation {
  key: string;
  method: Method;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; enum?: string[] }>;
  body?: {
    required: string[];
    properties: Record<string, { type?: string; enum?: string[] }>;
  };
}

const operations: Operation[] = Object.entries<any>(spec.paths).flatMap(
  ([path, item]) =>
    METHODS.filter(m => item[m]).map(method => {
      const parameters = [
        ...(item.parameters ?? []),
        ...(item[method].parameters ?? []),
      ].map(deref);
      const schema = deref(
        item[method].requestBody?.content?.['application/json']?.schema,
      );
      return {
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        pathParams: parameters
          .filter((p: any) => p.in === 'path')
          .map((p: any) => p.name),
        query: parameters
          .filter((p: any) => p.in === 'query')
          .map((p: any) => ({
            name: p.name,
            enum:
              deref(p.schema)?.enum ??
              (deref(p.schema)?.type === 'boolean'
                ? ['true', 'false']
                : undefined),
          })),
        body: schema && {
          required: schema.required ?? [],
          properties: Object.fromEntries(
            Object.entries<any>(schema.properties ?? {}).map(([name, p]) => [
              name,
              deref(p),
            ]),
          ),
        },
      };
    }),
);

const paths = Object.keys(spec.paths);
const allowedMethods = (path: string) =>
  METHODS.filter(m => spec.paths[path][m]);

/** Percent-encoded byte by byte, so that any string (NUL, lone surrogates) reaches the router. */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map(b =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

// Strings a client could send: random text, control characters, long text,
// unicode, markup and script URLs.
const c0 = fc.integer({ min: 0, max: 31 }).map(n => String.fromCharCode(n));
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), c0, fc.string({ maxLength: 10 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    // eslint-disable-next-line no-script-url -- hostile input, never run
    'javascript:alert(1)',
    // eslint-disable-next-line no-script-url -- hostile input, never run
    'JaVaScRiPt:alert(document.cookie)',
    '<script>alert(1)</script>',
    "'; DROP TABLE datapact_access_requests; --",
    '\ud800',
    '🦄'.repeat(100),
    'ŉ̈ǰ',
    '',
    ' ',
  ),
  // Long, but within what Node accepts in a URL (16 KiB of headers).
  fc.integer({ min: 256, max: 4_000 }).map(n => 'x'.repeat(n)),
);
/** Longer than any column, for bodies (a URL could not carry it). */
const veryLong = fc
  .integer({ min: 4_000, max: 20_000 })
  .map(n => '\u00e9'.repeat(n));
const refs = fc.constantFrom(
  'dataset:default/st-mary-outpatient-travel-times',
  'dataset:default/clinic-visits-2024',
  'st-mary-outpatient-travel-times',
  'agreement:default/hospital-uni-dsa',
  'user:default/mei.tanaka',
  'dataset:',
  'dataset:default/',
  ':',
  '/',
  'dataset:default/a/b',
  'group:default/st-mary-hospital',
  'dataset:default/\u0000',
  'dataset:\u0000/x',
  `dataset:default/${'a'.repeat(300)}`,
);
const durations = fc.oneof(
  fc.constantFrom(
    'P30D',
    'P1M',
    'P300000Y',
    'P9999999999Y',
    `P${'1'.repeat(294)}D`,
    'PT1S',
    'P0D',
    '-P1D',
    'P1.5D',
    'P',
    'PT',
    'P1Y2M3W4DT5H6M7S',
    'P10Y',
    'P10Y1D',
    'P\u0000D',
  ),
  fc.nat().map(n => `P${n}D`),
  fc.nat().map(n => `PT${n}H`),
  fc.string().map(s => `P${s}`),
);
const hugeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 2 ** 64),
  fc.integer(),
);
const anyJson = fc.oneof(
  hostileString,
  hugeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }),
);

/** A plausible value for a field of this name, or a hostile one. */
function fieldValue(
  name: string,
  schema: { enum?: string[] } = {},
  existing: { requests: string[]; grants: string[] },
): fc.Arbitrary<unknown> {
  const plausible: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) plausible.push(fc.constantFrom(...schema.enum));
  if (['dataset', 'agreement', 'user'].includes(name)) plausible.push(refs);
  if (name === 'entity') {
    plausible.push(
      refs,
      fc.constantFrom(
        ...existing.requests.map(id => `access-request:${id}`),
        ...existing.grants.map(id => `grant:${id}`),
        'access-request:',
        'access-request:\u0000',
        'grant:not-a-uuid',
        `grant:${'9'.repeat(300)}`,
      ),
    );
  }
  if (name === 'duration') plausible.push(durations);
  if (name === 'purpose') {
    plausible.push(fc.constantFrom('research', 'service-planning'));
  }
  if (['limit', 'depth'].includes(name)) {
    plausible.push(
      fc.nat().map(String),
      fc.constantFrom('0', '-1', '1e3', '99999999999999999999', '1.5'),
    );
  }
  return fc.oneof(
    ...plausible.map(arbitrary => ({ arbitrary, weight: 4 })),
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: anyJson, weight: 1 },
  );
}

/** Path ids: random strings, NUL, UUIDs, ids that exist. */
const pathId = (existing: string[]) =>
  fc.oneof(
    hostileString.filter(s => s.length > 0),
    fc.uuid(),
    fc.constantFrom(...existing, '\u0000', 'a\u0000b', '..', '%'),
  );

/** A query string: known parameters with plausible or hostile values, repeats, nesting and unknown ones. */
function queryString(
  op: Operation,
  existing: { requests: string[]; grants: string[] },
): fc.Arbitrary<string> {
  const pair = (name: string, value: fc.Arbitrary<unknown>) =>
    value.map(
      v =>
        `${encode(name)}=${encode(
          typeof v === 'string' ? v : JSON.stringify(v),
        )}`,
    );
  const known = op.query.map(p =>
    fc.option(
      fc.oneof(
        pair(p.name, fieldValue(p.name, p, existing)),
        fc
          .tuple(hostileString, hostileString)
          .map(([a, b]) => `${p.name}=${encode(a)}&${p.name}=${encode(b)}`),
        hostileString.map(v => `${p.name}[x]=${encode(v)}`),
      ),
      { freq: 2 },
    ),
  );
  const unknown = fc.option(
    fc
      .tuple(hostileString, hostileString)
      .map(([k, v]) => pair(k, fc.constant(v))),
    { freq: 4 },
  );
  return fc
    .tuple(
      fc.tuple(...known),
      unknown.chain(u => u ?? fc.constant(null)),
    )
    .map(([parts, extra]) =>
      [...parts, extra].filter(p => p !== null && p !== '').join('&'),
    );
}

/** A JSON body: well shaped with plausible or hostile fields, extra fields, or not an object at all. */
function body(
  op: Operation,
  existing: { requests: string[]; grants: string[] },
): fc.Arbitrary<{ json: unknown } | { raw: string }> {
  const properties = op.body?.properties ?? {};
  const shaped = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [
        name,
        fc.oneof(
          { arbitrary: fieldValue(name, schema, existing), weight: 6 },
          { arbitrary: veryLong, weight: 1 },
        ),
      ]),
    ),
    { requiredKeys: op.body?.required ?? [] },
  );
  return fc.oneof(
    { arbitrary: shaped.map(json => ({ json })), weight: 4 },
    {
      arbitrary: fc
        .tuple(shaped, fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }))
        .map(([a, b]) => ({ json: { ...b, ...a } })),
      weight: 1,
    },
    { arbitrary: anyJson.map(json => ({ json })), weight: 1 },
    {
      arbitrary: fc
        .oneof(
          hostileString,
          fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '1e999'),
        )
        .map(raw => ({ raw })),
      weight: 1,
    },
  );
}

const callers = fc.constantFrom(mei, ben, 'service');
const header = (who: string) =>
  who === 'service'
    ? mockCredentials.service.header()
    : mockCredentials.user.header(who);

/** No 5xx, and every 4xx a JSON error with a message; `what` names the call on failure. */
function expectClientAnswer(res: request.Response, what: string) {
  const answer = `${what.slice(0, 300)} answered ${res.status} ${
    res.type
  }: ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.status >= 500) throw new Error(answer);
  // Node's HTTP server itself answers a request line or headers over its
  // 16 KiB limit with a bare 431, before any router sees it.
  if (res.status === 431) return;
  if (
    res.status >= 400 &&
    (res.type !== 'application/json' ||
      typeof res.body?.error?.message !== 'string')
  ) {
    throw new Error(`no JSON error message: ${answer}`);
  }
}

describe.each(databases.eachSupportedId())(
  'the HTTP API under fuzzing on %s',
  databaseId => {
    let api: TestDatapact;
    const existing = { requests: [] as string[], grants: [] as string[] };

    beforeAll(async () => {
      api = await startDatapact({ knex: await databases.init(databaseId) });
      // A granted request and a pending one, so that some ids exist.
      const granted = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(travelTimesRequest('Clinic hours')),
        );
      const approved = await api
        .as(ben)
        .post(`/access-requests/${granted.body.id}/decisions`, {
          decision: 'approve',
        });
      existing.requests.push(granted.body.id);
      existing.grants.push(approved.body.grant.id);
      const pending = await api
        .as(rahul)
        .post(
          '/access-requests',
          await api.as(rahul).accept(travelTimesRequest('Clinic hours again')),
        );
      existing.requests.push(pending.body.id);
      if (
        !existing.requests.every(Boolean) ||
        !existing.grants.every(Boolean)
      ) {
        throw new Error(
          'the requests and the grant to fuzz with were not made',
        );
      }
    });

    afterAll(async () => {
      await api?.stop();
    });

    // eslint-disable-next-line jest/expect-expect -- fc.assert asserts
    it.each(operations.map(op => [op.key, op] as const))(
      'answers %s with no 5xx whatever the input',
      async (_key, op) => {
        const ids = [...existing.requests, ...existing.grants];
        await fc.assert(
          fc.asyncProperty(
            callers,
            fc.tuple(...op.pathParams.map(() => pathId(ids))),
            queryString(op, existing),
            op.method === 'post' ? body(op, existing) : fc.constant(undefined),
            async (who, params, query, sent) => {
              let path = op.path;
              op.pathParams.forEach((name, i) => {
                path = path.replace(`{${name}}`, encode(params[i]));
              });
              const url = `/api/datapact${path}${query ? `?${query}` : ''}`;
              let req = request(api.server)
                [op.method](url)
                .set('Authorization', header(who));
              if (sent) {
                req = req
                  .set('Content-Type', 'application/json')
                  .send('json' in sent ? JSON.stringify(sent.json) : sent.raw);
              }
              const res = await req;
              expectClientAnswer(res, `${op.method.toUpperCase()} ${url}`);
            },
          ),
          { numRuns: RUNS },
        );
      },
    );

    // eslint-disable-next-line jest/expect-expect -- fc.assert asserts
    it('decides a request made with any duration and justification without a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          durations,
          hostileString,
          async (duration, justification) => {
            const created = await api.as(mei).post(
              '/access-requests',
              await api.as(mei).accept({
                ...travelTimesRequest(justification),
                duration,
              }),
            );
            expectClientAnswer(created, `POST ${duration} ${justification}`);
            if (created.status !== 201) return;
            const decided = await api
              .as(ben)
              .post(`/access-requests/${created.body.id}/decisions`, {
                decision: 'approve',
              });
            expectClientAnswer(decided, `approve ${duration}`);
            if (decided.status !== 201) {
              await api
                .as(mei)
                .post(`/access-requests/${created.body.id}/cancel`, {});
            }
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('answers a wrong method with 405, Allow and a JSON error', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths),
          fc.constantFrom(...METHODS),
          pathId(existing.requests),
          async (path, method, id) => {
            fc.pre(!allowedMethods(path).includes(method));
            const url = `/api/datapact${path.replace('{id}', encode(id))}`;
            const res = await request(api.server)
              [method](url)
              .set('Authorization', header(ben));
            expectClientAnswer(res, `${method.toUpperCase()} ${url}`);
            expect({ url, method, status: res.status }).toEqual({
              url,
              method,
              status: 405,
            });
            expect(res.headers.allow).toBe(
              allowedMethods(path)
                .map(m => m.toUpperCase())
                .join(', '),
            );
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('answers an unknown path with a JSON 404', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...METHODS),
          fc.constantFrom('/nope', '/access-requests/a/b/c', '/grants/x', '/'),
          async (method, path) => {
            const res = await request(api.server)
              [method](`/api/datapact${path}`)
              .set('Authorization', header(ben));
            expectClientAnswer(res, `${method.toUpperCase()} ${path}`);
            expect(res.status).toBe(404);
          },
        ),
        { numRuns: 10 },
      );
    });
  },
);

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { COSTLY_ROUTES } from './rateLimit';
import { createRouter, routeSchemas } from './router';

/*
 * What the generated types cannot check. Fields, required fields, enums and
 * the list of routes of the zod schemas are held to openapi.yaml at compile
 * time (`RouteSchemasAgree` in router.ts); here: that Express serves exactly
 * those routes, and what the spec says beyond types (rate-limited routes,
 * UUID path ids).
 */

const spec = parse(
  readFileSync(resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function deref(node: any): any {
  if (node?.$ref) {
    const path = node.$ref.replace(/^#\//, '').split('/');
    return deref(path.reduce((n: any, key: string) => n[key], spec));
  }
  return node;
}

const specRoutes = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
  METHODS.filter(m => item[m]).map(m => ({
    key: `${m.toUpperCase()} ${path}`,
    operation: item[m],
    parameters: [...(item.parameters ?? []), ...(item[m].parameters ?? [])].map(
      deref,
    ),
  })),
);

describe('the OpenAPI description', () => {
  it('describes the routes the router serves, and no others', async () => {
    const router = await createRouter({} as any);
    const served = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          m =>
            `${m.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      );
    expect(served.sort()).toEqual(Object.keys(routeSchemas).sort());
    expect(specRoutes.map(r => r.key).sort()).toEqual(
      Object.keys(routeSchemas).sort(),
    );
  });

  it('declares the 429 of the rate limit on exactly the costly routes', () => {
    expect(
      specRoutes
        .filter(r => r.operation.responses?.['429'])
        .map(r => r.key)
        .sort(),
    ).toEqual([...COSTLY_ROUTES].sort());
  });

  it('declares every path id as a UUID', () => {
    const ids = specRoutes.flatMap(r =>
      r.parameters.filter((p: any) => p.in === 'path'),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(deref(id.schema).format).toBe('uuid');
  });
});

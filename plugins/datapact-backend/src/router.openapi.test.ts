import { GOVERNANCE_RULE_IDS } from '@datapact/backstage-plugin-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { COSTLY_ROUTES } from './rateLimit';
import { createRouter, routeSchemas } from './router';

/*
 * Keeps the router, its validation schemas and openapi.yaml in step: the same
 * routes, and for each route the same body fields, required fields and enums
 * and the same query parameters.
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

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, { enum?: string[] }>;
    required?: string[];
  };

describe('the OpenAPI description', () => {
  it('has the routes the router serves, and no others', async () => {
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

  it.each(specRoutes.map(r => [r.key, r] as const))(
    'describes the body and query of %s as the router validates them',
    (key, route) => {
      const schemas = routeSchemas[key as keyof typeof routeSchemas];
      const body = 'body' in schemas ? jsonSchema(schemas.body) : undefined;
      const specBody = deref(
        route.operation.requestBody?.content?.['application/json']?.schema,
      );
      const shape = (schema?: {
        properties?: Record<string, { enum?: string[] }>;
        required?: string[];
      }) =>
        schema && {
          required: [...(schema.required ?? [])].sort(),
          properties: Object.entries(schema.properties ?? {})
            .map(([name, p]) => ({ name, enum: p.enum }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        };
      expect(shape(specBody)).toEqual(shape(body));

      const query = jsonSchema(schemas.query);
      const specQuery = route.parameters.filter((p: any) => p.in === 'query');
      expect(specQuery.map((p: any) => p.name).sort()).toEqual(
        Object.keys(query.properties ?? {}).sort(),
      );
      expect(
        specQuery.map((p: any) => ({
          name: p.name,
          enum: deref(p.schema).enum,
        })),
      ).toEqual(
        specQuery.map((p: any) => ({
          name: p.name,
          enum: query.properties![p.name].enum,
        })),
      );
    },
  );

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

  it('lists every governance rule id a finding may carry', () => {
    expect(spec.components.schemas.Finding.properties.rule.enum).toEqual([
      ...GOVERNANCE_RULE_IDS,
    ]);
  });
});

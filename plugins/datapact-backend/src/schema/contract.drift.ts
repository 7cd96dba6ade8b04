import { z } from 'zod';
import { routeSchemas } from '../router';
import { AllAgree, RouteSchemaProblems } from './contract';

/*
 * A type-level test of schema/contract.ts, run by `yarn tsc` (nothing
 * imports this file): each drift below must fail to compile, else its
 * `@ts-expect-error` is itself an error, so the check cannot quietly stop
 * checking.
 */

const create = routeSchemas['POST /access-requests'];
const list = routeSchemas['GET /access-requests'];
const { 'GET /impact': _impact, ...withoutImpact } = routeSchemas;

const extraField = {
  ...routeSchemas,
  'POST /access-requests': {
    ...create,
    body: create.body.extend({ extra: z.string().optional() }),
  },
};
const optionalPurpose = {
  ...routeSchemas,
  'POST /access-requests': {
    ...create,
    body: create.body.extend({ purpose: z.string().optional() }),
  },
};
const anyState = {
  ...routeSchemas,
  'GET /access-requests': {
    query: list.query.extend({ state: z.string().optional() }),
  },
};
const extraRoute = {
  ...routeSchemas,
  'DELETE /grants/{id}': { query: z.strictObject({}) },
};

export type Drifts = [
  AllAgree<RouteSchemaProblems<typeof routeSchemas>>,
  // @ts-expect-error a field the spec does not have, even an optional one
  AllAgree<RouteSchemaProblems<typeof extraField>>,
  // @ts-expect-error a required field made optional
  AllAgree<RouteSchemaProblems<typeof optionalPurpose>>,
  // @ts-expect-error an enum widened to any string
  AllAgree<RouteSchemaProblems<typeof anyState>>,
  // @ts-expect-error a route the spec describes, missing
  AllAgree<RouteSchemaProblems<typeof withoutImpact>>,
  // @ts-expect-error a route the spec does not describe
  AllAgree<RouteSchemaProblems<typeof extraRoute>>,
];

import { DatapactApiPaths as Paths } from '@datapact/backstage-plugin-common';
import { z } from 'zod';

/*
 * Compile-time agreement between the router's zod schemas and openapi.yaml,
 * through the types generated from it (`yarn openapi:generate`). zod stays
 * the validator, with its hostile-input rules and messages; these types only
 * make `yarn tsc` fail when a schema and the spec say different things: a
 * route, a field, whether it is required, or its type (enums included).
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type OperationOf<P extends keyof Paths, M extends Method> = Exclude<
  Paths[P][M],
  undefined
>;

/** Every `METHOD /path` that openapi.yaml describes. */
export type SpecRoute = {
  [P in keyof Paths]: {
    [M in Method]: [OperationOf<P, M>] extends [never]
      ? never
      : `${Uppercase<M>} ${P & string}`;
  }[Method];
}[keyof Paths];

type Operation<K extends SpecRoute> = K extends `${infer M} ${infer P}`
  ? OperationOf<P & keyof Paths, Lowercase<M> & Method>
  : never;

/** `{}` for "nothing", as zod's `strictObject({})` reads it. */
type OrEmpty<T> = [T] extends [never] ? {} : string extends keyof T ? {} : T;

type SpecQuery<K extends SpecRoute> = OrEmpty<
  NonNullable<Operation<K>['parameters']['query']>
>;

type SpecBody<K extends SpecRoute> = OrEmpty<
  NonNullable<Operation<K>['requestBody']>['content']['application/json']
>;

type RequiredKeys<T> = {
  [F in keyof T]-?: {} extends Pick<T, F> ? never : F;
}[keyof T];

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Whether a schema reads what the spec describes: the same fields, the same
 * required ones (what a client must send: zod's input, before defaults), and
 * the same types once parsed (zod's output: `'true'` is a boolean by then).
 */
type SchemaAgrees<S, Spec> = S extends z.ZodType
  ? FieldsAgree<OrEmpty<z.input<S>>, OrEmpty<z.output<S>>, Spec>
  : 'not a zod schema';

type FieldsAgree<In, Out, Spec> = Mutual<keyof In, keyof Spec> extends false
  ? {
      fieldsOnlyInZod: Exclude<keyof In, keyof Spec>;
      fieldsOnlyInSpec: Exclude<keyof Spec, keyof In>;
    }
  : Mutual<RequiredKeys<In>, RequiredKeys<Spec>> extends false
  ? { requiredInZod: RequiredKeys<In>; requiredInSpec: RequiredKeys<Spec> }
  : Mutual<Required<Out>, Required<Spec>> extends false
  ? { typesDiffer: [Required<Out>, Required<Spec>] }
  : true;

type EntryAgrees<E, K extends SpecRoute> = E extends { query: infer Q }
  ? SchemaAgrees<Q, SpecQuery<K>> extends true
    ? E extends { body: infer B }
      ? [SpecBody<K>] extends [never]
        ? 'a body the spec does not describe'
        : SchemaAgrees<B, SpecBody<K>> extends true
        ? true
        : { body: SchemaAgrees<B, SpecBody<K>> }
      : [NonNullable<Operation<K>['requestBody']>] extends [never]
      ? true
      : 'no body schema for a body the spec describes'
    : { query: SchemaAgrees<Q, SpecQuery<K>> }
  : 'no query schema';

/**
 * For each route of `R` (the router's `routeSchemas`) and of the spec:
 * `true`, or what disagrees.
 */
export type RouteSchemaProblems<R> = {
  [K in keyof R | SpecRoute]: K extends SpecRoute
    ? K extends keyof R
      ? EntryAgrees<R[K], K>
      : 'in openapi.yaml, not in routeSchemas'
    : 'in routeSchemas, not in openapi.yaml';
};

/** Compiles only when every entry of `T` is `true`. */
export type AllAgree<T extends { [K in keyof T]: true }> = T;

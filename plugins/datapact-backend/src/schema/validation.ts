import { InputError } from '@backstage/errors';
import {
  ACCESS_REQUEST_STATES,
  isIsoDuration,
} from '@datapact/backstage-plugin-common';
import { Duration } from 'luxon';
import { z } from 'zod';

/*
 * The bodies and queries of the HTTP API, as zod schemas; openapi.yaml
 * describes the same shapes and router.openapi.test.ts keeps them in step.
 */

const entityRef = z.string().trim().min(1).max(255);
const text = (max: number) => z.string().trim().min(1).max(max);
const flag = z.enum(['true', 'false']).transform(v => v === 'true');
const limit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(200))
  .default(50);
const cursor = z.string().min(1).max(500);

const duration = z
  .string()
  .refine(
    v => isIsoDuration(v) && Duration.fromISO(v).toMillis() > 0,
    'must be a positive ISO 8601 duration such as P30D',
  );

export const createAccessRequestBody = z.strictObject({
  dataset: entityRef,
  purpose: text(100),
  justification: text(4000),
  duration,
  agreement: entityRef.optional(),
});

export const eligibilityQuery = z.strictObject({
  dataset: entityRef,
  purpose: text(100).optional(),
  duration: duration.optional(),
  agreement: entityRef.optional(),
});

export const decideAccessRequestBody = z.strictObject({
  decision: z.enum(['approve', 'deny']),
  comment: z.string().max(4000).optional(),
});

export const cancelAccessRequestBody = z.strictObject({
  reason: z.string().max(4000).optional(),
});

export const revokeGrantBody = z.strictObject({
  reason: text(4000),
});

export const listAccessRequestsQuery = z.strictObject({
  dataset: entityRef.optional(),
  state: z.enum(ACCESS_REQUEST_STATES as [string, ...string[]]).optional(),
  mine: flag.optional(),
  toDecide: flag.optional(),
  limit,
  cursor: cursor.optional(),
});

export const listGrantsQuery = z.strictObject({
  dataset: entityRef.optional(),
  user: entityRef.optional(),
  active: flag.optional(),
  endedBySweep: flag.optional(),
  limit,
  cursor: cursor.optional(),
});

export const listAuditQuery = z.strictObject({
  entity: entityRef.optional(),
  limit,
  cursor: cursor.optional(),
});

const count = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

export const lineageQuery = z.strictObject({
  entity: entityRef,
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: count(1000).optional(),
  limit: count(100000).optional(),
});

export const impactQuery = z.strictObject({
  entity: entityRef,
});

export const findingsQuery = z.strictObject({
  entity: entityRef.optional(),
});

export const noQuery = z.strictObject({});

/**
 * Validates a body or query; a 400 that names each wrong field otherwise.
 */
export function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: 'body' | 'query',
): z.output<T> {
  const result = schema.safeParse(value ?? (part === 'query' ? {} : value));
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length ? `\`${issue.path.join('.')}\`` : part;
    return `${field} ${issue.message}`;
  });
  throw new InputError(`Invalid ${part}: ${problems.join('; ')}`);
}

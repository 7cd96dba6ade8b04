import { InputError } from '@backstage/errors';
import {
  ACCESS_REQUEST_STATES,
  AccessRequestState,
  grantDurationProblem,
  MAX_DURATION_LENGTH,
} from '@datapact/backstage-plugin-common';
import { z } from 'zod';

/*
 * The bodies and queries of the HTTP API, as zod schemas; openapi.yaml
 * describes the same shapes, and the types generated from it hold these to
 * it at compile time (`RouteSchemasAgree` in router.ts, schema/contract.ts).
 * Every string goes through `safeText`, so that what reaches a query fits
 * its column and holds no byte PostgreSQL refuses.
 */

/** C0 control characters but tab, LF and CR; NUL among them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * A string of at most `max` characters (what its column holds) without
 * control characters but tab and newlines; with `min`, also trimmed and
 * then at least `min` long.
 * The one refinement of every string the API reads.
 */
export function safeText(max: number, options: { min?: number } = {}) {
  const base = z
    .string()
    .refine(v => !CONTROL_CHARACTERS.test(v), {
      message: 'must not contain control characters',
      abort: true,
    })
    .refine(v => v.length <= max, {
      message: `must be at most ${max} characters`,
      abort: true,
    });
  return options.min === undefined
    ? base
    : base
        .transform(v => v.trim())
        .refine(v => v.length >= options.min!, {
          message: 'must not be empty',
        });
}

/** Column sizes: refs and short text live in varchar(255), long text in text columns. */
const REF_LENGTH = 255;
const LONG_TEXT = 4000;

const entityRef = safeText(REF_LENGTH, { min: 1 });
const text = (max: number) => safeText(max, { min: 1 });
const flag = z.enum(['true', 'false']).transform(v => v === 'true');
const whole = safeText(20).pipe(
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number),
);
const limit = whole.pipe(z.number().int().min(1).max(200)).default(50);
const cursor = safeText(500, { min: 1 });

/** A grant's duration: parsed, positive, at most 10 years (see common's durations). */
const duration = safeText(MAX_DURATION_LENGTH).superRefine((value, ctx) => {
  const problem = grantDurationProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The sha256 of the terms a requester accepts (`GET /access-requests/terms`). */
const acceptedTerms = z
  .string({
    error: issue =>
      issue.input === undefined
        ? 'is required: the `sha256` that `GET /access-requests/terms` answers for this dataset and agreement, sent once the requester accepted those terms'
        : 'must be a string',
  })
  .regex(
    /^[0-9a-f]{64}$/i,
    'must be the `sha256` (64 hexadecimal digits) that `GET /access-requests/terms` answers',
  )
  .transform(v => v.toLowerCase());

export const createAccessRequestBody = z.strictObject({
  dataset: entityRef,
  purpose: text(100),
  justification: text(LONG_TEXT),
  duration,
  agreement: entityRef.optional(),
  acceptedTerms,
});

export const termsQuery = z.strictObject({
  dataset: entityRef,
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
  comment: safeText(LONG_TEXT).optional(),
});

export const cancelAccessRequestBody = z.strictObject({
  reason: safeText(LONG_TEXT).optional(),
});

export const revokeGrantBody = z.strictObject({
  reason: text(LONG_TEXT),
});

export const listAccessRequestsQuery = z.strictObject({
  dataset: entityRef.optional(),
  state: z
    .enum(
      ACCESS_REQUEST_STATES as [AccessRequestState, ...AccessRequestState[]],
    )
    .optional(),
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

const count = (max: number) => whole.pipe(z.number().int().min(1).max(max));

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

/** The id of an access request or a grant, in a path or a subject. */
export const uuid = z.uuid({ message: 'must be a UUID' });

/** The path parameters of the routes under `/access-requests/{id}` and `/grants/{id}`. */
export const idParams = z.object({ id: uuid });

/**
 * Validates a body or query; a 400 that names each wrong field otherwise.
 */
export function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: 'body' | 'query' | 'path',
): z.output<T> {
  const result = schema.safeParse(value ?? (part === 'query' ? {} : value));
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length ? `\`${issue.path.join('.')}\`` : part;
    return `${field} ${issue.message}`;
  });
  throw new InputError(`Invalid ${part}: ${problems.join('; ')}`);
}

export const verifyAuditQuery = z.strictObject({
  checkpoint: safeText(2000, { min: 1 }).optional(),
  full: flag.optional(),
});

export const listCheckpointsQuery = z.strictObject({
  limit,
  cursor: cursor.optional(),
});

export const createCheckpointBody = z.strictObject({});

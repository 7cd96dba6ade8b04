import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { accessRequestResourceRef } from './resource';

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      "Entity refs the user owns or acts as, usually the user's ownershipEntityRefs",
    ),
});

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/** The request was made by one of the given users. */
const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow access requests made by one of the given users',
  resourceRef: accessRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) => lower(claims).includes(request.requester),
  toQuery: ({ claims }) => ({ key: 'requester', values: lower(claims) }),
});

/** One of the claims holds an approver steward of the dataset, or a delegate of one. */
const isApprover = createPermissionRule({
  name: 'IS_APPROVER',
  description:
    "Allow access requests for datasets of which one of the given users or groups holds an approver steward or a delegate's steward",
  resourceRef: accessRequestResourceRef,
  paramsSchema: claimsSchema,
  apply: (request, { claims }) =>
    lower(claims).some(c => request.deciders.includes(c)),
  toQuery: ({ claims }) => ({ key: 'decider', values: lower(claims) }),
});

/** The dataset's sensitivity tier, when the request was made, is one of the given tiers. */
const hasTier = createPermissionRule({
  name: 'HAS_TIER',
  description:
    'Allow access requests for datasets of one of the given sensitivity tiers',
  resourceRef: accessRequestResourceRef,
  paramsSchema: z.object({
    tiers: z
      .array(z.string())
      .describe('Sensitivity tiers, e.g. [public, internal]'),
  }),
  apply: (request, { tiers }) => tiers.includes(request.tier),
  toQuery: ({ tiers }) => ({ key: 'tier', values: tiers }),
});

/**
 * The permission rules of the access-request resource type.
 * @public
 */
export const accessRequestRules = { isRequester, isApprover, hasTier };

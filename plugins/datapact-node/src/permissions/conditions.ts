import { createConditionExports } from '@backstage/plugin-permission-node';
import { accessRequestResourceRef } from './resource';
import { accessRequestRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: accessRequestResourceRef,
  rules: accessRequestRules,
});

/**
 * Conditions on access requests for permission policies:
 * `isRequester({ claims })`, `isApprover({ claims })`, `hasTier({ tiers })`.
 * @public
 */
export const datapactAccessRequestConditions = conditions;

/**
 * Wraps conditions into a conditional decision for an access-request permission.
 * @public
 */
export const createDatapactAccessRequestConditionalDecision =
  createConditionalDecision;

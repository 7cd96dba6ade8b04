import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AccessRequestQuery } from '@datapact/backstage-plugin-node';

/**
 * Applies the criteria of a conditional decision to a query over
 * `datapact_access_requests` (aliased `alias`).
 */
export function applyAccessRequestCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<AccessRequestQuery>,
  alias: string,
  db: Knex,
): void {
  if ('allOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.allOf) {
        b.andWhere(inner => applyAccessRequestCriteria(inner, c, alias, db));
      }
    });
  } else if ('anyOf' in criteria) {
    builder.where(b => {
      for (const c of criteria.anyOf) {
        b.orWhere(inner => applyAccessRequestCriteria(inner, c, alias, db));
      }
    });
  } else if ('not' in criteria) {
    builder.whereNot(b =>
      applyAccessRequestCriteria(b, criteria.not, alias, db),
    );
  } else if (criteria.key === 'requester') {
    builder.whereIn(`${alias}.requester_ref`, criteria.values);
  } else if (criteria.key === 'tier') {
    builder.whereIn(`${alias}.tier`, criteria.values);
  } else {
    builder.whereIn(
      `${alias}.id`,
      db('datapact_request_deciders')
        .select('request_id')
        .whereIn('ref', criteria.values),
    );
  }
}

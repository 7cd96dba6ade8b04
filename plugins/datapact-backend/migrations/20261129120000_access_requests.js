// @ts-check

/*
 * Access requests, their decisions, grants and the hash-chained audit log.
 * Times are ISO 8601 UTC strings written by the plugin's clock, so that they
 * sort, compare and hash the same way on PostgreSQL and SQLite.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('datapact_access_requests', table => {
    table.comment('Requests for access to a dataset');
    table.string('id').primary().notNullable();
    table.string('dataset_ref').notNullable();
    table.string('requester_ref').notNullable();
    table.string('organization_ref').notNullable();
    table.string('purpose').notNullable();
    table.text('justification').notNullable();
    table.string('duration').notNullable();
    table.string('agreement_ref').nullable();
    table.string('state').notNullable();
    table.string('tier').notNullable();
    table.integer('approvals_required').notNullable();
    table.string('created_at').notNullable();
    table.string('updated_at').notNullable();
    table.string('pending_until').notNullable();
    table.index(['created_at', 'id'], 'datapact_access_requests_created_idx');
    table.index(['dataset_ref'], 'datapact_access_requests_dataset_idx');
    table.index(['requester_ref'], 'datapact_access_requests_requester_idx');
    table.index(
      ['state', 'pending_until'],
      'datapact_access_requests_pending_idx',
    );
  });
  // At most one pending request per requester and dataset, even under races.
  await knex.raw(
    `CREATE UNIQUE INDEX datapact_access_requests_one_pending
       ON datapact_access_requests (requester_ref, dataset_ref)
       WHERE state = 'pending'`,
  );

  await knex.schema.createTable('datapact_request_deciders', table => {
    table.comment(
      'Users and groups that could decide a request when it was made (holders of its approver stewards and of their delegates); used to list and filter, never to authorize a decision',
    );
    table
      .string('request_id')
      .notNullable()
      .references('id')
      .inTable('datapact_access_requests')
      .onDelete('CASCADE');
    table.string('ref').notNullable();
    table.primary(['request_id', 'ref']);
    table.index(['ref'], 'datapact_request_deciders_ref_idx');
  });

  await knex.schema.createTable('datapact_decisions', table => {
    table.comment('Approvals and denials of access requests');
    table.increments('id');
    table
      .string('request_id')
      .notNullable()
      .references('id')
      .inTable('datapact_access_requests')
      .onDelete('CASCADE');
    table.string('approver_ref').notNullable();
    table.string('on_behalf_of').notNullable();
    table.string('delegate').nullable();
    table.string('decision').notNullable();
    table.text('comment').nullable();
    table.string('decided_at').notNullable();
    // One decision per approver and request.
    table.unique(['request_id', 'approver_ref'], {
      indexName: 'datapact_decisions_one_per_approver',
    });
  });

  await knex.schema.createTable('datapact_grants', table => {
    table.comment('Time-bound access given by approved requests');
    table.string('id').primary().notNullable();
    table
      .string('request_id')
      .notNullable()
      .unique({ indexName: 'datapact_grants_request_idx' })
      .references('id')
      .inTable('datapact_access_requests')
      .onDelete('CASCADE');
    table.string('dataset_ref').notNullable();
    table.string('user_ref').notNullable();
    table.string('purpose').notNullable();
    table.string('granted_at').notNullable();
    table.string('expires_at').notNullable();
    table.string('revoked_at').nullable();
    table.string('revoked_by').nullable();
    table.text('revoke_reason').nullable();
    table.string('expiry_warned_at').nullable();
    table.string('expiry_handled_at').nullable();
    table.index(['dataset_ref'], 'datapact_grants_dataset_idx');
    table.index(['user_ref'], 'datapact_grants_user_idx');
    table.index(['expires_at'], 'datapact_grants_expires_idx');
  });

  await knex.schema.createTable('datapact_audit_log', table => {
    table.comment('Append-only audit log; each entry hashes the one before');
    table.integer('seq').primary().notNullable();
    table.string('at').notNullable();
    table.string('actor').notNullable();
    table.string('action').notNullable();
    table.string('subject').notNullable();
    table.string('entity').notNullable();
    table.text('details').notNullable();
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.index(['entity'], 'datapact_audit_log_entity_idx');
    table.index(['subject'], 'datapact_audit_log_subject_idx');
  });

  // The chain head: one row, locked by every append, so that appends from
  // several replicas form one chain.
  await knex.schema.createTable('datapact_audit_head', table => {
    table.comment('The last sequence number and hash of the audit log');
    table.integer('id').primary().notNullable();
    table.integer('seq').notNullable();
    table.string('hash', 64).notNullable();
  });
  await knex('datapact_audit_head').insert({
    id: 1,
    seq: 0,
    hash: '0'.repeat(64),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('datapact_audit_head');
  await knex.schema.dropTable('datapact_audit_log');
  await knex.schema.dropTable('datapact_grants');
  await knex.schema.dropTable('datapact_decisions');
  await knex.schema.dropTable('datapact_request_deciders');
  await knex.schema.dropTable('datapact_access_requests');
};

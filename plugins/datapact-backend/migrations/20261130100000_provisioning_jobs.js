// @ts-check

/*
 * Durable provisioning: every grant, revoke and expiry writes one job per
 * grant provisioner in the same transaction as the change; a worker on any
 * replica runs them with retries. A grant's jobs run one at a time, under a
 * lease on the grant row, in the order they were written.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('datapact_provisioning_jobs', table => {
    table.comment('Provisioning steps of grants, run by the worker until done');
    table.increments('id');
    table
      .string('grant_id')
      .notNullable()
      .references('id')
      .inTable('datapact_grants')
      .onDelete('CASCADE');
    table.string('provisioner').notNullable();
    table.string('action').notNullable().comment('grant or revoke');
    table
      .string('state')
      .notNullable()
      .comment('pending, done, not-applicable, failed (retried) or skipped');
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('next_attempt_at').notNullable();
    table.text('last_error').nullable();
    table.text('detail').nullable().comment('What the provisioner reported');
    table
      .text('placement')
      .nullable()
      .comment(
        'JSON: where a done grant step opened the privilege, handed back to its revoke',
      );
    table.string('created_at').notNullable();
    table.string('updated_at').notNullable();
    table.index(['grant_id'], 'datapact_provisioning_jobs_grant_idx');
    table.index(
      ['state', 'next_attempt_at'],
      'datapact_provisioning_jobs_due_idx',
    );
  });
  await knex.schema.alterTable('datapact_grants', table => {
    table
      .string('provisioning_lease_until')
      .nullable()
      .comment('Until when a worker holds this grant to run its jobs');
    table.string('provisioning_lease_owner').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('datapact_grants', table => {
    table.dropColumn('provisioning_lease_owner');
    table.dropColumn('provisioning_lease_until');
  });
  await knex.schema.dropTable('datapact_provisioning_jobs');
};

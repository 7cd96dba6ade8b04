// @ts-check

/*
 * The terms a requester accepted: the sha256 of the terms
 * `GET /access-requests/terms` answered, and the terms themselves as they
 * were worded then (JSON), so that a steward reads what was accepted even
 * after the catalog changed. Requests made before have neither.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('datapact_access_requests', table => {
    table
      .string('accepted_terms', 64)
      .nullable()
      .comment('Hex SHA-256 of the terms the requester accepted');
    table
      .text('terms')
      .nullable()
      .comment('The terms accepted, as JSON AccessTerm[]');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('datapact_access_requests', table => {
    table.dropColumn('accepted_terms');
    table.dropColumn('terms');
  });
};

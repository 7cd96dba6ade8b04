// @ts-check

/*
 * Enforcement at the access boundary:
 * - approvals count stewardships: `counts_for` names the stewardship an
 *   approval counts for, unique per request, so that a second approval for
 *   the same stewardship is refused by the database even under races;
 * - a request remembers the stewardships that must approve besides
 *   (community consent) and those that may not (the requester's own);
 * - a grant says which bound set `expires_at`, and why the lifecycle sweep
 *   ended it.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('datapact_decisions', table => {
    table
      .string('counts_for')
      .nullable()
      .comment(
        'The stewardship this approval counts for; null for denials and for approvals of a stewardship that had already approved',
      );
  });
  // Existing approvals count for their stewardship, the earliest first; a
  // later approval for the same stewardship stays recorded but no longer counts.
  const approvals = await knex('datapact_decisions')
    .select('id', 'request_id', 'on_behalf_of')
    .where('decision', 'approve')
    .orderBy('id');
  const counted = new Set();
  for (const approval of approvals) {
    const key = `${approval.request_id} ${approval.on_behalf_of}`;
    if (counted.has(key)) continue;
    counted.add(key);
    await knex('datapact_decisions')
      .where('id', approval.id)
      .update({ counts_for: approval.on_behalf_of });
  }
  await knex.schema.alterTable('datapact_decisions', table => {
    // NULLs are distinct on SQLite and PostgreSQL: only counted approvals collide.
    table.unique(['request_id', 'counts_for'], {
      indexName: 'datapact_decisions_one_per_stewardship',
    });
  });

  await knex.schema.alterTable('datapact_access_requests', table => {
    table
      .text('required_stewardships')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON list of stewardships that must approve besides approvals_required (community consent)',
      );
    table
      .text('excluded_stewardships')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON list of stewardships the requester holds or is a delegate of, which may not approve',
      );
  });

  await knex.schema.alterTable('datapact_grants', table => {
    table
      .string('expires_because')
      .notNullable()
      .defaultTo('duration')
      .comment('duration or agreement: which bound set expires_at');
    table
      .string('expires_agreement')
      .nullable()
      .comment('The agreement whose last day set expires_at');
    table
      .string('revoke_cause')
      .nullable()
      .comment('Why the lifecycle sweep ended the grant');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('datapact_grants', table => {
    table.dropColumn('revoke_cause');
    table.dropColumn('expires_agreement');
    table.dropColumn('expires_because');
  });
  await knex.schema.alterTable('datapact_access_requests', table => {
    table.dropColumn('excluded_stewardships');
    table.dropColumn('required_stewardships');
  });
  await knex.schema.alterTable('datapact_decisions', table => {
    table.dropUnique(
      ['request_id', 'counts_for'],
      'datapact_decisions_one_per_stewardship',
    );
    table.dropColumn('counts_for');
  });
};

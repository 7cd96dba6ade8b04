// @ts-check

/*
 * The latest governance evaluation of the catalog, written by one replica's
 * scheduled task and read by all. One row; `findings` is the JSON list.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('datapact_governance_snapshots', table => {
    table.comment(
      'The latest evaluation of the governance rules over the catalog',
    );
    table.integer('id').primary().notNullable();
    table.string('computed_at').notNullable();
    table.string('today').notNullable();
    table.integer('entity_count').notNullable();
    table.text('findings', 'longtext').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('datapact_governance_snapshots');
};

// @ts-check

/*
 * Idempotency keys: a POST with an `Idempotency-Key` header stores its
 * answer in the same transaction as the change it made, so that a client
 * that lost the answer (a timeout, a dropped connection, a 503) can send the
 * same request again and get the same answer instead of a second change or
 * a confusing 409.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('datapact_idempotency_keys', table => {
    table.comment('The answers of POSTs sent with an Idempotency-Key header');
    table
      .string('caller', 255)
      .notNullable()
      .comment('The user or service entity ref that sent the key');
    table.string('idempotency_key', 255).notNullable();
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment(
        'SHA-256 of the method, path and body the key was first sent with',
      );
    table.integer('status').notNullable().comment('HTTP status of the answer');
    table.text('response').nullable().comment('The answer body, JSON');
    table.string('created_at').notNullable();
    table.primary(
      ['caller', 'idempotency_key'],
      'datapact_idempotency_keys_pk',
    );
    table.index(['created_at'], 'datapact_idempotency_keys_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('datapact_idempotency_keys');
};

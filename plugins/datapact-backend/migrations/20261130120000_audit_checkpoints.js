// @ts-check

/*
 * Signed checkpoints of the audit chain: at an interval and on demand the
 * backend signs the chain head ({seq, hash, at}, Ed25519) and keeps what it
 * signed here, besides publishing it outside the database. A later
 * verification proves the chain still extends each checkpoint.
 * Never rename or edit this file once released; add a new migration instead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('datapact_audit_checkpoints', table => {
    table.comment('Signed checkpoints of the audit chain head');
    table.increments('id');
    table.integer('seq').notNullable().comment('The chain head signed');
    table.string('hash', 64).notNullable().comment('The hash of entry seq');
    table.string('at').notNullable().comment('When it was signed');
    table
      .string('key_id')
      .notNullable()
      .comment('sha256: and the SHA-256 of the public key (SPKI DER)');
    table.text('signature').notNullable().comment('Ed25519, base64url');
    table.string('created_by').notNullable();
    table.index(['seq'], 'datapact_audit_checkpoints_seq_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('datapact_audit_checkpoints');
};

import { Knex } from 'knex';
import { isPostgres } from './queryHelpers';

const MESSAGE = 'datapact_audit_log is append-only (datapact.audit.appendOnly)';

/**
 * Installs (`enabled`) or drops triggers that refuse UPDATE, DELETE and, on
 * PostgreSQL, TRUNCATE on `datapact_audit_log`, so that the plugin's own
 * database user cannot edit the log it appends to. Idempotent; replicas
 * starting together take turns under an advisory lock. A database owner
 * can still drop the triggers: checkpoints catch what they would let through.
 */
export async function applyAuditAppendOnly(
  db: Knex,
  enabled: boolean,
): Promise<void> {
  if (!isPostgres(db)) {
    for (const op of ['update', 'delete']) {
      await db.raw(`DROP TRIGGER IF EXISTS datapact_audit_log_no_${op}`);
      if (enabled) {
        await db.raw(
          `CREATE TRIGGER datapact_audit_log_no_${op}
             BEFORE ${op.toUpperCase()} ON datapact_audit_log
             BEGIN SELECT RAISE(ABORT, '${MESSAGE}'); END`,
        );
      }
    }
    return;
  }
  await db.transaction(async trx => {
    await trx.raw(
      `SELECT pg_advisory_xact_lock(hashtext('datapact_audit_append_only'))`,
    );
    await trx.raw(
      `DROP TRIGGER IF EXISTS datapact_audit_log_no_change ON datapact_audit_log`,
    );
    await trx.raw(
      `DROP TRIGGER IF EXISTS datapact_audit_log_no_truncate ON datapact_audit_log`,
    );
    if (!enabled) {
      await trx.raw(`DROP FUNCTION IF EXISTS datapact_audit_log_refuse()`);
      return;
    }
    await trx.raw(
      `CREATE OR REPLACE FUNCTION datapact_audit_log_refuse() RETURNS trigger
         LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION '${MESSAGE}: % refused', TG_OP;
         END $$`,
    );
    await trx.raw(
      `CREATE TRIGGER datapact_audit_log_no_change
         BEFORE UPDATE OR DELETE ON datapact_audit_log
         FOR EACH ROW EXECUTE FUNCTION datapact_audit_log_refuse()`,
    );
    await trx.raw(
      `CREATE TRIGGER datapact_audit_log_no_truncate
         BEFORE TRUNCATE ON datapact_audit_log
         FOR EACH STATEMENT EXECUTE FUNCTION datapact_audit_log_refuse()`,
    );
  });
}

import { Knex } from 'knex';
import { ReportedFinding } from '@datapact/backstage-plugin-common';

const TABLE = 'datapact_governance_snapshots';

/** One evaluation of the rules over the whole catalog. */
export interface FindingsSnapshot {
  computedAt: string;
  today: string;
  entities: number;
  findings: ReportedFinding[];
}

/** The row of the governance rules' snapshot. */
export const GOVERNANCE_SNAPSHOT = 1;
/** The row of the provisioning reconciliation's snapshot (drift findings). */
export const DRIFT_SNAPSHOT = 2;

/** Keeps the latest snapshot of findings of one kind, shared by every replica. */
export class FindingsStore {
  constructor(
    private readonly db: Knex,
    private readonly id: number = GOVERNANCE_SNAPSHOT,
  ) {}

  async save(snapshot: FindingsSnapshot): Promise<void> {
    await this.db(TABLE)
      .insert({
        id: this.id,
        computed_at: snapshot.computedAt,
        today: snapshot.today,
        entity_count: snapshot.entities,
        findings: JSON.stringify(snapshot.findings),
      })
      .onConflict('id')
      .merge();
  }

  async latest(): Promise<FindingsSnapshot | undefined> {
    const row = await this.db(TABLE).where({ id: this.id }).first();
    return row
      ? {
          computedAt: row.computed_at,
          today: row.today,
          entities: Number(row.entity_count),
          findings: JSON.parse(row.findings),
        }
      : undefined;
  }
}

export interface Config {
  /** Configuration for Datapact. */
  datapact?: {
    accessRequests?: {
      /**
       * How long a request may stay pending before it expires, as an ISO 8601
       * duration ('P14D'), an `ms` string ('14d') or an object ({ days: 14 }).
       * Default: 14 days.
       */
      pendingExpiry?: string | { [unit: string]: number };
      /**
       * The longest grant a request may ask for when the dataset sets no
       * `spec.access.maxDuration`, as an ISO 8601 duration. Default: P365D.
       */
      defaultMaxDuration?: string;
    };
    grants?: {
      /**
       * How long before a grant expires its holder is notified, in the same
       * forms as `pendingExpiry`. Default: 3 days.
       */
      expiryWarning?: string | { [unit: string]: number };
    };
    /**
     * How long the backend remembers what it read from the catalog (datasets,
     * stewards, groups, agreements) to judge requests, in the same forms as
     * `pendingExpiry`; 0 reads the catalog every time. Default: 10 seconds.
     */
    catalogCacheTtl?: string | { [unit: string]: number };
    /**
     * How often the expiry sweep runs (on one replica at a time), in the
     * same forms as `pendingExpiry`. Default: 1 minute.
     */
    sweepFrequency?: string | { [unit: string]: number };
    lineage?: {
      /** Hops walked when a lineage request gives no depth. Default: 3. */
      defaultDepth?: number;
      /** The deepest lineage a request may ask for (and the depth of impact analysis). Default: 10. */
      maxDepth?: number;
      /** Nodes returned when a lineage request gives no limit. Default: 500. */
      defaultLimit?: number;
      /** The most nodes a lineage or impact request returns. Default: 5000. */
      maxLimit?: number;
      /**
       * How often each replica's lineage index asks the catalog what changed
       * (one request listing every dataset's, group's and agreement's etag,
       * then a read of what changed), in the same forms as `pendingExpiry`.
       * A lineage change shows this long, at most, after the catalog has
       * stitched it. The poll runs only while lineage is in use (a lineage or
       * impact request in the last 10 minutes), and at most every four times
       * what the catalog took to answer the last one. Default: 5 seconds.
       */
      indexRefresh?: string | { [unit: string]: number };
    };
    /**
     * Groups whose members read the whole audit log (`GET /audit`), as entity
     * refs such as `group:default/legal`; a bare name is a Group in the default
     * namespace. Used by `DatapactPermissionPolicy.fromConfig`, so it applies
     * where the permission backend runs that policy. Others read the entries
     * of the requests they made or may decide. Default: none.
     */
    auditors?: string[];
    provisioning?: {
      /**
       * How often each replica runs the provisioning jobs that are due (a
       * change also starts a run at once on the replica that made it;
       * failed jobs are retried with exponential backoff from 2 seconds to
       * 5 minutes), in the same forms as `pendingExpiry`. Default: 5 seconds.
       */
      interval?: string | { [unit: string]: number };
      /**
       * Whether a change also starts a run at once on the replica that made
       * it (otherwise jobs wait for the next interval). Default: true.
       */
      runAfterCommit?: boolean;
      /**
       * What reconciliation does with drift between the targets' real
       * privileges and the active grants: `report` it as findings (rule
       * `provisioning-drift`), or `enforce`: also take back privileges no
       * grant explains and open again those a grant should have.
       * Default: report.
       */
      reconcile?: 'report' | 'enforce';
      /**
       * How often reconciliation runs (on one replica at a time), in the same
       * forms as `pendingExpiry`. Default: 10 minutes.
       */
      reconcileInterval?: string | { [unit: string]: number };
    };
    governance?: {
      /**
       * How often the governance rules are evaluated over the whole catalog
       * (on one replica at a time), in the same forms as `pendingExpiry`.
       * Default: 1 minute.
       */
      frequency?: string | { [unit: string]: number };
    };
  };
}

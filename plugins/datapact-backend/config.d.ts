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
    catalog?: {
      /**
       * How long the backend remembers what it read from the catalog
       * (datasets, stewards, groups, agreements) to judge requests, in the
       * same forms as `accessRequests.pendingExpiry`; 0 reads the catalog
       * every time. Default: 10 seconds.
       */
      cacheTtl?: string | { [unit: string]: number };
    };
    /**
     * @deprecated Use `datapact.catalog.cacheTtl`; still read when that is
     * not set.
     */
    catalogCacheTtl?: string | { [unit: string]: number };
    /**
     * The expiry sweep (the `global` task `datapact-expiry-sweep`): expires
     * overdue requests and grants, ends grants whose basis no longer holds,
     * warns holders of grants that end soon, forgets old idempotency keys.
     */
    expirySweep?: {
      /**
       * How often the sweep runs (on one replica at a time), in the same
       * forms as `accessRequests.pendingExpiry`. Default: 1 minute.
       */
      frequency?: string | { [unit: string]: number };
    };
    /**
     * @deprecated Use `datapact.expirySweep.frequency`; still read when that
     * is not set.
     */
    sweepFrequency?: string | { [unit: string]: number };
    /**
     * Limits of the plugin's transactions on PostgreSQL, so that a replica
     * that stalls inside a transaction (every write takes the audit chain's
     * head row) cannot hold the other replicas' writes for long.
     */
    database?: {
      /**
       * `lock_timeout`: how long a transaction waits for a row lock before it
       * is given up (the client gets a 503 with `Retry-After` and may send
       * it again), in the same forms as `pendingExpiry`. Default: 3 seconds.
       */
      lockTimeout?: string | { [unit: string]: number };
      /**
       * `idle_in_transaction_session_timeout`: how long a session may stay
       * idle inside a transaction before PostgreSQL ends it and releases its
       * locks. Default: 2 seconds.
       */
      idleInTransactionTimeout?: string | { [unit: string]: number };
    };
    idempotency?: {
      /**
       * How long the answer to a POST sent with an `Idempotency-Key` is kept
       * (the same key within this time gets the same answer), in the same
       * forms as `accessRequests.pendingExpiry`. Default: 24 hours.
       */
      keyRetention?: string | { [unit: string]: number };
    };
    /**
     * @deprecated Use `datapact.idempotency.keyRetention`; still read when
     * that is not set.
     */
    idempotencyKeyRetention?: string | { [unit: string]: number };
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
      indexRefreshFrequency?: string | { [unit: string]: number };
      /**
       * @deprecated Use `datapact.lineage.indexRefreshFrequency`; still read
       * when that is not set.
       */
      indexRefresh?: string | { [unit: string]: number };
    };
    /**
     * @deprecated Use `datapact.audit.auditors`; still read when that is not
     * set.
     */
    auditors?: string[];
    audit?: {
      /**
       * Groups whose members read the whole audit log (`GET /audit`), as
       * entity refs such as `group:default/legal`; a bare name is a Group in
       * the default namespace. Used by `DatapactPermissionPolicy.fromConfig`,
       * so it applies where the permission backend runs that policy. Others
       * read the entries of the requests they made or may decide.
       * Default: none.
       */
      auditors?: string[];
      /**
       * On PostgreSQL (and SQLite), install triggers at startup that refuse
       * UPDATE, DELETE and TRUNCATE on `datapact_audit_log`, so that the
       * plugin's own database user cannot edit the log; dropped at startup
       * when false. A database owner can still drop them. Default: false.
       */
      appendOnly?: boolean;
      /**
       * Signed checkpoints of the audit chain: the chain head
       * (`{seq, hash, at}`) signed with Ed25519, kept, and published through
       * the Backstage auditor service and the sink. Off without `privateKey`.
       */
      checkpoints?: {
        /**
         * How often the chain head is signed (when it moved since the last
         * checkpoint), in the same forms as `accessRequests.pendingExpiry`.
         * Default: 15 minutes.
         */
        frequency?: string | { [unit: string]: number };
        /**
         * @deprecated Use `datapact.audit.checkpoints.frequency`; still read
         * when that is not set.
         */
        interval?: string | { [unit: string]: number };
        /**
         * The Ed25519 signing key, PEM PKCS#8, as
         * `openssl genpkey -algorithm ed25519` writes it.
         * @visibility secret
         */
        privateKey?: string;
        /** Where each checkpoint is published besides the database. */
        sink?: {
          /** A file that gets one JSON line per checkpoint. */
          file?: string;
          /** A URL each checkpoint is POSTed to as JSON. */
          url?: string;
        };
      };
    };
    provisioning?: {
      /**
       * How often each replica runs the provisioning jobs that are due (a
       * change also starts a run at once on the replica that made it;
       * failed jobs are retried with exponential backoff from 2 seconds to
       * 5 minutes), in the same forms as `accessRequests.pendingExpiry`.
       * Default: 5 seconds.
       */
      frequency?: string | { [unit: string]: number };
      /**
       * @deprecated Use `datapact.provisioning.frequency`; still read when
       * that is not set.
       */
      interval?: string | { [unit: string]: number };
      /**
       * Whether a change also starts a run at once on the replica that made
       * it (otherwise jobs wait for the next run). Default: true.
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
       * forms as `accessRequests.pendingExpiry`. Default: 10 minutes.
       */
      reconcileFrequency?: string | { [unit: string]: number };
      /**
       * @deprecated Use `datapact.provisioning.reconcileFrequency`; still read
       * when that is not set.
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
    /**
     * The per-caller rate limit of the costly endpoints (GET /audit/verify,
     * /lineage, /impact, /findings, /access-requests/eligibility and POST
     * /access-requests), counted together, in each replica's memory; a
     * caller over it gets 429 with Retry-After.
     */
    rateLimit?: {
      /** Whether the limit applies at all. Default: true. */
      enabled?: boolean;
      /** Calls a caller may make per window (and at once). Default: 600. */
      limit?: number;
      /**
       * The window, in the same forms as `accessRequests.pendingExpiry`.
       * Default: 1 minute.
       */
      window?: string | { [unit: string]: number };
    };
  };
}

export interface Config {
  /** Configuration for Datapact. */
  datapact?: {
    /**
     * The PostgreSQL grant provisioner: turns Datapact grants into `SELECT`
     * privileges on the tables that Datasets name in their
     * `datapact.io/postgres-table` annotation, and takes them back.
     */
    postgresGrants?: {
      /**
       * The PostgreSQL databases the provisioner manages, by the name that
       * `datapact.io/postgres-table: <target>/<schema>.<table>` uses.
       */
      targets?: {
        [name: string]: {
          /**
           * How to reach the database: a connection string
           * (`postgresql://user:password@host:5432/warehouse?sslmode=require`)
           * or its parts. The login role must own the tables (or hold SELECT
           * WITH GRANT OPTION on them) and be a member of `pg_signal_backend`
           * to end sessions.
           * @visibility secret
           */
          connection:
            | string
            | {
                host: string;
                /** Default: 5432. */
                port?: number;
                user: string;
                /** @visibility secret */
                password?: string;
                database: string;
              };
        };
      };
      /**
       * The role a user maps to when the User entity has no
       * `datapact.io/postgres-role` annotation. `{{ name }}` and
       * `{{ namespace }}` are the user's entity name and namespace, as in
       * `user:<namespace>/<name>`. Default: `{{ name }}`
       * (`user:default/tomas.novak` → role `tomas.novak`).
       */
      roleTemplate?: string;
      /**
       * Whether taking a privilege back also ends the role's open sessions on
       * that target's database (`pg_terminate_backend`). Default: true.
       */
      terminateSessions?: boolean;
      /**
       * The longest the provisioner waits to connect to a target and for each
       * statement, so that an unreachable target fails fast and the step is
       * retried: an ISO 8601 duration ('PT5S'), an `ms` string ('5s') or an
       * object ({ seconds: 5 }). Default: 5 seconds.
       */
      timeout?: string | { [unit: string]: number };
    };
  };
}

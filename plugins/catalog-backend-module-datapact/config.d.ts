export interface Config {
  /** Configuration for Datapact. */
  datapact?: {
    /**
     * The sensitivity scale, lowest first. Defaults to
     * public, internal, confidential, restricted.
     * @visibility frontend
     */
    sensitivityTiers?: string[];
  };
}

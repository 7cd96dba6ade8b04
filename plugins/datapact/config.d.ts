export interface Config {
  /** Configuration for Datapact. */
  datapact?: {
    /**
     * The sensitivity scale, lowest first, as the portal shows it (tier
     * chips, the lineage legend, the tier filter). The backend and the
     * catalog module read the same key. Defaults to public, internal,
     * confidential, restricted.
     * @visibility frontend
     */
    sensitivityTiers?: string[];
  };
}

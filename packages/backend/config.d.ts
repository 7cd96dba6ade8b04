export interface Config {
  auth?: {
    providers?: {
      /**
       * The demo persona provider (src/modules/demoPersonaAuth.ts): anyone
       * may sign in as any catalog user. Only app-config.demo.yaml sets it.
       */
      demo?: {
        /** The provider registers only when this is true. */
        enabled?: boolean;
        /** Allows the provider when NODE_ENV is not development (benchmarks, fault suite). */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
  datapact?: {
    demo?: {
      /**
       * Group refs whose members may create and delete catalog locations and
       * entities under the demo permission policy; nobody else may.
       */
      adminGroups?: string[];
    };
  };
}

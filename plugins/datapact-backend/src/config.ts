import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { isIsoDuration } from '@datapact/backstage-plugin-common';
import { Duration } from 'luxon';
import {
  DEFAULT_TRANSACTION_LIMITS,
  TransactionLimits,
} from './database/DatapactStores';
import { ReconcileMode } from './provisioning/Reconciliation';
import { LineageLimits } from './services/Lineage';
import { RateLimitConfig, readRateLimitConfig } from './rateLimit';

/** The Datapact backend's settings, read once at startup (see config.d.ts). */
export interface DatapactConfig {
  /** How long a request may stay pending. */
  pendingExpiry: Duration;
  /** The longest grant when a dataset sets no `maxDuration` (ISO 8601). */
  defaultMaxDuration: string;
  /** How long before a grant expires its holder is notified. */
  expiryWarning: Duration;
  /** How often the expiry sweep runs. */
  expirySweepFrequency: HumanDuration;
  /** How long catalog reads are remembered, in milliseconds. */
  catalogCacheTtlMs: number;
  /** The sensitivity scale, lowest first, when configured. */
  sensitivityTiers?: string[];
  /** Depth and node limits of the lineage endpoints. */
  lineage: LineageLimits;
  /** How often the governance rules are evaluated over the catalog. */
  governanceFrequency: HumanDuration;
  /** How often each replica's lineage index polls the catalog for changes. */
  lineageIndexRefreshFrequency: HumanDuration;
  /** How often each replica runs the provisioning jobs that are due. */
  provisioningFrequency: HumanDuration;
  /** Whether a change starts a provisioning run at once on its replica. */
  provisioningRunAfterCommit: boolean;
  /** How often the targets' privileges are compared with the grants. */
  reconcileFrequency: HumanDuration;
  /** Whether reconciliation only reports drift or also takes back what no grant explains. */
  reconcile: ReconcileMode;
  /** The per-caller rate limit of the costly endpoints. */
  rateLimit: RateLimitConfig;
  /** The lock and idle-in-transaction timeouts of the plugin's transactions (PostgreSQL). */
  transactions: TransactionLimits;
  /** How long the answer to an `Idempotency-Key` is kept. */
  idempotencyKeyRetention: Duration;
}

/**
 * Keys renamed to one naming scheme (every key under an area object, every
 * scheduled task's period a `frequency`, as in Backstage's scheduler config),
 * each with the deprecated key it replaces. The deprecated key is still read
 * when the new one is not set; `datapact.auditors` →
 * `datapact.audit.auditors` is read the same way by
 * `DatapactPermissionPolicy.fromConfig`.
 */
export const RENAMED_CONFIG_KEYS: ReadonlyArray<{
  key: string;
  deprecated: string;
}> = [
  { key: 'datapact.catalog.cacheTtl', deprecated: 'datapact.catalogCacheTtl' },
  {
    key: 'datapact.expirySweep.frequency',
    deprecated: 'datapact.sweepFrequency',
  },
  {
    key: 'datapact.idempotency.keyRetention',
    deprecated: 'datapact.idempotencyKeyRetention',
  },
  {
    key: 'datapact.lineage.indexRefreshFrequency',
    deprecated: 'datapact.lineage.indexRefresh',
  },
  {
    key: 'datapact.provisioning.frequency',
    deprecated: 'datapact.provisioning.interval',
  },
  {
    key: 'datapact.provisioning.reconcileFrequency',
    deprecated: 'datapact.provisioning.reconcileInterval',
  },
  {
    key: 'datapact.audit.checkpoints.frequency',
    deprecated: 'datapact.audit.checkpoints.interval',
  },
];

/**
 * The key that holds the setting `key`: `key` itself, or the deprecated key
 * it replaced when only that one is set (with a warning), or `key` when
 * neither is set. Both set is an error, since one would silently win.
 */
function presentKey(config: Config, key: string, logger: LoggerService) {
  const deprecated = RENAMED_CONFIG_KEYS.find(r => r.key === key)?.deprecated;
  if (!deprecated || !config.has(deprecated)) return key;
  if (config.has(key)) {
    throw new Error(
      `Both ${key} and its deprecated name ${deprecated} are set: remove ${deprecated} (\`backstage-cli config:check --deprecated\` names the file that sets it)`,
    );
  }
  logger.warn(`${deprecated} is deprecated: rename it to ${key}`);
  return deprecated;
}

function millis(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) return fallbackMs;
  const ms = Duration.fromObject(
    readDurationFromConfig(config, { key }),
  ).toMillis();
  if (!(ms > 0 && ms <= 3_600_000)) {
    throw new Error(`${key} must be a duration above 0 and at most an hour`);
  }
  return ms;
}

function duration(config: Config, key: string, fallback: HumanDuration) {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

function readReconcileMode(config: Config): ReconcileMode {
  const mode =
    config.getOptionalString('datapact.provisioning.reconcile') ?? 'report';
  if (mode !== 'report' && mode !== 'enforce') {
    throw new Error(
      `datapact.provisioning.reconcile must be report or enforce, not ${mode}`,
    );
  }
  return mode;
}

/**
 * Reads `datapact` (see config.d.ts); a deprecated key still set is read with
 * a warning on `logger`.
 */
export function readDatapactConfig(
  config: Config,
  logger: LoggerService,
): DatapactConfig {
  const renamed = (key: string, fallback: HumanDuration) =>
    duration(config, presentKey(config, key, logger), fallback);
  const defaultMaxDuration =
    config.getOptionalString('datapact.accessRequests.defaultMaxDuration') ??
    'P365D';
  if (!isIsoDuration(defaultMaxDuration)) {
    throw new Error(
      `datapact.accessRequests.defaultMaxDuration must be an ISO 8601 duration such as P90D, not ${defaultMaxDuration}`,
    );
  }
  return {
    transactions: {
      lockTimeoutMs: millis(
        config,
        'datapact.database.lockTimeout',
        DEFAULT_TRANSACTION_LIMITS.lockTimeoutMs,
      ),
      idleInTransactionTimeoutMs: millis(
        config,
        'datapact.database.idleInTransactionTimeout',
        DEFAULT_TRANSACTION_LIMITS.idleInTransactionTimeoutMs,
      ),
    },
    idempotencyKeyRetention: Duration.fromObject(
      renamed('datapact.idempotency.keyRetention', { hours: 24 }),
    ),
    pendingExpiry: Duration.fromObject(
      duration(config, 'datapact.accessRequests.pendingExpiry', { days: 14 }),
    ),
    defaultMaxDuration,
    expiryWarning: Duration.fromObject(
      duration(config, 'datapact.grants.expiryWarning', { days: 3 }),
    ),
    expirySweepFrequency: renamed('datapact.expirySweep.frequency', {
      minutes: 1,
    }),
    catalogCacheTtlMs: Duration.fromObject(
      renamed('datapact.catalog.cacheTtl', { seconds: 10 }),
    ).toMillis(),
    sensitivityTiers: config.getOptionalStringArray(
      'datapact.sensitivityTiers',
    ),
    lineage: {
      defaultDepth:
        config.getOptionalNumber('datapact.lineage.defaultDepth') ?? 3,
      maxDepth: config.getOptionalNumber('datapact.lineage.maxDepth') ?? 10,
      defaultLimit:
        config.getOptionalNumber('datapact.lineage.defaultLimit') ?? 500,
      maxLimit: config.getOptionalNumber('datapact.lineage.maxLimit') ?? 5000,
    },
    governanceFrequency: duration(config, 'datapact.governance.frequency', {
      minutes: 1,
    }),
    lineageIndexRefreshFrequency: renamed(
      'datapact.lineage.indexRefreshFrequency',
      { seconds: 5 },
    ),
    provisioningFrequency: renamed('datapact.provisioning.frequency', {
      seconds: 5,
    }),
    reconcileFrequency: renamed('datapact.provisioning.reconcileFrequency', {
      minutes: 10,
    }),
    reconcile: readReconcileMode(config),
    rateLimit: readRateLimitConfig(config),
    provisioningRunAfterCommit:
      config.getOptionalBoolean('datapact.provisioning.runAfterCommit') ?? true,
  };
}

/** The audit log's settings (`datapact.audit`). */
export interface AuditLogConfig {
  /** Whether triggers refuse UPDATE, DELETE and TRUNCATE on the log. */
  appendOnly: boolean;
  checkpoints: {
    /** How often the chain head is signed, when it moved. */
    frequency: HumanDuration;
    /** The Ed25519 signing key, PEM PKCS#8; checkpoints are off without it. */
    privateKey?: string;
    sink: { file?: string; url?: string };
  };
}

/**
 * Reads `datapact.audit` (see config.d.ts); a deprecated key still set is read
 * with a warning on `logger`.
 */
export function readAuditLogConfig(
  config: Config,
  logger: LoggerService,
): AuditLogConfig {
  const key = 'datapact.audit.checkpoints';
  return {
    appendOnly: config.getOptionalBoolean('datapact.audit.appendOnly') ?? false,
    checkpoints: {
      frequency: duration(
        config,
        presentKey(config, `${key}.frequency`, logger),
        { minutes: 15 },
      ),
      privateKey: config.getOptionalString(`${key}.privateKey`),
      sink: {
        file: config.getOptionalString(`${key}.sink.file`),
        url: config.getOptionalString(`${key}.sink.url`),
      },
    },
  };
}

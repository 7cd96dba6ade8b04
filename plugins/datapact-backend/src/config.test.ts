import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { Duration } from 'luxon';
import {
  readAuditLogConfig,
  readDatapactConfig,
  RENAMED_CONFIG_KEYS,
} from './config';

/** Config data with each dotted key set to its value. */
function configWith(values: Record<string, JsonObject>): JsonObject {
  const data: JsonObject = {};
  for (const [key, value] of Object.entries(values)) {
    const path = key.split('.');
    let node = data;
    for (const part of path.slice(0, -1)) {
      node = (node[part] ??= {}) as JsonObject;
    }
    node[path[path.length - 1]] = value;
  }
  return data;
}

/** What the backend ends up with for each renamed setting, in milliseconds. */
function readRenamedSettings(
  data: JsonObject,
  logger = mockServices.logger.mock(),
) {
  const config = new ConfigReader(data);
  const datapact = readDatapactConfig(config, logger);
  const audit = readAuditLogConfig(config, logger);
  const ms = (d: Parameters<typeof Duration.fromObject>[0]) =>
    Duration.fromObject(d).toMillis();
  return {
    'datapact.catalog.cacheTtl': datapact.catalogCacheTtlMs,
    'datapact.expirySweep.frequency': ms(datapact.expirySweepFrequency),
    'datapact.idempotency.keyRetention':
      datapact.idempotencyKeyRetention.toMillis(),
    'datapact.lineage.indexRefreshFrequency': ms(
      datapact.lineageIndexRefreshFrequency,
    ),
    'datapact.provisioning.frequency': ms(datapact.provisioningFrequency),
    'datapact.provisioning.reconcileFrequency': ms(datapact.reconcileFrequency),
    'datapact.audit.checkpoints.frequency': ms(audit.checkpoints.frequency),
  } as Record<string, number>;
}

// A distinct value per setting, so that a key read into the wrong setting shows.
const seconds = (i: number) => 7 + i;
const expected = Object.fromEntries(
  RENAMED_CONFIG_KEYS.map(({ key }, i) => [key, seconds(i) * 1000]),
);

describe('config keys', () => {
  it('reads every renamed setting from its key, without a warning', () => {
    const logger = mockServices.logger.mock();
    const settings = readRenamedSettings(
      configWith(
        Object.fromEntries(
          RENAMED_CONFIG_KEYS.map(({ key }, i) => [
            key,
            { seconds: seconds(i) },
          ]),
        ),
      ),
      logger,
    );
    expect(settings).toEqual(expected);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('still reads each deprecated key, with one warning naming it and its new key', () => {
    const logger = mockServices.logger.mock();
    const settings = readRenamedSettings(
      configWith(
        Object.fromEntries(
          RENAMED_CONFIG_KEYS.map(({ deprecated }, i) => [
            deprecated,
            { seconds: seconds(i) },
          ]),
        ),
      ),
      logger,
    );
    expect(settings).toEqual(expected);
    expect(logger.warn).toHaveBeenCalledTimes(RENAMED_CONFIG_KEYS.length);
    for (const { key, deprecated } of RENAMED_CONFIG_KEYS) {
      expect(logger.warn).toHaveBeenCalledWith(
        `${deprecated} is deprecated: rename it to ${key}`,
      );
    }
  });

  it('keeps the defaults when neither key is set', () => {
    expect(readRenamedSettings({})).toEqual({
      'datapact.catalog.cacheTtl': 10_000,
      'datapact.expirySweep.frequency': 60_000,
      'datapact.idempotency.keyRetention': 24 * 3_600_000,
      'datapact.lineage.indexRefreshFrequency': 5_000,
      'datapact.provisioning.frequency': 5_000,
      'datapact.provisioning.reconcileFrequency': 600_000,
      'datapact.audit.checkpoints.frequency': 900_000,
    });
  });

  it.each(RENAMED_CONFIG_KEYS)(
    'refuses $key and $deprecated both set',
    ({ key, deprecated }) => {
      expect(() =>
        readRenamedSettings(
          configWith({ [key]: { seconds: 1 }, [deprecated]: { seconds: 2 } }),
        ),
      ).toThrow(
        `Both ${key} and its deprecated name ${deprecated} are set: remove ${deprecated}`,
      );
    },
  );
});

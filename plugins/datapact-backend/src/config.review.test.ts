import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DatapactPermissionPolicy } from '@datapact/backstage-plugin-node';
import { readAuditLogConfig, readDatapactConfig } from './config';

/*
 * A hostile review of the renamed config keys (issue 15). `holds:` tests
 * check attacks that held; the others pin a defect the review found and fail
 * until it is fixed.
 */

/** An app's config as Backstage loads it: a base file and an overlay. */
function appConfig(base: object, production: object) {
  return ConfigReader.fromConfigs([
    { context: 'app-config.yaml', data: base as any },
    { context: 'app-config.production.yaml', data: production as any },
  ]);
}

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an error, read succeeded');
}

describe('review: renamed config keys', () => {
  const logger = mockServices.logger.mock();

  it('holds: an old key in app-config.yaml and its new name in the production overlay is an error naming both keys', () => {
    const config = appConfig(
      { datapact: { sweepFrequency: '5m' } },
      { datapact: { expirySweep: { frequency: '1m' } } },
    );
    const message = errorOf(() => readDatapactConfig(config, logger));
    expect(message).toContain('datapact.expirySweep.frequency');
    expect(message).toContain('datapact.sweepFrequency');
  });

  it('the error for an old and a new key set in different files says how to find the file that holds the old key', () => {
    // The old key usually sits in a base file the adopter no longer looks at,
    // while they just added the new one to an overlay. Backstage's Config
    // does not tell a reader which file set a key, but
    // `backstage-cli config:check --deprecated` lists each deprecated key
    // with its file.
    const config = appConfig(
      { datapact: { sweepFrequency: '5m' } },
      { datapact: { expirySweep: { frequency: '1m' } } },
    );
    expect(errorOf(() => readDatapactConfig(config, logger))).toContain(
      '`backstage-cli config:check --deprecated` names the file that sets it',
    );
  });

  it('holds: the same for datapact.auditors read by the policy', () => {
    const config = appConfig(
      { datapact: { auditors: ['group:default/legal'] } },
      { datapact: { audit: { auditors: ['group:default/audit'] } } },
    );
    const message = errorOf(() =>
      DatapactPermissionPolicy.fromConfig(config, { logger }),
    );
    expect(message).toContain('datapact.audit.auditors');
    expect(message).toContain('datapact.auditors');
  });

  it.each([
    ['datapact.sweepFrequency', { sweepFrequency: 'banana' }],
    ['datapact.catalogCacheTtl', { catalogCacheTtl: 'banana' }],
    [
      'datapact.idempotencyKeyRetention',
      { idempotencyKeyRetention: { fortnights: 1 } },
    ],
    ['datapact.lineage.indexRefresh', { lineage: { indexRefresh: 42 } }],
    [
      'datapact.provisioning.interval',
      { provisioning: { interval: 'banana' } },
    ],
  ])(
    'holds: an invalid value under the old key %s is reported under the key the user wrote',
    (key, datapact) => {
      const message = errorOf(() =>
        readDatapactConfig(new ConfigReader({ datapact }), logger),
      );
      expect(message).toContain(key);
    },
  );

  it('holds: an invalid value under the old audit checkpoint key is reported under that key', () => {
    const message = errorOf(() =>
      readAuditLogConfig(
        new ConfigReader({
          datapact: { audit: { checkpoints: { interval: 'banana' } } },
        }),
        logger,
      ),
    );
    expect(message).toContain('datapact.audit.checkpoints.interval');
  });

  it('holds: an old key that an overlay tries to switch off with null, next to the new key, is not an error', () => {
    // An adopter who cannot edit a shared base file writes `null` in an
    // overlay to remove a key (Backstage config merging honours null).
    const config = appConfig(
      { datapact: { catalogCacheTtl: '5s' } },
      { datapact: { catalogCacheTtl: null, catalog: { cacheTtl: '1s' } } },
    );
    expect(readDatapactConfig(config, logger).catalogCacheTtlMs).toBe(1000);
  });

  it('holds: the invalid auditors value under the old key names the old key', () => {
    const message = errorOf(() =>
      DatapactPermissionPolicy.fromConfig(
        new ConfigReader({ datapact: { auditors: 'group:default/legal' } }),
        { logger },
      ),
    );
    expect(message).toContain('datapact.auditors');
  });
});

import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  datapactGrantProvisionersExtensionPoint,
  GrantProvisioner,
} from '@datapact/backstage-plugin-node';
import { datapactModulePostgresGrants } from './module';
import { PostgresGrantProvisioner } from './PostgresGrantProvisioner';

describe('datapactModulePostgresGrants', () => {
  it('adds the PostgreSQL provisioner and closes it on shutdown', async () => {
    const added: GrantProvisioner[] = [];
    // Stands in for the Datapact backend, which owns the extension point.
    const datapact = createBackendPlugin({
      pluginId: 'datapact',
      register(reg) {
        reg.registerExtensionPoint(datapactGrantProvisionersExtensionPoint, {
          addGrantProvisioner: (...provisioners) => added.push(...provisioners),
        });
        reg.registerInit({ deps: {}, async init() {} });
      },
    });
    const close = jest.spyOn(PostgresGrantProvisioner.prototype, 'close');

    const backend = await startTestBackend({
      features: [
        datapact,
        datapactModulePostgresGrants,
        mockServices.rootConfig.factory({
          data: {
            datapact: {
              postgresGrants: {
                targets: {
                  warehouse: {
                    connection:
                      'postgresql://provisioner:secret@127.0.0.1:1/warehouse',
                  },
                },
              },
            },
          },
        }),
      ],
    });

    expect(added).toHaveLength(1);
    expect(added[0]).toBeInstanceOf(PostgresGrantProvisioner);
    expect(added[0].name).toBe('postgres');
    await backend.stop();
    expect(close).toHaveBeenCalledTimes(1);
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Grant } from '@datapact/backstage-plugin-common';
import {
  grant,
  provisioning,
  provisioningStep as step,
} from '../../__testUtils__/entities';
import { formatDateTime } from '../../lib/time';
import { GrantProvisioningStatus } from './GrantProvisioningStatus';

async function lines(of: Grant): Promise<string[]> {
  await renderInTestApp(<GrantProvisioningStatus grant={of} />);
  return screen
    .queryAllByTestId('grant-provisioning')
    .map(line => line.textContent ?? '');
}

describe('GrantProvisioningStatus', () => {
  it('says the access is ready once the provisioner opened it', async () => {
    expect(await lines(grant({ provisioning: provisioning() }))).toEqual([
      'Access is ready',
    ]);
  });

  it('says the access is being opened while a step is pending', async () => {
    expect(
      await lines(
        grant({
          provisioning: provisioning({
            state: 'pending',
            steps: [step({ state: 'pending', attempts: 0 })],
          }),
        }),
      ),
    ).toEqual(['Opening access…']);
  });

  it('shows a failure with its error and when it is retried', async () => {
    const retryAt = '2026-11-21T10:05:00.000Z';
    const [line] = await lines(
      grant({
        provisioning: provisioning({
          state: 'failed',
          steps: [
            step({
              state: 'failed',
              attempts: 2,
              lastError: 'connection refused',
              nextAttemptAt: retryAt,
            }),
          ],
        }),
      }),
    );
    expect(line).toContain(
      `Opening access failed in postgres-grants after 2 attempts — retrying at ${formatDateTime(
        retryAt,
      )}`,
    );
    expect(line).toMatch(/: connection refused$/);
  });

  it('says there is nothing to open when no provisioner manages the dataset', async () => {
    expect(
      await lines(
        grant({
          provisioning: provisioning({
            steps: [step({ state: 'not-applicable' })],
          }),
        }),
      ),
    ).toEqual([
      'No data platform to open (no provisioner manages this dataset)',
    ]);
  });

  it('says the access was closed after a revoke', async () => {
    expect(
      await lines(
        grant({
          state: 'revoked',
          provisioning: provisioning({
            action: 'revoke',
            steps: [step({ action: 'revoke' })],
          }),
        }),
      ),
    ).toEqual(['Access closed in the data platform']);
  });

  it('shows nothing when the server reports no provisioning', async () => {
    expect(await lines(grant())).toEqual([]);
    expect(screen.queryByText(/access/i)).not.toBeInTheDocument();
  });
});

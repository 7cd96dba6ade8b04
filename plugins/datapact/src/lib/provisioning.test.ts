import {
  grant,
  provisioning,
  provisioningStep as step,
} from '../__testUtils__/entities';
import { accessHeadline, provisioningView } from './provisioning';
import { formatDateTime } from './time';

const NOW = new Date('2026-11-21T10:00:00.000Z');

describe('provisioningView', () => {
  it('says nothing when the server reports no provisioning', () => {
    expect(provisioningView(undefined)).toBeUndefined();
  });

  it('says access is ready when a provisioner opened it and the others do not apply', () => {
    expect(
      provisioningView(
        provisioning({
          steps: [
            step(),
            step({ provisioner: 'logging', state: 'not-applicable' }),
          ],
        }),
      ),
    ).toEqual({ status: 'ready', lines: ['Access is ready'] });
  });

  it('says there is nothing to open when no provisioner manages the dataset', () => {
    expect(
      provisioningView(
        provisioning({ steps: [step({ state: 'not-applicable' })] }),
      ),
    ).toEqual({
      status: 'not-applicable',
      lines: ['No data platform to open (no provisioner manages this dataset)'],
    });
  });

  it('says access is being opened while a step is pending', () => {
    expect(
      provisioningView(
        provisioning({
          state: 'pending',
          steps: [step(), step({ state: 'pending', attempts: 0 })],
        }),
      ),
    ).toEqual({ status: 'pending', lines: ['Opening access…'] });
  });

  it('names each failing provisioner with its error and when it is retried', () => {
    const retryAt = '2026-11-21T10:05:00.000Z';
    expect(
      provisioningView(
        provisioning({
          state: 'failed',
          steps: [
            step({ provisioner: 'logging' }),
            step({
              state: 'failed',
              attempts: 3,
              lastError: 'role "tomas_novak" does not exist',
              nextAttemptAt: retryAt,
            }),
          ],
        }),
        NOW,
      ),
    ).toEqual({
      status: 'failed',
      lines: [
        `Opening access failed in postgres-grants after 3 attempts — retrying at ${formatDateTime(
          retryAt,
        )} (in 5 minutes): role "tomas_novak" does not exist`,
      ],
    });
  });

  it('speaks of closing access once the grant ended', () => {
    const revoke = (state: 'pending' | 'done' | 'failed') =>
      provisioningView(
        provisioning({
          action: 'revoke',
          state,
          steps: [
            step({
              action: 'revoke',
              state,
              lastError: state === 'failed' ? 'connection refused' : undefined,
            }),
          ],
        }),
      )?.lines;
    expect(revoke('done')).toEqual(['Access closed in the data platform']);
    expect(revoke('pending')).toEqual(['Closing access…']);
    expect(revoke('failed')).toEqual([
      'Closing access failed in postgres-grants after 1 attempt — retrying: connection refused',
    ]);
  });
});

describe('accessHeadline', () => {
  it('tells the holder of an active grant that their access is ready', () => {
    expect(accessHeadline(grant({ provisioning: provisioning() }))).toEqual({
      status: 'ready',
      text: 'Your access is ready',
    });
  });

  it('says nothing without provisioning, when nothing manages the dataset, or for a grant that ended', () => {
    expect(accessHeadline(grant())).toBeUndefined();
    expect(
      accessHeadline(
        grant({
          provisioning: provisioning({
            steps: [step({ state: 'not-applicable' })],
          }),
        }),
      ),
    ).toBeUndefined();
    expect(
      accessHeadline(grant({ state: 'revoked', provisioning: provisioning() })),
    ).toBeUndefined();
  });
});

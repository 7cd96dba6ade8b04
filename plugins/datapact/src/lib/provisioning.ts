import {
  Grant,
  GrantProvisioning,
  ProvisioningStep,
} from '@datapact/backstage-plugin-common';
import { formatDateTime, relativeTime } from './time';

/**
 * Where a grant's privilege stands in the data platforms, as the portal says
 * it: `ready` (opened, or closed after a revoke), `pending`, `failed` (the
 * server retries), or `not-applicable` (no provisioner manages the dataset).
 */
export type ProvisioningStatus =
  | 'ready'
  | 'pending'
  | 'failed'
  | 'not-applicable';

export interface ProvisioningView {
  status: ProvisioningStatus;
  /** One sentence, or for `failed` one per failing provisioner. */
  lines: string[];
}

const WORDS = {
  grant: {
    ready: 'Access is ready',
    pending: 'Opening access…',
    failed: 'Opening access failed',
    'not-applicable':
      'No data platform to open (no provisioner manages this dataset)',
  },
  revoke: {
    ready: 'Access closed in the data platform',
    pending: 'Closing access…',
    failed: 'Closing access failed',
    'not-applicable':
      'No data platform to close (no provisioner manages this dataset)',
  },
} as const;

function failureLine(
  action: GrantProvisioning['action'],
  step: ProvisioningStep,
  now: Date,
): string {
  const retry = step.nextAttemptAt
    ? `retrying at ${formatDateTime(step.nextAttemptAt)} (${relativeTime(
        step.nextAttemptAt,
        now,
      )})`
    : 'retrying';
  const after =
    step.attempts > 0
      ? ` after ${step.attempts} attempt${step.attempts === 1 ? '' : 's'}`
      : '';
  return `${WORDS[action].failed} in ${step.provisioner}${after} — ${retry}${
    step.lastError ? `: ${step.lastError}` : ''
  }`;
}

/**
 * What a grant's provisioning means, in words; undefined when the server
 * reports none (no provisioner is installed). The overall state is the
 * server's; the steps only say which provisioner failed and whether any of
 * them manages the dataset at all.
 */
export function provisioningView(
  provisioning: GrantProvisioning | undefined,
  now: Date = new Date(),
): ProvisioningView | undefined {
  if (!provisioning) return undefined;
  const { action, state, steps } = provisioning;
  const words = WORDS[action];
  if (state === 'failed') {
    const failed = steps.filter(s => s.state === 'failed');
    return {
      status: 'failed',
      lines: failed.length
        ? failed.map(s => failureLine(action, s, now))
        : [`${words.failed} — retrying`],
    };
  }
  if (state === 'pending') {
    return { status: 'pending', lines: [words.pending] };
  }
  if (!steps.some(s => s.state === 'done')) {
    return { status: 'not-applicable', lines: [words['not-applicable']] };
  }
  return { status: 'ready', lines: [words.ready] };
}

/**
 * What the holder of an active grant is told first on the dataset page:
 * whether the privilege is open yet. Undefined when there is nothing to say
 * beyond the grant itself (no provisioner, or none manages the dataset).
 */
export function accessHeadline(
  grant: Grant,
): { status: ProvisioningStatus; text: string } | undefined {
  if (grant.state !== 'active' || grant.provisioning?.action !== 'grant') {
    return undefined;
  }
  const view = provisioningView(grant.provisioning);
  switch (view?.status) {
    case 'ready':
      return { status: 'ready', text: 'Your access is ready' };
    case 'pending':
      return { status: 'pending', text: 'Your access is being opened' };
    case 'failed':
      return {
        status: 'failed',
        text: 'Your access is not open yet: opening it failed, and Datapact keeps retrying',
      };
    default:
      return undefined;
  }
}

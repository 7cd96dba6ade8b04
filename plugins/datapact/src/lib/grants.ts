import { GrantEndCause } from '@datapact/backstage-plugin-common';

const END_CAUSES: Record<GrantEndCause, string> = {
  agreement: 'its agreement ended or no longer covers the data',
  'dataset-removed': 'the dataset was removed from the catalog',
  'not-requestable': 'the dataset is no longer requestable',
  'tier-raised': 'the dataset’s sensitivity tier rose',
  organization: 'the holder left the organization the request was made for',
  purpose: 'the purpose is no longer allowed',
  'community-veto': 'the community now vetoes the purpose',
};

/** Why the lifecycle sweep ended a grant, in words; an unknown cause as words. */
export function grantEndCauseWords(cause: string): string {
  return END_CAUSES[cause as GrantEndCause] ?? cause.replace(/-/g, ' ');
}

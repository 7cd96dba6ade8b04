/*
 * Datapact's vocabulary in plain words: what the portal shows instead of the
 * identifiers of catalog-info files. Unknown identifiers are shown with their
 * dashes turned into spaces, so a custom term still reads as words.
 */

import { words } from '@datapact/backstage-plugin-common';

// The shared vocabulary lives in common: the server words the terms a
// requester accepts with it.
export {
  communityLabelWords,
  licenseActionWords,
  onwardTransferWords,
  words,
} from '@datapact/backstage-plugin-common';

const PERSONAL_DATA: Record<string, string> = {
  none: 'no personal data',
  aggregated: 'aggregated personal data',
  pseudonymized: 'pseudonymised personal data',
  identified: 'identified personal data',
};

const LEGAL_BASES: Record<string, string> = {
  consent: 'consent',
  contract: 'contract',
  'legal-obligation': 'legal obligation',
  'vital-interest': 'vital interest',
  'public-task': 'public task',
  'legitimate-interest': 'legitimate interest',
};

export function personalDataWords(personalData: string): string {
  return PERSONAL_DATA[personalData] ?? words(personalData);
}

export function legalBasisWords(legalBasis: string): string {
  return LEGAL_BASES[legalBasis] ?? words(legalBasis);
}

/** `2 approvals` / `1 approval`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

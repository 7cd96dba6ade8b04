/*
 * Datapact's vocabulary in plain words: what the portal and the terms a
 * requester accepts show instead of the identifiers of catalog-info files.
 * One list, read by the server (which hashes the terms a requester accepts)
 * and by the portal alike. Unknown identifiers read with their dashes turned
 * into spaces, so a custom term still reads as words.
 */

const LICENSE_ACTIONS: Record<string, string> = {
  use: 'use the data',
  distribute: 'share copies of the data',
  redistribute: 'share copies of the data',
  'redistribute-record-level': 'share record-level data',
  derive: 'make derived datasets',
  'commercial-use': 'use it commercially',
  'publish-aggregates': 'publish aggregate results',
  relicense: 'put derived data under another licence',
  reidentify: 'try to re-identify people',
  attribute: 'credit the provider',
  'notify-provider': 'tell the provider how the data is used',
  'share-alike': 'share derived data under the same licence',
  'consult-community': 'consult the community before use',
};

const ONWARD_TRANSFER: Record<string, string> = {
  prohibited: 'prohibited',
  'with-approval': 'only with the provider’s approval',
  allowed: 'allowed',
};

const LOCAL_CONTEXTS_LABELS: Record<string, string> = {
  'tk-attribution': 'TK Attribution',
  'tk-non-commercial': 'TK Non-Commercial',
  'tk-culturally-sensitive': 'TK Culturally Sensitive',
  'tk-community-voice': 'TK Community Voice',
  'tk-verified': 'TK Verified',
  'tk-open-to-collaboration': 'TK Open to Collaboration',
};

/**
 * An identifier as words: `public-health` → `public health`.
 * @public
 */
export function words(identifier: string): string {
  return identifier.replace(/[-_]+/g, ' ');
}

/**
 * What a licence term (permission, prohibition or duty) means.
 * @public
 */
export function licenseActionWords(action: string): string {
  return LICENSE_ACTIONS[action] ?? words(action);
}

/**
 * An agreement's `terms.onwardTransfer` in words.
 * @public
 */
export function onwardTransferWords(value: string): string {
  return ONWARD_TRANSFER[value] ?? words(value);
}

/**
 * A Local Contexts label by its usual name.
 * @public
 */
export function communityLabelWords(label: string): string {
  return LOCAL_CONTEXTS_LABELS[label] ?? words(label);
}

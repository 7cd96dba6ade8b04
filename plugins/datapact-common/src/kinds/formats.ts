/*
 * Custom JSON Schema formats used by the Datapact kind schemas. Each format
 * also has a sentence that says what was expected, for error messages.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { isIsoDuration } from '../durations';
import spdxLicenseIds from 'spdx-license-ids/index.json';
import deprecatedSpdxLicenseIds from 'spdx-license-ids/deprecated.json';

const knownSpdxIds = new Set<string>([
  ...spdxLicenseIds,
  ...deprecatedSpdxLicenseIds,
]);

/** A custom licence, as SPDX spells it: `LicenseRef-` and idstring characters. */
const LICENSE_REF = /^LicenseRef-[A-Za-z0-9.-]+$/;

/**
 * Whether a string is a known SPDX licence id or a `LicenseRef-<name>`.
 * @public
 */
export function isSpdxLicense(value: string): boolean {
  return knownSpdxIds.has(value) || LICENSE_REF.test(value);
}

function isEntityRef(value: string): boolean {
  try {
    parseEntityRef(value, { defaultKind: 'x', defaultNamespace: 'default' });
    return true;
  } catch {
    return false;
  }
}

export const customFormats: Record<
  string,
  { validate: (value: string) => boolean; expected: string }
> = {
  'entity-ref': {
    validate: isEntityRef,
    expected: 'an entity reference such as group:default/health-analytics',
  },
  duration: {
    validate: isIsoDuration,
    expected: 'an ISO 8601 duration such as P90D or P5Y',
  },
  jurisdiction: {
    validate: value => /^([A-Z]{2}|EU|EEA)$/.test(value),
    expected:
      'an ISO 3166-1 alpha-2 country code such as NZ or DE, or EU or EEA',
  },
  'spdx-license': {
    validate: isSpdxLicense,
    expected:
      'a known SPDX licence id (https://spdx.org/licenses/) or LicenseRef-<name> for a custom licence',
  },
};

export const standardFormatsExpected: Record<string, string> = {
  date: 'a date as YYYY-MM-DD',
  uri: 'an absolute URL such as https://example.org/terms',
  email: 'an email address',
};

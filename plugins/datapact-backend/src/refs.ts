import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The form in which Datapact stores and compares entity refs: kind and
 * namespace filled in, all lower case (the catalog matches refs case
 * insensitively, and Backstage tokens carry lower-case refs).
 */
export function normalizeRef(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

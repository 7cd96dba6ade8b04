/**
 * The default sensitivity scale, lowest first.
 * @public
 */
export const DEFAULT_SENSITIVITY_TIERS: readonly string[] = [
  'public',
  'internal',
  'confidential',
  'restricted',
];

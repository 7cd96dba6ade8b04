/*
 * Where data may live, as the jurisdiction rule reads it: ISO 3166-1
 * alpha-2 country codes, and the two regions agreements name most, `EU` and
 * `EEA`, as lists of the country codes they stand for.
 */

/**
 * The member states of the European Union (27, since 1 February 2020), by
 * ISO 3166-1 alpha-2 code: Greece is `GR`, as in ISO, not the EU's own `EL`.
 * @public
 */
// prettier-ignore
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR',
  'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO',
  'SE', 'SI', 'SK',
];

/**
 * The states of the European Economic Area: the EU's, with Iceland,
 * Liechtenstein and Norway.
 * @public
 */
export const EEA_MEMBER_STATES: readonly string[] = [
  ...EU_MEMBER_STATES,
  'IS',
  'LI',
  'NO',
];

const REGIONS: Record<string, ReadonlySet<string>> = {
  EU: new Set(EU_MEMBER_STATES),
  EEA: new Set([...EEA_MEMBER_STATES, 'EU']),
};

/**
 * Whether data located in `location` (a country code, `EU` or `EEA`) lies
 * within one of `allowed`. A country lies within itself and within the
 * regions it belongs to; a region lies within itself, and `EU` within `EEA`,
 * but never within a single country, since the data may be anywhere in it.
 * Codes are compared without regard to case.
 * @public
 */
export function isWithinJurisdictions(
  location: string,
  allowed: readonly string[],
): boolean {
  const place = location.toUpperCase();
  return allowed.some(a => {
    const jurisdiction = a.toUpperCase();
    return place === jurisdiction || !!REGIONS[jurisdiction]?.has(place);
  });
}

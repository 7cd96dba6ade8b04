import { Entity } from '@backstage/catalog-model';
import { agreement, organization, orgs, team } from './builders';

/*
 * The world of the agreement-term rules: org-a provides `visits` to org-b
 * under `dsa`; org-c is a third organization, party to nothing.
 */

export const A = 'group:default/team-a';
export const B = 'group:default/team-b';
export const C = 'group:default/team-c';

export const threeOrgs = (): Entity[] => [
  ...orgs(),
  organization('org-c'),
  team('team-c', 'org-c'),
];

/** An agreement between org-a (provider) and org-b (recipient) listing `visits`. */
export const dsa = (
  terms: Record<string, unknown>,
  o: {
    name?: string;
    datasets?: string[];
    parties?: string[];
    until?: string;
  } = {},
) =>
  agreement(o.name ?? 'dsa', {
    parties: o.parties ?? ['group:default/org-a', 'group:default/org-b'],
    datasets: o.datasets ?? ['dataset:default/visits'],
    terms,
    ...(o.until ? { until: o.until } : {}),
  });

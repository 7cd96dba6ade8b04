/*
 * What data and content licences imply, for the licence-compatibility rule
 * and for showing a licence in plain words. Ids are checked against the SPDX
 * licence list (spdx-license-ids). The Creative Commons rows follow the
 * licence elements (BY, SA, NC, ND) of every version and port, which is what
 * the Creative Commons adapter's licence chart rests on: BY material may be
 * adapted under any BY licence; BY-SA only under BY-SA; BY-NC only under a
 * non-commercial licence; BY-NC-SA only under BY-NC-SA; ND material may not
 * be adapted at all; CC0 and public-domain material under anything.
 */
import spdxLicenseIds from 'spdx-license-ids/index.json';
import deprecatedSpdxLicenseIds from 'spdx-license-ids/deprecated.json';
import { LicenseTerms } from '../kinds/Dataset.v1alpha1';

/**
 * What a licence permits, prohibits and requires, with the properties the
 * governance rules need.
 * @public
 */
export interface LicenseProfile {
  spdx: string;
  /** A `LicenseRef-` licence, judged by its declared terms alone. */
  custom: boolean;
  /** An open licence: anyone may use, share and adapt, on its conditions. */
  open: boolean;
  /** Whether the table below knows this licence's conditions. */
  known: boolean;
  attribution: boolean;
  nonCommercial: boolean;
  noDerivatives: boolean;
  /** The share-alike family adaptations must stay in, if any. */
  shareAlike?: string;
  permissions: string[];
  prohibitions: string[];
  duties: string[];
}

type Conditions = Pick<
  LicenseProfile,
  'attribution' | 'nonCommercial' | 'noDerivatives' | 'shareAlike'
> & { publicDomain?: boolean };

const CC = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-\d\.\d(?:-[A-Za-z]+)?$/;

const DATA_LICENSES: Record<string, Conditions> = {
  'CC0-1.0': {
    attribution: false,
    nonCommercial: false,
    noDerivatives: false,
    publicDomain: true,
  },
  'PDDL-1.0': {
    attribution: false,
    nonCommercial: false,
    noDerivatives: false,
    publicDomain: true,
  },
  'ODbL-1.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
    shareAlike: 'ODbL',
  },
  'ODC-By-1.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
  },
  'CDLA-Permissive-1.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
  },
  'CDLA-Permissive-2.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
  },
  'CDLA-Sharing-1.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
    shareAlike: 'CDLA-Sharing',
  },
  'OGL-UK-3.0': {
    attribution: true,
    nonCommercial: false,
    noDerivatives: false,
  },
};

const SPDX_IDS = new Set<string>([
  ...spdxLicenseIds,
  ...deprecatedSpdxLicenseIds,
]);

function conditionsOf(spdx: string): {
  conditions: Conditions;
  known: boolean;
} {
  const cc = CC.exec(spdx);
  if (cc && SPDX_IDS.has(spdx)) {
    const elements = cc[1];
    return {
      known: true,
      conditions: {
        attribution: true,
        nonCommercial: elements.includes('-NC'),
        noDerivatives: elements.includes('-ND'),
        // Share-alike adaptations stay in the same licence (BY-SA or BY-NC-SA).
        shareAlike: elements.endsWith('-SA') ? `CC-${elements}` : undefined,
      },
    };
  }
  if (DATA_LICENSES[spdx])
    return { known: true, conditions: DATA_LICENSES[spdx] };
  // Other SPDX licences (mostly software licences) are open; assume they ask
  // for attribution, as nearly all of them require keeping the notice.
  return {
    known: false,
    conditions: {
      attribution: true,
      nonCommercial: false,
      noDerivatives: false,
    },
  };
}

const unique = (items: string[]) => [...new Set(items)];

/**
 * The profile of a dataset's licence: what its SPDX id implies, with the
 * dataset's own `terms` added. A `LicenseRef-` licence permits nothing beyond
 * `use` except what its terms permit.
 * @public
 */
export function licenseProfile(license: {
  spdx: string;
  terms?: LicenseTerms;
}): LicenseProfile {
  const terms = license.terms ?? {};
  const custom = license.spdx.startsWith('LicenseRef-');
  let base: LicenseProfile;
  if (custom) {
    base = {
      spdx: license.spdx,
      custom: true,
      open: false,
      known: true,
      attribution: false,
      nonCommercial: true,
      noDerivatives: true,
      permissions: ['use'],
      prohibitions: [],
      duties: [],
    };
  } else {
    const { conditions, known } = conditionsOf(license.spdx);
    base = {
      spdx: license.spdx,
      custom: false,
      open: true,
      known,
      attribution: conditions.attribution,
      nonCommercial: conditions.nonCommercial,
      noDerivatives: conditions.noDerivatives,
      shareAlike: conditions.shareAlike,
      permissions: [
        'use',
        'distribute',
        ...(conditions.noDerivatives ? [] : ['derive']),
        ...(conditions.nonCommercial ? [] : ['commercial-use']),
      ],
      prohibitions: [
        ...(conditions.nonCommercial ? ['commercial-use'] : []),
        ...(conditions.noDerivatives ? ['derive'] : []),
      ],
      duties: [
        ...(conditions.attribution ? ['attribute'] : []),
        ...(conditions.shareAlike ? ['share-alike'] : []),
      ],
    };
  }
  const prohibitions = unique([
    ...base.prohibitions,
    ...(terms.prohibitions ?? []),
  ]);
  const permissions = unique([
    ...base.permissions,
    ...(terms.permissions ?? []),
  ]).filter(p => !prohibitions.includes(p));
  const duties = unique([...base.duties, ...(terms.duties ?? [])]);
  return {
    ...base,
    permissions,
    prohibitions,
    duties,
    attribution: duties.includes('attribute'),
    nonCommercial: !permissions.includes('commercial-use'),
    noDerivatives: !permissions.includes('derive'),
  };
}

/**
 * Whether derived data may be put under an open licence: always for open
 * licences (on their own conditions), for a custom licence only when its
 * terms permit `relicense`.
 * @public
 */
export function permitsOpenRelicensing(profile: LicenseProfile): boolean {
  return !profile.custom || profile.permissions.includes('relicense');
}

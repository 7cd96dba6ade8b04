import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import {
  DatasetEntityV1alpha1,
  licenseProfile,
} from '@datapact/backstage-plugin-common';
import { licenseActionWords } from '../../lib/words';
import { SafeLink } from '../SafeLink';

type License = NonNullable<DatasetEntityV1alpha1['spec']['license']>;

/**
 * Where to read a licence: its own URL, else its page on the SPDX list. The
 * licence's own URL is catalog data: render it with {@link SafeLink}.
 */
export function licenseUrl(license: License): string | undefined {
  if (license.url) return license.url;
  return license.spdx.startsWith('LicenseRef-')
    ? undefined
    : `https://spdx.org/licenses/${license.spdx}.html`;
}

/** A licence's SPDX id, linked to where it can be read when that is safe. */
export function LicenseLink(props: { license: License }) {
  const { license } = props;
  const url = licenseUrl(license);
  return url ? (
    <SafeLink url={url}>{license.spdx}</SafeLink>
  ) : (
    <>{license.spdx}</>
  );
}

function Line(props: { label: string; actions: string[]; vetoed?: string[] }) {
  const { label, actions, vetoed = [] } = props;
  if (!actions.length) return null;
  return (
    <Typography variant="body2">
      <strong>{label}</strong>{' '}
      {actions.map((action, i) => (
        <Fragment key={action}>
          {i > 0 && '; '}
          {vetoed.includes(action) ? (
            <>
              <s>{licenseActionWords(action)}</s> (vetoed by the community)
            </>
          ) : (
            licenseActionWords(action)
          )}
        </Fragment>
      ))}
    </Typography>
  );
}

/**
 * A licence with its link and what it permits, prohibits and requires in
 * plain words: what its SPDX id implies plus the dataset's own terms
 * (common's `licenseProfile`, which the licence rule uses too), with what
 * a community vetoes struck out.
 */
export function LicenseTerms(props: {
  license: License;
  /** What a community vetoes, struck out of the permissions. */
  vetoed?: string[];
}) {
  const { license, vetoed } = props;
  const profile = licenseProfile(license);
  return (
    <>
      <Typography variant="body2" gutterBottom>
        <LicenseLink license={license} />
        {profile.custom && ' (custom licence)'}
        {profile.shareAlike && ` · share-alike (${profile.shareAlike})`}
      </Typography>
      {license.attribution && (
        <Typography variant="body2">
          <strong>Attribution:</strong> {license.attribution}
        </Typography>
      )}
      <Line label="You may:" actions={profile.permissions} vetoed={vetoed} />
      <Line label="You may not:" actions={profile.prohibitions} />
      <Line label="You must:" actions={profile.duties} />
    </>
  );
}

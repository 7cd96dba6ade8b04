import { parseEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import { ExpiryPreview } from '@datapact/backstage-plugin-common';
import { durationWords, formatDay } from '../../lib/time';

/**
 * When access would end if granted now, and which bound set it: the duration
 * asked, or the last day of the agreement it relies on.
 */
export function ExpiryNote(props: {
  expiry: ExpiryPreview;
  /** The duration asked (ISO 8601), to name it. */
  duration?: string;
  /** Titles of agreements by ref, to name the one that bounds access. */
  agreementTitles?: Record<string, string | undefined>;
  prefix?: string;
}) {
  const { expiry, duration, agreementTitles = {}, prefix } = props;
  let why: string;
  if (expiry.expiresBecause === 'agreement') {
    const agreement = expiry.agreement;
    const name = agreement
      ? agreementTitles[agreement] ?? parseEntityRef(agreement).name
      : undefined;
    why = name
      ? `the end of agreement ${name}, sooner than the duration asked`
      : 'the end of the agreement it relies on';
  } else {
    why = duration
      ? `the requested duration (${durationWords(duration)})`
      : 'the requested duration';
  }
  return (
    <Typography variant="body2" data-testid="expiry">
      {prefix ?? 'Access would end on'}{' '}
      <strong>{formatDay(expiry.expiresAt)}</strong> — {why}.
    </Typography>
  );
}

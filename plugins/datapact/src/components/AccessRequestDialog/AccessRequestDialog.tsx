import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import {
  AccessEligibility,
  AccessRequest,
  DatasetEntityV1alpha1,
} from '@datapact/backstage-plugin-common';
import { DatapactApiError, datapactApiRef, EligibilityQuery } from '../../api';
import { durationDays, durationWords, formatDay } from '../../lib/time';
import { words } from '../../lib/words';
import { AccessRefusals } from '../AccessRefusals';
import { ExpiryNote } from '../ExpiryNote';
import { WhoDecides } from '../WhoDecides';
import { TermsToAccept } from './TermsToAccept';

/** The duration offered by default, shortened to the dataset's maximum. */
const DEFAULT_DAYS = 30;
/** How long the form waits after a change before asking the server again. */
const ASK_AFTER_MS = 300;

export interface AccessRequestDialogProps {
  dataset: DatasetEntityV1alpha1;
  open: boolean;
  onClose: () => void;
  onCreated: (request: AccessRequest) => void;
}

/**
 * Asks for access to a dataset: a purpose the dataset allows, a
 * justification, a duration up to its maximum and, for another
 * organization's data, the agreement the request relies on. As the form
 * changes it asks the server whether the request would be accepted, when
 * access would end and who must approve, and shows the answer before
 * anything is sent; the server's refusal of the request itself is shown as
 * it is. It lists the terms that bind the requester (the server's, for the
 * dataset and the agreement chosen) and sends only once they are accepted,
 * with the digest of exactly the terms shown.
 */
export function AccessRequestDialog(props: AccessRequestDialogProps) {
  const { dataset, open, onClose, onCreated } = props;
  const api = useApi(datapactApiRef);
  const ref = stringifyEntityRef(dataset);
  const access = dataset.spec.access ?? {};
  const purposes = access.allowedPurposes ?? [];

  const [purpose, setPurpose] = useState(purposes[0] ?? '');
  const [justification, setJustification] = useState('');
  const [days, setDays] = useState(() => {
    const max = access.maxDuration ? durationDays(access.maxDuration) : 0;
    return String(max ? Math.min(DEFAULT_DAYS, max) : DEFAULT_DAYS);
  });
  const [agreement, setAgreement] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  // The digest of the terms the requester ticked "I accept" for: other
  // terms (another agreement, a catalog edit) are not accepted.
  const [acceptedSha, setAcceptedSha] = useState<string>();
  const [termsChanged, setTermsChanged] = useState(false);

  const daysNumber = Number(days);
  const validDays = Number.isInteger(daysNumber) && daysNumber >= 1;
  const formQuery = (): EligibilityQuery => ({
    dataset: ref,
    purpose: purpose.trim() || undefined,
    duration: validDays ? `P${daysNumber}D` : undefined,
    agreement: agreement || undefined,
  });
  const [query, setQuery] = useState<EligibilityQuery>(formQuery);
  useDebounce(() => setQuery(formQuery()), ASK_AFTER_MS, [
    ref,
    purpose,
    days,
    agreement,
  ]);
  const eligibility = useAsync(
    async () => (open ? api.getAccessEligibility(query) : undefined),
    [api, open, query.dataset, query.purpose, query.duration, query.agreement],
  );
  const answer = eligibility.value;
  // The terms bind the dataset under the agreement chosen: read again when
  // the agreement changes, and shown only for the form as it is now.
  const termsKey = `${ref} ${agreement}`;
  const terms = useAsyncRetry(async () => {
    if (!open) return undefined;
    const read = await api.getAccessTerms({
      dataset: ref,
      agreement: agreement || undefined,
    });
    return { key: termsKey, read };
  }, [api, open, termsKey]);
  const shownTerms =
    !terms.loading && terms.value?.key === termsKey
      ? terms.value.read
      : undefined;
  const accepted = Boolean(shownTerms && acceptedSha === shownTerms.sha256);

  // With one covering agreement, the request relies on it.
  useEffect(() => {
    if (
      !agreement &&
      answer?.needsAgreement &&
      answer.agreements.length === 1
    ) {
      setAgreement(answer.agreements[0].ref);
    }
  }, [agreement, answer]);

  const maxDuration = answer?.maxDuration ?? access.maxDuration;
  const maxDays = maxDuration ? durationDays(maxDuration) : undefined;
  let daysProblem: string | undefined;
  if (!validDays) {
    daysProblem = 'A whole number of days, at least 1';
  } else if (maxDays !== undefined && daysNumber > maxDays) {
    daysProblem = `At most ${maxDays} days`;
  }
  const justificationProblem = justification.trim()
    ? undefined
    : 'Say why you need the data';
  const purposeProblem = purpose.trim() ? undefined : 'Choose a purpose';
  const vetoed = answer?.vetoedPurposes ?? [];
  // The answer is for what the form said when it was asked: until the
  // server has answered the form as it is now, sending waits.
  const checking =
    !eligibility.error &&
    (eligibility.loading ||
      JSON.stringify(query) !== JSON.stringify(formQuery()));
  const refused = Boolean(answer && !answer.allowed);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (
      daysProblem ||
      justificationProblem ||
      purposeProblem ||
      checking ||
      refused ||
      !shownTerms ||
      !accepted
    ) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    setTermsChanged(false);
    try {
      const created = await api.createAccessRequest({
        dataset: ref,
        purpose: purpose.trim(),
        justification: justification.trim(),
        duration: `P${daysNumber}D`,
        ...(agreement ? { agreement } : {}),
        acceptedTerms: shownTerms.sha256,
      });
      onCreated(created);
    } catch (e) {
      if (
        e instanceof DatapactApiError &&
        e.statusCode === 409 &&
        e.rule === 'accepted-terms'
      ) {
        // The terms changed since they were read: read them again, and the
        // requester accepts them anew. (Another conflict, such as a request
        // already pending, is shown as it is.)
        setAcceptedSha(undefined);
        setTermsChanged(true);
        terms.retry();
      } else {
        setError(e as Error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const title = dataset.metadata.title ?? dataset.metadata.name;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle>Request access to {title}</DialogTitle>
        <DialogContent>
          {purposes.length > 0 ? (
            <TextField
              select
              id="datapact-request-purpose"
              fullWidth
              margin="normal"
              label="Purpose"
              value={purpose}
              onChange={e => setPurpose(e.target.value)}
              helperText="The purposes this dataset may be used for"
              required
            >
              {purposes.map(p => (
                <MenuItem key={p} value={p} disabled={vetoed.includes(p)}>
                  {words(p)}
                  {vetoed.includes(p) && ' (vetoed by the community)'}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <TextField
              id="datapact-request-purpose"
              fullWidth
              margin="normal"
              label="Purpose"
              value={purpose}
              onChange={e => setPurpose(e.target.value)}
              error={touched && Boolean(purposeProblem)}
              helperText={
                (touched && purposeProblem) ||
                'The dataset names no allowed purposes'
              }
              required
            />
          )}
          <TextField
            id="datapact-request-justification"
            fullWidth
            multiline
            minRows={3}
            margin="normal"
            label="Justification"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            error={touched && Boolean(justificationProblem)}
            helperText={
              (touched && justificationProblem) ||
              'What you will do with the data, for the stewards who decide'
            }
            required
          />
          <TextField
            id="datapact-request-days"
            fullWidth
            margin="normal"
            type="number"
            label="Duration (days)"
            value={days}
            onChange={e => setDays(e.target.value)}
            inputProps={{ min: 1, max: maxDays }}
            error={Boolean(daysProblem)}
            helperText={
              daysProblem ??
              (maxDuration
                ? `At most ${durationWords(maxDuration)}`
                : 'The backend’s default maximum applies')
            }
            required
          />
          <AgreementField
            answer={answer}
            loading={!answer && eligibility.loading}
            value={agreement}
            onChange={setAgreement}
          />
          <WhatTheServerSays
            answer={answer}
            error={eligibility.error}
            duration={query.duration}
            refused={refused}
          />
          <TermsToAccept
            terms={shownTerms}
            loading={terms.loading}
            error={terms.error}
            onRetry={terms.retry}
            changed={termsChanged}
            accepted={accepted}
            onAccept={value => {
              setAcceptedSha(value ? shownTerms?.sha256 : undefined);
              if (value) setTermsChanged(false);
            }}
          />
          {error && (
            <Box mt={2}>
              <Alert severity="error" data-testid="request-error">
                {error.message}
              </Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting || checking || refused || !accepted}
          >
            Submit request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The agreement the request relies on, among those the server says cover it. */
function AgreementField(props: {
  answer?: AccessEligibility;
  loading: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const { answer, loading, value, onChange } = props;
  if (loading) return <Progress />;
  if (!answer) return null;
  if (!answer.needsAgreement) {
    return (
      <Typography variant="body2" color="textSecondary">
        This data belongs to your organization
        {answer.organization && (
          <>
            {' '}
            (<EntityRefLink entityRef={answer.organization} hideIcon />)
          </>
        )}
        : no agreement is needed.
      </Typography>
    );
  }
  if (answer.agreements.length === 0) {
    return (
      <Alert severity="warning">
        This data belongs to another organization, and no active agreement
        covers it for yours: a request needs one.
      </Alert>
    );
  }
  return (
    <TextField
      select
      id="datapact-request-agreement"
      fullWidth
      margin="normal"
      label="Agreement"
      value={value}
      onChange={e => onChange(e.target.value)}
      helperText="This data belongs to another organization: choose the agreement your request relies on"
      required
    >
      {answer.agreements.map(a => (
        <MenuItem key={a.ref} value={a.ref}>
          {a.title ?? a.ref}
          {a.until && ` (until ${formatDay(a.until)})`}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The server's answer to the form so far: when access would end and why,
 * who must approve, and what would refuse the request.
 */
function WhatTheServerSays(props: {
  answer?: AccessEligibility;
  error?: Error;
  duration?: string;
  refused: boolean;
}) {
  const { answer, error, duration, refused } = props;
  if (error) {
    return (
      <Box mt={2}>
        <Alert severity="warning">
          Could not check the request before sending: {error.message}
        </Alert>
      </Box>
    );
  }
  if (!answer) return null;
  const agreementTitles = Object.fromEntries(
    answer.agreements.map(a => [a.ref, a.title]),
  );
  return (
    <Box mt={2} display="flex" flexDirection="column" style={{ gap: 8 }}>
      {answer.allowed && (
        <ExpiryNote
          expiry={answer.expiry}
          duration={duration}
          agreementTitles={agreementTitles}
        />
      )}
      <WhoDecides eligibility={answer} />
      {refused && (
        <AccessRefusals
          title="This request would be refused:"
          refusals={answer.refusals}
        />
      )}
    </Box>
  );
}

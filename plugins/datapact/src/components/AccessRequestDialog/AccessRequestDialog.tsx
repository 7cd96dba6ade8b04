import { Progress } from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
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
import { FormEvent, useEffect, useMemo, useState } from 'react';
import {
  AccessRequest,
  AgreementEntityV1alpha1,
  DatasetEntityV1alpha1,
  GovernanceWorld,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { useDatasetWorld } from '../../hooks/useDatasetWorld';
import { useViewer } from '../../hooks/useViewer';
import { durationDays, durationWords } from '../../lib/time';
import { words } from '../../lib/words';

/** Under which terms the viewer may ask for the dataset. */
interface RequestTerms {
  world: GovernanceWorld;
  /** The dataset's organization. */
  datasetOrganization: string;
  /** The organizations the viewer acts for (through their groups). */
  organizations: string[];
  /** Whether the data belongs to another organization than the viewer's. */
  foreign: boolean;
  /** The agreements that list the dataset and name both organizations, whatever their status. */
  agreements: AgreementEntityV1alpha1[];
}

/** The duration offered by default, shortened to the dataset's maximum. */
const DEFAULT_DAYS = 30;

export interface AccessRequestDialogProps {
  dataset: DatasetEntityV1alpha1;
  open: boolean;
  onClose: () => void;
  onCreated: (request: AccessRequest) => void;
}

/**
 * Asks for access to a dataset: a purpose the dataset allows, a
 * justification, a duration up to its maximum and, for another
 * organization's data, the agreement the request relies on. The server
 * decides; its refusal is shown as it is.
 */
export function AccessRequestDialog(props: AccessRequestDialogProps) {
  const { dataset, open, onClose, onCreated } = props;
  const api = useApi(datapactApiRef);
  const { viewer } = useViewer();
  const groupRefs = useMemo(
    () =>
      (viewer?.ownershipEntityRefs ?? []).filter(
        r => parseEntityRef(r).kind === 'group',
      ),
    [viewer],
  );
  const worldState = useDatasetWorld(dataset, groupRefs);
  const access = dataset.spec.access ?? {};
  const purposes = access.allowedPurposes ?? [];
  const maxDays = access.maxDuration
    ? durationDays(access.maxDuration)
    : undefined;

  const [purpose, setPurpose] = useState(purposes[0] ?? '');
  const [justification, setJustification] = useState('');
  const [days, setDays] = useState(
    String(Math.min(DEFAULT_DAYS, maxDays ?? DEFAULT_DAYS)),
  );
  const [agreement, setAgreement] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  // Which organizations the viewer acts for, and the agreements that could
  // carry a request for this dataset from one of them.
  const terms = useMemo((): RequestTerms | undefined => {
    if (!worldState.value) return undefined;
    const { world } = worldState.value;
    const datasetOrganization = world.organizationOf(dataset);
    const organizations = [
      ...new Set(groupRefs.map(g => world.organizationOfGroup(g))),
    ];
    const foreign =
      organizations.length > 0 && !organizations.includes(datasetOrganization);
    const candidates = new Map<string, AgreementEntityV1alpha1>();
    for (const organization of organizations) {
      for (const a of world.agreementsFor(dataset, organization)) {
        candidates.set(stringifyEntityRef(a), a);
      }
    }
    return {
      world,
      datasetOrganization,
      organizations,
      foreign,
      agreements: [...candidates.values()],
    };
  }, [worldState.value, dataset, groupRefs]);

  const activeAgreements = (terms?.agreements ?? []).filter(
    a => terms!.world.agreementStatus(a) === 'active',
  );
  useEffect(() => {
    if (!agreement && activeAgreements.length === 1) {
      setAgreement(stringifyEntityRef(activeAgreements[0]));
    }
  }, [agreement, activeAgreements]);

  const daysNumber = Number(days);
  let daysProblem: string | undefined;
  if (!Number.isInteger(daysNumber) || daysNumber < 1) {
    daysProblem = 'A whole number of days, at least 1';
  } else if (maxDays !== undefined && daysNumber > maxDays) {
    daysProblem = `At most ${maxDays} days`;
  }
  const justificationProblem = justification.trim()
    ? undefined
    : 'Say why you need the data';
  const purposeProblem = purpose.trim() ? undefined : 'Choose a purpose';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (daysProblem || justificationProblem || purposeProblem) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await api.createAccessRequest({
        dataset: stringifyEntityRef(dataset),
        purpose: purpose.trim(),
        justification: justification.trim(),
        duration: `P${daysNumber}D`,
        ...(agreement ? { agreement } : {}),
      });
      onCreated(created);
    } catch (e) {
      setError(e as Error);
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
                <MenuItem key={p} value={p}>
                  {words(p)}
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
              (access.maxDuration
                ? `At most ${durationWords(access.maxDuration)}`
                : 'The backend’s default maximum applies')
            }
            required
          />
          <AgreementField
            loading={worldState.loading}
            error={worldState.error}
            terms={terms}
            value={agreement}
            onChange={setAgreement}
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
            disabled={submitting}
          >
            Submit request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function AgreementField(props: {
  loading: boolean;
  error?: Error;
  terms?: RequestTerms;
  value: string;
  onChange: (value: string) => void;
}) {
  const { loading, error, terms, value, onChange } = props;
  if (loading) return <Progress />;
  if (error || !terms) {
    return (
      <Alert severity="warning">
        Could not read the dataset's agreements
        {error ? `: ${error.message}` : ''}.
      </Alert>
    );
  }
  if (!terms.foreign) {
    return (
      <Typography variant="body2" color="textSecondary">
        This data belongs to your organization (
        <EntityRefLink entityRef={terms.datasetOrganization} hideIcon />
        ): no agreement is needed.
      </Typography>
    );
  }
  if (terms.agreements.length === 0) {
    return (
      <Alert severity="warning">
        This data belongs to{' '}
        <EntityRefLink entityRef={terms.datasetOrganization} hideIcon />, and no
        agreement covers it for your organization: a request needs one.
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
      {terms.agreements.map(a => {
        const ref = stringifyEntityRef(a);
        const status = terms.world.agreementStatus(a);
        return (
          <MenuItem key={ref} value={ref} disabled={status !== 'active'}>
            {a.metadata.title ?? a.metadata.name}
            {status !== 'active' && ` (${status})`}
          </MenuItem>
        );
      })}
    </TextField>
  );
}

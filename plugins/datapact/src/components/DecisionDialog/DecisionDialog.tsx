import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AccessRequest,
  ApprovalStatus,
  DecisionKind,
} from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { AcceptedTerms } from '../AcceptedTerms';
import { ExpiryNote } from '../ExpiryNote';
import { durationWords } from '../../lib/time';
import { words } from '../../lib/words';

/**
 * Approve or deny a request with a comment, having read the terms the
 * requester accepted. With the server's approval status it says which
 * stewardship an approval counts for and when access would end if this
 * approval completes the request; the server's refusal is shown as it is.
 */
export function DecisionDialog(props: {
  request: AccessRequest;
  decision: DecisionKind;
  status?: ApprovalStatus;
  onClose: () => void;
  onDecided: (request: AccessRequest) => void;
}) {
  const { request, decision, status, onClose, onDecided } = props;
  const stewardship = status?.viewer.stewardship;
  const api = useApi(datapactApiRef);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const verb = decision === 'approve' ? 'Approve' : 'Deny';

  const decide = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDecided(
        await api.decideAccessRequest(request.id, {
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{verb} this request?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {request.requester} asks for {request.dataset} for{' '}
          {words(request.purpose)}, {durationWords(request.duration)}:{' '}
          <em>{request.justification}</em>
        </DialogContentText>
        <Box mb={2}>
          <Typography variant="subtitle2">
            The terms the requester accepted
          </Typography>
          <AcceptedTerms request={request} />
        </Box>
        {decision === 'deny' && (
          <DialogContentText>One denial ends the request.</DialogContentText>
        )}
        {decision === 'approve' && stewardship && (
          <DialogContentText data-testid="counts-for">
            Your approval counts for{' '}
            <EntityRefLink entityRef={stewardship.onBehalfOf} hideIcon />
            {stewardship.delegate && (
              <>
                {' '}
                (you act as its delegate{' '}
                <EntityRefLink entityRef={stewardship.delegate} hideIcon />)
              </>
            )}
            .
          </DialogContentText>
        )}
        {decision === 'approve' && status?.expiry && (
          <DialogContentText component="div">
            <ExpiryNote
              expiry={status.expiry}
              duration={request.duration}
              prefix="If this approval completes the request, access would end on"
            />
          </DialogContentText>
        )}
        <TextField
          id="datapact-decision-comment"
          fullWidth
          multiline
          minRows={2}
          label="Comment"
          helperText="Recorded in the audit log and shown to the requester"
          value={comment}
          onChange={e => setComment(e.target.value)}
        />
        {error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          onClick={decide}
          color={decision === 'approve' ? 'primary' : 'secondary'}
          variant="contained"
          disabled={busy}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

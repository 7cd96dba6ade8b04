import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { AccessRequest, DecisionKind } from '@datapact/backstage-plugin-common';
import { datapactApiRef } from '../../api';
import { durationWords } from '../../lib/time';
import { words } from '../../lib/words';

/** Approve or deny a request with a comment; the server's refusal is shown as it is. */
export function DecisionDialog(props: {
  request: AccessRequest;
  decision: DecisionKind;
  onClose: () => void;
  onDecided: (request: AccessRequest) => void;
}) {
  const { request, decision, onClose, onDecided } = props;
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
        {decision === 'deny' && (
          <DialogContentText>One denial ends the request.</DialogContentText>
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

import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { AccessTerms } from '@datapact/backstage-plugin-common';
import { AccessTermsList } from '../AccessTermsList';

/**
 * The terms that bind the requester, as the server words them, and the
 * explicit acceptance a request needs; while they load or when they cannot
 * be read, nothing can be accepted.
 */
export function TermsToAccept(props: {
  terms?: AccessTerms;
  loading: boolean;
  error?: Error;
  onRetry: () => void;
  changed: boolean;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
}) {
  const { terms, loading, error, onRetry, changed, accepted, onAccept } = props;
  let body;
  if (error) {
    body = (
      <Alert
        severity="warning"
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            Try again
          </Button>
        }
      >
        Could not read the terms of this request: {error.message}
      </Alert>
    );
  } else if (loading || !terms) {
    body = <Progress />;
  } else {
    body = (
      <>
        <AccessTermsList terms={terms.terms} />
        <FormControlLabel
          control={
            <Checkbox
              color="primary"
              checked={accepted}
              onChange={e => onAccept(e.target.checked)}
            />
          }
          label="I accept these terms"
        />
      </>
    );
  }
  return (
    <Box mt={2} data-testid="terms-to-accept">
      <Typography variant="subtitle1">The terms you accept</Typography>
      {changed && (
        <Box mb={1}>
          <Alert severity="info" data-testid="terms-changed">
            The terms changed since you read them: read them again and accept
            them to send the request.
          </Alert>
        </Box>
      )}
      {body}
    </Box>
  );
}

import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { AccessRefusal } from '@datapact/backstage-plugin-common';

/** The server's reasons to refuse access, each with the rule it comes from. */
export function AccessRefusals(props: {
  title: string;
  refusals: AccessRefusal[];
  severity?: 'error' | 'warning';
}) {
  const { title, refusals, severity = 'error' } = props;
  if (!refusals.length) return null;
  return (
    <Alert severity={severity} data-testid="refusals">
      <AlertTitle>{title}</AlertTitle>
      {refusals.map(r => (
        <div key={`${r.rule}:${r.message}`}>
          {r.message} <code>({r.rule})</code>
        </div>
      ))}
    </Alert>
  );
}

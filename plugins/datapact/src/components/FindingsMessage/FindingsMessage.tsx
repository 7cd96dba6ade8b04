import Typography from '@material-ui/core/Typography';
import { messageParts } from '../../lib/findings';

/**
 * A finding's sentence as the rules wrote it (what is wrong and what to
 * change), with the names, fields and values it quotes set as code.
 */
export function FindingsMessage(props: { message: string }) {
  return (
    <Typography variant="body2" component="span">
      {messageParts(props.message).map((part, i) =>
        part.code ? <code key={i}>{part.text}</code> : part.text,
      )}
    </Typography>
  );
}

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { AccessRequest } from '@datapact/backstage-plugin-common';
import { AccessTermsList } from '../AccessTermsList';

/**
 * The terms the requester accepted with a request, as they were worded
 * then, for the stewards who decide it; collapsible, behind "Accepted terms
 * (N)", where space is short. Requests made before terms were asked have
 * none, and say so.
 */
export function AcceptedTerms(props: {
  request: Pick<AccessRequest, 'acceptedTerms' | 'terms'>;
  collapsible?: boolean;
}) {
  const { request, collapsible } = props;
  const [open, setOpen] = useState(false);
  if (!request.acceptedTerms) {
    return (
      <Typography
        variant="caption"
        display="block"
        color="textSecondary"
        data-testid="accepted-terms"
      >
        No terms were asked when this request was made.
      </Typography>
    );
  }
  const terms = request.terms ?? [];
  const list = <AccessTermsList terms={terms} />;
  if (!collapsible) {
    return <Box data-testid="accepted-terms">{list}</Box>;
  }
  return (
    <Box data-testid="accepted-terms">
      <Button
        size="small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
      >
        Accepted terms ({terms.length})
      </Button>
      <Collapse in={open} unmountOnExit>
        {list}
      </Collapse>
    </Box>
  );
}

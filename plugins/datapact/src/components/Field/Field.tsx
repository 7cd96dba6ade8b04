import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** A labelled value in a card's grid. */
export function Field(props: {
  label: string;
  children: ReactNode;
  md?: 4 | 6 | 12;
}) {
  return (
    <Grid item xs={12} md={props.md ?? 6}>
      <Typography
        variant="overline"
        color="textSecondary"
        component="h3"
        style={{ lineHeight: 1.6 }}
      >
        {props.label}
      </Typography>
      <Box>{props.children}</Box>
    </Grid>
  );
}

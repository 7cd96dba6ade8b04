import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';
import { tierColour } from '../TierChip';
import { MISSING_FILL } from './LineageNodeShape';

const useStyles = makeStyles(
  theme => ({
    legend: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(1, 2.5),
      listStyle: 'none',
      margin: theme.spacing(1, 0, 0),
      padding: 0,
    },
    item: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) },
    swatch: { flex: 'none' },
  }),
  { name: 'DatapactLineageLegend' },
);

function Item(props: { symbol: ReactNode; children: ReactNode }) {
  const classes = useStyles();
  return (
    <li className={classes.item}>
      <svg
        className={classes.swatch}
        width={30}
        height={20}
        viewBox="-3 -3 30 20"
        aria-hidden
      >
        {props.symbol}
      </svg>
      <Typography variant="caption">{props.children}</Typography>
    </li>
  );
}

/** What the colours and marks of the lineage graph mean. */
export function LineageLegend() {
  const classes = useStyles();
  const tiers = useSensitivityTiers();
  return (
    <ul className={classes.legend} aria-label="Legend">
      <Item
        symbol={
          <path
            d="M0,7 H20 M15,2 L22,7 L15,12"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
          />
        }
      >
        data flows from a source to what derives from it
      </Item>
      {tiers.map(tier => (
        <Item
          key={tier}
          symbol={
            <rect
              width={24}
              height={14}
              rx={3}
              fill={tierColour(tier, tiers)}
            />
          }
        >
          {tier}
        </Item>
      ))}
      <Item
        symbol={
          <>
            <rect width={24} height={14} rx={3} fill="#9e9e9e" />
            <rect
              x={-2}
              y={-2}
              width={28}
              height={18}
              rx={4}
              fill="none"
              stroke="currentColor"
              strokeWidth={2}
            />
          </>
        }
      >
        this dataset
      </Item>
      <Item
        symbol={
          <>
            <rect width={24} height={14} rx={3} fill="#9e9e9e" />
            <rect x={3} y={4} width={18} height={6} rx={3} fill="#ffffff" />
          </>
        }
      >
        licence
      </Item>
      <Item
        symbol={
          <rect
            width={24}
            height={14}
            rx={3}
            fill={MISSING_FILL}
            stroke="#757575"
            strokeDasharray="4 3"
          />
        }
      >
        not in the catalog
      </Item>
      <Item
        symbol={
          <>
            <rect x={4} y={-2} width={20} height={14} rx={3} fill="#b0bec5" />
            <rect
              width={22}
              height={14}
              rx={3}
              fill="#cfd8dc"
              stroke="#78909c"
            />
          </>
        }
      >
        many datasets folded: click to show
      </Item>
      <Item
        symbol={
          <>
            <circle cx={12} cy={7} r={7} fill="none" stroke="currentColor" />
            <path d="M8,7 h8 M12,3 v8" stroke="currentColor" strokeWidth={2} />
          </>
        }
      >
        more lineage beyond the depth: click to load
      </Item>
    </ul>
  );
}

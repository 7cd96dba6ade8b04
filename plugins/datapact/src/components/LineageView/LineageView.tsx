import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import ListIcon from '@material-ui/icons/List';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  LineageDirection,
  LineageGraph as LineageGraphData,
} from '@datapact/backstage-plugin-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { datapactApiRef } from '../../api';
import { expansionDirection, mergeLineage } from '../../lib/lineageGraph';
import { ImpactCard } from '../ImpactCard';
import { LineageGraph, LineageLegend } from '../LineageGraph';
import { LineageTable } from '../LineageTable';

const DIRECTIONS: Array<{ value: LineageDirection; label: string }> = [
  { value: 'both', label: 'Upstream and downstream' },
  { value: 'upstream', label: 'Upstream: where it comes from' },
  { value: 'downstream', label: 'Downstream: what derives from it' },
];
/** The server caps depth at `datapact.lineage.maxDepth` (10 by default). */
const DEPTHS = [1, 2, 3, 4, 5, 6, 8, 10];
const DEFAULT_DEPTH = 3;
const NO_LINEAGE: Record<LineageDirection, string> = {
  both: 'No lineage is declared for this dataset: it lists no upstream (spec.lineage.upstream) and no dataset lists it as one.',
  upstream:
    'This dataset lists no upstream (spec.lineage.upstream): it is a source.',
  downstream:
    'No dataset lists this one as an upstream: nothing is derived from it.',
};

const useStyles = makeStyles(
  theme => ({
    controls: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    direction: { minWidth: 260 },
    depth: { minWidth: 110 },
    toggle: { marginLeft: 'auto' },
  }),
  { name: 'DatapactLineageView' },
);

/** @public */
export interface LineageViewProps {
  /** The dataset whose lineage to show. */
  entityRef: string;
  /** Which view to open with (default the graph). */
  initialView?: 'graph' | 'table';
}

/**
 * A dataset's lineage from `GET /lineage` in one request: a direction and
 * depth control, the graph (or, by a toggle, a table of the same datasets),
 * a legend, and whether the node limit cut it short. Nodes with lineage
 * beyond the depth load more on demand and merge it in.
 * @public
 */
export function LineageView(props: LineageViewProps) {
  const { entityRef } = props;
  const classes = useStyles();
  const api = useApi(datapactApiRef);
  const alertApi = useApi(alertApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const [direction, setDirection] = useState<LineageDirection>('both');
  const [depth, setDepth] = useState(DEFAULT_DEPTH);
  const [view, setView] = useState<'graph' | 'table'>(
    props.initialView ?? 'graph',
  );

  const base = useAsync(
    () => api.getLineage({ entity: entityRef, direction, depth }),
    [api, entityRef, direction, depth],
  );
  const [graph, setGraph] = useState<LineageGraphData>();
  const [expanding, setExpanding] = useState<ReadonlySet<string>>(new Set());
  /** Expansions started for an earlier query are dropped when they land. */
  const generation = useRef(0);
  useEffect(() => {
    generation.current += 1;
    setGraph(base.value);
    setExpanding(new Set());
  }, [base.value]);

  const hrefOf = useCallback(
    (ref: string) => entityRoute(entityRouteParams(ref)),
    [entityRoute],
  );
  const open = useCallback(
    (ref: string) => navigate(hrefOf(ref)),
    [navigate, hrefOf],
  );
  const expand = useCallback(
    async (ref: string) => {
      if (!graph) return;
      const started = generation.current;
      setExpanding(current => new Set([...current, ref]));
      try {
        const more = await api.getLineage({
          entity: ref,
          direction: expansionDirection(graph, ref, direction),
          depth,
        });
        if (generation.current === started) {
          setGraph(current => current && mergeLineage(current, more, ref));
        }
      } catch (error) {
        alertApi.post({
          message: `Could not load more lineage: ${(error as Error).message}`,
          severity: 'error',
        });
      } finally {
        if (generation.current === started) {
          setExpanding(current => {
            const next = new Set(current);
            next.delete(ref);
            return next;
          });
        }
      }
    },
    [api, alertApi, graph, direction, depth],
  );

  const controls = (
    <div className={classes.controls}>
      <TextField
        select
        id="datapact-lineage-direction"
        className={classes.direction}
        label="Direction"
        variant="outlined"
        size="small"
        value={direction}
        onChange={e => setDirection(e.target.value as LineageDirection)}
      >
        {DIRECTIONS.map(d => (
          <MenuItem key={d.value} value={d.value}>
            {d.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="datapact-lineage-depth"
        className={classes.depth}
        label="Depth (hops)"
        variant="outlined"
        size="small"
        value={depth}
        onChange={e => setDepth(Number(e.target.value))}
      >
        {DEPTHS.map(d => (
          <MenuItem key={d} value={d}>
            {d}
          </MenuItem>
        ))}
      </TextField>
      <ToggleButtonGroup
        className={classes.toggle}
        exclusive
        size="small"
        value={view}
        onChange={(_, value) => value && setView(value)}
        aria-label="Show the lineage as"
      >
        <ToggleButton value="graph" aria-label="Graph">
          <AccountTreeIcon fontSize="small" />
          <Box component="span" ml={1}>
            Graph
          </Box>
        </ToggleButton>
        <ToggleButton value="table" aria-label="Table">
          <ListIcon fontSize="small" />
          <Box component="span" ml={1}>
            Table
          </Box>
        </ToggleButton>
      </ToggleButtonGroup>
    </div>
  );

  let body;
  if (base.error) {
    body = <ResponseErrorPanel error={base.error} />;
  } else if (base.loading || !graph) {
    body = <Progress />;
  } else {
    let content;
    if (graph.nodes.length <= 1 && graph.edges.length === 0) {
      content = <Alert severity="info">{NO_LINEAGE[direction]}</Alert>;
    } else if (view === 'graph') {
      content = (
        <>
          <LineageGraph
            graph={graph}
            onOpen={open}
            onExpand={expand}
            expanding={expanding}
          />
          <LineageLegend />
        </>
      );
    } else {
      content = (
        <LineageTable
          graph={graph}
          hrefOf={hrefOf}
          onExpand={expand}
          expanding={expanding}
        />
      );
    }
    body = (
      <>
        {graph.truncated && (
          <Box mb={2}>
            <Alert severity="warning" data-testid="lineage-truncated">
              {`The lineage has more datasets than the server returns in one request; ${graph.nodes.length} are shown. `}
              Datasets marked + have more lineage: open it from them, or narrow
              the direction or the depth.
            </Alert>
          </Box>
        )}
        {content}
      </>
    );
  }

  return (
    <InfoCard
      title="Lineage"
      subheader="Where the data comes from and where it flows"
    >
      {controls}
      {body}
    </InfoCard>
  );
}

/**
 * The Lineage tab of a Dataset page: its lineage (graph or table) and what a
 * change to it would affect.
 * @public
 */
export function EntityDatasetLineageContent() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LineageView entityRef={ref} />
      </Grid>
      <Grid item xs={12}>
        <ImpactCard entityRef={ref} />
      </Grid>
    </Grid>
  );
}

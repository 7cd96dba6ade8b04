import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CenterFocusStrongIcon from '@material-ui/icons/CenterFocusStrong';
import UnfoldLessIcon from '@material-ui/icons/UnfoldLess';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import ZoomOutMapIcon from '@material-ui/icons/ZoomOutMap';
import { LineageGraph as LineageGraphData } from '@datapact/backstage-plugin-common';
import {
  memo,
  PointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useSensitivityTiers } from '../../hooks/useSensitivityTiers';
import {
  expansionDirection,
  refKey,
  visibleLineage,
} from '../../lib/lineageGraph';
import {
  LineageLayout,
  layoutLineage,
  NODE_HEIGHT,
  NODE_WIDTH,
  Point,
} from '../../lib/lineageLayout';
import { tierColour } from '../TierChip';
import {
  LineageGroupShape,
  LineageNodeShape,
  MISSING_FILL,
  nodeTitle,
} from './LineageNodeShape';

const ARROW_ID = 'datapact-lineage-arrow';
/** Below this scale, titles are hard to read: the first view does not go lower. */
const READABLE_SCALE = 0.75;
const MIN_SCALE = 0.01;
const MAX_SCALE = 2;

const useStyles = makeStyles(
  theme => ({
    root: { position: 'relative' },
    toolbar: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      marginBottom: theme.spacing(1),
    },
    status: { flex: 1 },
    viewport: {
      display: 'flex',
      overflow: 'auto',
      minHeight: 160,
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      background: theme.palette.background.default,
      cursor: 'grab',
      touchAction: 'none',
    },
    panning: { cursor: 'grabbing', userSelect: 'none' },
    // `margin: auto` centres a small graph without clipping a large one.
    svg: { flex: 'none', margin: 'auto', display: 'block' },
    edge: {
      fill: 'none',
      stroke: theme.palette.type === 'dark' ? '#9e9e9e' : '#757575',
      strokeWidth: 1.3,
    },
    emphasized: {
      stroke: theme.palette.primary.main,
      strokeWidth: 2.5,
    },
    faint: {
      '& $edge': { strokeOpacity: 0.3 },
      '& $emphasized': { strokeOpacity: 1 },
    },
    arrow: { fill: theme.palette.type === 'dark' ? '#9e9e9e' : '#757575' },
  }),
  { name: 'DatapactLineageGraph' },
);

/** @public */
export interface LineageGraphProps {
  /** The lineage, as `GET /lineage` answers it (possibly with expansions merged). */
  graph: LineageGraphData;
  /** Open a dataset (its entity page, say). */
  onOpen?: (ref: string) => void;
  /** Load the lineage beyond a node marked `expandable`. */
  onExpand?: (ref: string) => void;
  /** Refs whose expansion is loading. */
  expanding?: ReadonlySet<string>;
  /** Fold more than this many siblings into a group node (default 20). */
  fanOutLimit?: number;
  /** Most height of the scrolling viewport (default 70vh); a small graph takes less. */
  height?: number | string;
}

/** Above this many edges, edges are drawn faint, and a node's own stand out. */
const MANY_EDGES = 150;

/** The edges, with those of one node (the root, or the one pointed at) emphasized. */
function Edges(props: {
  edges: LineageLayout['edges'];
  emphasized: string;
  faint: boolean;
}) {
  const { edges, emphasized, faint } = props;
  const classes = useStyles();
  return (
    <g className={faint ? classes.faint : undefined}>
      {edges.map(edge => (
        <path
          key={`${edge.from} ${edge.to}`}
          className={`${classes.edge} ${
            edge.from === emphasized || edge.to === emphasized
              ? classes.emphasized
              : ''
          }`}
          d={edge.path}
          markerEnd={`url(#${ARROW_ID})`}
        >
          {edge.transformation && <title>{edge.transformation}</title>}
        </path>
      ))}
    </g>
  );
}
const LineageEdges = memo(Edges);

/**
 * A dataset's lineage, left to right (sources on the left), laid out with
 * dagre and drawn as SVG in a scrolling, zoomable viewport. Datasets are
 * coloured by tier; the root is outlined; large fan-outs are folded into
 * group nodes that unfold on click; nodes with lineage beyond the loaded
 * depth have a + button.
 * @public
 */
export function LineageGraph(props: LineageGraphProps) {
  const { graph, onOpen, onExpand, expanding, fanOutLimit } = props;
  const height = props.height ?? '70vh';
  const classes = useStyles();
  const tiers = useSensitivityTiers();
  const [expandedGroups, setExpandedGroups] = useState<ReadonlySet<string>>(
    new Set(),
  );
  /** The node pointed at or focused, whose edges stand out. */
  const [highlighted, setHighlighted] = useState<string>();

  const visible = useMemo(
    () => visibleLineage(graph, { expandedGroups, fanOutLimit }),
    [graph, expandedGroups, fanOutLimit],
  );
  const layout = useMemo(() => layoutLineage(visible), [visible]);
  const rootExpandsDownstream = useMemo(
    () => expansionDirection(graph, graph.root) === 'downstream',
    [graph],
  );
  const rootKey = refKey(graph.root);

  const viewportRef = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState<number>();
  /** A graph point to show at a viewport point after the next render. */
  const pin = useRef<{ at: Point; screen?: Point; key?: string }>();

  const fitScale = useCallback(() => {
    const viewport = viewportRef.current;
    if (!viewport || !layout.width || !layout.height) return 1;
    // The viewport grows with the graph up to its maximum height.
    const maxHeight = parseFloat(getComputedStyle(viewport).maxHeight);
    return Math.min(
      viewport.clientWidth / layout.width,
      (Number.isFinite(maxHeight) ? maxHeight : viewport.clientHeight) /
        layout.height,
    );
  }, [layout]);

  // The first view: everything if it is readable, else the root, readable.
  useLayoutEffect(() => {
    if (scale !== undefined) return;
    const fit = fitScale();
    const first = Math.min(1, Math.max(fit, READABLE_SCALE));
    const root = layout.positions.get(rootKey);
    if (root) pin.current = { at: root };
    setScale(first);
  }, [scale, fitScale, layout, rootKey]);

  const shown = scale ?? 1;
  // Scroll so that the pinned point sits where it should.
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    const target = pin.current;
    if (!viewport || !target || scale === undefined) return;
    const at = target.key ? layout.positions.get(target.key) : target.at;
    pin.current = undefined;
    if (!at) return;
    // A graph that grew out of view but still fits readably is shown whole.
    const fit = fitScale();
    if (target.key && fit < scale && fit >= READABLE_SCALE) {
      setScale(fit);
      return;
    }
    const screen = target.screen ?? {
      x: viewport.clientWidth / 2,
      y: viewport.clientHeight / 2,
    };
    viewport.scrollLeft = at.x * scale - screen.x;
    viewport.scrollTop = at.y * scale - screen.y;
  }, [scale, layout, fitScale]);

  /**
   * Keeps `key` where it is on screen through the next layout change, unless
   * the whole graph can then be shown readably.
   */
  const keepInPlace = useCallback(
    (key: string) => {
      const viewport = viewportRef.current;
      const at = layout.positions.get(key);
      if (!viewport || !at) return;
      pin.current = {
        at,
        key,
        screen: {
          x: at.x * shown - viewport.scrollLeft,
          y: at.y * shown - viewport.scrollTop,
        },
      };
    },
    [layout, shown],
  );

  const zoomTo = useCallback(
    (next: number, around?: Point) => {
      const viewport = viewportRef.current;
      if (!viewport) return;
      const clamped = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
      const screen = around ?? {
        x: viewport.clientWidth / 2,
        y: viewport.clientHeight / 2,
      };
      pin.current = {
        at: {
          x: (viewport.scrollLeft + screen.x) / shown,
          y: (viewport.scrollTop + screen.y) / shown,
        },
        screen,
      };
      setScale(clamped);
    },
    [shown],
  );

  // Ctrl (or ⌘) and the wheel zoom around the pointer; the wheel alone scrolls.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      zoomTo(shown * Math.exp(-event.deltaY / 300), {
        x: event.clientX - box.left,
        y: event.clientY - box.top,
      });
    };
    viewport.addEventListener('wheel', onWheel, { passive: false });
    return () => viewport.removeEventListener('wheel', onWheel);
  }, [zoomTo, shown]);

  // Drag the background to pan.
  const drag = useRef<{ x: number; y: number; left: number; top: number }>();
  const [panning, setPanning] = useState(false);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const target = event.target as Element;
    if (event.button !== 0 || target.closest('[data-lineage-item]')) return;
    const viewport = viewportRef.current!;
    drag.current = {
      x: event.clientX,
      y: event.clientY,
      left: viewport.scrollLeft,
      top: viewport.scrollTop,
    };
    viewport.setPointerCapture?.(event.pointerId);
    setPanning(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    const viewport = viewportRef.current!;
    viewport.scrollLeft = start.left - (event.clientX - start.x);
    viewport.scrollTop = start.top - (event.clientY - start.y);
  };
  const onPointerUp = () => {
    drag.current = undefined;
    setPanning(false);
  };

  const centreOnRoot = () => {
    const viewport = viewportRef.current;
    const root = layout.positions.get(rootKey);
    if (!viewport || !root) return;
    const next = Math.max(shown, READABLE_SCALE);
    if (next !== shown) {
      pin.current = { at: root };
      setScale(next);
    } else {
      viewport.scrollLeft = root.x * shown - viewport.clientWidth / 2;
      viewport.scrollTop = root.y * shown - viewport.clientHeight / 2;
    }
  };

  const toggleGroup = useCallback(
    (id: string) => {
      const group = visible.groups.find(g => g.id === id);
      if (group) keepInPlace(refKey(group.parent));
      setExpandedGroups(current => new Set([...current, id]));
    },
    [visible, keepInPlace],
  );
  const expand = useCallback(
    (ref: string) => {
      keepInPlace(refKey(ref));
      onExpand?.(ref);
    },
    [keepInPlace, onExpand],
  );

  const fill = (tier: string | undefined, missing?: boolean) =>
    missing ? MISSING_FILL : tierColour(tier ?? '', tiers);
  const titles = useMemo(
    () => new Map(graph.nodes.map(n => [refKey(n.ref), nodeTitle(n)])),
    [graph],
  );

  const drawn = visible.nodes.length + visible.groups.length;
  return (
    <div className={classes.root}>
      <div className={classes.toolbar}>
        <Typography
          className={classes.status}
          variant="body2"
          color="textSecondary"
          aria-live="polite"
        >
          {`${graph.nodes.length} datasets`}
          {visible.groups.length > 0 &&
            ` (${visible.nodes.length} shown, the rest folded into ${
              visible.groups.length
            } group${visible.groups.length === 1 ? '' : 's'})`}
          . Drag to pan, Ctrl + wheel to zoom.
        </Typography>
        {expandedGroups.size > 0 && (
          <Tooltip title="Fold large fan-outs again">
            <IconButton
              size="small"
              aria-label="Fold large fan-outs again"
              onClick={() => {
                keepInPlace(rootKey);
                setExpandedGroups(new Set());
              }}
            >
              <UnfoldLessIcon />
            </IconButton>
          </Tooltip>
        )}
        <Tooltip title="Zoom out">
          <IconButton
            size="small"
            aria-label="Zoom out"
            onClick={() => zoomTo(shown / 1.25)}
          >
            <ZoomOutIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Zoom in">
          <IconButton
            size="small"
            aria-label="Zoom in"
            onClick={() => zoomTo(shown * 1.25)}
          >
            <ZoomInIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Fit the whole graph">
          <IconButton
            size="small"
            aria-label="Fit the whole graph"
            onClick={() => zoomTo(fitScale())}
          >
            <ZoomOutMapIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Centre on this dataset">
          <IconButton
            size="small"
            aria-label="Centre on this dataset"
            onClick={centreOnRoot}
          >
            <CenterFocusStrongIcon />
          </IconButton>
        </Tooltip>
      </div>
      <div
        ref={viewportRef}
        className={`${classes.viewport} ${panning ? classes.panning : ''}`}
        style={{ maxHeight: height }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <svg
          className={classes.svg}
          width={layout.width * shown}
          height={layout.height * shown}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label={`Lineage graph of ${
            titles.get(rootKey) ?? graph.root
          }: ${drawn} items`}
          data-testid="lineage-graph"
          data-nodes={drawn}
        >
          <defs>
            <marker
              id={ARROW_ID}
              viewBox="0 0 10 10"
              refX={10}
              refY={5}
              markerWidth={7}
              markerHeight={7}
              orient="auto-start-reverse"
            >
              <path className={classes.arrow} d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          <LineageEdges
            edges={layout.edges}
            emphasized={highlighted ?? rootKey}
            faint={layout.edges.length > MANY_EDGES}
          />
          <g>
            {visible.nodes.map(node => {
              const key = refKey(node.ref);
              const at = layout.positions.get(key);
              if (!at) return null;
              const column = layout.columns.get(key) ?? 0;
              let expandSide: 'upstream' | 'downstream' | undefined;
              if (node.expandable) {
                expandSide =
                  column > 0 || (column === 0 && rootExpandsDownstream)
                    ? 'downstream'
                    : 'upstream';
              }
              return (
                <LineageNodeShape
                  key={key}
                  node={node}
                  x={at.x - NODE_WIDTH / 2}
                  y={at.y - NODE_HEIGHT / 2}
                  fill={fill(node.tier, node.missing)}
                  isRoot={key === rootKey}
                  expandSide={onExpand ? expandSide : undefined}
                  expanding={expanding?.has(node.ref)}
                  onOpen={onOpen}
                  onExpand={expand}
                  onHighlight={setHighlighted}
                />
              );
            })}
            {visible.groups.map(group => {
              const at = layout.positions.get(group.id);
              if (!at) return null;
              return (
                <LineageGroupShape
                  key={group.id}
                  group={group}
                  parentTitle={titles.get(refKey(group.parent)) ?? group.parent}
                  x={at.x - NODE_WIDTH / 2}
                  y={at.y - NODE_HEIGHT / 2}
                  onToggle={toggleGroup}
                />
              );
            })}
          </g>
        </svg>
      </div>
    </div>
  );
}

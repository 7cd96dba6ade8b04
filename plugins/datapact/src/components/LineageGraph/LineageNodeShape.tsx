import { parseEntityRef } from '@backstage/catalog-model';
import { makeStyles } from '@material-ui/core/styles';
import { LineageNode } from '@datapact/backstage-plugin-common';
import { KeyboardEvent, memo } from 'react';
import { LineageGroup, refKey } from '../../lib/lineageGraph';
import { NODE_HEIGHT, NODE_WIDTH } from '../../lib/lineageLayout';

/*
 * The SVG shapes of the lineage graph: a dataset (filled with its tier's
 * colour, with its licence as a badge and its organization) and a group of
 * folded datasets. Both are drawn at a fixed size, so the layout needs no
 * measuring pass.
 */

export const MISSING_FILL = '#eeeeee';

const useStyles = makeStyles(
  theme => ({
    body: {
      cursor: 'pointer',
      outline: 'none',
      '&:focus-visible $frame, &:hover $frame': {
        stroke: theme.palette.text.primary,
        strokeWidth: 2,
      },
    },
    missing: { cursor: 'default' },
    frame: {
      stroke: 'rgba(0, 0, 0, 0.25)',
      strokeWidth: 1,
    },
    halo: {
      fill: 'none',
      stroke: theme.palette.type === 'dark' ? '#ffd54f' : '#000000',
      strokeWidth: 3,
    },
    title: {
      fontFamily: theme.typography.fontFamily,
      fontSize: 13,
      fontWeight: 700,
      fill: '#ffffff',
    },
    line: {
      fontFamily: theme.typography.fontFamily,
      fontSize: 11,
      fill: 'rgba(255, 255, 255, 0.92)',
    },
    dark: { fill: 'rgba(0, 0, 0, 0.87)' },
    badge: {
      fontFamily: theme.typography.fontFamily,
      fontSize: 10,
      fontWeight: 600,
    },
    button: {
      cursor: 'pointer',
      outline: 'none',
      '& circle': {
        fill: theme.palette.background.paper,
        stroke: theme.palette.primary.main,
        strokeWidth: 2,
      },
      '& text': {
        fontFamily: theme.typography.fontFamily,
        fontSize: 16,
        fontWeight: 700,
        fill: theme.palette.primary.main,
      },
      '&:focus-visible circle, &:hover circle': {
        fill: theme.palette.primary.main,
      },
      '&:focus-visible text, &:hover text': {
        fill: theme.palette.primary.contrastText,
      },
    },
    group: {
      cursor: 'pointer',
      outline: 'none',
      '& rect': {
        fill: theme.palette.type === 'dark' ? '#455a64' : '#cfd8dc',
        stroke: theme.palette.type === 'dark' ? '#90a4ae' : '#78909c',
      },
      '& text': {
        fontFamily: theme.typography.fontFamily,
        fill: theme.palette.text.primary,
      },
      '&:focus-visible rect, &:hover rect': {
        stroke: theme.palette.text.primary,
        strokeWidth: 2,
      },
    },
  }),
  { name: 'DatapactLineageNode' },
);

/** Cuts text to what fits, with an ellipsis; the full text is in the tooltip. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Breaks text into at most `lines` lines of at most `width` characters, at
 * spaces where it can; the last line ends with an ellipsis if text remains.
 */
export function wrap(text: string, width: number, lines: number): string[] {
  const result: string[] = [];
  let rest = text.trim();
  while (rest && result.length < lines) {
    if (rest.length <= width) {
      result.push(rest);
      rest = '';
      break;
    }
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 2 ? space : width;
    result.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest)
    result[result.length - 1] = clip(
      `${result[result.length - 1]} ${rest}`,
      width,
    );
  return result;
}

/** Approximate widths of the node's fonts, in pixels per character. */
const TITLE_CHARS = 29;
const BADGE_CHAR = 6;
const LINE_CHAR = 6.2;

/** The name of an entity ref, or the ref itself if it does not parse. */
export function refName(ref: string | undefined): string {
  if (!ref) return '';
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

export const nodeTitle = (node: LineageNode) => node.title ?? refName(node.ref);

/** What a screen reader says about a dataset (and what its tooltip shows). */
export function describeNode(node: LineageNode, isRoot: boolean): string {
  if (node.missing) return `${refName(node.ref)}: not in the catalog`;
  return [
    nodeTitle(node) + (isRoot ? ' (this dataset)' : ''),
    node.tier && `tier ${node.tier}`,
    node.license && `licence ${node.license}`,
    node.organization && `organization ${refName(node.organization)}`,
    node.lifecycle && node.lifecycle !== 'production' && node.lifecycle,
  ]
    .filter(Boolean)
    .join(', ');
}

const activate = (action: () => void) => (event: KeyboardEvent) => {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    action();
  }
};

export interface LineageNodeShapeProps {
  node: LineageNode;
  /** The top-left corner. */
  x: number;
  y: number;
  fill: string;
  isRoot: boolean;
  /** Which side the expand button sits on, if the node can be expanded. */
  expandSide?: 'upstream' | 'downstream';
  expanding?: boolean;
  onOpen?: (ref: string) => void;
  onExpand?: (ref: string) => void;
  /** Called with the node's key while it is pointed at or focused, then with undefined. */
  onHighlight?: (key: string | undefined) => void;
}

/** A dataset of the lineage graph. */
function NodeShape(props: LineageNodeShapeProps) {
  const { node, x, y, fill, isRoot, expandSide, expanding } = props;
  const { onOpen, onExpand, onHighlight } = props;
  const classes = useStyles();
  const description = describeNode(node, isRoot);
  const open = () => onOpen?.(node.ref);
  const expand = () => onExpand?.(node.ref);
  const textClass = (base: string) =>
    node.missing ? `${base} ${classes.dark}` : base;
  const status = node.missing
    ? ''
    : [
        node.lifecycle && node.lifecycle !== 'production'
          ? node.lifecycle
          : undefined,
        node.tier,
      ]
        .filter(Boolean)
        .join(' · ');
  // The licence badge takes what the tier and lifecycle leave of the line.
  const badgeRoom = NODE_WIDTH - 20 - status.length * LINE_CHAR - 10;
  const license = node.license
    ? clip(node.license, Math.floor((badgeRoom - 12) / BADGE_CHAR))
    : undefined;
  const badgeWidth = license ? license.length * BADGE_CHAR + 12 : 0;
  const title = wrap(nodeTitle(node), TITLE_CHARS, 2);
  return (
    <g
      transform={`translate(${x},${y})`}
      data-lineage-item=""
      onMouseEnter={() => onHighlight?.(refKey(node.ref))}
      onMouseLeave={() => onHighlight?.(undefined)}
      onFocus={() => onHighlight?.(refKey(node.ref))}
      onBlur={() => onHighlight?.(undefined)}
    >
      {isRoot && (
        <rect
          className={classes.halo}
          x={-5}
          y={-5}
          width={NODE_WIDTH + 10}
          height={NODE_HEIGHT + 10}
          rx={12}
        />
      )}
      <g
        className={`${classes.body} ${node.missing ? classes.missing : ''}`}
        data-testid="lineage-node"
        data-ref={node.ref}
        data-root={isRoot ? 'true' : undefined}
        {...(node.missing
          ? { role: 'img', 'aria-label': description }
          : {
              role: 'link',
              tabIndex: 0,
              'aria-label': `${description}. Open its page`,
              onClick: open,
              onKeyDown: activate(open),
            })}
      >
        <title>{description}</title>
        <rect
          className={classes.frame}
          width={NODE_WIDTH}
          height={NODE_HEIGHT}
          rx={8}
          fill={fill}
          strokeDasharray={node.missing ? '6 4' : undefined}
        />
        <text className={textClass(classes.title)} x={12} y={20}>
          {title.map((line, i) => (
            <tspan key={i} x={12} dy={i === 0 ? 0 : 16}>
              {line}
            </tspan>
          ))}
        </text>
        <text className={textClass(classes.line)} x={12} y={54}>
          {node.missing
            ? 'not in the catalog'
            : clip(refName(node.organization) || 'no organization', 36)}
        </text>
        {license && (
          <>
            <rect
              x={10}
              y={62}
              width={badgeWidth}
              height={15}
              rx={7.5}
              fill="#ffffff"
              fillOpacity={0.92}
            />
            <text className={classes.badge} x={16} y={73} fill={fill}>
              {license}
            </text>
          </>
        )}
        {status && (
          <text
            className={classes.line}
            x={NODE_WIDTH - 10}
            y={73}
            textAnchor="end"
          >
            {status}
          </text>
        )}
      </g>
      {expandSide && (
        <g
          className={classes.button}
          role="button"
          tabIndex={0}
          aria-label={`Show more lineage ${expandSide} of ${nodeTitle(node)}`}
          aria-busy={expanding || undefined}
          data-testid="lineage-expand"
          transform={`translate(${
            expandSide === 'upstream' ? -14 : NODE_WIDTH + 14
          },${NODE_HEIGHT / 2})`}
          onClick={expanding ? undefined : expand}
          onKeyDown={expanding ? undefined : activate(expand)}
        >
          <title>
            {expanding ? 'Loading…' : `Show more lineage ${expandSide}`}
          </title>
          <circle r={11} />
          <text textAnchor="middle" dy="0.35em">
            {expanding ? '…' : '+'}
          </text>
        </g>
      )}
    </g>
  );
}
export const LineageNodeShape = memo(NodeShape);

export interface LineageGroupShapeProps {
  group: LineageGroup;
  parentTitle: string;
  x: number;
  y: number;
  onToggle: (id: string) => void;
}

/** Folded datasets: the many up- or downstreams of one dataset. */
function GroupShape(props: LineageGroupShapeProps) {
  const { group, parentTitle, x, y, onToggle } = props;
  const classes = useStyles();
  const count = group.members.length;
  const relation = group.side === 'upstream' ? 'upstream of' : 'derived from';
  const label = `${count} datasets ${relation} ${parentTitle}${
    group.beyond ? `, and ${group.beyond} more beyond them` : ''
  }. Show them`;
  const toggle = () => onToggle(group.id);
  const names = group.members.slice(0, 12).map(nodeTitle);
  return (
    <g
      transform={`translate(${x},${y})`}
      className={classes.group}
      data-lineage-item=""
      data-testid="lineage-group"
      role="button"
      tabIndex={0}
      aria-expanded={false}
      aria-label={label}
      onClick={toggle}
      onKeyDown={activate(toggle)}
    >
      <title>{`${names.join(', ')}${count > names.length ? ', …' : ''}`}</title>
      <rect x={8} y={-8} width={NODE_WIDTH - 8} height={NODE_HEIGHT} rx={8} />
      <rect x={4} y={-4} width={NODE_WIDTH - 4} height={NODE_HEIGHT} rx={8} />
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} />
      <text x={12} y={26} fontSize={14} fontWeight={700}>
        {`${count} more datasets`}
      </text>
      <text x={12} y={48} fontSize={11}>
        {clip(`${relation} ${parentTitle}`, 38)}
      </text>
      <text x={12} y={70} fontSize={11} fontStyle="italic">
        {group.beyond
          ? `+${group.beyond} beyond · click to show`
          : 'click to show'}
      </text>
    </g>
  );
}
export const LineageGroupShape = memo(GroupShape);

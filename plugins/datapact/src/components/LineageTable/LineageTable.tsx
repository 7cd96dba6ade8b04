import { Link, Table, TableColumn } from '@backstage/core-components';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddCircleOutlineIcon from '@material-ui/icons/AddCircleOutline';
import { LineageGraph, LineageNode } from '@datapact/backstage-plugin-common';
import { useMemo } from 'react';
import { lineagePlaces, refKey } from '../../lib/lineageGraph';
import { nodeTitle, refName } from '../LineageGraph/LineageNodeShape';
import { TierChip } from '../TierChip';

/** A dataset of the lineage as a row, with its place and its neighbours. */
interface LineageRow {
  id: string;
  node: LineageNode;
  title: string;
  /** Sorts upstream (negative hops) before the root (0) before downstream. */
  order: number;
  place: string;
  derivedFrom: string[];
  feeds: string[];
}

const MAX_NAMES = 5;

function names(titles: string[]) {
  if (titles.length === 0) return '—';
  const shown = titles.slice(0, MAX_NAMES).join(', ');
  return titles.length > MAX_NAMES
    ? `${shown} and ${titles.length - MAX_NAMES} more`
    : shown;
}

const hops = (n: number) => `${n} hop${n === 1 ? '' : 's'}`;

/** The rows of a lineage graph: every dataset, folded or not. */
export function lineageRows(graph: LineageGraph): LineageRow[] {
  const places = lineagePlaces(graph);
  const titles = new Map(graph.nodes.map(n => [refKey(n.ref), nodeTitle(n)]));
  const title = (ref: string) => titles.get(refKey(ref)) ?? refName(ref);
  const from = new Map<string, string[]>();
  const to = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const source = refKey(edge.from);
    const target = refKey(edge.to);
    if (!to.has(source)) to.set(source, []);
    to.get(source)!.push(title(edge.to));
    if (!from.has(target)) from.set(target, []);
    from.get(target)!.push(title(edge.from));
  }
  const rootKey = refKey(graph.root);
  return graph.nodes.map(node => {
    const key = refKey(node.ref);
    const place = places.get(key);
    let text = 'not connected';
    let order = Number.MAX_SAFE_INTEGER;
    if (key === rootKey) {
      text = 'this dataset';
      order = 0;
    } else if (place?.upstream !== undefined) {
      text = `upstream, ${hops(place.upstream)}`;
      order = -place.upstream;
    } else if (place?.downstream !== undefined) {
      text = `downstream, ${hops(place.downstream)}`;
      order = place.downstream;
    }
    return {
      id: key,
      node,
      title: nodeTitle(node),
      order,
      place: text,
      derivedFrom: [...new Set(from.get(key) ?? [])].sort(),
      feeds: [...new Set(to.get(key) ?? [])].sort(),
    };
  });
}

/** @public */
export interface LineageTableProps {
  graph: LineageGraph;
  /** The page of a dataset, for its link. */
  hrefOf: (ref: string) => string;
  onExpand?: (ref: string) => void;
  expanding?: ReadonlySet<string>;
}

/**
 * The lineage as a table: every dataset with its place relative to this one,
 * tier, licence, organization, owner, lifecycle and the datasets it is derived
 * from and feeds. For keyboard and screen-reader users, and for searching a
 * large lineage.
 * @public
 */
export function LineageTable(props: LineageTableProps) {
  const { graph, hrefOf, onExpand, expanding } = props;
  const rows = useMemo(
    () =>
      lineageRows(graph).sort(
        (a, b) => a.order - b.order || a.title.localeCompare(b.title),
      ),
    [graph],
  );
  const columns: TableColumn<LineageRow>[] = [
    {
      title: 'Dataset',
      field: 'title',
      highlight: true,
      cellStyle: { minWidth: 200 },
      render: row =>
        row.node.missing ? (
          <>
            {refName(row.node.ref)}
            <Typography variant="caption" display="block">
              not in the catalog
            </Typography>
          </>
        ) : (
          <>
            <Link to={hrefOf(row.node.ref)}>{row.title}</Link>
            {onExpand && row.node.expandable && (
              <Tooltip title="Load the lineage beyond it">
                <span>
                  <IconButton
                    size="small"
                    disabled={expanding?.has(row.node.ref)}
                    aria-label={`Show more lineage of ${row.title}`}
                    onClick={() => onExpand(row.node.ref)}
                  >
                    <AddCircleOutlineIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            )}
            {row.node.lifecycle && row.node.lifecycle !== 'production' && (
              <Typography variant="caption" display="block">
                {row.node.lifecycle}
              </Typography>
            )}
          </>
        ),
    },
    {
      title: 'Where',
      field: 'place',
      cellStyle: { minWidth: 110 },
      customSort: (a, b) => a.order - b.order,
    },
    {
      title: 'Tier',
      field: 'node.tier',
      render: row => (row.node.tier ? <TierChip tier={row.node.tier} /> : '—'),
    },
    {
      title: 'Licence',
      field: 'node.license',
      emptyValue: '—',
      cellStyle: { wordBreak: 'break-word' },
    },
    {
      title: 'Organization and owner',
      field: 'node.organization',
      render: row => (
        <>
          {refName(row.node.organization) || '—'}
          <Typography variant="caption" display="block">
            {refName(row.node.owner)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Derived from',
      field: 'derivedFrom',
      sorting: false,
      cellStyle: { minWidth: 160 },
      render: row => names(row.derivedFrom),
    },
    {
      title: 'Feeds',
      field: 'feeds',
      sorting: false,
      cellStyle: { minWidth: 160 },
      render: row => names(row.feeds),
    },
  ];
  return (
    <Table<LineageRow>
      title={`${rows.length} datasets in the lineage`}
      data={rows}
      columns={columns}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        search: true,
        padding: 'dense',
      }}
    />
  );
}

/*
 * The page that bench/lineageLayout.bench.ts loads in Chromium: it draws a
 * lineage graph handed to it (`window.lineageBench.draw`) with the plugin's
 * own LineageGraph component, or, for comparison, with Backstage's
 * DependencyGraph and the same node shapes, and reports the time from the
 * data in hand to the graph drawn (the frame after the one in which every
 * node is in place has been painted).
 */
import { configApiRef, errorApiRef } from '@backstage/core-plugin-api';
import { translationApiRef } from '@backstage/core-plugin-api/alpha';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { ConfigReader } from '@backstage/config';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import {
  DEFAULT_SENSITIVITY_TIERS,
  LineageGraph as LineageGraphData,
  LineageNode,
} from '@datapact/backstage-plugin-common';
import { createRoot } from 'react-dom/client';
import { LineageGraph } from '../plugins/datapact/src/components/LineageGraph/LineageGraph';
import {
  LineageNodeShape,
  MISSING_FILL,
} from '../plugins/datapact/src/components/LineageGraph/LineageNodeShape';
import { tierColour } from '../plugins/datapact/src/components/TierChip/TierChip';
import {
  refKey,
  visibleLineage,
} from '../plugins/datapact/src/lib/lineageGraph';
import { layoutLineage } from '../plugins/datapact/src/lib/lineageLayout';

export type Variant = 'datapact' | 'dependency-graph';

function DependencyGraphVariant(props: { graph: LineageGraphData }) {
  const { graph } = props;
  const visible = visibleLineage(graph);
  const rootKey = refKey(graph.root);
  const nodes: Array<{ id: string; node: LineageNode }> = [
    ...visible.nodes.map(n => ({ id: refKey(n.ref), node: n })),
    ...visible.groups.map(g => ({ id: g.id, node: { ref: g.id } })),
  ];
  return (
    <DependencyGraph
      nodes={nodes}
      edges={visible.edges}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      ranker={DependencyGraphTypes.Ranker.TIGHT_TREE}
      nodeMargin={14}
      rankMargin={72}
      fit="contain"
      style={{ height: '70vh' }}
      renderNode={({ node }) => (
        <LineageNodeShape
          node={node.node}
          x={0}
          y={0}
          fill={
            node.node.missing
              ? MISSING_FILL
              : tierColour(node.node.tier ?? '', DEFAULT_SENSITIVITY_TIERS)
          }
          isRoot={node.id === rootKey}
        />
      )}
    />
  );
}

const apis = [
  [configApiRef, new ConfigReader({})],
  [errorApiRef, { post: () => {}, error$: () => ({ subscribe: () => ({}) }) }],
  [translationApiRef, mockApis.translation()],
] as const;

const nextFrame = () =>
  new Promise<number>(resolve => requestAnimationFrame(resolve));

/** Every drawn node is in the DOM, positioned, and visible. */
function isDrawn(variant: Variant, container: HTMLElement, count: number) {
  if (variant === 'datapact') {
    const svg = container.querySelector('[data-testid=lineage-graph]');
    return (
      svg !== null &&
      container.querySelectorAll(
        '[data-testid=lineage-node], [data-testid=lineage-group]',
      ).length === count
    );
  }
  const svg = container.querySelector<SVGElement>('svg#dependency-graph');
  const wrapper = svg?.parentElement;
  const nodes = container.querySelectorAll('g[data-testid=node]');
  return (
    !!wrapper &&
    wrapper.style.visibility === 'visible' &&
    nodes.length === count
  );
}

async function draw(
  variant: Variant,
  graph: LineageGraphData,
): Promise<{ ms: number; drawn: number }> {
  const container = document.createElement('div');
  container.style.width = '1400px';
  document.body.appendChild(container);
  const visible = visibleLineage(graph);
  const count = visible.nodes.length + visible.groups.length;
  const root = createRoot(container);
  const start = performance.now();
  root.render(
    <TestApiProvider apis={apis as any}>
      <UnifiedThemeProvider theme={themes.light}>
        {variant === 'datapact' ? (
          <LineageGraph graph={graph} onOpen={() => {}} onExpand={() => {}} />
        ) : (
          <DependencyGraphVariant graph={graph} />
        )}
      </UnifiedThemeProvider>
    </TestApiProvider>,
  );
  const deadline = start + 60_000;
  while (!isDrawn(variant, container, count)) {
    if ((await nextFrame()) > deadline) throw new Error('never drawn');
  }
  // This frame holds the graph; the next frame starts once it is painted.
  await nextFrame();
  const ms = performance.now() - start;
  root.unmount();
  container.remove();
  return { ms, drawn: count };
}

/** The layout alone (folding and dagre), without React or the DOM. */
function layoutOnly(graph: LineageGraphData): number {
  const start = performance.now();
  layoutLineage(visibleLineage(graph));
  return performance.now() - start;
}

declare global {
  interface Window {
    lineageBench: { draw: typeof draw; layoutOnly: typeof layoutOnly };
  }
}
window.lineageBench = { draw, layoutOnly };

import { LineageGraph, LineageNode } from '@datapact/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { dataset, fakeDatapactApi } from '../../__testUtils__/entities';
import { renderWithApis } from '../../__testUtils__/render';
import { EntityDatasetLineageContent, LineageView } from './LineageView';

const ds = (name: string) => `dataset:default/${name}`;
const org = (name: string) => `group:default/${name}`;

const node = (
  name: string,
  title: string,
  extra: Partial<LineageNode> = {},
): LineageNode => ({
  ref: ds(name),
  title,
  tier: 'restricted',
  license: 'LicenseRef-StMary-Research-Terms',
  owner: org('health-analytics'),
  organization: org('st-mary-hospital'),
  lifecycle: 'production',
  ...extra,
});

/** The respiratory study, upstream of the atlas, as GET /lineage answers it. */
const atlas: LineageGraph = {
  root: ds('northbridge-respiratory-atlas'),
  nodes: [
    node('northbridge-respiratory-atlas', 'Northbridge respiratory atlas', {
      tier: 'public',
      organization: org('northbridge-university'),
    }),
    node('ed-respiratory-by-area-weekly', 'ED respiratory by area, weekly', {
      tier: 'confidential',
      organization: org('northbridge-university'),
    }),
    node(
      'ed-respiratory-traffic-linked',
      'ED respiratory and traffic, linked',
      {
        organization: org('northbridge-university'),
        expandable: true,
      },
    ),
    node('gone-dataset', 'Gone', { missing: true }),
  ],
  edges: [
    {
      from: ds('ed-respiratory-by-area-weekly'),
      to: ds('northbridge-respiratory-atlas'),
    },
    {
      from: ds('ed-respiratory-traffic-linked'),
      to: ds('ed-respiratory-by-area-weekly'),
      transformation: 'weekly aggregation by area',
    },
    { from: ds('gone-dataset'), to: ds('ed-respiratory-by-area-weekly') },
  ],
  truncated: false,
};

/** Beyond the linked dataset: its three upstreams. */
const beyondLinked: LineageGraph = {
  root: ds('ed-respiratory-traffic-linked'),
  nodes: [
    node('ed-respiratory-traffic-linked', 'ED respiratory and traffic, linked'),
    node('st-mary-ed-attendances-clean', 'ED attendances, clean'),
    node('riverside-trips-by-area-daily', 'Trips by area, daily', {
      tier: 'confidential',
      license: 'CC-BY-4.0',
      organization: org('riverside-mobility-cooperative'),
    }),
  ],
  edges: [
    {
      from: ds('st-mary-ed-attendances-clean'),
      to: ds('ed-respiratory-traffic-linked'),
    },
    {
      from: ds('riverside-trips-by-area-daily'),
      to: ds('ed-respiratory-traffic-linked'),
    },
  ],
  truncated: false,
};

/** A source with 30 datasets derived from it. */
function wideSource(): LineageGraph {
  const nodes = [node('raw', 'Raw source')];
  const edges = [];
  for (let i = 0; i < 30; i++) {
    nodes.push(node(`derived-${i}`, `Derived ${String(i).padStart(2, '0')}`));
    edges.push({ from: ds('raw'), to: ds(`derived-${i}`) });
  }
  return { root: ds('raw'), nodes, edges, truncated: true };
}

function Location() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

const graphNodes = () => screen.findAllByTestId('lineage-node');

describe('LineageView', () => {
  it('draws every dataset and edge, with the dataset itself outlined', async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue(atlas),
    });
    await renderWithApis(<LineageView entityRef={atlas.root} />, { api });
    const nodes = await graphNodes();
    expect(nodes.map(n => n.getAttribute('data-ref'))).toEqual(
      atlas.nodes.map(n => n.ref),
    );
    expect(api.getLineage).toHaveBeenCalledTimes(1);
    expect(api.getLineage).toHaveBeenCalledWith({
      entity: atlas.root,
      direction: 'both',
      depth: 3,
    });
    const graph = screen.getByTestId('lineage-graph');
    expect(graph.querySelectorAll('path[marker-end]')).toHaveLength(3);
    expect(within(graph).getByText('weekly aggregation by area')).toBeTruthy();

    const root = nodes.find(n => n.getAttribute('data-root') === 'true')!;
    expect(root).toHaveAttribute('data-ref', atlas.root);
    expect(root).toHaveAccessibleName(
      'Northbridge respiratory atlas (this dataset), tier public, licence LicenseRef-StMary-Research-Terms, organization northbridge-university. Open its page',
    );
    // Tier colours: restricted red, public green.
    expect(root.querySelector('rect')).toHaveAttribute('fill', '#2e7d32');
    const linked = nodes.find(
      n => n.getAttribute('data-ref') === ds('ed-respiratory-traffic-linked'),
    )!;
    expect(linked.querySelector('rect')).toHaveAttribute('fill', '#c62828');
    expect(within(linked).getByText(/^LicenseRef-StMary-/)).toBeTruthy();
    expect(within(linked).getByText('northbridge-university')).toBeTruthy();
    // A missing upstream is drawn, not linked.
    expect(
      screen.getByRole('img', { name: 'gone-dataset: not in the catalog' }),
    ).toBeInTheDocument();
    // The legend names the tiers.
    const legend = screen.getByRole('list', { name: 'Legend' });
    for (const tier of ['public', 'internal', 'confidential', 'restricted']) {
      expect(within(legend).getByText(tier)).toBeInTheDocument();
    }
  });

  it("opens a dataset's page on click or Enter", async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue(atlas),
    });
    await renderWithApis(
      <>
        <LineageView entityRef={atlas.root} />
        <Location />
      </>,
      { api },
    );
    await userEvent.click(
      await screen.findByRole('link', {
        name: /^ED respiratory by area, weekly, tier confidential/,
      }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/catalog/default/dataset/ed-respiratory-by-area-weekly',
    );
    fireEvent.keyDown(
      screen.getByRole('link', {
        name: /^ED respiratory and traffic, linked/,
      }),
      { key: 'Enter' },
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/catalog/default/dataset/ed-respiratory-traffic-linked',
    );
  });

  it('loads the lineage beyond an expandable dataset and merges it in', async () => {
    const api = fakeDatapactApi({
      getLineage: jest
        .fn()
        .mockImplementation(async ({ entity }) =>
          entity === atlas.root ? atlas : beyondLinked,
        ),
    });
    await renderWithApis(<LineageView entityRef={atlas.root} />, { api });
    expect(await graphNodes()).toHaveLength(4);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show more lineage upstream of ED respiratory and traffic, linked',
      }),
    );
    await waitFor(async () => expect(await graphNodes()).toHaveLength(6));
    expect(api.getLineage).toHaveBeenLastCalledWith({
      entity: ds('ed-respiratory-traffic-linked'),
      direction: 'upstream',
      depth: 3,
    });
    expect(
      screen.getByRole('link', { name: /^Trips by area, daily/ }),
    ).toBeInTheDocument();
    // Expanded: no more + on it.
    expect(screen.queryByTestId('lineage-expand')).not.toBeInTheDocument();
  });

  it('folds a fan-out of more than 20 into a group that unfolds on click', async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue(wideSource()),
    });
    await renderWithApis(<LineageView entityRef={ds('raw')} />, { api });
    expect(await graphNodes()).toHaveLength(1);
    expect(screen.getByTestId('lineage-truncated')).toHaveTextContent(
      '31 are shown',
    );
    const group = screen.getByRole('button', {
      name: '30 datasets derived from Raw source. Show them',
    });
    expect(group).toHaveTextContent('30 more datasets');
    await userEvent.click(group);
    expect(await graphNodes()).toHaveLength(31);
    expect(screen.queryByTestId('lineage-group')).not.toBeInTheDocument();
    // And folds again on request.
    await userEvent.click(
      screen.getByRole('button', { name: 'Fold large fan-outs again' }),
    );
    expect(await graphNodes()).toHaveLength(1);
  });

  it('lists the same datasets in a table, for keyboard and screen readers', async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue(atlas),
    });
    await renderWithApis(<LineageView entityRef={atlas.root} />, { api });
    await graphNodes();
    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(screen.queryByTestId('lineage-graph')).not.toBeInTheDocument();
    expect(
      await screen.findByText('4 datasets in the lineage'),
    ).toBeInTheDocument();
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[0].textContent);
    expect(rows).toEqual([
      'ED respiratory and traffic, linked',
      'gone-datasetnot in the catalog',
      'ED respiratory by area, weekly',
      'Northbridge respiratory atlas',
    ]);
    const linked = screen.getByRole('row', {
      name: /^ED respiratory and traffic, linked/,
    });
    expect(within(linked).getByText('upstream, 2 hops')).toBeInTheDocument();
    expect(
      within(linked).getByText('ED respiratory by area, weekly'),
    ).toBeInTheDocument();
    expect(
      within(linked).getByRole('link', {
        name: 'ED respiratory and traffic, linked',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/dataset/ed-respiratory-traffic-linked',
    );
    expect(
      within(linked).getByRole('button', {
        name: 'Show more lineage of ED respiratory and traffic, linked',
      }),
    ).toBeInTheDocument();
  });

  it('asks again for another direction and depth', async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue(atlas),
    });
    await renderWithApis(<LineageView entityRef={atlas.root} />, { api });
    await graphNodes();
    await userEvent.click(screen.getByLabelText('Direction'));
    await userEvent.click(
      screen.getByRole('option', { name: 'Upstream: where it comes from' }),
    );
    await userEvent.click(screen.getByLabelText('Depth (hops)'));
    await userEvent.click(screen.getByRole('option', { name: '5' }));
    await waitFor(() =>
      expect(api.getLineage).toHaveBeenLastCalledWith({
        entity: atlas.root,
        direction: 'upstream',
        depth: 5,
      }),
    );
  });

  it("is the Lineage tab of a dataset's page, with the impact of a change", async () => {
    const api = fakeDatapactApi({
      getLineage: jest.fn().mockResolvedValue({
        root: 'dataset:default/clinic-visits-2024',
        nodes: [{ ref: 'dataset:default/clinic-visits-2024' }],
        edges: [],
        truncated: false,
      }),
      getImpact: jest.fn().mockResolvedValue({
        root: 'dataset:default/clinic-visits-2024',
        datasets: [],
        owners: [],
        organizations: [],
        agreements: [],
        grants: [],
        truncated: false,
      }),
    });
    await renderWithApis(<EntityDatasetLineageContent />, {
      api,
      entity: dataset,
    });
    expect(
      await screen.findByText(/No lineage is declared for this dataset/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Nothing is derived from this dataset/),
    ).toBeInTheDocument();
    expect(api.getImpact).toHaveBeenCalledWith(
      'dataset:default/clinic-visits-2024',
    );
  });
});

import { DatapactClient } from './DatapactClient';

function clientAnswering(body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new DatapactClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backend/api/${id}`,
    },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('DatapactClient findings', () => {
  it('reads all findings, or those naming one entity', async () => {
    const report = { entities: 3, problems: [], computedAt: 'x', today: 'y' };
    const { client, fetch } = clientAnswering(report);
    await expect(client.getFindings()).resolves.toEqual(report);
    await client.getFindings('dataset:default/uni-mobility-health-panel');
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/datapact/findings',
      'http://backend/api/datapact/findings?entity=dataset%3Adefault%2Funi-mobility-health-panel',
    ]);
  });

  it('reads the summary', async () => {
    const { client, fetch } = clientAnswering({ total: 0 });
    await expect(client.getFindingsSummary()).resolves.toEqual({ total: 0 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/datapact/findings/summary',
    );
  });
});

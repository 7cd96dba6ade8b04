import { DatapactApiError } from './DatapactApiError';
import { DatapactClient } from './DatapactClient';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
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

describe('DatapactClient', () => {
  it('lists requests with the query in the URL', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listAccessRequests({
      dataset: 'dataset:default/clinic-visits-2024',
      mine: true,
      state: undefined,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/datapact/access-requests?dataset=dataset%3Adefault%2Fclinic-visits-2024&mine=true',
    );
  });

  it('posts a decision as JSON', async () => {
    const { client, fetch } = clientAnswering(201, { id: 'a b' });
    await client.decideAccessRequest('a b', {
      decision: 'approve',
      comment: 'fine',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/datapact/access-requests/a%20b/decisions',
    );
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      decision: 'approve',
      comment: 'fine',
    });
  });

  it('sends each change with its own Idempotency-Key', async () => {
    const { client, fetch } = clientAnswering(201, { id: 'r1' });
    await client.cancelAccessRequest('r1');
    await client.cancelAccessRequest('r1');
    const keys = fetch.mock.calls.map(
      c => (c[1]?.headers as Record<string, string>)['Idempotency-Key'],
    );
    expect(keys[0]).toMatch(/^[\x21-\x7e]{16,255}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('sends a change again with the same key while the backend answers 503', async () => {
    const answers = [
      new Response(
        JSON.stringify({
          error: { name: 'ServiceUnavailableError', message: 'away' },
        }),
        { status: 503, headers: { 'Retry-After': '0' } },
      ),
      new Response(JSON.stringify({ id: 'r1', state: 'approved' }), {
        status: 201,
      }),
    ];
    const fetch = jest.fn(
      async (_url: string, _init?: RequestInit) => answers.shift()!,
    );
    const client = new DatapactClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/datapact' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    await expect(
      client.decideAccessRequest('r1', { decision: 'approve' }),
    ).resolves.toEqual({ id: 'r1', state: 'approved' });
    const keys = fetch.mock.calls.map(
      c => (c[1]?.headers as Record<string, string>)['Idempotency-Key'],
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("rejects with the server's own message", async () => {
    const { client } = clientAnswering(403, {
      error: {
        name: 'NotAllowedError',
        message: 'You requested this access; another approver must decide it',
      },
      response: { statusCode: 403 },
    });
    const error = await client
      .decideAccessRequest('r1', { decision: 'approve' })
      .catch(e => e);
    expect(error).toBeInstanceOf(DatapactApiError);
    expect(error.message).toBe(
      'You requested this access; another approver must decide it',
    );
    expect(error.statusCode).toBe(403);
    expect(error.errorName).toBe('NotAllowedError');
  });

  it('keeps the status line when the body is not JSON', async () => {
    const client = new DatapactClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/datapact' },
      fetchApi: {
        fetch: (async () =>
          new Response('<html>Bad gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
          })) as unknown as typeof globalThis.fetch,
      },
    });
    await expect(client.listGrants()).rejects.toThrow('502 Bad Gateway');
  });
  it('asks for lineage and impact with the query in the URL', async () => {
    const { client, fetch } = clientAnswering(200, {});
    await client.getLineage({
      entity: 'dataset:default/northbridge-respiratory-atlas',
      direction: 'upstream',
      depth: 5,
    });
    await client.getImpact('dataset:default/riverside-member-trips-raw');
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/datapact/lineage?entity=dataset%3Adefault%2Fnorthbridge-respiratory-atlas&direction=upstream&depth=5',
      'http://backend/api/datapact/impact?entity=dataset%3Adefault%2Friverside-member-trips-raw',
    ]);
  });

  it('asks whether a request would be accepted, with what the form says so far', async () => {
    const { client, fetch } = clientAnswering(200, { allowed: true });
    await client.getAccessEligibility({
      dataset: 'dataset:default/riverside-od-travel-times',
      purpose: 'service-planning',
      duration: 'P365D',
      agreement: undefined,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/datapact/access-requests/eligibility?dataset=dataset%3Adefault%2Friverside-od-travel-times&purpose=service-planning&duration=P365D',
    );
  });

  it('reads the terms of a dataset under an agreement, and of a dataset alone', async () => {
    const terms = {
      dataset: 'dataset:default/clinic-visits-2024',
      agreement: 'agreement:default/hospital-uni-dsa',
      terms: [
        {
          source: 'license',
          entity: 'dataset:default/clinic-visits-2024',
          kind: 'duty',
          id: 'attribute',
          text: 'You must credit the provider.',
        },
      ],
      sha256: 'b'.repeat(64),
    };
    const { client, fetch } = clientAnswering(200, terms);
    await expect(
      client.getAccessTerms({
        dataset: 'dataset:default/clinic-visits-2024',
        agreement: 'agreement:default/hospital-uni-dsa',
      }),
    ).resolves.toEqual(terms);
    await client.getAccessTerms({
      dataset: 'dataset:default/riverside-od-travel-times',
    });
    expect(fetch.mock.calls.map(c => [c[0], c[1]?.method])).toEqual([
      [
        'http://backend/api/datapact/access-requests/terms?dataset=dataset%3Adefault%2Fclinic-visits-2024&agreement=agreement%3Adefault%2Fhospital-uni-dsa',
        'GET',
      ],
      [
        'http://backend/api/datapact/access-requests/terms?dataset=dataset%3Adefault%2Friverside-od-travel-times',
        'GET',
      ],
    ]);
  });

  it("asks a request's approval status, and grants the sweep ended", async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.getApprovalStatus('req 1');
    await client.listGrants({ endedBySweep: true, limit: 20 });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/datapact/access-requests/req%201/approvals',
      'http://backend/api/datapact/grants?endedBySweep=true&limit=20',
    ]);
  });

  it('keeps the rule id of a refusal', async () => {
    const { client } = clientAnswering(403, {
      error: {
        name: 'NotAllowedError',
        message: 'The community vetoes commercial analytics',
        rule: 'community-veto',
      },
    });
    const error = await client
      .createAccessRequest({
        dataset: 'dataset:default/ngati-example-household-energy-leads',
        purpose: 'commercial-analytics',
        justification: 'leads',
        duration: 'P30D',
        acceptedTerms: 'a'.repeat(64),
      })
      .catch(e => e);
    expect(error.message).toBe('The community vetoes commercial analytics');
    expect(error.rule).toBe('community-veto');
  });
});

// The adopter test's HTTP checks against the adopter app's backend: waits for
// the fixture (adopter/catalog) to be ingested, then calls Datapact's
// endpoints as the guest, who signs in as the catalog User
// user:default/alex.analyst (a member of the organization Group
// lakeside-institute), over real HTTP.
//
// usage: node adopter/check-api.mjs <base url>
const [baseUrl] = process.argv.slice(2);
const DATASET = 'dataset:default/admissions-weekly';
const UPSTREAM = 'dataset:default/admissions-raw';
const AGREEMENT = 'agreement:default/harbor-lakeside-dsa';
const USER = 'user:default/alex.analyst';
const ORGANIZATION = 'group:default/lakeside-institute';

function fail(message) {
  console.error(`check-api: ${message}`);
  process.exit(1);
}

async function call(path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function expectStatus(path, status, options) {
  const res = await call(path, options);
  if (res.status !== status) {
    fail(
      `${options?.method ?? 'GET'} ${path}: ${
        res.status
      }, expected ${status}: ${res.text.slice(0, 500)}`,
    );
  }
  console.log(`${options?.method ?? 'GET'} ${path} -> ${res.status}`);
  return res.json;
}

async function guestIdentity() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) fail(`guest sign-in: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity;
}

async function waitFor(what, seconds, probe) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  for (;;) {
    last = await probe();
    if (last === true) return;
    if (Date.now() > deadline)
      fail(`${what}: not within ${seconds} s (${last})`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

// Ingestion: the user with its organization, both datasets with their
// relations. The guest's token only carries the organization once its User
// entity is in the catalog, so a new token is taken each round.
let identity;
await waitFor(
  'the fixture ingested and the guest signed in as a member of an organization',
  180,
  async () => {
    identity = await guestIdentity();
    if (!identity.identity.ownershipEntityRefs.includes(ORGANIZATION)) {
      return `guest owns ${identity.identity.ownershipEntityRefs.join(', ')}`;
    }
    for (const ref of [
      DATASET,
      UPSTREAM,
      AGREEMENT,
      'steward:default/sam-steward',
    ]) {
      const [kind, rest] = ref.split(':');
      const res = await call(`/api/catalog/entities/by-name/${kind}/${rest}`, {
        token: identity.token,
      });
      if (res.status !== 200) return `${ref}: ${res.status}`;
      if (!res.json.relations?.length) return `${ref} has no relations yet`;
    }
    return true;
  },
);
const token = identity.token;
if (identity.identity.userEntityRef !== USER)
  fail(`signed in as ${identity.identity.userEntityRef}, expected ${USER}`);
console.log(`signed in as ${USER}, member of ${ORGANIZATION}`);

// Without a token, Datapact answers 401.
await expectStatus('/api/datapact/access-requests', 401);

// Governance findings: the fixture is clean on the five-tier scale; on the
// default scale `secret` and `open` would be schema errors.
const findings = await expectStatus('/api/datapact/findings', 200, { token });
const errors = findings.problems.filter(p => p.severity === 'error');
if (errors.length)
  fail(`findings: ${errors.map(e => `${e.rule}: ${e.message}`).join('; ')}`);
console.log(
  `  ${findings.entities} entities, ${findings.problems.length} findings, no errors`,
);

// Lineage, once the backend's index has the datasets.
let lineage;
const lineagePath = `/api/datapact/lineage?entity=${encodeURIComponent(
  DATASET,
)}&direction=upstream&depth=2`;
await waitFor('the lineage of the fixture dataset', 60, async () => {
  lineage = (await call(lineagePath, { token })).json;
  const up = lineage?.nodes?.find(n => n.ref === UPSTREAM);
  return up && !up.missing ? true : JSON.stringify(lineage);
});
await expectStatus(lineagePath, 200, { token });
const tierOf = ref => lineage.nodes.find(n => n.ref === ref)?.tier;
if (tierOf(UPSTREAM) !== 'secret' || tierOf(DATASET) !== 'sensitive') {
  fail(`lineage tiers: ${JSON.stringify(lineage.nodes)}`);
}
if (!lineage.edges.some(e => e.from === UPSTREAM && e.to === DATASET)) {
  fail(`lineage edges: ${JSON.stringify(lineage.edges)}`);
}
console.log(
  `  ${lineage.nodes.length} nodes, ${
    lineage.edges.length
  } edge(s); tiers ${tierOf(UPSTREAM)} -> ${tierOf(DATASET)}`,
);

// An access request by the analyst, for the other organization's data under
// the agreement; with the terms accepted where the backend asks for them.
const request = {
  dataset: DATASET,
  purpose: 'research',
  justification: 'Adopter test: weekly admissions for a study.',
  duration: 'P30D',
  agreement: AGREEMENT,
};
const terms = await call(
  `/api/datapact/access-requests/terms?dataset=${encodeURIComponent(
    DATASET,
  )}&agreement=${encodeURIComponent(AGREEMENT)}`,
  { token },
);
if (terms.status === 200 && terms.json?.sha256) {
  request.acceptedTerms = terms.json.sha256;
  console.log(
    `GET /api/datapact/access-requests/terms -> 200 (${terms.json.terms.length} terms)`,
  );
}
const created = await expectStatus('/api/datapact/access-requests', 201, {
  token,
  method: 'POST',
  body: request,
});
if (created.state !== 'pending' || created.dataset !== DATASET)
  fail(`created: ${JSON.stringify(created)}`);
console.log(`  request ${created.id}: ${created.state}`);
const read = await expectStatus(
  `/api/datapact/access-requests/${created.id}`,
  200,
  { token },
);
if (read.id !== created.id) fail(`read back: ${JSON.stringify(read)}`);
const mine = await expectStatus(
  '/api/datapact/access-requests?mine=true',
  200,
  { token },
);
if (!JSON.stringify(mine).includes(created.id))
  fail(`mine=true does not list ${created.id}`);

// The permission policy the README installs, asked directly: the requester
// may cancel the request but not decide it (allow-all would allow both).
const resourcePermission = name => ({
  type: 'resource',
  name,
  attributes: { action: 'update' },
  resourceType: 'datapact-access-request',
});
const authorized = await expectStatus('/api/permission/authorize', 200, {
  token,
  method: 'POST',
  body: {
    items: ['decide', 'cancel'].map(what => ({
      id: what,
      permission: resourcePermission(`datapact.access-request.${what}`),
      resourceRef: created.id,
    })),
  },
});
const decision = what => authorized.items.find(i => i.id === what)?.result;
if (decision('decide') !== 'DENY' || decision('cancel') !== 'ALLOW') {
  fail(
    `the policy lets the requester decide: ${decision(
      'decide',
    )}, cancel: ${decision('cancel')} (expected DENY, ALLOW)`,
  );
}
console.log('  the policy: the requester may cancel, not decide');
const verify = await expectStatus('/api/datapact/audit/verify', 200, { token });
if (!verify.ok || verify.entries < 1)
  fail(`audit/verify: ${JSON.stringify(verify)}`);
console.log(`  audit chain ok, ${verify.entries} entries`);

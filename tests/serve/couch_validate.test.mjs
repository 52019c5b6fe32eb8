// Tests for tools/couchdb/validate_doc_update.js and filter_by_requester.js, the CouchDB
// design document the README's "Roles: requesters, agents, leads" section installs.
//
// Run from the repository root (make test does):
//   node --test tests/serve/
//
// Each function's text is evaluated with node:vm, the way CouchDB compiles it, then called
// with sample documents and userCtx objects: a refused write throws {forbidden: reason},
// an allowed one returns; anything else thrown fails the test. The last test installs the
// design document on a real CouchDB-protocol server (pouchdb-server, from node_modules)
// and writes through it as users with roles, as the README tells.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

import { startPouchServer } from '../e2e/sync_servers.mjs';

const root = new URL('../../tools/couchdb/', import.meta.url);
const compile = (name) => vm.runInNewContext(`(${readFileSync(new URL(name, root), 'utf8')})`, {});
const validate = compile('validate_doc_update.js');
const byRequester = compile('filter_by_requester.js');

const ALICE = 'alice@example.org';
const SETTINGS_ONLY = "only a lead can change the board's settings";
const OWN_NAME_ONLY = 'a requester can only submit requests in their own name';
const OWN_REQUESTS_ONLY = 'a requester may only comment on, reopen or rate their own requests';
const ONLY_ADMINS_DELETE = 'only a database admin can delete documents; close the ticket instead';

const users = {
  alice: { name: ALICE, roles: ['requester'] },
  bob: { name: 'bob', roles: ['agent'] },
  member: { name: 'mo', roles: [] }, // a member with no Tackboard role counts as an agent
  lea: { name: 'lea', roles: ['lead'] },
  both: { name: 'bo', roles: ['requester', 'agent'] }, // the most powerful role wins
  admin: { name: 'root', roles: ['_admin'] },
  dbAdmin: { name: 'dana', roles: [] },
  dbAdminRole: { name: 'ops1', roles: ['ops'] },
};
const security = { admins: { names: ['dana'], roles: ['ops'] }, members: { names: [], roles: ['requester', 'agent', 'lead'] } };

// null when the write is allowed, else the reason it is refused.
function verdict(newDoc, oldDoc, who) {
  try {
    validate(newDoc, oldDoc, users[who], security);
    return null;
  } catch (error) {
    if (error && typeof error.forbidden === 'string' && Object.keys(error).length === 1) return error.forbidden;
    throw error;
  }
}

function ticket(requester = ALICE, extra = {}) {
  return {
    _id: 't1', _rev: '3-abc', kind: 'ticket', type: 'support', title: 'Printer on fire', status: 'new',
    priority: 'normal', requester, assignee: 'bob', created: 1000, updated: 3000,
    comments: [
      { id: 'c1', author: requester, at: 1000, body: 'It smokes', internal: false },
      { id: 'c2', author: 'bob', at: 2000, body: 'vendor is late', internal: true },
    ],
    history: [
      { at: 1000, by: requester, field: 'created', old: null, new: 'Printer on fire' },
      { at: 2000, by: 'bob', field: 'comment', old: null, new: { id: 'c2', internal: true } },
      { at: 2500, by: 'bob', field: 'comment', old: null, new: { id: 'c9', internal: true } },
      { at: 2600, by: 'bob', field: 'comment', old: { id: 'c9' }, new: null },
    ],
    clocks: { title: '1000-0-a', comment: '2000-0-b', status: '1000-0-a' },
    ...extra,
  };
}

// A new ticket as the app's request form and create write it (no empty members).
function newRequest(extra = {}) {
  return {
    _id: 't7', kind: 'ticket', type: 'support', title: 'Printer on fire', description: 'It smokes', status: 'new',
    priority: 'normal', requester: ALICE, fields: { category: 'Other' }, created: 5000, updated: 5000,
    history: [{ at: 5000, by: ALICE, field: 'created', old: null, new: 'Printer on fire' }],
    clocks: { title: '5000-0-a', status: '5000-0-a', priority: '5000-0-a', assignee: '5000-0-a', labels: '5000-0-a' },
    ...extra,
  };
}

const resolved = () => ticket(ALICE, { status: 'resolved', resolved_at: 4000 });
const config = (extra = {}) => ({ _id: 'tackboard-config', kind: 'config', config: { statuses: [] }, ...extra });

function commented(doc, comment = {}) {
  const added = { id: 'c4', author: ALICE, at: 5000, body: 'Any news?', internal: false, ...comment };
  return {
    ...doc, _revisions: { start: 4, ids: ['def', 'abc'] }, updated: 5000,
    comments: [...(doc.comments || []), added],
    history: [...doc.history, { at: 5000, by: added.author, field: 'comment', old: null, new: { id: added.id, internal: added.internal } }],
    clocks: { ...doc.clocks, comment: '5000-0-alice' },
  };
}

test('only leads and admins write the board settings', () => {
  for (const who of ['lea', 'admin', 'dbAdmin', 'dbAdminRole']) {
    assert.equal(verdict(config(), null, who), null, who);
    assert.equal(verdict(config({ _rev: '2-x' }), config(), who), null, who);
  }
  for (const who of ['alice', 'bob', 'member', 'both']) {
    assert.equal(verdict(config(), null, who), SETTINGS_ONLY, who);
    assert.equal(verdict({ _id: 'other', kind: 'config', config: {} }, null, who), SETTINGS_ONLY, who);
    assert.equal(verdict({ _id: 'x', kind: 'ticket', requester: ALICE }, config({ _id: 'x' }), who), SETTINGS_ONLY, who);
  }
});

test('nobody but admins deletes', () => {
  const tombstone = { _id: 't1', _rev: '4-x', _deleted: true };
  for (const who of ['admin', 'dbAdmin', 'dbAdminRole'])
    assert.equal(verdict(tombstone, ticket(), who), null, who);
  for (const who of ['alice', 'bob', 'member', 'lea']) {
    assert.equal(verdict(tombstone, ticket(), who), ONLY_ADMINS_DELETE, who);
    assert.equal(verdict({ ...ticket(), _deleted: true }, ticket(), who), ONLY_ADMINS_DELETE, who);
    assert.equal(verdict({ ...config(), _deleted: true }, config(), who), ONLY_ADMINS_DELETE, who);
  }
});

test('agents and leads change any ticket in any way', () => {
  const other = ticket('carol@example.org');
  const changed = { ...other, title: 'Renamed', assignee: 'lea', priority: 'urgent', comments: [] };
  for (const who of ['bob', 'member', 'lea', 'both']) {
    assert.equal(verdict(changed, other, who), null, who);
    assert.equal(verdict(ticket('carol@example.org'), null, who), null, who);
    assert.equal(verdict({ _id: 'n1', kind: 'note' }, null, who), null, who);
  }
});

test('a requester creates tickets only in their own name', () => {
  assert.equal(verdict(newRequest(), null, 'alice'), null);
  assert.equal(verdict(newRequest(), { _id: 't7', _rev: '2-x', _deleted: true }, 'alice'), null);
  assert.equal(verdict(ticket('carol@example.org'), null, 'alice'), OWN_NAME_ONLY);
  assert.equal(verdict(newRequest({ requester: 'carol@example.org' }), null, 'alice'), OWN_NAME_ONLY);
  assert.equal(verdict({ ...newRequest(), requester: undefined }, null, 'alice'), OWN_NAME_ONLY);
  assert.equal(verdict({ _id: 'n1', kind: 'note', requester: ALICE }, null, 'alice'), OWN_NAME_ONLY);
});

test("a requester's new ticket holds only what a request form sets", () => {
  // As the app sends it: maybe with the requester's first comment, with empty members or without them.
  assert.equal(verdict(commented(newRequest()), null, 'alice'), null);
  assert.equal(verdict(newRequest({ assignee: '', labels: [], satisfaction: 0, comments: [], links: [] }), null, 'alice'), null);
  const comment = { id: 'c1', author: ALICE, at: 5100, body: 'psst', internal: false };
  const said = { at: 5100, by: ALICE, field: 'comment', old: null, new: { id: 'c1', internal: false } };
  const history = newRequest().history;
  const refused = {
    assignee: [{ assignee: 'bob' }, 'a requester cannot assign a new request; leave the assignee empty'],
    label: [{ labels: ['vip'] }, 'a requester cannot label a new request; the team adds labels'],
    sprint: [{ sprint: 's1' }, 'a requester cannot put a new request in a sprint'],
    link: [{ links: [{ kind: 'relates', target: 't2' }] }, 'a requester cannot link a new request to other tickets'],
    'due date': [{ due: 9000 }, 'a requester cannot give a new request a due date'],
    rating: [{ satisfaction: 5 }, 'a new request cannot be rated yet; rate it once it is resolved'],
    resolved_at: [{ resolved_at: 5000 }, 'a new request cannot be resolved already'],
    'unknown member': [{ escalated: true }, 'a new request can only hold what a request form sets'],
    'internal comment': [{ comments: [{ ...comment, internal: true }] },
      'a requester cannot write internal comments; they are for the team'],
    'history about an internal comment': [{ history: [...history, { ...said, new: { id: 'c1', internal: true } }] },
      'a requester cannot write internal comments; they are for the team'],
    'comment by someone else': [{ comments: [{ ...comment, author: 'bob' }], history: [...history, said] },
      'a new request can only hold comments written by the requester'],
    'history by someone else': [{ history: [...history, { at: 5200, by: 'bob', field: 'priority', old: 'normal', new: 'low' }] },
      "a new request's history can only record what the requester did"],
  };
  for (const [what, [extra, reason]] of Object.entries(refused)) {
    assert.equal(verdict(newRequest(extra), null, 'alice'), reason, what);
    assert.equal(verdict(newRequest(extra), { _id: 't7', _rev: '2-x', _deleted: true }, 'alice'), reason, what);
    for (const who of ['bob', 'member', 'lea', 'both']) assert.equal(verdict(newRequest(extra), null, who), null, `${what} by ${who}`);
  }
});

test("a requester cannot change another's ticket, even to take it over", () => {
  const carols = ticket('carol@example.org');
  assert.equal(verdict(commented(carols, { author: ALICE }), carols, 'alice'), OWN_REQUESTS_ONLY);
  assert.equal(verdict(ticket(), carols, 'alice'), OWN_REQUESTS_ONLY);
  assert.equal(verdict(ticket(), { _id: 't1', kind: 'note' }, 'alice'), OWN_REQUESTS_ONLY);
});

test('a requester comments, reopens and rates their own tickets', () => {
  assert.equal(verdict(commented(ticket()), ticket(), 'alice'), null);
  const reopened = { ...resolved(), status: 'new', resolved_at: 0, updated: 6000,
    clocks: { ...resolved().clocks, status: '6000-0-alice', resolved_at: '6000-0-alice' },
    history: [...resolved().history, { at: 6000, by: ALICE, field: 'status', old: 'resolved', new: 'new', note: 'reopened: again' }] };
  assert.equal(verdict(reopened, resolved(), 'alice'), null);
  const { resolved_at: _dropped, ...withoutResolvedAt } = reopened;
  assert.equal(verdict(withoutResolvedAt, resolved(), 'alice'), null);
  const rated = { ...resolved(), satisfaction: 5, clocks: { ...resolved().clocks, satisfaction: '7000-0-alice' },
    history: [...resolved().history, { at: 7000, by: ALICE, field: 'satisfaction', old: null, new: 5 }] };
  assert.equal(verdict(rated, resolved(), 'alice'), null);
  // Empty members written or left out are the same thing.
  assert.equal(verdict({ ...ticket(), labels: [], description: '', due: 0 }, ticket(), 'alice'), null);
});

test('a requester changing anything else is refused', () => {
  const mine = ticket();
  const { assignee: _gone, ...unassigned } = mine;
  const refused = {
    title: { ...mine, title: 'Louder' },
    assignee: { ...mine, assignee: ALICE },
    'assignee removed': unassigned,
    priority: { ...mine, priority: 'urgent' },
    requester: { ...mine, requester: 'carol@example.org' },
    'soft delete': { ...mine, deleted: true },
    'status of an open ticket': { ...mine, status: 'closed' },
    'resolved_at alone': { ...mine, resolved_at: 5 },
    'reopen keeping resolved_at': { ...resolved(), status: 'closed' },
    'rating out of range': { ...mine, satisfaction: 9 },
    'rating not whole': { ...mine, satisfaction: 2.5 },
    'internal comment': commented(mine, { internal: true }),
    'comment by someone else': commented(mine, { author: 'bob' }),
    'comment reusing an id': commented(mine, { id: 'c1' }),
    'edited comment': { ...mine, comments: [{ ...mine.comments[0], body: 'edited' }, mine.comments[1]] },
    'dropped internal comment': { ...mine, comments: mine.comments.slice(0, 1) },
    'dropped history': { ...mine, history: mine.history.slice(1) },
    'forged history': { ...mine, history: [...mine.history, { at: 1, by: 'bob', field: 'priority', old: 'normal', new: 'low' }] },
    'history about an internal comment': { ...mine, history: [...mine.history, { at: 1, by: ALICE, field: 'comment', old: { id: 'c9' }, new: null }] },
    'title clock': { ...mine, clocks: { ...mine.clocks, title: '9999-0-alice' } },
    'clock dropped': { ...mine, clocks: { comment: '2000-0-b', status: '1000-0-a' } },
    'clock added': { ...mine, clocks: { ...mine.clocks, priority: '9999-0-alice' } },
    'first response': { ...mine, first_response_at: 1 },
  };
  for (const [what, doc] of Object.entries(refused))
    assert.equal(verdict(doc, what === 'reopen keeping resolved_at' ? resolved() : mine, 'alice'), OWN_REQUESTS_ONLY, what);
  // The same changes made by an agent pass.
  for (const [what, doc] of Object.entries(refused))
    assert.equal(verdict(doc, mine, 'bob'), null, what);
});

test('the replication filter passes one requester their tickets and the settings', () => {
  const req = { query: { requester: ALICE } };
  assert.equal(byRequester(ticket(), req), true);
  assert.equal(byRequester({ ...ticket(), _deleted: true }, req), true);
  assert.equal(byRequester(config(), req), true);
  assert.equal(byRequester(ticket('carol@example.org'), req), false);
  assert.equal(byRequester({ _id: 'n1', kind: 'note', requester: ALICE }, req), false);
  assert.equal(byRequester({ _id: 't1', _deleted: true }, req), false);
  assert.equal(byRequester(ticket(), { query: {} }), false);
});

test('installed as the README says, pouchdb-server enforces it for users with roles', async () => {
  const server = await startPouchServer();
  try {
    const call = async (method, path, body, user) => {
      const headers = { 'Content-Type': 'application/json' };
      if (user) headers.Authorization = 'Basic ' + Buffer.from(`${user}:pw`).toString('base64');
      const response = await fetch(server.url + path, { method, headers, body: body && JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    };
    assert.equal((await call('PUT', '/helpdesk')).status, 201);
    const design = {
      validate_doc_update: readFileSync(new URL('validate_doc_update.js', root), 'utf8'),
      filters: { by_requester: readFileSync(new URL('filter_by_requester.js', root), 'utf8') },
    };
    assert.equal((await call('PUT', '/helpdesk/_design/tackboard', design)).status, 201);
    for (const [name, role] of [[ALICE, 'requester'], ['bob', 'agent'], ['lea', 'lead']])
      assert.equal((await call('PUT', `/_users/org.couchdb.user:${name}`, { name, password: 'pw', roles: [role], type: 'user' })).status, 201);

    const { _id: _a, ...body } = newRequest();
    assert.deepEqual(await call('PUT', '/helpdesk/t1', { ...body, requester: 'carol@example.org' }, ALICE),
      { status: 403, body: { error: 'forbidden', reason: OWN_NAME_ONLY } });
    assert.deepEqual(await call('PUT', '/helpdesk/t1', { ...body, assignee: 'bob' }, ALICE),
      { status: 403, body: { error: 'forbidden', reason: 'a requester cannot assign a new request; leave the assignee empty' } });
    const created = await call('PUT', '/helpdesk/t1', body, ALICE);
    assert.equal(created.status, 201);
    const stored = { ...body, _id: 't1', _rev: created.body.rev };
    assert.deepEqual(await call('PUT', '/helpdesk/t1', { ...stored, title: 'Louder' }, ALICE),
      { status: 403, body: { error: 'forbidden', reason: OWN_REQUESTS_ONLY } });
    assert.equal((await call('PUT', '/helpdesk/t1', commented(stored), ALICE)).status, 201);
    assert.deepEqual(await call('PUT', '/helpdesk/tackboard-config', config(), 'bob'),
      { status: 403, body: { error: 'forbidden', reason: SETTINGS_ONLY } });
    assert.equal((await call('PUT', '/helpdesk/tackboard-config', config(), 'lea')).status, 201);
    const current = (await call('GET', '/helpdesk/t1')).body;
    assert.deepEqual(await call('DELETE', `/helpdesk/t1?rev=${current._rev}`, undefined, 'lea'),
      { status: 403, body: { error: 'forbidden', reason: ONLY_ADMINS_DELETE } });
    const changes = await call('GET', `/helpdesk/_changes?filter=tackboard/by_requester&requester=${encodeURIComponent(ALICE)}`);
    assert.deepEqual(changes.body.results.map((change) => change.id).sort(), ['t1', 'tackboard-config']);
  } finally {
    await server.stop();
  }
});

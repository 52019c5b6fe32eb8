// The sync test servers (sync_servers.mjs) start, let a page of another origin send the
// headers the app sends, store and return a document, and stop for good.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { test } from 'node:test';
import { startJsonServer, startPouchServer } from './sync_servers.mjs';

const APP_ORIGIN = 'http://127.0.0.1:8000';  // where the app would be served from: another origin

// Plain node:http, so Origin and the preflight headers go out exactly as given.
function request(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within 5 s`)));
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

async function assertPreflightAllows(url, method) {
  const res = await request('OPTIONS', url, {
    headers: {
      Origin: APP_ORIGIN,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization,content-type,if-match',
    },
  });
  assert.ok(res.status >= 200 && res.status < 300, `preflight answered ${res.status}`);
  assert.equal(res.headers['access-control-allow-origin'], APP_ORIGIN);
  const allowed = (res.headers['access-control-allow-headers'] ?? '').toLowerCase().split(/\s*,\s*/);
  for (const header of ['authorization', 'content-type', 'if-match'])
    assert.ok(allowed.includes(header), `${header} not allowed: ${allowed}`);
  const methods = (res.headers['access-control-allow-methods'] ?? '').toUpperCase();
  assert.ok(methods.includes(method), `${method} not allowed: ${methods}`);
}

async function assertStopped(server) {
  await server.stop();
  await assert.rejects(request('GET', server.url + '/'), /ECONNREFUSED/);
  await server.stop();  // a second stop is harmless
}

test('json-server: CORS for the app, stores and returns a ticket, stops', async () => {
  const server = await startJsonServer({ tickets: [{ id: 'T1', title: 'Printer jams' }] });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const list = await request('GET', `${server.url}/tickets`, { headers: { Origin: APP_ORIGIN } });
    assert.equal(list.status, 200);
    assert.equal(list.headers['access-control-allow-origin'], APP_ORIGIN);
    assert.deepEqual(JSON.parse(list.text), [{ id: 'T1', title: 'Printer jams' }]);

    await assertPreflightAllows(`${server.url}/tickets/T2`, 'PUT');
    const ticket = { id: 'T2', title: 'VPN down', status: 'new' };
    const created = await request('POST', `${server.url}/tickets`, {
      headers: { Origin: APP_ORIGIN, 'Content-Type': 'application/json' }, body: ticket,
    });
    assert.equal(created.status, 201, created.text);
    const changed = await request('PUT', `${server.url}/tickets/T2`, {
      headers: { Origin: APP_ORIGIN, 'Content-Type': 'application/json', 'If-Match': '"x"' },
      body: { ...ticket, status: 'open' },
    });
    assert.equal(changed.status, 200, changed.text);
    const read = await request('GET', `${server.url}/tickets/T2`);
    assert.deepEqual(JSON.parse(read.text), { ...ticket, status: 'open' });
  } finally {
    await assertStopped(server);
  }
});

test('pouchdb-server: CORS for the app, stores and returns a document, stops', async () => {
  const server = await startPouchServer();
  try {
    const welcome = await request('GET', `${server.url}/`);
    assert.equal(JSON.parse(welcome.text).version, '4.2.0');
    await assertPreflightAllows(`${server.url}/helpdesk/T1`, 'PUT');
    await assertPreflightAllows(`${server.url}/helpdesk/_bulk_docs`, 'POST');

    const db = await request('PUT', `${server.url}/helpdesk`, { headers: { Origin: APP_ORIGIN } });
    assert.equal(db.status, 201, db.text);
    assert.equal(db.headers['access-control-allow-origin'], APP_ORIGIN);
    const stored = await request('PUT', `${server.url}/helpdesk/T1`, {
      headers: { Origin: APP_ORIGIN, 'Content-Type': 'application/json' },
      body: { kind: 'ticket', title: 'Printer jams' },
    });
    assert.equal(stored.status, 201, stored.text);
    const rev = JSON.parse(stored.text).rev;
    assert.match(rev, /^1-/);
    const read = await request('GET', `${server.url}/helpdesk/T1`);
    assert.deepEqual(JSON.parse(read.text), { _id: 'T1', _rev: rev, kind: 'ticket', title: 'Printer jams' });
    const stale = await request('PUT', `${server.url}/helpdesk/T1`, {
      headers: { 'Content-Type': 'application/json' }, body: { kind: 'ticket', title: 'no _rev' },
    });
    assert.equal(stale.status, 409);
  } finally {
    await assertStopped(server);
  }
});

test('a server that cannot start says why', async () => {
  // A db.json that is not JSON makes json-server exit at once.
  await assert.rejects(startJsonServer('{not json'), (e) => {
    assert.match(e.message, /^json-server exited \(1\) before answering at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(e.message, /Malformed JSON in file: db\.json/);  // its own words are shown
    return true;
  });
});

test('both can run at once, on different ports, and leave no folder behind', async () => {
  const [a, b] = await Promise.all([startJsonServer(), startPouchServer()]);
  try {
    assert.notEqual(a.url, b.url);
    assert.equal((await request('GET', `${a.url}/tickets`)).text.trim(), '[]');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  assert.ok(!existsSync(a.dir), a.dir);
  assert.ok(!existsSync(b.dir), b.dir);
});

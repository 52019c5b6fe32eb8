// Sync in the browser: two devices (two browser contexts, each with its own IndexedDB)
// keep one board in step through serve.py's CouchDB routes, pouchdb-server and REST
// endpoints (serve.py's and json-server). Offline edits of the same ticket on both
// converge with the losing value kept as a conflict; a server that dies and comes back
// loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  clickItem, createTicketThroughUi, launchBrowser, openBoard, screenshot, startServer, waitFor, waitForNoRect,
  waitForRect, watchErrors,
} from './helpers.mjs';
import { startJsonServer, startPouchServer } from './sync_servers.mjs';

let browser;
let app;  // serve.py serving the app (and its own sync routes)
const devices = [];

before(async () => {
  browser = await launchBrowser();
  app = await startServer();
});
after(async () => {
  for (const d of devices) await d.context.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

async function device(url = app.url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, url);
  const d = { context, page, errors };
  devices.push(d);
  return d;
}

const api = (d, fn, arg) => d.page.evaluate(fn, arg);
const sync = (d) => api(d, () => window.tackboard.sync());
const status = (d) => api(d, () => window.tackboard.syncStatus());
const configure = (d, settings) => api(d, (s) => window.tackboard.configureSync(s), settings);
const getTicket = (d, id) => api(d, (i) => window.tackboard.getTicket(i), id);
const idOf = async (d, title) => {
  const ids = await api(d, (t) => window.tackboard.query(`"${t}"`), title);
  assert.equal(ids.length, 1, `one ticket titled ${title}`);
  return ids[0];
};

// Rounds until both devices and the server agree (a round may start while another
// device's push is still on its way).
async function settle(...ds) {
  for (let pass = 0; pass < 2; pass++) for (const d of ds) {
    const s = await sync(d);
    assert.equal(s.state, 'idle', `sync failed: ${s.last_error}`);
  }
}

test('two devices share a board through serve.py, set up through the Sync dialog', async () => {
  const a = await device();
  const b = await device();
  const couch = app.url + 'couch/helpdesk';

  // Sync starts off: no request is made and the indicator says so.
  assert.equal((await status(a)).state, 'off');
  await clickItem(a.page, 'Sync');
  await clickItem(a.page, 'CouchDB##sync-kind');
  await clickItem(a.page, 'sync-url');
  await a.page.keyboard.type(couch);
  await screenshot(a.page, 'sync-dialog-typed');
  await clickItem(a.page, 'Test connection##sync');
  await waitForRect(a.page, 'Save##sync');
  await screenshot(a.page, 'sync-dialog');
  await clickItem(a.page, 'Save##sync');
  await waitFor(a.page, () => window.tackboard.syncStatus().then((s) => s.state === 'idle' && s.rounds > 0), null,
                'the first round after saving', 30000);  // a busy machine: seen past 15 s once
  const saved = await status(a);
  assert.equal(saved.settings.kind, 'couchdb');
  assert.equal(saved.settings.url, couch);
  assert.equal(saved.settings.has_token, false);
  await clickItem(a.page, 'Close##sync');

  await configure(b, { kind: 'couchdb', url: couch });
  await createTicketThroughUi(a.page, 'Projector in room 4 flickers');
  let s = await sync(a);
  assert.equal(s.state, 'idle');
  assert.equal(s.pending, 0);
  await sync(b);
  await waitForRect(b.page, 'Projector in room 4 flickers');  // drawn on the other device
  const id = await idOf(b, 'Projector in room 4 flickers');

  // An edit on b comes back to a.
  await api(b, (i) => window.tackboard.updateTicket(i, { status: 'triage', priority: 'high' }), id);
  await settle(b, a);
  const there = await getTicket(a, id);
  assert.equal(there.status, 'triage');
  assert.equal(there.priority, 'high');
  // The board's settings travel too: a column added on a appears on b.
  const config = JSON.parse(await api(a, () => window.tackboard.exportJson())).config;
  config.statuses.splice(2, 0, { id: 'qa', name: 'QA', category: 'active', wip_limit: 0 });
  await api(a, (c) => window.tackboard.execute({ op: 'config', config: c }), config);
  await api(a, (i) => window.tackboard.updateTicket(i, { status: 'qa' }), id);
  await settle(a, b);
  await waitForRect(b.page, 'column:QA');
  assert.equal((await getTicket(b, id)).status, 'qa');
  await screenshot(b.page, 'sync-board');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
});

test('the same ticket edited offline on both devices converges, the losing value kept as a conflict', async () => {
  const couch = app.url + 'couch/offline';
  const a = await device();
  const b = await device();
  await configure(a, { kind: 'couchdb', url: couch });
  await configure(b, { kind: 'couchdb', url: couch });
  const id = await api(a, () => window.tackboard.createTicket({ title: 'Mail bounces' }));
  await settle(a, b);

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await waitFor(a.page, () => window.tackboard.syncStatus().then((s) => s.state === 'offline'), null, 'offline on a');
  await api(a, (i) => window.tackboard.updateTicket(i, { title: 'Mail bounces for sales', priority: 'urgent' }), id);
  await api(b, (i) => window.tackboard.updateTicket(i, { title: 'Mail bounces since Monday' }), id);
  const offline = await status(b);
  assert.equal(offline.state, 'offline');
  assert.equal(offline.pending, 1);

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  await settle(a, b);
  const ta = await getTicket(a, id);
  const tb = await getTicket(b, id);
  assert.deepEqual(ta, tb);
  assert.equal(ta.title, 'Mail bounces since Monday');  // the later edit wins everywhere
  assert.equal(ta.priority, 'urgent');                  // changed on one side only: kept
  assert.deepEqual(ta.conflicts.map((c) => [c.field, c.value]), [['title', 'Mail bounces for sales']]);

  // The editor shows the kept value; using it puts it back on both devices.
  await clickItem(a.page, 'Mail bounces since Monday');
  await waitForRect(a.page, 'Sync conflicts');
  await screenshot(a.page, 'sync-conflict');
  await clickItem(a.page, 'Use this##conflict-0');
  await waitFor(a.page, (i) => window.tackboard.getTicket(i).then((t) => t.title === 'Mail bounces for sales'), id,
                'the kept title used');
  await waitForNoRect(a.page, 'Sync conflicts');
  await settle(a, b);
  const used = await getTicket(b, id);
  assert.equal(used.title, 'Mail bounces for sales');
  assert.equal(used.conflicts, undefined, 'resolved on a: gone on b too');
  assert.deepEqual(await getTicket(a, id), used);
});

test('a server that dies and comes back loses no edit, and sync resumes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tackboard-sync-'));
  const data = ['--data', path.join(dir, 'sync.sqlite')];
  let server = await startServer(undefined, { args: data });
  const port = new URL(server.url).port;
  try {
    const a = await device(server.url);
    const b = await device(app.url);  // served elsewhere: syncs with the other origin (CORS)
    const couch = server.url + 'couch/resilient';
    await configure(a, { kind: 'couchdb', url: couch });
    const id = await api(a, () => window.tackboard.createTicket({ title: 'Badge reader at the gate' }));
    await sync(a);

    const edit = api(a, (i) => window.tackboard.updateTicket(i, { title: 'Badge reader at the gate is dead' }), id);
    const round = sync(a);  // under way while the server goes
    await server.stop();
    await edit;
    await round;
    let s = await sync(a);
    assert.equal(s.state, 'waiting');
    assert.match(s.last_error, /no answer from the server/);
    assert.ok(s.pending >= 1);

    server = await startServer(undefined, { port, args: [...data, '--cors-origin', new URL(app.url).origin] });
    s = await sync(a);
    assert.equal(s.state, 'idle', s.last_error);
    assert.equal(s.pending, 0);
    await configure(b, { kind: 'couchdb', url: couch });
    await sync(b);
    assert.equal((await getTicket(b, id)).title, 'Badge reader at the gate is dead');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pouchdb-server: devices sync through a CouchDB-protocol server on another origin', async () => {
  const pouch = await startPouchServer();
  try {
    const a = await device();
    const b = await device();
    const url = pouch.url.replace(/\/$/, '') + '/helpdesk';
    const probe = await api(a, (u) => window.tackboard.testSync({ kind: 'couchdb', url: u }), url);
    assert.equal(probe.ok, true, probe.message);
    await configure(a, { kind: 'couchdb', url });
    await configure(b, { kind: 'couchdb', url });
    const id = await api(a, () => window.tackboard.createTicket({ title: 'Scanner on floor 3', priority: 'low' }));
    await settle(a, b);
    assert.equal((await getTicket(b, id)).title, 'Scanner on floor 3');
    await api(b, (i) => window.tackboard.execute({ op: 'delete', id: i }), id);
    await settle(b, a);
    assert.equal((await getTicket(a, id)).deleted, true);
  } finally {
    await pouch.stop();
  }
});

test('REST endpoints: json-server (no concurrency control, with a warning) and serve.py (ETag)', async () => {
  const json = await startJsonServer({ tickets: [] });
  try {
    const a = await device();
    const b = await device();
    const rest = { kind: 'rest', url: json.url, collection: '/tickets', concurrency: 'none' };
    await configure(a, rest);
    await configure(b, rest);
    const id = await api(a, () => window.tackboard.createTicket({ title: 'Door code for the lab' }));
    await settle(a, b);
    assert.equal((await getTicket(b, id)).title, 'Door code for the lab');
    assert.match((await status(a)).warning, /cannot detect concurrent edits/);

    const etag = { kind: 'rest', url: app.url, collection: '/api/tickets', concurrency: 'etag' };
    await configure(a, etag);
    await configure(b, etag);
    await settle(a, b);
    await api(b, (i) => window.tackboard.updateTicket(i, { priority: 'high' }), id);
    await settle(b, a);
    assert.equal((await getTicket(a, id)).priority, 'high');
    assert.equal((await status(a)).warning, '');
  } finally {
    await json.stop();
  }
});

test('a token: refused in plain words when wrong, kept secret when right', async () => {
  const server = await startServer(undefined, { args: ['--token', 'sekrit-token-42'] });
  try {
    const a = await device(server.url);
    const couch = server.url + 'couch/guarded';
    const refused = await api(a, (u) => window.tackboard.testSync({ kind: 'couchdb', url: u, token: 'wrong' }), couch);
    assert.equal(refused.ok, false);
    assert.match(refused.message, /401/);
    const reached = await api(a, (u) => window.tackboard.testSync({ kind: 'couchdb', url: u, token: 'sekrit-token-42' }), couch);
    assert.equal(reached.ok, true, reached.message);
    await configure(a, { kind: 'couchdb', url: couch, token: 'sekrit-token-42' });
    await api(a, () => window.tackboard.createTicket({ title: 'Guarded ticket' }));
    const s = await sync(a);
    assert.equal(s.state, 'idle', s.last_error);
    assert.equal(s.settings.has_token, true);
    // The token is handed to the server only: not back to scripts, not into exports.
    const everything = JSON.stringify(s) + await api(a, () => window.tackboard.exportJson()) +
      await api(a, () => window.tackboard.exportCsv());
    assert.ok(!everything.includes('sekrit-token-42'));
  } finally {
    await server.stop();
  }
});

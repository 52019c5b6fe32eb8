// sync_servers.mjs — the sync servers the browser tests run against. Third-party ones,
// from node_modules (package.json pins them; tools/setup installs them with npm ci):
//   startJsonServer({tickets: []})  json-server 0.17.4: a plain REST collection at
//                                   <url>/tickets, no concurrency control (the adapter's
//                                   "none" style); data in a temporary db.json.
//   startPouchServer()              pouchdb-server 4.2.0 --in-memory: a CouchDB-protocol
//                                   server at <url>; databases are created on first PUT.
// Each listens on 127.0.0.1 at a free port, in its own temporary folder and process
// group, and resolves once it answers HTTP. Both allow browser pages of any origin with
// the Authorization, Content-Type and If-Match headers (json-server reflects what the
// preflight asks; pouchdb-server gets them from its config.json). Neither exposes ETag
// to pages: the REST "none" style and the CouchDB adapter do not need it.
// Both resolve to {url, dir, stop(), output()}: stop() ends the whole process group and
// removes the folder `dir`; output() is what the server printed (for failure messages).
//
// And serve.py itself as the sync server of a team with roles, for a whole test file:
//   withUsersServer(users, {prefix})  registers before/after hooks that start serve.py
//                                     with --users (`users` is the users.json object) on a
//                                     fresh board.sqlite in a temporary folder named
//                                     `prefix`..., and a browser; returns {app, browser}
//                                     (set once `before` ran), person(token, {viewport,
//                                     initScript}) → {page, errors}: a browser context
//                                     syncing as `token` via serve.py's CouchDB route, synced
//                                     once; and sync(page) → the status, asserted idle.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchBrowser, openBoard, startServer as startServePy, watchErrors } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const START_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 5000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function groupGone(pgid) {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Whether nothing listens at `url` any more (a connection is refused).
function refuses(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', (e) => resolve(e.code === 'ECONNREFUSED'));
  });
}

// Spawns `command` in its own process group and polls `probeUrl` until the server answers
// as itself (`isIt(body)`: not another process that took the port), the process exits,
// or the time is up; failures carry its output.
async function startServer(name, command, args, { cwd, url, probeUrl, isIt }) {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (data) => { output = (output + data).slice(-8000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = signal || code;
    resolve();
  }));
  child.once('error', (e) => { exited = e.message; });
  // 'exit' can come before the last output: wait a little for the pipes to close.
  const drained = new Promise((resolve) => child.once('close', resolve));
  const withOutput = async () => { await Promise.race([drained, sleep(1000)]); return output; };

  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch (e) { if (e.code !== 'ESRCH') throw e; }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } },
                               STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    }
    // Children of the group outliving the leader would keep the port.
    for (let i = 0; i < 50 && child.pid !== undefined && !groupGone(child.pid); ++i) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      await sleep(100);
    }
    // A dying process can still accept a connection for a moment: wait until the port refuses.
    for (let i = 0; i < 50 && !(await refuses(url)); ++i) await sleep(100);
    rmSync(cwd, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited !== null) {
      const said = await withOutput();
      await stop();
      throw new Error(`${name} exited (${exited}) before answering at ${url}:\n${said}`);
    }
    try {
      const response = await fetch(probeUrl, { signal: AbortSignal.timeout(1000) });
      if (isIt(await response.text()) && exited === null) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s:\n${await withOutput()}`);
    }
    await sleep(100);
  }
  return { url, dir: cwd, stop, output: () => output };
}

// The port comes free from freePort() but another process may take it before the
// server binds it: then the server exits saying so, and we try another port.
async function withFreePort(start) {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await start(await freePort());
    } catch (e) {
      if (attempt >= 3 || !/EADDRINUSE|Cannot bind to the port/.test(e.message)) throw e;
    }
  }
}

// `data`: the database (an object of collections), or the text of db.json.
export function startJsonServer(data = { tickets: [] }) {
  return withFreePort((port) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tackboard-json-server-'));
    writeFileSync(path.join(dir, 'db.json'), typeof data === 'string' ? data : JSON.stringify(data));
    const url = `http://127.0.0.1:${port}`;
    // Not --quiet: json-server then drops its error messages too.
    return startServer('json-server', bin('json-server'), ['--host', '127.0.0.1', '--port', String(port), 'db.json'],
                       { cwd: dir, url, probeUrl: `${url}/db`, isIt: (body) => body.trim().startsWith('{') });
  });
}

export function startPouchServer() {
  return withFreePort((port) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tackboard-pouchdb-server-'));
    // pouchdb-server keeps its settings (and a log) in files: both in our folder.
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
      httpd: { enable_cors: true },
      cors: {
        origins: '*',
        credentials: true,
        methods: 'GET, HEAD, POST, PUT, DELETE, COPY',
        headers: 'Accept, Accept-Language, Content-Language, Content-Type, Authorization, Origin, Referer, If-Match',
      },
      log: { file: path.join(dir, 'log.txt') },
    }));
    const url = `http://127.0.0.1:${port}`;
    return startServer('pouchdb-server', bin('pouchdb-server'),
                       ['--in-memory', '--host', '127.0.0.1', '--port', String(port),
                        '--config', path.join(dir, 'config.json'), '--no-color'],
                       { cwd: dir, url, probeUrl: `${url}/`, isIt: (body) => body.includes('"express-pouchdb"') });
  });
}

export function withUsersServer(users, { prefix = 'tackboard-users-' } = {}) {
  const fixture = {};
  let dir;
  const contexts = [];
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    const file = path.join(dir, 'users.json');
    writeFileSync(file, JSON.stringify(users));
    fixture.app = await startServePy(undefined, { args: ['--users', file, '--data', path.join(dir, 'board.sqlite')] });
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await fixture.browser?.close();
    await fixture.app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  fixture.sync = async (page) => {
    const s = await page.evaluate(() => window.tackboard.sync());
    assert.equal(s.state, 'idle', `sync failed: ${s.last_error}`);
    return s;
  };

  // `initScript` runs in every page of the context before the app: a stand-in for a
  // browser API the headless page cannot answer.
  fixture.person = async (token, { viewport, initScript } = {}) => {
    const context = await fixture.browser.newContext({ viewport });
    contexts.push(context);
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openBoard(page, fixture.app.url);
    const status = await page.evaluate((s) => window.tackboard.configureSync(s),
                                       { kind: 'couchdb', url: fixture.app.url + 'couch/helpdesk', token });
    assert.equal(status.settings.kind, 'couchdb');
    await fixture.sync(page);
    return { page, errors };
  };
  return fixture;
}

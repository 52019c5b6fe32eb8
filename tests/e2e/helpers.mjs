// helpers.mjs — shared by the browser tests: start serve.py on a free 127.0.0.1 port,
// launch Debian's Chromium through playwright-core, and click ImGui items at the
// rectangles the app reports (tackboard.uiRect).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'build/test-artifacts');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

// TACKBOARD_APP_DIR serves another build of the app (e.g. a copy taken while the tree rebuilds).
export async function startServer(dir = process.env.TACKBOARD_APP_DIR || path.join(root, 'build/web/app')) {
  const child = spawn('python3', [path.join(root, 'serve.py'), '--port', '0', '--quiet', '--dir', dir],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.py did not start within 10 s: ' + stderr)), 10000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited (${code}): ${stderr}`)); });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export function launchPersistent(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 800 }, ...options,
  });
}

// Whether the process runs (a zombie does not) under a name matching `name`.
function processAlive(pid, name = /./) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return name.test(command) && !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

// Whether a process of this group still runs. Zombies do not count: they hold nothing,
// and the machine's init may take a second or two to reap the ones it inherits.
function groupAlive(pgid) {
  let entries;
  try { entries = readdirSync('/proc'); } catch {
    try { process.kill(-pgid, 0); return true; } catch { return false; }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${entry}/stat`, 'latin1'); } catch { continue; }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

// Chromium started by hand (not by Playwright) so that a test can SIGKILL it like a
// crash or a power cut would end it, then start it again on the same profile. Playwright
// drives it over CDP. The child gets its own process group (detached) and kill() ends the
// whole group: the browser, its renderers, the GPU and utility processes.
export async function launchKillable(userDataDir, { timeoutMs = 20000, width = 1400, height = 800 } = {}) {
  // A killed Chromium leaves its profile lock behind ("<host>-<pid>", pointing at a dead
  // process). Remove it, but never from under a browser that still runs on this profile.
  let owner = null;
  try { owner = Number(/-(\d+)$/.exec(readlinkSync(path.join(userDataDir, 'SingletonLock')))?.[1]); } catch { /* none */ }
  if (owner && processAlive(owner, /chrom/i))
    throw new Error(`the profile ${userDataDir} is in use by a running Chromium (pid ${owner})`);
  for (const name of ['SingletonLock', 'SingletonSocket', 'SingletonCookie'])
    rmSync(path.join(userDataDir, name), { force: true });
  const child = spawn('/usr/bin/chromium', [
    '--headless', ...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`,
    `--window-size=${width},${height}`, '--no-default-browser-check', 'about:blank',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  let browser, context, page;
  try {
    const wsUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools address within ${timeoutMs} ms: ${stderr}`)),
                               timeoutMs);
      child.stderr.on('data', (d) => {
        stderr += d;
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`Chromium exited (${code ?? signal}): ${stderr}`)); });
    });
    browser = await chromium.connectOverCDP(wsUrl, { timeout: timeoutMs });
    context = browser.contexts()[0];
    page = context.pages()[0] ?? await context.newPage();
  } catch (e) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    throw e;
  }
  let killed = false;
  return {
    browser, context, page, pid: child.pid,
    stderr: () => stderr,
    // SIGKILL to the whole process group, then wait (bounded) until the browser is gone
    // and no process of the group is left, so the profile is free for the next start.
    async kill(waitMs = 10000) {
      if (!killed) {
        killed = true;
        try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { if (e.code !== 'ESRCH') throw e; }
      }
      const deadline = Date.now() + waitMs;
      let timer;
      const result = await Promise.race([
        exited, new Promise((resolve) => { timer = setTimeout(() => resolve(null), waitMs); })]);
      clearTimeout(timer);
      if (!result) throw new Error(`Chromium (pid ${child.pid}) did not exit within ${waitMs} ms of SIGKILL`);
      while (groupAlive(child.pid)) {  // renderers and helpers of the group
        if (Date.now() > deadline) throw new Error(`processes of group ${child.pid} still alive ${waitMs} ms after SIGKILL`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await browser.close().catch(() => {});  // only drops Playwright's side of the connection
      return result;
    },
  };
}

export function tempProfile() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tackboard-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Collects page errors so a test can assert none happened.
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function openBoard(page, url) {
  await page.goto(url);
  await page.evaluate(() => window.tackboard.ready());
}

// Polls until the item is on screen (ImGui settles popups over a frame or two).
export async function waitForRect(page, label, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rect = await page.evaluate((l) => window.tackboard.uiRect(l), label);
    if (rect) return rect;
    if (Date.now() > deadline) throw new Error(`"${label}" did not appear on the canvas within ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

export async function waitForNoRect(page, label, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (await page.evaluate((l) => window.tackboard.uiRect(l), label)) {
    if (Date.now() > deadline) throw new Error(`"${label}" was still on the canvas after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

export async function clickItem(page, label) {
  const r = await waitForRect(page, label);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  return r;
}

export async function screenshot(page, name) {
  const file = path.join(artifacts, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

// Creates a ticket the way a person does: button, title field, typing, Create.
// Drags the card `label` onto the column named `column`, the way a hand would: press,
// then move in steps across frames (ImGui starts a drag once the mouse has travelled).
export async function dragCardToColumn(page, label, column) {
  const from = await waitForRect(page, label);
  const to = await waitForRect(page, 'column:' + column);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(from.x + from.width / 2 + ((to.x + to.width / 2) - (from.x + from.width / 2)) * i / 8,
                          from.y + from.height / 2 + 60 * i / 8);
    await page.waitForTimeout(40);
  }
  await page.mouse.up();
}

export async function createTicketThroughUi(page, title) {
  await clickItem(page, 'New ticket');
  await clickItem(page, 'new-title');
  await page.keyboard.type(title);
  await clickItem(page, 'Create');
  await waitForNoRect(page, 'new-title');
}

// Per test file: a served app and a browser (`with.browser`), or a served app and a
// persistent profile folder (`with.profile`), started before the tests and stopped after.
export function withServerAndBrowser() {
  const fixture = {};
  before(async () => {
    fixture.server = await startServer();
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

export function withServerAndProfile() {
  const fixture = {};
  before(async () => {
    fixture.server = await startServer();
    fixture.profile = tempProfile();
  });
  after(async () => {
    await fixture.server?.stop();
    fixture.profile?.remove();
  });
  return fixture;
}

// Polls a condition evaluated in the page until it holds.
export async function waitFor(page, fn, arg, what = 'a condition', timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

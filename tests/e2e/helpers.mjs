// helpers.mjs — shared by the browser tests: start serve.py on a free 127.0.0.1 port,
// launch Debian's Chromium through playwright-core, and click ImGui items at the
// rectangles the app reports (tackboard.uiRect).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'build/test-artifacts');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

// TACKBOARD_APP_DIR serves another build of the app (e.g. a copy taken while the tree rebuilds).
// `port` (0: any free one) and `args` (e.g. ['--data', file]) let a test restart the same server.
export async function startServer(dir = process.env.TACKBOARD_APP_DIR || path.join(root, 'build/web/app'),
                                  { port = 0, args = [] } = {}) {
  const child = spawn('python3', [path.join(root, 'serve.py'), '--port', String(port), '--quiet', '--dir', dir, ...args],
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

// Waits (boundedly) until the app has drawn what the last key, click or API call did, so
// that a rectangle read next belongs to that layout: an event is fed to ImGui on the next
// frame and moves the items below it on the frame after (a row added above a field pushes
// the field down). Nothing to wait for when the app is idle.
export async function settle(page, timeoutMs = 2000) {
  await page.evaluate((limit) => new Promise((resolve) => {
    const end = performance.now() + limit;
    const check = () => window.tackboard.settled().then((idle) => {
      if (idle || performance.now() > end) resolve();
      else setTimeout(check, 8);  // a timer, not a frame: pages in the background get no frames
    }, resolve);
    check();
  }), timeoutMs);
}

// Clicks the middle of the item as drawn once the app has settled after the last input.
export async function clickItem(page, label) {
  await settle(page);
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

// Drags the card `label` to the point (x, y) as a hand would: press, then move in steps
// across frames, rest over the target a moment (the drop line is drawn there), release
// unless `release` is false (a test can then look at the screen mid-drag).
export async function dragCardTo(page, label, x, y, { release = true } = {}) {
  const from = await waitForRect(page, label);
  const startX = from.x + from.width / 2, startY = from.y + from.height / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(startX + (x - startX) * i / 10, startY + (y - startY) * i / 10);
    await page.waitForTimeout(40);
  }
  await page.mouse.move(x, y + 1);
  await page.waitForTimeout(120);
  if (release) await page.mouse.up();
}

// The titles given, top to bottom as their cards are drawn.
export async function cardsTopToBottom(page, titles) {
  const tops = [];
  for (const title of titles) tops.push({ title, y: (await waitForRect(page, title)).y });
  return tops.sort((a, b) => a.y - b.y).map((c) => c.title);
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

// Pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are;
// no PNG package is installed).
export function decodePng(buffer) {
  assert.equal(buffer.toString('latin1', 1, 4), 'PNG', 'a PNG file');
  let width = 0, height = 0, channels = 0;
  const data = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = body.subarray(8, 13);
      channels = { 2: 3, 6: 4 }[colourType];
      assert.ok(depth === 8 && channels && interlace === 0, `unsupported PNG (depth ${depth}, type ${colourType})`);
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; ++i) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// helpers.mjs — shared by the browser tests: start serve.py on a free 127.0.0.1 port,
// launch Debian's Chromium through playwright-core, and click ImGui items at the
// rectangles the app reports (tackboard.uiRect).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'build/test-artifacts');
mkdirSync(artifacts, { recursive: true });

const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function startServer(dir = path.join(root, 'build/web/app')) {
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

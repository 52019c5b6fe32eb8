// The packed app as a progressive web app (shell/sw.js, shell/tackboard-pwa.js), served
// by python3 -m http.server under a subpath: it works offline once visited (tickets made
// offline outlive reloads), and a new version is announced by a banner whose Reload
// switches to it without touching the tickets. The development build registers no worker.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appDir, buildDist, startStaticServer } from './dist_server.mjs';
import { launchBrowser, openBoard, screenshot, startServer, waitFor, waitForRect, watchErrors } from './helpers.mjs';

const PAGE_PATH = '/tools/board/';
const fixture = {};

// Puts a dist into the served folder, in place of what was there.
function publish(folder) {
  rmSync(fixture.served, { recursive: true, force: true });
  cpSync(folder, fixture.served, { recursive: true });
}

before(async () => {
  fixture.temp = mkdtempSync(path.join(tmpdir(), 'tackboard-pwa-'));
  fixture.www = path.join(fixture.temp, 'www');
  fixture.served = path.join(fixture.www, PAGE_PATH);
  mkdirSync(fixture.served, { recursive: true });
  publish(buildDist(path.join(fixture.temp, 'v1')).folder);
  fixture.server = await startStaticServer(fixture.www);
  fixture.url = new URL(PAGE_PATH, fixture.server.url).href;
  fixture.browser = await launchBrowser();
  fixture.context = await fixture.browser.newContext({ viewport: { width: 1400, height: 800 } });
  fixture.page = await fixture.context.newPage();
  fixture.errors = watchErrors(fixture.page);
});
after(async () => {
  await fixture.browser?.close();
  await fixture.server?.stop();
  if (fixture.temp) rmSync(fixture.temp, { recursive: true, force: true });
});

test('the development build (serve.py) registers no service worker', async () => {
  const server = await startServer();
  const context = await fixture.browser.newContext();
  try {
    const page = await context.newPage();
    await openBoard(page, server.url);
    assert.equal(await page.evaluate(() => window.tackboardPwa.controlled()), false);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('once visited, the app opens and keeps tickets offline, deep links included', async () => {
  const { page, context } = fixture;
  await openBoard(page, fixture.url);
  await waitFor(page, () => window.tackboardPwa.controlled(), null, 'the service worker to control the page', 60000);
  // Offline twice over: the browser's network is off and the server is gone.
  await fixture.server.stop();
  await context.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.tackboard.ready());
  const id = await page.evaluate(async () => {
    const made = await window.tackboard.createTicket({ title: 'offline' });
    await window.tackboard.flush();
    return made;
  });
  await page.reload();
  await page.evaluate(() => window.tackboard.ready());
  assert.deepEqual(await page.evaluate(() => window.tackboard.query('offline')), [id]);
  // Any ?query is answered with the cached page; the #hash opens the list view.
  await page.goto(fixture.url + '?source=homescreen#view=list');
  await page.evaluate(() => window.tackboard.ready());
  await waitForRect(page, 'row offline', 15000);
  assert.equal(await page.evaluate(() => window.tackboardPwa.updateReady()), false);
  assert.deepEqual(fixture.errors, []);
  fixture.ticket = id;
});

test('a new version is announced, and Reload switches to it with the tickets kept', async () => {
  const { page, context } = fixture;
  assert.ok(fixture.ticket, 'the offline test made a ticket');
  await context.setOffline(false);
  // Version 2: the same app with one more line of CSS, published where version 1 was.
  const app = path.join(fixture.temp, 'app-v2');
  cpSync(appDir(), app, { recursive: true });
  writeFileSync(path.join(app, 'tackboard.css'),
                readFileSync(path.join(app, 'tackboard.css'), 'utf8') + '/* version 2 */\n');
  publish(buildDist(path.join(fixture.temp, 'v2'), { app }).folder);
  const newCss = /href="(tackboard\.[0-9a-f]+\.css)"/.exec(readFileSync(path.join(fixture.served, 'index.html'), 'utf8'))[1];
  fixture.server = await startStaticServer(fixture.www, { port: fixture.server.port });

  await page.goto(fixture.url);
  await page.evaluate(() => window.tackboard.ready());
  assert.equal(await page.evaluate(() => document.querySelector('link[rel=stylesheet]').getAttribute('href')) === newCss,
               false, 'still version 1 until the user reloads');
  await page.evaluate(() => window.tackboardPwa.checkForUpdate());
  await waitFor(page, () => window.tackboardPwa.updateReady(), null, 'the new version to install', 60000);
  const banner = page.locator('#update-banner');
  await banner.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal((await banner.innerText()).replace(/\s+/g, ' ').trim(), 'A new version of Tackboard is ready. Reload');
  await screenshot(page, 'pwa-update-banner-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);  // the app redraws in its dark theme
  await screenshot(page, 'pwa-update-banner-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const button = await page.locator('#update-reload').boundingBox();
  const reloaded = page.waitForEvent('load', { timeout: 30000 });
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
  await reloaded;
  await page.evaluate(() => window.tackboard.ready());
  assert.equal(await page.evaluate(() => document.querySelector('link[rel=stylesheet]').getAttribute('href')), newCss);
  assert.equal(await page.evaluate(() => window.tackboardPwa.controlled()), true);
  assert.equal(await page.locator('#update-banner').isVisible(), false);
  assert.deepEqual(await page.evaluate(() => window.tackboard.query('offline')), [fixture.ticket]);
  // The old version's cache is gone; only the one in use is left.
  assert.equal((await page.evaluate(() => caches.keys())).length, 1);
  assert.deepEqual(fixture.errors, []);
});

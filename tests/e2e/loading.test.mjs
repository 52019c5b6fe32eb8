// While the app downloads, the page shows how many bytes have arrived; a failed download
// or a lack of memory is explained in plain HTML instead of a page that loads forever.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

// Records what the loading screen says, and its bar, at each change.
function recordLoading() {
  window.__loading = [];
  document.addEventListener('DOMContentLoaded', () => {
    const text = document.getElementById('loading-text');
    const bar = document.getElementById('loading-progress');
    const note = () => window.__loading.push({ text: text.textContent, value: bar.hasAttribute('value') ? bar.value : null, max: bar.max });
    new MutationObserver(note).observe(text, { childList: true, characterData: true, subtree: true });
    new MutationObserver(note).observe(bar, { attributes: true });
  });
}

async function fatalAfter(setup) {
  const page = await fixture.browser.newPage();
  await setup(page);
  await page.goto(fixture.server.url);
  await page.locator('#fatal').waitFor({ state: 'visible', timeout: 15000 });
  const text = await page.locator('#fatal').innerText();
  const rejected = await page.evaluate(() => window.tackboard.ready().then(() => 'ready', (e) => e.message));
  return { page, text, rejected };
}

test('the loading screen counts the megabytes of the app and its fonts, then the board shows', async () => {
  const page = await fixture.browser.newPage();
  await page.addInitScript(recordLoading);
  // Slowed a little, so that the bytes arrive over several steps as on a real network.
  await page.route(/\.(wasm|data)$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  await page.goto(fixture.server.url);
  await page.evaluate(() => window.tackboard.ready());
  const steps = await page.evaluate(() => window.__loading);
  const counted = steps.filter((s) => /^Downloading Tackboard… [\d.]+ of [\d.]+ MB$/.test(s.text));
  assert.ok(counted.length >= 1, 'progress in megabytes was shown: ' + JSON.stringify(steps.map((s) => s.text)));
  const last = counted.at(-1);
  const [, loaded, total] = /([\d.]+) of ([\d.]+)/.exec(last.text).map(Number);
  assert.ok(total > 3, `the app and its fonts are several MB (${total})`);
  assert.equal(loaded, total, 'the last count is the whole download');
  const bars = steps.filter((s) => s.value !== null);
  assert.ok(bars.some((s) => s.value === s.max), 'the bar reached its end');
  assert.ok(steps.some((s) => s.text === 'Starting Tackboard…'));
  assert.equal(await page.locator('#loading').isVisible(), false);
  await page.close();
});

test('a failed download of the app says so, and what to do', async () => {
  const { page, text, rejected } = await fatalAfter((p) => p.route(/\.wasm$/, (route) => route.abort()));
  assert.match(text, /could not be downloaded/);
  assert.match(text, /Check your connection/);
  assert.match(text, /tackboard\.wasm: /);
  assert.match(rejected, /could not be downloaded/);
  await screenshot(page, 'loading-failed');
  await page.close();
});

test('a missing font file (a half-uploaded site) says so too', async () => {
  const { page, text } = await fatalAfter((p) => p.route(/\.data$/, (route) => route.fulfill({ status: 404, body: 'gone' })));
  assert.match(text, /could not be downloaded/);
  assert.match(text, /every file of the build was uploaded/);
  await page.close();
});

test('a browser that cannot give the app its memory says so', async () => {
  const { page, text } = await fatalAfter((p) => p.addInitScript(() => {
    WebAssembly.instantiate = () => Promise.reject(new RangeError('WebAssembly.Memory(): could not allocate memory'));
  }));
  assert.match(text, /ran out of memory/);
  assert.match(text, /Close other tabs/);
  await page.close();
});

test('the loading and error words follow the chosen language', async () => {
  const { page, text } = await fatalAfter(async (p) => {
    await p.addInitScript(() => localStorage.setItem('tackboard-language', 'fr'));
    await p.route(/\.wasm$/, (route) => route.fulfill({ status: 503, body: 'busy' }));
  });
  assert.match(text, /Tackboard n'a pas pu être téléchargé/);
  assert.match(text, /Vérifiez votre connexion/);
  assert.match(text, /tackboard\.wasm: the server answered 503/);  // the browser's detail, as it is
  assert.equal(await page.locator('#update-reload').textContent(), 'Recharger');
  await screenshot(page, 'loading-failed-fr');
  await page.close();
});

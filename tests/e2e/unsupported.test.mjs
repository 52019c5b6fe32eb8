// Browsers without WebGL 2 or IndexedDB get a plain-HTML explanation, not a blank canvas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

async function fatalText(initScript) {
  const page = await fixture.browser.newPage();
  await page.addInitScript(initScript);
  await page.goto(fixture.server.url);
  await page.locator('#fatal').waitFor({ state: 'visible', timeout: 10000 });
  const text = await page.locator('#fatal').innerText();
  const rejected = await page.evaluate(() => window.tackboard.ready().then(() => 'ready', (e) => e.message));
  return { page, text, rejected };
}

test('without WebGL 2 the page says so', async () => {
  const { page, text, rejected } = await fatalText(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  assert.match(text, /needs WebGL 2/);
  assert.match(text, /hardware acceleration/);
  assert.match(rejected, /WebGL 2/);
  await screenshot(page, 'no-webgl2');
  await page.close();
});

test('without IndexedDB (private mode) the page says so', async () => {
  const { page, text, rejected } = await fatalText(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  assert.match(text, /cannot store tickets/);
  assert.match(text, /Private windows/);
  assert.match(rejected, /cannot store tickets/);
  await page.close();
});

test('IndexedDB that refuses to open is reported too', async () => {
  const { page, text } = await fatalText(() => {
    IDBFactory.prototype.open = function () {
      const request = {};
      setTimeout(() => { request.error = new DOMException('The user denied permission', 'InvalidStateError');
                         request.onerror && request.onerror(); }, 0);
      return request;
    };
  });
  assert.match(text, /cannot store tickets/);
  assert.match(text, /denied permission/);
  await page.close();
});

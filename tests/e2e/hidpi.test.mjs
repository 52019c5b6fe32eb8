// HiDPI: at devicePixelRatio 1, 2 and 3 the canvas has one backing pixel per device pixel,
// the fonts are rasterised for that ratio (and again when it changes, as browser zoom
// does), clicks land where the items are, and the layout in CSS pixels is the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import {
  artifacts, clickItem, createTicketThroughUi, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const canvasSize = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas');
  return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: devicePixelRatio };
});
const fontRatio = (page) => page.evaluate(() => window.tackboard.frameStats().then((s) => s.pixelRatio));

for (const dpr of [1, 2, 3]) {
  test(`crisp and clickable at devicePixelRatio ${dpr}`, async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1200, height: 700 }, deviceScaleFactor: dpr });
    const page = await context.newPage();
    await openBoard(page, fixture.server.url);
    assert.deepEqual(await canvasSize(page), { w: 1200 * dpr, h: 700 * dpr, cssW: 1200, cssH: 700, dpr });
    assert.equal(await fontRatio(page), dpr, 'fonts rasterised for the ratio');
    await page.evaluate(() => window.tackboard.createTicket({ title: 'Layout probe 清晰的文字', priority: 'high' }));
    // Clicked (button, field, Create) at the rectangles the app reports in CSS pixels.
    // (The steps of createTicketThroughUi, with more time: at 3x SwiftShader draws nine
    // times the pixels of 1x.)
    await clickItem(page, 'New ticket');
    await clickItem(page, 'new-title');
    await page.keyboard.type(`Crisp at ${dpr}x`);
    await clickItem(page, 'Create');
    await waitForNoRect(page, 'new-title', 15000);
    await waitForRect(page, `Crisp at ${dpr}x`, 15000);
    // Same layout in CSS pixels whatever the ratio.
    const column = await waitForRect(page, 'column:Triage');
    const button = await waitForRect(page, 'New ticket');
    assert.ok(Math.abs(column.width - 200) < 60, `column width ${column.width}`);
    assert.ok(button.height > 20 && button.height < 40, `button height ${button.height}`);
    await screenshot(page, `hidpi-${dpr}x`);
    // The top-left corner at full device resolution, to look at the text up close.
    await page.screenshot({ path: path.join(artifacts, `hidpi-${dpr}x-corner.png`), clip: { x: 0, y: 0, width: 420, height: 260 } });
    await context.close();
  });
}

test('fonts are rebuilt and the canvas resized when the ratio changes (browser zoom)', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 1000, height: 600 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  const before = await waitForRect(page, 'New ticket');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 600, deviceScaleFactor: 2, mobile: false });
  await waitFor(page, () => document.getElementById('canvas').width === 2000, undefined, 'the canvas at 2x');
  await waitFor(page, () => window.tackboard.frameStats().then((s) => s.pixelRatio === 2), undefined, 'fonts at 2x');
  assert.deepEqual(await canvasSize(page), { w: 2000, h: 1200, cssW: 1000, cssH: 600, dpr: 2 });
  const after = await waitForRect(page, 'New ticket');
  assert.deepEqual(after, before, 'the same place in CSS pixels');
  await createTicketThroughUi(page, 'Made after zooming');
  await waitForRect(page, 'Made after zooming');
  await screenshot(page, 'hidpi-zoomed-2x');
  await context.close();
});

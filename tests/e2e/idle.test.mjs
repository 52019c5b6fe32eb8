// Idle and resize: a page left alone renders no frames (a laptop's battery, a phone's);
// input wakes it; a window resize lays the board out again for the new size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBoard, waitFor, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();
const frames = (page) => page.evaluate(() => window.tackboard.frameStats().then((s) => s.frames));

test('an idle board renders nothing until input comes, and re-lays out on resize', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 700 } });
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Sitting still' }));
  await waitForRect(page, 'Sitting still');
  await page.waitForTimeout(1000);  // start-up and the new card settle
  const idleStart = await frames(page);
  await page.waitForTimeout(1000);
  assert.ok(await frames(page) - idleStart <= 1, 'idle for a second: no frame');

  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await waitFor(page, (n) => window.tackboard.frameStats().then((s) => s.frames > n), idleStart, 'a frame after input');

  // Resizing the window: the columns take the new height (and width, down to a minimum
  // below which the board scrolls sideways).
  const before = await waitForRect(page, 'column:New');
  await page.setViewportSize({ width: 1700, height: 820 });
  await waitFor(page, (r) => window.tackboard.uiRect('column:New').then((c) => c && c.height >= r.height + 100), before,
                'the column to grow with the taller window');
  const after = await waitForRect(page, 'column:New');
  assert.ok(after.width >= before.width, `column width ${before.width} -> ${after.width}`);
  assert.deepEqual(await page.evaluate(() => [innerWidth, document.getElementById('canvas').width]), [1700, 1700]);
  // And it goes idle again after the resize.
  await page.waitForTimeout(1000);
  const again = await frames(page);
  await page.waitForTimeout(1000);
  assert.ok(await frames(page) - again <= 1, 'idle again after the resize');
  await page.close();
});

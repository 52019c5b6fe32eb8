// Touch screens: a tap clicks, a swipe scrolls a column (without clicking or dragging the
// cards under the finger), and a long press picks a card up to drag it to another column.
// Touches are sent through CDP's Input.dispatchTouchEvent, as a touch screen sends them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();
const LONG_PRESS_MS = 800;  // the app's long press is 500 ms

async function touchPage() {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 }, hasTouch: true });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  const cdp = await context.newCDPSession(page);
  const send = (type, x, y) => cdp.send('Input.dispatchTouchEvent',
                                        { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  return { context, page, send };
}

const centre = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const openTicketId = (page) => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('ticket'));

// A quick vertical swipe by `dy` CSS pixels. The first move is sent with the touch start,
// not after its reply: on a busy machine that round trip alone can outlast a long press.
async function swipe(page, send, x, y, dy, steps = 6) {
  await Promise.all([send('touchStart', x, y), send('touchMove', x, y + dy / steps)]);
  for (let i = 2; i <= steps; i++) {
    await send('touchMove', x, y + dy * i / steps);
    await page.waitForTimeout(20);
  }
  await send('touchEnd');
}

async function tap(page, send, label) {
  const { x, y } = centre(await waitForRect(page, label));
  await send('touchStart', x, y);
  await page.waitForTimeout(60);
  await send('touchEnd');
}

test('a tap clicks: a button opens its dialog, a card opens its panel', async () => {
  const { context, page, send } = await touchPage();
  const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Tapped card' }));
  await tap(page, send, 'Tapped card');
  await waitFor(page, (i) => new URLSearchParams(location.hash.slice(1)).get('ticket') === i, id, 'the panel to open');
  await tap(page, send, 'Close panel');
  await waitFor(page, () => location.hash === '', undefined, 'the panel to close');
  await tap(page, send, 'New ticket');
  await waitForRect(page, 'new-title');
  await tap(page, send, 'Cancel##new-ticket');
  await waitForNoRect(page, 'new-title');
  await context.close();
});

test('a long press picks a card up and drags it onto another column', async () => {
  const { context, page, send } = await touchPage();
  const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Carried by finger' }));
  const from = centre(await waitForRect(page, 'Carried by finger'));
  const to = centre(await waitForRect(page, 'column:Waiting'));
  await send('touchStart', from.x, from.y);
  await page.waitForTimeout(LONG_PRESS_MS);
  for (let i = 1; i <= 8; i++) {
    await send('touchMove', from.x + (to.x - from.x) * i / 8, from.y + 60 * i / 8);
    await page.waitForTimeout(40);
  }
  await send('touchEnd');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.status === 'waiting'), id, 'the move');
  assert.equal(await openTicketId(page), null, 'a drag is not a click');
  await context.close();
});

test('a swipe scrolls the column under the finger, without clicking or moving cards', async () => {
  const { context, page, send } = await touchPage();
  const tickets = [];
  for (let i = 1; i <= 30; i++) tickets.push({ title: `Swiped ${String(i).padStart(2, '0')}` });
  await page.evaluate((list) => Promise.all(list.map((t) => window.tackboard.createTicket(t))), tickets);
  const column = await waitForRect(page, 'column:New');
  // The column shows the newest first; the oldest is far below, not drawn.
  await waitForRect(page, 'Swiped 30');
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('Swiped 01')), null);
  const topBefore = await waitForRect(page, 'Swiped 29');
  const x = column.x + column.width / 2;
  // Quick upward swipes over the cards (each shorter than a long press).
  for (let i = 0; i < 4; i++) {
    await swipe(page, send, x, column.y + column.height - 60, -600);
    await page.waitForTimeout(50);
  }
  await waitForRect(page, 'Swiped 01');  // scrolled to the bottom
  const moved = await page.evaluate(() => window.tackboard.uiRect('Swiped 29'));
  assert.ok(!moved || moved.y < topBefore.y - 300, 'the cards went up with the finger');
  await screenshot(page, 'touch-scrolled');
  assert.equal(await openTicketId(page), null, 'a swipe is not a click');
  const statuses = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).tickets.map((t) => t.status));
  assert.deepEqual([...new Set(statuses)], ['new'], 'no card was dragged');
  // And back down a little with a swipe the other way: the cards follow the finger.
  const bottom = await waitForRect(page, 'Swiped 01');
  await swipe(page, send, x, column.y + 200, 300);
  await waitFor(page, (r) => window.tackboard.uiRect('Swiped 01').then((m) => !m || m.y >= r.y + 250), bottom,
                'the column to scroll back by the swipe');
  await context.close();
});

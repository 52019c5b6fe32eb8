// Phones: a tap on a text field focuses the hidden text field (shell/index.html
// #text-input) inside the touchend handler, which is the only moment a phone's browser
// shows its keyboard for it; text the on-screen keyboard inserts reaches the app's field,
// and its Backspace (keyCode 229, told to the page as a beforeinput deleteContentBackward)
// deletes one character there (a word or the line for the word and line deletes). Taps go through Playwright's touchscreen (CDP touch events).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const PHONE = { viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true };
const centre = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const filterText = (page) => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('q') ?? '');
const hiddenFieldFocused = (page) => page.evaluate(() => document.activeElement?.id === 'text-input');

// What had the focus when each touchend finished: a listener added after the shell's runs
// last in the same dispatch, so it sees what the shell's handler did, not a later frame.
async function recordFocusAtTouchEnd(page) {
  await page.evaluate(() => {
    window.focusAtTouchEnd = [];
    window.addEventListener('touchend', () => window.focusAtTouchEnd.push(document.activeElement?.id || ''));
  });
}
const focusAtLastTouchEnd = (page) => page.evaluate(() => window.focusAtTouchEnd.at(-1));

// Backspace as Android keyboards send it: keyCode 229 with the edit done by the browser
// (a beforeinput deleteContentBackward in the hidden field), no key SDL could read.
// Other edit keys come the same way, with their own editing command.
async function onScreenBackspace(cdp, command = 'deleteBackward') {
  const key = { windowsVirtualKeyCode: 229, key: 'Unidentified' };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key, commands: [command] });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

test('a tap on the filter focuses the hidden field at once; typed text filters, Backspace deletes', async () => {
  const context = await fixture.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openBoard(page, fixture.server.url);
  for (const title of ['Printer jams', 'VPN drops hourly'])
    await page.evaluate((t) => window.tackboard.createTicket({ title: t }), title);
  await waitForRect(page, 'Printer jams');
  await screenshot(page, 'mobile-board');
  await recordFocusAtTouchEnd(page);
  const cdp = await context.newCDPSession(page);

  // A tap elsewhere (a card) is not a text field: the hidden field stays unfocused.
  const card = centre(await waitForRect(page, 'Printer jams'));
  await page.touchscreen.tap(card.x, card.y);
  assert.equal(await focusAtLastTouchEnd(page), '', 'a card is no text field');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).has('ticket'), undefined, 'the card to open');
  assert.equal(await hiddenFieldFocused(page), false);
  await page.evaluate(() => { location.hash = ''; });
  await waitForNoRect(page, 'Close panel');

  const filter = centre(await waitForRect(page, 'filter'));
  await page.touchscreen.tap(filter.x, filter.y);
  assert.equal(await focusAtLastTouchEnd(page), 'text-input', 'focused inside the touchend handler');
  assert.ok(await hiddenFieldFocused(page));

  // The app's field took the tap: the hidden field stays focused, at the field's cursor.
  await page.waitForTimeout(300);
  assert.ok(await hiddenFieldFocused(page), 'still focused once the app has seen the tap');
  const at = await page.evaluate(() => document.getElementById('text-input').getBoundingClientRect().toJSON());
  const field = await waitForRect(page, 'filter');
  assert.ok(at.top >= field.y - 2 && at.top <= field.y + field.height, `hidden field at y ${at.top}, field ${field.y}`);

  await cdp.send('Input.insertText', { text: 'vpn' });  // what an on-screen keyboard does
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'vpn', undefined, 'the filter vpn');
  await waitForNoRect(page, 'Printer jams');
  await waitForRect(page, 'VPN drops hourly');

  await onScreenBackspace(cdp);
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'vp', undefined, 'the filter vp');
  await page.waitForTimeout(200);
  assert.equal(await filterText(page), 'vp', 'one character deleted, not two');
  assert.equal(await page.evaluate(() => document.getElementById('text-input').value), '', 'the hidden field stays empty');
  await onScreenBackspace(cdp);
  await onScreenBackspace(cdp);
  await waitFor(page, () => !new URLSearchParams(location.hash.slice(1)).has('q'), undefined, 'the filter emptied');
  await waitForRect(page, 'Printer jams');

  // A word at a time (a long press on Backspace, or Gboard's swipe), and the whole line.
  await cdp.send('Input.insertText', { text: 'vpn drops' });
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'vpn drops', undefined, 'vpn drops');
  await onScreenBackspace(cdp, 'deleteWordBackward');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'vpn ', undefined, 'a word deleted');
  await onScreenBackspace(cdp, 'deleteToBeginningOfLine');
  await waitFor(page, () => !new URLSearchParams(location.hash.slice(1)).has('q'), undefined, 'the line deleted');
  assert.equal(await page.evaluate(() => document.getElementById('text-input').value), '', 'the hidden field stays empty');
  assert.equal(await hiddenFieldFocused(page), true, 'still typing in the filter');

  // A tap on a card leaves the field: the hidden field lets go (the phone's keyboard goes).
  await page.touchscreen.tap(card.x, card.y);
  await waitFor(page, () => document.activeElement?.id !== 'text-input', undefined, 'the hidden field to let go');
  await screenshot(page, 'mobile-ticket-panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in the new ticket dialog: a button tap leaves the keyboard alone, a tap on the description brings it', async () => {
  const context = await fixture.browser.newContext(PHONE);
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await recordFocusAtTouchEnd(page);
  const cdp = await context.newCDPSession(page);
  const button = centre(await waitForRect(page, 'New ticket'));
  await page.touchscreen.tap(button.x, button.y);
  assert.equal(await focusAtLastTouchEnd(page), '', 'a button is no text field');
  await waitForRect(page, 'new-title');
  // The title takes the keyboard by itself (a frame later: on a phone, no keyboard yet).
  await waitFor(page, () => document.activeElement?.id === 'text-input', undefined, 'the title to have the keyboard');
  await cdp.send('Input.insertText', { text: 'Typed on a phone' });
  // The user put the keyboard away; a tap on the description (a multi-line field in a
  // modal dialog) focuses the hidden field inside the tap's handler again.
  await page.evaluate(() => document.activeElement.blur());
  const description = centre(await waitForRect(page, 'new-description'));
  await page.touchscreen.tap(description.x, description.y);
  assert.equal(await focusAtLastTouchEnd(page), 'text-input', 'focused inside the touchend handler');
  await page.waitForTimeout(300);
  assert.ok(await hiddenFieldFocused(page), 'still focused once the app has seen the tap');
  await cdp.send('Input.insertText', { text: 'From the phone' });
  await screenshot(page, 'mobile-new-ticket');
  const create = centre(await waitForRect(page, 'Create'));
  await page.touchscreen.tap(create.x, create.y);
  await waitForNoRect(page, 'new-title');
  const tickets = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).tickets);
  assert.deepEqual(tickets.map((t) => [t.title, t.description]), [['Typed on a phone', 'From the phone']]);
  await waitFor(page, () => document.activeElement?.id !== 'text-input', undefined, 'the hidden field to let go');
  await context.close();
});

test('on a phone the toolbar wraps inside the screen, the views fold, and an open ticket fills it', async () => {
  const context = await fixture.browser.newContext(PHONE);
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Badge reader dead' }));
  const inside = (r, what) => assert.ok(r && r.x >= 0 && r.x + r.width <= PHONE.viewport.width + 0.5,
                                        `${what} at ${JSON.stringify(r)} is off the screen`);
  const toolbar = [];
  for (const item of ['New ticket', 'Import', 'Export', 'List', 'Reports', 'Commands (Ctrl+K)', 'Sync']) {
    toolbar.push(await waitForRect(page, item));
    inside(toolbar.at(-1), item);
  }
  // What follows the toolbar starts below its last row, whatever it wrapped to; the
  // ticket count sits on that row or below it, not over the first.
  const bottom = Math.max(...toolbar.map((r) => r.y + r.height));
  const filter = await waitForRect(page, 'filter');
  assert.ok(filter.y >= bottom - 1, `the filter at y ${filter.y} overlaps the toolbar, which ends at ${bottom}`);
  const count = await waitForRect(page, 'ticket-count');
  const lastRow = Math.max(...toolbar.map((r) => r.y));
  assert.ok(count.y >= lastRow - 1, `the ticket count at y ${count.y} is above the toolbar's last row (${lastRow})`);
  await waitForNoRect(page, 'All tickets');  // the views sidebar starts folded
  const card = centre(await waitForRect(page, 'Badge reader dead'));
  await page.touchscreen.tap(card.x, card.y);
  const panel = await waitForRect(page, 'ticket-panel');
  inside(panel, 'the ticket panel');
  assert.ok(panel.width > PHONE.viewport.width * 0.8, `the panel is ${panel.width} px wide`);
  inside(await waitForRect(page, 'Close panel'), 'the close button');
  await context.close();
});

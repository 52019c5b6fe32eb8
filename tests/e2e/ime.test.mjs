// Input methods: Chinese composed in the hidden text field (shell/index.html #text-input)
// reaches the app's text fields once committed, shows at the cursor while composed, and
// plain typing, Backspace and Enter still work as before, each character typed once.
// CDP's Input.imeSetComposition / Input.insertText are what an IME does to the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const titles = (page) => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).tickets.map((t) => t.title));
const frames = (page) => page.evaluate(() => window.tackboard.frameStats().then((s) => s.frames));
const hiddenFieldFocused = (page) => waitFor(page, () => document.activeElement?.id === 'text-input', undefined,
                                             'the hidden text field to have the focus');

test('Chinese from an input method goes into the new ticket title, Latin keys still type once', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const cdp = await page.context().newCDPSession(page);
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'text-input', 'no field: not focused');

  await clickItem(page, 'New ticket');
  const field = await clickItem(page, 'new-title');
  await hiddenFieldFocused(page);
  // The hidden field sits at the text cursor, so the candidate window opens there.
  const at = await page.evaluate(() => document.getElementById('text-input').getBoundingClientRect().toJSON());
  assert.ok(at.left >= field.x && at.left <= field.x + field.width, `field x ${at.left} within ${field.x}+${field.width}`);
  assert.ok(Math.abs(at.top - field.y) <= field.height, `field y ${at.top} near ${field.y}`);

  await page.keyboard.type('Printer ');
  // Composing: the pinyin is shown at the cursor, not typed into the title.
  const clip = { x: field.x, y: field.y, width: field.width, height: field.height };
  await page.waitForTimeout(200);
  const before = await page.screenshot({ clip });
  const framesBefore = await frames(page);
  await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
  await waitFor(page, (n) => window.tackboard.frameStats().then((s) => s.frames > n + 1), framesBefore, 'a frame');
  const composing = await page.screenshot({ clip });
  assert.notDeepEqual(composing, before, 'the composition is drawn in the field');
  await screenshot(page, 'ime-composing');
  await cdp.send('Input.insertText', { text: '中文' });  // the user picks 中文
  assert.equal(await page.evaluate(() => document.getElementById('text-input').value), '', 'the field is emptied');
  await page.keyboard.type(' okx');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'new-title');
  await waitForRect(page, 'Printer 中文 ok');
  assert.deepEqual(await titles(page), ['Printer 中文 ok']);
  await waitFor(page, () => document.activeElement?.id !== 'text-input', undefined, 'the hidden field to let go');
  assert.deepEqual((await page.evaluate(() => window.tackboard.frameStats())).missingGlyphs, []);
  await page.close();
});

test('Chinese from an input method filters the board; keys of a composition do not edit the field', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  for (const title of ['服务器宕机了', '打印机坏了', 'Mail is slow'])
    await page.evaluate((t) => window.tackboard.createTicket({ title: t }), title);
  await waitForRect(page, 'Mail is slow');
  const cdp = await page.context().newCDPSession(page);
  await clickItem(page, 'filter');
  await hiddenFieldFocused(page);
  await page.keyboard.type('x');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'x', undefined, 'the filter x');
  await cdp.send('Input.imeSetComposition', { text: 'dayin', selectionStart: 5, selectionEnd: 5 });
  // A key pressed while composing belongs to the input method (keyCode 229), not the app:
  // this Backspace edits the composition, and must not delete the x.
  const imeKey = { windowsVirtualKeyCode: 229, key: 'Process', code: 'Backspace' };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...imeKey });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...imeKey });
  await cdp.send('Input.insertText', { text: '打印' });
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'x打印', undefined, 'the filter x打印');
  // Arrows and Backspace as before: take the x out again.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === '打印', undefined, 'the filter 打印');
  await waitForNoRect(page, 'Mail is slow');
  await waitForRect(page, '打印机坏了');
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('服务器宕机了')), null);
  // Ctrl+A then typing replaces it; Ctrl+Z undoes in the field (a character at a time).
  await page.keyboard.press('Control+a');
  await page.keyboard.type('mail');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'mail', undefined, 'the filter mail');
  await waitForRect(page, 'Mail is slow');
  await page.keyboard.press('Control+z');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'mai', undefined,
                'the field to undo its last character');
  assert.equal((await titles(page)).length, 3, 'the board was not undone');
  await page.close();
});

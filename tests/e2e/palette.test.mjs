// The command palette (Ctrl+K) and the keyboard-shortcut sheet ('?') in a real headless
// Chromium: commands found by typing part of their name and run with Enter, "Go to
// ticket" rows from the query language, moving the selected ticket, Esc, and the sheet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

// Ctrl+K, then the text once the field is on screen (characters typed before it has the
// keyboard are kept too).
async function palette(page, text) {
  await page.keyboard.press('Control+k');
  await waitForRect(page, 'palette-input');
  if (text) await page.keyboard.type(text);
}

test('Ctrl+K runs commands by name, goes to tickets and moves the selected one', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.mouse.click(700, 500);  // the canvas has the keyboard

  // "list" finds "List view"; Enter runs it.
  await palette(page, 'list');
  await waitForRect(page, 'List view');
  await screenshot(page, 'palette-list');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'palette-input');
  await waitForNoRect(page, 'column:New');
  await waitForRect(page, 'Title');  // the list's header

  // And back, by another word of the name ("board" finds "Board view").
  await palette(page, 'board');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'column:New');

  // "new tic" finds "New ticket": its dialog opens.
  await palette(page, 'new tic');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'new-title');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'new-title');

  const [printer, vpn] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'Printer on floor 3 jams' }),
    await window.tackboard.createTicket({ title: 'VPN drops every hour' }),
  ]);
  await waitForRect(page, 'VPN drops every hour');

  // Part of a title: a "Go to ticket" row; Enter opens its panel.
  await palette(page, 'printer');
  await waitForRect(page, 'Go to ticket: Printer on floor 3 jams');
  await screenshot(page, 'palette-goto');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'palette-input');
  await waitForRect(page, 'Edit ticket');
  await waitFor(page, () => window.tackboard.uiRect('ticket-panel'), null, 'the printer ticket panel');

  // The same by a click on the row.
  await palette(page, 'vpn drops');
  await clickItem(page, 'Go to ticket: VPN drops every hour');
  await waitForNoRect(page, 'palette-input');
  await waitForRect(page, 'Edit ticket');

  // The selected ticket (the VPN one, just opened) moves to Triage; Up/Down pick rows.
  await palette(page, 'move triage');  // not the Triage view
  await waitForRect(page, 'Move selected ticket to Triage');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await screenshot(page, 'palette-move');
  await page.keyboard.press('Enter');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'triage'), vpn, 'the move');
  assert.equal((await page.evaluate((id) => window.tackboard.getTicket(id), printer)).status, 'new');

  // Undo through the palette takes the move back.
  await palette(page, 'undo');
  await page.keyboard.press('Enter');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'new'), vpn, 'the undo');

  // Esc closes without running anything; so does Ctrl+K again.
  await palette(page, 'export');
  await waitForRect(page, 'Export as CSV');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'palette-input');
  await palette(page);
  await page.keyboard.press('Control+k');
  await waitForNoRect(page, 'palette-input');

  // Nothing matches: the palette says so and Enter does nothing.
  await palette(page, 'zzzz');
  await waitForRect(page, 'palette-empty');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'palette-input');

  // "Filter tickets" gives the filter the keyboard; "Clear filter" empties it.
  await palette(page, 'filter tickets');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'palette-input');
  await page.keyboard.type('vpn');
  await waitForNoRect(page, 'Printer on floor 3 jams');
  await page.mouse.click(700, 600);  // the board takes the keyboard back
  await palette(page, 'clear filter');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'Printer on floor 3 jams');

  // "Edit ticket" opens the editor of the open ticket.
  await clickItem(page, 'VPN drops every hour');
  await waitForRect(page, 'ticket-panel');
  await palette(page, 'edit');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'Save##edit-ticket');
  await clickItem(page, 'Cancel##edit-ticket');
  await waitForNoRect(page, 'Save##edit-ticket');

  // A saved view puts its query in the filter, which applies it.
  await palette(page, 'view my open');
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.tackboard.uiRect('filter-summary'), null, 'the saved view applied');

  assert.deepEqual(errors, []);
  await page.close();
});

test("'?' on the board opens the shortcut sheet; Esc and Close close it", async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  await page.mouse.click(700, 500);
  await page.keyboard.type('?');
  await waitForRect(page, 'sheet-heading');
  await waitForRect(page, 'shortcut Ctrl+K  or  Cmd+K: Command palette: every action by name');
  await screenshot(page, 'shortcut-sheet');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'sheet-heading');

  // From the palette, and closed with its button.
  await page.keyboard.press('Control+k');
  await waitForRect(page, 'palette-input');
  await page.keyboard.type('shortcuts');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'sheet-heading');
  await clickItem(page, 'Close##sheet');
  await waitForNoRect(page, 'sheet-heading');

  // Typed into the filter, '?' is just a character.
  await page.keyboard.type('/why?');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('sheet-heading')), null);

  // The toolbar button opens the palette too.
  await page.keyboard.press('Escape');
  await clickItem(page, 'Commands (Ctrl+K)');
  await waitForRect(page, 'palette-input');
  await page.close();
});

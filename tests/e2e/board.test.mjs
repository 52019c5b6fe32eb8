// The board in a real headless Chromium: columns, creating a ticket by clicking the
// canvas, persistence across a reload, refusal of bad input, idle rendering, HiDPI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clickItem, createTicketThroughUi, dragCardToColumn, openBoard, screenshot, waitFor, waitForNoRect, waitForRect,
  watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const COLUMNS = ['New', 'Triage', 'In progress', 'Waiting', 'Resolved', 'Closed'];

describe('board', () => {
  const fixture = withServerAndBrowser();

  test('shows the six default columns and a New ticket button', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    let previousX = -1;
    for (const name of COLUMNS) {
      const r = await waitForRect(page, 'column:' + name);
      assert.ok(r.x > previousX, `column ${name} is right of the one before`);
      assert.ok(r.x + r.width <= 1400, `column ${name} is on screen at 1400 px`);
      previousX = r.x;
    }
    const button = await waitForRect(page, 'New ticket');
    assert.ok(button.width > 40 && button.height > 15);
    assert.equal(await page.locator('#fatal').isVisible(), false);
    await screenshot(page, 'board-empty');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a ticket created by clicking and typing is on the board, and still after a reload', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    // ASCII only: characters outside the keyboard layout arrive as IME-style text input,
    // which needs the hidden DOM input of the board UI issue.
    const title = 'Printer on fire in room 4';
    await createTicketThroughUi(page, title);
    const card = await waitForRect(page, title);
    const newColumn = await waitForRect(page, 'column:New');
    assert.ok(Math.abs(card.x - newColumn.x) < 20, 'the card sits in the New column');
    const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
    const ticket = board.tickets.find((t) => t.title === title);
    assert.ok(ticket, 'the ticket is in the exported board');
    assert.equal(ticket.status, 'new');
    await screenshot(page, 'board-after-create');

    await page.evaluate(() => window.tackboard.flush());
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    await waitForRect(page, title);
    const again = await page.evaluate((id) => window.tackboard.getTicket(id), ticket.id);
    assert.equal(again.title, title);
    await screenshot(page, 'board-after-reload');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an empty title is refused with a message and nothing is created', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const before = JSON.parse(await page.evaluate(() => window.tackboard.exportJson())).tickets.length;
    await clickItem(page, 'New ticket');
    const whole = await clickItem(page, 'Create');
    await waitForRect(page, "'title' cannot be empty");  // the message, as shown
    await waitForRect(page, 'new-title');  // the dialog stays open
    // The dialog grows to show the message: the button below it is not cut off
    // (rectangles are clipped to their window), without any further input.
    await page.waitForTimeout(300);
    const create = await waitForRect(page, 'Create');
    assert.ok(create.y > whole.y, 'the button moved down below the message');
    assert.equal(create.height, whole.height, 'the Create button is whole');
    await screenshot(page, 'new-ticket-refused');
    const afterCount = JSON.parse(await page.evaluate(() => window.tackboard.exportJson())).tickets.length;
    assert.equal(afterCount, before);
    // Esc closes the dialog without creating anything.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('new-title')), null);
    await page.close();
  });

  test('the form adapts to the ticket type and names missing required fields', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openBoard(page, fixture.server.url);
    await clickItem(page, 'New ticket');
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('field-steps')), null);
    await clickItem(page, 'new-type');
    await clickItem(page, 'Bug');
    await waitForRect(page, 'field-steps');  // the Bug's own fields appear
    await waitForRect(page, 'field-severity');
    await clickItem(page, 'new-title');
    await page.keyboard.type('Crash when saving a ticket');
    await clickItem(page, 'Create');
    const error = await waitForRect(page, 'new-ticket-error');
    assert.ok(error.width > 0);
    assert.ok(await page.evaluate(() => window.tackboard.uiRect('A Bug needs: Steps to reproduce')),
              'the message names the missing field');
    await screenshot(page, 'new-bug-missing-steps');
    await clickItem(page, 'field-steps');
    await page.keyboard.type('Open a ticket, press Save');
    await clickItem(page, 'Create');
    await waitForNoRect(page, 'new-title');
    const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
    const bug = board.tickets.find((t) => t.title === 'Crash when saving a ticket');
    assert.equal(bug.type, 'bug');
    assert.equal(bug.fields.steps, 'Open a ticket, press Save');
    await page.close();
  });

  test('the JS API rejects bad input with plain messages', async () => {
    const page = await fixture.browser.newPage();
    await openBoard(page, fixture.server.url);
    const refusal = (fn) => page.evaluate(fn).then(() => 'resolved', (e) => e.message);
    assert.match(await refusal(() => window.tackboard.createTicket({})), /'title' cannot be empty/);
    assert.match(await refusal(() => window.tackboard.createTicket({ title: 'x', priority: 'soon' })),
                 /unknown priority 'soon'/);
    assert.match(await refusal(() => window.tackboard.getTicket('nope')), /no ticket with id nope/);
    assert.match(await page.evaluate(() => window.tackboard.lastError()), /no ticket/);
    assert.match(await refusal(() => window.tackboard.createTicket({ title: 'Crash', type: 'bug' })),
                 /a Bug needs: Steps to reproduce/);
    const id = await page.evaluate(() => window.tackboard.createTicket(
      { title: 'From the API', type: 'bug', 'fields.steps': 'Open, save, crash' }));
    const t = await page.evaluate((i) => window.tackboard.getTicket(i), id);
    assert.equal(t.type, 'bug');
    assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    // Queries through the index, with accents folded and Chinese found by bigrams.
    const ids = await page.evaluate(async () => [
      await window.tackboard.createTicket({ title: 'Le café de Göteborg est fermé' }),
      await window.tackboard.createTicket({ title: '服务器宕机了', priority: 'urgent' }),
    ]);
    assert.deepEqual(await page.evaluate(() => window.tackboard.query('goteborg cafe')), [ids[0]]);
    assert.deepEqual(await page.evaluate(() => window.tackboard.query('宕机 prio:urgent')), [ids[1]]);
    assert.deepEqual(await page.evaluate(() => window.tackboard.query('type:bug')), [id]);
    assert.match(await refusal(() => window.tackboard.query('status:')), /column 8: expected a value after 'status:'/);
    await page.close();
  });

  test('the filter bar narrows every column as you type and explains syntax errors', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    await page.evaluate(async () => {
      await window.tackboard.createTicket({ title: 'Imprimante en panne à Lyon', priority: 'urgent' });
      const id = await window.tackboard.createTicket({ title: 'Skrivaren i Göteborg', status: 'triage' });
      await window.tackboard.createTicket({ title: '服务器宕机了', type: 'incident', 'fields.impact': 'Everyone' });
      await window.tackboard.updateTicket(id, { status: 'in_progress' });
    });
    await waitForRect(page, 'Skrivaren i Göteborg');
    // Chinese titles are drawn with real glyphs (the atlas grows with the board's characters).
    await waitForRect(page, '服务器宕机了');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    assert.deepEqual((await page.evaluate(() => window.tackboard.frameStats())).missingGlyphs, []);
    // "/" focuses the filter from anywhere on the board.
    await page.mouse.click(700, 500);
    await page.keyboard.type('/goteborg');
    await waitForNoRect(page, 'Imprimante en panne à Lyon');
    await waitForRect(page, 'Skrivaren i Göteborg').catch(async (e) => {
      await screenshot(page, 'filter-goteborg-failed');
      throw e;
    });
    await waitForRect(page, 'filter-summary');
    await screenshot(page, 'filter-goteborg');
    // Replace the text: select all, type a field filter.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('prio:urgent');
    await waitForRect(page, 'Imprimante en panne à Lyon');
    await waitForNoRect(page, 'Skrivaren i Göteborg');
    // A syntax error is shown under the bar with its column; the board is left unfiltered.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('status:');
    await waitForRect(page, "column 8: expected a value after 'status:'");
    await waitForRect(page, 'Skrivaren i Göteborg');
    await screenshot(page, 'filter-error');
    await page.close();
  });

  test('a card dragged onto another column moves there; a move the workflow forbids is refused', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const title = 'Laptop battery swells';
    const id = await page.evaluate((t) => window.tackboard.createTicket({ title: t }), title);
    const drag = (label, column) => dragCardToColumn(page, label, column);
    await drag(title, 'In progress');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.status === 'in_progress'), id);
    const card = await waitForRect(page, title);
    const column = await waitForRect(page, 'column:In progress');
    assert.ok(card.x >= column.x && card.x < column.x + column.width, 'the card is drawn in its new column');
    await screenshot(page, 'card-moved');

    // A workflow where "In progress" may only go to "Resolved".
    await page.evaluate(async () => {
      const config = JSON.parse(await window.tackboard.exportJson()).config;
      config.transitions = [{ from: 'in_progress', to: 'resolved' }, { from: 'new', to: 'in_progress' }];
      await window.tackboard.execute({ op: 'config', config });
    });
    await drag(title, 'Closed');
    await waitForRect(page, "Moving from 'In progress' to 'Closed' is not allowed by this board's workflow");
    assert.equal((await page.evaluate((i) => window.tackboard.getTicket(i), id)).status, 'in_progress');
    await screenshot(page, 'move-refused');
    await drag(title, 'Resolved');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.status === 'resolved'), id);
    const resolved = await page.evaluate((i) => window.tackboard.getTicket(i), id);
    assert.ok(resolved.resolved_at > 0, 'resolving stamps the time');
    await page.close();
  });

  test('clicking a card opens its panel: change status, comment, resolve, reopen with a reason', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openBoard(page, fixture.server.url);
    const title = 'Wi-Fi drops in the Lyon meeting room';
    const id = await page.evaluate((t) => window.tackboard.createTicket(
      { title: t, type: 'bug', 'fields.steps': 'Join Lyon-Guest and wait', requester: 'claire' }), title);
    await clickItem(page, title);
    await waitForRect(page, 'ticket-panel');
    const ticket = () => page.evaluate((i) => window.tackboard.getTicket(i), id);

    await clickItem(page, 'panel-status');
    await clickItem(page, 'In progress');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.status === 'in_progress'), id);

    await clickItem(page, 'new-comment');
    await page.keyboard.type('Replaced the access point');
    await clickItem(page, 'Comment');
    await waitForRect(page, 'Replaced the access point');
    let t = await ticket();
    assert.equal(t.comments.length, 1);
    assert.equal(t.comments[0].internal, false);
    assert.ok(t.first_response_at > 0, 'a public answer is the first response');

    await clickItem(page, 'panel-status');
    await clickItem(page, 'Resolved');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((x) => x.status === 'resolved'), id);
    // Reopen needs a reason: refused without one, accepted with one.
    await clickItem(page, 'Reopen');
    await waitForRect(page, 'Say why the ticket is reopened');
    await clickItem(page, 'reopen-reason');
    await page.keyboard.type('Drops again since Friday');
    await clickItem(page, 'Reopen');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((x) => x.status !== 'resolved'), id);
    t = await ticket();
    assert.equal(t.resolved_at ?? 0, 0);
    assert.equal(t.history.at(-1).note, 'reopened: Drops again since Friday');
    await screenshot(page, 'ticket-panel');
    await clickItem(page, 'Close panel');
    await waitForNoRect(page, 'ticket-panel');
    await page.close();
  });

  test('undo and redo from the keyboard and the toolbar', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const title = 'Projector in room 12 flickers';
    await createTicketThroughUi(page, title);
    await waitForRect(page, title);
    await page.mouse.click(700, 600);  // the board, not a text field
    await page.keyboard.press('Control+Z');
    await waitForNoRect(page, title);
    await page.keyboard.press('Control+Shift+Z');
    await waitForRect(page, title);
    await clickItem(page, 'Undo');
    await waitForNoRect(page, title);
    await clickItem(page, 'Redo');
    await waitForRect(page, title);
    // Undone changes are stored too: after a reload the board is as left.
    await clickItem(page, 'Undo');
    await waitForNoRect(page, title);
    await page.evaluate(() => window.tackboard.flush());
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate((t) => window.tackboard.uiRect(t), title), null);
    await page.close();
  });

  test('no frames are rendered while nothing happens', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1200, height: 700 } });
    await openBoard(page, fixture.server.url);
    // Let start-up settle (fonts, storage, the first layout): on a loaded machine it can
    // take longer than usual, so wait until 400 ms pass without a frame (at most 10 s).
    const frames = async () => (await page.evaluate(() => window.tackboard.frameStats())).frames;
    let idleStart = await frames();
    for (let i = 0; i < 25; ++i) {
      await page.waitForTimeout(400);
      const now = await frames();
      if (now === idleStart) break;
      idleStart = now;
    }
    await page.waitForTimeout(1000);
    const idleEnd = await frames();
    assert.equal(idleEnd, idleStart, 'idle for a second: no frame');
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 310);
    await page.waitForTimeout(200);
    const afterInput = (await page.evaluate(() => window.tackboard.frameStats())).frames;
    assert.ok(afterInput > idleEnd, 'input wakes the renderer');
    await page.close();
  });

  test('the canvas fills the window, follows resizes, and is crisp on HiDPI screens', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1000, height: 600 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await openBoard(page, fixture.server.url);
    const size = () => page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
    });
    let s = await size();
    assert.deepEqual(s, { w: 2000, h: 1200, cssW: 1000, cssH: 600 });
    await page.setViewportSize({ width: 1300, height: 700 });
    const deadline = Date.now() + 3000;
    while ((s = await size()).w !== 2600 && Date.now() < deadline) await page.waitForTimeout(50);
    assert.deepEqual(s, { w: 2600, h: 1400, cssW: 1300, cssH: 700 });
    const closed = await waitForRect(page, 'column:Closed');
    assert.ok(closed.x + closed.width <= 1300, 'the last column fits the wider window');
    await screenshot(page, 'board-hidpi');
    await context.close();
  });
});

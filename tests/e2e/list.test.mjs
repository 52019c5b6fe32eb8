// The list view in a real headless Chromium: the Board / List toggle, rows for the
// tickets, sorting by a clicked header (priority by rank, both directions), the filter
// narrowing the rows, and a clicked row opening the ticket's side panel.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser } from './helpers.mjs';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const STATUSES = ['new', 'triage', 'in_progress', 'waiting', 'resolved', 'closed'];
const SUBJECTS = ['Printer jams', 'VPN drops', 'Mailbox full', 'Laptop fan loud', 'Badge reader dead',
                  'Wiki is slow', 'Phone has no tone', 'Screen flickers', 'Password expired', 'Backup failed'];

// Polls until the row of `a` is drawn above the row of `b`.
async function waitForRowAbove(page, a, b, what) {
  await waitFor(page, ([x, y]) => Promise.all([window.tackboard.uiRect(x), window.tackboard.uiRect(y)])
    .then(([rx, ry]) => rx && ry && rx.y < ry.y), ['row ' + a, 'row ' + b], what);
}

// ImGui's table headers (AllowItemOverlap) take a press only when they were already hovered
// in the frame before, as under a real pointer: hover first, then click.
async function clickHeader(page, label) {
  const r = await waitForRect(page, label);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
}

describe('list view', () => {
  const fixture = withServerAndBrowser();

  test('lists the tickets, sorts by a header, follows the filter, and a row opens its panel', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    const DAY = 24 * 60 * 60 * 1000;
    await page.evaluate(async ({ PRIORITIES, STATUSES, SUBJECTS, DAY }) => {
      for (let i = 0; i < 30; i++) {
        // A few past due dates: overdue unless resolved or closed.
        await window.tackboard.createTicket({
          title: `${SUBJECTS[i % SUBJECTS.length]} ${i + 1}`, priority: PRIORITIES[i % 4],
          status: STATUSES[i % 6], requester: 'user' + (i % 5), assignee: i % 3 ? 'agent' + (i % 4) : '',
          due: i % 4 === 1 ? Date.now() + (i % 8 === 1 ? -3 : 5) * DAY : null,
        });
      }
      // The two the test compares: one urgent, one low, created in the order low, urgent.
      await window.tackboard.createTicket({ title: 'Low: order new mouse pads', priority: 'low' });
      await window.tackboard.createTicket({ title: 'Urgent: server room is flooding', priority: 'urgent' });
    }, { PRIORITIES, STATUSES, SUBJECTS, DAY });

    await clickItem(page, 'List');
    const first = await waitForRect(page, 'row Urgent: server room is flooding');
    await waitForRect(page, 'row Low: order new mouse pads');
    await waitForNoRect(page, 'column:New');  // the board's columns are gone
    for (const header of ['Id', 'Title', 'Type', 'Status', 'Priority', 'Assignee', 'Requester', 'Due', 'Updated'])
      await waitForRect(page, header);
    assert.ok(first.height > 10 && first.width > 20, 'a row is a real target');
    await screenshot(page, 'list-view');

    // Priority ascending: by rank, most urgent first; again: descending.
    await clickHeader(page, 'Priority');
    await waitForRowAbove(page, 'Urgent: server room is flooding', 'Low: order new mouse pads', 'urgent above low');
    await waitForRowAbove(page, 'Printer jams 1', 'VPN drops 2', 'urgent above high');
    await screenshot(page, 'list-sorted-priority');
    await clickHeader(page, 'Priority');
    await waitForRowAbove(page, 'Low: order new mouse pads', 'Urgent: server room is flooding', 'low above urgent');

    // The filter narrows the rows like it narrows the board.
    await page.mouse.click(700, 10);  // the top bar, not a text field
    await page.keyboard.type('/vpn');
    await waitForNoRect(page, 'row Low: order new mouse pads');  // the top row until now
    await waitForRect(page, 'row VPN drops 2');
    await waitForRect(page, '3 of 32 tickets');
    await screenshot(page, 'list-filtered');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await waitForRect(page, 'row Low: order new mouse pads');

    // A row opens the ticket's panel, as a card does.
    await clickItem(page, 'row Urgent: server room is flooding');
    await waitForRect(page, 'ticket-panel');
    await waitForRect(page, 'Close panel');
    const row = await waitForRect(page, 'row Urgent: server room is flooding');
    const panel = await waitForRect(page, 'ticket-panel');
    assert.ok(row.x < panel.x, 'the panel is beside the list');
    await page.waitForTimeout(200);
    await screenshot(page, 'list-with-panel');

    // Back to the board: its columns again, the panel still open.
    await clickItem(page, 'Board');
    await waitForRect(page, 'column:New');
    await waitForNoRect(page, 'row Low: order new mouse pads');
    await waitForRect(page, 'ticket-panel');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

// Several cards at once: Ctrl+click and Shift+click select, the bulk bar moves and labels
// the selection as one undo step, and a move over a column's WIP limit asks first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, dragCardToColumn, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

async function board(page, titles, fields = {}) {
  const ids = [];
  for (const title of titles) ids.push(await page.evaluate((f) => window.tackboard.createTicket(f), { title, ...fields }));
  await waitForRect(page, titles[titles.length - 1]);  // the newest is at the top of its column
  return ids;
}

async function withKey(page, key, action) {
  await page.keyboard.down(key);
  try { await action(); } finally { await page.keyboard.up(key); }
}

const statuses = (page, ids) => page.evaluate(
  (list) => Promise.all(list.map((id) => window.tackboard.getTicket(id).then((t) => t.status))), ids);

test('Ctrl+click selects cards; the bulk bar moves and labels them all as one undo step', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const ids = await board(page, ['Badge reader A', 'Badge reader B', 'Badge reader C', 'Badge reader D']);
  await clickItem(page, 'Badge reader A');
  await withKey(page, 'Control', async () => {
    await clickItem(page, 'Badge reader B');
    await clickItem(page, 'Badge reader C');
  });
  await waitForRect(page, '3 selected');
  await screenshot(page, 'bulk-selected');

  await clickItem(page, 'bulk-move');
  await clickItem(page, 'Triage##bulk-move');
  await waitFor(page, (list) => Promise.all(list.map((id) => window.tackboard.getTicket(id)))
    .then((ts) => ts.every((t) => t.status === 'triage')), ids.slice(0, 3), 'the three to move');
  assert.deepEqual(await statuses(page, ids), ['triage', 'triage', 'triage', 'new'], 'D was not selected');

  await clickItem(page, 'bulk-label');
  await clickItem(page, 'vip##bulk-label');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => (t.labels || []).includes('vip')), ids[2],
                'the labels');
  const labelled = await page.evaluate((list) => Promise.all(list.map((id) => window.tackboard.getTicket(id))), ids);
  assert.deepEqual(labelled.map((t) => (t.labels || []).includes('vip')), [true, true, true, false]);

  // Each bulk action is one undo step.
  await clickItem(page, 'Undo');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => !t.labels), ids[0], 'the label undo');
  await clickItem(page, 'Undo');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'new'), ids[2], 'the move undo');
  assert.deepEqual(await statuses(page, ids), ['new', 'new', 'new', 'new']);

  await clickItem(page, 'Clear selection');
  await waitForNoRect(page, 'bulk-move');
  await page.close();
});

test('Shift+click selects a run of cards in a column', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  await board(page, ['Run 1', 'Run 2', 'Run 3', 'Run 4', 'Run 5']);
  await clickItem(page, 'Run 5');  // newest first: Run 5 is at the top
  await withKey(page, 'Shift', () => clickItem(page, 'Run 3'));
  await waitForRect(page, '3 selected');
  await page.close();
});

test('a move over the WIP limit asks first; Cancel leaves the board as it was', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const busy = [];
  for (let i = 0; i < 10; i++) busy.push(`Busy ${i}`);
  await board(page, busy, { status: 'in_progress' });  // In progress allows 10
  const [late] = await board(page, ['One too many']);

  // Drag the card onto the full column.
  await dragCardToColumn(page, 'One too many', 'In progress');
  await waitForRect(page, 'wip-message');
  await screenshot(page, 'wip-confirm');
  await clickItem(page, 'Cancel##wip');
  await waitForNoRect(page, 'wip-message');
  assert.deepEqual(await statuses(page, [late]), ['new']);

  // Again, and this time go ahead.
  await dragCardToColumn(page, 'One too many', 'In progress');
  await clickItem(page, 'Move anyway');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'in_progress'), late, 'the move');
  await page.close();
});

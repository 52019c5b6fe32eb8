// The ticket editor in the side panel: open it with the pencil or 'e', change the title,
// description, labels and due date by typing on the canvas, save as one undoable update;
// a save the type's rules refuse names what is missing and keeps what was typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

async function openTicket(page, fields) {
  const id = await page.evaluate((f) => window.tackboard.createTicket(f), fields);
  await clickItem(page, fields.title);
  await waitForRect(page, 'Edit ticket');
  return id;
}

// Replaces the text of an editor field: click it, select all, type.
async function retype(page, label, text) {
  await clickItem(page, label);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);

test('title, description, labels and due date are edited on the canvas and saved as one undo step', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const id = await openTicket(page, { title: 'Printer offline', priority: 'high' });
  await clickItem(page, 'Edit ticket');
  await waitForRect(page, 'edit-title');
  await retype(page, 'edit-title', 'Printer offline on floor 2');
  await retype(page, 'edit-description', 'Since **Monday**. Tried a restart.');
  await retype(page, 'edit-labels', 'hardware, vip');
  await retype(page, 'edit-due', '2026-12-31');
  await screenshot(page, 'editor-open');
  await clickItem(page, 'Save');
  await waitForNoRect(page, 'edit-title');
  const saved = await ticket(page, id);
  assert.equal(saved.title, 'Printer offline on floor 2');
  assert.equal(saved.description, 'Since **Monday**. Tried a restart.');
  assert.deepEqual(saved.labels, ['hardware', 'vip']);
  assert.equal(new Date(saved.due).toISOString().slice(0, 10), '2026-12-31');
  await waitForRect(page, 'Printer offline on floor 2');

  // One save is one undo step: every field comes back at once.
  await clickItem(page, 'Undo');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.title === 'Printer offline'), id, 'the undo');
  const undone = await ticket(page, id);
  assert.equal(undone.labels, undefined);
  assert.equal(undone.due, undefined);
  await page.close();
});

test('a refused save names the problem, keeps the editor open with what was typed, changes nothing', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const id = await openTicket(page, { title: 'Crash on save', type: 'bug', 'fields.steps': 'Open, save' });
  // 'e' opens the editor of the ticket in the panel.
  await page.keyboard.type('e');
  await waitForRect(page, 'edit-title');
  await retype(page, 'edit-title', 'Crash on save (all users)');
  await retype(page, 'field-steps', '');
  await page.keyboard.press('Delete');
  await screenshot(page, 'editor-before-refused-save');
  await clickItem(page, 'Save');
  await screenshot(page, 'editor-after-refused-save');
  await waitForRect(page, 'A Bug needs: Steps to reproduce');
  await screenshot(page, 'editor-refused');
  assert.equal((await ticket(page, id)).title, 'Crash on save', 'nothing was saved');
  await waitForRect(page, 'edit-title');  // still editing

  await retype(page, 'field-steps', 'Open any ticket, press Save');
  await retype(page, 'edit-due', 'next week');
  await clickItem(page, 'Save');
  await waitForRect(page, 'The due date must be a date like 2026-12-31');
  await retype(page, 'edit-due', '');
  await page.keyboard.press('Delete');
  await clickItem(page, 'Save');
  await waitForNoRect(page, 'edit-title');
  const saved = await ticket(page, id);
  assert.equal(saved.title, 'Crash on save (all users)');
  assert.equal(saved.fields.steps, 'Open any ticket, press Save');
  await page.close();
});

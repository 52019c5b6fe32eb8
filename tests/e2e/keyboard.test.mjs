// Without the mouse: n, j/k and the arrows, Enter, e, Esc; and deep links: the URL's hash
// keeps the view, the open ticket and the filter, so a reload or a shared link shows them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const panelTitle = (page) => page.evaluate(() => {
  const id = new URLSearchParams(location.hash.slice(1)).get('ticket');
  return id ? window.tackboard.getTicket(id).then((t) => t.title) : null;
});

test('the board is worked from the keyboard', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  for (const [title, status] of [['First new', 'new'], ['Second new', 'new'], ['Being done', 'in_progress']])
    await page.evaluate((f) => window.tackboard.createTicket(f), { title, status });
  await waitForRect(page, 'Being done');
  await clickItem(page, 'column:Waiting');  // the canvas has the keyboard, nothing selected

  await page.keyboard.press('j');        // the first card of the board: newest of New
  await page.keyboard.press('Enter');    // opens it
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).has('ticket'), undefined, 'the panel');
  assert.equal(await panelTitle(page), 'Second new');
  await page.keyboard.press('j');        // the open panel follows the selection
  await waitFor(page, () => true, undefined, 'a frame');
  await waitFor(page, async () => (await window.tackboard.getTicket(
    new URLSearchParams(location.hash.slice(1)).get('ticket'))).title === 'First new', undefined, 'j');
  await page.keyboard.press('ArrowRight');  // the next column with cards
  await waitFor(page, async () => (await window.tackboard.getTicket(
    new URLSearchParams(location.hash.slice(1)).get('ticket'))).title === 'Being done', undefined, 'ArrowRight');
  await page.keyboard.press('e');
  await waitForRect(page, 'edit-title');
  await clickItem(page, 'Cancel##edit-ticket');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'Edit ticket');
  assert.equal(await page.evaluate(() => location.hash), '', 'no ticket open: the hash is empty');

  await page.keyboard.press('n');
  await waitForRect(page, 'new-title');
  await page.keyboard.type('Made from the keyboard');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'Made from the keyboard');
  await page.close();
});

test('a deep link opens the list view, the ticket and the filter, and survives a reload', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Linked ticket', priority: 'high' }));
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Other ticket' }));
  await page.goto(`${fixture.server.url}#view=list&ticket=${id}&q=${encodeURIComponent('prio:high')}`);
  await page.evaluate(() => window.tackboard.ready());
  await waitForRect(page, 'Edit ticket', 15000);    // the ticket's panel
  await waitForRect(page, 'row Linked ticket', 15000);  // in the list view
  await waitForRect(page, '1 of 2 tickets');        // filtered
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('row Other ticket')), null);
  // Only acknowledged edits are sure to outlive a reload (see the durability test).
  await page.evaluate(() => window.tackboard.flush());
  await page.reload();
  await page.evaluate(() => window.tackboard.ready());
  await waitForRect(page, 'row Linked ticket', 15000);
  await waitForRect(page, 'Edit ticket', 15000);
  // Closing the panel and going back to the board is written into the hash.
  await clickItem(page, 'Close panel');
  await clickItem(page, 'Board##view');
  await waitFor(page, () => location.hash === '#q=prio%3Ahigh', undefined, 'the hash to follow the UI');
  await page.close();
});

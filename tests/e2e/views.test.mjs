// Saved views in the sidebar: the current filter saved under a name (a config change, kept
// across a reload), applied by a click, selected again by a deep link, renamed and deleted
// with confirmation, each undoable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const viewNames = (page) => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config.views.map((v) => v.name));
async function waitForViews(page, expected, what) {
  await waitFor(page, async (e) => JSON.stringify(JSON.parse(await window.tackboard.exportJson()).config.views.map((v) => v.name)) === e,
                JSON.stringify(expected), what);
}
const defaults = ['My open tickets', 'Unassigned', 'Urgent and high'];

test('the current filter is saved as a view, kept across a reload, applied from the sidebar and by a link', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => {
    await window.tackboard.createTicket({ title: 'Printer on fire', priority: 'urgent' });
    await window.tackboard.createTicket({ title: 'Password reset', priority: 'low' });
  });
  await waitForRect(page, 'active view: All tickets');
  await clickItem(page, 'filter');
  await page.keyboard.type('prio:urgent');
  await waitForNoRect(page, 'Password reset');

  await clickItem(page, 'Save current view');
  await waitForRect(page, 'view-name');
  await page.keyboard.type('Fires');
  await page.keyboard.press('Enter');
  await waitForViews(page, [...defaults, 'Fires'], 'the view saved');
  await waitForRect(page, 'active view: Fires');
  await page.mouse.move(5, 5);
  await screenshot(page, 'views-sidebar');
  await page.evaluate(() => window.tackboard.setTheme('dark'));
  await page.waitForTimeout(200);
  await screenshot(page, 'views-sidebar-dark');
  await page.evaluate(() => window.tackboard.setTheme('light'));

  // Stored: after a reload (without the filter in the address), a click applies the view.
  await page.evaluate(() => window.tackboard.flush());
  await page.goto('about:blank');
  await openBoard(page, fixture.server.url);
  await waitForRect(page, 'Password reset');
  await waitForRect(page, 'active view: All tickets');
  await clickItem(page, 'Fires');
  await waitForNoRect(page, 'Password reset');
  await waitForRect(page, 'Printer on fire');
  await waitForRect(page, 'active view: Fires');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'prio:urgent', null, 'the route');
  await clickItem(page, 'All tickets');
  await waitForRect(page, 'Password reset');
  await waitFor(page, () => location.hash === '', null, 'the filter gone from the address');

  // A link with the view's filter opens with the view selected.
  await page.goto('about:blank');
  await openBoard(page, fixture.server.url + '#q=' + encodeURIComponent('prio:urgent'));
  await waitForRect(page, 'active view: Fires');
  await waitForNoRect(page, 'Password reset');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a view is renamed in place and deleted after confirmation; both are undone', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
  await openBoard(page, fixture.server.url);
  await clickItem(page, 'Unassigned');
  await waitForRect(page, 'active view: Unassigned');

  await clickItem(page, 'view-rename-button');
  await waitForRect(page, 'view-rename');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Queue');
  await page.keyboard.press('Enter');
  await waitForViews(page, ['My open tickets', 'Queue', 'Urgent and high'], 'the rename');
  await waitForRect(page, 'active view: Queue');
  // A name another view has is refused, and said so.
  await clickItem(page, 'view-rename-button');
  await waitForRect(page, 'view-rename');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('my open tickets');
  await page.keyboard.press('Enter');
  await waitForRect(page, "There is already a view named 'My open tickets'");
  await screenshot(page, 'views-rename-refused');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'view-rename');

  await clickItem(page, 'view-delete-button');
  await waitForRect(page, 'views-delete-question');
  await screenshot(page, 'views-delete-confirm');
  await clickItem(page, 'Cancel##views-delete-confirm');
  await waitForNoRect(page, 'views-delete-question');
  assert.deepEqual(await viewNames(page), ['My open tickets', 'Queue', 'Urgent and high']);
  await clickItem(page, 'view-delete-button');
  await clickItem(page, 'Delete##views-delete-confirm');
  await waitForViews(page, ['My open tickets', 'Urgent and high'], 'the deletion');
  await waitForNoRect(page, 'Queue');

  await clickItem(page, 'Undo');
  await waitForViews(page, ['My open tickets', 'Queue', 'Urgent and high'], 'the deletion undone');
  await clickItem(page, 'Undo');
  await waitForViews(page, defaults, 'the rename undone');
  await waitForRect(page, 'active view: Unassigned');
  await page.close();
});

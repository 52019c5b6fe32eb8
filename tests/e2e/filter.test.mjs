// The filter bar's autocomplete, typed and clicked on the canvas: field names as a word is
// typed, then the board's values after the colon; Tab, Enter, the arrow keys and a click take
// a suggestion, Esc closes the list and keeps the text; syntax errors stay shown inline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

// The filter the URL's hash holds (the app writes the applied filter there).
const routeQuery = (page) => page.evaluate(() => (new URLSearchParams(location.hash.slice(1)).get('q') || '').trim());

test('suggestions complete field names and values; Tab, Enter, arrows and clicks take them; Esc closes', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => {
    await window.tackboard.createTicket({ title: 'Printer waits in triage', status: 'triage', priority: 'normal' });
    await window.tackboard.createTicket({ title: 'VPN drops every hour', priority: 'high' });
  });
  await waitForRect(page, 'VPN drops every hour');

  // "sta" offers "status:" only; Tab takes it, and the statuses follow at once.
  await clickItem(page, 'filter');
  await page.keyboard.type('sta');
  await waitForRect(page, 'status:##filter-row-0');
  await waitForNoRect(page, 'filter-row-1');
  await screenshot(page, 'filter-autocomplete-field');
  await page.keyboard.press('Tab');
  await waitForRect(page, 'open##filter-row-0');
  await waitForRect(page, 'in_progress');  // a status id, with its name beside it
  await screenshot(page, 'filter-autocomplete-values');
  await page.evaluate(() => window.tackboard.setTheme('dark'));
  await page.waitForTimeout(200);
  await screenshot(page, 'filter-autocomplete-values-dark');
  await page.evaluate(() => window.tackboard.setTheme('light'));
  // While "status:" has no value the error is there (under the list), the board unfiltered.
  await waitForRect(page, "column 8: expected a value after 'status:'");
  // Typing narrows the list; Enter takes the highlighted value and the board is filtered.
  await page.keyboard.type('tri');
  await waitForRect(page, 'triage##filter-row-0');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'VPN drops every hour');
  await waitForRect(page, 'Printer waits in triage');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'status:triage ', null, 'the route');
  await waitForNoRect(page, 'filter-row-0');  // after a value and its space: no list
  assert.equal(await routeQuery(page), 'status:triage');

  // The arrow keys move the highlight: prio: offers urgent, high, normal, low.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('prio:');
  await waitForRect(page, 'urgent##filter-row-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');  // the second row
  await waitForNoRect(page, 'Printer waits in triage');
  await waitFor(page, () => location.hash.includes('prio%3Ahigh'), null, 'prio:high applied');
  assert.equal(await routeQuery(page), 'prio:high');

  // Esc closes the list and keeps what was typed: the field does not revert.
  await page.keyboard.type('is:');
  await waitForRect(page, 'overdue##filter-row-0');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'filter-row-0');
  await waitForRect(page, "column 14: expected a value after 'is:'");
  // Typing again opens it again; a click takes any row.
  await page.keyboard.type('o');
  await waitForRect(page, 'overdue##filter-row-0');
  await clickItem(page, 'open##filter-row-1');
  await waitFor(page, () => location.hash.includes('is%3Aopen'), null, 'is:open applied');
  assert.equal(await routeQuery(page), 'prio:high is:open');
  // The field takes the keyboard back (a frame after the click): typing goes on after the value.
  await page.waitForTimeout(200);
  await page.keyboard.type('vpn');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'prio:high is:open vpn', null,
                'typing after a clicked suggestion');
  await waitForRect(page, 'VPN drops every hour');
  assert.deepEqual(errors, []);
  await page.close();
});

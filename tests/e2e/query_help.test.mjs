// The query language's help (src/ui/query_help.cpp): the filter bar's "?" button opens a
// popup of clickable examples; a mouse click on one puts it in the filter, the board
// filters and the popup closes. The command palette's "Query help" opens it too, and it
// fits a phone's screen without covering the filter field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

// The filter the URL's hash holds (the app writes the applied filter there).
const routeQuery = (page) => page.evaluate(() => (new URLSearchParams(location.hash.slice(1)).get('q') || '').trim());
const exampleLabels = (page) => page.evaluate(async () => (await window.tackboard.uiLabels('')).filter((l) => l.includes('##query-example-')));

async function createTickets(page) {
  await page.evaluate(async () => {
    await window.tackboard.createTicket({ title: 'Server room is too hot', priority: 'urgent' });
    await window.tackboard.createTicket({ title: 'VPN drops every hour', priority: 'high' });
    await window.tackboard.createTicket({ title: 'Cheap watches for sale', priority: 'high', labels: ['spam'] });
    await window.tackboard.createTicket({ title: 'Printer needs toner', priority: 'low' });
  });
  await waitForRect(page, 'Printer needs toner');
}

// Every example's rectangle lies inside the viewport and below the filter field.
async function checkPopupFits(page, viewport) {
  const field = await waitForRect(page, 'filter');
  const labels = await exampleLabels(page);
  assert.ok(labels.length >= 8, `examples shown: ${labels.join(', ')}`);
  for (const label of labels) {
    const r = await waitForRect(page, label);
    assert.ok(r.x >= 0 && r.x + r.width <= viewport.width + 0.5, `${label} at ${JSON.stringify(r)} is off the screen`);
    assert.ok(r.y >= field.y + field.height, `${label} at y ${r.y} covers the filter field (bottom ${field.y + field.height})`);
  }
  return labels;
}

test('the ? button opens the examples; a click on one filters the board and closes the popup', async () => {
  const viewport = { width: 1400, height: 800 };
  const page = await fixture.browser.newPage({ viewport });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await createTickets(page);

  // The button sits right of the filter field, on its row.
  const field = await waitForRect(page, 'filter');
  const button = await clickItem(page, 'filter-help');
  assert.ok(button.x >= field.x + field.width && Math.abs(button.y - field.y) < 4, `the button at ${JSON.stringify(button)}`);
  await waitForRect(page, 'query-help-heading');
  const labels = await checkPopupFits(page, viewport);
  assert.ok(labels.includes('prio:>=high -label:spam##query-example-1'), labels.join(', '));
  await waitForRect(page, 'is:overdue');  // found by the visible query too
  await screenshot(page, 'query-help-en');

  // A real click on the priority example: the filter holds it, the board is filtered.
  await clickItem(page, 'query-example-1');
  await waitForNoRect(page, 'query-help-heading');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'prio:>=high -label:spam', null,
                'the example in the route');
  await waitForNoRect(page, 'Printer needs toner');
  await waitForNoRect(page, 'Cheap watches for sale');
  await waitForRect(page, 'Server room is too hot');
  await waitForRect(page, 'VPN drops every hour');
  await waitForRect(page, '2 of 4 tickets##filter-summary');
  assert.deepEqual(await exampleLabels(page), []);

  // Esc closes it without touching the filter; so does a click outside.
  await clickItem(page, 'filter-help');
  await waitForRect(page, 'query-help-heading');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'query-help-heading');
  await clickItem(page, 'filter-help');
  await waitForRect(page, 'query-help-heading');
  await page.mouse.click(20, viewport.height - 20);
  await waitForNoRect(page, 'query-help-heading');
  assert.equal(await routeQuery(page), 'prio:>=high -label:spam');

  // In French the explanations are translated, the queries are not.
  await page.evaluate(() => window.tackboard.setLanguage('fr'));
  await clickItem(page, 'filter-help');
  await waitForRect(page, 'query-help-heading');
  await waitForRect(page, 'Fermer');
  await checkPopupFits(page, viewport);
  await waitForRect(page, 'status:open assignee:me');
  await screenshot(page, 'query-help-fr');
  await clickItem(page, 'Close##query-help');
  await waitForNoRect(page, 'query-help-heading');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the command palette opens the query help; an example clicked from there applies', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await createTickets(page);
  await page.mouse.click(700, 600);  // the canvas has the keyboard
  await page.keyboard.press('Control+k');
  await waitForRect(page, 'palette-input');
  await page.keyboard.type('query help');
  await waitForRect(page, 'Query help##palette-query-help');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'palette-input');
  await waitForRect(page, 'query-help-heading');
  await clickItem(page, 'type:bug is:unassigned##query-example-2');
  await waitForNoRect(page, 'query-help-heading');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'type:bug is:unassigned', null,
                'the example in the route');
  await waitForNoRect(page, 'VPN drops every hour');  // created as support requests
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone the button stays beside the field and the popup fits the screen', async () => {
  const PHONE = { viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true };
  const context = await fixture.browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await createTickets(page);
  const field = await waitForRect(page, 'filter');
  const button = await waitForRect(page, 'filter-help');
  assert.ok(button.x >= field.x + field.width, `the button at ${JSON.stringify(button)} overlaps the field`);
  assert.ok(button.x + button.width <= PHONE.viewport.width, `the button at ${JSON.stringify(button)} is off the screen`);
  const tap = async (label) => {
    const r = await waitForRect(page, label);
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
  };
  await tap('filter-help');
  await waitForRect(page, 'query-help-heading');
  await checkPopupFits(page, PHONE.viewport);
  await screenshot(page, 'query-help-phone-en');
  await page.evaluate(() => window.tackboard.setLanguage('fr'));
  await page.waitForTimeout(300);
  await checkPopupFits(page, PHONE.viewport);
  await screenshot(page, 'query-help-phone-fr');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await page.waitForTimeout(300);  // laid out in English again: the rectangles moved
  await tap('is:overdue');
  await waitForNoRect(page, 'query-help-heading');
  await waitFor(page, () => new URLSearchParams(location.hash.slice(1)).get('q') === 'is:overdue', null, 'is:overdue applied');
  await waitForNoRect(page, 'Printer needs toner');
  assert.deepEqual(errors, []);
  await context.close();
});

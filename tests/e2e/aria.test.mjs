// Screen readers: the canvas is opaque to them, so a visually hidden ARIA live region
// (#live) tells, in words, the selected ticket and where it is, whenever that changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, waitFor, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const liveText = (page) => page.evaluate(() => document.getElementById('live').textContent);
const waitForLive = (page, pattern, what) =>
  waitFor(page, (source) => new RegExp(source).test(document.getElementById('live').textContent), pattern.source,
          `the live region to say ${what}`);

test('the live region describes the selected ticket after clicks, j/k and opening', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  // A polite status region that screen readers read but nobody sees.
  const region = await page.evaluate(() => {
    const live = document.getElementById('live');
    const style = getComputedStyle(live);
    const box = live.getBoundingClientRect();
    return { role: live.getAttribute('role'), polite: live.getAttribute('aria-live'), display: style.display,
             visibility: style.visibility, area: box.width * box.height };
  });
  assert.deepEqual(region, { role: 'status', polite: 'polite', display: 'block', visibility: 'visible', area: 1 });
  assert.equal(await liveText(page), '', 'nothing selected yet');

  await page.evaluate(() => window.tackboard.createTicket({ title: 'Printer jams', priority: 'high', assignee: 'ana' }));
  await page.evaluate(() => window.tackboard.createTicket({ title: 'VPN drops', priority: 'low' }));
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Laptop request', status: 'in_progress',
                                                               priority: 'urgent', assignee: 'bo' }));
  await waitForRect(page, 'Laptop request');
  await clickItem(page, 'column:Waiting');  // the board has the keyboard, nothing selected
  await page.keyboard.press('j');           // the first card of the board: newest of New
  await waitForLive(page, /VPN drops/, 'the card j selected');
  assert.match(await liveText(page), /^Selected ticket: VPN drops\. Status New, priority Low, unassigned\. Column New, card 1 of 2\.$/);
  await page.keyboard.press('j');
  await waitForLive(page, /Printer jams/, 'the next card');
  assert.match(await liveText(page), /priority High, assigned to ana\. Column New, card 2 of 2\./);
  await page.keyboard.press('k');
  await waitForLive(page, /VPN drops/, 'the previous card');
  await page.keyboard.press('Enter');
  await waitForLive(page, /^Open ticket: VPN drops\./, 'the opened ticket');
  await clickItem(page, 'Close panel');
  await waitForLive(page, /^Selected ticket: VPN drops\./, 'the closed panel');

  await clickItem(page, 'Laptop request');
  await waitForLive(page, /Laptop request/, 'the clicked ticket');
  const clicked = await liveText(page);
  assert.match(clicked, /^Open ticket: Laptop request\./, 'a click opens the ticket');
  assert.match(clicked, /Status In progress/);
  assert.match(clicked, /priority Urgent/);
  assert.match(clicked, /assigned to bo/);
  assert.match(clicked, /Column In progress, card 1 of 1/);
  // A change to the selected ticket is told too.
  const id = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('ticket'));
  await page.evaluate((i) => window.tackboard.updateTicket(i, { status: 'waiting' }), id);
  await waitForLive(page, /Status Waiting, priority Urgent, assigned to bo\. Column Waiting, card 1 of 1\./, 'the new status');
  await page.close();
});

// Links between tickets from the ticket panel: pick a kind, search by words or by id, take
// a ticket with the keyboard or a click; the link is kept on both tickets, opens the other
// ticket when clicked, and adding or removing it is one undo step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const links = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i).then((t) => t.links || []), id);
async function waitForLinks(page, id, expected, what) {
  await waitFor(page, ([i, e]) => window.tackboard.getTicket(i).then((t) => JSON.stringify(t.links || []) === e),
                [id, JSON.stringify(expected)], what);
}

test('a link is added by search, kept on both tickets, opened by a click, removed, and undone', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const [printer, toner, vpn] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'Printer offline on floor 2', priority: 'high' }),
    await window.tackboard.createTicket({ title: 'Toner empty on floor 2', status: 'triage' }),
    await window.tackboard.createTicket({ title: 'VPN drops every hour' }),
  ]);
  await clickItem(page, 'Toner empty on floor 2');
  await waitForRect(page, 'ticket-panel');

  // "blocks", then words: the matches are listed as they are typed; Enter takes the first.
  await clickItem(page, 'link-kind');
  await clickItem(page, 'link-kind-blocks');
  await clickItem(page, 'link-search');
  await page.keyboard.type('printer');
  await waitForRect(page, 'link-search-row-0');
  await waitForNoRect(page, 'link-search-row-1');  // the ticket itself is never offered
  await screenshot(page, 'links-search');
  await page.keyboard.press('Enter');
  await waitForLinks(page, toner, [{ kind: 'blocks', target: printer }], 'the link on the ticket');
  assert.deepEqual(await links(page, printer), [{ kind: 'blocked_by', target: toner }], 'and on the other one');
  await waitForRect(page, `link-blocks-${printer}`);

  // By its short id, "#" and the id's last five characters; a click takes it.
  await page.keyboard.type('#' + vpn.slice(-5).toLowerCase());
  await waitForRect(page, 'link-search-row-0');
  await screenshot(page, 'links-search-by-id');
  await page.mouse.move(5, 5);
  await clickItem(page, 'link-search-row-0');
  await waitForLinks(page, toner, [{ kind: 'blocks', target: printer }, { kind: 'blocks', target: vpn }], 'the second link');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(200);
  await screenshot(page, 'links-panel');
  await page.evaluate(() => window.tackboard.setTheme('dark'));
  await page.waitForTimeout(200);
  await screenshot(page, 'links-panel-dark');
  await page.evaluate(() => window.tackboard.setTheme('light'));

  // Undo takes the last link off both tickets.
  await clickItem(page, 'Undo');
  await waitForLinks(page, toner, [{ kind: 'blocks', target: printer }], 'the undo');
  assert.deepEqual(await links(page, vpn), []);
  await waitForNoRect(page, `link-blocks-${vpn}`);

  // A linked ticket opens with a click; its side of the link is listed there.
  await clickItem(page, `link-blocks-${printer}`);
  await waitForRect(page, `link-blocked_by-${toner}`);
  // × removes the link from both; Undo brings it back.
  await clickItem(page, `unlink-blocked_by-${toner}`);
  await waitForLinks(page, printer, [], 'the link removed');
  assert.deepEqual(await links(page, toner), []);
  await clickItem(page, 'Undo');
  await waitForLinks(page, printer, [{ kind: 'blocked_by', target: toner }], 'the removal undone');
  assert.deepEqual(await links(page, toner), [{ kind: 'blocks', target: printer }]);

  // A link the model refuses (a circle) is explained in the panel.
  await clickItem(page, 'link-kind');
  await clickItem(page, 'link-kind-blocks');
  await clickItem(page, 'link-search');
  await page.keyboard.type('toner');
  await waitForRect(page, 'link-search-row-0');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'This link would make a circle (blocks)');
  assert.deepEqual(errors, []);
  await page.close();
});

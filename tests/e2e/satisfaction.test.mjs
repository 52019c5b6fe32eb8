// Satisfaction: on a resolved ticket's panel, the requester's score (1-5) and what they
// said are recorded together, as one undoable change; open tickets do not offer it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

test('a resolved ticket records the requester\'s score and words in one step; undo takes both back', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const open = await page.evaluate(() => window.tackboard.createTicket({ title: 'Still open', requester: 'Bo' }));
  const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'VPN fixed', requester: 'Ana' }));
  await page.evaluate((i) => window.tackboard.updateTicket(i, { status: 'resolved' }), id);

  await clickItem(page, 'Still open');
  await waitFor(page, (i) => new URLSearchParams(location.hash.slice(1)).get('ticket') === i, open, 'the open ticket');
  await waitForNoRect(page, 'rating-4');  // nothing to rate before it is resolved

  // Resolved is off to the right while a panel is open: a link opens it.
  await page.evaluate((i) => { location.hash = 'ticket=' + i; }, id);
  await waitFor(page, (i) => new URLSearchParams(location.hash.slice(1)).get('ticket') === i, id, 'the resolved ticket');
  await clickItem(page, 'rating-4');
  await clickItem(page, 'rating-comment');
  await page.keyboard.type('Quick and kind');
  await screenshot(page, 'satisfaction');
  await clickItem(page, 'Record##rating');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.satisfaction === 4), id, 'the score');
  const rated = await page.evaluate((i) => window.tackboard.getTicket(i), id);
  const said = rated.comments.at(-1);
  assert.equal(said.author, 'Ana');
  assert.equal(said.body, 'Quick and kind');
  assert.equal(said.internal ?? false, false);

  await page.keyboard.press('Escape');  // the panel keeps nothing typed; the board has the keyboard
  await page.keyboard.press('Control+z');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => !t.satisfaction && !(t.comments || []).length), id,
                'score and words undone together');
  assert.deepEqual(errors, []);
  await page.close();
});

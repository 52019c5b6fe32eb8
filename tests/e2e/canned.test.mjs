// Canned answers: the "Canned answer" combo above the ticket panel's comment box and the
// palette's "Insert canned answer: …" commands put the expanded response (placeholders
// filled, in the UI's language) into the comment, which is then posted as usual.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);

async function postComment(page, id, count) {
  await clickItem(page, 'Comment##panel');
  await waitFor(page, ([i, n]) => window.tackboard.getTicket(i).then((t) => (t.comments || []).length === n), [id, count],
                `comment ${count} to be posted`);
  return (await ticket(page, id)).comments[count - 1].body;
}

test('a canned answer is inserted from the panel combo and from the palette, in the UI language', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Printer jams on floor 3', requester: 'Ana' }));
  await clickItem(page, 'Printer jams on floor 3');
  await waitForRect(page, 'Edit ticket');

  // From the combo, in English.
  await clickItem(page, 'canned-answer');
  await waitForRect(page, 'Please send more details');
  await page.waitForTimeout(100);
  await screenshot(page, 'canned-combo-open');
  await clickItem(page, 'Please send more details');
  await waitForNoRect(page, 'Please send more details');
  const english = await postComment(page, id, 1);
  assert.match(english, /^Hello Ana,/);
  assert.match(english, /"Printer jams on floor 3"/);
  assert.match(english, /\nme$/, 'signed by the agent');
  assert.doesNotMatch(english, /[{}]/, 'no placeholder left');

  // From the palette, in French: the French body.
  await page.evaluate(() => window.tackboard.setLanguage('fr'));
  await page.keyboard.press('Control+k');
  await waitForRect(page, 'palette-input');
  await page.keyboard.type('reponse type details');  // "Insérer la réponse type : Please send more details"
  await waitForRect(page, 'palette-canned-more-details');
  await screenshot(page, 'canned-palette-fr');
  await page.keyboard.press('Enter');
  await waitForNoRect(page, 'palette-input');
  const french = await postComment(page, id, 2);
  assert.match(french, /^Bonjour Ana,/);
  assert.match(french, /« Printer jams on floor 3 »/);
  assert.match(french, /quelques précisions/);
  assert.doesNotMatch(french, /[{}]/);
  assert.doesNotMatch(french, /Hello/, 'the comment box was emptied by the first post');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await page.close();
});

test('without an open ticket the palette offers canned answers disabled', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await page.keyboard.press('Control+k');
  await waitForRect(page, 'palette-input');
  await page.keyboard.type('canned password');
  await waitForRect(page, 'palette-canned-password-reset');
  await page.keyboard.press('Enter');  // a disabled command does not run; the palette stays
  await page.waitForTimeout(200);
  await waitForRect(page, 'palette-input');
  await page.keyboard.press('Escape');
  await page.close();
});

// Manual order within a column: dragging a card up or down its column, or to a place in
// another column, keeps that order (persisted, undoable); the drop line shows where a
// card will land while it is dragged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cardsTopToBottom, decodePng, dragCardTo, openBoard, screenshot, waitFor, waitForRect, watchErrors,
  withServerAndBrowser,
} from './helpers.mjs';

// Creates tickets one after the other (the newest is on top of its column); returns their ids.
async function createTickets(page, tickets) {
  const ids = [];
  for (const t of tickets) ids.push(await page.evaluate((fields) => window.tackboard.createTicket(fields), t));
  return ids;
}

// Waits until the card `a` is drawn above the card `b`.
function waitAbove(page, a, b) {
  return waitFor(page, async ([x, y]) => {
    const [rx, ry] = await Promise.all([window.tackboard.uiRect(x), window.tackboard.uiRect(y)]);
    return !!(rx && ry && rx.y < ry.y);
  }, [a, b], `${a} above ${b}`);
}

const statusOf = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i).then((t) => t.status), id);

describe('manual order', () => {
  const fixture = withServerAndBrowser();

  test('a card dragged down its column stays there, also after a reload', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    const [, , third] = await createTickets(page, [{ title: 'Alpha printer' }, { title: 'Bravo mailbox' },
                                                   { title: 'Charlie VPN' }]);
    const titles = ['Alpha printer', 'Bravo mailbox', 'Charlie VPN'];
    assert.deepEqual(await cardsTopToBottom(page, titles), ['Charlie VPN', 'Bravo mailbox', 'Alpha printer']);

    // Onto the lower half of the last card: below it.
    const last = await waitForRect(page, 'Alpha printer');
    await dragCardTo(page, 'Charlie VPN', last.x + last.width / 2, last.y + last.height * 0.8);
    await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => !!t.rank), third, 'a rank on the moved card');
    assert.deepEqual(await cardsTopToBottom(page, titles), ['Bravo mailbox', 'Alpha printer', 'Charlie VPN']);
    assert.equal(await statusOf(page, third), 'new');

    // Up again, between the two others.
    const top = await waitForRect(page, 'Bravo mailbox');
    await dragCardTo(page, 'Charlie VPN', top.x + top.width / 2, top.y + top.height + 2);
    await waitAbove(page, 'Charlie VPN', 'Alpha printer');
    assert.deepEqual(await cardsTopToBottom(page, titles), ['Bravo mailbox', 'Charlie VPN', 'Alpha printer']);

    await page.evaluate(() => window.tackboard.flush());
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    assert.deepEqual(await cardsTopToBottom(page, titles), ['Bravo mailbox', 'Charlie VPN', 'Alpha printer']);
    await screenshot(page, 'order-after-reload');

    // A move undone with Ctrl+Z puts the card back where it was.
    await dragCardTo(page, 'Alpha printer', top.x + top.width / 2, top.y + 4);
    await waitAbove(page, 'Alpha printer', 'Bravo mailbox');
    await page.keyboard.press('Control+z');
    await waitAbove(page, 'Charlie VPN', 'Alpha printer');
    assert.deepEqual(await cardsTopToBottom(page, titles), ['Bravo mailbox', 'Charlie VPN', 'Alpha printer']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a card dropped between two cards of another column lands between them', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const [first, second, moved] = await createTickets(page, [
      { title: 'Delta toner', status: 'triage' }, { title: 'Echo laptop', status: 'triage' }, { title: 'Foxtrot wifi' }]);
    assert.deepEqual(await cardsTopToBottom(page, ['Delta toner', 'Echo laptop']), ['Echo laptop', 'Delta toner']);
    const upper = await waitForRect(page, 'Echo laptop');
    const lower = await waitForRect(page, 'Delta toner');
    await dragCardTo(page, 'Foxtrot wifi', upper.x + upper.width / 2, (upper.y + upper.height + lower.y) / 2);
    await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'triage'), moved, 'the move');
    assert.deepEqual(await cardsTopToBottom(page, ['Delta toner', 'Echo laptop', 'Foxtrot wifi']),
                     ['Echo laptop', 'Foxtrot wifi', 'Delta toner']);
    // Only the moved card changed: the two others keep no rank of their own.
    for (const id of [first, second]) assert.equal((await page.evaluate((i) => window.tackboard.getTicket(i), id)).rank,
                                                   undefined);
    await page.close();
  });

  test('while a card is dragged a line shows where it will land', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    await createTickets(page, [{ title: 'Golf scanner', status: 'triage' }, { title: 'Hotel badge', status: 'triage' },
                               { title: 'India phone' }]);
    const upper = await waitForRect(page, 'Hotel badge');
    const lower = await waitForRect(page, 'Golf scanner');
    const gapY = (upper.y + upper.height + lower.y) / 2;
    await dragCardTo(page, 'India phone', upper.x + upper.width / 2, gapY, { release: false });
    const file = await screenshot(page, 'order-drop-line');
    // The accent-coloured line spans the column in the gap between the two cards.
    const strip = { x: upper.x, y: Math.round(gapY) - 6, width: upper.width, height: 12 };
    const { channels, pixels, width, height } = decodePng(await page.screenshot({ clip: strip }));
    let blueRows = 0;
    for (let y = 0; y < height; ++y) {
      let blue = 0;
      for (let x = 0; x < width; ++x) {
        const i = (y * width + x) * channels;
        if (pixels[i + 2] > 200 && pixels[i] < 120 && pixels[i + 1] < 190) ++blue;
      }
      if (blue > width * 0.8) ++blueRows;
    }
    assert.ok(blueRows >= 2, `a line across the gap (${blueRows} rows of accent colour; see ${file})`);
    await page.mouse.up();
    await page.close();
  });
});

describe('keyboard scrolling', () => {
  const fixture = withServerAndBrowser();

  test('j and k scroll the board so the selected card stays in view', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const titles = [];
    for (let i = 0; i < 30; i++) titles.push(`Scroll card ${String(i).padStart(2, '0')}`);
    await createTickets(page, titles.map((title) => ({ title })));
    const column = await waitForRect(page, 'column:New');
    // Newest first: "Scroll card 29" on top, "Scroll card 00" at the bottom, far below the fold.
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('Scroll card 00')), null, 'not drawn at first');
    await page.mouse.click(column.x + column.width / 2, column.y + column.height + 30);  // the canvas has the keyboard
    // More presses than cards: past the last card (or the first) a press changes nothing.
    // The app draws the presses a few frames later: wait for the card to be whole on screen.
    const whole = (title) => waitFor(page, ([t, c]) => window.tackboard.uiRect(t).then((r) =>
      !!r && r.height > 80 && r.y >= c.y && r.y + r.height <= c.y + c.height + 1), [title, column], `${title} whole in view`);
    for (let i = 0; i < 32; i++) await page.keyboard.press('j');
    await whole('Scroll card 00');
    for (let i = 0; i < 32; i++) await page.keyboard.press('k');
    await whole('Scroll card 29');
    await page.close();
  });
});

// The UI language: English by default, switched on the canvas (the toolbar's language
// menu, or the command palette), remembered after a reload; a French browser starts in
// French. Screenshots of the board, the ticket panel and the list in all four languages
// are kept in build/test-artifacts/language-*.png for a look.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const DAY = 24 * 3600 * 1000;
const language = (page) => page.evaluate(() => window.tackboard.language());

// A small board: tickets in several columns, with people, labels, a due date and comments.
async function seed(page) {
  const ids = await page.evaluate((day) => Promise.all([
    window.tackboard.createTicket({ title: 'Printer on floor 3 jams', priority: 'high', assignee: 'amira',
                                    requester: 'jonas', labels: ['hardware'], due: Date.now() + 3 * day }),
    window.tackboard.createTicket({ title: 'VPN drops every hour', type: 'incident', status: 'triage', priority: 'urgent',
                                    'fields.impact': 'Everyone' }),
    window.tackboard.createTicket({ title: 'Imprimante en panne à Lyon', status: 'in_progress', assignee: 'léa' }),
    window.tackboard.createTicket({ title: 'Skrivaren i Göteborg', status: 'waiting', requester: 'Åsa' }),
    window.tackboard.createTicket({ title: '服务器宕机了', status: 'resolved', priority: 'low' }),
  ]), DAY);
  await page.evaluate((id) => window.tackboard.execute({
    op: 'comment', id, comment: { body: 'Replaced the drum; watching it.', internal: true } }), ids[0]);
  return ids;
}

// The board, the open ticket's panel, and the list, each photographed.
async function photograph(page, code) {
  await clickItem(page, 'Printer on floor 3 jams');
  await waitForRect(page, 'ticket-panel');
  await page.waitForTimeout(200);
  await screenshot(page, `language-${code}-board-panel`);
  await clickItem(page, 'Close panel');
  await waitForNoRect(page, 'ticket-panel');
  await clickItem(page, 'List##view');
  await waitForRect(page, 'row Printer on floor 3 jams');
  await page.waitForTimeout(200);
  await screenshot(page, `language-${code}-list`);
  await clickItem(page, 'Board##view');
  await waitForRect(page, 'column:New');
  await clickItem(page, 'New ticket');
  await waitForRect(page, 'new-title');
  await page.waitForTimeout(200);
  await screenshot(page, `language-${code}-new-ticket`);
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'new-title');
}

async function noMissingGlyphs(page) {
  await page.waitForTimeout(200);  // the atlas is rebuilt before the next frame
  const stats = await page.evaluate(() => window.tackboard.frameStats());
  assert.deepEqual(stats.missingGlyphs, [], 'every Chinese character of the UI and the board is rasterised');
}

describe('UI language', () => {
  const fixture = withServerAndBrowser();

  test('starts in English, switches to Chinese on the canvas, stays Chinese after a reload', async () => {
    const context = await fixture.browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    assert.equal(await language(page), 'en');
    await seed(page);
    await waitForRect(page, 'Printer on floor 3 jams');
    await photograph(page, 'en');
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('新建工单')), null, 'nothing is Chinese yet');

    // The toolbar's language menu, clicked like a person would.
    await clickItem(page, 'language');
    await waitForRect(page, 'lang-zh');
    await screenshot(page, 'language-menu');
    await clickItem(page, 'lang-zh');
    await waitFor(page, () => window.tackboard.language() === 'zh', undefined, 'the language to become Chinese');
    await waitForRect(page, '新建工单');  // the toolbar's button, drawn in Chinese
    await waitForRect(page, '5 个工单');  // the count in the toolbar
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh');
    await noMissingGlyphs(page);
    // English labels still find the items (tests and tools need not know the language).
    await waitForRect(page, 'New ticket');
    await photograph(page, 'zh');

    await page.evaluate(() => window.tackboard.flush());
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    assert.equal(await language(page), 'zh', 'the choice is remembered');
    await waitForRect(page, '新建工单');
    await noMissingGlyphs(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a French browser starts in French; the palette switches to Swedish; setLanguage', async () => {
    const context = await fixture.browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    assert.equal(await language(page), 'fr');
    await waitForRect(page, 'Nouveau ticket');
    await seed(page);
    await waitForRect(page, '5 tickets');  // the count in the toolbar
    await photograph(page, 'fr');

    // The command palette finds the language by its own name.
    await clickItem(page, 'palette');
    await waitForRect(page, 'palette-input');
    await page.keyboard.type('svenska');
    await waitForRect(page, 'palette-language-sv');
    await page.keyboard.press('Enter');
    await waitFor(page, () => window.tackboard.language() === 'sv', undefined, 'the language to become Swedish');
    await waitForRect(page, 'Nytt ärende');
    await waitForRect(page, '5 ärenden');
    await waitForNoRect(page, 'Nouveau ticket');
    await photograph(page, 'sv');

    await assert.rejects(page.evaluate(() => window.tackboard.setLanguage('de')), /speaks en, fr, sv, zh/);
    assert.equal(await page.evaluate(() => window.tackboard.setLanguage('en-GB')), 'en');
    await waitForRect(page, '5 tickets');
    await waitForNoRect(page, 'Nytt ärende');
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    assert.equal(await language(page), 'en', 'a choice made through the API is remembered too');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

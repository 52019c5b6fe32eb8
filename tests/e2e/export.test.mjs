// Taking the board out as a file: the Export button, and "Export now" when the browser
// refuses to store changes (the edits are kept in the tab and can be saved as a file).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

async function downloaded(page, label, extension) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), clickItem(page, label)]);
  assert.match(download.suggestedFilename(), new RegExp(`^tackboard-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
  return readFileSync(await download.path(), 'utf8');
}
const downloadedJson = async (page, label) => JSON.parse(await downloaded(page, label, 'json'));

test('Export downloads the whole board as Tackboard JSON', async () => {
  const context = await fixture.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Exported ticket — exporté', priority: 'high' }));
  await clickItem(page, 'Export');
  const board = await downloadedJson(page, 'export-json');
  assert.equal(board.format, 'tackboard');
  assert.equal(board.tickets.length, 1);
  assert.equal(board.tickets[0].title, 'Exported ticket — exporté');
  assert.equal(board.config.statuses.length, 6);

  // The same menu offers CSV for spreadsheets; it reads back through the CSV import.
  await clickItem(page, 'Export');
  const csv = await downloaded(page, 'export-csv', 'csv');
  assert.match(csv, /^Id,Type,Title,/);
  assert.match(csv, /,Exported ticket — exporté,.*,High,/);
  const preview = await page.evaluate((text) => window.tackboard.previewImport(text, 'csv'), csv);
  assert.equal(preview.skipped.length, 1);
  assert.match(preview.skipped[0].reason, /already on this board/);
  await context.close();
});

test('when storage refuses to save, the user is told why and can export now', async () => {
  const context = await fixture.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  // The browser's storage is full from now on.
  await page.evaluate(() => {
    const original = FS.syncfs;
    FS.syncfs = (populate, callback) => (populate ? original(populate, callback)
      : setTimeout(() => callback(new DOMException('The quota has been exceeded.', 'QuotaExceededError')), 0));
  });
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Kept in the tab' }));
  const rejected = await page.evaluate(() => window.tackboard.flush().then(() => 'saved', (e) => e.message));
  assert.match(rejected, /storage is full/);
  await waitForRect(page, 'Not saved: the browser storage is full');
  await screenshot(page, 'save-failed');
  const board = await downloadedJson(page, 'Export now');
  assert.equal(board.tickets[0].title, 'Kept in the tab');
  await context.close();
});

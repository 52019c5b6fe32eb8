// Importing files: through the Import button and the browser's file chooser (preview,
// mapping, skipped records, apply, undo), through window.tackboard for each format, and
// refusals that leave the board unchanged.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  artifacts, clickItem, openBoard, screenshot, waitFor, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fixture = withServerAndBrowser();

async function freshBoard() {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  return { page, errors };
}

const exportBoard = (page) => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()));
const liveTitles = async (page) => (await exportBoard(page)).tickets.filter((t) => !t.deleted).map((t) => t.title);

// Clicks Import on the canvas and gives the file chooser that opens the file at `file`.
async function chooseFile(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await clickItem(page, 'Import');
  await (await chooser).setFiles(file);
}

test('a Trello board is previewed, imported with a click, and undone', async () => {
  const { page, errors } = await freshBoard();
  await chooseFile(page, path.join(fixtures, 'trello-board.json'));
  await waitForRect(page, 'import-apply', 10000);
  // The preview names how lists map onto columns and why cards are left out.
  await waitForRect(page, 'map status: Inbox -> Inbox  (new)');
  await waitForRect(page, 'import-summary');
  await screenshot(page, 'import-preview-trello');
  assert.deepEqual(await liveTitles(page), [], 'the preview changes nothing');

  await clickItem(page, 'import-apply');
  await waitForRect(page, 'import-result', 10000);
  await clickItem(page, 'import-close');
  await waitForRect(page, 'Printer jam on 2nd floor');
  const titles = await liveTitles(page);
  assert.ok(titles.includes('Reset password for 张伟'), titles.join(', '));
  assert.ok(!titles.includes('Old laptop disposal'), 'archived cards stay out');
  const board = await exportBoard(page);
  assert.ok(board.config.statuses.some((s) => s.name === 'Inbox'));
  await screenshot(page, 'import-done-trello');

  await page.keyboard.press('Control+z');
  await waitFor(page, () => window.tackboard.exportJson().then((t) => JSON.parse(t).tickets.every((x) => x.deleted)),
                undefined, 'the import to be undone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file that cannot be imported is refused in the dialog and nothing changes', async () => {
  const { page, errors } = await freshBoard();
  const bad = path.join(artifacts, 'not-utf8.csv');
  writeFileSync(bad, Buffer.from('Title,Status\nCaf\xe9 cr\xe8me,New\n', 'latin1'));
  await chooseFile(page, bad);
  await waitForRect(page, 'import-error', 10000);
  await screenshot(page, 'import-refused');
  await clickItem(page, 'import-close');
  assert.deepEqual(await liveTitles(page), []);
  const message = await page.evaluate((text) => window.tackboard.importCsv(text).catch((e) => e.message),
                                      '{"lists": [], "cards": []}');
  assert.match(message, /JSON, not CSV/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('GitHub issues, a Jira CSV export and a plain CSV import through window.tackboard', async () => {
  const { page, errors } = await freshBoard();
  const read = (name) => readFileSync(path.join(fixtures, name), 'utf8');
  const github = await page.evaluate((text) => window.tackboard.importJson(text), read('github-issues.json'));
  assert.equal(github.format, 'GitHub issues');
  assert.ok(github.skipped.some((s) => /pull request/.test(s.reason)), JSON.stringify(github.skipped));
  const jira = await page.evaluate((text) => window.tackboard.importCsv(text), read('jira-export.csv'));
  assert.equal(jira.format, 'Jira CSV');
  // A semicolon CSV with a byte order mark, given as bytes like a file read from disk.
  const bytes = [...readFileSync(path.join(fixtures, 'tickets.csv'))];
  const csv = await page.evaluate((b) => window.tackboard.importFile(new Uint8Array(b)), bytes);
  assert.equal(csv.format, 'CSV');
  assert.equal(csv.skipped.length, 1);

  const board = await exportBoard(page);
  assert.equal(board.tickets.length, github.tickets + jira.tickets + csv.tickets);
  const byTitle = Object.fromEntries(board.tickets.map((t) => [t.title, t]));
  assert.equal(byTitle['服务器宕机了'].priority, 'urgent');
  assert.ok(byTitle['Printer jam on 2nd floor'].comments.length >= 2);
  await waitForRect(page, '服务器宕机了');
  const stats = await page.evaluate(() => window.tackboard.frameStats());
  assert.deepEqual(stats.missingGlyphs, [], 'imported Chinese titles are drawable');

  // Exported CSV reads back into another board as the same tickets.
  const exported = await page.evaluate(() => window.tackboard.exportCsv());
  const preview = await page.evaluate((text) => window.tackboard.previewImport(text, 'csv'), exported);
  assert.equal(preview.tickets, 0, 'the same ids are already on this board');
  await screenshot(page, 'import-three-formats');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 10 MB CSV goes through the dialog: progress, preview, every row imported', async () => {
  const { page, errors } = await freshBoard();
  const rows = ['Id;Title;Description;Status;Priority;Labels'];
  for (let i = 0; i < 30000; i++) {
    rows.push(`B-${i};Badge reader ${i} refuses cards;"Door ${i % 40}: the reader blinks red; ${'details '.repeat(30)}";` +
              `${['New', 'Triage', 'In progress', 'Waiting'][i % 4]};${['Low', 'Normal', 'High'][i % 3]};access`);
  }
  const file = path.join(artifacts, 'big-import.csv');
  writeFileSync(file, rows.join('\r\n'));
  const started = Date.now();
  await chooseFile(page, file);
  // The file is checked a slice per frame: the page keeps drawing (and its Cancel button
  // answers) while the progress bar moves.
  await waitForRect(page, 'import-stop', 30000);
  const framesAtStart = (await page.evaluate(() => window.tackboard.frameStats())).frames;
  await waitFor(page, (n) => window.tackboard.frameStats().then((s) => s.frames > n + 5), framesAtStart,
                'frames drawn while the file is checked', 30000);
  assert.ok(await page.evaluate(() => window.tackboard.uiRect('import-stop')), 'still checking after 5 frames');
  await waitForRect(page, 'import-apply', 60000);
  const preview = Date.now() - started;
  await screenshot(page, 'import-preview-big');
  await clickItem(page, 'import-apply');
  await waitForRect(page, 'import-result', 60000);
  console.log(`30 000 rows (${(rows.join('\r\n').length / 1e6).toFixed(1)} MB): preview after ${preview} ms, ` +
              `imported after ${Date.now() - started} ms`);
  await clickItem(page, 'import-close');
  const count = await page.evaluate(async () => (await window.tackboard.query('label:access')).length);
  assert.equal(count, 30000);
  await waitForRect(page, 'Badge reader 29999 refuses cards');
  assert.deepEqual(errors, []);
  await page.close();
});

// Several boards in one browser, each stored apart: made, switched, renamed, deleted and
// brought back from the boards menu with real clicks; a board exported and imported as a
// new one; and the demo (?demo=1) kept apart from a visitor's own board.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, screenshot, waitFor, waitForRect, watchErrors, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

const titles = async (page) => JSON.parse(await page.evaluate(() => window.tackboard.exportJson())).tickets.map((t) => t.title);
const boards = (page) => page.evaluate(() => window.tackboard.boards());
const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());

// Clicks a menu entry that loads another page, and waits until the board there is ready.
async function clickAndLoad(page, label) {
  const loaded = page.waitForEvent('load', { timeout: 15000 });
  await clickItem(page, label);
  await loaded;
  await page.evaluate(() => window.tackboard.ready());
}

async function openMenu(page) {
  const list = await boards(page);
  const current = list.demo ? 'Demo board' : list.boards.find((b) => b.id === list.current).name || 'My board';
  await clickItem(page, 'current board: ' + current);
  await waitForRect(page, list.demo ? 'boards-leave-demo' : 'boards-new');
}

async function nameBoard(page, name) {
  await waitForRect(page, 'boards-name-field');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(name);
}

test('boards are made, switched, renamed, deleted and brought back, each with its own tickets', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => { await window.tackboard.createTicket({ title: 'On the first board' }); await window.tackboard.flush(); });

  // A new board, by clicking: the page opens it, empty.
  await openMenu(page);
  await screenshot(page, 'boards-menu');
  await clickItem(page, 'boards-new');
  await nameBoard(page, 'Support desk');
  await clickAndLoad(page, 'boards-name-ok');
  let list = await boards(page);
  const support = list.boards.find((b) => b.name === 'Support desk');
  assert.ok(support, 'the new board is listed');
  assert.equal(list.current, support.id);
  assert.match(page.url(), new RegExp('\\?board=' + support.id));
  assert.deepEqual(await titles(page), []);
  await page.evaluate(async () => { await window.tackboard.createTicket({ title: 'On the support desk' }); await window.tackboard.flush(); });
  assert.equal(await page.evaluate(() => window.tackboard.role()), 'writer');

  // Back to the first board: its tickets alone.
  await openMenu(page);
  await clickAndLoad(page, 'board-default');
  assert.deepEqual(await titles(page), ['On the first board']);

  // Renamed in place (no reload), and a taken name refused with the reason.
  await openMenu(page);
  await clickItem(page, 'boards-rename');
  await nameBoard(page, 'Helpdesk');
  await clickItem(page, 'boards-name-ok');
  await waitForRect(page, 'current board: Helpdesk');
  await openMenu(page);
  await clickItem(page, 'boards-new');
  await nameBoard(page, 'support DESK');
  await clickItem(page, 'boards-name-ok');
  await waitForRect(page, 'Another board already has this name.##boards-message');
  await screenshot(page, 'boards-name-taken');
  await clickItem(page, 'boards-name-cancel');
  assert.equal((await boards(page)).boards.length, 2);

  // Both boards open at once in two tabs: each tab writes its own.
  const second = await context.newPage();
  await openBoard(second, fixture.server.url + '?board=' + support.id);
  assert.equal(await second.evaluate(() => window.tackboard.role()), 'writer');
  assert.deepEqual(await titles(second), ['On the support desk']);
  await second.close();

  // Deleting the open board asks first, opens another, and can be undone for a while.
  await page.goto(fixture.server.url + '?board=' + support.id);
  await page.evaluate(() => window.tackboard.ready());
  await openMenu(page);
  await clickItem(page, 'boards-delete');
  await waitForRect(page, 'boards-delete-question');
  await screenshot(page, 'boards-delete-question');
  await clickAndLoad(page, 'boards-delete-confirm');
  list = await boards(page);
  assert.equal(list.current, 'default');
  assert.ok(list.boards.find((b) => b.id === support.id).deleted_at > 0);
  await waitForRect(page, 'board-deleted:' + support.id);
  await screenshot(page, 'boards-deleted-undo');
  await clickItem(page, 'Undo##boards-undo-' + support.id);
  await waitFor(page, (id) => window.tackboard.boards().then((l) => !l.boards.find((b) => b.id === id).deleted_at),
                support.id, 'the deletion to be undone');
  await openMenu(page);
  await clickAndLoad(page, 'board-' + support.id);
  assert.deepEqual(await titles(page), ['On the support desk']);

  // Deleted again and left alone: after the undo window the board and its storage are gone.
  assert.ok((await databases(page)).includes('/board-' + support.id));
  await page.evaluate((id) => window.tackboard.deleteBoard(id), support.id);
  await page.waitForEvent('load', { timeout: 15000 });
  await page.evaluate(() => window.tackboard.ready());
  const undoMs = (await boards(page)).undo_ms;
  await waitFor(page, (id) => window.tackboard.boards().then((l) => !l.boards.some((b) => b.id === id)), support.id,
                'the deleted board to be removed', undoMs + 5000);
  await waitFor(page, (name) => indexedDB.databases().then((dbs) => !dbs.some((d) => d.name === name)),
                '/board-' + support.id, 'its storage to be deleted', 5000);
  assert.deepEqual(await titles(page), ['On the first board']);
  // The only board left cannot be deleted.
  await assert.rejects(page.evaluate(() => window.tackboard.deleteBoard('default')), /only board/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a board exported and imported from the boards menu becomes a new board with everything', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => {
    const id = await window.tackboard.createTicket({ title: 'Printer jams on floor 3', priority: 'high' });
    await window.tackboard.execute({ op: 'comment', id, comment: { body: 'Tray 2 is bent.', internal: true } });
    await window.tackboard.createTicket({ title: 'VPN drops hourly' });
  });
  const exported = await page.evaluate(() => window.tackboard.exportJson());

  await openMenu(page);
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, 'boards-import');
  const loaded = page.waitForEvent('load', { timeout: 15000 });
  await (await chooser).setFiles({ name: 'Team board.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await loaded;
  await page.evaluate(() => window.tackboard.ready());
  const list = await boards(page);
  assert.equal(list.boards.find((b) => b.id === list.current).name, 'Team board');
  // The file waits in the import dialog for the user's word.
  await clickItem(page, 'import-apply');
  await waitForRect(page, 'import-result', 10000);
  await clickItem(page, 'import-close');
  const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
  assert.deepEqual(board.tickets.map((t) => t.title).sort(), ['Printer jams on floor 3', 'VPN drops hourly']);
  const printer = board.tickets.find((t) => t.title.startsWith('Printer'));
  assert.equal(printer.priority, 'high');
  assert.equal(printer.comments[0].internal, true);
  await context.close();
});

test('the demo opens in its own throwaway storage and leaves the visitor\'s board untouched', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => { await window.tackboard.createTicket({ title: 'The visitor\'s own ticket' }); await window.tackboard.flush(); });

  await openBoard(page, fixture.server.url + '?demo=1');
  await waitFor(page, () => window.tackboard.query('').then((ids) => ids.length > 100), undefined, 'the demo board', 15000);
  const demoCount = (await page.evaluate(() => window.tackboard.query(''))).length;
  assert.ok((await titles(page)).every((t) => t !== 'The visitor\'s own ticket'));
  await page.evaluate(async () => { await window.tackboard.createTicket({ title: 'Written in the demo' }); await window.tackboard.flush(); });
  assert.ok((await databases(page)).includes('/demo'));
  await waitForRect(page, 'current board: Demo board');
  await screenshot(page, 'boards-demo');
  // The demo's menu offers only to leave it; the API refuses board changes there.
  await assert.rejects(page.evaluate(() => window.tackboard.createBoard('Mine')), /demo/);

  // A new visit starts the demo afresh.
  await openBoard(page, fixture.server.url + '?demo=1');
  await waitFor(page, () => window.tackboard.query('').then((ids) => ids.length > 100), undefined, 'the demo board', 15000);
  assert.equal((await page.evaluate(() => window.tackboard.query(''))).length, demoCount);
  assert.ok(!(await titles(page)).includes('Written in the demo'));

  // Leaving by the menu: the visitor's board, exactly as it was.
  await openMenu(page);
  await clickAndLoad(page, 'boards-leave-demo');
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(await titles(page), ['The visitor\'s own ticket']);
  assert.equal((await boards(page)).boards.length, 1);
  await context.close();
});

// The first run: a board with no tickets shows the welcome (three ways to start) above its
// empty columns; "Load a demo board" fills it with the sample board, "Start empty" hides
// the welcome for good (it stays hidden after the browser restarts), "Import…" opens the
// import dialog. Screenshots of the welcome and of the demo board, in English and Chinese.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  clickItem, launchPersistent, openBoard, screenshot, tempProfile, waitFor, waitForNoRect, waitForRect, watchErrors,
  withServerAndProfile,
} from './helpers.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fixture = withServerAndProfile();

const DEMO = 'Load a demo board##welcome-demo';
const EMPTY = 'Start empty##welcome-empty';
const IMPORT = 'Import…##welcome-import';

// A browser on the profile folder `dir`.
async function open(dir) {
  const context = await launchPersistent(dir);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  return { page, errors, close: () => context.close() };
}

// The same on a fresh profile, removed when closed.
async function openFresh() {
  const profile = tempProfile();
  const session = await open(profile.dir);
  return { ...session, dir: profile.dir, async close() { await session.close(); profile.remove(); } };
}

// Waits until the item is drawn at the same place in frames 150 ms apart.
async function settled(page, label) {
  let before = await waitForRect(page, label);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await waitForRect(page, label);
    if (JSON.stringify(now) === JSON.stringify(before)) return now;
    before = now;
  }
  throw new Error(`"${label}" kept moving`);
}

const ticketCount = (page) => page.evaluate(async () => (await window.tackboard.query('')).length);

// tackboard.loadDemo once the shell offers it; until then the bridge method itself.
const loadDemo = (page) => page.evaluate(async () => {
  if (window.tackboard.loadDemo) return window.tackboard.loadDemo();
  const reply = JSON.parse(window.Module.ccall('tb_api', 'string', ['string', 'string'], ['loadDemo', 'null']));
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
});

test('a fresh board welcomes with three buttons; "Load a demo board" fills it', async () => {
  const { page, errors, close } = await open(fixture.profile.dir);
  for (const label of [DEMO, IMPORT, EMPTY]) await waitForRect(page, label);
  await waitForRect(page, 'column:New');  // the empty columns stay below the welcome
  await screenshot(page, 'welcome-en');
  await page.evaluate(() => window.tackboard.setLanguage('zh'));
  await waitForRect(page, DEMO);
  await screenshot(page, 'welcome-zh');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await settled(page, DEMO);  // the English layout (its toolbar wraps otherwise) is drawn

  await clickItem(page, DEMO);  // a real click on the canvas, where the button is drawn
  await waitFor(page, async () => (await window.tackboard.query('')).length > 0, null, 'the demo tickets', 10000);
  const count = await ticketCount(page);
  assert.ok(count >= 250 && count <= 350, `about 300 tickets, got ${count}`);
  await waitForNoRect(page, DEMO);
  await waitForNoRect(page, EMPTY);
  // Texts in the four languages, people, and some open and resolved work.
  const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
  assert.ok(board.config.members.length >= 4);
  const titles = board.tickets.map((t) => t.title).join('\n');
  assert.match(titles, /Password reset|VPN disconnects|Invoice/);
  assert.match(titles, /[\u4e00-\u9fff]/);
  assert.match(titles, /é|è|ç/);
  assert.match(titles, /å|ä|ö/);
  assert.ok(board.tickets.some((t) => t.resolved_at) && board.tickets.some((t) => !t.resolved_at));
  assert.ok(board.tickets.some((t) => t.satisfaction));
  await screenshot(page, 'demo-board-en');
  await page.evaluate(() => window.tackboard.setLanguage('zh'));
  await page.waitForTimeout(500);  // the Chinese glyphs of the new titles are rasterised
  await screenshot(page, 'demo-board-zh');
  await page.evaluate(() => window.tackboard.setLanguage('en'));

  // The board has tickets now: the API refuses to load the demo over them.
  await assert.rejects(loadDemo(page), /empty board/);
  // One undo step (Ctrl+Z) takes the whole demo out again.
  await page.keyboard.press('Control+z');
  await waitFor(page, async () => (await window.tackboard.query('')).length === 0, null, 'the demo undone', 10000);
  assert.deepEqual(errors, []);
  await close();
});

test('"Start empty" hides the welcome, also after restarting the browser', async () => {
  const profile = tempProfile();
  let session = await open(profile.dir);
  await clickItem(session.page, EMPTY);
  await waitForNoRect(session.page, DEMO);
  assert.equal(await ticketCount(session.page), 0);
  await session.page.evaluate(() => window.tackboard.flush());
  await session.close();

  session = await open(profile.dir);
  await waitForRect(session.page, 'column:New');
  await session.page.waitForTimeout(300);  // a few frames
  assert.equal(await session.page.evaluate((l) => window.tackboard.uiRect(l), DEMO), null);
  assert.equal(await session.page.evaluate((l) => window.tackboard.uiRect(l), EMPTY), null);
  assert.deepEqual(session.errors, []);
  await session.close();
  profile.remove();
});

test('"Import…" opens the import dialog', async () => {
  const session = await openFresh();
  const chooser = session.page.waitForEvent('filechooser', { timeout: 5000 });
  await clickItem(session.page, IMPORT);
  await (await chooser).setFiles(path.join(fixtures, 'trello-board.json'));
  await waitForRect(session.page, 'import-apply', 10000);
  await waitForRect(session.page, 'import-summary');
  await screenshot(session.page, 'welcome-import-preview');
  await clickItem(session.page, 'import-cancel');
  await waitForNoRect(session.page, 'import-apply');
  await waitForRect(session.page, DEMO);  // nothing imported: still welcoming
  assert.deepEqual(session.errors, []);
  await session.close();
});

test('tackboard.loadDemo fills an empty board and returns the number of tickets', async () => {
  const session = await openFresh();
  const loaded = await loadDemo(session.page);
  assert.ok(loaded >= 250 && loaded <= 350, `loaded ${loaded}`);
  assert.equal(await ticketCount(session.page), loaded);
  await waitForNoRect(session.page, DEMO);
  await assert.rejects(loadDemo(session.page), /empty board/);
  assert.deepEqual(session.errors, []);
  await session.close();
});

test('demo mode (?demo=1) loads the demo board at once, without the welcome, with a badge', async () => {
  const profile = tempProfile();
  const context = await launchPersistent(profile.dir);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url + '/?demo=1');
  await waitForRect(page, 'demo-badge');
  const count = await ticketCount(page);
  assert.ok(count >= 250 && count <= 350, `about 300 tickets, got ${count}`);
  assert.equal(await page.evaluate((l) => window.tackboard.uiRect(l), DEMO), null);
  await screenshot(page, 'demo-mode-en');
  assert.deepEqual(errors, []);
  await context.close();
  profile.remove();
});

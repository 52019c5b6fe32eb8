// A ticket created in the UI survives closing and restarting the browser (IDBFS in a
// persistent Chromium profile).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  clickItem, createTicketThroughUi, launchPersistent, openBoard, screenshot, waitForRect, withServerAndProfile,
} from './helpers.mjs';

const fixture = withServerAndProfile();

test('a ticket survives restarting the browser', async () => {
  const title = 'VPN drops every hour';
  let context = await launchPersistent(fixture.profile.dir);
  let page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  await createTicketThroughUi(page, title);
  await waitForRect(page, title);
  await page.evaluate(() => window.tackboard.flush());
  await context.close();

  context = await launchPersistent(fixture.profile.dir);
  page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  await waitForRect(page, title);
  const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
  assert.equal(board.tickets.filter((t) => t.title === title).length, 1);
  await screenshot(page, 'board-after-restart');
  await context.close();
});

test('a ticket is saved by the debounced flush alone, without calling flush()', async () => {
  const title = 'Saved without an explicit flush';
  let context = await launchPersistent(fixture.profile.dir);
  let page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate((t) => window.tackboard.createTicket({ title: t }), title);
  await waitForRect(page, 'Saving', 2000).catch(() => {});  // may already be done
  await waitForRect(page, 'Saved');
  await context.close();

  context = await launchPersistent(fixture.profile.dir);
  page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  await waitForRect(page, title);
  await context.close();
});

test('after a snapshot (compaction) the board still loads whole, with later edits', async () => {
  let context = await launchPersistent(fixture.profile.dir);
  let page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  const before = JSON.parse(await page.evaluate(() => window.tackboard.exportJson())).tickets.length;
  const id = await page.evaluate(async () => {
    for (let i = 0; i < 20; i++) await window.tackboard.createTicket({ title: `Snapshot ticket ${i}` });
    await window.tackboard.compact();
    const last = await window.tackboard.createTicket({ title: 'Made after the snapshot' });
    await window.tackboard.flush();
    return last;
  });
  await context.close();

  context = await launchPersistent(fixture.profile.dir);
  page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  const board = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
  assert.equal(board.tickets.length, before + 21);
  assert.equal((await page.evaluate((i) => window.tackboard.getTicket(i), id)).title, 'Made after the snapshot');
  assert.deepEqual(await page.evaluate(() => window.tackboard.notices()), []);
  await context.close();
});

test('a damaged snapshot is set aside, the board comes back from the previous one, and the user is told', async () => {
  let context = await launchPersistent(fixture.profile.dir);
  let page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  const { ids, damaged } = await page.evaluate(async () => {
    const made = [await window.tackboard.createTicket({ title: 'Before the first snapshot' })];
    await window.tackboard.compact();
    made.push(await window.tackboard.createTicket({ title: 'Between the snapshots' }));
    await window.tackboard.compact();
    made.push(await window.tackboard.createTicket({ title: 'After the last snapshot' }));
    // Damage the newest snapshot in storage, as a failing disk or a bad sync would.
    const path = '/data/tackboard/snapshot.bin';
    const bytes = FS.readFile(path);
    bytes[bytes.length >> 1] ^= 0xFF;
    FS.writeFile(path, bytes);
    await window.tackboard.flush();
    return { ids: made, damaged: [...bytes] };
  });
  await context.close();

  context = await launchPersistent(fixture.profile.dir);
  page = context.pages()[0] ?? await context.newPage();
  await openBoard(page, fixture.server.url);
  for (const id of ids) assert.ok(await page.evaluate((i) => window.tackboard.getTicket(i), id), `ticket ${id} is back`);
  const notices = await page.evaluate(() => window.tackboard.notices());
  assert.equal(notices.length, 1);
  assert.match(notices[0], /damaged.*quarantine\/snapshot-1\.bin.*previous snapshot was used/, 'the user is told what happened');
  await waitForRect(page, 'Dismiss');
  await screenshot(page, 'snapshot-recovered');
  // The damaged file is offered for download, byte for byte as it was found.
  const download = page.waitForEvent('download', { timeout: 5000 });
  await clickItem(page, 'Download snapshot-1.bin');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'snapshot-1.bin');
  assert.deepEqual([...readFileSync(await file.path())], damaged);
  await context.close();
});

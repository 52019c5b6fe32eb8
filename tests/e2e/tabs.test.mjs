// Two tabs of the same board: one writes, the other follows read-only and takes over
// when the first closes. No edit from either tab is lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchPersistent, openBoard, screenshot, waitFor, waitForRect, withServerAndProfile } from './helpers.mjs';

const fixture = withServerAndProfile();

test('a second tab follows the first read-only, then takes over writing when it closes', { timeout: 60000 }, async () => {
  const context = await launchPersistent(fixture.profile.dir);
  const first = context.pages()[0] ?? await context.newPage();
  await openBoard(first, fixture.server.url);
  assert.equal(await first.evaluate(() => window.tackboard.role()), 'writer');
  // Not flushed on purpose: the second tab must still see it (the writer flushes on request).
  const early = await first.evaluate(() => window.tackboard.createTicket({ title: 'Made before the second tab' }));

  const second = await context.newPage();
  await second.setViewportSize({ width: 1400, height: 800 });
  await openBoard(second, fixture.server.url);
  assert.equal(await second.evaluate(() => window.tackboard.role()), 'follower');
  assert.equal((await second.evaluate((id) => window.tackboard.getTicket(id), early)).title, 'Made before the second tab');
  const refusal = await second.evaluate(() => window.tackboard.createTicket({ title: 'x' }).then(() => 'ok', (e) => e.message));
  assert.match(refusal, /another tab/);
  const notices = await second.evaluate(() => window.tackboard.notices());
  assert.ok(notices.some((n) => /read-only/.test(n)), 'the follower says it is read-only');

  // Changes made in the first tab appear in the second within a second.
  const live = await first.evaluate(() => window.tackboard.createTicket({ title: 'Followed live' }));
  await waitFor(second, (id) => window.tackboard.getTicket(id).then(() => true, () => false), live, 'the followed ticket');
  await waitForRect(second, 'Followed live');
  await waitForRect(second, 'Read-only: open in another tab');
  await screenshot(second, 'tabs-follower');

  // The writer closes; the follower takes over and can edit.
  await first.close({ runBeforeUnload: true });
  await waitFor(second, () => window.tackboard.role() === 'writer', null, 'the takeover');
  await waitForRect(second, 'Saved');
  const late = await second.evaluate(() => window.tackboard.createTicket({ title: 'Made after the takeover' }));
  await second.evaluate(() => window.tackboard.flush());
  await context.close();

  // Everything from both tabs is stored.
  const again = await launchPersistent(fixture.profile.dir);
  const page = again.pages()[0] ?? await again.newPage();
  await openBoard(page, fixture.server.url);
  for (const id of [early, live, late]) assert.ok(await page.evaluate((i) => window.tackboard.getTicket(i), id));
  assert.equal(await page.evaluate(() => window.tackboard.role()), 'writer');
  await again.close();
});

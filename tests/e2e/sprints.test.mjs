// Sprints (#view=sprints) on a simulated clock: a sprint made by clicking (bad dates
// refused with the reason), tickets planned from a card's context menu and by a query,
// the sprint board (only its tickets), two cards dragged to Done, the sprint closed with
// the next sprint picked by clicking, its report, the unfinished tickets moved, the
// burndown's tooltip read by hovering, and the close undone in one step. Screenshots in
// English and Chinese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, dragCardToColumn, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors,
  withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const MON = Date.UTC(2026, 10, 2);  // Monday 2 November 2026, 00:00 UTC

const at = (page, ms) => page.evaluate((t) => window.tackboard.setClock(t), ms);
const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);
const sprints = (page) => page.evaluate(() => window.tackboard.sprints());
const sprintNamed = async (page, name) => (await sprints(page)).find((s) => s.name === name);

async function typeInto(page, field, text) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function tooltip(page, chart, index) {
  const r = await waitForRect(page, `chart-point:${chart}:${index}`);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await waitFor(page, (c) => window.tackboard.uiLabels(`chart-tooltip:${c}:`).then((l) => l.length > 0), chart, 'the tooltip');
  const labels = await page.evaluate((c) => window.tackboard.uiLabels(`chart-tooltip:${c}:`), chart);
  return labels[0].slice(`chart-tooltip:${chart}:`.length).split(' | ');
}

test('sprints: create, plan from a card and by query, sprint board, close into the next sprint, burndown, undo', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await at(page, MON + 9 * HOUR);
  const create = (title) => page.evaluate((t) => window.tackboard.createTicket({ title: t }), title);
  const vpn = await create('VPN down for the Lyon office');
  const printer = await create('Printer jams on floor 2');
  const laptop = await create('New laptop for Sara');
  const badge = await create('Badge reader broken');
  const mail = await create('Mail quota for the archive');

  // A sprint made by clicking: the form starts with today and two weeks.
  await clickItem(page, 'Sprints##view');
  await waitFor(page, () => location.hash === '#view=sprints', undefined, 'the view in the URL');
  await clickItem(page, 'New sprint##sprints');
  await typeInto(page, 'sprint-name', 'Sprint 12');
  await typeInto(page, 'sprint-goal', 'Fix what stops people working');
  await clickItem(page, 'Create##sprint-form');
  await waitForRect(page, 'sprint-row:Sprint 12');
  const s12 = await sprintNamed(page, 'Sprint 12');
  assert.equal(s12.start, '2026-11-02');
  assert.equal(s12.end, '2026-11-15');
  assert.equal(s12.goal, 'Fix what stops people working');

  // The next one, its end first typed before its start: refused with the reason.
  await clickItem(page, 'New sprint##sprints');
  await typeInto(page, 'sprint-name', 'Sprint 13');
  await typeInto(page, 'sprint-start', '2026-11-16');
  await typeInto(page, 'sprint-end', '2026-11-06');
  await clickItem(page, 'Create##sprint-form');
  await waitForRect(page, 'The sprint ends (2026-11-06) before it starts (2026-11-16)##sprint-form-error');
  assert.equal((await sprints(page)).length, 1, 'nothing saved');
  await typeInto(page, 'sprint-end', '2026-11-29');
  await clickItem(page, 'Create##sprint-form');
  await waitForRect(page, 'sprint-row:Sprint 13');
  await waitForNoRect(page, 'sprint-name');
  const s13 = await sprintNamed(page, 'Sprint 13');

  // From the board: a card's context menu plans it into Sprint 12.
  await clickItem(page, 'Board##view');
  const card = await waitForRect(page, 'VPN down for the Lyon office');
  await page.mouse.click(card.x + card.width / 2, card.y + card.height / 2, { button: 'right' });
  await clickItem(page, 'Add to sprint…##card-menu');
  await clickItem(page, 'add-to:Sprint 12');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => Boolean(t.sprint)), vpn, 'the card planned');
  assert.equal((await ticket(page, vpn)).sprint, s12.id);

  // By a query: the matches are counted, the one already in the sprint skipped.
  await clickItem(page, 'Sprints##view');
  await clickItem(page, 'sprint-row:Sprint 12');
  await waitForRect(page, 'sprint-tickets:VPN down for the Lyon office');  // Sprint 12 shown, not 13
  await clickItem(page, 'Add tickets by query…##sprint');
  await typeInto(page, 'sprint-query', 'vpn OR printer OR laptop OR badge');
  await waitForRect(page, '4 tickets match, 1 already in this sprint.##sprint-query-count');
  await clickItem(page, 'Add##sprint-query');
  await waitForRect(page, '3 tickets added to "Sprint 12"; 1 already in it.##sprint-message');
  for (const id of [printer, laptop, badge]) assert.equal((await ticket(page, id)).sprint, s12.id);
  assert.equal((await ticket(page, mail)).sprint, undefined, 'the mail ticket stays in the backlog');
  await waitForRect(page, '0 done, 4 not done##sprint-counts');

  // The sprint board: only its tickets, the filter shown so it can be cleared.
  await clickItem(page, 'Show as board##sprint');
  await waitForRect(page, 'column:Resolved');
  await waitForRect(page, 'Printer jams on floor 2');
  await waitForRect(page, 'Clear##filter');
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('Mail quota for the archive')), null);

  // Wednesday: two of them done, dragged to Resolved.
  await at(page, MON + 2 * DAY + 10 * HOUR);
  await dragCardToColumn(page, 'VPN down for the Lyon office', 'Resolved');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'resolved'), vpn, 'the VPN ticket resolved');
  await dragCardToColumn(page, 'Printer jams on floor 2', 'Resolved');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.status === 'resolved'), printer, 'the printer ticket resolved');
  await clickItem(page, 'Clear##filter');
  await waitForRect(page, 'Mail quota for the archive');

  // Close it, the next sprint picked by clicking (after trying the backlog in the combo).
  await clickItem(page, 'Sprints##view');
  await clickItem(page, 'sprint-row:Sprint 12');
  await waitForRect(page, '2 done, 2 not done##sprint-counts');
  await screenshot(page, 'sprints-en');
  await clickItem(page, 'Close sprint…##sprint');
  await waitForRect(page, '2 done, 2 not done.##close-counts');
  await clickItem(page, 'close-next');
  await clickItem(page, 'Backlog##close-next');
  await waitForNoRect(page, 'Backlog##close-next');
  await clickItem(page, 'close-next');
  await clickItem(page, `close-next-${s13.id}`);
  await waitForNoRect(page, `close-next-${s13.id}`);
  await clickItem(page, 'Close sprint##close-confirm');
  await waitForRect(page, 'Not done (2), moved to Sprint 13##report-moved');
  const closed = await sprintNamed(page, 'Sprint 12');
  assert.ok(closed.closed_at > 0);
  assert.deepEqual(closed.report.done.sort(), [vpn, printer].sort());
  assert.deepEqual(closed.report.not_done.sort(), [laptop, badge].sort());
  assert.equal(closed.report.moved_to, s13.id);
  for (const id of [laptop, badge]) assert.equal((await ticket(page, id)).sprint, s13.id);
  assert.equal((await ticket(page, vpn)).sprint, s12.id, 'finished tickets stay with their sprint');
  await waitForRect(page, 'report-done:VPN down for the Lyon office');
  await waitForRect(page, 'report-not-done:New laptop for Sara');

  // The burndown: four open on Monday, two after Wednesday's moves; the ideal line from four.
  assert.deepEqual(await tooltip(page, 'burndown', 0), ['Nov 2', 'Open tickets: 4', 'Ideal: 4']);
  assert.deepEqual((await tooltip(page, 'burndown', 2)).slice(0, 2), ['Nov 4', 'Open tickets: 2']);
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('chart-point:burndown:3')), null, 'no day after the close');
  await screenshot(page, 'sprints-closed-en');

  // One undo restores it all: open again, the unfinished back in Sprint 12.
  await clickItem(page, 'Undo');
  await waitFor(page, () => window.tackboard.sprints().then((l) => l.find((s) => s.name === 'Sprint 12').closed_at === 0),
    undefined, 'the sprint open again');
  for (const id of [laptop, badge]) assert.equal((await ticket(page, id)).sprint, s12.id);
  await waitForRect(page, 'Close sprint…##sprint');

  // Edit…: the form comes back filled; a clashing name is refused, then the goal is saved.
  await clickItem(page, 'Edit…##sprint');
  await typeInto(page, 'sprint-name', 'sprint 13');
  await clickItem(page, 'Save##sprint-form');
  await waitForRect(page, 'There is already a sprint called "Sprint 13"; choose another name##sprint-form-error');
  await typeInto(page, 'sprint-name', 'Sprint 12');
  await typeInto(page, 'sprint-goal', 'Nobody blocked by Friday');
  await clickItem(page, 'Save##sprint-form');
  await waitForNoRect(page, 'sprint-name');
  let edited = await sprintNamed(page, 'Sprint 12');
  assert.equal(edited.goal, 'Nobody blocked by Friday');
  assert.equal(edited.start, s12.start);
  assert.equal(edited.id, s12.id);

  // Delete…: says where its tickets go; confirmed, they are in the backlog; undone, all back.
  await clickItem(page, 'Delete…##sprint');
  await waitForRect(page, 'Its 4 tickets go back to the backlog.##delete-what');
  await screenshot(page, 'sprints-delete-en');
  await clickItem(page, 'Delete##sprint-delete-confirm');
  await waitForNoRect(page, 'sprint-row:Sprint 12');
  assert.equal(await sprintNamed(page, 'Sprint 12'), undefined);
  for (const id of [vpn, printer, laptop, badge]) assert.equal((await ticket(page, id)).sprint, undefined);
  await clickItem(page, 'Undo');
  await waitForRect(page, 'sprint-row:Sprint 12');
  for (const id of [laptop, badge]) assert.equal((await ticket(page, id)).sprint, s12.id);
  edited = await sprintNamed(page, 'Sprint 12');
  assert.equal(edited.goal, 'Nobody blocked by Friday');

  // The API refuses a sprint that does not exist, in words.
  const refused = await page.evaluate(() => window.tackboard.closeSprint('nope', '').then(() => 'closed', (e) => e.message));
  assert.match(refused, /no sprint with id "nope"/);

  await page.evaluate(() => window.tackboard.setLanguage('zh'));
  await page.waitForTimeout(300);
  await screenshot(page, 'sprints-zh');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  assert.deepEqual(errors, []);
  await page.close();
});

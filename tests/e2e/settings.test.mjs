// The board settings editor (#view=settings), used as a lead does: by clicking the
// canvas. Statuses are added, renamed (a duplicate name refused, nothing stored), given a
// WIP limit and a colour, dragged to another place (the board's columns follow), and
// deleted with their tickets moved (undone with Ctrl+Z); the transition matrix warns of
// an unreachable status; priority targets refuse what is not a duration; a renamed label
// is renamed on its tickets; a new member is offered as an assignee. Each tab is
// photographed in English and French.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, dragCardTo, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const configOf = (page) => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);
const statusIds = async (page) => (await configOf(page)).statuses.map((s) => s.id);

// Waits until the configuration satisfies `check` (changes are applied after the frame).
async function waitForConfig(page, check, what) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const config = await configOf(page);
    if (check(config)) return config;
    if (Date.now() > deadline) throw new Error(`the configuration never showed ${what}: ${JSON.stringify(config.statuses)}`);
    await page.waitForTimeout(50);
  }
}

// Types `text` into the settings field `field` and presses Enter (the field applies then).
async function typeInto(page, field, text) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openSettings(page) {
  await clickItem(page, 'Settings##view');
  await waitFor(page, () => location.hash === '#view=settings', undefined, 'the view in the URL');
  await waitForRect(page, 'settings-tab:statuses');
}

const kTabs = ['statuses', 'transitions', 'types', 'priorities', 'labels', 'members', 'calendar', 'templates'];

test('statuses: add, rename, refuse a duplicate, WIP limit, colour, reorder, delete with tickets moved', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
  const waiting = [await create({ title: 'Waiting on vendor', status: 'waiting' }),
    await create({ title: 'Waiting on user', status: 'waiting' })];
  await openSettings(page);

  await clickItem(page, 'settings-add-status');
  let config = await waitForConfig(page, (c) => c.statuses.some((s) => s.id === 'new_status'), 'the new status');
  assert.equal(config.statuses.at(-1).name, 'New status');

  await typeInto(page, 'status-name:new_status', 'Review');
  await waitForConfig(page, (c) => c.statuses.at(-1).name === 'Review', 'the rename');

  // A name another status has (letter case aside) is refused next to the field.
  await typeInto(page, 'status-name:new_status', 'triage');
  await waitForRect(page, 'settings-field-error');
  await page.waitForTimeout(200);
  await screenshot(page, 'settings-duplicate-refused');
  config = await configOf(page);
  assert.equal(config.statuses.at(-1).name, 'Review', 'nothing stored');
  assert.equal(config.statuses.filter((s) => s.name.toLowerCase() === 'triage').length, 1);

  await typeInto(page, 'status-wip:new_status', '3');
  await waitForConfig(page, (c) => c.statuses.at(-1).wip_limit === 3, 'the WIP limit');
  await waitForNoRect(page, 'settings-field-error');  // a good edit clears the refusal

  // The colour: the square opens a picker; its hex field takes a colour.
  await clickItem(page, 'status-colour:new_status');
  await clickItem(page, 'Text');  // the picker's hex field
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3366CC');
  await page.keyboard.press('Enter');
  config = await waitForConfig(page, (c) => c.statuses.at(-1).colour, 'a colour');
  assert.equal(config.statuses.at(-1).colour >>> 0, 0xFFCC6633, 'ABGR of #3366CC');
  await page.keyboard.press('Escape');
  await screenshot(page, 'settings-statuses-edited');

  // Dragged by its handle onto the first row: it becomes the first column.
  const first = await waitForRect(page, 'status-drag:new');
  await dragCardTo(page, 'status-drag:new_status', first.x + first.width / 2, first.y + first.height / 2);
  await waitForConfig(page, (c) => c.statuses[0].id === 'new_status', 'Review first');
  assert.deepEqual((await statusIds(page)).slice(0, 3), ['new_status', 'new', 'triage']);
  await clickItem(page, 'Board##view');
  const review = await waitForRect(page, 'column:Review');
  const fresh = await waitForRect(page, 'column:New');
  assert.ok(review.x < fresh.x, 'the board shows Review left of New');
  await waitForRect(page, 'column-colour:Review');
  await screenshot(page, 'settings-board-columns');

  // Deleting a status that holds tickets asks where they go.
  await openSettings(page);
  await clickItem(page, 'status-delete:waiting');
  await waitForRect(page, 'settings-delete-confirm');
  await clickItem(page, 'settings-delete-move-to');
  await clickItem(page, 'move-to:in_progress');
  await screenshot(page, 'settings-delete-status');
  await clickItem(page, 'settings-delete-confirm');
  await waitForNoRect(page, 'settings-delete-confirm');
  await waitForConfig(page, (c) => !c.statuses.some((s) => s.id === 'waiting'), 'waiting gone');
  for (const id of waiting) assert.equal((await ticket(page, id)).status, 'in_progress');
  await page.keyboard.press('Control+z');
  await waitForConfig(page, (c) => c.statuses.some((s) => s.id === 'waiting'), 'waiting back after undo');
  for (const id of waiting) assert.equal((await ticket(page, id)).status, 'waiting');

  // The transition matrix: no longer free, then every move into Closed unticked.
  await clickItem(page, 'settings-tab:transitions');
  await clickItem(page, 'settings-free');
  config = await waitForConfig(page, (c) => c.transitions.length > 0, 'a matrix');
  const n = config.statuses.length;
  assert.equal(config.transitions.length, n * (n - 1), 'every move listed, so nothing changes yet');
  await waitForNoRect(page, 'settings-unreachable');
  for (const from of config.statuses.map((s) => s.id).filter((id) => id !== 'closed')) {
    await clickItem(page, `move:${from}>closed`);
    await page.waitForTimeout(80);
  }
  await waitForConfig(page, (c) => !c.transitions.some((t) => t.to === 'closed'), 'no move into Closed');
  await waitForRect(page, 'settings-unreachable');
  await screenshot(page, 'settings-transitions-unreachable');
  assert.deepEqual(errors, []);
  await page.close();
});

test('priorities, labels and members: durations checked, a rename reaches tickets, a member is assignable', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const labelled = await page.evaluate(() => window.tackboard.createTicket({ title: 'Wi-Fi drops', labels: ['network', 'vip'] }));
  await openSettings(page);

  await clickItem(page, 'settings-tab:priorities');
  await typeInto(page, 'priority-response:urgent', 'soon');
  await waitForRect(page, 'settings-field-error');
  let config = await configOf(page);
  assert.equal(config.priorities[0].response_minutes, 30, 'a bad duration changes nothing');
  await typeInto(page, 'priority-response:urgent', '45m');
  await waitForConfig(page, (c) => c.priorities[0].response_minutes === 45, '45 minutes');
  await typeInto(page, 'priority-resolution:urgent', '1d 2h');
  await waitForConfig(page, (c) => c.priorities[0].resolution_minutes === 26 * 60, '26 hours');
  await waitForNoRect(page, 'settings-field-error');

  await clickItem(page, 'settings-tab:labels');
  await typeInto(page, 'label-name:network', 'wifi');
  await waitForConfig(page, (c) => c.labels.some((l) => l.name === 'wifi'), 'the renamed label');
  assert.deepEqual((await ticket(page, labelled)).labels, ['wifi', 'vip'], 'the ticket carries the new name');

  await clickItem(page, 'settings-tab:members');
  await clickItem(page, 'settings-new-member');
  await page.keyboard.type('Dana Reyes');
  await clickItem(page, 'settings-add-member');
  config = await waitForConfig(page, (c) => c.members.some((m) => m.id === 'dana_reyes'), 'the new member');
  await typeInto(page, 'member-skills:dana_reyes', 'bug, network');
  config = await waitForConfig(page, (c) => c.members[0].skills.length === 2, 'skills');
  assert.deepEqual(config.members[0].skills, ['bug', 'network']);

  await clickItem(page, 'settings-tab:calendar');
  await clickItem(page, 'settings-calendar-on');
  config = await waitForConfig(page, (c) => c.sla && c.sla.calendar, 'a calendar');
  assert.equal(config.sla.enabled, false, 'the calendar alone switches no SLA on');
  await typeInto(page, 'hours:fri', '09:00-15:00');
  await waitForConfig(page, (c) => JSON.stringify(c.sla.calendar).includes('09:00-15:00'), 'Friday hours');
  await typeInto(page, 'hours:mon', '9 to 5');
  await waitForRect(page, 'settings-field-error');
  await typeInto(page, 'settings-new-holiday', '2026-12-25 Christmas');
  await waitForConfig(page, (c) => JSON.stringify(c.sla.calendar.holidays || []).includes('Christmas'), 'a holiday');

  // The new member is offered when assigning a ticket.
  await clickItem(page, 'Board##view');
  await clickItem(page, `Wi-Fi drops##card-${labelled}`);
  await clickItem(page, 'Edit ticket');
  await clickItem(page, 'edit-assignee');
  await waitForRect(page, 'Dana Reyes');
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await page.close();
});

test('each tab in English and French; read-only for an agent', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate(async () => {
    const config = JSON.parse(await window.tackboard.exportJson()).config;
    config.members = [{ id: 'ana', name: 'Ana Berg', skills: ['network', 'incident'], capacity: 8 },
      { id: 'li', name: 'Li Wei', skills: ['bug'], capacity: 5 }];
    config.sla = { enabled: true, calendar: { time_zone: 'Europe/Stockholm', hours: ['09:00-12:00', '13:00-17:00'],
      hours_by_day: { fri: ['09:00-15:00'] },
      holidays: [{ date: '2026-12-25', name: 'Christmas' }, { from: '2026-12-28', to: '2026-12-31', name: 'Office closed' }] } };
    await window.tackboard.execute({ op: 'config', config });
    await window.tackboard.createTicket({ title: 'Printer jam', labels: ['hardware'], assignee: 'ana' });
  });
  await openSettings(page);
  for (const language of ['en', 'fr']) {
    await page.evaluate((l) => window.tackboard.setLanguage(l), language);
    for (const tab of kTabs) {
      await clickItem(page, `settings-tab:${tab}`);
      await page.waitForTimeout(150);
      await screenshot(page, `settings-${tab}-${language}`);
    }
  }
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  await page.evaluate(() => window.tackboard.setIdentity({ name: 'Sam', role: 'agent' }));
  await page.waitForTimeout(200);  // the tab bar drawn in English again before it is clicked
  await clickItem(page, 'settings-tab:statuses');
  await waitForRect(page, 'settings-read-only');
  // A click that reached the tab bar mid-relayout (the language just changed) is repeated.
  for (let i = 0; i < 3 && !(await page.evaluate(() => window.tackboard.uiRect('settings-add-status'))); i++) {
    await clickItem(page, 'settings-tab:statuses');
    await page.waitForTimeout(300);
  }
  const before = await configOf(page);
  await clickItem(page, 'settings-add-status');  // drawn disabled: nothing happens
  await page.waitForTimeout(200);
  assert.equal((await configOf(page)).statuses.length, before.statuses.length);
  await screenshot(page, 'settings-read-only');
  assert.deepEqual(errors, []);
  await page.close();
});

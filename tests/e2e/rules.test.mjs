// The automation rules view: a rule is made by clicking on the canvas, refused with the
// reason while it names what the board does not have, saved, and then acts on new
// tickets under its own name; a dry run lists what it would do; rules are switched off,
// reordered and deleted, each an undoable change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);
const rulesOf = (page) => page.evaluate(async () => {
  const config = JSON.parse(await window.tackboard.exportJson()).config;
  return (config.automation && config.automation.rules) || [];
});

async function withMembers(page) {
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.members = [
    { id: 'ana', name: 'Ana', skills: ['network'], capacity: 5 },
    { id: 'lena', name: 'Lena Lead', skills: [], capacity: 5 },
  ];
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
}

// Picks `option` (its id part) in the combo registered as `combo`.
async function choose(page, combo, option) {
  await clickItem(page, combo);
  await clickItem(page, option);
  await waitForNoRect(page, option);
}

async function typeInto(page, field, text) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

test('a rule made by clicking is refused until it reads, then acts on new tickets as itself', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await withMembers(page);
  await clickItem(page, 'Rules##view');
  await waitFor(page, () => location.hash === '#view=rules', undefined, 'the view in the URL');
  await clickItem(page, 'rules-new');
  await waitForRect(page, 'rule-name');
  await typeInto(page, 'rule-name', 'Outages to the network team');
  await typeInto(page, 'rule-condition', 'outage');
  // The first action: a label, left empty: refused with where and why.
  await clickItem(page, 'rule-save');
  await waitForRect(page, 'rule-message');
  assert.deepEqual(await rulesOf(page), [], 'nothing saved');
  await typeInto(page, 'rule-action-label-0', 'network');
  // A second action: assign to whoever routing picks (the default for "Assign").
  await clickItem(page, 'rule-add-action');
  await choose(page, 'rule-action-1', 'rule-action-1-assign');
  await waitForRect(page, 'rule-action-member-1');
  await screenshot(page, 'rules-editor');
  await clickItem(page, 'rule-save');
  await waitForNoRect(page, 'rule-name');  // saved: the editor closed
  await waitForRect(page, 'rule-row:Outages to the network team');
  await waitForNoRect(page, 'rule-message');
  let rules = await rulesOf(page);
  assert.equal(rules.length, 1);
  assert.equal(rules[0].condition, 'outage');
  assert.deepEqual(rules[0].actions.map((a) => a.kind), ['add_label', 'assign']);

  // It acts on a new ticket that matches, as itself; not on one that does not.
  const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
  const outage = await create({ title: 'Network outage on floor 2' });
  const other = await create({ title: 'New chair please' });
  let t = await ticket(page, outage);
  assert.deepEqual(t.labels, ['network']);
  assert.equal(t.assignee, 'ana', 'routing: the member with the skill');
  assert.ok(t.history.some((h) => h.by === 'rule:Outages to the network team' && h.field === 'assignee'), 'by the rule');
  assert.deepEqual((await ticket(page, other)).labels ?? [], []);

  // The dry run lists the matching tickets and changes nothing.
  await clickItem(page, 'rule-dry-run:Outages to the network team');
  await waitForRect(page, 'rule-preview-count 1');
  await waitForRect(page, 'rule-preview:Network outage on floor 2');
  await screenshot(page, 'rules-view');

  // A second rule; then the order is changed and the first one switched off.
  await clickItem(page, 'rules-new');
  await typeInto(page, 'rule-name', 'Tell the lead about urgent tickets');
  await choose(page, 'rule-trigger', 'rule-trigger-field_changed');
  await waitForRect(page, 'rule-trigger-field');  // priority, by default
  await typeInto(page, 'rule-condition', 'priority:urgent');
  await choose(page, 'rule-action-0', 'rule-action-0-notify');
  await typeInto(page, 'rule-action-message-0', 'Urgent ticket');
  await clickItem(page, 'rule-save');
  await waitForRect(page, 'rule-row:Tell the lead about urgent tickets');
  const firstY = (await waitForRect(page, 'rule-row:Outages to the network team')).y;
  assert.ok(firstY < (await waitForRect(page, 'rule-row:Tell the lead about urgent tickets')).y);
  await clickItem(page, 'rule-up:Tell the lead about urgent tickets');
  await waitFor(page, () => window.tackboard.exportJson().then((j) => JSON.parse(j).config.automation.rules[0].name ===
    'Tell the lead about urgent tickets'), undefined, 'moved up');
  await page.evaluate((i) => window.tackboard.updateTicket(i, { priority: 'urgent' }), other);
  await waitFor(page, () => window.tackboard.notifications().then((n) => n.length === 1), undefined, 'a notification');
  const [note] = await page.evaluate(() => window.tackboard.notifications());
  assert.equal(note.message, 'Urgent ticket');
  assert.equal(note.rule, 'Tell the lead about urgent tickets');

  await clickItem(page, 'rule-enabled:Outages to the network team on');
  await waitForRect(page, 'rule-enabled:Outages to the network team off');
  const later = await create({ title: 'Another outage' });
  assert.deepEqual((await ticket(page, later)).labels ?? [], [], 'switched off: does nothing');
  // Undo takes back that ticket, then switches the rule on again (one configuration change).
  await page.keyboard.press('Control+Z');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => !t || t.deleted), later, 'the ticket undone');
  await page.keyboard.press('Control+Z');
  await waitForRect(page, 'rule-enabled:Outages to the network team on');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a rule naming what the board lacks is refused with the reason; rules broken later are shown and can be fixed', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await clickItem(page, 'Rules##view');
  await clickItem(page, 'rules-new');
  await typeInto(page, 'rule-name', 'Close quickly');
  await typeInto(page, 'rule-condition', 'status:limbo');
  await choose(page, 'rule-action-0', 'rule-action-0-move');  // to the first status, New
  await clickItem(page, 'rule-save');
  await waitForRect(page, 'rule-message');
  assert.deepEqual(await rulesOf(page), [], 'refused: nothing saved');
  await typeInto(page, 'rule-condition', 'type:bug');
  await clickItem(page, 'rule-save');
  await waitForNoRect(page, 'rule-name');
  await waitForRect(page, 'rule-row:Close quickly');
  await waitForNoRect(page, 'rule-message');

  // The status the rule moves to is deleted: the stored rules no longer read, so none
  // run, and the view says so and still lists them to be fixed or deleted.
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  assert.equal(config.automation.rules[0].actions[0].status, 'new');
  config.statuses = config.statuses.filter((s) => s.id !== 'new');
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
  await waitForRect(page, 'rules-problem');
  await waitForRect(page, 'rule-row:Close quickly');
  await screenshot(page, 'rules-problem');
  await clickItem(page, 'rule-delete:Close quickly');
  await waitForNoRect(page, 'rule-row:Close quickly');
  await waitForNoRect(page, 'rules-problem');
  assert.deepEqual(await rulesOf(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('renaming a time-triggered rule warns that it will act again on what it already handled', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.automation = { rules: [
    { name: 'Flag idle tickets', trigger: { kind: 'idle', days: 3 }, actions: [{ kind: 'add_label', label: 'stale' }] },
    { name: 'Label new tickets', trigger: { kind: 'created' }, actions: [{ kind: 'add_label', label: 'fresh' }] },
  ] };
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
  await clickItem(page, 'Rules##view');
  await clickItem(page, 'rule-edit:Label new tickets');
  await typeInto(page, 'rule-name', 'Label every new ticket');
  await waitForRect(page, 'rule-row:Flag idle tickets');
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('rule-rename-warning')), null, 'not timed: no warning');
  await clickItem(page, 'rule-cancel');
  await clickItem(page, 'rule-edit:Flag idle tickets');
  await waitForNoRect(page, 'rule-rename-warning');  // same name
  await typeInto(page, 'rule-name', 'Flag quiet tickets');
  await waitForRect(page, 'rule-rename-warning');
  await screenshot(page, 'rules-rename-warning');
  await typeInto(page, 'rule-name', 'Flag idle tickets');
  await waitForNoRect(page, 'rule-rename-warning');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the SLA calendar and the other helpdesk settings are edited as text, checked before they are stored', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await clickItem(page, 'Rules##view');
  await clickItem(page, 'settings-sla');
  await waitForRect(page, 'settings-sla-text');
  const sla = () => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config.sla);

  // Not JSON: said so, nothing stored.
  await typeInto(page, 'settings-sla-text', '{"enabled": true,');
  await clickItem(page, 'settings-sla-save');
  await waitForRect(page, 'settings-sla-message');
  assert.equal(await sla(), undefined);
  // Holidays that overlap: refused with where.
  await typeInto(page, 'settings-sla-text', '{"calendar": {"time_zone": "Europe/Paris", "holidays": ' +
    '[{"from": "2026-12-24", "to": "2026-12-31"}, "2026-12-25"]}}');
  await clickItem(page, 'settings-sla-save');
  await waitForRect(page, 'settings-sla-message');
  assert.equal(await sla(), undefined);
  await screenshot(page, 'settings-sla-refused');
  // Fixed: stored, and the cards' SLA clocks follow it.
  await typeInto(page, 'settings-sla-text', '{"calendar": {"time_zone": "Europe/Paris", "holidays": ["2026-12-25"]}}');
  await clickItem(page, 'settings-sla-save');
  await waitForNoRect(page, 'settings-sla-message');
  await waitFor(page, () => window.tackboard.exportJson().then((j) => JSON.parse(j).config.sla !== undefined), undefined,
                'the SLA stored');
  assert.equal((await sla()).calendar.time_zone, 'Europe/Paris');
  // One undo takes it back.
  await page.keyboard.press('Escape');
  await clickItem(page, 'Undo');
  await waitFor(page, () => window.tackboard.exportJson().then((j) => JSON.parse(j).config.sla === undefined), undefined,
                'the SLA undone');
  assert.deepEqual(errors, []);
  await page.close();
});

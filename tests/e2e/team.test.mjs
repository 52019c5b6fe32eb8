// A team syncing through serve.py with roles (--users): the lead reshapes the board by
// clicking (a new column, a new field on a ticket type), and the agent, on another
// device, gets the new column and the new field in the new-ticket form — while the
// agent's own settings view is read-only and serve.py refuses the agent's settings write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickItem, screenshot, waitForNoRect, waitForRect } from './helpers.mjs';
import { withUsersServer } from './sync_servers.mjs';

const USERS = {
  users: [
    { token: 't-lea', name: 'lea', role: 'lead' },
    { token: 't-bob', name: 'bob', role: 'agent' },
  ],
};

const fixture = withUsersServer(USERS, { prefix: 'tackboard-team-' });
const { sync } = fixture;

const api = (page, fn, arg) => page.evaluate(fn, arg);
const configOf = (page) => api(page, async () => JSON.parse(await window.tackboard.exportJson()).config);

// One person's browser, syncing with serve.py under their token.
const person = (token) => fixture.person(token, { viewport: { width: 1500, height: 950 } });

async function typeInto(page, field, text, enter = true) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  if (enter) await page.keyboard.press('Enter');
}

async function waitForConfig(page, check, what) {
  const deadline = Date.now() + 8000;
  for (;;) {
    const config = await configOf(page);
    if (check(config)) return config;
    if (Date.now() > deadline) throw new Error(`the configuration never showed ${what}`);
    await page.waitForTimeout(50);
  }
}

const supportFields = (config) => config.types.find((t) => t.id === 'support').fields.map((f) => f.id);

test('the lead reshapes columns and a form by clicking; the agent gets both and cannot change settings', async () => {
  const lead = await person('t-lea');
  const agent = await person('t-bob');
  assert.deepEqual(await api(agent.page, () => window.tackboard.identity()),
                   { name: 'bob', role: 'agent', from_server: true });

  // The lead: a new column "Review", and a "Serial number" field on support requests.
  await clickItem(lead.page, 'Settings##view');
  await waitForRect(lead.page, 'settings-tab:statuses');
  await clickItem(lead.page, 'settings-add-status');
  await waitForConfig(lead.page, (c) => c.statuses.some((s) => s.id === 'new_status'), 'the new status');
  await typeInto(lead.page, 'status-name:new_status', 'Review');
  await waitForConfig(lead.page, (c) => c.statuses.some((s) => s.name === 'Review'), 'the rename');
  await clickItem(lead.page, 'settings-tab:types');
  await clickItem(lead.page, 'type-support');
  await typeInto(lead.page, 'new-field', 'Serial number', false);
  await clickItem(lead.page, 'add-field');
  await waitForConfig(lead.page, (c) => supportFields(c).includes('serial_number'), 'the new field');
  await sync(lead.page);

  // The agent, after a sync: the column on the board and the field in the form.
  await sync(agent.page);
  const config = await waitForConfig(agent.page, (c) => supportFields(c).includes('serial_number') &&
                                                        c.statuses.some((s) => s.name === 'Review'), 'the lead\'s settings');
  assert.ok(config.statuses.some((s) => s.name === 'Review'));
  await clickItem(agent.page, 'Board##view');
  await waitForRect(agent.page, 'column:Review');
  await clickItem(agent.page, 'New ticket');
  await clickItem(agent.page, 'new-title');
  await agent.page.keyboard.type('Printer on floor 3 jams');
  await typeInto(agent.page, 'field-serial_number', 'PR-3391', false);
  await clickItem(agent.page, 'Create##new-ticket');
  await waitForNoRect(agent.page, 'new-title');
  const made = await api(agent.page, () => window.tackboard.query('"Printer on floor 3 jams"'));
  assert.equal(made.length, 1);
  const ticket = await api(agent.page, (id) => window.tackboard.getTicket(id), made[0]);
  assert.equal(ticket.fields.serial_number, 'PR-3391');
  await sync(agent.page);

  // The agent's settings are read-only: the add button does nothing, and the server
  // refuses a settings document written with the agent's token.
  await clickItem(agent.page, 'Settings##view');
  await waitForRect(agent.page, 'settings-read-only');
  await screenshot(agent.page, 'settings-agent-read-only');
  const before = (await configOf(agent.page)).statuses.length;
  await clickItem(agent.page, 'settings-add-status').catch(() => {});
  await agent.page.waitForTimeout(300);
  assert.equal((await configOf(agent.page)).statuses.length, before, 'an agent added a status');
  const put = await fetch(fixture.app.url + 'couch/helpdesk/tackboard-config', {
    headers: { Authorization: 'Bearer t-bob' },
  }).then((r) => r.json());
  const refused = await fetch(fixture.app.url + 'couch/helpdesk/tackboard-config', {
    method: 'PUT',
    headers: { Authorization: 'Bearer t-bob', 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...put, config: { ...put.config, statuses: [] } }),
  });
  assert.equal(refused.status, 403);
  assert.match((await refused.json()).reason, /lead/);

  // The lead gets the agent's ticket with its field.
  await sync(lead.page);
  const seen = await api(lead.page, () => window.tackboard.query('"Printer on floor 3 jams"'));
  assert.equal(seen.length, 1);
  assert.equal((await api(lead.page, (id) => window.tackboard.getTicket(id), seen[0])).fields.serial_number, 'PR-3391');
  assert.deepEqual(lead.errors, []);
  assert.deepEqual(agent.errors, []);
});

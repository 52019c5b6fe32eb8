// The notification centre: a bell counting what is new (rule notifications, due dates
// near or past, SLA targets at risk or missed), the list it opens (a click on a row opens
// the ticket), and, with the browser's permission, the same as browser notifications,
// each (ticket, kind) once. window.Notification is replaced by a recording stub before the
// page loads; hours pass on the app's clock (window.tackboard.setClock).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 11, 7, 9, 0);  // a Monday

// Records every notification shown. The permission is the stub's own ('default' until
// requestPermission, which grants it) unless `real` (then the browser's).
function stubNotifications({ real }) {
  window.__notices = [];
  const Real = window.Notification;
  let permission = 'default';
  class RecordingNotification {
    constructor(title, options = {}) { window.__notices.push({ title, body: options.body, tag: options.tag }); }
    static get permission() { return real ? Real.permission : permission; }
    static requestPermission() { permission = 'granted'; return Promise.resolve(permission); }
  }
  window.Notification = RecordingNotification;
}

async function newPage(options = {}) {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 } });
  if (options.grant) await context.grantPermissions(['notifications']);
  await context.addInitScript(stubNotifications, { real: !!options.grant });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate((at) => window.tackboard.setClock(at), START);
  // A 24x7 SLA with the priorities' own targets (High: 120 minutes to respond), and a
  // rule that tells the lead of every new ticket.
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.sla = { enabled: true };
  config.automation = { rules: [{ id: 'r1', name: 'Tell lead', trigger: { kind: 'created' },
                                  actions: [{ kind: 'notify', message: 'New ticket' }] }] };
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
  return { context, page, errors };
}

const create = (page, fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
const notices = (page) => page.evaluate(() => window.__notices);
const noticeTitles = async (page) => (await notices(page)).map((n) => n.title);

test('the bell counts, the centre lists and opens tickets, the browser is told once each', async () => {
  const { context, page, errors } = await newPage();
  const late = await create(page, { title: 'Printer on fire', due: START - 2 * HOUR });
  await create(page, { title: 'Quarterly report', due: START + 2 * HOUR });
  await create(page, { title: 'Next year plan', due: START + 30 * 24 * HOUR });  // too far to remind of
  // Three rule notifications, one overdue ticket, one due soon.
  await waitForRect(page, 'notifications-count 5');
  await screenshot(page, 'notifications-bell');

  await clickItem(page, 'notifications');
  await waitForRect(page, 'notification:Printer on fire');
  await waitForRect(page, 'notification:Next year plan');
  const overdue = await waitForRect(page, 'reminder:overdue:Printer on fire');
  const soon = await waitForRect(page, 'reminder:due-soon:Quarterly report');
  const newest = await waitForRect(page, 'notification:Next year plan');
  const oldest = await waitForRect(page, 'notification:Printer on fire');
  assert.ok(newest.y < oldest.y && oldest.y < overdue.y && overdue.y < soon.y, 'rule notifications newest first, then reminders');
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('reminder:due-soon:Next year plan')), null);
  await waitForRect(page, 'notifications-count 0');  // opened: all seen
  await screenshot(page, 'notifications-centre');

  // Nothing reaches the browser before the user allows it.
  assert.deepEqual(await notices(page), []);
  await clickItem(page, 'Show as browser notifications');
  await waitForRect(page, 'notifications-browser:granted');
  // At most four at once, the rest summed up (a board full of overdue tickets must not
  // bury the desktop).
  await waitFor(page, () => window.__notices.length === 5, undefined, 'five browser notifications');
  assert.deepEqual(await noticeTitles(page), ['New ticket', 'New ticket', 'New ticket', 'Printer on fire', '1 more notification']);
  const told = await notices(page);
  assert.match(told[0].body, /Printer on fire · by rule Tell lead/);
  assert.match(told[3].body, /^Overdue · 2 h ago$/);
  assert.equal(told[3].tag, 'tackboard-overdue:' + late);

  // A click on a reminder opens its ticket and closes the centre.
  await clickItem(page, 'reminder:overdue:Printer on fire');
  await waitFor(page, (i) => new URLSearchParams(location.hash.slice(1)).get('ticket') === i, late, 'the ticket in the URL');
  await waitForRect(page, 'ticket-panel');
  await waitForNoRect(page, 'reminder:overdue:Printer on fire');

  // A new rule notification and, three hours on, a missed SLA target (High: 120 minutes)
  // and a due date passed: counted, listed, told.
  await create(page, { title: 'Mail server down', priority: 'high' });
  await waitForRect(page, 'notifications-count 1');
  await waitFor(page, () => window.__notices.length === 6, undefined, 'the rule notification told');
  assert.match((await notices(page))[5].body, /Mail server down/);
  await page.evaluate((at) => window.tackboard.setClock(at), START + 3 * HOUR);
  await waitForRect(page, 'notifications-count 3');
  await waitFor(page, () => window.__notices.length === 8, undefined, 'the breach and the passed due date told');
  assert.deepEqual((await noticeTitles(page)).slice(6).sort(), ['Mail server down', 'Quarterly report']);
  await clickItem(page, 'notifications');
  const breached = await waitForRect(page, 'reminder:breached:Mail server down');
  const passed = await waitForRect(page, 'reminder:overdue:Quarterly report');
  assert.ok(breached.y < passed.y, 'breached before overdue');
  await waitForNoRect(page, 'reminder:due-soon:Quarterly report');
  await screenshot(page, 'notifications-centre-breached');

  // Time passing tells nothing twice; a resolved ticket leaves the list.
  await page.evaluate((at) => window.tackboard.setClock(at), START + 3 * HOUR + 2 * MINUTE);
  await page.evaluate((i) => window.tackboard.updateTicket(i, { status: 'resolved' }), late);
  await waitForNoRect(page, 'reminder:overdue:Printer on fire');
  await page.waitForTimeout(300);
  assert.equal((await notices(page)).length, 8);
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'reminder:breached:Mail server down');
  await page.evaluate(() => window.tackboard.setClock(null));
  assert.deepEqual(errors, []);
  await context.close();
});

test('permission granted before: told at once; an empty centre says so', async () => {
  const { context, page, errors } = await newPage({ grant: true });
  await clickItem(page, 'notifications');
  await waitForRect(page, 'notifications-empty');
  await waitForRect(page, 'notifications-browser:granted');
  await page.keyboard.press('Escape');
  await waitForNoRect(page, 'notifications-empty');
  await create(page, { title: 'Badge reader broken', due: START - 5 * MINUTE });
  await waitFor(page, () => window.__notices.length === 2, undefined, 'two browser notifications');
  assert.deepEqual((await noticeTitles(page)).sort(), ['Badge reader broken', 'New ticket']);
  await page.evaluate(() => window.tackboard.setClock(null));
  assert.deepEqual(errors, []);
  await context.close();
});

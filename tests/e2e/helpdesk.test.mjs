// The helpdesk from end to end, on a simulated clock: a ticket is created, triaged,
// routed by a rule to the member with the skill, breaches its SLA, is escalated by a rule
// (reassigned to the lead, labelled, announced), gets a canned reply, and is resolved
// with the requester's score. Screenshots of the triage, workload and rules views.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, createTicketThroughUi, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors,
  withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const MINUTE = 60 * 1000;
const T0 = Date.parse('2026-12-07T09:00:00Z');  // a Monday morning
const TITLE = 'Network outage in the Lyon office';

test('created, triaged, routed, breached, escalated, answered and rated', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await page.evaluate((at) => window.tackboard.setClock(at), T0);
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.members = [
    { id: 'ana', name: 'Ana', skills: ['network'], capacity: 4 },
    { id: 'bo', name: 'Bo', skills: ['hardware'], capacity: 4 },
    { id: 'lena', name: 'Lena Lead', skills: [], capacity: 8 },
  ];
  config.sla = { enabled: true };  // every hour counts; the priorities' targets (urgent: answer within 30 min)
  config.automation = { rules: [
    { id: 'route', name: 'Route triaged tickets', trigger: { kind: 'field_changed', field: 'labels' },
      condition: 'is:unassigned', actions: [{ kind: 'assign', member: 'auto' }] },
    { id: 'escalate', name: 'Escalate breaches', trigger: { kind: 'sla_breached' },
      actions: [{ kind: 'raise_priority' }, { kind: 'assign', member: 'lena' },
                { kind: 'add_label', label: 'escalated' }, { kind: 'notify', message: 'SLA breached' }] },
  ] };
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);

  // Created through the New ticket dialog.
  await createTicketThroughUi(page, TITLE);
  const [id] = await page.evaluate((t) => window.tackboard.query(`"${t}"`), TITLE);
  assert.ok(id, 'the ticket is on the board');
  await page.evaluate(() => window.tackboard.createTicket({ title: 'Printer out of toner', assignee: 'bo' }));

  // Triaged: the suggestion (urgent, +network, from "outage" and "network") is accepted;
  // the labels changed, so the routing rule gives it to Ana, who has the skill.
  await clickItem(page, 'Triage##view');
  await waitForRect(page, 'triage-suggestion:' + TITLE);
  await screenshot(page, 'helpdesk-triage');
  await clickItem(page, 'triage-accept-' + id);
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.assignee === 'ana'), id, 'routed to Ana');
  let t = await page.evaluate((i) => window.tackboard.getTicket(i), id);
  assert.equal(t.priority, 'urgent');
  assert.deepEqual(t.labels, ['network']);
  assert.ok(t.history.some((h) => h.by === 'rule:Route triaged tickets' && h.field === 'assignee'), 'routed by the rule');
  await waitForNoRect(page, 'triage-row:' + TITLE);  // assigned: out of the queue

  await clickItem(page, 'Workload##view');
  await waitForRect(page, 'workload:ana 1 / 4');
  await waitForRect(page, 'workload:bo 1 / 4');
  await screenshot(page, 'helpdesk-workload');

  // 20 minutes later it is at risk (80 % of 30 min); 45 minutes later it is late: the
  // escalation rule reassigns it to the lead, labels it and says so, once.
  await clickItem(page, 'Board##view');
  await page.evaluate((at) => window.tackboard.setClock(at), T0 + 25 * MINUTE);
  await waitForRect(page, `sla:${TITLE} at-risk`);
  await page.evaluate((at) => window.tackboard.setClock(at), T0 + 45 * MINUTE);
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.assignee === 'lena'), id, 'escalated to the lead');
  t = await page.evaluate((i) => window.tackboard.getTicket(i), id);
  assert.deepEqual(t.labels, ['network', 'escalated']);
  assert.equal(t.priority, 'urgent', 'already the most urgent: left');
  assert.ok(t.history.some((h) => h.by === 'rule:Escalate breaches' && h.field === 'assignee'));
  await waitForRect(page, `sla:${TITLE} late`);
  const notes = await page.evaluate(() => window.tackboard.notifications());
  assert.deepEqual(notes.map((n) => [n.ticket, n.rule, n.message]), [[id, 'Escalate breaches', 'SLA breached']]);
  assert.equal(await page.evaluate(() => window.tackboard.runTimedRules()), 0, 'once per breach');

  // A canned reply from the ticket's panel: the first response.
  await clickItem(page, TITLE);
  await waitForRect(page, 'Edit ticket');
  await clickItem(page, 'canned-answer');
  await clickItem(page, 'Please send more details');
  await waitForNoRect(page, 'Please send more details');
  await clickItem(page, 'Comment##panel');
  const publicComments = (i) => window.tackboard.getTicket(i).then((t) => (t.comments || []).filter((c) => !c.internal));
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => (t.comments || []).some((c) => !c.internal)), id,
                'the reply');
  const [reply] = await page.evaluate(publicComments, id);
  assert.match(reply.body, /Network outage in the Lyon office/);
  t = await page.evaluate((i) => window.tackboard.getTicket(i), id);
  assert.ok(t.comments.some((c) => c.internal && c.body === 'Notified: SLA breached'), 'the rule\'s note is kept');
  assert.ok(t.first_response_at >= T0 + 45 * MINUTE, 'the reply is the first response');

  // Resolved, and rated by the requester.
  await page.evaluate((i) => window.tackboard.updateTicket(i, { status: 'resolved' }), id);
  await clickItem(page, 'rating-5');
  await clickItem(page, 'Record##rating');
  await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.satisfaction === 5), id, 'rated 5');

  await page.keyboard.press('Escape');
  await clickItem(page, 'Rules##view');
  await waitForRect(page, 'rule-row:Escalate breaches');
  await screenshot(page, 'helpdesk-rules');
  assert.deepEqual(errors, []);
  await page.close();
});

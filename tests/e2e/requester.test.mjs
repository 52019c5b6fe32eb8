// The requester's side with roles enforced by serve.py (--users): a requester submits a
// request by clicking in the request view, the agent answers it on the board with a
// public answer and an internal note, and the requester sees the answer (with its "New
// answer" badge and a browser notification) but never the note — neither on screen nor on
// their device, and not in anything serve.py sends them. Another requester sees nothing
// of it. The requester rates the answer and reopens the request, and the agent's board
// gets both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors,
} from './helpers.mjs';
import { withUsersServer } from './sync_servers.mjs';

const USERS = {
  users: [
    { token: 't-alice', name: 'alice@example.org', role: 'requester' },
    { token: 't-ben', name: 'ben@example.org', role: 'requester' },
    { token: 't-bob', name: 'bob', role: 'agent' },
  ],
};
const ANSWER = 'Please update the VPN client to version 5.2, it fixes the hourly drop.';
const NOTE = 'Internal: her laptop is on the old image, ask desktop team before replacing.';
const TITLE = 'VPN drops every hour';

const fixture = withUsersServer(USERS, { prefix: 'tackboard-requester-' });
const { sync } = fixture;

// One person's browser profile, syncing with serve.py under their token. Browser
// notifications are a recording stand-in (the real permission prompt cannot be answered
// headless): it grants when asked and keeps what it was told to show.
const person = (token) => fixture.person(token, {
  viewport: { width: 1400, height: 860 },
  initScript: () => {
    window.__notifications = [];
    window.__permissionAsked = 0;
    class RecordingNotification {
      constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); }
      static requestPermission() {
        window.__permissionAsked += 1;
        RecordingNotification.permission = 'granted';
        return Promise.resolve('granted');
      }
    }
    RecordingNotification.permission = 'default';
    window.Notification = RecordingNotification;
  },
});

const api = (p, fn, arg) => p.page.evaluate(fn, arg);
const labels = (p, prefix) => api(p, (x) => window.tackboard.uiLabels(x), prefix);

// serve.py itself, as someone with `token`.
async function server(token, route) {
  const response = await fetch(fixture.app.url + 'couch/helpdesk/' + route, { headers: { Authorization: 'Bearer ' + token } });
  return { status: response.status, text: await response.text() };
}

test('a requester submits by clicking, follows the answer without the internal note, rates and reopens', async () => {
  const agent = await person('t-bob');
  assert.deepEqual(await api(agent, () => window.tackboard.identity()), { name: 'bob', role: 'agent', from_server: true });
  await waitForRect(agent.page, 'New ticket##toolbar');  // the team's board

  const alice = await person('t-alice');
  assert.deepEqual(await api(alice, () => window.tackboard.identity()),
                   { name: 'alice@example.org', role: 'requester', from_server: true });
  // The request view instead of the board: no toolbar of the team's tools.
  await waitForRect(alice.page, 'request-view-title');
  await waitForRect(alice.page, 'signed-in-request');
  assert.equal(await api(alice, () => window.tackboard.uiRect('New ticket##toolbar')), null);
  // The server's word cannot be overridden here.
  await assert.rejects(api(alice, () => window.tackboard.setIdentity({ name: 'lea', role: 'lead' })), /signs you in as alice/);

  // --- submit, by clicking: the type, a title, the type's required field -------------
  await clickItem(alice.page, 'Submit##request');
  await waitFor(alice.page, () => window.tackboard.uiLabels('Give your request a title').then((l) => l.length > 0), null,
                'a missing title to be said');
  await clickItem(alice.page, 'request-type');
  await clickItem(alice.page, 'Bug##request-type');
  await clickItem(alice.page, 'request-title');
  await alice.page.keyboard.type(TITLE);
  await clickItem(alice.page, 'Submit##request');
  await waitFor(alice.page, () => window.tackboard.uiLabels('Fill in "Steps to reproduce"').then((l) => l.length > 0), null,
                'the missing required field to be named');
  await clickItem(alice.page, 'field-steps');
  await alice.page.keyboard.type('Connect in the morning, wait an hour');
  await clickItem(alice.page, 'request-description');
  await alice.page.keyboard.type('It started on Monday.');
  await clickItem(alice.page, 'Submit##request');
  await waitForRect(alice.page, 'request-sent');
  const [id] = await api(alice, (t) => window.tackboard.query(`"${t}"`), TITLE);
  assert.ok(id, 'the request is on her device');
  const sent = await api(alice, (i) => window.tackboard.getTicket(i), id);
  assert.equal(sent.requester, 'alice@example.org');
  assert.equal(sent.type, 'bug');
  assert.equal(sent.fields.steps, 'Connect in the morning, wait an hour');
  assert.equal(sent.status, 'new');  // the board's defaults
  await waitForRect(alice.page, `request-${id}`);
  await clickItem(alice.page, 'Allow browser notifications');
  await waitFor(alice.page, () => window.__permissionAsked === 1 && Notification.permission === 'granted', null,
                'the permission asked on the click');
  await sync(alice.page);

  // --- the agent sees it on the board and answers: public, then an internal note ------
  await sync(agent.page);
  await clickItem(agent.page, `${TITLE}##card-${id}`);
  await clickItem(agent.page, 'new-comment');
  await agent.page.keyboard.type(ANSWER);
  await clickItem(agent.page, 'Comment##panel');
  await waitFor(agent.page, (i) => window.tackboard.getTicket(i).then((t) => (t.comments || []).length === 1), id, 'the answer');
  await clickItem(agent.page, 'new-comment');
  await agent.page.keyboard.type(NOTE);
  await clickItem(agent.page, 'Internal note##panel');
  await clickItem(agent.page, 'Comment##panel');
  await waitFor(agent.page, (i) => window.tackboard.getTicket(i).then((t) => (t.comments || []).length === 2), id, 'the note');
  const onBoard = await api(agent, (i) => window.tackboard.getTicket(i), id);
  assert.deepEqual(onBoard.comments.map((c) => c.internal), [false, true]);
  await sync(agent.page);

  // --- Alice: the answer with its badge and notification, never the note ------------
  await sync(alice.page);
  await waitForRect(alice.page, `New answer##badge-answer-${id}`);
  assert.ok((await labels(alice, `New answer to "${TITLE}"`)).length > 0, 'the line at the top');
  assert.ok((await labels(alice, ANSWER)).length > 0, 'the answer is drawn');
  assert.deepEqual(await labels(alice, 'Internal:'), [], 'the internal note is never drawn');
  const mine = await api(alice, (i) => window.tackboard.getTicket(i), id);
  assert.deepEqual(mine.comments.map((c) => c.body), [ANSWER]);
  assert.ok(!JSON.stringify(mine).includes(NOTE), 'the note is not on her device');
  assert.ok(!mine.history.some((h) => h.field === 'comment' && h.new && h.new.internal), 'nor its history');
  await waitFor(alice.page, (t) => window.__notifications.some((n) => n.title === `New answer to "${t}"`), TITLE,
                'the browser notification', 10000);

  // --- Ben, another requester, sees none of it ----------------------------------------
  const ben = await person('t-ben');
  await waitForRect(ben.page, 'request-view-title');
  assert.deepEqual(await api(ben, (t) => window.tackboard.query(`"${t}"`), TITLE), []);
  assert.ok((await labels(ben, 'My requests (0)')).length > 0);
  assert.deepEqual(await labels(ben, TITLE), []);

  // --- and serve.py sends him nothing of it; Alice gets no internal note ---------------
  for (const route of ['_all_docs?include_docs=true', '_changes?include_docs=true']) {
    const answer = await server('t-ben', route);
    assert.equal(answer.status, 200, route);
    assert.ok(!answer.text.includes(id) && !answer.text.includes(TITLE), `${route} hides Alice's request from Ben`);
  }
  const hidden = await server('t-ben', encodeURIComponent(id));
  assert.equal(hidden.status, 404);
  assert.deepEqual(JSON.parse(hidden.text), { error: 'not_found', reason: 'missing' });
  for (const route of ['_all_docs?include_docs=true', '_changes?include_docs=true', encodeURIComponent(id)]) {
    const answer = await server('t-alice', route);
    assert.equal(answer.status, 200, route);
    assert.ok(answer.text.includes(ANSWER), `${route} has the answer`);
    assert.ok(!answer.text.includes(NOTE), `${route} has no internal note`);
  }
  const stored = JSON.parse((await server('t-bob', encodeURIComponent(id))).text);
  assert.equal(stored.comments.length, 2, 'the agent still has both');

  // --- resolved: Alice rates it by clicking, the agent's board gets the rating ----------
  await api(agent, (i) => window.tackboard.updateTicket(i, { status: 'resolved' }), id);
  await sync(agent.page);
  await sync(alice.page);
  await waitForRect(alice.page, `Resolved##badge-resolved-${id}`);
  await screenshot(alice.page, 'request-en');
  await api(alice, () => window.tackboard.setLanguage('zh'));
  await waitForRect(alice.page, `已解决##badge-resolved-${id}`);
  await screenshot(alice.page, 'request-zh');
  await api(alice, () => window.tackboard.setLanguage('en'));
  await waitForRect(alice.page, `Resolved##badge-resolved-${id}`);
  await clickItem(alice.page, 'request-rating-4');
  await clickItem(alice.page, 'request-rating-remark');
  await alice.page.keyboard.type('Works again, thanks');
  await clickItem(alice.page, 'Send rating##request');
  await waitFor(alice.page, (i) => window.tackboard.getTicket(i).then((t) => t.satisfaction === 4), id, 'the rating');
  await sync(alice.page);
  assert.deepEqual((await api(alice, () => window.tackboard.syncStatus())).refused, {}, 'the server took the rating');
  await sync(agent.page);
  const rated = await api(agent, (i) => window.tackboard.getTicket(i), id);
  assert.equal(rated.satisfaction, 4);
  assert.ok(rated.comments.some((c) => c.body === 'Works again, thanks' && c.author === 'alice@example.org' && !c.internal));
  assert.ok(rated.comments.some((c) => c.body === NOTE), 'the internal note survived her write');

  // --- it breaks again: Alice reopens with a reason -------------------------------------
  await clickItem(alice.page, 'Reopen…##request');
  await clickItem(alice.page, 'Reopen##request-confirm');
  await waitForRect(alice.page, 'request-message');  // a reason is required
  await clickItem(alice.page, 'request-reopen-reason');
  await alice.page.keyboard.type('Dropped again this morning');
  await clickItem(alice.page, 'Reopen##request-confirm');
  await waitFor(alice.page, (i) => window.tackboard.getTicket(i).then((t) => t.status !== 'resolved'), id, 'the reopen');
  await waitForNoRect(alice.page, `Resolved##badge-resolved-${id}`);
  await sync(alice.page);
  assert.deepEqual((await api(alice, () => window.tackboard.syncStatus())).refused, {}, 'the server took the reopen');
  await sync(agent.page);
  const reopened = await api(agent, (i) => window.tackboard.getTicket(i), id);
  assert.notEqual(reopened.status, 'resolved');
  assert.ok(reopened.history.some((h) => h.field === 'status' && (h.note || '').includes('Dropped again this morning')));

  for (const p of [agent, alice, ben]) assert.deepEqual(p.errors, []);
});

test('on a board kept only in this browser the role is chosen here, and #/request shows the requester side', async () => {
  // Closed with the browser, after the tests.
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openBoard(page, fixture.app.url + '#/request');
  const p = { page, errors };
  await waitForRect(page, 'request-view-title');
  await waitForRect(page, 'local-roles-request');  // "roles are a convenience, not a protection"
  // No name yet: it comes first, and the form waits for it.
  assert.equal(await page.evaluate(() => window.tackboard.uiRect('Submit##request')), null);
  await clickItem(page, 'use-identity-request');
  await waitForRect(page, 'identity-error##request');
  await clickItem(page, 'identity-name-request');
  await page.keyboard.type('carol@example.org');
  await clickItem(page, 'use-identity-request');
  await waitForRect(page, 'Submit##request');
  const me = await page.evaluate(() => window.tackboard.identity());
  assert.equal(me.name, 'carol@example.org');
  assert.equal(me.from_server, false);
  // The same choice in the Sync dialog, under "Who you are".
  await clickItem(page, 'Sync');
  await waitForRect(page, 'local-roles-sync');
  await waitForRect(page, 'identity-name-sync');
  await screenshot(page, 'request-sync-identity');
  await clickItem(page, 'Close##sync');
  await waitForNoRect(page, 'local-roles-sync');
  // An agent at #/request can go back to the board.
  await clickItem(page, 'Back to the board##request');
  await waitForRect(page, 'New ticket##toolbar');
  // As a requester, the request view replaces the board, also after a reload.
  await page.evaluate(() => window.tackboard.setIdentity({ name: 'carol@example.org', role: 'requester' }));
  await waitForRect(page, 'request-view-title');
  // This board holds the team's internal notes too: the request view never draws them.
  const rid = await page.evaluate(() => window.tackboard.createTicket({ title: 'Printer on floor 2', requester: 'carol@example.org' }));
  for (const [body, internal] of [['Public: toner is ordered', false], ['Secret: the printer is being replaced', true]])
    await page.evaluate(([i, b, n]) => window.tackboard.execute({ op: 'comment', id: i, comment: { body: b, internal: n, author: 'dan' } }),
                        [rid, body, internal]);
  await clickItem(page, `request-${rid}`);
  await waitFor(page, () => window.tackboard.uiLabels('Public: toner').then((l) => l.length > 0), null, 'the public answer');
  assert.deepEqual(await page.evaluate(() => window.tackboard.uiLabels('Secret:')), []);
  await page.evaluate(() => window.tackboard.flush());
  await openBoard(page, fixture.app.url);
  await waitForRect(page, 'request-view-title');
  assert.equal((await page.evaluate(() => window.tackboard.identity())).role, 'requester');
  assert.deepEqual(p.errors, []);
});

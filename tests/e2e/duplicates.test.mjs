// Duplicate detection and knowledge suggestions in the New ticket dialog: tickets like the
// one being typed are listed under the form; "Duplicate of this" creates the new ticket
// closed and linked to the listed one in one undo step; resolved tickets whose last public
// comment may answer it are offered under "Maybe this answers it", knowledge articles
// first, and "Open" shows one without losing the draft. The ticket panel marks a resolved
// ticket as a knowledge article.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);
const rectOf = (page, label) => page.evaluate((l) => window.tackboard.uiRect(l), label);

function create(page, fields) {
  return page.evaluate((f) => window.tackboard.createTicket(f), fields);
}

async function comment(page, id, body, internal = false) {
  await page.evaluate(([i, b, n]) => window.tackboard.execute({ op: 'comment', id: i, comment: { body: b, internal: n } }),
                      [id, body, internal]);
}

// Words weigh by how rare they are on the board (core/similar.hpp): on a board of two
// tickets sharing every word, no word tells them apart. A few unrelated tickets make the
// board a realistic one.
async function createFillers(page) {
  await page.evaluate(async () => {
    for (const title of ['Password reset for the new intern', 'Second screen flickers', 'Badge reader at the entrance',
                         'Shared calendar missing in Outlook'])
      await window.tackboard.createTicket({ title });
  });
}

async function typeNewTicketTitle(page, title) {
  await clickItem(page, 'New ticket');
  await clickItem(page, 'new-title');
  await page.keyboard.type(title);
}

test('similar tickets are listed while typing; "Duplicate of this" creates it closed and linked, one undo step', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const [french, swedish, chinese, unrelated, access] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'Imprimante en panne au deuxième étage',
                                          description: "L'imprimante du couloir n'imprime plus depuis ce matin." }),
    await window.tackboard.createTicket({ title: 'Skrivaren på plan 3 fungerar inte' }),
    await window.tackboard.createTicket({ title: '三楼的打印机无法打印' }),
    await window.tackboard.createTicket({ title: 'VPN drops every hour' }),
    // Shares one common word ("en") with what is typed: not enough to be listed.
    await window.tackboard.createTicket({ title: 'Accès en lecture au dossier partagé' }),
  ]);
  await waitForRect(page, 'VPN drops every hour');

  await typeNewTicketTitle(page, 'Imprimante en panne');
  await waitForRect(page, `suggested-${french}`);
  await waitForRect(page, 'similar-heading');
  for (const other of [swedish, chinese, unrelated, access])
    assert.equal(await rectOf(page, `suggested-${other}`), null, `ticket ${other} is not listed`);
  assert.equal(await rectOf(page, 'answers-heading'), null, 'no empty knowledge heading');
  // The row and its buttons sit inside the dialog (520 px wide, centred).
  const row = await waitForRect(page, `suggested-${french}`);
  const button = await waitForRect(page, `duplicate-of-${french}`);
  const title = await waitForRect(page, 'new-title');
  assert.ok(row.x >= title.x - 1 && button.x + button.width <= title.x + title.width + 1, 'the row fits the dialog');
  assert.ok(Math.abs(button.y - row.y) < 4, 'the buttons are beside the title at this width');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'duplicates-similar');

  await clickItem(page, `duplicate-of-${french}`);
  await waitForNoRect(page, 'new-title');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => (t.links || []).length === 1), french,
                'the link on the original');
  const [back] = (await ticket(page, french)).links;
  assert.equal(back.kind, 'duplicated_by');
  const created = await ticket(page, back.target);
  assert.equal(created.title, 'Imprimante en panne');
  assert.equal(created.status, 'resolved', 'created in the first done status');
  assert.deepEqual(created.links, [{ kind: 'duplicate_of', target: french }]);
  assert.ok(created.history.length >= 1 && created.created > 0);
  assert.deepEqual(await page.evaluate(() => window.tackboard.query('status:resolved')), [back.target]);

  // One undo step takes both away: the ticket (deleted) and the link.
  await page.mouse.click(700, 880);  // the board, not a text field
  await page.keyboard.press('Control+z');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.deleted === true), back.target, 'the undo');
  assert.deepEqual((await ticket(page, french)).links ?? [], []);
  assert.deepEqual(await page.evaluate(() => window.tackboard.query('status:resolved')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Duplicate of this" is refused like Create when a required field is missing', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const original = await create(page, { title: 'Crash when saving a ticket', type: 'bug', 'fields.steps': 'Press Save' });
  await createFillers(page);
  await clickItem(page, 'New ticket');
  await clickItem(page, 'new-type');
  await clickItem(page, 'Bug');
  await waitForRect(page, 'field-steps');
  await clickItem(page, 'new-title');
  await page.keyboard.type('Crash when saving');
  await clickItem(page, `duplicate-of-${original}`);
  await waitForRect(page, 'A Bug needs: Steps to reproduce');
  await waitForRect(page, 'new-title');  // still open, with what was typed
  assert.deepEqual((await ticket(page, original)).links ?? [], []);
  assert.deepEqual(await page.evaluate(() => window.tackboard.query('crash')), [original]);
  await page.close();
});

test('resolved answers are suggested under "Maybe this answers it", articles first; Open keeps the draft', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const answer = 'Known problem with the old VPN client: reinstall the client from the software portal, then sign in again.';
  const [article, other, open] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'VPN disconnects every few minutes', status: 'resolved',
                                          labels: ['knowledge-base'] }),
    await window.tackboard.createTicket({ title: 'VPN disconnects in the hotel', status: 'resolved' }),
    await window.tackboard.createTicket({ title: 'VPN disconnects after sleep' }),
    await window.tackboard.createTicket({ title: 'Printer out of toner' }),
  ]);
  await comment(page, article, answer);
  await comment(page, article, 'Internal: vendor case 4411 still open.', true);  // not what is quoted
  await comment(page, other, 'Hotel networks block UDP: use the TCP profile.');

  await typeNewTicketTitle(page, 'VPN disconnects');
  const heading = await waitForRect(page, 'Maybe this answers it');
  const first = await waitForRect(page, `suggested-${article}`);
  const second = await waitForRect(page, `suggested-${other}`);
  assert.ok(heading.y < first.y && first.y < second.y, 'under the heading, the article first');
  const quoted = await waitForRect(page, `answer-${article}`);
  assert.ok(quoted.y > first.y && quoted.y < second.y, "the article's answer under its title");
  assert.ok(await rectOf(page, answer), 'the public comment is quoted, not the internal note');
  assert.ok(await rectOf(page, 'Hotel networks block UDP: use the TCP profile.'));
  // The open one is a possible duplicate, above the answers; no ticket is listed twice.
  const similar = await waitForRect(page, `suggested-${open}`);
  assert.ok(similar.y < heading.y);
  assert.equal(await rectOf(page, `answer-${open}`), null);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'duplicates-answers');

  // Open shows the article in the side panel; New ticket brings the draft back.
  await clickItem(page, `open-${article}`);
  await waitForNoRect(page, 'new-title');
  await waitForRect(page, 'ticket-panel');
  await waitForRect(page, answer);  // the comment, in the panel
  await clickItem(page, 'New ticket');
  await waitForRect(page, `suggested-${article}`);  // still "VPN disconnects"
  await page.keyboard.type(' at home');  // the cursor is after the draft's title, nothing selected
  await clickItem(page, 'Create');
  await waitForNoRect(page, 'new-title');
  const titles = await page.evaluate(async () => {
    const ids = await window.tackboard.query('status:new');
    return Promise.all(ids.map((i) => window.tackboard.getTicket(i).then((t) => t.title)));
  });
  assert.ok(titles.includes('VPN disconnects at home'), `the draft was kept: ${titles}`);
  // Cancel discards it: the next form is empty, so nothing is suggested.
  await clickItem(page, 'New ticket');
  await waitForRect(page, 'new-title');
  await page.keyboard.type('VPN disconnects');
  await waitForRect(page, `suggested-${article}`);
  await clickItem(page, 'Cancel');
  await waitForNoRect(page, 'new-title');
  await clickItem(page, 'New ticket');
  await waitForRect(page, 'new-title');
  await page.waitForTimeout(200);
  assert.equal(await rectOf(page, `suggested-${article}`), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the dialog with suggestions fits a phone', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 390, height: 844 } });
  await openBoard(page, fixture.server.url);
  const [article] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'VPN disconnects every few minutes on the office network',
                                          status: 'resolved', labels: ['knowledge-base'] }),
    await window.tackboard.createTicket({ title: 'VPN disconnects after sleep' }),
  ]);
  await comment(page, article, 'Reinstall the VPN client from the software portal, then sign in again.');
  await createFillers(page);
  await typeNewTicketTitle(page, 'VPN disconnects');
  const row = await waitForRect(page, `suggested-${article}`);
  const button = await waitForRect(page, `duplicate-of-${article}`);
  assert.ok(button.x + button.width <= 390 && row.x + row.width <= 390, 'on screen');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'duplicates-phone');
  await page.close();
});

test('the panel of a resolved ticket marks it as a knowledge article, undoably', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await openBoard(page, fixture.server.url);
  const [done, open] = await page.evaluate(async () => [
    await window.tackboard.createTicket({ title: 'Outlook asks for the password again', status: 'resolved', labels: ['email'] }),
    await window.tackboard.createTicket({ title: 'Outlook is slow' }),
  ]);
  const labels = async () => (await ticket(page, done)).labels ?? [];
  await clickItem(page, 'Outlook asks for the password again');
  await clickItem(page, 'Knowledge article');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => (t.labels || []).includes('knowledge-base')), done,
                'the label added');
  assert.deepEqual(await labels(), ['email', 'knowledge-base']);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(150);
  await screenshot(page, 'duplicates-knowledge-toggle');
  await clickItem(page, 'Knowledge article');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => !(t.labels || []).includes('knowledge-base')), done,
                'the label removed');
  assert.deepEqual(await labels(), ['email']);
  await clickItem(page, 'Undo');
  await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => (t.labels || []).includes('knowledge-base')), done,
                'the removal undone');

  // Only resolved (done) tickets have it.
  await clickItem(page, 'Close panel');
  await clickItem(page, 'Outlook is slow');
  await waitForRect(page, 'Close panel');
  await page.waitForTimeout(150);
  assert.equal(await rectOf(page, 'Knowledge article'), null, 'not for an open ticket');
  assert.equal((await ticket(page, open)).status, 'new');
  await page.close();
});

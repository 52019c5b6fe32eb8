// Swimlanes: the board in horizontal lanes by assignee (or priority, type, label);
// dragging a card to another lane changes that field, and Ctrl+Z changes it back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clickItem, dragCardTo, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors,
  withServerAndBrowser,
} from './helpers.mjs';

async function chooseSwimlanes(page, field) {
  await clickItem(page, 'swimlanes');
  await clickItem(page, 'swimlane-' + field);
}

const assigneeOf = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i).then((t) => t.assignee ?? ''), id);

// Rectangles that overlap by more than a pixel.
function overlaps(a, b) {
  return a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height;
}

// Is `a` within `b` (a pixel of slack)?
function inside(a, b) {
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

describe('swimlanes', () => {
  const fixture = withServerAndBrowser();

  test('lanes by assignee: a card dragged to another lane is reassigned, and undo restores it', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
    const moved = await create({ title: 'Printer jams on tray 2', assignee: 'alice' });
    await create({ title: 'VPN drops hourly', assignee: 'bob', status: 'triage' });
    await create({ title: 'Badge reader offline' });

    await chooseSwimlanes(page, 'assignee');
    const alice = await waitForRect(page, 'lane:alice');
    const bob = await waitForRect(page, 'lane:bob');
    const nobody = await waitForRect(page, 'lane:Unassigned');
    assert.ok(alice.y < bob.y && bob.y < nobody.y, 'lanes top to bottom: alice, bob, Unassigned');
    const aliceNew = await waitForRect(page, 'cell:alice/New');
    assert.ok(inside(await waitForRect(page, 'Printer jams on tray 2'), aliceNew), "the card sits in alice's lane");

    // No two lane headers or cells overlap, and each card is inside its cell.
    const rects = [alice, bob, nobody, aliceNew];
    for (const name of ['cell:bob/New', 'cell:bob/Triage', 'cell:Unassigned/New', 'cell:alice/Triage'])
      rects.push(await waitForRect(page, name));
    for (let i = 0; i < rects.length; ++i)
      for (let j = i + 1; j < rects.length; ++j)
        assert.ok(!overlaps(rects[i], rects[j]), `no overlap: ${JSON.stringify(rects[i])} ${JSON.stringify(rects[j])}`);
    for (const [title, cell] of [['VPN drops hourly', 'cell:bob/Triage'], ['Badge reader offline', 'cell:Unassigned/New']])
      assert.ok(inside(await waitForRect(page, title), await waitForRect(page, cell)), `${title} in ${cell}`);
    await screenshot(page, 'swimlanes-assignee-light');
    await page.evaluate(() => window.tackboard.setTheme('dark'));
    await page.waitForTimeout(300);
    await screenshot(page, 'swimlanes-assignee-dark');
    await page.evaluate(() => window.tackboard.setTheme('light'));

    const target = await waitForRect(page, 'cell:bob/New');
    await dragCardTo(page, 'Printer jams on tray 2', target.x + target.width / 2, target.y + 30);
    await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.assignee === 'bob'), moved, 'reassigned');
    assert.ok(inside(await waitForRect(page, 'Printer jams on tray 2'), await waitForRect(page, 'cell:bob/New')),
              "the card is in bob's lane now");
    assert.equal((await page.evaluate((i) => window.tackboard.getTicket(i), moved)).status, 'new');

    await page.keyboard.press('Control+z');
    await waitFor(page, (id) => window.tackboard.getTicket(id).then((t) => t.assignee === 'alice'), moved, 'undone');
    assert.equal(await assigneeOf(page, moved), 'alice');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a lane folds and unfolds; dropping into another lane and column changes both', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openBoard(page, fixture.server.url);
    const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
    const id = await create({ title: 'Mail bounces', priority: 'low' });
    await create({ title: 'Server room hot', priority: 'urgent', status: 'in_progress' });
    await chooseSwimlanes(page, 'priority');
    await waitForRect(page, 'cell:Low/New');

    await clickItem(page, 'lane:Low');  // folds: its cells and cards go
    await waitForNoRect(page, 'cell:Low/New');
    await waitForNoRect(page, 'Mail bounces');
    await clickItem(page, 'lane:Low');
    await waitForRect(page, 'Mail bounces');

    const target = await waitForRect(page, 'cell:Urgent/In progress');
    await dragCardTo(page, 'Mail bounces', target.x + target.width / 2, target.y + target.height - 10);
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.priority === 'urgent' && t.status === 'in_progress'),
                  id, 'moved to urgent / in progress');
    const upper = await waitForRect(page, 'Server room hot');
    const card = await waitForRect(page, 'Mail bounces');
    assert.ok(card.y > upper.y, 'dropped below the card already there');
    await screenshot(page, 'swimlanes-priority');
    await page.close();
  });

  test('with lanes, j/k go lane by lane, the arrows stay in the lane, and a folded lane takes a dropped card', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
    const urgentOne = await create({ title: 'Urgent one', priority: 'urgent' });
    await create({ title: 'Urgent two', priority: 'urgent' });  // newest: first in its cell
    await create({ title: 'Low one', priority: 'low' });
    await create({ title: 'Low later', priority: 'low', status: 'in_progress' });
    await chooseSwimlanes(page, 'priority');
    await waitForRect(page, 'cell:Low/New');
    const panelTitle = () => page.evaluate(() => {
      const id = new URLSearchParams(location.hash.slice(1)).get('ticket');
      return id ? window.tackboard.getTicket(id).then((t) => t.title) : '';
    });
    const expectPanel = (title, step) => waitFor(page, async (t) => {
      const id = new URLSearchParams(location.hash.slice(1)).get('ticket');
      return !!id && (await window.tackboard.getTicket(id)).title === t;
    }, title, step);

    await clickItem(page, 'column:Waiting');  // the canvas has the keyboard, nothing selected
    await page.keyboard.press('j');           // the first card of the first lane
    await page.keyboard.press('Enter');
    await expectPanel('Urgent two', 'j: the first card');
    await page.keyboard.press('j');
    await expectPanel('Urgent one', 'j: down its cell');
    await page.keyboard.press('j');           // past the empty High and Normal lanes
    await expectPanel('Low one', 'j: on into the same column of the next lane with cards');
    await page.keyboard.press('k');
    await expectPanel('Urgent one', 'k: back up into the lane above');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');  // the next column of the same lane
    await expectPanel('Low later', 'ArrowRight within the Low lane');
    await page.keyboard.press('ArrowLeft');
    await expectPanel('Low one', 'ArrowLeft within the Low lane');
    assert.equal(await panelTitle(), 'Low one');
    await page.keyboard.press('Escape');  // the panel
    await page.keyboard.press('Escape');  // the selection
    await waitFor(page, () => location.hash === '#lanes=priority', undefined, 'the panel closed');

    await clickItem(page, 'lane:Low');  // folded: its cards are hidden, its header takes drops
    await waitForNoRect(page, 'Low one');
    const header = await waitForRect(page, 'lane:Low');
    await dragCardTo(page, 'Urgent one', header.x + 200, header.y + header.height / 2);
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.priority === 'low'), urgentOne,
                  'dropped on the folded Low lane');
    const moved = await page.evaluate((i) => window.tackboard.getTicket(i), urgentOne);
    assert.equal(moved.status, 'new', 'it keeps its column');
    await clickItem(page, 'lane:Low');
    assert.ok(inside(await waitForRect(page, 'Urgent one'), await waitForRect(page, 'cell:Low/New')),
              'it is in the Low lane, New column');
    await page.keyboard.press('Control+z');
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.priority === 'urgent'), urgentOne, 'undone');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('lanes by label: a card with two labels is in both lanes; a drag swaps the label it came from', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 1300 } });
    await openBoard(page, fixture.server.url);
    const id = await page.evaluate(() => window.tackboard.createTicket({ title: 'Invoice PDF broken', labels: ['billing', 'vip'] }));
    await chooseSwimlanes(page, 'label');
    const billing = await waitForRect(page, 'cell:billing/New');
    const vip = await waitForRect(page, 'cell:vip/New');
    assert.ok(billing.y < vip.y);
    const network = await waitForRect(page, 'cell:network/New');
    // By its full label the registry gives the copy drawn last: the one in the vip lane.
    const label = 'Invoice PDF broken##card-' + id;
    assert.ok(inside(await waitForRect(page, 'Invoice PDF broken'), billing), 'one copy in the billing lane');
    assert.ok(inside(await waitForRect(page, label), vip), 'one in the vip lane');
    await dragCardTo(page, label, network.x + network.width / 2, network.y + 20);
    await waitFor(page, (i) => window.tackboard.getTicket(i).then((t) => t.labels.join() === 'billing,network'), id,
                  'vip swapped for network');
    await page.close();
  });

  test('the lanes are kept in the address: a reload, a hand-written link and back/forward open them', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    await page.evaluate(() => window.tackboard.createTicket({ title: 'Kept in lanes', assignee: 'carol', priority: 'high' }));
    await page.evaluate(() => window.tackboard.flush());
    const hash = () => page.evaluate(() => location.hash);
    assert.equal(await hash(), '', 'no lanes: nothing in the address');

    await chooseSwimlanes(page, 'assignee');
    await waitForRect(page, 'lane:carol');
    await waitFor(page, () => location.hash === '#lanes=assignee', undefined, 'the hash #lanes=assignee');
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    await waitForRect(page, 'lane:carol');
    assert.equal(await hash(), '#lanes=assignee', 'the reload kept the hash');

    // Back to no lanes through the combo: the hash goes.
    await chooseSwimlanes(page, 'none');
    await waitForNoRect(page, 'lane:carol');
    await waitFor(page, () => location.hash === '', undefined, 'the hash to empty');

    // A link written by hand (with the filter) opens priority lanes.
    await page.goto(fixture.server.url + '#lanes=priority&q=lanes');
    await page.evaluate(() => window.tackboard.ready());
    await waitForRect(page, 'lane:High');
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('lane:carol')), null, 'not by assignee');
    await waitForRect(page, 'Kept in lanes');

    // The hash changed by hand on an open page (back/forward do the same): applied.
    await page.evaluate(() => { location.hash = 'lanes=assignee'; });
    await waitForRect(page, 'lane:carol');
    await page.goBack();
    await waitForRect(page, 'lane:High');
    // A value it does not know is no lanes at all.
    await page.evaluate(() => { location.hash = 'lanes=colour&q=lanes'; });
    await waitForNoRect(page, 'lane:High');
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('lane:carol')), null);
    await waitForRect(page, 'Kept in lanes');
    assert.deepEqual(errors, []);
    await page.close();
  });
});

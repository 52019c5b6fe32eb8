// The system clipboard: Ctrl+C on a selected card copies the ticket as markdown; Ctrl+V
// in a text field pastes what the browser's paste event carried.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, openBoard, settle, waitFor, waitForRect, withServerAndBrowser } from './helpers.mjs';

const fixture = withServerAndBrowser();

test('copy a ticket with Ctrl+C, paste text into a field with Ctrl+V', async () => {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fixture.server.url });
  const page = await context.newPage();
  await openBoard(page, fixture.server.url);
  await page.evaluate(() => window.tackboard.createTicket(
    { title: 'VPN drops hourly', priority: 'high', labels: ['network'], requester: 'Ana', due: Date.UTC(2027, 2, 1),
      description: 'Since the **firewall** update.' }));
  await clickItem(page, 'VPN drops hourly');
  await page.keyboard.press('Control+c');
  await waitFor(page, () => navigator.clipboard.readText().then((t) => t.startsWith('## VPN drops hourly')), undefined,
                'the ticket on the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /· High ·/);
  assert.match(copied, /labels: network/);
  assert.match(copied, /Since the \*\*firewall\*\* update\./);
  // In the language the board is read in: French names and words, the date as the French write it.
  await page.evaluate(() => window.tackboard.setLanguage('fr'));
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+c');
  await waitFor(page, () => navigator.clipboard.readText().then((t) => t.startsWith('## VPN drops hourly')), undefined,
                'the ticket copied in French');
  const french = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(french, /· Haute ·/);
  assert.match(french, /· demandé par Ana ·/);
  assert.match(french, /échéance 1 mars 2027/);
  assert.match(french, /étiquettes : network/);
  await page.evaluate(() => window.tackboard.setLanguage('en'));

  // Paste: the browser's paste event brings text from outside into a field.
  await page.evaluate(() => navigator.clipboard.writeText('Pasted from a mail: 打印机坏了'));
  await clickItem(page, 'New ticket');
  await clickItem(page, 'new-title');
  // The field must be taking text before the paste arrives (the shell's clipboard read can
  // be answered before the app's next frame has handled the click).
  await settle(page);
  await page.keyboard.press('Control+v');
  // Synthetic keys bring no paste event: the shell reads navigator.clipboard, which
  // answers asynchronously, then types the text in.
  await page.waitForTimeout(500);
  await clickItem(page, 'Create');
  await waitForRect(page, 'Pasted from a mail: 打印机坏了');
  const titles = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).tickets.map((t) => t.title));
  assert.ok(titles.includes('Pasted from a mail: 打印机坏了'), titles.join(' | '));
  await context.close();
});

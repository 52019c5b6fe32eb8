// Markdown in the ticket panel: a description and a comment drawn with md4c's parse
// (headings, emphasis, lists, task lists, code, Chinese text), links recorded as
// "link <url>" items that open a new tab when clicked, and raw HTML shown as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clickItem, openBoard, screenshot, waitForRect, watchErrors, withServerAndBrowser } from './helpers.mjs';

const DESCRIPTION = `# Printer offline

The **main printer** on floor 2 is *not responding* since ~~Monday~~ Tuesday.
See [the runbook](https://example.com/runbook?printer=2&floor=2) or https://status.example.com.

- Power cycled it
- Checked the cable
  - network cable is fine
1. Call the vendor
2. Order toner

- [x] Ticket opened
- [ ] Replacement ordered

> Users cannot print invoices.

\`\`\`
$ lpstat -p printer2
printer printer2 disabled  **not bold**
\`\`\`

服务器宕机了，打印队列也停了。请尽快处理这个问题，谢谢大家的耐心等待和理解。

<script>alert(1)</script> and \`inline code\`.`;

describe('markdown', () => {
  const fixture = withServerAndBrowser();

  test('a description and a comment are drawn as markdown; a link opens a new tab', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    // The stub stands in for the tab a click opens (no network in the tests).
    await page.evaluate(() => {
      window.openedUrls = [];
      window.alert = () => { window.alerted = true; };
      window.open = (url, target, features) => { window.openedUrls.push({ url, target, features }); return null; };
    });
    const title = 'Printer offline on floor 2';
    const id = await page.evaluate((d) => window.tackboard.createTicket({ title: d.title, description: d.description }),
                                   { title, description: DESCRIPTION });
    await page.evaluate((ticketId) => window.tackboard.execute({
      op: 'comment', id: ticketId,
      comment: { body: 'Vendor says: **tomorrow** — see [ticket 42](https://vendor.example/t/42)', internal: false },
    }), id);
    await clickItem(page, title);
    await waitForRect(page, 'ticket-panel');

    const link = await waitForRect(page, 'link https://example.com/runbook?printer=2&floor=2');
    assert.ok(link.width > 30 && link.height > 10, 'the link has the size of its text');
    await waitForRect(page, 'link https://status.example.com');  // a bare URL becomes a link
    await waitForRect(page, 'link https://vendor.example/t/42');  // links in comments too
    // Raw HTML is text: no script ran, and the page is still fine.
    assert.equal(await page.evaluate(() => typeof window.alerted), 'undefined');

    await page.mouse.move(link.x + link.width / 2, link.y + link.height / 2);
    await page.waitForTimeout(300);  // the tooltip and the underline
    await screenshot(page, 'markdown-panel');

    await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
    const deadline = Date.now() + 5000;
    let opened = [];
    while (opened.length === 0 && Date.now() < deadline) {
      opened = await page.evaluate(() => window.openedUrls);
      if (opened.length === 0) await page.waitForTimeout(50);
    }
    assert.deepEqual(opened, [{ url: 'https://example.com/runbook?printer=2&floor=2', target: '_blank', features: 'noopener' }]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a javascript: link is not a link', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 800 } });
    await openBoard(page, fixture.server.url);
    const title = 'Suspicious link in a ticket';
    await page.evaluate((t) => window.tackboard.createTicket({
      title: t, description: '[click me](javascript:alert(1)) and [fine](https://example.org)' }), title);
    await clickItem(page, title);
    await waitForRect(page, 'link https://example.org');
    assert.equal(await page.evaluate(() => window.tackboard.uiRect('link javascript:alert(1)')), null);
    await page.close();
  });
});

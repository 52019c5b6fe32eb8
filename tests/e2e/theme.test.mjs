// Light and dark themes: the app follows the system's prefers-color-scheme, a choice
// made through tackboard.setTheme overrides it and survives a reload. Whether the canvas
// is really dark is measured on screenshots (decodePng in helpers.mjs).
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import {
  clickItem, decodePng, openBoard, screenshot, waitFor, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

// Mean luma (0 black … 1 white) of a region of the page as drawn.
async function meanLuminance(page, clip) {
  const { channels, pixels } = decodePng(await page.screenshot({ clip }));
  let sum = 0, count = 0;
  for (let i = 0; i < pixels.length; i += channels, ++count)
    sum += 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
  return sum / count / 255;
}

// The first two columns (with the cards), header to bottom; the others may be hidden
// behind the ticket panel.
async function boardArea(page) {
  const first = await waitForRect(page, 'column:New');
  const last = await waitForRect(page, 'column:Triage');
  return { x: first.x, y: first.y, width: last.x + last.width - first.x, height: first.height };
}

async function panelArea(page) {
  const r = await waitForRect(page, 'ticket-panel');
  return { x: r.x, y: r.y, width: r.width, height: Math.min(r.height, 600) };
}

const theme = (page) => page.evaluate(() => window.tackboard.theme());

describe('theme', () => {
  const fixture = withServerAndBrowser();

  test('follows a dark system, a choice overrides it and is remembered', async () => {
    const context = await fixture.browser.newContext({ colorScheme: 'dark', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openBoard(page, fixture.server.url);
    assert.equal(await theme(page), 'dark');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(22, 26, 33)',
                 'the page behind the canvas is dark too');

    const title = 'Badge reader refuses every card at gate B';
    await page.evaluate((t) => Promise.all([
      window.tackboard.createTicket({
        title: t, type: 'bug', 'fields.steps': 'Hold any badge to the reader', requester: 'amira', priority: 'high',
        description: 'Since the update:\n\n- [x] rebooted the reader\n- [ ] checked `badge-sync` logs\n\n' +
                     '> The gate stays shut.\n\n```\nERR 0x31 card rejected\n```' }),
      window.tackboard.createTicket({ title: 'Order toner for the 3rd floor', status: 'triage' }),
    ]), title);
    await clickItem(page, title);
    await waitForRect(page, 'ticket-panel');
    const dark = await meanLuminance(page, await boardArea(page));
    assert.ok(dark < 0.3, `the board is dark (mean luminance ${dark.toFixed(3)})`);
    const darkPanel = await meanLuminance(page, await panelArea(page));
    assert.ok(darkPanel < 0.3, `the panel is dark (mean luminance ${darkPanel.toFixed(3)})`);
    await screenshot(page, 'theme-dark-board-panel');
    await clickItem(page, 'panel-status');
    await page.waitForTimeout(200);
    await screenshot(page, 'theme-dark-status-popup');
    await clickItem(page, 'Triage');  // closes the popup
    await waitFor(page, () => window.tackboard.query('status:triage').then((ids) => ids.length === 2), undefined,
                  'the ticket to move to Triage');

    assert.equal(await page.evaluate(() => window.tackboard.setTheme('light')), 'light');
    assert.equal(await theme(page), 'light');
    await waitForRect(page, 'ticket-panel');
    await page.waitForTimeout(200);  // the next frame
    const light = await meanLuminance(page, await boardArea(page));
    assert.ok(light > 0.7, `the board is light after choosing light (mean luminance ${light.toFixed(3)})`);
    await screenshot(page, 'theme-light-board-panel');

    await page.evaluate(() => window.tackboard.flush());
    await page.reload();
    await page.evaluate(() => window.tackboard.ready());
    assert.equal(await theme(page), 'light', 'the choice is remembered');
    const again = await meanLuminance(page, await boardArea(page));
    assert.ok(again > 0.7, `still light after a reload (mean luminance ${again.toFixed(3)})`);

    assert.equal(await page.evaluate(() => window.tackboard.setTheme('system')), 'dark');
    await page.waitForTimeout(200);
    const system = await meanLuminance(page, await boardArea(page));
    assert.ok(system < 0.3, `dark again when following the system (mean luminance ${system.toFixed(3)})`);

    // The system switching to light while followed.
    await page.emulateMedia({ colorScheme: 'light' });
    await waitFor(page, () => window.tackboard.theme() === 'light', undefined, 'the light system theme');
    await page.waitForTimeout(200);
    const followed = await meanLuminance(page, await boardArea(page));
    assert.ok(followed > 0.7, `light when the system turns light (mean luminance ${followed.toFixed(3)})`);

    await assert.rejects(page.evaluate(() => window.tackboard.setTheme('sepia')), /light', 'dark' or 'system'/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('dialogs are readable in dark: new ticket, import preview', async () => {
    const context = await fixture.browser.newContext({ colorScheme: 'dark', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await openBoard(page, fixture.server.url);
    await clickItem(page, 'New ticket');
    await clickItem(page, 'Create');  // refused: shows the error text
    await waitForRect(page, "'title' cannot be empty");
    await screenshot(page, 'theme-dark-new-ticket');
    await page.keyboard.press('Escape');

    const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
    await clickItem(page, 'Import');
    await (await chooser).setFiles(path.join(fixtures, 'trello-board.json'));
    await waitForRect(page, 'import-apply', 10000);
    await screenshot(page, 'theme-dark-import');
    await context.close();
  });
});


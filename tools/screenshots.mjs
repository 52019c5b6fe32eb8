// tools/screenshots.mjs — regenerates the README's screenshots from the built app:
//   node tools/screenshots.mjs      (after make build-web; TACKBOARD_APP_DIR serves another build)
// Starts serve.py on a free port, fills throwaway profiles with tickets through
// window.tackboard, and writes docs/screenshot-board.png (the board),
// docs/screenshot-editor.png (a ticket open in its panel's editor) and
// docs/screenshot-reports.png (Reports over four weeks of a desk on a simulated clock).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clickItem, launchBrowser, openBoard, startServer, waitForRect } from '../tests/e2e/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tickets = [
  { title: 'VPN drops every hour on the Lyon office Wi-Fi', type: 'incident', priority: 'urgent', status: 'in_progress', assignee: 'Ana', 'fields.impact': 'One team' },
  { title: '上海办公室的打印机无法连接网络', type: 'support', priority: 'high', status: 'triage', assignee: 'Li' },
  { title: 'Skrivaren i Göteborg skriver ut tomma sidor', type: 'support', priority: 'normal', status: 'new' },
  { title: 'Printer on floor 2 jams on duplex', type: 'support', priority: 'normal', status: 'new' },
  { title: 'New starter: laptop and accounts for Sven', type: 'change', priority: 'high', status: 'triage', 'fields.planned_for': 1796601600000, 'fields.risk': 'Low' },
  { title: 'Export to CSV loses accented names', type: 'bug', priority: 'high', status: 'in_progress', assignee: 'Li', 'fields.steps': 'Export a board with the name Amélie' },
  { title: 'Dark mode for the customer portal', type: 'feature', priority: 'low', status: 'new' },
  { title: 'Password reset mail never arrives', type: 'support', priority: 'high', status: 'waiting', assignee: 'Ana' },
  { title: 'Invoice PDF shows the wrong VAT rate', type: 'bug', priority: 'urgent', status: 'triage', 'fields.steps': 'Open any invoice from November' },
  { title: 'Add the Stockholm office to the on-call rota', type: 'change', priority: 'normal', status: 'resolved', assignee: 'Li', 'fields.planned_for': 1796601600000, 'fields.risk': 'Medium' },
  { title: 'Shared drive quota raised for Marketing', type: 'support', priority: 'low', status: 'closed', assignee: 'Sam' },
];

async function save(page, name) {
  await page.mouse.move(1, 1);  // no hover highlight or tooltip
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(root, 'docs', name) });
  console.log('wrote docs/' + name);
}

// Four weeks of a small desk, day by day on the app's clock: tickets come in, are answered
// within hours, resolved a few days later and rated, so every chart has something to show.
// A fixed pseudo-random sequence keeps the picture the same from run to run.
async function fillDesk(page) {
  const HOUR = 3600 * 1000, DAY = 24 * HOUR;
  const start = Date.UTC(2026, 10, 2);  // Monday 2 November 2026
  let seed = 7;
  // (the high bits: an LCG's low bits repeat with a short period)
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.members = [{ id: 'ana', name: 'Ana', skills: [], capacity: 6 }, { id: 'li', name: 'Li', skills: [], capacity: 6 },
                    { id: 'sam', name: 'Sam', skills: [], capacity: 4 }];
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
  const words = ['VPN drops', 'Printer jams', 'Password reset', 'Laptop for a new starter', 'Invoice shows the wrong VAT',
                 'Shared drive full', 'Wi-Fi slow in room 4', 'Badge reader dead', 'Email bounces', 'Phone line crackles'];
  const events = [];  // {at, ticket: its number, then create / comment / patch}
  for (let day = 0; day < 27; day++) {
    const count = day % 7 >= 5 ? 1 : 2 + next(3);
    for (let i = 0; i < count; i++) {
      const at = start + day * DAY + (8 + next(9)) * HOUR;
      const n = events.filter((e) => e.create).length;
      const type = [{ type: 'support' }, { type: 'support' }, { type: 'incident', 'fields.impact': 'One team' },
                    { type: 'bug', 'fields.steps': 'Happens every morning' }, { type: 'feature' }][next(5)];
      events.push({ at, ticket: n, create: { title: `${words[n % words.length]} (#${n + 1})`, priority: ['urgent', 'high', 'normal', 'normal', 'low'][next(5)],
                                  ...type, assignee: ['ana', 'li', 'sam'][next(3)],
                                  labels: [['network'], ['hardware'], ['billing'], ['access'], []][next(5)] } });
      events.push({ at: at + (1 + next(6)) * HOUR, ticket: n, comment: true });
      if (next(5) > 0) {
        const resolved = at + (4 + next(90)) * HOUR;
        events.push({ at: resolved, ticket: n, patch: { status: 'resolved' } });
        if (next(2)) events.push({ at: resolved + 2 * HOUR, ticket: n, patch: { satisfaction: 3 + next(3) } });
      } else {
        events.push({ at: at + 2 * HOUR, ticket: n, patch: { status: 'in_progress' } });
      }
    }
  }
  const now = start + 27 * DAY + 12 * HOUR;
  events.sort((a, b) => a.at - b.at);
  const ids = [];
  for (const e of events) {
    if (e.at > now) continue;
    await page.evaluate((t) => window.tackboard.setClock(t), e.at);
    if (e.create) ids[e.ticket] = await page.evaluate((f) => window.tackboard.createTicket(f), e.create);
    else if (e.comment) await page.evaluate((id) => window.tackboard.execute({ op: 'comment', id, comment: { body: 'On it', internal: false } }), ids[e.ticket]);
    else await page.evaluate(([id, p]) => window.tackboard.updateTicket(id, p), [ids[e.ticket], e.patch]);
  }
  await page.evaluate((t) => window.tackboard.setClock(t), now);
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1640, height: 640 } });
  await openBoard(page, server.url);
  for (const t of tickets) await page.evaluate((fields) => window.tackboard.createTicket(fields), t);
  await waitForRect(page, tickets.at(-1).title.slice(0, 10)).catch(() => {});
  await save(page, 'screenshot-board.png');

  // The editor: the bug's card clicked, then the panel's pencil.
  await page.setViewportSize({ width: 1640, height: 800 });
  await clickItem(page, tickets[5].title);
  await clickItem(page, 'Edit ticket');
  await waitForRect(page, 'Save');
  await save(page, 'screenshot-editor.png');
  await page.close();

  const reports = await browser.newPage({ viewport: { width: 1640, height: 900 } });
  await openBoard(reports, server.url);
  await fillDesk(reports);
  await reports.evaluate(() => { location.hash = '#view=reports'; });
  await waitForRect(reports, 'chart:volume');
  await save(reports, 'screenshot-reports.png');
} finally {
  await browser.close();
  await server.stop();
}

// tools/screenshots.mjs — regenerates the README's screenshots from the built app:
//   node tools/screenshots.mjs      (after make build-web)
// Starts serve.py on a free port, fills a throwaway profile with a few tickets through
// window.tackboard, and writes docs/*.png.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openBoard, startServer, waitForRect } from '../tests/e2e/helpers.mjs';

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

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1640, height: 640 } });
  await openBoard(page, server.url);
  for (const t of tickets) await page.evaluate((fields) => window.tackboard.createTicket(fields), t);
  await waitForRect(page, tickets.at(-1).title.slice(0, 10)).catch(() => {});
  await page.mouse.move(1, 1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(root, 'docs/screenshot-board.png') });
  console.log('wrote docs/screenshot-board.png');
} finally {
  await browser.close();
  await server.stop();
}

// reports_bench.mjs — the reports dashboard in headless Chromium (printed, not asserted;
// run by `make bench`), on boards of 10 000 and 100 000 tickets spread over a year, each
// with its history (moves to In progress and Resolved, first responses, some ratings):
//   * the time the view takes to work the figures out (tackboard.frameStats().reportsMs):
//     on opening (30 days), for 90 days, and after a one-ticket edit (median of 5)
//   * CPU ms per frame (p50 / p99) while the mouse moves over a chart (tooltips) and while
//     the dashboard scrolls
//
//   node tests/bench/reports_bench.mjs [tickets...]     (default: 10000 100000)
import { launchBrowser, startServer, waitForRect } from '../e2e/helpers.mjs';
import { boardSizes } from './board_data.mjs';

const SIZES = boardSizes('reports_bench');
const log = (...a) => console.error(...a);
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)] : NaN;
};
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const HOUR = 3600e3, DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 5, 12);

// A year of a support desk: most tickets worked on and resolved, some rated, the newest open.
function boardJson(count, config) {
  let s = 4242;
  const rng = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const priorities = ['urgent', 'high', 'normal', 'low'];
  const members = ['ana', 'bo', 'li', 'sam'];
  const labels = ['billing', 'hardware', 'network', 'access', 'vip'];
  const tickets = [];
  for (let i = 0; i < count; i++) {
    const created = NOW - 365 * DAY + Math.floor((i / count) * 365 * DAY);
    const t = {
      id: 'rep-' + String(i).padStart(7, '0'), type: 'support', title: `Request ${i}`, status: 'new',
      priority: priorities[Math.floor(rng() * 4)], assignee: members[Math.floor(rng() * 4)],
      requester: 'user' + Math.floor(rng() * 500), labels: rng() < 0.5 ? [labels[Math.floor(rng() * 5)]] : [],
      created, updated: created, history: [{ at: created, by: 'me', field: 'created', old: null, new: `Request ${i}` }],
    };
    const answered = created + Math.floor((0.2 + rng() * 30) * HOUR);
    if (answered < NOW) t.first_response_at = answered;
    const started = created + Math.floor((1 + rng() * 48) * HOUR);
    if (rng() < 0.9 && started < NOW) {
      t.history.push({ at: started, by: 'me', field: 'status', old: 'new', new: 'in_progress' });
      t.status = 'in_progress';
      t.updated = started;
      const resolved = started + Math.floor((1 + rng() * 200) * HOUR);
      if (rng() < 0.95 && resolved < NOW) {
        t.history.push({ at: resolved, by: 'me', field: 'status', old: 'in_progress', new: 'resolved' });
        t.status = 'resolved';
        t.updated = t.resolved_at = resolved;
        if (rng() < 0.3 && resolved + HOUR < NOW) {
          const score = 1 + Math.floor(rng() * 5);
          t.history.push({ at: resolved + HOUR, by: t.requester, field: 'satisfaction', old: 0, new: score });
          t.satisfaction = score;
          t.updated = resolved + HOUR;
        }
      }
    }
    tickets.push(t);
  }
  return JSON.stringify({ format: 'tackboard', version: 2, config, tickets });
}

const stats = (page) => page.evaluate(() => window.tackboard.frameStats());

// Waits until a frame after `frame` was drawn, then reads the view's last refresh time.
async function refreshMs(page, frame) {
  for (let i = 0; i < 200; i++) {
    const s = await stats(page);
    if (s.frames > frame + 1) return s.reportsMs;
    await page.waitForTimeout(20);
  }
  return NaN;
}

async function framesDuring(page, act) {
  const before = (await stats(page)).frames;
  await act();
  await page.waitForTimeout(200);
  const n = (await stats(page)).frames - before;
  return (await page.evaluate((k) => window.tackboard.frameStats({ recent: k }), n)).recentCpuMs;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log('| tickets | open (30 days) | 90 days | after one edit (median of 5) | frame CPU, tooltips p50 / p99 | frame CPU, scrolling p50 / p99 |');
  console.log('|---|---|---|---|---|---|');
  for (const count of SIZES) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.evaluate(() => window.tackboard.ready());
    log(`importing ${count} tickets with history…`);
    const { config } = JSON.parse(await page.evaluate(() => window.tackboard.exportJson()));
    config.members = ['ana', 'bo', 'li', 'sam'].map((id) => ({ id, name: id, skills: [], capacity: 50 }));
    await page.evaluate((t) => window.tackboard.importJson(t), boardJson(count, config));
    await page.evaluate((at) => window.tackboard.setClock(at), NOW);
    await page.waitForTimeout(1000);
    log('opening the reports…');
    let frame = (await stats(page)).frames;
    const button = await waitForRect(page, 'Reports##view');
    await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    await waitForRect(page, 'chart:volume', 60000);
    const open = await refreshMs(page, frame);
    frame = (await stats(page)).frames;
    const r90 = await waitForRect(page, '90 days##report-days-90');
    await page.mouse.click(r90.x + r90.width / 2, r90.y + r90.height / 2);
    await page.waitForTimeout(500);
    const ninety = await refreshMs(page, frame);
    const r30 = await waitForRect(page, '30 days##report-days-30');
    await page.mouse.click(r30.x + r30.width / 2, r30.y + r30.height / 2);
    await page.waitForTimeout(500);
    const edits = [];
    for (let k = 0; k < 5; k++) {
      frame = (await stats(page)).frames;
      await page.evaluate((id) => window.tackboard.updateTicket(id, { status: 'closed' }), `rep-${String(count - 1 - k * 7).padStart(7, '0')}`);
      await page.waitForTimeout(300);
      edits.push(await refreshMs(page, frame));
    }
    log('hovering…');
    const chart = await waitForRect(page, 'chart:volume');
    const hover = await framesDuring(page, async () => {
      for (let i = 0; i <= 60; i++) {
        await page.mouse.move(chart.x + 40 + (chart.width - 60) * (i / 60), chart.y + chart.height / 2);
        await page.waitForTimeout(16);
      }
    });
    log('scrolling…');
    const scroll = await framesDuring(page, async () => {
      for (let i = 0; i < 40; i++) {
        await page.mouse.wheel(0, i < 20 ? 300 : -300);
        await page.waitForTimeout(16);
      }
    });
    console.log(`| ${count} | ${fmt(open)} ms | ${fmt(ninety)} ms | ${fmt(percentile(edits, 0.5))} ms ` +
                `| ${fmt(percentile(hover, 0.5))} / ${fmt(percentile(hover, 0.99))} (${hover.length} frames) ` +
                `| ${fmt(percentile(scroll, 0.5))} / ${fmt(percentile(scroll, 0.99))} (${scroll.length} frames) |`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

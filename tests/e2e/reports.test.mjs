// The reports dashboard (#view=reports) over a week made on a simulated clock: the period
// picked by clicking, a filter typed in the filter bar, a chart's tooltip read by hovering
// its point, CSV downloads compared with tackboard.report()'s figures, custom dates (and
// bad ones refused), the PNG snapshot, screenshots in both themes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  clickItem, decodePng, openBoard, screenshot, waitFor, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const MON = Date.UTC(2026, 10, 2);  // Monday 2 November 2026, 00:00 UTC

// The simulated clock runs on from where it is set, so times are a few ms off the hour.
function near(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) < 10000, `${what}: ${actual} ms, expected about ${expected}`);
}

async function at(page, ms) { await page.evaluate((t) => window.tackboard.setClock(t), ms); }

// A week of a small desk. Day by day (UTC): what was created, answered, resolved, rated.
async function makeWeek(page) {
  const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
  const update = (id, patch) => page.evaluate(([i, p]) => window.tackboard.updateTicket(i, p), [id, patch]);
  const answer = (id) => page.evaluate((i) => window.tackboard.execute({ op: 'comment', id: i, comment: { body: 'On it', internal: false } }), id);
  const config = await page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
  config.members = [{ id: 'ana', name: 'Ana', skills: [], capacity: 4 }, { id: 'bo', name: 'Bo', skills: [], capacity: 2 }];
  await page.evaluate((c) => window.tackboard.execute({ op: 'config', config: c }), config);
  await at(page, MON + 9 * HOUR);
  const vpn = await create({ title: 'VPN down for the Lyon office', priority: 'urgent', assignee: 'ana', labels: ['vpn'] });
  const printer = await create({ title: 'Printer jams', priority: 'low', assignee: 'bo' });
  await at(page, MON + 11 * HOUR);
  await answer(vpn);  // 2 h
  await at(page, MON + DAY + 9 * HOUR);  // Tuesday
  await update(vpn, { status: 'resolved' });  // 24 h
  await answer(printer);  // 24 h
  await at(page, MON + DAY + 10 * HOUR);
  await update(vpn, { satisfaction: 5 });
  await at(page, MON + 3 * DAY + 14 * HOUR);  // Thursday
  const laptop = await create({ title: 'New laptop for Sara', priority: 'normal', assignee: 'ana' });
  await create({ title: 'Badge reader broken', priority: 'urgent' });
  await at(page, MON + 4 * DAY + 8 * HOUR);  // Friday
  await update(printer, { status: 'resolved' });  // 95 h
  await update(laptop, { status: 'in_progress' });
  await at(page, MON + 6 * DAY + 12 * HOUR);  // Sunday noon: "today"
}

async function downloaded(page, label) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), clickItem(page, label)]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

function parseCsv(text) {
  const [header, ...rows] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

// Scrolls the dashboard (down, or up with dy < 0) until the item is on screen.
async function scrollTo(page, label, dy = 400) {
  // Over the dashboard (once scrolled, the mouse stays where it was, still over it).
  const chart = await page.evaluate(() => window.tackboard.uiRect('chart:volume'));
  if (chart) await page.mouse.move(chart.x + 10, chart.y + 10);
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((l) => window.tackboard.uiRect(l), label)) return;
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(50);
  }
  await waitForRect(page, label);
}

async function tooltip(page, chart, index) {
  const r = await waitForRect(page, `chart-point:${chart}:${index}`);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  let labels = [];
  await waitFor(page, (c) => window.tackboard.uiLabels(`chart-tooltip:${c}:`).then((l) => l.length > 0), chart, 'the tooltip');
  labels = await page.evaluate((c) => window.tackboard.uiLabels(`chart-tooltip:${c}:`), chart);
  return labels[0].slice(`chart-tooltip:${chart}:`.length).split(' | ');
}

test('reports: period, filter, tooltip, CSV and PNG agree with tackboard.report()', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  await makeWeek(page);

  await clickItem(page, 'Reports##view');
  await waitFor(page, () => location.hash === '#view=reports', undefined, 'the view in the URL');
  await waitForRect(page, 'report-period 2026-10-10 2026-11-08');  // 30 days by default, today included
  await clickItem(page, '7 days##report-days-7');
  await waitForRect(page, 'report-period 2026-11-02 2026-11-08');

  const week = await page.evaluate(() => window.tackboard.report());
  assert.equal(week.period.from, '2026-11-02');
  assert.equal(week.bucket, 'day');
  assert.equal(week.created, 4);
  assert.equal(week.resolved, 2);
  assert.equal(week.resolutionRate, 0.5);
  assert.equal(week.firstResponse.count, 2);
  near(week.firstResponse.medianMs, 13 * HOUR, 'first response median');  // 2 h and 24 h
  near(week.resolution.medianMs, (24 + 95) * HOUR / 2, 'resolution median');
  assert.deepEqual(week.satisfaction.counts, [0, 0, 0, 0, 1]);
  assert.deepEqual(week.volume.map((v) => v.created), [2, 0, 0, 2, 0, 0, 0]);
  assert.deepEqual(week.volume.map((v) => v.resolved), [0, 1, 0, 0, 1, 0, 0]);
  // The tiles say the same.
  await waitForRect(page, 'report-figure:created 4');
  await waitForRect(page, 'report-figure:resolved 2');
  await waitForRect(page, 'report-figure:resolution-rate 50 %');
  await waitForRect(page, 'report-figure:first-response 13 h');
  await screenshot(page, 'reports-light');

  // Hovering Thursday's bars reads its figures; the resolution trend on Tuesday reads 24 h.
  assert.deepEqual(await tooltip(page, 'volume', 3), ['Nov 5', 'Created: 2', 'Resolved: 0']);
  assert.deepEqual(await tooltip(page, 'times', 1), ['Nov 3', 'First response: 24 h', 'Resolution: 24 h']);
  assert.deepEqual(await tooltip(page, 'times', 2), ['Nov 4', 'First response: —', 'Resolution: —']);
  await screenshot(page, 'reports-tooltip');

  // The volume chart's CSV is the API's volume.
  const volume = await downloaded(page, 'report-csv:volume');
  assert.equal(volume.name, 'tackboard-volume-2026-11-02-2026-11-08.csv');
  const rows = parseCsv(volume.bytes.toString('utf8'));
  assert.deepEqual(rows.map((r) => r.date), week.volume.map((v) => v.date));
  assert.deepEqual(rows.map((r) => Number(r.created)), week.volume.map((v) => v.created));
  assert.deepEqual(rows.map((r) => Number(r.resolved)), week.volume.map((v) => v.resolved));
  assert.equal(rows[1].resolution_median_h, '24.00');
  const summary = parseCsv((await downloaded(page, 'report-csv:summary')).bytes.toString('utf8'));
  const figure = (what) => summary.find((r) => r.what === what).value;
  assert.equal(Number(figure('created')), week.created);
  assert.equal(Number(figure('resolution_rate')), week.resolutionRate);
  assert.equal(figure('first_response_median_h'), (week.firstResponse.medianMs / HOUR).toFixed(2));
  const flow = parseCsv((await downloaded(page, 'report-csv:flow')).bytes.toString('utf8'));
  const flowApi = await page.evaluate(() => window.tackboard.report().then((r) => r.flow));
  assert.deepEqual(flow.map((r) => Number(r.wip)), flowApi.wip);
  assert.equal(flow.at(-1).resolved, '2');  // both resolved tickets, at the week's end

  // Per member: handled (had it during the period) and resolved; volume by priority.
  assert.deepEqual(week.people.map((p) => [p.member, p.handled, p.resolved]), [['ana', 2, 1], ['bo', 1, 1]]);
  assert.deepEqual(week.breakdown.priority, [['urgent', 2], ['low', 1], ['normal', 1]]);
  assert.deepEqual(week.breakdown.label, [['vpn', 1]]);
  await scrollTo(page, 'report-person:ana 2 1');
  await waitForRect(page, 'report-person:bo 1 1');
  await waitForRect(page, 'report-count:priority:urgent 2');
  await screenshot(page, 'reports-people');
  const people = parseCsv((await downloaded(page, 'report-csv:people')).bytes.toString('utf8'));
  assert.deepEqual(people.map((r) => [r.member, Number(r.handled), Number(r.resolved)]), [['ana', 2, 1], ['bo', 1, 1]]);
  await scrollTo(page, 'report-figure:created 4', -400);

  // A filter narrows every figure; the API without arguments follows it.
  await clickItem(page, 'filter');
  await page.keyboard.type('priority:urgent');
  await page.keyboard.press('Enter');
  await waitForRect(page, 'report-filtered');
  await waitForRect(page, 'report-figure:created 2');
  const urgent = await page.evaluate(() => window.tackboard.report());
  assert.equal(urgent.created, 2);
  assert.equal(urgent.resolved, 1);
  assert.deepEqual(urgent.volume.map((v) => v.created), [1, 0, 0, 1, 0, 0, 0]);
  assert.deepEqual(await tooltip(page, 'volume', 0), ['Nov 2', 'Created: 1', 'Resolved: 0']);
  assert.equal((await page.evaluate(() => window.tackboard.report({ days: 7, filter: '' }))).created, 4);
  await page.keyboard.press('Escape');

  // Custom dates, both included: bad ones are refused with the reason.
  await clickItem(page, 'Custom…##report-custom');
  await clickItem(page, 'report-from');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-11-04');
  await clickItem(page, 'report-to');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-11-03');
  await clickItem(page, 'Show##report-apply');
  await waitForRect(page, 'report-message');
  await clickItem(page, 'report-to');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2026-11-06');
  await clickItem(page, 'Show##report-apply');
  await waitForRect(page, 'report-period 2026-11-04 2026-11-06');
  const custom = await page.evaluate(() => window.tackboard.report());
  assert.deepEqual(custom.volume.map((v) => v.date), ['2026-11-04', '2026-11-05', '2026-11-06']);
  assert.deepEqual(await page.evaluate(() => window.tackboard.report({ from: '2026-11-04', to: '2026-11-06' }).then((r) => r.volume.length)), 3);
  await assert.rejects(page.evaluate(() => window.tackboard.report({ from: '2026-11-04', to: 'soon' })), /YYYY-MM-DD/);
  await assert.rejects(page.evaluate(() => window.tackboard.report({ from: '2000-01-01', to: '2026-11-04' })), /ten years/);

  // By week: one bucket per Monday.
  await clickItem(page, '7 days##report-days-7');
  await clickItem(page, 'By week##report-by-week');
  await waitFor(page, () => window.tackboard.report().then((r) => r.bucket === 'week'), undefined, 'weeks');
  const weekly = await page.evaluate(() => window.tackboard.report());
  assert.deepEqual(weekly.volume.map((v) => v.created), [2]);  // urgent only, still filtered
  assert.deepEqual(await tooltip(page, 'volume', 0), ['week of Nov 2', 'Created: 2', 'Resolved: 1']);

  // The PNG is the canvas as drawn.
  const png = await downloaded(page, 'Save as PNG##report-png');
  assert.match(png.name, /^tackboard-reports-2026-11-08\.png$/);
  const image = decodePng(png.bytes);
  const size = await page.evaluate(() => { const c = document.querySelector('canvas'); return [c.width, c.height]; });
  assert.deepEqual([image.width, image.height], size);
  const colours = new Set();
  for (let p = 0; p < image.width * image.height; p += 997)
    colours.add(image.pixels.subarray(p * image.channels, p * image.channels + 3).toString('hex'));
  assert.ok(colours.size > 5, 'the snapshot has the dashboard in it, not a blank buffer');

  await page.evaluate(() => window.tackboard.setTheme('dark'));
  await clickItem(page, 'By day##report-by-day');
  await page.mouse.move(5, 5);
  await screenshot(page, 'reports-dark');
  assert.deepEqual(errors, []);
  await page.close();
});

// sync_bench.mjs — how sync behaves with big boards, in headless Chromium against serve.py's
// CouchDB routes (SQLite on disk). Printed, not asserted; run by `make bench`:
//   * first upload: a device with N tickets syncs to an empty database
//   * first download: a fresh device pulls the N tickets
//   * one edit: bytes on the wire for the round that sends it (requests and answers,
//     headers included), and the time until the other device shows it (change feed)
//
//   node tests/bench/sync_bench.mjs [tickets...]     (default: 10000 100000)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer } from '../e2e/helpers.mjs';
import { boardJson, boardSizes } from './board_data.mjs';

const SIZES = boardSizes('sync_bench');
const log = (...a) => console.error(...a);  // progress on stderr, figures on stdout
const LIMIT_MS = 30 * 60 * 1000;            // a round that takes longer is reported as failed

// Polls the sync status until `done(status)`, reporting progress; bounded by LIMIT_MS.
async function until(page, what, done) {
  const started = Date.now();
  for (let last = 0; ; ) {
    const s = await page.evaluate(() => window.tackboard.syncStatus());
    if (done(s)) return { ms: Date.now() - started, status: s };
    if (s.state === 'waiting') throw new Error(`${what}: sync failed: ${s.last_error}`);
    if (Date.now() - started > LIMIT_MS) throw new Error(`${what}: not done after ${LIMIT_MS / 60000} min`);
    if (Date.now() - last > 10000) {
      last = Date.now();
      log(`  ${what}: ${s.state}, received ${s.received}, sent ${s.sent}, to send ${s.pending}`);
    }
    await page.waitForTimeout(100);
  }
}

async function device(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.evaluate(() => window.tackboard.ready());
  return page;
}

// Bytes of every request finished while `action` runs (bodies and headers both ways).
async function wireBytes(page, action) {
  const sizes = [];
  const onFinished = (request) => sizes.push(request.sizes().catch(() => null));
  page.on('requestfinished', onFinished);
  await action();
  page.off('requestfinished', onFinished);
  let bytes = 0, requests = 0;
  for (const s of await Promise.all(sizes)) {
    if (!s) continue;
    requests++;
    bytes += s.requestBodySize + s.requestHeadersSize + s.responseBodySize + s.responseHeadersSize;
  }
  return { bytes, requests };
}

const browser = await launchBrowser();
try {
  console.log('| tickets | first upload | first download | one edit: bytes on the wire (requests) | edit seen on the other device | server file |');
  console.log('|---|---|---|---|---|---|');
  for (const count of SIZES) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tackboard-sync-bench-'));
    const data = path.join(dir, 'sync.sqlite');
    const server = await startServer(undefined, { args: ['--data', data] });
    try {
      const couch = server.url + 'couch/bench';
      const a = await device(browser, server.url);
      log(`${count} tickets: importing…`);
      const { config } = JSON.parse(await a.evaluate(() => window.tackboard.exportJson()));
      await a.evaluate((t) => window.tackboard.importJson(t), boardJson(count, config));
      log('  uploading…');
      await a.evaluate((u) => window.tackboard.configureSync({ kind: 'couchdb', url: u }), couch);
      const up = await until(a, 'upload', (s) => s.state === 'idle' && s.rounds > 0 && s.pending === 0);

      log('  downloading on a fresh device…');
      const b = await device(browser, server.url);
      await b.evaluate((u) => window.tackboard.configureSync({ kind: 'couchdb', url: u }), couch);
      const down = await until(b, 'download', (s) => s.state === 'idle' && s.rounds > 0);
      const onB = await b.evaluate(() => window.tackboard.query('').then((ids) => ids.length));
      if (onB !== count) throw new Error(`the fresh device has ${onB} tickets, not ${count}`);

      log('  one edit…');
      const [id] = await a.evaluate(() => window.tackboard.query('sort:created'));
      const started = Date.now();
      let seenMs = null;
      const seen = b.waitForFunction((i) => window.tackboard.getTicket(i).then((t) => t.title === 'edited for the bench'),
                                     id, { polling: 50, timeout: 120000 }).then(() => { seenMs = Date.now() - started; });
      const wire = await wireBytes(a, async () => {
        await a.evaluate((i) => window.tackboard.updateTicket(i, { title: 'edited for the bench' }), id);
        await a.evaluate(() => window.tackboard.sync());
      });
      await seen;
      const file = statSync(data).size + (statSync(data + '-wal', { throwIfNoEntry: false })?.size ?? 0);
      console.log(`| ${count} | ${(up.ms / 1000).toFixed(1)} s | ${(down.ms / 1000).toFixed(1)} s ` +
                  `| ${wire.bytes.toLocaleString('en')} B (${wire.requests}) | ${seenMs} ms ` +
                  `| ${(file / 1e6).toFixed(1)} MB |`);
      await a.close();
      await b.close();
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}

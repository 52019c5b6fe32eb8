// load_bench.mjs — size and load time of the packed app (make dist), printed, not
// asserted; run by `make bench`:
//   * bytes of the folder a visitor downloads, raw / gzip / brotli, in total and for the
//     main files (tools/dist.py at brotli quality 11, as `make dist`)
//   * time to interactive: navigation start → tackboard.ready() resolved, on a first visit
//     (fresh browser context: empty HTTP cache, no service worker) and on a repeat visit
//     (a new tab of a context that has visited: service worker cache and HTTP cache)
// Served by python3 -m http.server on 127.0.0.1, which sends the files uncompressed; on a
// real network the compressed sizes are what travels.
//
//   node tests/bench/load_bench.mjs [runs]        (default 5; medians, with min–max)
//   (TACKBOARD_APP_DIR=dir packs another build of the app than build/web/app)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDist, startStaticServer } from '../e2e/dist_server.mjs';
import { launchBrowser } from '../e2e/helpers.mjs';

const RUNS = Number(process.argv[2] ?? 5);
if (!(RUNS > 0)) {
  console.error('usage: node tests/bench/load_bench.mjs [runs]');
  process.exit(2);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const spread = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

// Notes when tackboard.ready() resolves, in ms since navigation start, before the shell runs.
function recordReady() {
  let api;
  Object.defineProperty(window, 'tackboard', {
    configurable: true,
    get: () => api,
    set(value) { api = value; value.ready().then(() => { window.__tbReadyAt = performance.now(); }); },
  });
}

async function timeToInteractive(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__tbReadyAt !== undefined, null, { timeout: 120000 });
  return page.evaluate(() => window.__tbReadyAt);
}

function printSizes(folder) {
  const names = readdirSync(folder).filter((name) => !/\.(gz|br)$/.test(name)).sort();
  const size = (name) => readFileSync(path.join(folder, name)).length;
  const sizeOr = (name, fallback) => { try { return size(name); } catch { return size(fallback); } };
  const rows = names.map((name) => [name, size(name), sizeOr(name + '.gz', name), sizeOr(name + '.br', name)]);
  console.log(`dist: ${names.length} files (PNG icons are counted as they are in every column)`);
  console.log(`  ${'file'.padEnd(32)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
  const main = rows.filter(([name]) => /^tackboard[.-]|^index\.html$|^sw\.js$/.test(name));
  const total = rows.reduce((sum, row) => sum.map((v, i) => v + row[i + 1]), [0, 0, 0]);
  for (const [name, ...sizes] of [...main, ['total', ...total]])
    console.log(`  ${name.padEnd(32)} ${sizes.map((s) => kib(s).padStart(10)).join(' ')}`);
}

const temp = mkdtempSync(path.join(tmpdir(), 'tackboard-load-bench-'));
const server = { stop: async () => {} };
let browser;
try {
  const { folder } = buildDist(temp, { brotliQuality: 11 });
  printSizes(folder);
  Object.assign(server, await startStaticServer(folder));
  browser = await launchBrowser();

  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
    await context.addInitScript(recordReady);
    cold.push(await timeToInteractive(await context.newPage(), server.url));
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } });
  await context.addInitScript(recordReady);
  let page = await context.newPage();
  await timeToInteractive(page, server.url);
  await page.waitForFunction(() => window.tackboardPwa.controlled(), null, { timeout: 60000 });
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    await page.close();
    page = await context.newPage();
    warm.push(await timeToInteractive(page, server.url));
  }
  await context.close();

  console.log(`time to interactive (navigation start → tackboard.ready()), ${RUNS} runs, median (min–max):`);
  console.log(`  first visit (cold cache)                    ${spread(cold)}`);
  console.log(`  repeat visit (service worker + HTTP cache)  ${spread(warm)}`);
} finally {
  await browser?.close();
  await server.stop();
  rmSync(temp, { recursive: true, force: true });
}

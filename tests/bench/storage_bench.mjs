// storage_bench.mjs — storage figures of the web app in headless Chromium (printed, not
// asserted; run by `make bench`):
//   * bytes written to IndexedDB for one edit, up to its acknowledged flush
//   * time from the edit to flush() resolving
//   * cold load: a fresh browser on the same profile, from navigation to ready, to the
//     first frame and to the first frame that shows a known card
// on a board of N tickets (argument, default 100000).
//
//   node tests/bench/storage_bench.mjs [tickets] [edits]
//   (TACKBOARD_APP_DIR=dir serves another build of the app than build/web/app)
//
// Bytes are counted by wrapping IDBObjectStore.prototype.put/add before the page loads:
// IDBFS stores each file as {timestamp, mode, contents: Uint8Array}; the sum of
// contents.byteLength is what a flush rewrites (window.__idbBytes, window.__idbPuts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchPersistent, startServer, tempProfile } from '../e2e/helpers.mjs';

const TICKETS = Number(process.argv[2] ?? 100000);
const EDITS = Number(process.argv[3] ?? 20);
const COLD_LOADS = 3;
const BATCH = 2000;
const MARKER = 'Storage bench marker card';
if (!(TICKETS > 0) || !(EDITS > 0)) {
  console.error('usage: node tests/bench/storage_bench.mjs [tickets] [edits]');
  process.exit(2);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
const ms = (x) => `${Math.round(x)} ms`;
const log = (...a) => console.error(...a);  // progress on stderr, figures on stdout

function withTimeout(promise, timeoutMs, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${timeoutMs / 1000} s`)), timeoutMs);
  })]).finally(() => clearTimeout(timer));
}

// Before any page script: count IndexedDB writes, and note when tackboard becomes ready,
// when the first frame is drawn and when the marker card is on screen.
function instrument(marker) {
  window.__idbBytes = 0;
  window.__idbPuts = 0;
  for (const method of ['put', 'add']) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (value, ...rest) {
      window.__idbPuts++;
      const contents = value && value.contents;
      if (contents && typeof contents.byteLength === 'number') window.__idbBytes += contents.byteLength;
      return original.call(this, value, ...rest);
    };
  }
  // Main-thread time spent in animation frames (the app draws in them): IndexedDB
  // callbacks wait while frames run, so this is most of an acknowledgement's latency.
  window.__frameMs = 0;
  const requestFrame = window.requestAnimationFrame;
  window.requestAnimationFrame = function (callback) {
    return requestFrame.call(window, (time) => {
      const start = performance.now();
      try { callback(time); } finally { window.__frameMs += performance.now() - start; }
    });
  };
  window.__bench = {};
  let api;
  Object.defineProperty(window, 'tackboard', {
    configurable: true,
    get: () => api,
    set: (value) => {
      api = value;
      value.ready().then(() => {
        window.__bench.ready = performance.now();
        const poll = async () => {
          const stats = await value.frameStats();
          if (stats.frames > 0 && window.__bench.firstFrame === undefined) window.__bench.firstFrame = performance.now();
          if (await value.uiRect(marker)) window.__bench.card = performance.now();
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }, (error) => { window.__bench.error = String(error); });
    },
  });
}

async function openContext(profileDir) {
  const context = await launchPersistent(profileDir);
  await context.addInitScript(instrument, MARKER);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

// In the page: `count` tickets shaped like tests/bench/board_gen.cpp's (four languages, a
// 25-word description, assignee, requester, labels), created through the API.
async function fillBatch({ count, seed }) {
  const words = [
    ['printer', 'network', 'password', 'reset', 'laptop', 'screen', 'email', 'invoice', 'cannot', 'login', 'slow',
     'error', 'crash', 'update', 'server', 'access', 'request', 'broken', 'vpn', 'wifi', 'license', 'report',
     'customer', 'billing', 'outage', 'backup', 'install', 'phone', 'meeting', 'room', 'account', 'locked'],
    ['imprimante', 'réseau', 'mot', 'passe', 'réinitialiser', 'ordinateur', 'écran', 'courriel', 'facture',
     'impossible', 'connexion', 'lent', 'erreur', 'panne', 'mise', 'jour', 'serveur', 'accès', 'demande', 'cassé',
     'licence', 'rapport', 'client', 'facturation', 'sauvegarde', 'téléphone', 'réunion', 'salle', 'compte', 'bloqué'],
    ['skrivare', 'nätverk', 'lösenord', 'återställ', 'dator', 'skärm', 'e-post', 'faktura', 'kan', 'inte', 'logga',
     'långsam', 'fel', 'krasch', 'uppdatering', 'server', 'åtkomst', 'begäran', 'trasig', 'licens', 'rapport',
     'kund', 'driftstopp', 'säkerhetskopia', 'telefon', 'möte', 'rum', 'konto', 'låst', 'göteborg'],
    ['打印机', '网络', '密码', '重置', '电脑', '屏幕', '邮件', '发票', '无法', '登录', '很慢', '错误', '崩溃',
     '更新', '服务器', '访问', '请求', '损坏', '许可证', '报告', '客户', '账单', '宕机', '备份', '安装', '电话',
     '会议', '房间', '账户', '锁定'],
  ];
  const members = ['ana', 'bo', 'li', 'sam', 'marie', 'sven', 'wei', 'noor'];
  const requesters = ['claire@example.org', 'erik@example.se', 'zhang@example.cn', 'tom@example.com',
                      'amélie@example.fr', 'åsa@example.se', 'liu@example.cn', 'kate@example.com'];
  const statuses = ['new', 'triage', 'in_progress', 'waiting', 'resolved', 'closed'];
  const priorities = ['urgent', 'high', 'normal', 'low'];
  const labels = ['billing', 'hardware', 'network', 'access', 'vip'];
  let s = seed >>> 0;
  const rng = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
  const sentence = (list, n, cjk) => Array.from({ length: n }, () => list[rng() % list.length]).join(cjk ? '' : ' ');
  const made = [];
  for (let i = 0; i < count; i++) {
    const language = rng() % words.length;
    const list = words[language], cjk = language === 3;
    const fields = {
      title: sentence(list, 4 + (rng() % 5), cjk),
      description: sentence(list, 25, cjk),
      type: rng() % 2 ? 'support' : 'feature',
      status: statuses[rng() % statuses.length],
      priority: rng() % 10 < 1 ? 'urgent' : priorities[1 + (rng() % 3)],
      assignee: rng() % 5 ? members[rng() % members.length] : '',
      requester: requesters[rng() % requesters.length],
      labels: Array.from({ length: rng() % 3 }, () => labels[rng() % labels.length]),
    };
    made.push(window.tackboard.createTicket(fields));
  }
  const ids = await Promise.all(made);
  (window.__ids ??= []).push(...ids);
  return window.__ids.length;
}

// In the page: one edit of a random ticket's title, then flush(); what it wrote and how long it took.
async function measureEdit({ n, settleMs = 0 }) {
  await window.tackboard.flush();  // nothing else in flight
  const ids = window.__ids;
  const id = ids[Math.floor(Math.random() * ids.length)];
  const frames0 = (await window.tackboard.frameStats()).frames;
  const frameMs0 = window.__frameMs;
  const bytes0 = window.__idbBytes, puts0 = window.__idbPuts;
  const t0 = performance.now();
  await window.tackboard.updateTicket(id, { title: `Edited by the storage bench #${n} ${Math.random().toString(36).slice(2, 8)}` });
  const edited = performance.now() - t0;
  if (settleMs) await new Promise((resolve) => setTimeout(resolve, settleMs));  // let the redraw finish
  const t1 = performance.now();
  await window.tackboard.flush();
  const elapsed = performance.now() - t0, flushMs = performance.now() - t1;
  const stats = await window.tackboard.frameStats();
  const segments = FS.readdir('/data/tackboard').filter((f) => /^journal-\d+\.ndjson$/.test(f)).sort();
  const last = segments.at(-1);
  return { bytes: window.__idbBytes - bytes0, puts: window.__idbPuts - puts0, ms: elapsed, editMs: edited, flushMs,
           frames: stats.frames - frames0, frameMs: window.__frameMs - frameMs0,
           segment: last ? FS.stat('/data/tackboard/' + last).size : 0 };
}

// In the page: edits without measuring until the current journal segment is nearly full.
async function fillSegment({ upTo }) {
  const ids = window.__ids;
  const size = () => {
    const last = FS.readdir('/data/tackboard').filter((f) => /^journal-\d+\.ndjson$/.test(f)).sort().at(-1);
    return last ? FS.stat('/data/tackboard/' + last).size : 0;
  };
  let edits = 0;
  while (size() < upTo && edits < 10000) {
    const before = size();
    await window.tackboard.updateTicket(ids[Math.floor(Math.random() * ids.length)],
                                        { priority: ['urgent', 'high', 'normal', 'low'][edits % 4] });
    edits++;
    if (size() < before) break;  // a new segment began
  }
  await window.tackboard.flush();
  return { edits, segment: size() };
}

async function measureEdits(page, label, settleMs = 0) {
  const rows = [];
  for (let n = 0; n < EDITS; n++) {
    rows.push(await withTimeout(page.evaluate(measureEdit, { n, settleMs }), 60000, 'an edit and its flush'));
    await page.waitForTimeout(Math.floor(Math.random() * 50));
  }
  return {
    label,
    bytes: rows.map((r) => r.bytes), puts: rows.map((r) => r.puts), ms: rows.map((r) => r.ms),
    editMs: rows.map((r) => r.editMs), flushMs: rows.map((r) => r.flushMs), frames: rows.map((r) => r.frames), frameMs: rows.map((r) => r.frameMs),
    segment: [Math.min(...rows.map((r) => r.segment)), Math.max(...rows.map((r) => r.segment))],
  };
}

async function main() {
  const server = await startServer(process.env.TACKBOARD_APP_DIR || undefined);
  const profile = tempProfile();
  let current = null;
  try {
    log(`storage bench: ${TICKETS} tickets, ${EDITS} measured edits, ${COLD_LOADS} cold loads; app at ${server.url}`);
    current = await openContext(profile.dir);
    let { page } = current;
    await page.goto(server.url);
    await withTimeout(page.evaluate(() => window.tackboard.ready()), 60000, 'opening the empty board');

    // 1. Fill.
    const fillStart = Date.now();
    let lastReport = fillStart;
    for (let done = 0; done < TICKETS;) {
      const count = Math.min(BATCH, TICKETS - done);
      done = await withTimeout(page.evaluate(fillBatch, { count, seed: 12345 + done }), 300000, 'creating tickets');
      if (Date.now() - lastReport > 5000) { log(`  ${done} tickets, ${((Date.now() - fillStart) / 1000).toFixed(1)} s`); lastReport = Date.now(); }
    }
    await page.evaluate((title) => window.tackboard.createTicket({ title, status: 'new', priority: 'high' }), MARKER);
    const createdMs = Date.now() - fillStart;
    const fillBytes = await page.evaluate(() => window.__idbBytes);
    const compactStart = Date.now();
    await withTimeout(page.evaluate(async () => { await window.tackboard.compact(); await window.tackboard.flush(); }),
                      600000, 'compacting and flushing the full board');
    const compactMs = Date.now() - compactStart;
    const compactBytes = (await page.evaluate(() => window.__idbBytes)) - fillBytes;
    const store = await page.evaluate(() => {
      const dir = '/data/tackboard';
      const files = FS.readdir(dir).filter((f) => f !== '.' && f !== '..')
        .map((f) => ({ name: f, size: FS.isFile(FS.stat(dir + '/' + f).mode) ? FS.stat(dir + '/' + f).size : 0 }));
      return { files, idbBytes: window.__idbBytes };
    });
    const boardSize = await page.evaluate(async () => (await window.tackboard.query('')).length);
    log(`  filled and compacted in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);

    // 2. One edit up to its acknowledged flush, right after the snapshot (a fresh journal
    // segment) and with the current segment nearly full (IDBFS rewrites a changed file whole).
    const fresh = await measureEdits(page, 'fresh segment');
    const filled = await withTimeout(page.evaluate(fillSegment, { upTo: 60 * 1024 }), 300000, 'filling a segment');
    const full = await measureEdits(page, 'near-full segment');
    const settled = await measureEdits(page, 'settled', 500);
    await page.evaluate(async () => { await window.tackboard.compact(); await window.tackboard.flush(); });
    if (current.errors.length) log('page errors:', current.errors);
    await current.context.close();
    current = null;

    // 3. Cold loads: a new browser on the same profile.
    const loads = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      current = await openContext(profile.dir);
      page = current.page;
      const t0 = Date.now();
      await page.goto(server.url);
      await withTimeout(page.evaluate(() => window.tackboard.ready()), 120000, 'a cold load');
      const readyWall = Date.now() - t0;
      const deadline = Date.now() + 60000;
      let marks;
      for (;;) {
        marks = await page.evaluate(() => ({ ...window.__bench }));
        if (marks.card !== undefined || marks.error) break;
        if (Date.now() > deadline) throw new Error('the marker card did not appear within 60 s of ready');
        await page.waitForTimeout(20);
      }
      if (marks.error) throw new Error('cold load failed: ' + marks.error);
      const count = await page.evaluate(async () => (await window.tackboard.query('')).length);
      const notices = await page.evaluate(() => window.tackboard.notices());
      loads.push({ ...marks, readyWall, count, notices });
      log(`  cold load ${i + 1}: ready ${ms(marks.ready)}, first frame ${ms(marks.firstFrame)}, card ${ms(marks.card)}, ` +
          `${count} tickets${notices.length ? ', notices: ' + JSON.stringify(notices) : ''}`);
      if (current.errors.length) log('page errors:', current.errors);
      await current.context.close();
      current = null;
    }
    let onDisk = '?';
    try { onDisk = execFileSync('du', ['-sb', path.join(profile.dir, 'Default', 'IndexedDB')]).toString().split('\t')[0]; } catch { /* no du */ }

    // 4. The figures.
    const snapshot = store.files.find((f) => f.name === 'snapshot.bin');
    const out = [];
    out.push(`Tackboard storage bench — Chromium headless, IDBFS; board of ${boardSize} tickets (${TICKETS} asked + 1 marker)`);
    out.push('');
    out.push(`fill: ${TICKETS} createTicket calls in ${(createdMs / 1000).toFixed(1)} s ` +
             `(${(createdMs * 1000 / TICKETS).toFixed(0)} µs each), ${mb(fillBytes)} written to IndexedDB while filling; ` +
             `compact() + flush() ${(compactMs / 1000).toFixed(1)} s, writing ${mb(compactBytes)}`);
    const journal = store.files.filter((f) => f.name.startsWith('journal-'));
    out.push(`stored after the fill: snapshot.bin ${snapshot ? mb(snapshot.size) : 'none'}, ${journal.length} journal ` +
             `segments (${mb(journal.reduce((a, f) => a + f.size, 0))}) kept beside it; IndexedDB folder on disk ` +
             `${onDisk === '?' ? '?' : mb(Number(onDisk))} at the end`);
    out.push('');
    out.push(`one edit (updateTicket of a random title) up to its acknowledged flush, ${EDITS} edits each:`);
    out.push('| current journal segment               | bytes median | bytes p95  | puts median | edit→flush median | p95     | min    |');
    out.push('|---------------------------------------|--------------|------------|-------------|-------------------|---------|--------|');
    for (const r of [fresh, full]) {
      const seg = `${r.label} (${kb(r.segment[0])}–${kb(r.segment[1])})`;
      out.push(`| ${seg.padEnd(37)} | ${kb(median(r.bytes)).padStart(12)} | ${kb(p95(r.bytes)).padStart(10)} | ` +
               `${String(median(r.puts)).padStart(11)} | ${ms(median(r.ms)).padStart(17)} | ${ms(p95(r.ms)).padStart(7)} | ${ms(Math.min(...r.ms)).padStart(6)} |`);
    }
    out.push(`(between the two rows: ${filled.edits} unmeasured edits filled the segment to ${kb(filled.segment)})`);
    for (const r of [fresh, full])
      out.push(`${r.label}: the updateTicket call itself median ${median(r.editMs).toFixed(1)} ms; frames drawn between ` +
               `the edit and the acknowledgement median ${median(r.frames)}, taking ${ms(median(r.frameMs))} of main-thread ` +
               `time (median); IndexedDB callbacks wait while frames are drawn`);
    out.push(`flush() alone, called 0.5 s after the edit once its redraw is done: median ${ms(median(settled.flushMs))}, ` +
             `p95 ${ms(p95(settled.flushMs))}, min ${ms(Math.min(...settled.flushMs))} (${kb(median(settled.bytes))} written, segment ${kb(settled.segment[0])}–${kb(settled.segment[1])})`);
    out.push('');
    out.push(`cold load (new browser, same profile), median of ${COLD_LOADS}, from navigation start:`);
    out.push('| tackboard.ready() | first frame | first frame with the marker card | goto→ready (node) |');
    out.push('|-------------------|-------------|----------------------------------|-------------------|');
    out.push(`| ${ms(median(loads.map((l) => l.ready))).padStart(17)} | ${ms(median(loads.map((l) => l.firstFrame))).padStart(11)} | ` +
             `${ms(median(loads.map((l) => l.card))).padStart(32)} | ${ms(median(loads.map((l) => l.readyWall))).padStart(17)} |`);
    out.push(`(each load: ${loads.map((l) => `${ms(l.ready)}/${ms(l.card)}`).join(', ')}; tickets loaded: ${loads.map((l) => l.count).join(', ')})`);
    console.log(out.join('\n'));
  } finally {
    await current?.context.close().catch(() => {});
    await server.stop();
    profile.remove();
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });

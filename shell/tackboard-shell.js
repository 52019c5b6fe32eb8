// tackboard-shell.js — everything around the wasm module in the page:
//   1. checks WebGL 2 and IndexedDB first and explains in plain HTML when either is missing
//   2. mounts IDBFS at /data and loads it before main() runs
//   3. persists: single-flight, debounced FS.syncfs(false) with a watchdog and an
//      "again" flag; flushes when the tab is hidden or closed
//   4. window.tackboard, the automation API (see DESIGN.md), as Promises
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const FLUSH_DEBOUNCE_MS = 300;
  const FLUSH_WATCHDOG_MS = 10000;
  let lastError = null;
  let fatalShown = false;

  function showFatal(title, detail, help) {
    if (fatalShown) return;
    fatalShown = true;
    lastError = title + (detail ? ': ' + detail : '');
    $('loading').hidden = true;
    $('canvas').style.display = 'none';
    $('fatal-title').textContent = title;
    $('fatal-detail').textContent = detail || '';
    $('fatal-help').textContent = help || '';
    $('fatal').hidden = false;
    rejectReady(new Error(lastError));
  }

  function setLoading(text) {
    const m = /\((\d+)\/(\d+)\)/.exec(text || '');
    const bar = $('loading-progress');
    if (m) { bar.max = Number(m[2]); bar.value = Number(m[1]); } else { bar.removeAttribute('value'); }
    if (text) $('loading-text').textContent = text;
  }

  // --- readiness -------------------------------------------------------------
  let resolveReady, rejectReady;
  const readyPromise = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  readyPromise.catch(() => {});  // a rejection is reported through each API call instead

  // --- persistence: IDBFS flush ---------------------------------------------
  const flusher = {
    running: false, again: false, timer: null, waiters: [],
    // A change was written to the journal: persist it soon.
    schedule() {
      if (this.timer || this.running) { if (this.running) this.again = true; return; }
      this.timer = setTimeout(() => { this.timer = null; this.run(); }, FLUSH_DEBOUNCE_MS);
    },
    // Persist now; resolves once everything written before this call is in IndexedDB.
    now() {
      return new Promise((resolve, reject) => {
        this.waiters.push({ resolve, reject });
        if (this.timer) { clearTimeout(this.timer); this.timer = null; }
        this.run();
      });
    },
    run() {
      if (this.running) { this.again = true; return; }  // waiters stay queued for the next run
      this.running = true;
      this.again = false;
      const waiters = this.waiters.splice(0);
      reportSaveState('saving');
      let finished = false;
      const finish = (error) => {
        if (finished) return;
        finished = true;
        clearTimeout(watchdog);
        this.running = false;
        if (error) {
          const reason = describeStorageError(error);
          lastError = 'not saved: ' + reason;
          reportSaveState('failed', reason);
          waiters.forEach((w) => w.reject(new Error('not saved: ' + reason)));
        } else {
          waiters.forEach((w) => w.resolve(true));
          if (!this.again && this.waiters.length === 0) reportSaveState('saved');
        }
        if (this.again || this.waiters.length) this.run();
      };
      // IDBFS can hang forever on a quota abort (Emscripten 3.1.6 has no onabort handler).
      const watchdog = setTimeout(() => finish(new Error('the browser storage did not answer within 10 s')),
                                  FLUSH_WATCHDOG_MS);
      try {
        FS.syncfs(false, (err) => finish(err));
      } catch (e) {
        finish(e);
      }
    },
  };

  function describeStorageError(error) {
    const text = String((error && (error.message || error.name)) || error);
    if (/quota/i.test(text)) return 'the browser storage is full';
    return text || 'the browser storage refused to save';
  }

  function reportSaveState(state, reason) {
    if (!Module.calledRun) return;
    Module.ccall('tb_api', 'string', ['string', 'string'],
                 ['setSaveState', JSON.stringify({ state, reason: reason || '' })]);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden' || !Module.calledRun) return;
    // The user is away: a good moment to fold a long journal into a snapshot.
    Module.ccall('tb_api', 'string', ['string', 'string'], ['compactIfNeeded', 'null']);
    flusher.now().catch(() => {});
  });
  window.addEventListener('pagehide', () => { if (Module.calledRun) flusher.now().catch(() => {}); });

  // --- the Emscripten module ------------------------------------------------
  const Module = window.Module = {
    canvas: $('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus: setLoading,
    preRun: [mountData],
    onAbort: (what) => showFatal('Tackboard stopped unexpectedly', String(what),
                                 'Reload the page. Your saved tickets are kept in this browser.'),
    tbReady() {
      $('loading').hidden = true;
      resolveReady(true);
    },
    tbFatal: showFatal,
    tbDataChanged() { flusher.schedule(); },
  };

  function mountData() {
    FS.mkdir('/data');
    FS.mount(IDBFS, {}, '/data');
    addRunDependency('tackboard-idbfs');
    setLoading('Opening your saved tickets…');
    FS.syncfs(true, (err) => {
      if (err) {
        showFatal('Tackboard cannot open its storage', describeStorageError(err),
                  'Tickets are kept in this browser\'s IndexedDB. Private windows and some privacy ' +
                  'settings block it: open Tackboard in a normal window or allow site data.');
        return;
      }
      removeRunDependency('tackboard-idbfs');
    });
  }

  // --- checks before downloading anything -----------------------------------
  function hasWebGL2() {
    try { return !!document.createElement('canvas').getContext('webgl2'); } catch (e) { return false; }
  }

  function probeIndexedDB() {
    return new Promise((resolve) => {
      try {
        if (!window.indexedDB) { resolve('this browser offers no IndexedDB'); return; }
        const request = indexedDB.open('tackboard-probe');
        request.onsuccess = () => { request.result.close(); resolve(null); };
        request.onerror = () => resolve((request.error && request.error.message) || 'IndexedDB refused to open');
        request.onblocked = () => resolve(null);
      } catch (e) {
        resolve(e.message || String(e));
      }
    });
  }

  async function start() {
    if (!hasWebGL2()) {
      showFatal('Tackboard needs WebGL 2', 'This browser or device does not offer WebGL 2, which Tackboard draws with.',
                'Use a current Firefox, Chrome, Edge or Safari, and check that hardware acceleration is not ' +
                'turned off in the browser settings.');
      return;
    }
    const idbProblem = await probeIndexedDB();
    if (idbProblem) {
      showFatal('Tackboard cannot store tickets in this browser', idbProblem,
                'Tickets are kept in this browser\'s IndexedDB. Private windows and some privacy settings ' +
                'block it: open Tackboard in a normal window or allow site data for this page.');
      return;
    }
    const script = document.createElement('script');
    script.src = 'tackboard.js';
    script.onerror = () => showFatal('Tackboard could not be downloaded', 'tackboard.js did not load.',
                                     'Check your connection and reload the page.');
    document.body.appendChild(script);
  }

  // --- window.tackboard -------------------------------------------------------
  function call(method, args) {
    return readyPromise.then(() => {
      const reply = JSON.parse(Module.ccall('tb_api', 'string', ['string', 'string'],
                                            [method, JSON.stringify(args === undefined ? null : args)]));
      if (!reply.ok) { lastError = reply.error; throw new Error(reply.error); }
      return reply.result;
    });
  }

  window.tackboard = {
    ready: () => readyPromise,
    createTicket: (fields) => call('createTicket', fields),
    updateTicket: (id, patch) => call('updateTicket', { id, patch }),
    getTicket: (id) => call('getTicket', { id }),
    // Ids of the tickets matching a query (see docs/query-language.md), in its order.
    query: (text) => call('query', { query: text }),
    // Writes a snapshot of the board now (normally done when the tab is hidden).
    compact: () => call('compact'),
    exportJson: () => call('exportJson').then((board) => JSON.stringify(board)),
    notices: () => call('notices'),
    flush: () => readyPromise.then(() => flusher.now()),
    frameStats: () => call('frameStats'),
    // The rectangle of an ImGui item, in page CSS pixels, or null when it is not on screen.
    uiRect: (label) => call('uiRect', { label }).then((r) => {
      if (!r) return null;
      const canvas = $('canvas').getBoundingClientRect();
      return { x: r.x + canvas.left, y: r.y + canvas.top, width: r.width, height: r.height };
    }),
    lastError: () => lastError,
  };

  start();
})();

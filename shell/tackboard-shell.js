// tackboard-shell.js — everything around the wasm module in the page:
//   1. checks WebGL 2 and IndexedDB first and explains in plain HTML when either is missing
//   2. mounts IDBFS at /data and loads it before main() runs
//   3. persists: single-flight, debounced FS.syncfs(false) with a watchdog and an
//      "again" flag; flushes when the tab is hidden or closed
//   4. one writer per origin: the first tab takes the Web Lock "tackboard-writer"; later
//      tabs follow it read-only (its changes arrive over a BroadcastChannel) and take
//      over writing when it closes. Only the writer ever calls FS.syncfs(false), because
//      syncfs rewrites IndexedDB from this tab's files and would undo the other's work.
//   5. window.tackboard, the automation API (see DESIGN.md), as Promises
//   6. light or dark: the user's choice (localStorage 'tackboard-theme'), else the
//      system's (prefers-color-scheme, followed as it changes), for the app and the page
//   7. the hidden text field that input methods compose into (text_input_web.hpp), and
//      the live region that tells screen readers the selection (accessibility_web.hpp)
//   8. the UI language: the user's choice (localStorage 'tackboard-language', a choice of
//      this person in this browser, not of the board), else the browser's languages
//   9. several boards, each stored apart, and the throwaway demo board (?demo=1)
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const FLUSH_DEBOUNCE_MS = 300;
  const FLUSH_WATCHDOG_MS = 10000;
  const ROUTE_KEYS = ['view', 'ticket', 'q', 'lanes'];  // what the URL's hash keeps (web_app.hpp RouteOf)

  // Writes the route into the URL. A change of the filter text alone waits until typing
  // pauses: history.replaceState can take a frame's worth of time in Chromium, and each
  // keystroke of a filter would pay it before the filtered board shows.
  const routeWriter = (() => {
    let pending = null;
    let timer = 0;
    const apply = (hash) => {
      if (location.hash.slice(1) !== hash) history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
    };
    const onlyFilterDiffers = (next) => {
      const current = new URLSearchParams(location.hash.slice(1));
      current.delete('q');
      const other = new URLSearchParams(next);
      other.delete('q');
      return current.toString() === other.toString();
    };
    return {
      write(params) {
        const hash = params.toString();
        this.cancel();
        if (location.hash.slice(1) === hash) return;
        if (!onlyFilterDiffers(params)) { apply(hash); return; }
        pending = hash;
        timer = setTimeout(() => this.now(), 250);
      },
      now() {
        clearTimeout(timer);
        if (pending !== null) apply(pending);
        pending = null;
      },
      cancel() { clearTimeout(timer); pending = null; },
    };
  })();
  let lastError = null;
  let fatalShown = false;

  // --- the page's own words (loading, errors, the update banner) in the UI language ------
  // The app's texts are translated in C++ (src/ui/translations.cpp); these are shown before
  // it runs, or instead of it. The language is the one chosen below (<html lang>).
  const IDB_HELP = 'Tickets are kept in this browser\'s IndexedDB. Private windows and some privacy settings ' +
                   'block it: open Tackboard in a normal window or allow site data for this page.';
  const PAGE_TEXTS = {
    'Loading…': ['Chargement…', 'Laddar…', '正在加载…'],
    'Opening your saved tickets…': ['Ouverture de vos tickets enregistrés…', 'Öppnar dina sparade ärenden…', '正在打开已保存的工单…'],
    'Downloading Tackboard… {0} of {1} MB': ['Téléchargement de Tackboard… {0} sur {1} Mo', 'Hämtar Tackboard… {0} av {1} MB', '正在下载 Tackboard… {0} / {1} MB'],
    'Downloading Tackboard… {0} MB': ['Téléchargement de Tackboard… {0} Mo', 'Hämtar Tackboard… {0} MB', '正在下载 Tackboard… {0} MB'],
    'Starting Tackboard…': ['Démarrage de Tackboard…', 'Startar Tackboard…', '正在启动 Tackboard…'],
    'Tackboard ran out of memory': ['Tackboard manque de mémoire', 'Tackboard fick slut på minne', 'Tackboard 内存不足'],
    'Close other tabs or programs and reload the page. Your saved tickets are kept in this browser; a very large board needs a computer with more memory, or several smaller boards.': [
      'Fermez d\'autres onglets ou programmes et rechargez la page. Vos tickets enregistrés sont conservés dans ce navigateur ; un très grand tableau demande un ordinateur avec plus de mémoire, ou plusieurs tableaux plus petits.',
      'Stäng andra flikar eller program och ladda om sidan. Dina sparade ärenden finns kvar i webbläsaren; en mycket stor tavla behöver en dator med mer minne, eller flera mindre tavlor.',
      '请关闭其他标签页或程序后重新加载页面。已保存的工单仍保留在此浏览器中；非常大的看板需要内存更多的电脑，或拆分为几个较小的看板。'],
    'Tackboard could not be downloaded': ['Tackboard n\'a pas pu être téléchargé', 'Tackboard kunde inte hämtas', '无法下载 Tackboard'],
    'Check your connection and reload the page. Your saved tickets are kept in this browser. If you host Tackboard yourself, check that every file of the build was uploaded.': [
      'Vérifiez votre connexion et rechargez la page. Vos tickets enregistrés sont conservés dans ce navigateur. Si vous hébergez Tackboard vous-même, vérifiez que tous les fichiers de la version ont été envoyés.',
      'Kontrollera anslutningen och ladda om sidan. Dina sparade ärenden finns kvar i webbläsaren. Om du själv driftar Tackboard, kontrollera att alla filer i bygget har laddats upp.',
      '请检查网络连接并重新加载页面。已保存的工单仍保留在此浏览器中。如果您自行托管 Tackboard，请确认构建的所有文件都已上传。'],
    'Tackboard stopped unexpectedly': ['Tackboard s\'est arrêté de façon inattendue', 'Tackboard stannade oväntat', 'Tackboard 意外停止'],
    'Reload the page. Your saved tickets are kept in this browser.': ['Rechargez la page. Vos tickets enregistrés sont conservés dans ce navigateur.', 'Ladda om sidan. Dina sparade ärenden finns kvar i webbläsaren.', '请重新加载页面。已保存的工单仍保留在此浏览器中。'],
    'Reload the page.': ['Rechargez la page.', 'Ladda om sidan.', '请重新加载页面。'],
    'Tackboard cannot start in this browser': ['Tackboard ne peut pas démarrer dans ce navigateur', 'Tackboard kan inte starta i den här webbläsaren', 'Tackboard 无法在此浏览器中启动'],
    'Use a current Firefox, Chrome, Edge or Safari.': ['Utilisez une version récente de Firefox, Chrome, Edge ou Safari.', 'Använd en aktuell Firefox, Chrome, Edge eller Safari.', '请使用最新版本的 Firefox、Chrome、Edge 或 Safari。'],
    'Tackboard could not take over from the closed tab': ['Tackboard n\'a pas pu prendre le relais de l\'onglet fermé', 'Tackboard kunde inte ta över från den stängda fliken', 'Tackboard 无法接替已关闭的标签页'],
    'Tackboard cannot open its storage': ['Tackboard ne peut pas ouvrir son stockage', 'Tackboard kan inte öppna sin lagring', 'Tackboard 无法打开其存储'],
    'Tackboard needs WebGL 2': ['Tackboard a besoin de WebGL 2', 'Tackboard behöver WebGL 2', 'Tackboard 需要 WebGL 2'],
    'This browser or device does not offer WebGL 2, which Tackboard draws with.': ['Ce navigateur ou cet appareil n\'offre pas WebGL 2, avec lequel Tackboard dessine.', 'Den här webbläsaren eller enheten saknar WebGL 2, som Tackboard ritar med.', '此浏览器或设备不支持 Tackboard 绘图所用的 WebGL 2。'],
    'Use a current Firefox, Chrome, Edge or Safari, and check that hardware acceleration is not turned off in the browser settings.': [
      'Utilisez une version récente de Firefox, Chrome, Edge ou Safari, et vérifiez que l\'accélération matérielle n\'est pas désactivée dans les réglages du navigateur.',
      'Använd en aktuell Firefox, Chrome, Edge eller Safari, och kontrollera att maskinvaruacceleration inte är avstängd i webbläsarens inställningar.',
      '请使用最新版本的 Firefox、Chrome、Edge 或 Safari，并确认浏览器设置中没有关闭硬件加速。'],
    'Tackboard cannot store tickets in this browser': ['Tackboard ne peut pas enregistrer de tickets dans ce navigateur', 'Tackboard kan inte spara ärenden i den här webbläsaren', 'Tackboard 无法在此浏览器中保存工单'],
    [IDB_HELP]: [
      'Les tickets sont conservés dans l\'IndexedDB de ce navigateur. Les fenêtres privées et certains réglages de confidentialité la bloquent : ouvrez Tackboard dans une fenêtre normale ou autorisez les données de site pour cette page.',
      'Ärenden sparas i webbläsarens IndexedDB. Privata fönster och vissa sekretessinställningar blockerar den: öppna Tackboard i ett vanligt fönster eller tillåt webbplatsdata för den här sidan.',
      '工单保存在此浏览器的 IndexedDB 中。无痕窗口和某些隐私设置会阻止它：请在普通窗口中打开 Tackboard，或允许此页面存储网站数据。'],
    'A new version of Tackboard is ready.': ['Une nouvelle version de Tackboard est prête.', 'En ny version av Tackboard är klar.', 'Tackboard 新版本已就绪。'],
    'Reload': ['Recharger', 'Ladda om', '重新加载'],
  };

  // `english` in the page's language, with {0}, {1}… replaced by `args`; a text without a
  // translation (a browser's own error message) as it is.
  function pageText(english, ...args) {
    const index = ['fr', 'sv', 'zh'].indexOf(document.documentElement.lang);
    const row = PAGE_TEXTS[english];
    const text = index >= 0 && row ? row[index] : english;
    return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
  }

  // The words the HTML starts with, and those of the update banner (tackboard-pwa.js).
  function translatePage() {
    for (const element of [$('loading-text'), document.querySelector('#update-banner span'), $('update-reload')]) {
      if (!element) continue;
      if (!element.dataset.english) element.dataset.english = element.textContent;
      element.textContent = pageText(element.dataset.english);
    }
  }
  let wasmUrl = 'tackboard.wasm';  // as Emscripten locates it (Module.locateFile)

  function showFatal(title, detail, help) {
    if (fatalShown) return;
    fatalShown = true;
    lastError = title + (detail ? ': ' + detail : '');
    $('loading').hidden = true;
    $('canvas').style.display = 'none';
    $('fatal-title').textContent = pageText(title);
    $('fatal-detail').textContent = pageText(detail || '');
    $('fatal-help').textContent = pageText(help || '');
    $('fatal').hidden = false;
    rejectReady(new Error(lastError));
  }

  // --- loading: the app and its fonts, with the bytes downloaded so far ---------------
  // Two downloads run side by side: the wasm (fetched here, see instantiateWasm) and the
  // fonts (tackboard.data, whose progress Emscripten reports through setStatus as
  // "Downloading data... (loaded/total)"). Their sum is shown; a total is known once each
  // download has started and its server said its length.
  const loading = {
    wasm: { loaded: 0, total: 0 },
    data: { loaded: 0, total: 0 },
    text(words) {
      $('loading-progress').removeAttribute('value');
      $('loading-text').textContent = pageText(words);
    },
    show() {
      const loaded = this.wasm.loaded + this.data.loaded;
      const total = this.wasm.total && this.data.total ? this.wasm.total + this.data.total : 0;
      const mb = (bytes) => (bytes / 1048576).toFixed(1);
      const bar = $('loading-progress');
      if (total && loaded <= total) {
        bar.max = total;
        bar.value = loaded;
        $('loading-text').textContent = pageText('Downloading Tackboard… {0} of {1} MB', mb(loaded), mb(total));
      } else {
        bar.removeAttribute('value');
        $('loading-text').textContent = pageText('Downloading Tackboard… {0} MB', mb(loaded));
      }
    },
  };

  function setLoading(text) {
    const m = /\((\d+)\/(\d+)\)/.exec(text || '');
    if (m) {
      loading.data.loaded = Number(m[1]);
      loading.data.total = Number(m[2]);
      loading.show();
    } else if (text && !/^(Running|Downloading data)/.test(text)) {
      loading.text(text);
    }
  }

  // The wasm with its progress. A compressed answer's length counts compressed bytes, so
  // its total stays unknown rather than wrong.
  function downloadWasm(url) {
    const name = url.split('/').pop();
    return fetch(url).catch((e) => { throw new Error(name + ': ' + e.message); }).then((response) => {
      if (!response.ok) throw new Error(name + ': the server answered ' + response.status);
      const length = Number(response.headers.get('Content-Length')) || 0;
      if (!response.headers.get('Content-Encoding')) loading.wasm.total = length;
      if (!response.body) return response.arrayBuffer();
      const reader = response.body.getReader();
      const chunks = [];
      const pump = () => reader.read().then(({ done, value }) => {
        if (done) return undefined;
        chunks.push(value);
        loading.wasm.loaded += value.length;
        loading.show();
        return pump();
      });
      return pump().then(() => {
        const bytes = new Uint8Array(loading.wasm.loaded);
        let at = 0;
        for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
        return bytes.buffer;
      });
    });
  }

  const isMemoryError = (what) => /out of memory|OOM|could not allocate memory|Cannot enlarge memory|Array buffer allocation failed/i
    .test(String((what && what.message) || what));

  function showMemoryError(what) {
    showFatal('Tackboard ran out of memory', String((what && what.message) || what),
              'Close other tabs or programs and reload the page. Your saved tickets are kept in this browser; ' +
              'a very large board needs a computer with more memory, or several smaller boards.');
  }

  function showDownloadError(what) {
    showFatal('Tackboard could not be downloaded', String((what && what.message) || what),
              'Check your connection and reload the page. Your saved tickets are kept in this browser. ' +
              'If you host Tackboard yourself, check that every file of the build was uploaded.');
  }

  // Emscripten's font download throws from its XMLHttpRequest handlers ("NetworkError for:
  // …tackboard.data", or the status text and URL): uncaught, it would leave the page loading.
  window.addEventListener('error', (event) => {
    if (readyDone || fatalShown) return;
    const message = String(event.message || (event.error && event.error.message) || '');
    if (/NetworkError for|tackboard[^ ]*\.data/.test(message)) showDownloadError(message.replace(/^Uncaught Error: /, ''));
    else if (isMemoryError(message)) showMemoryError(message);
  });

  // --- readiness -------------------------------------------------------------
  let resolveReady, rejectReady;
  let readyDone = false;
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
      if (role === 'follower') {  // a follower has nothing of its own to save
        this.waiters.splice(0).forEach((w) => w.resolve(true));
        return;
      }
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
    if (document.visibilityState !== 'hidden' || !Module.calledRun || role === 'follower') return;
    // The user is away: a good moment to fold a long journal into a snapshot.
    Module.ccall('tb_api', 'string', ['string', 'string'], ['compactIfNeeded', 'null']);
    flusher.now().catch(() => {});
  });
  window.addEventListener('pagehide', () => { if (Module.calledRun) flusher.now().catch(() => {}); });

  // --- light or dark ----------------------------------------------------------
  const THEME_KEY = 'tackboard-theme';
  const THEME_MODES = ['light', 'dark', 'system'];
  const systemDark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  let themeMode = readThemeMode();

  function readThemeMode() {
    try {
      const stored = localStorage.getItem(THEME_KEY);
      return THEME_MODES.includes(stored) ? stored : 'system';
    } catch (e) {
      return 'system';  // storage blocked: follow the system
    }
  }

  function themeInEffect() {
    if (themeMode !== 'system') return themeMode;
    return systemDark && systemDark.matches ? 'dark' : 'light';
  }

  // The page around the canvas (loading and error screens) follows prefers-color-scheme
  // in tackboard.css; a user's choice overrides it through data-theme.
  function applyThemeToPage() {
    const root = document.documentElement;
    if (themeMode === 'system') delete root.dataset.theme; else root.dataset.theme = themeMode;
  }

  // Tells the running app (main() reads Module.tbDarkTheme when it starts). What was
  // told is kept: reading systemDark.matches elsewhere would also keep Chromium from
  // firing the 'change' event for a switch it had not reported yet.
  let appliedTheme = themeInEffect();
  function applyThemeToApp() {
    appliedTheme = themeInEffect();
    const dark = appliedTheme === 'dark';
    Module.tbDarkTheme = dark;
    if (!Module.calledRun) return;
    const reply = JSON.parse(Module.ccall('tb_api', 'string', ['string', 'string'],
                                          ['setTheme', JSON.stringify({ dark })]));
    if (!reply.ok) console.warn('Tackboard: could not switch the theme:', reply.error);
  }

  function setThemeMode(mode) {
    if (!THEME_MODES.includes(mode)) throw new Error("expected 'light', 'dark' or 'system', not " + JSON.stringify(mode));
    themeMode = mode;
    try { localStorage.setItem(THEME_KEY, mode); } catch (e) { /* kept for this page only */ }
    applyThemeToPage();
    applyThemeToApp();
  }

  if (systemDark) {
    systemDark.addEventListener('change', () => { if (themeMode === 'system') applyThemeToApp(); });
  }
  applyThemeToPage();

  // --- the UI language ------------------------------------------------------
  const LANGUAGE_KEY = 'tackboard-language';
  const LANGUAGES = ['en', 'fr', 'sv', 'zh'];
  const primaryLanguage = (code) => String(code || '').split(/[-_]/)[0].toLowerCase();

  // The stored choice, else the first of the browser's languages the app speaks.
  function readLanguage() {
    try {
      const stored = localStorage.getItem(LANGUAGE_KEY);
      if (LANGUAGES.includes(stored)) return stored;
    } catch (e) { /* storage blocked: the browser's languages decide */ }
    const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    return wanted.map(primaryLanguage).find((code) => LANGUAGES.includes(code)) || 'en';
  }

  let language = readLanguage();
  document.documentElement.lang = language;
  translatePage();

  // Called by the app whenever its language changes (its menu, palette, or setLanguage).
  function languageChanged(code) {
    language = code;
    document.documentElement.lang = code;
    translatePage();
    try { localStorage.setItem(LANGUAGE_KEY, code); } catch (e) { /* kept for this page only */ }
  }

  // --- boards: which one this page opens, and where each is kept ------------------
  // Each board is an IndexedDB database of its own (IDBFS names it after its mount point):
  // the first at /data, where Tackboard has always kept its board, the others at
  // /board-<id>, and the demo (?demo=1) at /demo, emptied at each visit so a public demo
  // never touches a visitor's boards. Each has its own writer lock and tab channel. The
  // list of boards belongs to this browser (localStorage); ?board=<id> picks one, else the
  // last one opened. Switching, creating and deleting the open board load the page anew.
  const BOARDS_KEY = 'tackboard-boards';
  const LAST_BOARD_KEY = 'tackboard-last-board';
  const FIRST_BOARD = 'default';
  const BOARD_UNDO_MS = 15000;  // a deleted board can be brought back this long
  const pageParams = new URLSearchParams(location.search);
  const demo = pageParams.get('demo') === '1';

  const boards = {
    list() {
      try {
        const stored = JSON.parse(localStorage.getItem(BOARDS_KEY));
        if (Array.isArray(stored)) {
          const valid = stored.filter((b) => b && typeof b.id === 'string' && /^[a-z0-9]+$/.test(b.id));
          if (valid.some((b) => !b.deleted_at)) return valid;
        }
      } catch (e) { /* unreadable or blocked: the first board alone */ }
      return [{ id: FIRST_BOARD, name: '' }];
    },
    save(list) { localStorage.setItem(BOARDS_KEY, JSON.stringify(list)); },
    live() { return this.list().filter((b) => !b.deleted_at); },
    update(id, change) { this.save(this.list().map((b) => (b.id === id ? change(Object.assign({}, b)) : b))); },
  };
  const rootOf = (id) => (id === FIRST_BOARD ? '/data' : '/board-' + id);
  const urlOf = (id) => location.pathname + '?board=' + encodeURIComponent(id);

  function chooseBoard() {
    const live = boards.live();
    const known = (id) => live.some((b) => b.id === id);
    const wanted = pageParams.get('board');
    if (wanted && known(wanted)) return wanted;
    let last = null;
    try { last = localStorage.getItem(LAST_BOARD_KEY); } catch (e) { /* blocked: the first board */ }
    const chosen = last && known(last) ? last : live[0].id;
    // A link to a deleted or unknown board opens another one: the address says which.
    if (wanted) history.replaceState(null, '', urlOf(chosen) + location.hash);
    return chosen;
  }

  const boardId = demo ? 'demo' : chooseBoard();
  const profile = demo ? { root: '/demo', lock: 'tackboard-writer:demo', channel: 'tackboard:demo' }
    : boardId === FIRST_BOARD ? { root: '/data', lock: 'tackboard-writer', channel: 'tackboard' }
    : { root: rootOf(boardId), lock: 'tackboard-writer:' + boardId, channel: 'tackboard:' + boardId };
  if (!demo) { try { localStorage.setItem(LAST_BOARD_KEY, boardId); } catch (e) { /* remembered for this page only */ } }

  function boardListJson() {
    return JSON.stringify({ current: boardId, demo, undo_ms: BOARD_UNDO_MS, boards: demo ? [] : boards.list() });
  }

  function deleteDatabase(name) {
    return new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = () => resolve();
      // Another tab still has it open: it goes when that tab closes; do not wait for it.
      request.onblocked = () => resolve();
    });
  }

  // Deleted boards whose undo window passed are removed for good, and their storage with them.
  function purgeDeletedBoards() {
    let list;
    try { list = boards.list(); } catch (e) { return; }
    const now = Date.now();
    const expired = list.filter((b) => b.deleted_at && now >= b.deleted_at + BOARD_UNDO_MS && b.id !== boardId);
    if (expired.length) {
      try { boards.save(list.filter((b) => !expired.includes(b))); } catch (e) { return; }
      for (const b of expired) deleteDatabase(rootOf(b.id));
    }
    const waiting = list.filter((b) => b.deleted_at && !expired.includes(b));
    if (waiting.length) {
      const next = Math.min(...waiting.map((b) => b.deleted_at + BOARD_UNDO_MS)) - now;
      setTimeout(purgeDeletedBoards, Math.max(0, next) + 500);
    }
  }

  // Leaves for another page once what this tab wrote is in IndexedDB.
  function leaveFor(url) {
    flusher.now().catch(() => {}).then(() => location.assign(url));
  }

  function openBoard(id) {
    try { localStorage.setItem(LAST_BOARD_KEY, id); } catch (e) { /* the address says it anyway */ }
    leaveFor(urlOf(id));
  }

  function boardsChanged() {
    if (readyDone) Module.ccall('tb_api', 'string', ['string', 'string'], ['boardsChanged', 'null']);
  }

  function newBoardId() {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
  }

  function uniqueBoardName(base) {
    const taken = new Set(boards.live().map((b) => b.name.toLowerCase()));
    const stem = base.slice(0, 70) || 'Imported board';
    let name = stem;
    for (let n = 2; taken.has(name.toLowerCase()); ++n) name = stem + ' (' + n + ')';
    return name;
  }

  // What the app asked (checked there first: BoardAction in src/ui/board_list.hpp).
  function boardAction(request) {
    try {
      switch (request.action) {
        case 'switch': openBoard(request.id); break;
        case 'create': {
          const id = newBoardId();
          boards.save(boards.list().concat([{ id, name: request.name, created: Date.now() }]));
          openBoard(id);
          break;
        }
        case 'rename': boards.update(request.id, (b) => Object.assign(b, { name: request.name })); boardsChanged(); break;
        case 'delete':
          boards.update(request.id, (b) => Object.assign(b, { deleted_at: Date.now() }));
          if (request.id === boardId) openBoard(boards.live()[0].id);
          else { boardsChanged(); purgeDeletedBoards(); }
          break;
        case 'undoDelete': boards.update(request.id, (b) => { delete b.deleted_at; return b; }); boardsChanged(); break;
        case 'importBoard': pickBoardFile(); break;
        case 'leaveDemo': leaveFor(location.pathname); break;
        default: throw new Error('unknown board action ' + request.action);
      }
    } catch (e) {
      lastError = 'the boards could not be changed: ' + (e.message || e);
      console.warn('Tackboard:', lastError);
    }
  }

  // --- a file becoming a new board: handed to the new board's page through IndexedDB ---
  const HANDOFF_DB = 'tackboard-handoff';
  function handoffStore(mode, work) {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(HANDOFF_DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('files');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('files', mode);
        const request = work(tx.objectStore('files'));
        tx.oncomplete = () => { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
      };
    });
  }

  function pickBoardFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.csv,.txt,application/json,text/csv';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      input.remove();
      if (file) file.arrayBuffer().then((bytes) => importAsNewBoard(file.name, new Uint8Array(bytes)));
    });
    document.body.appendChild(input);
    input.click();
  }

  // The file waits in IndexedDB for the new board's page, which opens it in the import
  // dialog (a preview, then the user's word), so nothing is imported unseen.
  function importAsNewBoard(fileName, bytes) {
    const id = newBoardId();
    const name = uniqueBoardName(fileName.replace(/\.[^.]*$/, ''));
    return handoffStore('readwrite', (store) => store.put({ name: fileName, bytes: bytes.slice() }, id)).then(() => {
      boards.save(boards.list().concat([{ id, name, created: Date.now() }]));
      openBoard(id);
    }).catch((e) => {
      lastError = 'the file could not be kept for the new board: ' + ((e && e.message) || e);
      console.warn('Tackboard:', lastError);
      throw new Error(lastError);
    });
  }

  function takeHandoff() {
    if (demo) return;
    handoffStore('readwrite', (store) => {
      const request = store.get(boardId);
      store.delete(boardId);
      return request;
    }).then((file) => {
      if (file) callWithBytes('openImport', { name: file.name }, file.bytes).catch((e) => call('importFailed', { error: e.message }));
    }).catch(() => { /* no handoff database yet: nothing waits */ });
  }

  // --- the Emscripten module ------------------------------------------------
  const Module = window.Module = {
    canvas: $('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    setStatus: setLoading,
    preRun: [mountData],
    onAbort: (what) => (isMemoryError(what) ? showMemoryError(what)
      : showFatal('Tackboard stopped unexpectedly', String(what), 'Reload the page. Your saved tickets are kept in this browser.')),
    // Where Emscripten will look for its files (the same as without this), noting the
    // wasm's address, which tools/dist.py may have renamed to a hashed one.
    locateFile(path, prefix) {
      if (/\.wasm$/.test(path)) wasmUrl = prefix + path;
      return prefix + path;
    },
    // The wasm is fetched here rather than by Emscripten, to show its bytes arriving.
    instantiateWasm(imports, receive) {
      downloadWasm(wasmUrl).then((bytes) => {
        loading.text('Starting Tackboard…');
        return WebAssembly.instantiate(bytes, imports).then((result) => receive(result.instance, result.module),
                                                            (e) => (isMemoryError(e) ? showMemoryError(e) : showFatal(
                                                              'Tackboard cannot start in this browser', e.message || String(e),
                                                              'Use a current Firefox, Chrome, Edge or Safari.')));
      }, showDownloadError);
      return {};  // the exports arrive through receive()
    },
    tbReady() {
      $('loading').hidden = true;
      readyDone = true;
      resolveReady(true);
      applyFollowed();
      applyRoute();
      Module.tbWatchRequests();
      if (role !== 'follower') takeHandoff();
    },
    tbFatal: showFatal,
    tbDownloadBytes(name, bytes) { Module.tbDownload(name, bytes, 'application/octet-stream'); },
    tbDownload(name, data, type) {
      const url = URL.createObjectURL(new Blob([data], { type: type || 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    // The canvas as drawn this frame (called right after drawing, before the browser may
    // clear the WebGL buffer), as a PNG download.
    tbSnapshot(name) {
      const canvas = Module.canvas;
      if (!canvas) return;
      canvas.toBlob((blob) => { if (blob) Module.tbDownload(name, blob, 'image/png'); }, 'image/png');
    },
    tbPickImportFile() { pickImportFile(); },
    // Settings > Templates: a template file's text for the app to check and preview.
    tbPickTemplateFile() { pickTemplateFile(); },
    tbCopy(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(() => {});
    },
    // The app's view, open ticket, filter and swimlanes, kept in the URL's hash (deep links).
    tbSetRoute(text) {
      const route = JSON.parse(text);
      const params = new URLSearchParams();
      for (const key of ROUTE_KEYS) if (route[key]) params.set(key, route[key]);
      routeWriter.write(params);
    },
    tbDataChanged() { flusher.schedule(); },
    // Browser notifications (ui/notification_centre.hpp), only while the page is open: the
    // permission, asked for on the user's click and answered back to the app, and the notices.
    tbNotificationPermission() { return window.Notification ? Notification.permission : 'unsupported'; },
    tbRequestNotificationPermission() {
      if (!window.Notification) return;
      Promise.resolve(Notification.requestPermission()).catch(() => Notification.permission).then((state) => {
        Module.ccall('tb_api', 'string', ['string', 'string'], ['notificationPermission', JSON.stringify({ state })]);
      });
    },
    tbNotify(title, body, tag) {
      if (!window.Notification || Notification.permission !== 'granted') return;
      try { new Notification(title, { body, tag }); } catch (e) { /* Android: only a service worker may */ }
    },
    // News of the requester's own requests (ui/request_view.hpp), looked for every few
    // seconds while the browser allows notifications; the permission itself is asked only
    // on the request view's "Allow browser notifications" click.
    tbWatchRequests() {
      setInterval(() => {
        if (!readyDone || role === 'follower' || !window.Notification || Notification.permission !== 'granted') return;
        const reply = JSON.parse(Module.ccall('tb_api', 'string', ['string', 'string'], ['requestNotices', 'null']));
        if (reply.ok) for (const n of reply.result) Module.tbNotify(n.title, n.body, n.tag);
      }, 3000);
    },
    tbTextField(active, x, y, lineHeight) { followTextField(active, x, y, lineHeight); },
    tbAnnounce(text) { $('live').textContent = text; },
    tbCommitted(text) { if (channel) channel.postMessage({ type: 'change', change: text }); },
    tbRole: 'writer',
    tbDarkTheme: appliedTheme === 'dark',
    tbLanguage: language,  // main() reads it when it starts
    tbLanguageChanged: languageChanged,
    tbDataRoot: profile.root,  // where main() opens the board (DataDirectory in web_app.hpp)
    tbDemo: demo,
    tbBoardList: boardListJson,
    tbBoardAction(text) { boardAction(JSON.parse(text)); },
  };

  // --- clipboard: what the browser pastes reaches the app before the key does ------
  let pasteEventSeen = false;
  document.addEventListener('paste', (event) => {
    pasteEventSeen = true;
    if (!readyDone || !event.clipboardData) return;
    Module.ccall('tb_api', 'string', ['string', 'string'],
                 ['clipboard', JSON.stringify({ text: event.clipboardData.getData('text/plain') })]);
  });
  // Ctrl+K is the app's command palette, not the browser's search box.
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') event.preventDefault();
  }, true);
  // Ctrl+V with no paste event after it (the canvas is not an editable element, and not
  // every browser fires one there): read the clipboard, if the browser lets us.
  document.addEventListener('keydown', (event) => {
    if (!readyDone || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'v') return;
    pasteEventSeen = false;
    setTimeout(() => {
      if (pasteEventSeen || !navigator.clipboard || !navigator.clipboard.readText) return;
      navigator.clipboard.readText().then((text) => {
        Module.ccall('tb_api', 'string', ['string', 'string'], ['pasteText', JSON.stringify({ text })]);
      }).catch(() => {});
    }, 0);
  });

  // --- text from input methods: the hidden field ----------------------------------
  // Keys reach the app through SDL's listeners on window, whatever has the focus; SDL
  // cancels each keypress, so a letter typed here never lands in the field too. What does
  // land here comes without a keypress: an input method's composition and its result,
  // dead keys, on-screen keyboards. The composition is shown by the app at its cursor;
  // the result is typed into the app's field, and this field is emptied again.
  const textField = $('text-input');
  let composing = false;

  function sendText(method, text) {
    if (!readyDone) return;
    Module.ccall('tb_api', 'string', ['string', 'string'], [method, JSON.stringify({ text })]);
  }

  function sendKey(press) {
    if (readyDone) Module.ccall('tb_api', 'string', ['string', 'string'], ['textKey', JSON.stringify(press)]);
  }

  function takeFieldText(fallback) {
    const text = textField.value || fallback || '';
    textField.value = '';
    if (text) sendText('textInput', text);
  }

  // The app says whether one of its text fields has the keyboard, and where its cursor is.
  function followTextField(active, x, y, lineHeight) {
    if (active) {
      const canvas = $('canvas').getBoundingClientRect();
      textField.style.left = (canvas.left + x) + 'px';
      textField.style.top = (canvas.top + y) + 'px';
      textField.style.height = lineHeight + 'px';
      if (document.activeElement !== textField) textField.focus({ preventScroll: true });
    } else if (document.activeElement === textField) {
      textField.blur();
    }
  }

  textField.addEventListener('compositionstart', () => { composing = true; });
  textField.addEventListener('compositionupdate', (event) => sendText('composition', event.data || ''));
  textField.addEventListener('compositionend', (event) => {
    composing = false;
    sendText('composition', '');
    takeFieldText(event.data);
  });
  // Text inserted outside a composition. (Chrome's input event of a commit comes before
  // compositionend and is left to it; Firefox's comes after, when the field is empty.)
  textField.addEventListener('input', (event) => {
    if (composing || event.isComposing) return;
    if (/^delete/.test(event.inputType || '')) { textField.value = ''; return; }  // see beforeinput
    takeFieldText('');
  });
  // On-screen keyboards that send their edit keys as keyCode 229 (stopped below, as keys
  // of an input method) say what they do here instead: the edit is cancelled and the same
  // keys are pressed in the app's field. A key SDL saw itself (a real Backspace) is left to SDL.
  let keyForSdl = false;
  const EDIT_KEYS = {
    deleteContentBackward: [{ key: 'Backspace' }],
    deleteContentForward: [{ key: 'Delete' }],
    deleteWordBackward: [{ key: 'Backspace', ctrl: true }],
    deleteWordForward: [{ key: 'Delete', ctrl: true }],
    deleteSoftLineBackward: [{ key: 'Home', shift: true }, { key: 'Backspace' }],
    deleteHardLineBackward: [{ key: 'Home', shift: true }, { key: 'Backspace' }],
    insertLineBreak: [{ key: 'Enter' }],
    insertParagraph: [{ key: 'Enter' }],
  };
  textField.addEventListener('beforeinput', (event) => {
    const presses = EDIT_KEYS[event.inputType];
    if (!presses || composing || event.isComposing || keyForSdl) return;
    event.preventDefault();
    for (const press of presses) sendKey(press);
  });
  textField.addEventListener('blur', () => {
    if (composing) { composing = false; sendText('composition', ''); }
    textField.value = '';
  });
  // Keys that drive a composition (keyCode 229 while the input method has them) stop
  // here: passed on to SDL, Backspace or Enter would also edit the app's field.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    textField.addEventListener(type, (event) => {
      const imeKey = composing || event.isComposing || event.keyCode === 229;
      if (type !== 'keypress') keyForSdl = type === 'keydown' && !imeKey;
      if (imeKey) event.stopPropagation();
    });
  }

  // A phone shows its keyboard only for a focus given inside a tap's handler: when a tap
  // pressed one of the app's text fields (the app reads the gesture now; SDL's listener on
  // the canvas has queued the lift before this one on window runs), the hidden field is
  // focused here rather than a frame later.
  window.addEventListener('touchend', () => {
    if (!readyDone) return;
    const reply = JSON.parse(Module.ccall('tb_api', 'string', ['string', 'string'], ['touchEnded', 'null']));
    if (reply.ok && reply.result && document.activeElement !== textField) textField.focus({ preventScroll: true });
  });

  // --- deep links: #view=list&ticket=ID&q=filter&lanes=assignee ---------------------
  function applyRoute() {
    const params = new URLSearchParams(location.hash.slice(1));
    const route = {};
    for (const key of ROUTE_KEYS) route[key] = params.get(key) || '';
    if (location.hash === '#/request') route.view = 'request';  // the requester's page, as people link it
    Module.ccall('tb_api', 'string', ['string', 'string'], ['setRoute', JSON.stringify(route)]);
  }
  window.addEventListener('hashchange', () => {
    routeWriter.cancel();  // the user's own navigation wins over a write still waiting
    if (readyDone) applyRoute();
  });
  window.addEventListener('pagehide', () => routeWriter.now());

  // --- one writer per origin ---------------------------------------------------
  let role = 'writer';  // 'writer', 'follower', or 'alone' (no Web Locks: cannot coordinate)
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(profile.channel) : null;
  const followed = [];     // changes from the writer received before this tab's board is ready
  const followedLog = [];  // every change followed, stored again on takeover if the writer had not

  if (channel) {
    channel.onmessage = (event) => {
      const message = event.data || {};
      if (message.type === 'flush-request' && role !== 'follower') {
        // A new tab is about to read IndexedDB: make sure it holds everything first.
        const answer = () => channel.postMessage({ type: 'flushed', id: message.id });
        if (Module.calledRun) flusher.now().then(answer, answer); else answer();
      } else if (message.type === 'change' && role === 'follower') {
        followed.push(message.change);
        applyFollowed();
      }
    };
  }

  function applyFollowed() {
    if (!readyDone || role !== 'follower') return;
    while (followed.length) {
      const change = followed.shift();
      followedLog.push(change);
      const reply = JSON.parse(Module.ccall('tb_api', 'string', ['string', 'string'], ['follow', change]));
      if (!reply.ok) console.warn('Tackboard: could not follow a change:', reply.error);
    }
  }

  // Resolves once this tab knows its role; a follower also waits (at most 3 s) for the
  // writer to flush, so that what it reads from IndexedDB is complete.
  function claimWriter() {
    if (!navigator.locks) {
      role = 'alone';
      Module.tbRole = 'alone';
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      navigator.locks.request(profile.lock, { ifAvailable: true }, (lock) => {
        if (lock) {
          resolve();
          return new Promise(() => {});  // held for the life of this page
        }
        role = 'follower';
        Module.tbRole = 'follower';
        if (!channel) { resolve(); return undefined; }
        navigator.locks.request(profile.lock, () => { takeOver(); return new Promise(() => {}); });
        const id = Math.random().toString(36).slice(2);
        const done = () => { clearTimeout(timer); resolve(); };
        const timer = setTimeout(done, 3000);
        const listener = (event) => { if (event.data && event.data.type === 'flushed' && event.data.id === id) done(); };
        channel.addEventListener('message', listener);
        channel.postMessage({ type: 'flush-request', id });
        return undefined;
      });
    });
  }

  // The writing tab closed and this one holds the lock now: read IndexedDB afresh (the
  // other tab flushed when it went away) and become the writer.
  function takeOver() {
    readyPromise.then(() => {
      FS.syncfs(true, (err) => {
        if (err) {
          showFatal('Tackboard could not take over from the closed tab', describeStorageError(err),
                    'Reload the page.');
          return;
        }
        applyFollowed();  // still as the follower: whatever arrived last goes into the log
        role = 'writer';
        Module.tbRole = 'writer';
        // The closing tab may not have finished saving its last changes: this tab saw
        // them, so it stores those storage does not have.
        Module.ccall('tb_api', 'string', ['string', 'string'], ['takeOver', JSON.stringify(followedLog)]);
        followedLog.length = 0;
        flusher.now().catch(() => {});
      });
    });
  }

  function mountData() {
    FS.mkdir(profile.root);
    FS.mount(IDBFS, {}, profile.root);
    addRunDependency('tackboard-idbfs');
    setLoading('Opening your saved tickets…');
    FS.syncfs(true, (err) => {
      if (err) {
        showFatal('Tackboard cannot open its storage', describeStorageError(err),
                  IDB_HELP);
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
                IDB_HELP);
      return;
    }
    await claimWriter();
    // The demo starts afresh at each visit (a tab already showing it follows that one).
    if (demo && role !== 'follower') await deleteDatabase(profile.root);
    if (!demo) purgeDeletedBoards();
    const script = document.createElement('script');
    script.src = 'tackboard.js';
    script.onerror = () => showDownloadError('tackboard.js did not load.');
    document.body.appendChild(script);
  }

  // --- window.tackboard -------------------------------------------------------
  function settle(replyText) {
    const reply = JSON.parse(replyText);
    if (!reply.ok) { lastError = reply.error; throw new Error(reply.error); }
    return reply.result;
  }

  function call(method, args) {
    return readyPromise.then(() => settle(Module.ccall('tb_api', 'string', ['string', 'string'],
                                                       [method, JSON.stringify(args === undefined ? null : args)])));
  }

  // Files go through wasm memory as bytes: a 50 MB string would not fit on the stack
  // that ccall uses for string arguments, and the C++ side checks the encoding itself.
  function toBytes(data) {
    if (typeof data === 'string') return new TextEncoder().encode(data);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new Error('expected the file as text, an ArrayBuffer or a Uint8Array');
  }

  function callWithBytes(method, args, data) {
    return readyPromise.then(() => {
      const bytes = toBytes(data);
      const pointer = Module._malloc(Math.max(1, bytes.length));
      if (!pointer) throw new Error('not enough memory for a file of ' + bytes.length + ' bytes');
      try {
        Module.HEAPU8.set(bytes, pointer);
        return settle(Module.ccall('tb_api_bytes', 'string', ['string', 'string', 'number', 'number'],
                                   [method, JSON.stringify(args), pointer, bytes.length]));
      } finally {
        Module._free(pointer);
      }
    });
  }

  // Polls until `ready(value)` says the C++ side finished something asynchronous (a sync
  // round, a connection test); bounded, so a stuck server rejects instead of hanging.
  function pollUntil(method, args, ready, what, timeoutMs = 120000) {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => call(method, args).then((value) => {
        if (ready(value)) return resolve(value);
        if (Date.now() - started > timeoutMs) return reject(new Error(`${what} did not finish within ${timeoutMs / 1000} s`));
        setTimeout(poll, 50);
      }, reject);
      poll();
    });
  }

  // The browser's idea of the network: sync pauses offline and catches up when back.
  window.addEventListener('online', () => { if (readyDone) call('setOnline', { online: true }).catch(() => {}); });
  window.addEventListener('offline', () => { if (readyDone) call('setOnline', { online: false }).catch(() => {}); });

  // The import dialog's file: read with progress shown in the dialog, then checked by C++.
  function readImportFile(file) {
    const progress = (loaded) => call('importProgress', { name: file.name, loaded, total: file.size });
    const reader = new FileReader();
    reader.onprogress = (event) => { progress(event.loaded); };
    reader.onerror = () => call('importFailed', {
      error: 'the browser could not read ' + file.name + ': ' + ((reader.error && reader.error.message) || 'unknown error'),
    });
    reader.onload = () => {
      callWithBytes('openImport', { name: file.name }, reader.result).catch((e) => call('importFailed', { error: e.message }));
    };
    progress(0);
    reader.readAsArrayBuffer(file);
  }

  function pickImportFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.csv,.txt,application/json,text/csv';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      if (input.files && input.files[0]) readImportFile(input.files[0]);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  }

  function pickTemplateFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      input.remove();
      if (!file) return;
      file.text().then((text) => call('templateFile', { name: file.name, text }),
        (e) => call('templateFile', { name: file.name, error: (e && e.message) || 'unknown error' }));
    });
    document.body.appendChild(input);
    input.click();
  }

  // A file dropped anywhere on the page is imported through the same dialog.
  document.addEventListener('dragover', (event) => { event.preventDefault(); });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files[0];
    if (file && readyDone && role !== 'follower') readImportFile(file);
  });

  window.tackboard = {
    ready: () => readyPromise,
    createTicket: (fields) => call('createTicket', fields),
    updateTicket: (id, patch) => call('updateTicket', { id, patch }),
    getTicket: (id) => call('getTicket', { id }),
    // Any change record of core/change.hpp: comment, link, reopen, delete, config...
    execute: (change) => call('execute', change),
    // Sprints (core/sprints.hpp): the list; a new one (resolves with its id); tickets planned
    // into one ({added, skipped}; sprintId '' = the backlog); closing one, its unfinished
    // tickets moved to nextId ('' = the backlog).
    sprints: () => call('sprints'),
    createSprint: (sprint) => call('createSprint', sprint),
    addToSprint: (ids, sprintId) => call('addToSprint', { ids, sprintId }),
    closeSprint: (id, nextId) => call('closeSprint', { id, nextId: nextId || '' }),
    // Tests: the app's clock set to `at` (ms) and running on from there; null: the real clock.
    setClock: (at) => call('setClock', { at }),
    // One pass of the time-triggered automation rules (due, SLA, idle) now: how many fired.
    // The app runs one every minute and after setClock by itself.
    runTimedRules: () => call('runTimedRules'),
    // What automation rules announced ("notify" actions) this session:
    // [{at, ticket, rule, message}], oldest first.
    notifications: () => call('notifications'),
    // Ids of the tickets matching a query (see docs/query-language.md), in its order.
    query: (text) => call('query', { query: text }),
    // The reports dashboard's figures (README "Reports"). No argument: what the reports view
    // shows. Else {days} or {from: 'YYYY-MM-DD', to: 'YYYY-MM-DD'}, with {bucket: 'day'|'week'}
    // and {filter: 'query'} if wanted.
    report: (options) => call('report', options || null),
    // Writes a snapshot of the board now (normally done when the tab is hidden).
    compact: () => call('compact'),
    exportJson: () => call('exportJson').then((board) => JSON.stringify(board)),
    exportCsv: () => call('exportCsv'),
    // What importing a file would do, without doing it: counts, mappings, skipped records.
    // `data` is text, an ArrayBuffer or a Uint8Array; `format` is optional ('json', 'csv',
    // 'tackboard', 'trello', 'github', 'jira', 'plain-csv').
    previewImport: (data, format) => callWithBytes('previewImport', { format: format || '' }, data),
    // Imports every ticket of the file or none; resolves with the same summary as previewImport.
    importFile: (data, format) => callWithBytes('importFile', { format: format || '' }, data),
    importJson: (text) => callWithBytes('importFile', { format: 'json' }, text),
    importCsv: (text) => callWithBytes('importFile', { format: 'csv' }, text),
    notices: () => call('notices'),
    // Who works at this device: {name, role: 'requester'|'agent'|'lead', from_server}. A
    // requester sees the request view instead of the board.
    identity: () => call('identity'),
    // {name, role}: chosen on this device; refused while the sync server names the user.
    setIdentity: (who) => call('setIdentity', who),
    // Sync with a server (README "Sync"). Settings: {kind: 'couchdb'|'rest'|'off', url,
    // token, collection, id_field, concurrency: 'etag'|'version'|'none', version_field,
    // interval_seconds}; kept in this browser only, the token never handed back.
    configureSync: (settings) => call('configureSync', settings),
    // {state: 'off'|'idle'|'syncing'|'waiting'|'offline', last_synced, pending, last_error, ...}
    syncStatus: () => call('syncStatus'),
    // Runs a round now; resolves with the status once it is over, successful or not, and
    // no follow-up round (edits made meanwhile, changes from elsewhere) is running.
    sync: () => call('syncNow').then(({ after }) =>
      pollUntil('syncStatus', null, (status) => status.rounds > after && status.state !== 'syncing', 'the sync round')),
    // Tries settings without keeping them: {ok, tickets?, message}.
    testSync: (settings) => call('testSync', settings).then(({ probe }) =>
      pollUntil('syncProbe', { probe }, (result) => result !== null, 'the connection test')),
    flush: () => readyPromise.then(() => flusher.now()),
    frameStats: (options) => call('frameStats', options),
    // True once no input waits and no frame is left to draw: what is on screen is final.
    settled: () => call('settled'),
    // The rectangle of an ImGui item, in page CSS pixels, or null when it is not on screen.
    uiRect: (label) => call('uiRect', { label }).then((r) => {
      if (!r) return null;
      const canvas = $('canvas').getBoundingClientRect();
      return { x: r.x + canvas.left, y: r.y + canvas.top, width: r.width, height: r.height };
    }),
    // Labels of the ImGui items drawn last frame that start with `prefix` (a chart's tooltip:
    // 'chart-tooltip:volume:'), sorted.
    uiLabels: (prefix) => call('uiLabels', { prefix }),
    lastError: () => lastError,
    // 'writer', 'follower' (another tab writes; this one follows read-only) or 'alone'.
    role: () => role,
    // 'light', 'dark' or 'system' (follow the browser's preference); remembered in this
    // browser. Resolves with the theme in effect.
    setTheme: (mode) => new Promise((resolve) => { setThemeMode(mode); resolve(appliedTheme); }),
    // 'light' or 'dark': the theme in effect now.
    theme: () => appliedTheme,
    // The UI language: 'en', 'fr', 'sv' or 'zh' (or a locale such as 'fr-CA'); remembered
    // in this browser. Resolves with the language code in effect.
    setLanguage: (code) => {
      if (!LANGUAGES.includes(primaryLanguage(code)))
        return Promise.reject(new Error(`Tackboard speaks ${LANGUAGES.join(', ')}, not ${JSON.stringify(code)}`));
      return call('setLanguage', { code: primaryLanguage(code) });
    },
    // 'en', 'fr', 'sv' or 'zh': the UI language now.
    language: () => language,
    // The boards of this browser: {current, demo, undo_ms, boards: [{id, name, deleted_at?}]}.
    boards: () => Promise.resolve(JSON.parse(boardListJson())),
    // As the boards menu does them, checked by the app first. Creating, switching,
    // deleting the open board and leaving the demo load another page.
    createBoard: (name) => call('boardAction', { action: 'create', name }),
    switchBoard: (id) => call('boardAction', { action: 'switch', id }),
    renameBoard: (id, name) => call('boardAction', { action: 'rename', id, name }),
    deleteBoard: (id) => call('boardAction', { action: 'delete', id }),
    undoDeleteBoard: (id) => call('boardAction', { action: 'undoDelete', id }),
    // A file (text, ArrayBuffer or Uint8Array) as a new board: the new board's page opens
    // it in the import dialog.
    importBoard: (fileName, data) => readyPromise.then(() => importAsNewBoard(fileName, toBytes(data))),
    // Fills an empty board with the sample support team's board; resolves with the count.
    loadDemo: () => call('loadDemo'),
  };

  start();
})();

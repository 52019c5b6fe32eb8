// tackboard-pwa.js — the page's side of the installable, offline app (sw.js):
//   1. registers sw.js, only when tools/dist.py marked the page with
//      <meta name="tackboard-service-worker" content="sw.js">; the development build
//      (serve.py) has no marker and runs without a worker
//   2. when a new version has installed in the background and waits, shows the banner
//      "A new version of Tackboard is ready. [Reload]"; Reload asks the waiting worker to
//      take over (SKIP_WAITING) and reloads the page once it controls it. Tickets are in
//      IndexedDB, which neither the worker nor an update touches
//   3. looks for a new version when the page is shown again, and hourly while it stays open
//   4. window.tackboardPwa for tests: updateReady(), controlled(), checkForUpdate()
(function () {
  'use strict';

  const UPDATE_CHECK_MS = 60 * 60 * 1000;
  const marker = document.querySelector('meta[name="tackboard-service-worker"]');
  const workers = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  const banner = document.getElementById('update-banner');
  let registered = Promise.resolve(null);  // the ServiceWorkerRegistration, once there is one
  let waiting = null;

  function showUpdate(worker) {
    waiting = worker;
    banner.hidden = false;
  }

  // A worker that finished installing while another controls the page is an update; the
  // very first one (nothing controlled the page) is not.
  function watch(worker) {
    const check = () => { if (worker.state === 'installed' && workers.controller) showUpdate(worker); };
    worker.addEventListener('statechange', check);
    check();
  }

  window.tackboardPwa = {
    updateReady: () => waiting !== null,
    controlled: () => !!(workers && workers.controller),
    // Resolves once the browser has fetched sw.js and compared it with the running one.
    checkForUpdate: () => registered.then((reg) => reg && reg.update()),
  };

  if (!marker || !workers) return;

  document.getElementById('update-reload').addEventListener('click', () => {
    if (!waiting) return;
    workers.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });

  registered = workers.register(marker.content).then((reg) => {
    if (reg.waiting) watch(reg.waiting);
    if (reg.installing) watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
    setInterval(() => reg.update().catch(() => {}), UPDATE_CHECK_MS);
    return reg;
  }, (error) => {
    console.warn('Tackboard: offline use is not available, the service worker did not register:', error);
    return null;
  });
})();

// sw.js — Tackboard's service worker, for the packed app only (tools/dist.py fills in
// BUILD; the development build served by serve.py never registers it).
//   - install: keeps this version's files in the cache "tackboard-<version>"; files named
//     after their content are taken from an older version's cache when it has them, so an
//     update downloads only what changed
//   - fetch: cache first. Opening the page (with any ?query or #hash) is answered with the
//     cached index.html, so the app starts offline; other requests (a sync server, files
//     this version does not have) go to the network untouched
//   - a new version waits until the page asks it to take over (message SKIP_WAITING,
//     sent by tackboard-pwa.js when the user clicks Reload), then deletes the older caches
// It never opens IndexedDB or any other storage of the app: the tickets are not its business.
'use strict';

const BUILD = null;  // {version, immutable: [file], fixed: [file]}: written by tools/dist.py
if (!BUILD) throw new Error('sw.js is a template: serve the output of tools/dist.py (make dist)');

const CACHE_PREFIX = 'tackboard-';
const CACHE = CACHE_PREFIX + BUILD.version;
const scopeUrl = (file) => new URL(file, self.registration.scope).href;
const INDEX = scopeUrl('index.html');
const PAGE_PATHS = new Set([new URL(self.registration.scope).pathname, new URL(INDEX).pathname]);
const FILES = new Set([...BUILD.immutable, ...BUILD.fixed].map(scopeUrl));

async function precache() {
  const cache = await caches.open(CACHE);
  const fetchFresh = async (url) => {
    // 'reload': past the HTTP cache, which may still hold the previous index.html
    const response = await fetch(url, { cache: 'reload' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(url, response);
  };
  await Promise.all([
    ...BUILD.immutable.map(scopeUrl).map(async (url) => {
      const kept = await caches.match(url);
      if (kept) await cache.put(url, kept); else await fetchFresh(url);
    }),
    ...BUILD.fixed.map(scopeUrl).map(fetchFresh),
  ]);
}

self.addEventListener('install', (event) => { event.waitUntil(precache()); });

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    // The first visit is controlled at once, so it works offline without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

// Only this version's own files are answered, keyed without their ?query; anything else
// (a sync server on this origin, a download) is left to the browser.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const key = request.mode === 'navigate' && PAGE_PATHS.has(url.pathname) ? INDEX : url.origin + url.pathname;
  if (!FILES.has(key)) return;
  event.respondWith((async () => {
    const cached = await (await caches.open(CACHE)).match(key);
    return cached || fetch(request);
  })());
});

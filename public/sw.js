/* global self, caches, fetch */
// Criterion's service worker (issue 24): the app's static files from the cache, the module pages readable offline once
// visited, and the capture page opening with no signal so evidence can be captured into the phone's queue.
// Hand-written and small on purpose: every rule is visible here. Never cached: the API (answers are per person), and
// any page other than the ones named below. Signing out clears the cached pages that are not public.
const VERSION = 'v1';
const STATIC = `criterion-static-${VERSION}`;
// Module and item pages are built once and public (the same for everyone): kept across sign-outs.
const PUBLIC_PAGES = `criterion-public-${VERSION}`;
// The capture page carries the learner's own criteria: removed on sign-out.
const PRIVATE_PAGES = `criterion-private-${VERSION}`;
const KEEP = [STATIC, PUBLIC_PAGES, PRIVATE_PAGES];

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (!KEEP.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isPublicPage = (path) => /^\/modules\/[^/]+(\/items\/.*)?$/.test(path);
const isPrivatePage = (path) => path === '/learner/evidence/capture';

/**
 * Network first; the cached copy when the network fails. Only a plain 200 page is kept (no redirect to sign-in). A
 * private page the server no longer gives (the session ended without the Sign out button: it expired, or the account
 * was disabled) is dropped from the cache, so the next person offline on this phone does not get it.
 */
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === 'basic')
      await cache.put(request.url, response.clone());
    else if (cacheName === PRIVATE_PAGES) await cache.delete(request.url);
    return response;
  } catch (error) {
    const cached = await cache.match(request.url, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

/** Build files have content hashes in their names: once cached, always right. */
async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  // Whole-page loads only: the router's own requests (RSC payloads) fall back to a page load when they fail.
  if (request.mode !== 'navigate' || url.search) return;
  if (isPublicPage(url.pathname)) event.respondWith(networkFirst(request, PUBLIC_PAGES));
  else if (isPrivatePage(url.pathname)) event.respondWith(networkFirst(request, PRIVATE_PAGES));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'signed-out') event.waitUntil(caches.delete(PRIVATE_PAGES));
});

// Background Sync (where the browser has it): when the connection returns, an open capture page is asked to send its
// queue (components/captures/upload.ts holds the one uploader; the page does the work).
self.addEventListener('sync', (event) => {
  if (event.tag !== 'captures') return;
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window' })
      .then((windows) => windows.forEach((w) => w.postMessage({ type: 'sync-captures' }))),
  );
});

// Pursuit's service worker: the whole app works offline from the first visit.
//
// scripts/precache.js (a Trunk post-build hook) fills in BUILD, an id made from the build's
// contents, and FILES, every file the build emitted. Installing caches all of them in a cache
// of this build's own; pages are served network first (so a new release is picked up when
// online) and everything else cache first. A new worker activates only when no tab uses the
// old one any more, or when the person reloads from the "new version" notice (boot.js asks
// it to skip waiting), so a tab never mixes old and new files.
const BUILD = "__PURSUIT_BUILD__";
const FILES = [/*__PURSUIT_FILES__*/];
const PREFIX = "pursuit-";
const CACHE = PREFIX + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

// The open tab asks the waiting worker to take over when the person chooses to reload.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match("./index.html").then((hit) => hit || cache.match("./"))),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
    ),
  );
});

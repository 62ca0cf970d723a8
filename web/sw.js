// The service worker: the app shell and the lessons a person opened stay readable offline.
// Everything is fetched from the network first, so a new version shows at once when online;
// the caches answer only when the network cannot.
const shellCache = "signaal-shell-v2";
const apiCache = "signaal-api";
const shell = [
  "/", "/css/app.css", "/manifest.webmanifest", "/favicon.ico", "/icons/icon.svg", "/i18n/languages.json", "/i18n/nl.json", "/i18n/en.json",
  "/js/app.js", "/js/api.js", "/js/offline.js", "/js/dom.js", "/js/i18n.js", "/js/chart.js", "/js/readaloud.js",
  "/js/views/landing.js", "/js/views/account.js", "/js/views/course.js", "/js/views/quiz.js",
  "/js/views/manager.js", "/js/views/managers.js", "/js/views/reminders.js", "/js/views/admin.js", "/js/views/insights.js", "/js/views/welcome.js",
];
// Interface strings of other languages are kept once they are used.
// The pages that are the app shell; downloads, the verification page and the API are not.
const appPages = /^\/(index\.html)?$|^\/(join|s|setup)\/[^/]+$/;
// Only what a learner reads is kept: the course overview, the modules with their lessons and images.
const readable = [/^\/api\/v1\/course$/, /^\/api\/v1\/modules\/[\w-]+$/, /^\/api\/v1\/modules\/[\w-]+\/images\/[^/]+$/];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll(shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== shellCache && name !== apiCache).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

async function networkFirst(request, cacheName, fallbackURL) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(fallbackURL || request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(fallbackURL || request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && appPages.test(url.pathname)) {
    // Every page of the app is the same shell; its views fetch their own data.
    event.respondWith(networkFirst(request, shellCache, "/"));
  } else if (readable.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(networkFirst(request, apiCache));
  } else if (shell.includes(url.pathname) || /^\/i18n\/[\w-]+\.json$/.test(url.pathname)) {
    event.respondWith(networkFirst(request, shellCache));
  }
});

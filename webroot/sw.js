// The service worker: keeps the app's shell (its own files and Lit's) for offline starts.
// It never caches API answers or attachments: those are personal and change; they always go to the
// network. A new VERSION installs beside the old one and waits until the person takes it.
const VERSION = 'duban-app-8';
const SHELL = [
  '/',
  '/m',
  '/app.css',
  '/app.js',
  '/store.js',
  '/i18n.js',
  '/manifest.webmanifest',
  '/favicon.svg',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/logic/clock.js',
  '/logic/light.js',
  '/logic/urgency.js',
  '/logic/countdown.js',
  '/logic/calendar.js',
  '/logic/outbox.js',
  '/logic/thread.js',
  '/logic/time.js',
  '/logic/photo.js',
  '/logic/steps.js',
  '/logic/why.js',
  '/logic/live.js',
  '/logic/review.js',
  '/logic/milestones.js',
  '/logic/dates.js',
  '/logic/unread.js',
  '/logic/pull.js',
  '/logic/link.js',
  '/resize.js',
  '/components/duban-app.js',
  '/components/duban-signin.js',
  '/components/duban-items.js',
  '/components/duban-item-card.js',
  '/components/duban-countdown.js',
  '/components/duban-light.js',
  '/components/duban-item.js',
  '/components/duban-message.js',
  '/components/duban-composer.js',
  '/components/duban-steps.js',
  '/components/duban-why.js',
  '/components/duban-update.js',
  '/components/duban-review.js',
  '/components/duban-thumb.js',
  '/components/duban-office.js',
  '/webjars/lit/3.3.1/index.js',
  '/webjars/lit-html/3.3.2/lit-html.js',
  '/webjars/lit-html/3.3.2/is-server.js',
  '/webjars/lit/3.3.1/directives/repeat.js',
  '/webjars/lit-html/3.3.2/directives/repeat.js',
  '/webjars/lit-html/3.3.2/directive.js',
  '/webjars/lit-html/3.3.2/directive-helpers.js',
  '/webjars/lit-element/4.2.2/lit-element.js',
  '/webjars/lit__reactive-element/2.1.2/reactive-element.js',
  '/webjars/lit__reactive-element/2.1.2/css-tag.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names.filter((n) => n !== VERSION).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-update') self.skipWaiting();
});

function isShell(url) {
  return url.origin === self.location.origin && SHELL.includes(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // only the shell, only GET: API answers and attachments pass straight to the network, never stored
  if (request.method !== 'GET' || !isShell(url)) return;
  // the network first, so an online phone always runs what the server serves; the cache when offline
  event.respondWith(fetch(request).catch(() => caches.open(VERSION).then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((hit) => hit ?? Response.error())));
});

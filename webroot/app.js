// The phone app's entry: the root element, and the service worker that keeps the shell offline.
import './components/duban-app.js';
import { setUpdateReady } from './store.js';

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').then((registration) => {
    // a new version installed while this one runs waits; say so, and let the person take it
    const watch = (worker) => {
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) setUpdateReady();
      });
    };
    if (registration.waiting && navigator.serviceWorker.controller) setUpdateReady();
    registration.addEventListener('updatefound', () => watch(registration.installing));
  }).catch(() => {
    // no service worker (a private window): the app works online all the same
  });
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloaded || !window.dubanUpdating) return;
    reloaded = true;
    window.location.reload();
  });
}

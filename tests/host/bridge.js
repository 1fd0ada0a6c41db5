// Browser test host bridge: gives the real renderer the same `window.api`
// that Electron's preload gives it, but over loopback HTTP to the test host.
// The per-run token arrives once in the URL (?ck-token=…), is kept in
// sessionStorage for this tab only and removed from the address bar.
(function () {
  'use strict';
  var KEY = 'casekeeper-test-host-token';
  var url = new URL(window.location.href);
  var fromUrl = url.searchParams.get('ck-token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('ck-token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  var token = sessionStorage.getItem(KEY) || '';
  var listeners = Object.create(null);
  var source = null;

  function ensureEvents() {
    if (source || !token) return;
    source = new EventSource('./__casekeeper/events?token=' + encodeURIComponent(token));
    source.onmessage = function (message) {
      var parsed;
      try { parsed = JSON.parse(message.data); } catch (_e) { return; }
      var set = listeners[parsed.event];
      if (!set) return;
      set.forEach(function (listener) { listener(parsed.payload); });
    };
  }

  var api = {
    invoke: function (channel, input) {
      return fetch('./__casekeeper/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-casekeeper-token': token },
        body: JSON.stringify({ channel: channel, input: input === undefined ? {} : input }),
        cache: 'no-store',
      }).then(function (response) {
        return response.json();
      }, function () {
        return { ok: false, error: { code: 'INTERNAL', message: 'The test host is not reachable. Is `npm run dev:browser` still running?' } };
      });
    },
    on: function (event, listener) {
      ensureEvents();
      (listeners[event] = listeners[event] || new Set()).add(listener);
      return function () { listeners[event].delete(listener); };
    },
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();

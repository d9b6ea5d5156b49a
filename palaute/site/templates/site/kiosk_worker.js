{% load static %}/* The feedback tablet's service worker. The kiosk page and its two files are kept in the
   browser's cache, so that a tablet that reloads while the network is down still shows
   the questions; the answers wait in localStorage and the page sends them later. The
   network is always tried first, so a changed questionnaire shows as soon as it can. */
"use strict";
var CACHE = "palaute-kiosk-{{ code|escapejs }}";
var PAGE = "{{ page|escapejs }}";
var FILES = [
  "{% static 'palaute/kiosk.js' %}",
  "{% static 'palaute/kiosk.css' %}",
  "{% static 'palaute/route-advice.js' %}",
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true })
      .then(function (windows) {
        // The page as this tablet opened it (?idle=… included), and as it is plainly.
        var pages = windows.map(function (client) { return client.url; })
          .filter(function (url) { return new URL(url).pathname === PAGE; });
        return caches.open(CACHE).then(function (cache) {
          return cache.addAll(FILES.concat([PAGE], pages));
        });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }  // answers go straight to the network
  var url = new URL(request.url);
  var isPage = request.mode === "navigate" && url.pathname === PAGE;
  if (url.origin !== self.location.origin || !(isPage || FILES.indexOf(url.pathname) !== -1)) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
      })
      .catch(function () {
        return caches.open(CACHE).then(function (cache) {
          return cache.match(request).then(function (cached) {
            return cached || cache.match(isPage ? PAGE : request, { ignoreSearch: true });
          });
        }).then(function (cached) { return cached || Response.error(); });
      })
  );
});

/* A small map showing where a feedback is about. */
(function () {
  "use strict";
  var node = document.getElementById("detail-map");
  var settingsNode = document.getElementById("map-settings");
  if (!node || !settingsNode || typeof L === "undefined") { return; }
  var settings = JSON.parse(settingsNode.textContent);
  var point = [parseFloat(node.dataset.lat), parseFloat(node.dataset.lng)];
  var map = L.map(node, { scrollWheelZoom: false, keyboard: false, zoomControl: false, dragging: false }).setView(point, 16);
  L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: settings.attribution }).addTo(map);
  L.marker(point, { keyboard: false }).addTo(map);
})();

/* A small map showing where a feedback is about. */
(function () {
  "use strict";
  var node = document.getElementById("detail-map");
  var settingsNode = document.getElementById("map-settings");
  if (!node || !settingsNode || typeof L === "undefined") { return; }
  var settings = JSON.parse(settingsNode.textContent);
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions(settings.icon);
  var point = [parseFloat(node.dataset.lat), parseFloat(node.dataset.lng)];
  var map = L.map(node, {
    scrollWheelZoom: false, keyboard: false, zoomControl: false, dragging: false,
    attributionControl: false, doubleClickZoom: false, boxZoom: false, touchZoom: false
  }).setView(point, 16);
  L.tileLayer(settings.tileUrl, { maxZoom: 19 }).addTo(map);
  L.marker(point, { keyboard: false, interactive: false }).addTo(map);
})();

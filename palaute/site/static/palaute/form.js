/* Progressive enhancement of the feedback form: the form works without this script. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var alertBox = document.getElementById("error-summary") || document.getElementById("sensitive-warning");
  if (alertBox) { alertBox.focus(); }

  var topicSettings = readJson("topic-settings") || {};
  var map = null;
  var topicSelect = document.getElementById("id_topic");
  var locationSection = document.getElementById("location-section");
  var privateNote = document.getElementById("topic-private-note");

  function applyTopic() {
    if (!topicSelect) { return; }
    var settings = topicSettings[topicSelect.value];
    if (locationSection) {
      var wasHidden = locationSection.hidden;
      locationSection.hidden = Boolean(settings && settings.location === "none");
      if (map && wasHidden && !locationSection.hidden) { map.invalidateSize(); }
      var required = Boolean(settings && settings.location === "required");
      locationSection.querySelectorAll("[data-location-note]").forEach(function (note) {
        note.hidden = (note.dataset.locationNote === "required") !== required;
      });
    }
    if (privateNote) {
      privateNote.hidden = !(settings && settings.public === false);
    }
    document.querySelectorAll("[data-questions-for]").forEach(function (group) {
      var shown = group.dataset.questionsFor === topicSelect.value;
      group.hidden = !shown;
      group.disabled = !shown;
    });
  }
  if (topicSelect) {
    topicSelect.addEventListener("change", applyTopic);
    applyTopic();
  }

  var picker = document.getElementById("map-picker");
  var mapSettings = readJson("map-settings");
  if (!picker || !mapSettings || typeof L === "undefined") { return; }
  picker.hidden = false;
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions(mapSettings.icon);

  var latInput = document.getElementById("id_latitude");
  var lngInput = document.getElementById("id_longitude");
  var status = document.getElementById("map-status");
  var markButton = document.getElementById("map-mark");
  var clearButton = document.getElementById("map-clear");
  markButton.textContent = picker.dataset.labelMark;
  clearButton.textContent = picker.dataset.labelClear;

  var mapNode = document.getElementById("location-map");
  mapNode.setAttribute("aria-label", picker.dataset.labelMap);
  mapNode.setAttribute("aria-describedby", "map-help");
  map = L.map(mapNode, { keyboard: true }).setView(mapSettings.center, 13);
  L.tileLayer(mapSettings.tileUrl, { maxZoom: 19, attribution: mapSettings.attribution }).addTo(map);
  var marker = null;

  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function showStatus() {
    if (marker) {
      var point = marker.getLatLng();
      status.textContent = picker.dataset.labelMarked + " " + point.lat.toFixed(5) + ", " + point.lng.toFixed(5);
      clearButton.disabled = false;
    } else {
      status.textContent = picker.dataset.labelNone;
      clearButton.disabled = true;
    }
  }

  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
    latInput.value = round(latlng.lat);
    lngInput.value = round(latlng.lng);
    showStatus();
  }

  if (latInput.value && lngInput.value) {
    var initial = L.latLng(parseFloat(latInput.value), parseFloat(lngInput.value));
    place(initial);
    map.setView(initial, 16);
  } else {
    showStatus();
  }
  map.on("click", function (event) { place(event.latlng); });
  markButton.addEventListener("click", function () { place(map.getCenter()); });
  clearButton.addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    latInput.value = "";
    lngInput.value = "";
    showStatus();
  });
})();

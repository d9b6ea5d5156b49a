/* Route advice while typing: a moment after the sender stops typing, the text of the
   free-text fields is posted to the server, which answers with notices for a formal
   complaint (muistutus), a patient-safety incident or an emergency (112). They appear in
   the polite live region #route-advice. Progressive enhancement: the server shows the same
   notices after sending, and a failed check (offline kiosk, throttled) changes nothing. */
(function () {
  "use strict";
  var region = document.getElementById("route-advice");
  if (!region || !window.fetch || !window.URLSearchParams) { return; }
  var url = region.getAttribute("data-route-advice-url");
  var fields = region.getAttribute("data-route-advice-fields") || "textarea";
  var keep = region.getAttribute("data-route-advice-keep");
  var DELAY = 800;
  var MAX_TEXT = 5000;
  var timer = null;
  var lastText = null;
  var sequence = 0;

  function currentText() {
    var parts = [];
    Array.prototype.forEach.call(document.querySelectorAll(fields), function (field) {
      if (field.value && field.value.trim()) { parts.push(field.value); }
    });
    return parts.join("\n").slice(0, MAX_TEXT);
  }

  function show(html) {
    // Unchanged notices are not replaced, so screen readers do not hear them again.
    if (region.innerHTML.trim() !== html.trim()) { region.innerHTML = html; }
  }

  function check() {
    var text = currentText();
    if (text === lastText) { return; }
    lastText = text;
    var mine = ++sequence;
    if (!text.trim()) { show(""); return; }
    var body = new URLSearchParams();
    body.set("text", text);
    body.set("lang", document.documentElement.lang || "");
    if (region.hasAttribute("data-route-advice-plain")) { body.set("plain", "1"); }
    fetch(url, { method: "POST", body: body, credentials: "same-origin", cache: "no-store",
      headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && mine === sequence && typeof data.html === "string") { show(data.html); }
      })
      .catch(function () { /* no network or refused: the notice is only a help */ });
  }

  function matches(node) {
    var test = node && (node.matches || node.msMatchesSelector);
    return Boolean(test && test.call(node, fields));
  }

  document.addEventListener("input", function (event) {
    if (!matches(event.target)) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DELAY);
  });
  document.addEventListener("change", function (event) {
    if (matches(event.target)) { window.clearTimeout(timer); check(); }
  });

  // Pages that swap their fields (the kiosk's next customer) name what keeps the notice
  // shown: when neither the fields nor that is on the page, the notice goes too.
  if (keep && window.MutationObserver) {
    new window.MutationObserver(function () {
      if (document.querySelector(fields) || (keep && document.querySelector(keep))) { return; }
      window.clearTimeout(timer);
      lastText = null;
      sequence += 1;
      show("");
    }).observe(document.body, { childList: true, subtree: true });
  }
})();

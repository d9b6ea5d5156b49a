/* The tracking page of feedback being recorded: asks the server every few seconds whether
   it still waits (a small JSON answer, which leaves the "just sent" greeting for the page),
   and reloads the page once, when the feedback is there or could not be recorded. Without
   scripts a <noscript> refresh does the same. */
(function () {
  "use strict";
  var marker = document.getElementById("intake-pending");
  if (!marker || !window.fetch) {
    return;
  }
  var delay = Number(marker.getAttribute("data-refresh-seconds")) * 1000 || 2000;
  function check() {
    fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Palaute-Check": "state", "Accept": "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (!state.waiting) {
          window.location.reload();
        } else {
          delay = Math.min(delay * 1.5, 30000);
          window.setTimeout(check, delay);
        }
      })
      .catch(function () { window.setTimeout(check, 30000); });
  }
  window.setTimeout(check, delay);
})();

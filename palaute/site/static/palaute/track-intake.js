/* The tracking page of feedback being recorded: asks the server every few seconds, without
   reloading what the reader sees, and reloads the page once, when the feedback is there
   (or could not be recorded). Without scripts a <noscript> refresh does the same. */
(function () {
  "use strict";
  var marker = document.getElementById("intake-pending");
  if (!marker || !window.fetch) {
    return;
  }
  var delay = Number(marker.getAttribute("data-refresh-seconds")) * 1000 || 2000;
  function check() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (html.indexOf('id="intake-pending"') === -1) {
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

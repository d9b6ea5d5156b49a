/* Back office: keep the session alive while someone works, fill answers from templates. */
(function () {
  "use strict";
  var script = document.currentScript;
  var keepaliveUrl = script && script.dataset.keepalive;
  var lastActivity = Date.now();
  var lastPing = Date.now();
  ["keydown", "input", "click", "scroll"].forEach(function (name) {
    document.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true });
  });
  if (keepaliveUrl) {
    window.setInterval(function () {
      if (lastActivity > lastPing) {
        lastPing = Date.now();
        fetch(keepaliveUrl, { credentials: "same-origin" }).catch(function () {});
      }
    }, 5 * 60 * 1000);
  }

  // Errors first; otherwise a preview that the page was asked for (the statements).
  var summary = document.getElementById("error-summary") || document.getElementById("preview");
  if (summary) { summary.focus(); summary.scrollIntoView({ block: "start" }); }

  var picker = document.querySelector(".template-picker");
  var textarea = document.querySelector("#answer-form textarea");
  if (picker && textarea) {
    picker.addEventListener("submit", function (event) {
      var option = picker.querySelector("select").selectedOptions[0];
      if (!option) { return; }
      event.preventDefault();
      if (textarea.value.trim() && !window.confirm(picker.dataset.confirm || "")) { return; }
      textarea.value = option.dataset.text;
      var answerKind = document.querySelector('#answer-form input[value="answer"]');
      if (answerKind) { answerKind.checked = true; }
      textarea.focus();
    });
  }
})();

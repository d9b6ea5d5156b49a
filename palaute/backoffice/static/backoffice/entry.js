/* Typing in paper forms: the first box takes the focus, and a complete answer moves the
   cursor to the next box, so a form goes in with the numeric keypad alone. */
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var fields = Array.prototype.slice.call(
    form.querySelectorAll("input:not([type=hidden]), select, textarea, button[type=submit]")
  );
  var summary = document.getElementById("error-summary");
  if (!summary) {
    var first = form.querySelector(".score-input, textarea");
    if (first) { first.focus(); }
  }
  form.addEventListener("input", function (event) {
    var input = event.target;
    var length = parseInt(input.dataset.autoadvance || "0", 10);
    if (!length) { return; }
    var value = input.value.trim();
    var done = value.length >= length || (length === 2 && value.length === 1 && value !== "1");
    if (!done) { return; }
    var next = fields[fields.indexOf(input) + 1];
    if (next) { next.focus(); if (next.select) { next.select(); } }
  });
})();

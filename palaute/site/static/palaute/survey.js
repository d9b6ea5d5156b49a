/* The questionnaire works without this; it moves focus to errors and shows the contact
   fields only when contact is asked for. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  var request = document.getElementById("id_contact_requested");
  var fields = document.getElementById("contact-fields");
  if (request && fields) {
    request.setAttribute("aria-controls", fields.id);
    var apply = function () { fields.hidden = !request.checked; };
    request.addEventListener("change", apply);
    apply();
  }
})();

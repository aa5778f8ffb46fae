/* "Add a line" for Django formsets, without inline script (CSP).
 *
 * Markup: a container [data-formset="<prefix>"] holding the lines ([data-formset-form]), a <template
 * data-formset-empty> with the formset's empty_form (names and ids carry "__prefix__"), and a button
 * [data-formset-add]. A click copies the empty form with the next index, numbers its legend
 * ([data-formset-number]), raises <prefix>-TOTAL_FORMS (which the server reads to know how many lines came)
 * and puts the focus on the new line's first field.
 */
(function () {
  "use strict";

  function setUp(container) {
    var prefix = container.getAttribute("data-formset");
    var total = document.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = document.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var template = container.querySelector("template[data-formset-empty]");
    var button = container.querySelector("[data-formset-add]");
    if (!total || !template || !button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) { return; }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var line = holder.firstElementChild;
      var number = line.querySelector("[data-formset-number]");
      if (number) { number.textContent = String(index + 1); }
      button.parentNode.insertBefore(line, button);
      total.value = String(index + 1);
      var first = line.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
  }

  document.querySelectorAll("[data-formset]").forEach(setUp);
})();

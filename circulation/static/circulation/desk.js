// Circulation desk: keep the cursor where the scanner types, one keystroke (Enter) per action.
(function () {
  "use strict";
  var card = document.getElementById("card-input");
  var item = document.getElementById("item-input");
  var panel = document.getElementById("reader-panel");
  var target = panel ? item : card;
  // A copy issued moments ago was scanned again: the desk asks before taking it back. The focus goes to "No",
  // so a repeated scan (the scanner's Enter) keeps the loan; taking it back needs a deliberate click on "Yes".
  var keepLoan = document.getElementById("confirm-return-no");
  if (keepLoan) { keepLoan.focus(); }
  else if (target) { target.focus(); target.select(); }

  // A submitted form is not submitted twice by a scanner's double Enter.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); return; }
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });

  // Esc: next reader. F2: back to the card field without clearing the reader.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { window.location.href = window.location.pathname; }
    if (event.key === "F2" && card) { event.preventDefault(); card.focus(); card.select(); }
  });

  // A click on the page background gives the focus back to the scan field.
  document.addEventListener("click", function (event) {
    var tag = event.target.tagName;
    if (tag !== "INPUT" && tag !== "BUTTON" && tag !== "A" && tag !== "SELECT" && tag !== "TEXTAREA" && target) {
      target.focus();
    }
  });
})();

/* "In / Lưu PDF" buttons: shown only when JavaScript can open the print dialog. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-pt-print]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

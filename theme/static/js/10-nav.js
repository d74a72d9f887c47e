/* Main navigation: on narrow screens, fold the list behind a "Danh mục" button. Without
   JavaScript the list is simply shown. */
(function () {
  "use strict";
  var toggle = document.querySelector(".pt-nav__toggle");
  var list = document.getElementById("pt-nav-list");
  if (!toggle || !list) return;
  document.documentElement.classList.add("pt-js");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();

/* Main navigation: on narrow screens, fold the list behind a "Danh mục" button. Without
   JavaScript the list is simply shown. Submenus follow the WAI-ARIA disclosure pattern: the
   button beside a parent link toggles aria-expanded; Escape closes the open one and returns the
   focus to its button; a click or the focus elsewhere closes it. */
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

  var expanders = Array.prototype.slice.call(list.querySelectorAll(".pt-nav__expand"));
  function close(except) {
    expanders.forEach(function (button) {
      if (button !== except) button.setAttribute("aria-expanded", "false");
    });
  }
  expanders.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      close(button);
      button.setAttribute("aria-expanded", String(!open));
    });
    button.parentNode.addEventListener("focusout", function (event) {
      if (!button.parentNode.contains(event.relatedTarget)) {
        if (event.relatedTarget) button.setAttribute("aria-expanded", "false");
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target)) close(null);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = expanders.filter(function (b) { return b.getAttribute("aria-expanded") === "true"; });
    if (open.length) {
      close(null);
      open[0].focus();
      return;
    }
    if (toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();
